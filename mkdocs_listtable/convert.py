"""`mkdocs-listtable convert`: tables written another way, as `<ListTable>` blocks.

Three sources, each read into the same `Table` (rows of `Item`s: a cell with
its spans, or the `_` of a position a span covers) and written out by `write`:

- HTML tables (raw HTML, `md_in_html` tables with `markdown="1"`, tables
  copied from a rendered page): laid out with HTML's own table algorithm,
  `thead`/`tfoot` rows becoming `headerRows`/`footerRows`, leading columns of
  `<th scope="row">` becoming `headerColumns`, `caption`/`id`/`class`
  becoming attributes, and each cell's HTML becoming Markdown through
  `markdownify` (a cell of an `md_in_html` table is Markdown already, and kept);
- pipe tables (GFM, Python-Markdown), their alignment row becoming `aligns`;
- CSV and TSV, with the header rows and columns given on the command line.

`convert_page` rewrites the tables of a Markdown page in place and leaves every
other byte as it was.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import markdown
from bs4 import BeautifulSoup, Tag
from markdown.extensions.tables import TableProcessor
from markdownify import MarkdownConverter

from .listparse import MARKER_RE
from .pages import Source
from .syntax import fence_closes, fence_open

MAX_SPAN = 1000  # HTML's own limit for colspan; larger rowspans mean "to the end" anyway.
KINDS = ("html", "pipe", "csv", "tsv")
_ALIGN_LETTERS = {"left": "l", "center": "c", "right": "r", "justify": "j"}
_DELIMITER_RE = re.compile(r"^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$")
_TABLE_OPEN_RE = re.compile(r"^( {0,3})<table(?=[\s>])", re.IGNORECASE)
_TABLE_TAG_RE = re.compile(r"<(/?)table(?=[\s>])", re.IGNORECASE)
_ALIGN_STYLE_RE = re.compile(r"text-align\s*:\s*(left|center|right|justify)", re.IGNORECASE)
_MARKDOWN_ESCAPES = re.compile(r"([\\`*_\[\]])")  # Python-Markdown's escapes that matter inline.
# What starts a block in Python-Markdown: `>` and `#` need no space after them.
_LINE_START_RE = re.compile(r"^(\s*)(>|#|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$))")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")


@dataclass
class Item:
    """One item of a ListTable row: a cell (Markdown, spans) or a covered position (`_`)."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False


@dataclass
class Table:
    """A table ready to be written as a ListTable."""

    rows: list[list[Item]] = field(default_factory=list)
    header_rows: int = 0
    footer_rows: int = 0
    header_columns: int = 0
    caption: str | None = None
    id: str | None = None
    class_name: str | None = None
    aligns: list[str] | None = None


def _attribute(name: str, value: str) -> str:
    """`name="value"`, quoted so that JSX reads it back exactly."""
    if '"' not in value:
        return f'{name}="{value}"'
    if "'" not in value:
        return f"{name}='{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{name}={{"{escaped}"}}'


def _cell_lines(text: str) -> list[str]:
    """A cell's Markdown made safe as a ListTable item: not a `_`, not a span marker."""
    text = text.strip("\n")
    if text.strip() == "_" or MARKER_RE.match(text.lstrip()):
        text = "\\" + text.lstrip()
    return text.split("\n")


def write(table: Table, indent: str = "") -> str:
    """The table as a `<ListTable>` block, every line after `indent`, ending with a newline."""
    attributes = []
    for name, value in (
        ("headerRows", table.header_rows),
        ("headerColumns", table.header_columns),
        ("footerRows", table.footer_rows),
    ):
        if value:
            attributes.append(f"{name}={{{value}}}")
    for name, text in (("caption", table.caption), ("id", table.id)):
        if text:
            attributes.append(_attribute(name, text))
    if table.class_name:
        attributes.append(_attribute("className", table.class_name))
    if table.aligns and any(a != "d" for a in table.aligns):
        attributes.append(f'aligns="{",".join(table.aligns)}"')
    lines = ["<ListTable" + "".join(" " + a for a in attributes) + ">"]
    for row in table.rows:
        for index, item in enumerate(row):
            bullet = "- - " if index == 0 else "  - "
            if item.covered:
                lines.append(bullet + "_")
                continue
            marker = ""
            if item.rowspan > 1 or item.colspan > 1:
                r = f"r{item.rowspan}" if item.rowspan > 1 else ""
                c = f"c{item.colspan}" if item.colspan > 1 else ""
                marker = f"[{r}{c}]"
            first, *rest = _cell_lines(item.text)
            head = " ".join(part for part in (marker, first) if part)
            lines.append(bullet + head if head else bullet.rstrip())
            # Trailing spaces stay: two of them are a line break (`<br>`).
            lines.extend("    " + line if line.strip() else "" for line in rest)
        if not row:
            lines.append("-")
    lines.append("</ListTable>")
    return "".join((indent + line if line else line) + "\n" for line in lines)


# HTML ----------------------------------------------------------------------------------------


class _CellConverter(MarkdownConverter):
    """markdownify, set up for table cells: ATX headings, `-` bullets, fenced code."""

    def __init__(self) -> None:
        super().__init__(
            heading_style="ATX",
            bullets="-",
            code_language_callback=_code_language,
            escape_misc=False,
        )


def _code_language(element: Tag) -> str | None:
    """The language of `<pre><code class="language-py">`, for the fence."""
    code = element.find("code") if element.name == "pre" else element
    for name in (code.get("class") or []) if isinstance(code, Tag) else []:
        if name.startswith("language-"):
            return str(name.removeprefix("language-"))
    return None


def _is_markdown(element: Tag) -> bool:
    """Whether `element` (or a parent in its table) says its content is Markdown (md_in_html)."""
    node: Tag | None = element
    while node is not None:
        if node.get("markdown") in ("1", "block", "span"):
            return True
        if node.name == "table":
            break
        node = node.parent
    return False


def _span(value: object, limit: int) -> int:
    text = str(value or "1").strip()
    number = int(text) if text.isdigit() else 1
    return min(number, limit) if number > 0 else limit  # rowspan="0": to the group's end


def _cell_markdown(cell: Tag, converter: _CellConverter) -> str:
    if _is_markdown(cell):
        inner = cell.decode_contents()
        lines = inner.strip("\n").split("\n")
        margin = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        return "\n".join(line[margin:].rstrip() for line in lines).strip()
    text = str(converter.convert(cell.decode_contents()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _cell_align(cell: Tag) -> str:
    match = _ALIGN_STYLE_RE.search(str(cell.get("style") or ""))
    value = (match.group(1) if match else str(cell.get("align") or "")).lower()
    return _ALIGN_LETTERS.get(value, "d")


def html_tables(html: str) -> Iterator[Table]:
    """Each `<table>` of `html` (tables nested in a cell stay in that cell, as HTML)."""
    soup = BeautifulSoup(html, "html.parser")
    converter = _CellConverter()
    for element in soup.find_all("table"):
        if isinstance(element, Tag) and element.find_parent("table") is None:
            yield html_table(element, converter)


def _own_rows(table: Tag) -> list[tuple[str, list[Tag]]]:
    """The table's row groups in display order (thead, the bodies, tfoot), each with its rows."""
    heads: list[list[Tag]] = []
    bodies: list[list[Tag]] = []
    feet: list[list[Tag]] = []
    loose: list[Tag] = []
    for child in table.find_all(recursive=False):
        if child.name == "tr":
            loose.append(child)
            continue
        if loose:
            bodies.append(loose)
            loose = []
        rows = [tr for tr in child.find_all("tr", recursive=False)]
        if child.name == "thead" and not heads:
            heads.append(rows)
        elif child.name == "tfoot" and not feet:
            feet.append(rows)
        elif child.name in ("tbody", "thead", "tfoot"):
            bodies.append(rows)
    if loose:
        bodies.append(loose)
    return (
        [("thead", rows) for rows in heads]
        + [("tbody", rows) for rows in bodies]
        + [("tfoot", rows) for rows in feet]
    )


def html_table(table: Tag, converter: _CellConverter | None = None) -> Table:
    """One HTML `<table>` as a `Table`, laid out as browsers lay it out."""
    converter = converter or _CellConverter()
    result = Table()
    caption = table.find("caption", recursive=False)
    if isinstance(caption, Tag):
        text = " ".join(str(converter.convert(caption.decode_contents())).split())
        result.caption = text or None
    result.id = str(table.get("id")) if table.get("id") else None
    classes = table.get("class")
    if classes:
        result.class_name = " ".join(classes) if isinstance(classes, list) else str(classes)
    groups = _own_rows(table)
    grid: list[list[Item | None]] = []
    origins: dict[tuple[int, int], tuple[str, str | None, str]] = {}  # tag, scope, align
    for section, rows in groups:
        top = len(grid)
        grid.extend([] for _ in rows)
        for offset, tr in enumerate(rows):
            r = top + offset
            c = 0
            for cell in tr.find_all(["td", "th"], recursive=False):
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                rowspan = min(_span(cell.get("rowspan"), MAX_SPAN), len(rows) - offset)
                colspan = _span(cell.get("colspan"), MAX_SPAN)
                origin = Item(_cell_markdown(cell, converter), rowspan, colspan)
                for rr in range(r, r + rowspan):
                    for cc in range(c, c + colspan):
                        row = grid[rr]
                        row.extend([None] * (cc + 1 - len(row)))
                        row[cc] = origin if (rr, cc) == (r, c) else Item(covered=True)
                scope = cell.get("scope")
                origins[r, c] = (cell.name, str(scope) if scope else None, _cell_align(cell))
                c += colspan
        if section == "thead":
            result.header_rows += len(rows)
        elif section == "tfoot":
            result.footer_rows = len(rows)
    width = max((len(row) for row in grid), default=0)
    result.rows = [[item or Item() for item in row + [None] * (width - len(row))] for row in grid]
    result.header_columns = _header_columns(result, origins, width)
    result.aligns = _aligns(origins, width)
    return result


def _header_columns(
    table: Table, origins: dict[tuple[int, int], tuple[str, str | None, str]], width: int
) -> int:
    """Leading columns whose cells below the header rows are all row headers (`<th>`).

    Footer rows count too: a ListTable's header columns are headers there as well.
    A column where no cell starts decides nothing and is passed over.
    """
    below = range(table.header_rows, len(table.rows))
    columns = 0
    for c in range(width):
        cells = [origins[r, c] for r in below if (r, c) in origins]
        if any(tag != "th" or scope in ("col", "colgroup") for tag, scope, _ in cells):
            break
        if cells:
            columns = c + 1
    return columns


def _aligns(
    origins: dict[tuple[int, int], tuple[str, str | None, str]], width: int
) -> list[str] | None:
    """One alignment per column, when every cell that starts in the column agrees."""
    found: list[set[str]] = [set() for _ in range(width)]
    for (_, c), (_, _, align) in origins.items():
        found[c].add(align)
    aligns = [next(iter(values)) if len(values) == 1 else "d" for values in found]
    return aligns if any(a != "d" for a in aligns) else None


# Pipe tables -------------------------------------------------------------------------------


def _unescape_pipes(cell: str) -> str:
    """The cell with each `\\|` as `|`, in code spans too, as GitHub reads a pipe-table cell.

    GitHub (cmark-gfm) takes the backslash off every `\\|` of a cell before
    reading its inline Markdown, so no pairing of backticks decides it, and
    `` `a\\|b` `` shows `a|b`. (Python-Markdown's own tables show `a\\|b` there.)
    """
    return cell.replace("\\|", "|")


def _splitter(lines: list[str]) -> TableProcessor:
    """Python-Markdown's own pipe-table reader, set up for this table's borders."""
    processor = TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False})
    processor.test(None, "\n".join(lines))  # type: ignore[arg-type]  # Reads the borders only.
    return processor


def _inline_cell(cell: str) -> str:
    """A pipe-table cell's inline Markdown as a ListTable cell that renders the same.

    A comment opener that no `-->` closes is text in a pipe table; in a
    ListTable body it would hide the rest of the table.
    """
    text = _block_safe(_unescape_pipes(cell.strip()))
    opener = text.find("<!--")
    if opener >= 0 and "-->" not in text[opener:]:
        text = text[:opener] + "&lt;!--" + text[opener + 4 :]
    return text


def pipe_table(lines: list[str]) -> Table:
    """A pipe table (header line, alignment line, body lines) as a `Table`.

    The lines are split into cells by Python-Markdown's own `tables` extension
    (its private `_split_row`), so the cells are those it would render.
    """
    processor = _splitter(lines)
    split = processor._split_row  # type: ignore[attr-defined]
    header = split(lines[0].strip())
    aligns = []
    for spec in split(lines[1].strip()):
        spec = spec.strip()
        left, right = spec.startswith(":"), spec.endswith(":")
        aligns.append("c" if left and right else "r" if right else "l" if left else "d")
    width = len(header)
    rows = [header] + [split(line.strip()) for line in lines[2:]]
    table = Table(header_rows=1)
    for cells in rows:
        cells = (cells + [""] * width)[:width]  # As Python-Markdown: short rows padded.
        table.rows.append([Item(_inline_cell(c)) for c in cells])
    table.aligns = (aligns + ["d"] * width)[:width] if any(a != "d" for a in aligns) else None
    return table


# CSV ---------------------------------------------------------------------------------------


def _block_safe(line: str) -> str:
    """Inline Markdown that starts no block (`> x`, `# x`, `- x`, `1. x`) where a cell does."""
    match = _LINE_START_RE.match(line)
    if not match:
        return line
    marker = match.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return match.group(1) + escaped + line[match.end(2) :]


def escape_text(text: str) -> str:
    """Plain text as Markdown that reads back as the same text."""
    lines = []
    for line in text.split("\n"):
        line = _MARKDOWN_ESCAPES.sub(r"\\\1", line)
        line = _ENTITY_RE.sub("&amp;", line).replace("<", "&lt;")
        lines.append(_block_safe(line.strip()))
    return "  \n".join(line for line in lines if line)


def csv_table(text: str, delimiter: str, header_rows: int = 0, header_columns: int = 0) -> Table:
    """CSV (or TSV) text as a `Table`: each value plain text, rows padded to the widest."""
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row]
    width = max((len(row) for row in rows), default=0)
    table = Table(header_rows=min(header_rows, len(rows)), header_columns=header_columns)
    table.rows = [[Item(escape_text(v)) for v in row + [""] * (width - len(row))] for row in rows]
    return table


# Pages -------------------------------------------------------------------------------------


@dataclass
class Found:
    """A table found in a Markdown page: its lines (0-based, end excluded) and its kind."""

    start: int
    end: int
    kind: str
    indent: str


def find_tables(lines: list[str], kinds: tuple[str, ...]) -> Iterator[Found]:
    """The HTML and pipe tables of a Markdown page's lines (without line endings), not in code."""
    i = 0
    fence = None
    while i < len(lines):
        line = lines[i]
        if fence is not None:
            if fence_closes(line, fence):
                fence = None
            i += 1
            continue
        fence = fence_open(line)
        if fence is not None:
            i += 1
            continue
        opening = _TABLE_OPEN_RE.match(line)
        if opening and "html" in kinds:
            end = _html_end(lines, i)
            if end is not None:
                yield Found(i, end, "html", opening.group(1))
                i = end
                continue
        if (
            "pipe" in kinds
            and "|" in line
            and i + 1 < len(lines)
            and _DELIMITER_RE.match(lines[i + 1])
            and (i == 0 or not lines[i - 1].strip())
            and "-" in lines[i + 1]
        ):
            end = i + 2
            while end < len(lines) and lines[end].strip() and "|" in lines[end]:
                end += 1
            indent = line[: len(line) - len(line.lstrip(" "))]
            if len(indent) < 4:
                yield Found(i, end, "pipe", indent)
                i = end
                continue
        i += 1


def _html_end(lines: list[str], start: int) -> int | None:
    """The line after the one that closes the `<table>` opened at `lines[start]`."""
    depth = 0
    for index in range(start, len(lines)):
        for match in _TABLE_TAG_RE.finditer(lines[index]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                return index + 1
    return None


def convert_found(found: Found, lines: list[str]) -> list[Table]:
    """The tables of one found block."""
    text = [
        line[len(found.indent) :] if line.startswith(found.indent) else line
        for line in lines[found.start : found.end]
    ]
    if found.kind == "html":
        return list(html_tables("\n".join(text)))
    return [pipe_table(text)]


def convert_page(text: str, kinds: tuple[str, ...]) -> tuple[str, int]:
    """`text` with every table of `kinds` rewritten as a ListTable; and how many were.

    Lines outside the tables keep every byte, their line endings included; the
    ListTable's lines end as the table's last line did.
    """
    source = Source.parse(text)
    changes = []
    count = 0
    for found in find_tables(source.lines, kinds):
        tables = convert_found(found, source.lines)
        if tables:
            block = "\n".join(write(table, found.indent) for table in tables)
            changes.append((found.start, found.end, block.rstrip("\n").split("\n")))
            count += len(tables)
    return source.replaced(changes).text(), count
