"""Fuzzing: random `<ListTable>` blocks, valid and broken, in random pages.

Properties, for every page:

- no exception escapes, and no `internal-error` (an exception we caught) is logged;
- no placeholder of ours is left in the HTML, and every word the author wrote
  is in it (rendered, or in a source toggle, or in an error panel);
- every problem names a line of the page;
- the HTML is well formed (see `wellformed.check_well_formed`);
- every table that validation passed (tables with `validation="strict"`
  render only when they have no problem at all) is a grid: every row covers
  the same number of columns and no position is covered twice.

And for generated valid tables (random partitions of a grid into spans,
written with a `_` at every covered position): no problem is reported and the
rendered cells sit exactly where they were meant to. One edit away from such a
table (a `_` dropped or added, a marker changed, cells swapped, a row doubled),
strict mode renders it only if it is still a grid.

The pages hold no raw HTML and no text right against a code fence: both reach
the HTML as Python-Markdown and superfences make them, unbalanced or with a
`<div>` in a `<p>`, on any page and with or without tables. No ListTable tag
may reach the page as raw HTML (it would vanish, and the author's text with it).

Example counts come from a Hypothesis profile: `listtable-ci` (the default,
200 examples per property, derandomized so CI is repeatable) and
`listtable-fuzz` (`pytest --fuzz` or `LISTTABLE_FUZZ=1`: 20,000 examples per
property, random seeds, failures kept in Hypothesis' example database).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from .conftest import deadline, reached, reaches
from .sites import Records
from .wellformed import check_well_formed

pytestmark = pytest.mark.fuzz

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "listtable-ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=_HEALTH,
)
settings.register_profile(
    "listtable-fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=_HEALTH,
)
FUZZ = os.environ.get("LISTTABLE_FUZZ", "") not in ("", "0")
PROFILE = settings.get_profile("listtable-fuzz" if FUZZ else "listtable-ci")

EXTENSIONS = ["listtable", "pymdownx.superfences", "admonition", "attr_list", "footnotes"]
WORD_RE = re.compile(r"\bw\d+\b")
LINE_RE = re.compile(r"^line (\d+)(?::\d+)?: ")
RAW_TAG_RE = re.compile(r"</?ListTable\b")
"""A ListTable tag as raw HTML: invisible on the page, so never allowed."""
TWICE_ESCAPED_RE = re.compile(r"&amp;lt;/?ListTable")
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
EXAMPLE_SECONDS = 5.0
"""An example converts in milliseconds; seconds mean a loop that does not end."""


# --- Converting and collecting -------------------------------------------------------------------


@contextmanager
def _captured() -> Iterator[Records]:
    logger = logging.getLogger("mkdocs.plugins.listtable")
    handler = Records()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False  # Keep pytest's log capture small.
    try:
        yield handler  # Its messages are read after the conversion, not before.
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def convert(text: str) -> tuple[str, list[str]]:
    """The page's HTML, and what the extension logged."""
    md = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={"listtable": {"raise_on_error": False, "source_toggle": True}},
    )
    with _captured() as records, deadline(EXAMPLE_SECONDS):
        html = md.convert(text)
    return html, records.messages


# --- The grid a table spells ---------------------------------------------------------------------


def _own_rows(table: Tag) -> list[tuple[str, Tag]]:
    """`(section, tr)` of the table's own rows, not those of tables in its cells."""
    return [
        (tr.parent.name, tr)
        for tr in table.find_all("tr")
        if tr.find_parent("table") is table and tr.parent is not None
    ]


def placements(table: Tag) -> dict[str, tuple[int, int, int, int]]:
    """`text -> (row, col, rowspan, colspan)` of every cell, placed as browsers place them.

    Fails if a position is covered twice, a rowspan runs out of its section,
    or the rows do not all cover the same number of columns.
    """
    rows = _own_rows(table)
    sections = [section for section, _ in rows]
    covered: set[tuple[int, int]] = set()
    placed: dict[str, tuple[int, int, int, int]] = {}
    for r, (section, tr) in enumerate(rows):
        section_end = r + sections[r:].count(section)
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in covered:
                c += 1
            rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            assert r + rowspan <= section_end, f"row {r + 1}: rowspan {rowspan} leaves {section}"
            for position in ((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)):
                assert position not in covered, f"{position} is covered twice"
                covered.add(position)
            placed[cell.get_text()] = (r, c, rowspan, colspan)
            c += colspan
    widths = {sum(1 for rr, _ in covered if rr == r) for r in range(len(rows))}
    assert len(widths) <= 1, f"rows cover different numbers of columns: {widths}"
    width = widths.pop() if widths else 0
    assert covered == {(r, c) for r in range(len(rows)) for c in range(width)}, "holes"
    return placed


def _strict_tables(soup: BeautifulSoup) -> Iterator[Tag]:
    """Rendered tables that set `validation="strict"`: each passed validation."""
    for wrapper in soup.select("div.listtable"):
        if "listtable--error" in (wrapper.get("class") or ""):
            continue
        toggle = wrapper.find("details", recursive=False)
        table = wrapper.select_one(":scope > div > table")
        if toggle is None or table is None:
            continue
        code = toggle.find("code")
        # The opening tag: up to its '>', and never past the first row (a tag left
        # without its '>' ends there).
        head = re.split(r"\n\s*[-*+](?: |\n|$)", code.get_text() if code else "", maxsplit=1)[0]
        tag = head.split(">", 1)[0]
        if 'validation="strict"' in tag:
            yield table


# --- Strategies ----------------------------------------------------------------------------------

WORDS = st.integers(0, 9999).map(lambda n: f"w{n}")
PIECES = st.sampled_from(
    [
        "**bold**",
        "`code`",
        "``",
        "_",
        "\\_",
        "_em_",
        "*",
        "[r2]",
        "[c3]",
        "[r2c2]",
        "[r0]",
        "[ r2 ]",
        "[x]",
        "[ ]",
        ">",
        "<",
        "a < b",
        "&",
        "&amp;",
        '"q"',
        "'q'",
        "{1}",
        "{abc}",
        "|",
        "\t",
        "\\",
        "ü",
        "שלום",
    ]
)
INLINE = st.lists(st.one_of(WORDS, WORDS, PIECES), min_size=0, max_size=4).map(" ".join)
MARKERS = st.sampled_from(["", "", "", "[r2] ", "[c2] ", "[r2c2] ", "[r0] ", "[c9] ", "[ r3 ] "])
JITTER = st.sampled_from([0, 0, 0, 0, 0, 0, -1, 1, 2, -2, 4])
TAGS = st.sampled_from(
    [
        "<ListTable>",
        "<ListTable>",
        '<ListTable validation="strict">',
        '<ListTable validation="strict" headerRows={1}>',
        '<ListTable validation="strict" headerRows={1} footerRows={1} headerColumns={1}>',
        '<ListTable validation="off">',
        "<ListTable headerRows={1} headerColumns={1}>",
        '<ListTable caption="Cap" id="t1" className="a b">',
        "<ListTable\n  headerRows={2}\n  caption='multi'\n>",
        '<ListTable widths="1,2" aligns="l,r">',
        "<ListTable headerRows={abc}>",
        '<ListTable caption="open>',
        "<ListTable headerRows={1>",
        "<ListTable headerRow={1}>",
        "<ListTable showSource={false}>",
        "<ListTable footerRows={9}>",
        "<ListTable />",
        "<ListTable headerRows={1}",
    ]
)
CLOSINGS = st.sampled_from(
    ["</ListTable>"] * 6 + ["", "</ListTable> w1", "  </ListTable>", "</ ListTable >"]
)


@st.composite
def cell_lines(draw: st.DrawFn, depth: int) -> list[str]:
    """A cell: its first line (after the bullet), then lines relative to its content column."""
    kind = draw(st.sampled_from(["text", "text", "text", "placeholder", "empty", "multi"]))
    if kind == "placeholder":
        return [draw(st.sampled_from(["_", "_", " _ ", "\\_"]))]
    if kind == "empty":
        return [""]
    first = draw(MARKERS) + draw(INLINE)
    if kind == "text":
        return [first]
    lines = [first]
    for _ in range(draw(st.integers(1, 3))):
        extra = draw(
            st.sampled_from(
                [
                    "text",
                    "blank",
                    "list",
                    "fence",
                    "open-fence",
                    "quote",
                    "tag",
                    "close",
                    "admonition",
                ]
                + (["table"] if depth < 2 else [])
            )
        )
        if extra == "text":
            lines.append(draw(INLINE))
        elif extra == "blank":
            lines.append("")
        elif extra == "list":
            lines += [f"- {draw(INLINE)}", f"  - {draw(INLINE)}"]
        elif extra == "fence":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            # Blank lines around: a fence right under or over a paragraph line ends up in
            # the paragraph's <p> with superfences, anywhere on a page (pymdownx, not ours).
            lines += ["", fence, draw(INLINE), "</ListTable>", fence, ""]
        elif extra == "open-fence":  # Ends with its cell, as in CommonMark.
            lines += ["", "```", draw(INLINE)]
            break  # A later fence would close it, with text right under (see above).
        elif extra == "quote":
            lines.append(f"> {draw(INLINE)}")
        elif extra == "tag":
            lines.append(draw(TAGS).split("\n")[0])
        elif extra == "close":
            lines.append("</ListTable>")
        elif extra == "admonition":
            lines += ["!!! note", f"    {draw(INLINE)}"]
        else:
            lines += draw(block_lines(depth + 1))
    return lines


@st.composite
def block_lines(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A `<ListTable>` block, at column 0, possibly broken."""
    lines = draw(TAGS).split("\n")
    for _ in range(draw(st.integers(0, 4))):
        bullet = draw(st.sampled_from(["-", "-", "-", "*", "+"]))
        gap = draw(st.sampled_from([" ", " ", " ", "   "]))
        row_content = len(bullet) + len(gap)
        layout = draw(st.sampled_from(["cells", "cells", "cells", "alone", "text", "empty"]))
        if layout == "empty":
            lines.append(bullet)
            continue
        if layout == "text":
            lines.append(f"{bullet}{gap}{draw(INLINE)}")
            continue
        if layout == "alone":
            lines.append(bullet)
        for index in range(draw(st.integers(1, 4))):
            cell_bullet = draw(st.sampled_from(["-", "-", "*", "+"]))
            cell_gap = draw(st.sampled_from([" ", " ", " ", "  "]))
            content = row_content + len(cell_bullet) + len(cell_gap)
            first, *rest = draw(cell_lines(depth))
            head = f"{cell_bullet}{cell_gap}{first}".rstrip(" ") if first else cell_bullet
            if index == 0 and layout == "cells":
                lines.append(f"{bullet}{gap}{head}")
            else:
                lines.append(" " * (row_content + draw(JITTER) if index else row_content) + head)
            in_fence = False
            for line in rest:
                # Fence lines stay at the cell's column: a fence a few spaces off is text
                # to superfences, and text right over a fence puts it in a <p> (see above).
                # Lines in a fence are not moved left of it: that would end the fence, and
                # its closing line would open one, with text right under it.
                fence = line.lstrip().startswith(("```", "~~~"))
                jitter = draw(JITTER)
                indent = content if fence else content + (max(jitter, 0) if in_fence else jitter)
                in_fence ^= fence
                lines.append(" " * max(indent, 0) + line if line else "")
    closing = draw(CLOSINGS)
    if closing:
        lines.append(closing)
    return lines


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page of prose, code, comments and containers, with blocks here and there."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(
            st.sampled_from(
                [
                    "block",
                    "block",
                    "block",
                    "text",
                    "heading",
                    "fence",
                    "comment",
                    "admonition",
                    "list-item",
                    "indented-code",
                    "stray",
                    "tags-in-text",
                ]
            )
        )
        block = draw(block_lines())
        if kind == "block":
            parts.append("\n".join(block))
        elif kind == "text":
            parts.append(draw(INLINE) + " w0")
        elif kind == "heading":
            parts.append(f"## {draw(INLINE)} w0")
        elif kind == "fence":
            parts.append("\n".join(["```", *block, "```"]))
        elif kind == "comment":
            parts.append("<!--\n<ListTable>\n- - in a comment\n</ListTable>\n-->")
        elif kind == "admonition":
            parts.append(
                "\n".join(["!!! note", *("    " + line if line else "" for line in block)])
            )
        elif kind == "list-item":
            body = ("    " + line if line else "" for line in block)
            parts.append("\n".join([f"- item {draw(INLINE)}", "", *body]))
        elif kind == "indented-code":
            parts.append("\n".join("    " + line for line in block))
        elif kind == "tags-in-text":
            tags = draw(st.lists(st.sampled_from(["<ListTable>", "</ListTable>"]), min_size=1))
            parts.append(" ".join(f"{tag} {draw(INLINE)}" for tag in tags) + " w0")
        else:
            parts.append("</ListTable>")
    text = parts[0]
    for part in parts[1:]:
        fenced = text.endswith("```") or part.startswith("```")  # See the cell fences.
        tight = draw(st.booleans()) and not fenced
        text += ("\n" if tight else "\n\n") + part
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return text.replace("\n", newline) + newline


# --- Properties ----------------------------------------------------------------------------------


def check_page(text: str) -> tuple[BeautifulSoup, list[str]] | None:
    """Every property that holds for any page; the parsed HTML and the messages."""
    html, messages = convert(text)
    assert "\x02" not in html and "\x03" not in html, "a placeholder of ours leaked"
    assert not [m for m in messages if "internal-error" in m], messages
    line_count = len(text.splitlines())
    for message in messages:
        match = LINE_RE.match(message)
        assert match, f"no line in {message!r}"
        assert 1 <= int(match.group(1)) <= line_count, message
        reached("message")
    visible_html = COMMENT_RE.sub("", html)
    assert not RAW_TAG_RE.search(visible_html), "a ListTable tag reached the page as raw HTML"
    if TWICE_ESCAPED_RE.search(visible_html):
        # A tag line that this extension and Markdown read differently (code or not)
        # shows escaped twice: still the author's text, on the page.
        event("a stray ListTable tag shows escaped twice")
    soup = check_well_formed(html)
    shown = soup.get_text(" ")
    lost = {word for word in WORD_RE.findall(text) if not re.search(rf"\b{word}\b", shown)}
    assert not lost, f"author text lost: {sorted(lost)}"
    for table in _strict_tables(soup):
        event("a table passed strict validation")
        placements(table)
        reached("strict table")
    return soup, messages


@reaches(**{"message": 100, "strict table": 1})
@settings(PROFILE)
@given(pages())
# Found by fuzzing: a tag after a block's tag on its line, and on a stray tag's line.
@example("<ListTable>  <ListTable>  w0\n")
@example("</ListTable>  <ListTable>  w0\n\n<ListTable>\n</ListTable>\n")
def test_any_page(text: str) -> None:
    check_page(text)


FENCE_ENDED_EARLY = (
    "<ListTable>\n</ListTable>\n\n<ListTable>\n</ListTable>\n\n<ListTable>\n</ListTable>\n\n"
    "<ListTable>\n-   -\n    -\n    -\n\n      ````\n\n    </ListTable>\n      ````\n\n\n\n"
    "      ````\n      w0\n      </ListTable>\n      ````\n\n- -\n"
)
"""Found by fuzzing: a line left of a cell's fence (line 17) ends the fence, so the
next fence line closes a fence instead of opening one, and `w0` is text right under it."""


def test_a_line_left_of_a_fence_ends_it_as_in_markdown() -> None:
    html, messages = convert(FENCE_ENDED_EARLY)
    strays = [m.split(": ")[0] for m in messages if "closes no open table" in m]
    assert strays == ["line 17:5", "line 24:7"]  # Line 24 is outside code, as Markdown reads it.
    assert not RAW_TAG_RE.search(html)
    assert "w0" in BeautifulSoup(html, "html.parser").get_text()
    # The <div> in a <p> that follows is Markdown's own reading of text right under a
    # fence, with no ListTable on the page: why `block_lines` keeps fenced lines in place.
    plain = FENCE_ENDED_EARLY.split("\n", 10)[10].replace("</ListTable>", "&lt;/ListTable&gt;")
    soup = BeautifulSoup(markdown.markdown(plain, extensions=EXTENSIONS[1:]), "html.parser")
    assert soup.select("p > div.highlight")


@dataclass(frozen=True)
class Partition:
    """A valid table: its cells as `(row, col, rowspan, colspan)`, in reading order."""

    rows: int
    cols: int
    header: int
    footer: int
    header_columns: int
    cells: tuple[tuple[int, int, int, int], ...]


@st.composite
def partitions(draw: st.DrawFn) -> Partition:
    """A random partition of a grid into rectangles that stay inside their section."""
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    header = draw(st.integers(0, rows))
    footer = draw(st.integers(0, rows - header))
    ends = [
        header if r < header else rows if r >= rows - footer else rows - footer for r in range(rows)
    ]
    covered: set[tuple[int, int]] = set()
    cells = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) in covered:
                continue
            tall = 1
            while r + tall < ends[r] and (r + tall, c) not in covered:
                tall += 1
            rowspan = draw(st.sampled_from([1, 1, 1, *range(1, tall + 1)]))
            wide = 1
            while c + wide < cols and all((r + k, c + wide) not in covered for k in range(rowspan)):
                wide += 1
            colspan = draw(st.sampled_from([1, 1, 1, *range(1, wide + 1)]))
            covered |= {(r + k, c + j) for k in range(rowspan) for j in range(colspan)}
            cells.append((r, c, rowspan, colspan))
    return Partition(rows, cols, header, footer, draw(st.integers(0, cols)), tuple(cells))


def _marker(rowspan: int, colspan: int, style: int) -> str:
    """The marker for the spans, in one of the spellings the syntax allows."""
    parts = ([f"r{rowspan}"] if rowspan > 1 else []) + ([f"c{colspan}"] if colspan > 1 else [])
    if not parts:
        return "[r1c1]" if style == 3 else ""
    spellings = [f"[{''.join(parts)}]", f"[{' '.join(parts)}]", f"[ {''.join(parts)} ]"]
    return spellings[style % 3]


@st.composite
def written(draw: st.DrawFn, grid: Partition) -> list[list[str]]:
    """Each row's items as typed: a cell (`marker text`) at each origin, `_` where a span covers."""
    origins = {(r, c): (rs, cs) for r, c, rs, cs in grid.cells}
    rows = []
    for r in range(grid.rows):
        items = []
        for c in range(grid.cols):
            if (r, c) in origins:
                marker = _marker(*origins[(r, c)], draw(st.integers(0, 3)))
                alone = bool(marker) and draw(st.booleans())
                items.append(f"{marker}\n{r}x{c}" if alone else f"{marker} {r}x{c}".strip())
            else:
                items.append("_")
        rows.append(items)
    return rows


def table_source(grid: Partition, rows: list[list[str]]) -> str:
    tag = (
        f'<ListTable validation="strict" headerRows={{{grid.header}}} '
        f"footerRows={{{grid.footer}}} headerColumns={{{grid.header_columns}}}>"
    )
    lines = [tag]
    for items in rows:
        for index, item in enumerate(items):
            first, *rest = item.split("\n")
            lines.append(("- - " if index == 0 else "  - ") + first)
            lines += ["    " + line for line in rest]
        if not items:
            lines.append("-")
    lines.append("</ListTable>")
    return "\n".join(lines) + "\n"


@settings(PROFILE)
@given(st.data())
def test_valid_tables_render_as_laid_out(data: st.DataObject) -> None:
    grid = data.draw(partitions())
    source = table_source(grid, data.draw(written(grid)))
    checked = check_page(source)
    assert checked is not None
    soup, messages = checked
    assert messages == []
    tables = soup.select("div.listtable table")
    assert len(tables) == 1, source
    expected = {f"{r}x{c}": (r, c, rs, cs) for r, c, rs, cs in grid.cells}
    assert placements(tables[0]) == expected
    sections = [section for section, _ in _own_rows(tables[0])]
    assert (
        sections
        == ["thead"] * grid.header
        + ["tbody"] * (grid.rows - grid.header - grid.footer)
        + ["tfoot"] * grid.footer
    )
    for cell in tables[0].find_all(["td", "th"]):
        r, c = expected[cell.get_text()][:2]
        header = r < grid.header or c < grid.header_columns
        assert cell.name == ("th" if header else "td")


@reaches(**{"strict table": 20, "refused": 20})
@settings(PROFILE)
@given(st.data())
def test_nearly_valid_tables_render_only_as_grids(data: st.DataObject) -> None:
    """One edit away from a valid table: strict mode renders it only if it is still a grid."""
    grid = data.draw(partitions())
    rows = data.draw(written(grid))
    r = data.draw(st.integers(0, len(rows) - 1))
    items = rows[r]
    edit = data.draw(st.sampled_from(["drop", "add", "marker", "swap", "row"]))
    at = data.draw(st.integers(0, max(len(items) - 1, 0)))
    if edit == "drop" and items:
        del items[at]
    elif edit == "add":
        items.insert(at, "_")
    elif edit == "marker":
        items[at] = data.draw(MARKERS) + "edited"
    elif edit == "swap" and len(items) > 1:
        items[at], items[-1] = items[-1], items[at]
    elif edit == "row":
        rows.insert(r, list(items))
    checked = check_page(table_source(grid, rows))
    assert checked is not None
    if not checked[0].select("div.listtable table"):
        reached("refused")  # The edit broke the grid: an error panel instead.
