"""Which header cells name which data cells: for screen readers, and for sorting.

Follows the W3C WAI tutorial "Tables with multi-level headers". A header
spanning columns of the header rows is `scope="colgroup"` and gets a
`<colgroup>` of exactly its columns; a header spanning rows of the first
header column is `scope="rowgroup"` and gets a `<tbody>` of exactly its rows,
where no other cell crosses that group's edges (the HTML table model allows no
more). Where headers are multi-level or irregular (more than one header row or
column, or a header cell spanning), every header cell also gets an `id` and
every data cell a `headers` list, so the HTML standard's "algorithm for
assigning header cells" gives each data cell exactly the header cells above it
in its columns and to its left in its rows, whatever a screen reader makes of
the scopes.

Sorting: Material's tablesort recipe makes every `table:not([class])` sortable
by its last header row. Sorting moves whole rows, which scrambles a table with
spans in its body and misreads a header row that spans; such a table opts out
the way tablesort understands: `data-sort-method="none"` on the cells of the
row it would make clickable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .grid import Grid, Span
from .model import Options


@dataclass
class HeaderPlan:
    """How a table's header cells are marked.

    Attributes:
        column_groups: Width of each `<colgroup>`, left to right; empty for one plain group.
        colgroup_headers: `(row, col)` of the header cells scoped `colgroup`.
        rowgroup_headers: `(row, col)` of the header cells scoped `rowgroup`.
        body_breaks: Rows that start a new `<tbody>` (the first body row aside).
        associate: Whether header cells get ids and data cells `headers`.
        sort_row: The row whose cells opt out of sorting, or None when the table sorts.
    """

    column_groups: list[int] = field(default_factory=list)
    colgroup_headers: set[tuple[int, int]] = field(default_factory=set)
    rowgroup_headers: set[tuple[int, int]] = field(default_factory=set)
    body_breaks: frozenset[int] = frozenset()
    associate: bool = False
    sort_row: int | None = None


def section_end(row: int, row_count: int, options: Options) -> int:
    """The row after the last one of `row`'s section: a row span stops there, as in HTML."""
    if row < options.header_rows:
        return options.header_rows
    body_end = row_count - options.footer_rows
    return body_end if row < body_end else row_count


def plan_headers(grid: Grid, options: Options) -> HeaderPlan:
    """Plan the scopes, groups, associations and sort opt-out of a laid-out table.

    Reads the header rows and the spanning cells only, so a big simple table costs nothing here.
    """
    row_count = len(grid.rows)
    head = options.header_rows
    columns = options.header_columns

    def rows_of(span: Span) -> int:
        return min(span.bottom, section_end(span.top, row_count, options)) - span.top

    header_spans = [s for s in grid.spans if s.top < head or s.left < columns]
    plan = HeaderPlan(
        associate=head > 1
        or columns > 1
        or any(rows_of(s) > 1 or s.right - s.left > 1 for s in header_spans)
    )
    _plan_column_groups(plan, grid, head)
    _plan_row_groups(plan, grid, options, rows_of)

    body = [s for s in grid.spans if head <= s.top < row_count - options.footer_rows]
    # A span touching the row tablesort reads its columns from shifts its cell indexes.
    last = head - 1
    spans_last = any(s.top <= last < s.top + rows_of(s) for s in grid.spans if s.top < head)
    if row_count and (not head or body or spans_last):
        plan.sort_row = max(last, 0)
    return plan


def _plan_column_groups(plan: HeaderPlan, grid: Grid, head: int) -> None:
    """Spanning headers of the header rows, top row first, each given a column group of its own.

    Column groups cannot nest or overlap: a span over columns already grouped stays `col`.
    """
    taken: list[tuple[int, int]] = []
    for span in sorted(grid.spans, key=lambda s: (s.top, s.left)):
        if span.top >= head or span.right - span.left < 2:
            continue
        if all(span.right <= left or right <= span.left for left, right in taken):
            taken.append((span.left, span.right))
            plan.colgroup_headers.add((span.top, span.left))
    if not taken:
        return
    starts = dict(taken)
    column = 0
    while column < grid.width:
        if column in starts:
            end = starts[column]
        else:  # The columns up to the next group, or to the edge, form one plain group.
            end = min([left for left in starts if left > column] + [grid.width])
        plan.column_groups.append(end - column)
        column = end


def _plan_row_groups(
    plan: HeaderPlan, grid: Grid, options: Options, rows_of: Callable[[Span], int]
) -> None:
    """Row headers of the first header column spanning body rows, each given a `<tbody>`.

    Only where no other cell of the body crosses the edge of such a group.
    """
    head, body_end = options.header_rows, len(grid.rows) - options.footer_rows
    if not options.header_columns:
        return
    body = [s for s in grid.spans if head <= s.top < body_end]
    groups = [s for s in body if s.left == 0 and rows_of(s) > 1]
    edges = {edge for s in groups for edge in (s.top, s.top + rows_of(s))} - {head, body_end}
    if not groups or any(s.top < edge < s.top + rows_of(s) for s in body for edge in edges):
        return
    plan.body_breaks = frozenset(edges)
    plan.rowgroup_headers = {(s.top, s.left) for s in groups}
