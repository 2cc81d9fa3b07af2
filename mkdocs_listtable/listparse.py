"""Read the rows and cells of a block body: a bullet list of bullet lists.

Python-Markdown needs four spaces to nest a list, MDX (CommonMark) needs the
item's content column: `- - a` / `  - b` nests in MDX and comes out flat in
Python-Markdown. So the list structure is read here, from the raw lines, with
CommonMark's content-column rule, and each cell's own Markdown is handed on as
text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .model import Cell, Row
from .syntax import BULLET_RE, ITEM_STARTS, ORDERED_RE, Fence, fence_closes, fence_open

MARKER_RE = re.compile(r"^\[\s*(?=[rc])(?:r(-?\d+))?\s*(?:c(-?\d+))?\s*\](?![(\[:])")


@dataclass
class Item:
    """One list item: its content lines, dedented to the content column.

    Attributes:
        lines: Content lines; the first is the text after the bullet.
        line: 1-based line of the bullet.
        column: 1-based content column (two past the bullet when the item is empty).
        bullet: The bullet as written (`-`, `*`, `+`, `1.`).
        blank_after: A blank line followed the item's content.
    """

    lines: list[str]
    line: int
    column: int
    bullet: str
    blank_after: bool = False


def _start(line: str, ordered: bool) -> tuple[int, str, int] | None:
    """`(bullet indent, bullet, content column)` when `line` starts an item."""
    match = BULLET_RE.match(line) or (ORDERED_RE.match(line) if ordered else None)
    if match is None:
        return None
    indent, bullet, gap = len(match.group(1)), match.group(2), match.group(3)
    after = indent + len(bullet)
    if not gap or len(gap) == 5:
        # An empty first line, or five spaces (indented code): content starts one column in.
        return indent, bullet, after + 1
    return indent, bullet, after + len(gap)


def split_items(
    lines: list[str], first_line: int, ordered: bool = False
) -> tuple[list[Item], int, int]:
    """Split the list starting at the first non-blank line of `lines` into items.

    Args:
        lines: The text; the list must start at its first non-blank line.
        first_line: 1-based line number of `lines[0]`.
        ordered: Also accept numbered items (`1.`, `1)`).

    Returns:
        The items, the index of the first line after the list (`len(lines)`
        when the list runs to the end), and the index where the list starts.
        No items when the first non-blank line is not an item.
    """
    items: list[Item] = []
    count = len(lines)
    index = 0
    while index < count and not lines[index].strip():
        index += 1
    begin = index
    content = -1  # Content column of the open item.
    current: list[str] | None = None  # Lines of the open item.
    fence: Fence | None = None
    previous_blank = False
    # One pass, little work per line: this runs for every row of every table.
    while index < count:
        line = lines[index]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        blank = not stripped or stripped.isspace()
        if fence is not None and current is not None:
            # A fence's lines belong to the item, blank lines and all, until the fence
            # closes or a line less indented than the item's content ends both.
            closes = fence_closes(line, fence)
            if closes or blank or indent >= content:
                current.append(line[min(indent, content) :])
                if closes:
                    fence = None
                index += 1
                continue
            fence = None
        if blank:
            if current is not None:
                current.append("")
            previous_blank = True
            index += 1
            continue
        start = None
        if (current is None or indent < content) and stripped[0] in ITEM_STARTS:
            start = _start(line, ordered)
        if start is not None:
            content = start[2]
            text = line[content:]
            current = [text]
            items.append(Item(current, first_line + index, content + 1, start[1]))
        elif current is not None and indent >= content:
            text = line[content:]
            current.append(text)
        elif current is not None and not previous_blank and _is_paragraph_text(current[-1]):
            current.append(stripped)  # A lazy continuation line.
            text = ""
        else:
            break
        fence = fence_open(text) if ("`" in text or "~" in text) else None
        previous_blank = False
        index += 1
    for item in items:
        while len(item.lines) > 1 and not item.lines[-1].strip():
            item.lines.pop()
            item.blank_after = True
    return items, index, begin


def _is_paragraph_text(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and fence_open(line) is None and not stripped.startswith(("#", ">"))


def _not_a_list(message: str, hint: str, line: int, row: int | None = None) -> Diagnostic:
    return Diagnostic("not-a-list", message, hint, line, row=row)


def parse_cell(item: Item, column_offset: int = 0) -> Cell:
    """A cell from its item: span marker and placeholder read, marker removed."""
    lines = item.lines
    text_line = item.line
    while len(lines) > 1 and not lines[0].strip():
        lines = lines[1:]  # The bullet alone on its line: the cell starts below it.
        text_line += 1
    first = lines[0]
    rowspan = colspan = 1
    marker = None
    match = MARKER_RE.match(first) if first.startswith("[") else None
    if match:
        marker = match.group(0)
        rowspan = int(match.group(1)) if match.group(1) else 1
        colspan = int(match.group(2)) if match.group(2) else 1
        first = first[match.end() :].lstrip(" ")
        lines = [first, *lines[1:]]
    while len(lines) > 1 and not lines[0].strip():
        lines = lines[1:]
        text_line += 1
    text = "\n".join(lines) if len(lines) > 1 else lines[0]
    return Cell(
        text=text,
        line=item.line,
        column=item.column + column_offset,
        text_line=text_line,
        rowspan=rowspan,
        colspan=colspan,
        marker=marker,
        placeholder=marker is None and text.strip() == "_",
    )


ROW_STARTS = frozenset(f"{row} {cell} " for row in "-*+" for cell in "-*+")
"""`- - `: a row's bullet and its first cell's, the common shape's first four columns."""
CELL_STARTS = frozenset(f"  {cell} " for cell in "-*+")
"""`  - `: a next cell's bullet, nested by two spaces."""


def _simple_rows(body: list[str], first_line: int, column_offset: int) -> list[Row] | None:
    """The rows of the most common shape, read fast; `None` for any other shape.

    The shape: no blank line, and every line either `- - text` (a row and its
    first cell) or `  - text` (its next cell), the text on one line. Reading
    it the general way gives the same rows (a property test holds them equal);
    this way costs a quarter as much, and big sites are made of such tables.
    Plain string tests, no regular expression: this runs once per cell.
    """
    if not body or body[0][:4] not in ROW_STARTS:
        return None
    rows: list[Row] = []
    cells: list[Cell] = []
    column = 5 + column_offset  # The text starts in column 5 (1-based), after `- - ` or `  - `.
    line_number = first_line
    for line in body:
        start, text = line[:4], line[4:]
        if not text or text[0].isspace():
            return None  # Blank after the bullet: an empty cell, or text on the lines below.
        if start in CELL_STARTS:
            pass
        elif start in ROW_STARTS:
            cells = []
            rows.append(Row(cells, line_number))
        else:
            return None
        if "``" in text or "~~" in text:
            return None  # Perhaps a fence: the general reading decides.
        if text[0] == "[" or text[0] == "_":
            cells.append(parse_cell(Item([text], line_number, 5, "-"), column_offset))
        else:
            cells.append(Cell(text, line_number, column, line_number))
        line_number += 1
    return rows


def parse_rows(
    body: list[str], first_line: int, column_offset: int = 0
) -> tuple[list[Row], list[Diagnostic]]:
    """Rows and cells of a block body.

    Args:
        body: The lines between the opening and closing tags, dedented.
        first_line: 1-based line number of `body[0]`.
        column_offset: Columns the body was dedented by, for diagnostics.

    Returns:
        The rows, and `not-a-list` diagnostics. Any diagnostic here means the
        body is not a list of lists and no table can be built from it.
    """
    simple = _simple_rows(body, first_line, column_offset)
    if simple is not None:
        return simple, []
    rows_items, end, begin = split_items(body, first_line)
    if not rows_items:
        if begin >= len(body):
            return [], [
                _not_a_list("the table has no rows", "write one '- ' item per row", first_line - 1)
            ]
        return [], [
            _not_a_list(
                "the content is not a bullet list",
                "write each row as a '- ' item whose nested '- ' items are its cells",
                first_line + begin,
            )
        ]
    problems: list[Diagnostic] = []
    if any(line.strip() for line in body[end:]):
        stray = end + next(i for i, line in enumerate(body[end:]) if line.strip())
        problems.append(
            _not_a_list(
                "text after the row list is not part of any row",
                "indent it under a cell, or move it out of the table",
                first_line + stray,
            )
        )
    rows: list[Row] = []
    for number, row_item in enumerate(rows_items, start=1):
        cells_items, cells_end, cells_begin = split_items(row_item.lines, row_item.line)
        if not cells_items and cells_begin >= len(row_item.lines):
            rows.append(Row([], row_item.line))  # An empty row: validation reports its width.
            continue
        if not cells_items:
            problems.append(
                _not_a_list(
                    f"row {number} is text, not a list of cells",
                    "write the row's cells as nested '- ' items under the row's bullet",
                    row_item.line,
                    row=number,
                )
            )
            continue
        if any(line.strip() for line in row_item.lines[cells_end:]):
            stray = cells_end + next(
                i for i, line in enumerate(row_item.lines[cells_end:]) if line.strip()
            )
            problems.append(
                _not_a_list(
                    f"row {number} has text after its cells",
                    "indent it under the cell it belongs to",
                    row_item.line + stray,
                    row=number,
                )
            )
        rows.append(
            Row(
                [parse_cell(item, column_offset + row_item.column - 1) for item in cells_items],
                row_item.line,
            )
        )
    return rows, problems
