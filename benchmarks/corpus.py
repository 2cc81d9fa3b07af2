"""Benchmark corpus: one logical table model, written out in every table syntax we compare.

A :class:`Table` is a grid of placed cells (with row and column spans) whose text is a
sequence of inline pieces: plain text, **bold**, `code` and a link. Each *syntax* turns
that model into the source a writer would type for it:

========================  ======================================================  =====
syntax                    what the writer types                                   spans
========================  ======================================================  =====
``listtable``             ``<ListTable headerRows={1}>`` nested lists              yes
``md_in_html``            raw ``<table>`` with ``markdown="1"`` on every element   yes
``html``                  raw ``<table>`` with HTML (no Markdown) in cells         yes
``pipe``                  Markdown pipe table                                      no
``rst_list``              reST ``list-table`` in an ``rst`` fence (rst-in-md)      no
``rst_grid``              reST grid table in an ``rst`` fence (rst-in-md)          yes
``grid``                  grid table (markdown-grid-tables)                        yes
``la_list``               ``{-list-table}`` nested lists (lamarkdown list_tables)  no
========================  ======================================================  =====

Syntaxes without spans get the same cells with the covered positions left empty, so
every variant carries the same text. Everything here is deterministic: the same
arguments always produce the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

InlineKind = Literal["text", "bold", "code", "link"]


@dataclass(frozen=True)
class Inline:
    """One inline piece of a cell: plain text, strong text, inline code or a link."""

    kind: InlineKind
    text: str
    url: str = ""


@dataclass(frozen=True)
class Cell:
    """A placed cell: its inline content and how many rows and columns it covers."""

    content: tuple[Inline, ...]
    rowspan: int = 1
    colspan: int = 1


# A grid position covered by a span from above or from the left.
Slot = Cell | None


@dataclass(frozen=True)
class Table:
    """A table as a full grid: ``rows[r][c]`` is the cell starting there, or ``None``."""

    rows: tuple[tuple[Slot, ...], ...]
    header_rows: int = 1

    @property
    def n_cols(self) -> int:
        """Number of logical columns."""
        return len(self.rows[0])

    def spans(self) -> tuple[int, int]:
        """Count the cells with ``rowspan > 1`` and with ``colspan > 1``."""
        cells = [cell for row in self.rows for cell in row if cell is not None]
        return (
            sum(cell.rowspan > 1 for cell in cells),
            sum(cell.colspan > 1 for cell in cells),
        )


N_COLS = 5


def make_table(n_rows: int, tag: str = "t") -> Table:
    """Build the benchmark table: one header row and ``n_rows - 1`` body rows, 5 columns.

    The header's second cell spans two columns. In the body, every sixth row starts a
    two-row span in the first column, and every sixth row (offset by two) has a cell
    spanning the second and third columns. Each row holds a bold, a code and a link
    piece, so every syntax exercises its inline parser the same way.

    Args:
        n_rows: Total number of rows, header included (at least 2).
        tag: Text mixed into every cell so that tables of a site differ.

    Returns:
        The table model.
    """
    t = Inline
    header: list[Slot] = [
        Cell((t("text", "Name"),)),
        Cell((t("text", "Details"),), colspan=2),
        None,
        Cell((t("text", "Status"),)),
        Cell((t("text", "Notes"),)),
    ]
    rows: list[list[Slot]] = [header]
    for r in range(1, n_rows):
        rowspan = 2 if r % 6 == 1 and r + 1 < n_rows else 1
        colspan = 2 if r % 6 == 3 else 1
        rows.append(
            [
                Cell((t("bold", f"item-{tag}-{r}"),), rowspan=rowspan),
                Cell((t("code", f"value_{r}"), t("text", " is returned")), colspan=colspan),
                Cell((t("text", f"plain words in row {r}"),)),
                Cell((t("text", "see "), t("link", f"docs {r}", f"https://example.com/{tag}/{r}"))),
                Cell((t("text", f"note {r}, a few more words of text"),)),
            ]
        )
    # Blank out the positions that spans cover.
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        rows[r + dr][c + dc] = None
    return Table(tuple(tuple(row) for row in rows))


# --- inline renderers ---------------------------------------------------------------


def inline_md(cell: Cell) -> str:
    """Cell text in Markdown."""
    out = []
    for piece in cell.content:
        if piece.kind == "bold":
            out.append(f"**{piece.text}**")
        elif piece.kind == "code":
            out.append(f"`{piece.text}`")
        elif piece.kind == "link":
            out.append(f"[{piece.text}]({piece.url})")
        else:
            out.append(piece.text)
    return "".join(out)


def inline_html(cell: Cell) -> str:
    """Cell text as finished HTML (what Markdown would produce)."""
    out = []
    for piece in cell.content:
        text = html.escape(piece.text)
        if piece.kind == "bold":
            out.append(f"<strong>{text}</strong>")
        elif piece.kind == "code":
            out.append(f"<code>{text}</code>")
        elif piece.kind == "link":
            out.append(f'<a href="{html.escape(piece.url)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def inline_rst(cell: Cell) -> str:
    """Cell text in reStructuredText (anonymous hyperlinks, inline literals)."""
    out = []
    for piece in cell.content:
        if piece.kind == "bold":
            out.append(f"**{piece.text}**")
        elif piece.kind == "code":
            out.append(f"``{piece.text}``")
        elif piece.kind == "link":
            out.append(f"`{piece.text} <{piece.url}>`__")
        else:
            out.append(piece.text)
    return "".join(out)


# --- table syntaxes -----------------------------------------------------------------


def _span_marker(cell: Cell) -> str:
    marker = ""
    if cell.rowspan > 1:
        marker += f"r{cell.rowspan}"
    if cell.colspan > 1:
        marker += f"c{cell.colspan}"
    return f"[{marker}] " if marker else ""


def render_listtable(table: Table) -> str:
    """``<ListTable>`` with two-space nesting; covered positions are ``_`` placeholders."""
    lines = [f"<ListTable headerRows={{{table.header_rows}}}>"]
    for row in table.rows:
        for c, cell in enumerate(row):
            bullet = "- - " if c == 0 else "  - "
            text = "_" if cell is None else _span_marker(cell) + inline_md(cell)
            lines.append(bullet + text)
    lines.append("</ListTable>")
    return "\n".join(lines)


def _html_table(table: Table, cell_text: Callable[[Cell], str], markdown_attr: str) -> str:
    """A raw HTML table, one element per line, as a person writes it by hand."""
    lines = [f"<table{markdown_attr}>"]
    head, body = table.rows[: table.header_rows], table.rows[table.header_rows :]
    sections = (("thead", head), ("tbody", body))
    for section, rows in sections:
        if not rows:
            continue
        lines.append(f"<{section}{markdown_attr}>")
        tag = "th" if section == "thead" else "td"
        for row in rows:
            lines.append(f"<tr{markdown_attr}>")
            for cell in row:
                if cell is None:
                    continue
                attrs = ""
                if cell.rowspan > 1:
                    attrs += f' rowspan="{cell.rowspan}"'
                if cell.colspan > 1:
                    attrs += f' colspan="{cell.colspan}"'
                lines.append(f"<{tag}{attrs}{markdown_attr}>{cell_text(cell)}</{tag}>")
            lines.append("</tr>")
        lines.append(f"</{section}>")
    lines.append("</table>")
    return "\n".join(lines)


def render_md_in_html(table: Table) -> str:
    """Raw HTML table whose cells are Markdown; md_in_html needs the attribute on every level."""
    return _html_table(table, inline_md, ' markdown="1"')


def render_html(table: Table) -> str:
    """Raw HTML table with finished HTML in the cells (no Markdown to parse)."""
    return _html_table(table, inline_html, "")


def _flat_rows(table: Table, cell_text: Callable[[Cell], str]) -> list[list[str]]:
    """Cell texts with covered positions as empty strings (for syntaxes without spans)."""
    return [[cell_text(cell) if cell else "" for cell in row] for row in table.rows]


def render_pipe(table: Table) -> str:
    """Markdown pipe table; no spans, so covered positions are empty cells."""
    rows = _flat_rows(table, inline_md)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * table.n_cols]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def render_la_list(table: Table) -> str:
    """lamarkdown ``{-list-table}``: four-space nesting, ``* #`` marks the header row.

    An empty cell is written ``&nbsp;``: Python-Markdown reads a bare ``-`` as the
    underline of a setext heading.
    """
    lines = ["{-list-table}"]
    rows = [[text or "&nbsp;" for text in row] for row in _flat_rows(table, inline_md)]
    for r, row in enumerate(rows):
        if r < table.header_rows:
            lines.append("* #")
            lines += [f"    - {text}" for text in row]
        else:
            lines += [("*   - " if c == 0 else "    - ") + text for c, text in enumerate(row)]
    return "\n".join(lines)


def render_rst_list(table: Table) -> str:
    """reST ``list-table`` directive in an ``rst`` fence (rst-in-md); no spans."""
    rows = _flat_rows(table, inline_rst)
    lines = ["```rst", ".. list-table::", f"   :header-rows: {table.header_rows}", ""]
    for row in rows:
        for c, text in enumerate(row):
            lines.append((f"   * - {text}" if c == 0 else f"     - {text}").rstrip())
    lines.append("```")
    return "\n".join(lines)


def grid_art(table: Table, cell_text: Callable[[Cell], str]) -> str:
    """Draw the table as a reST-style grid table (``+---+``, ``|``, ``+===+`` after the header).

    Every cell is one line of text; a cell spanning rows leaves the lines below blank.
    """
    n_rows, n_cols = len(table.rows), table.n_cols
    placed = [
        (r, c, cell, cell_text(cell))
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if cell is not None
    ]
    widths = [1] * n_cols
    for _, c, cell, text in placed:
        if cell.colspan == 1:
            widths[c] = max(widths[c], len(text))
    for _, c, cell, text in placed:
        available = sum(widths[c : c + cell.colspan]) + 3 * (cell.colspan - 1)
        if len(text) > available:
            widths[c + cell.colspan - 1] += len(text) - available
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 3)
    ys = [2 * r for r in range(n_rows + 1)]
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    corners = []
    for r, c, cell, text in placed:
        top, bottom = ys[r], ys[r + cell.rowspan]
        left, right = xs[c], xs[c + cell.colspan]
        for x in range(left, right + 1):
            canvas[top][x] = canvas[bottom][x] = "-"
        for y in range(top, bottom + 1):
            canvas[y][left] = canvas[y][right] = "|"
        corners += [(top, left), (top, right), (bottom, left), (bottom, right)]
        canvas[top + 1][left + 2 : left + 2 + len(text)] = list(text)
    for y, x in corners:
        canvas[y][x] = "+"
    if table.header_rows:
        line = canvas[ys[table.header_rows]]
        line[:] = ["=" if ch == "-" else ch for ch in line]
    return "\n".join("".join(line).rstrip() for line in canvas)


def render_grid(table: Table) -> str:
    """Grid table for markdown-grid-tables (Markdown in cells)."""
    return grid_art(table, inline_md)


def render_rst_grid(table: Table) -> str:
    """reST grid table in an ``rst`` fence (rst-in-md)."""
    return "```rst\n" + grid_art(table, inline_rst) + "\n```"


SYNTAXES: dict[str, Callable[[Table], str]] = {
    "listtable": render_listtable,
    "md_in_html": render_md_in_html,
    "html": render_html,
    "pipe": render_pipe,
    "rst_list": render_rst_list,
    "rst_grid": render_rst_grid,
    "grid": render_grid,
    "la_list": render_la_list,
}

# Syntaxes that can express row and column spans.
SPAN_SYNTAXES = frozenset({"listtable", "md_in_html", "html", "rst_grid", "grid"})


# --- pages and sites ----------------------------------------------------------------

PROSE = (
    "This page documents part of the **example API**. Call `client.fetch()` to read a "
    "resource and see the [reference](https://example.com/reference) for every field. "
    "Requests are retried three times before the error is returned to the caller."
)


def table_page(title: str, tables: Sequence[Table], syntax: str) -> str:
    """A page with a short introduction and each table under its own heading."""
    render = SYNTAXES[syntax]
    parts = [f"# {title}", PROSE]
    for i, table in enumerate(tables, 1):
        parts += [f"## Table {i}", PROSE, render(table)]
    return "\n\n".join(parts) + "\n"


def prose_page(index: int) -> str:
    """A documentation page with no ListTable: headings, prose, a list, code and a pipe table."""
    return "\n\n".join(
        [
            f"# Topic {index}",
            PROSE,
            f"## Usage {index}",
            PROSE,
            "- first, install the **package**\n- then call `setup()`\n"
            "- finally read the [guide](https://example.com/guide)",
            f"```python\nimport example\n\nclient = example.Client(retries={index})\n"
            "print(client.fetch('item'))\n```",
            "| option | default |\n| --- | --- |\n| `retries` | 3 |\n| `timeout` | 10 s |",
            f"## Details {index}",
            PROSE,
            PROSE,
        ]
    )


def write_table_site(docs: Path, syntax: str, pages: int, tables: int, rows: int) -> None:
    """Write ``pages`` pages of ``tables`` tables of ``rows`` rows each in ``syntax``."""
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Benchmark\n\n" + PROSE + "\n", encoding="utf-8")
    for p in range(pages):
        page_tables = [make_table(rows, f"{p}-{t}") for t in range(tables)]
        text = table_page(f"Page {p}", page_tables, syntax)
        (docs / f"page-{p:04d}.md").write_text(text, encoding="utf-8")


def write_prose_site(docs: Path, pages: int) -> None:
    """Write ``pages`` pages with no table syntax of ours at all."""
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Benchmark\n\n" + PROSE + "\n", encoding="utf-8")
    for p in range(pages):
        (docs / f"page-{p:04d}.md").write_text(prose_page(p) + "\n", encoding="utf-8")


def write_giant_site(docs: Path, syntax: str, rows: int) -> None:
    """Write one page holding one table of ``rows`` rows (``rows == 0``: no table)."""
    docs.mkdir(parents=True, exist_ok=True)
    tables = [make_table(rows, "giant")] if rows else []
    (docs / "index.md").write_text(table_page("Giant table", tables, syntax), encoding="utf-8")


if __name__ == "__main__":
    # Show one small table in every syntax, for eyeballing.
    sample = make_table(5, "demo")
    for name, render in SYNTAXES.items():
        print(f"--- {name}\n{render(sample)}\n")
    print(f"spans in the model (rowspans, colspans): {sample.spans()}")
