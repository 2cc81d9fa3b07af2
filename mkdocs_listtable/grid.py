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

from bisect import bisect_right, insort
from dataclasses import dataclass, field
from itertools import accumulate

from .model import Cell

MAX_COLSPAN = 1000
"""HTML's own limit for `colspan`; browsers clamp larger values to it."""
SPAN_BUDGET = 32
"""Row spans open over a row, summed over the rows, allowed per cell typed (see `layout`)."""


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
    number: int
    """The span's index in `Grid.spans`."""


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
        held: For each span (by its index in `spans`), the `(row, col)` of the
            consumed `_` standing inside it.
        too_complex: The layout was given up: far more row spans stood open over
            the rows than the table has cells (see `layout`).
    """

    rows: list[list[Placed]] = field(default_factory=list)
    width: int = 0
    spans: list[Span] = field(default_factory=list)
    consumed: list[tuple[int, int, int]] = field(default_factory=list)
    orphans: list[tuple[int, int, int]] = field(default_factory=list)
    row_ends: list[int] = field(default_factory=list)
    held: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    too_complex: bool = False

    def hold(self, span: Span, row: int, col: int) -> None:
        """Note that a `_` consumed at `(row, col)` stands inside `span`."""
        self.held.setdefault(span.number, []).append((row, col))


def effective(span: int) -> int:
    """The span a value gives in the grid: invalid values count as 1."""
    return span if span > 1 else 1


def _covered_runs(active: list[Span]) -> list[tuple[int, int]]:
    """The columns the spans in `active` (sorted by `left`) cover, as disjoint runs.

    Overlapping and touching spans merge into one run, so a walk jumps over
    covered columns in one step however many spans cover them.
    """
    runs: list[tuple[int, int]] = []
    for span in active:
        if runs and span.left <= runs[-1][1]:
            if span.right > runs[-1][1]:
                runs[-1] = (runs[-1][0], span.right)
        else:
            runs.append((span.left, span.right))
    return runs


def _holders(active: list[Span], reach: list[int], col: int) -> list[Span]:
    """The spans of `active` (sorted by `left`; `reach[i]` the largest `right` of the
    first `i + 1`) that cover column `col`."""
    found = []
    index = bisect_right(active, col, key=lambda s: s.left) - 1
    while index >= 0 and reach[index] > col:
        if active[index].right > col:
            found.append(active[index])
        index -= 1
    return found


def layout(rows: list[list[Cell]]) -> Grid:
    """Place the cells of `rows` (each a row's cells as typed) on the grid.

    Each row costs its cells plus the row spans open over it. A staircase of
    long row spans keeps many open over rows of few cells; past `SPAN_BUDGET`
    open spans per cell of the table in all, the layout is given up and
    `too_complex` set, so that no page can make it take quadratic time.
    """
    grid = Grid()
    active: list[Span] = []  # The row spans from above, sorted by their left column.
    row_count = len(rows)
    budget = SPAN_BUDGET * (sum(len(cells) for cells in rows) + 1000)
    for r, cells in enumerate(rows):
        runs: list[tuple[int, int]] = []
        reach: list[int] = []
        if active:
            active = [span for span in active if span.bottom > r]
            budget -= len(active)
            if budget < 0:
                grid.too_complex = True
                return grid
            runs = _covered_runs(active)
            reach = list(accumulate((span.right for span in active), max))
        run_index = 0
        run_count = len(runs)
        started: list[Span] = []  # Row spans starting in this row: they cover the rows below.
        placed: list[Placed] = []
        col = 0
        ptr = 0
        count = len(cells)
        while ptr < count:
            free = col
            # Past the last covered run (most rows have none) nothing below is covered.
            while run_index < run_count and runs[run_index][1] <= col:
                run_index += 1
            if run_index < run_count and runs[run_index][0] <= col:
                free = runs[run_index][1]
            if free > col:
                # Each covered position consumes at most one `_` standing there.
                run = free - col
                taken = 0
                while taken < run and ptr < count and cells[ptr].placeholder:
                    grid.consumed.append((r, ptr, col + taken))
                    for holder in _holders(active, reach, col + taken):
                        grid.hold(holder, r, col + taken)
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
                span = Span(r, r + rowspan, col, col + colspan, here, len(grid.spans))
                grid.spans.append(span)
                if rowspan > 1:
                    started.append(span)
            col += colspan
            for offset in range(1, colspan):
                if ptr < count and cells[ptr].placeholder:
                    grid.consumed.append((r, ptr, here.col + offset))
                    grid.hold(span, r, here.col + offset)
                    # A colspan running into a row span from above (an error) stands in both.
                    for holder in _holders(active, reach, here.col + offset) if active else ():
                        grid.hold(holder, r, here.col + offset)
                    ptr += 1
                else:
                    break
        for span in started:
            insort(active, span, key=lambda s: s.left)
        grid.rows.append(placed)
        grid.row_ends.append(col)
        grid.width = max(grid.width, col)
    for span in active:
        grid.width = max(grid.width, span.right)
    return grid
