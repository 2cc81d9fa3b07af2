"""The HTML standard's table model and "algorithm for assigning header cells", over BeautifulSoup.

https://html.spec.whatwg.org/multipage/tables.html#table-processing-model
A screen reader asks the browser which header cells name a data cell; the
browser answers with this algorithm. The tests run it on our tables and
compare its answer with what the grid says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import Tag


@dataclass(eq=False)
class Cell:
    """A cell of the table model: its element and the slots it covers."""

    element: Tag
    x: int
    y: int
    width: int
    height: int
    header: bool
    scope: str
    row_group: int
    column_group: int | None = None

    @property
    def empty(self) -> bool:
        """No elements in it, and only white space as text."""
        return not self.element.find(True) and not self.element.get_text().strip()

    def covers(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


@dataclass
class Table:
    """A table formed by the HTML table processing model (nested tables are their own)."""

    cells: list[Cell] = field(default_factory=list)
    slots: dict[tuple[int, int], list[Cell]] = field(default_factory=dict)
    row_groups: list[tuple[str, int, int]] = field(default_factory=list)  # (tag, start, end)
    column_groups: list[int] = field(default_factory=list)  # the group of each column

    def at(self, x: int, y: int) -> list[Cell]:
        return self.slots.get((x, y), [])

    def cell_of(self, element: Tag) -> Cell:
        return next(c for c in self.cells if c.element is element)


def form(table: Tag) -> Table:
    """Form the table: column groups, row groups, and the slot every cell covers."""
    model = Table()
    group_of_column = model.column_groups
    for index, colgroup in enumerate(table.find_all("colgroup", recursive=False)):
        cols = colgroup.find_all("col", recursive=False)
        span = (
            sum(int(col.get("span", 1)) for col in cols) if cols else int(colgroup.get("span", 1))
        )
        group_of_column += [index] * span
    y = 0
    groups = table.find_all(["thead", "tbody", "tfoot"], recursive=False)
    # The footer is processed last, wherever it stands.
    groups = [g for g in groups if g.name != "tfoot"] + [g for g in groups if g.name == "tfoot"]
    for number, group in enumerate(groups):
        rows = group.find_all("tr", recursive=False)
        start, end = y, y + len(rows)
        model.row_groups.append((group.name, start, end))
        for tr in rows:
            x = 0
            for element in tr.find_all(["td", "th"], recursive=False):
                while model.at(x, y):
                    x += 1
                width = max(int(element.get("colspan", 1)), 1)
                rowspan = int(element.get("rowspan", 1))
                height = end - y if rowspan == 0 else min(max(rowspan, 1), end - y)
                cell = Cell(
                    element,
                    x,
                    y,
                    width,
                    height,
                    element.name == "th",
                    str(element.get("scope", "auto")).lower(),
                    number,
                )
                if x < len(group_of_column):
                    cell.column_group = group_of_column[x]
                model.cells.append(cell)
                for dy in range(height):
                    for dx in range(width):
                        model.slots.setdefault((x + dx, y + dy), []).append(cell)
                x += width
            y += 1
    return model


def _column_header(model: Table, cell: Cell) -> bool:
    if cell.scope == "col":
        return True
    if cell.scope != "auto":
        return False
    return all(
        other.header
        for other in model.cells
        if other.y < cell.y + cell.height and cell.y < other.y + other.height
    )


def _row_header(model: Table, cell: Cell) -> bool:
    if cell.scope == "row":
        return True
    if cell.scope != "auto":
        return False
    return all(
        other.header
        for other in model.cells
        if other.x < cell.x + cell.width and cell.x < other.x + other.width
    )


def _scan(
    model: Table, principal: Cell, found: list[Cell], x: int, y: int, dx: int, dy: int
) -> None:
    """The internal algorithm for scanning and assigning header cells."""
    opaque: list[Cell] = []
    in_block = principal.header
    block: list[Cell] = [principal] if principal.header else []
    while True:
        x += dx
        y += dy
        if x < 0 or y < 0:
            return
        covering = model.at(x, y)
        if len(covering) != 1:
            continue
        current = covering[0]
        if current.header:
            in_block = True
            block.append(current)
            blocked = False
            if dx == 0:
                if any(o.x == current.x and o.width == current.width for o in opaque):
                    blocked = True
                if not _column_header(model, current):
                    blocked = True
            else:
                if any(o.y == current.y and o.height == current.height for o in opaque):
                    blocked = True
                if not _row_header(model, current):
                    blocked = True
            if not blocked:
                found.append(current)
        elif in_block:
            in_block = False
            opaque += block
            block = []


def assigned_headers(table: Tag) -> dict[int, list[int]]:
    """Every cell of `table` and the header cells the algorithm assigns to it, in order.

    Cells are named by `id()` of their element (equal-looking cells are not the same cell).
    """
    model = form(table)
    ids = {}
    document = table
    while document.parent is not None:
        document = document.parent
    for element in document.find_all(id=True):
        ids.setdefault(element["id"], element)
    result: dict[int, list[int]] = {}
    for principal in model.cells:
        found: list[Cell] = []
        if principal.element.has_attr("headers"):
            value = principal.element["headers"]  # BeautifulSoup splits it already
            for token in value if isinstance(value, list) else str(value).split():
                element = ids.get(token)
                match = [c for c in model.cells if c.element is element]
                if match and match[0] is not principal:
                    found.append(match[0])
        else:
            for y in range(principal.y, principal.y + principal.height):
                _scan(model, principal, found, principal.x, y, -1, 0)
            for x in range(principal.x, principal.x + principal.width):
                _scan(model, principal, found, x, principal.y, 0, -1)
            right = principal.x + principal.width - 1
            bottom = principal.y + principal.height - 1
            found += [
                c
                for c in model.cells
                if c.header
                and c.scope == "rowgroup"
                and c.row_group == principal.row_group
                and c.x <= right
                and c.y <= bottom
            ]
            if principal.column_group is not None:
                found += [
                    c
                    for c in model.cells
                    if c.header
                    and c.scope == "colgroup"
                    and c.column_group == principal.column_group
                    and c.x <= right
                    and c.y <= bottom
                ]
        unique = list(dict.fromkeys(c for c in found if not c.empty and c is not principal))
        result[id(principal.element)] = [id(c.element) for c in unique]
    return result


def headers_by_grid(table: Tag) -> dict[int, set[int]]:
    """For every data cell, the header cells the grid puts above it in its columns
    (in the header rows) and to its left in its rows (in the other rows), empty ones aside.

    Cells are named by `id()` of their element, as `assigned_headers` names them.
    """
    model = form(table)
    expected: dict[int, set[int]] = {}
    for cell in model.cells:
        if cell.header:
            continue
        names = set()
        for other in model.cells:
            if not other.header or other.empty:
                continue
            columns = other.x < cell.x + cell.width and cell.x < other.x + other.width
            rows = other.y < cell.y + cell.height and cell.y < other.y + other.height
            in_header_rows = model.row_groups[other.row_group][0] == "thead"
            if (in_header_rows and columns) or (not in_header_rows and rows and other.x < cell.x):
                names.add(id(other.element))
        expected[id(cell.element)] = names
    return expected
