"""Structural checks of a laid-out table, as data.

The width `W` of a table is the number of cells typed in its first row, as in
mdx-list-tables. Rows and columns in diagnostics count from 1; `col` is the
cell's bullet number in its row, while positions on the grid ("row 3, column 2"
in messages) count logical columns. Spans are handled as rectangles and
counted arithmetically, so `[r999999999c999999999]` is as cheap as `[r2]`.
"""

from __future__ import annotations

from bisect import bisect_right

from .diagnostics import Diagnostic, plural
from .grid import Grid, Placed, Span, effective
from .model import Options, Row

SECTIONS = ("thead", "tbody", "tfoot")


def section_problems(rows: list[Row], options: Options, tag_line: int) -> list[Diagnostic]:
    """The problems with `headerRows`/`footerRows`, reported whatever the mode.

    Args:
        rows: The table's rows as typed.
        options: The table's attributes.
        tag_line: Line of the opening tag.

    Returns:
        A `sections-exceed-rows` diagnostic when the sections need more rows
        than the table has. It points at the line of `headerRows` or
        `footerRows` (the earlier of the two) when the opening tag spans
        several lines, else at the opening tag.
    """
    header, footer = options.header_rows, options.footer_rows
    if header + footer <= len(rows):
        return []
    lines = [
        options.attribute_lines[n]
        for n in ("headerRows", "footerRows")
        if n in options.attribute_lines
    ]
    return [
        Diagnostic(
            "sections-exceed-rows",
            f"headerRows ({header}) + footerRows ({footer}) ask for {header + footer} rows, "
            f"but the table has {len(rows)}",
            f"make headerRows + footerRows at most {len(rows)}, or add rows",
            line=min(lines, default=tag_line),
        )
    ]


def validate(rows: list[Row], grid: Grid, options: Options, tag_line: int) -> list[Diagnostic]:
    """The structural problems of a table, for the modes `warn` and `strict`.

    Args:
        rows: The table's rows as typed.
        grid: `grid.layout` of those rows.
        options: The table's attributes (sections).
        tag_line: Line of the opening tag; every problem found here has a
            cell or row line of its own, so it is only part of the signature
            shared with `section_problems`.

    Returns:
        The diagnostics, ordered by line then column, with `table` left empty.
    """
    if not rows:
        return []
    width = len(rows[0].cells)
    found = [
        *_widths(rows, width),
        *_spans(grid, len(rows), width),
        *_missing(grid, len(rows), width),
        *_orphans(rows, grid),
        *_crossings(grid, options, len(rows)),
    ]
    return sorted(found, key=lambda d: (d.line, d.column or 0))


def _at(placed: Placed, kind: str, message: str, hint: str) -> Diagnostic:
    cell, row, col = placed.cell, placed.row + 1, placed.index + 1
    return Diagnostic(kind, message, hint, cell.line, cell.column, row=row, col=col)


def _marker(placed: Placed) -> str:
    return placed.cell.marker or "the span marker"


def _widths(rows: list[Row], width: int) -> list[Diagnostic]:
    hint = f"give the row {plural(width, 'cell')}, with '_' at each position a span covers"
    return [
        Diagnostic(
            "inconsistent-width",
            f"the row has {plural(len(row.cells), 'cell')} but the first row has {width}",
            hint,
            row.line,
            row=r + 1,
        )
        for r, row in enumerate(rows)
        if len(row.cells) != width
    ]


def _spans(grid: Grid, row_count: int, width: int) -> list[Diagnostic]:
    """`invalid-span`, `rowspan-overflow` and `colspan-overflow` of every placed cell."""
    found: list[Diagnostic] = []
    tall = [span for span in grid.spans if span.bottom - span.top > 1]  # In row order.
    taken = 0
    active: list[Span] = []
    for r, placed_row in enumerate(grid.rows):
        # The rowspans over this row, kept as the walk goes down: linear, not quadratic.
        while taken < len(tall) and tall[taken].top < r:
            active.append(tall[taken])
            taken += 1
        active = [span for span in active if span.bottom > r]
        active.sort(key=lambda span: span.left)
        found.extend(_row_spans(placed_row, active, row_count, width))
    return found


def _row_spans(
    placed_row: list[Placed], active: list[Span], row_count: int, width: int
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for placed in placed_row:
        if placed.cell.rowspan == 1 and placed.cell.colspan == 1:
            continue  # No span to check: most cells.
        cell, marker = placed.cell, _marker(placed)
        values = (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        bad = [f"{name} {value}" for name, value in values if value <= 0]
        if bad:
            message = f"{marker} asks for {' and '.join(bad)}, which counts as 1"
            hint = f"use a positive number, e.g. {'[r2]' if cell.rowspan <= 0 else '[c2]'}"
            found.append(_at(placed, "invalid-span", message, hint))
        rowspan, colspan = effective(cell.rowspan), effective(cell.colspan)
        remain = row_count - placed.row
        if rowspan > remain:
            message = f"{marker} spans {rowspan} rows but only {remain} remain from this row"
            hint = f"reduce the rowspan to at most {remain}, or add rows"
            found.append(_at(placed, "rowspan-overflow", message, hint))
        if colspan > 1 and placed.col + colspan > width:
            message = (
                f"{marker} spans {colspan} columns from column {placed.col + 1}, "
                f"past the {plural(width, 'column')} of the first row"
            )
            hint = f"reduce the colspan to at most {max(width - placed.col, 1)}, or widen the table"
            found.append(_at(placed, "colspan-overflow", message, hint))
        elif colspan > 1:
            found.extend(_overlap(active, placed))
    return found


def _overlap(active: list[Span], placed: Placed) -> list[Diagnostic]:
    """A colspan running into positions that a rowspan from above already covers.

    The walk places a cell only at a free position, so two spans can overlap
    only this way; the `_` at a shared position then serves both of them.
    """
    row, left, right = placed.row, placed.col, placed.col + placed.colspan
    # The cell stands at a free column, so a span it runs into starts right of `left`:
    # with `active` sorted by `left`, the first such span is found by bisection.
    first = bisect_right(active, left, key=lambda s: s.left)
    if first == len(active) or active[first].left >= right:
        return []
    span = active[first]
    message = (
        f"{_marker(placed)} reaches row {row + 1}, column {span.left + 1}, which the span "
        f"of the cell at row {span.top + 1}, col {span.origin.index + 1} already covers"
    )
    hint = "shorten the colspan or the span above so that they do not overlap"
    return [_at(placed, "colspan-overflow", message, hint)]


def _missing(grid: Grid, row_count: int, width: int) -> list[Diagnostic]:
    """`missing-placeholder`: spans without a consumed `_` at every covered position."""
    found: list[Diagnostic] = []
    for span in grid.spans:
        right, bottom = min(span.right, width), min(span.bottom, row_count)
        if span.left >= right:
            continue
        present = {(r, c) for r, c in grid.held.get(span.number, ()) if r < bottom and c < right}
        others = (bottom - span.top) * (right - span.left) - 1
        missing = others - len(present)
        if missing > 0:
            r, c = _first_gap(span, right, present)
            message = (
                f"{_marker(span.origin)} covers row {r + 1}, column {c + 1}, but no '_' is there"
            )
            if missing > 1:
                message += f" (nor at {plural(missing - 1, 'other covered position')})"
            hint = "put a '_' cell at every position the span covers, or shrink the span"
            found.append(_at(span.origin, "missing-placeholder", message, hint))
    return found


def _first_gap(span: Span, right: int, present: set[tuple[int, int]]) -> tuple[int, int]:
    """The first covered position, in reading order, without `_` (one is known to exist)."""
    r, c = span.top, span.left + 1
    while c >= right or (r, c) in present:
        r, c = (r + 1, span.left) if c >= right else (r, c + 1)
    return r, c


def _orphans(rows: list[Row], grid: Grid) -> list[Diagnostic]:
    message = "'_' is not covered by any rowspan or colspan"
    hint = "remove it or add a span above or to its left"
    return [
        Diagnostic(
            "orphan-placeholder",
            message,
            hint,
            rows[r].cells[i].line,
            rows[r].cells[i].column,
            row=r + 1,
            col=i + 1,
        )
        for r, i, _ in grid.orphans
    ]


def _crossings(grid: Grid, options: Options, row_count: int) -> list[Diagnostic]:
    """`span-crosses-section`: rowspans reaching from thead/tbody/tfoot into another."""
    header, footer = options.header_rows, options.footer_rows
    if header + footer > row_count:
        return []  # `section_problems` reports it, and the sections mean nothing.
    lasts = (header, row_count - footer, row_count)  # 1-based last row of each section

    def section(r: int) -> int:
        return 0 if r < header else 2 if r >= row_count - footer else 1

    found: list[Diagnostic] = []
    for span in grid.spans:
        first, last = section(span.top), section(span.bottom - 1)
        if first != last:
            message = (
                f"{_marker(span.origin)} starts in {SECTIONS[first]} and reaches into "
                f"{SECTIONS[last]}, where browsers cut it"
            )
            end = lasts[first]
            fix = f"end the span by row {end}, the last row of {SECTIONS[first]}"
            if end == span.top + 1:
                fix = "drop the rowspan"
            hint = f"{fix}, or change headerRows/footerRows"
            found.append(_at(span.origin, "span-crosses-section", message, hint))
    return found
