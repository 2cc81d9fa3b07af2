"""Lay the cells as typed onto the logical grid, the way mdx-list-tables does.

Each row's cells are walked left to right over the logical columns. A position
covered by a span from above is skipped, consuming a `_` standing there; a `_`
at a free position is an orphan and produces no cell (the column still
advances); after a `[cN]` cell, up to N-1 following `_` are consumed. Invalid
span values count as 1.

Spans are kept as rectangles, never expanded into the positions they cover, so
`[r999999999]` costs no more than `[r2]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Cell

MAX_COLSPAN = 1000
"""HTML's own limit for `colspan`; browsers clamp larger values to it."""


@dataclass(slots=True)
class Placed:
    """A cell that produces a `<td>`/`<th>`.

    Attributes:
        cell: The cell as typed.
        row: 0-based row of the table.
        col: 0-based logical column.
        rowspan: Rows spanned, at least 1, clipped to the rows left in the table.
        colspan: Columns spanned, at least 1, at most `MAX_COLSPAN`.
        index: 0-based index of the cell in its row as typed.
    """

    cell: Cell
    row: int
    col: int
    rowspan: int
    colspan: int
    index: int


@dataclass(frozen=True)
class Span:
    """The rectangle a spanning cell covers: rows `top`..`bottom`-1, columns `left`..`right`-1."""

    top: int
    bottom: int
    left: int
    right: int
    origin: Placed


@dataclass
class Grid:
    """The laid-out table.

    Attributes:
        rows: Placed cells of each row, left to right.
        width: Logical columns of the widest row.
        spans: Every cell spanning more than one position.
        consumed: `(row, index, col)` of each `_` consumed by a span.
        orphans: `(row, index, col)` of each `_` standing at a free position.
        row_ends: Logical column reached by each row's last typed cell.
    """

    rows: list[list[Placed]] = field(default_factory=list)
    width: int = 0
    spans: list[Span] = field(default_factory=list)
    consumed: list[tuple[int, int, int]] = field(default_factory=list)
    orphans: list[tuple[int, int, int]] = field(default_factory=list)
    row_ends: list[int] = field(default_factory=list)


def effective(span: int) -> int:
    """The span a value gives in the grid: invalid values count as 1."""
    return span if span > 1 else 1


def _covered_run_end(active: list[Span], row: int, col: int) -> int:
    """The first column at or after `col` that no span from above covers in `row`."""
    end = col
    moved = True
    while moved:
        moved = False
        for span in active:
            if span.top < row < span.bottom and span.left <= end < span.right:
                end = span.right
                moved = True
    return end


def layout(rows: list[list[Cell]]) -> Grid:
    """Place the cells of `rows` (each a row's cells as typed) on the grid."""
    grid = Grid()
    active: list[Span] = []
    row_count = len(rows)
    for r, cells in enumerate(rows):
        if active:
            active = [span for span in active if span.bottom > r]
        placed: list[Placed] = []
        col = 0
        ptr = 0
        count = len(cells)
        while ptr < count:
            free = _covered_run_end(active, r, col) if active else col
            if free > col:
                # Each covered position consumes at most one `_` standing there.
                run = free - col
                taken = 0
                while taken < run and ptr < count and cells[ptr].placeholder:
                    grid.consumed.append((r, ptr, col + taken))
                    ptr += 1
                    taken += 1
                col = free
                continue
            cell = cells[ptr]
            if cell.placeholder:
                grid.orphans.append((r, ptr, col))
                ptr += 1
                col += 1
                continue
            if cell.rowspan == 1 and cell.colspan == 1:  # Most cells: nothing to span.
                placed.append(Placed(cell, r, col, 1, 1, ptr))
                ptr += 1
                col += 1
                continue
            rowspan = min(cell.rowspan, row_count - r) if cell.rowspan > 1 else 1
            colspan = min(cell.colspan, MAX_COLSPAN) if cell.colspan > 1 else 1
            here = Placed(cell, r, col, rowspan, colspan, ptr)
            placed.append(here)
            ptr += 1
            if rowspan > 1 or colspan > 1:
                span = Span(r, r + rowspan, col, col + colspan, here)
                grid.spans.append(span)
                if rowspan > 1:
                    active.append(span)
            col += colspan
            for offset in range(1, colspan):
                if ptr < count and cells[ptr].placeholder:
                    grid.consumed.append((r, ptr, here.col + offset))
                    ptr += 1
                else:
                    break
        grid.rows.append(placed)
        grid.row_ends.append(col)
        grid.width = max(grid.width, col)
    for span in active:
        grid.width = max(grid.width, span.right)
    return grid
