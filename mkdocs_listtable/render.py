"""Build the table element from the grid, and the error panel that replaces it.

The element tree is built here; each cell's content is filled in by a callback,
so the page's own Markdown parser renders it (see `extension.py`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.util import AtomicString

from .diagnostics import Diagnostic, plural
from .grid import Grid, Placed
from .headers import HeaderPlan, plan_headers, section_end
from .model import Cell, Options
from .syntax import code_spans

CellRenderer = Callable[[etree.Element, Cell], None]
"""Fills a `<td>`/`<th>` with the Markdown of a cell."""


def wrapper(number: int, error: bool = False) -> etree.Element:
    """The `<div>` every table, or its error panel, sits in."""
    div = etree.Element("div")
    div.set("class", "listtable listtable--error" if error else "listtable")
    div.set("data-listtable", str(number))
    return div


def element_id(options: Options, number: int, part: str) -> str:
    """The id of a part of table `number` (its caption, a header cell).

    Every id a table generates is made here, so one scheme keeps them apart.
    """
    return f"{options.id or f'listtable-{number}'}-{part}"


def _section_of(row: int, row_count: int, options: Options) -> str:
    if row < options.header_rows:
        return "thead"
    if row >= row_count - options.footer_rows:
        return "tfoot"
    return "tbody"


def _cell_element(
    parent: etree.Element,
    placed: Placed,
    section: str,
    header_columns: int,
    styles: list[str | None],
    plan: HeaderPlan,
) -> etree.Element:
    """The `<td>` or `<th>` of `placed`, with its spans, alignment and sort opt-out.

    `styles`: each column's `style` (alignment), or `None`; runs once per cell,
    so what is the same for every cell of a column is worked out by the caller.
    """
    col = placed.col
    if section == "thead":
        scope = "colgroup" if (placed.row, col) in plan.colgroup_headers else "col"
        cell = etree.SubElement(parent, "th", {"scope": scope})
    elif col < header_columns:
        scope = "rowgroup" if (placed.row, col) in plan.rowgroup_headers else "row"
        cell = etree.SubElement(parent, "th", {"scope": scope})
    else:
        cell = etree.SubElement(parent, "td")
    if placed.rowspan > 1:
        cell.set("rowspan", str(placed.rowspan))
    if placed.colspan > 1:
        cell.set("colspan", str(placed.colspan))
    if col < len(styles):
        style = styles[col]
        if style is not None:
            cell.set("style", style)
    if placed.row == plan.sort_row:
        cell.set("data-sort-method", "none")
    return cell


def _colgroups(
    table: etree.Element, widths: list[int] | None, width: int, groups: list[int]
) -> None:
    """The `<colgroup>`s: one per column group of the headers, with a `<col>` per width given."""
    if not widths and not groups:
        return
    values = ((widths or []) + [0] * width)[:width]
    total = sum(values) or 1
    column = 0
    for size in groups or [width]:
        colgroup = etree.SubElement(table, "colgroup")
        if not widths:
            if size > 1:
                colgroup.set("span", str(size))
            continue
        for value in values[column : column + size]:
            col = etree.SubElement(colgroup, "col")
            if value > 0:
                col.set("style", f"width: {round(100 * value / total, 2):g}%")
        column += size


class _Associations:
    """Ids on header cells and `headers` on data cells, given as the rows are rendered.

    A data cell spanning rows is given its list once its last row is rendered:
    a row header further down its rows is part of it. A cell of one row is
    given it at once: its row's headers left of it are rendered before it.
    """

    def __init__(self, options: Options, number: int, row_count: int) -> None:
        self.options = options
        self.number = number
        self.row_count = row_count
        self.above: dict[int, list[str]] = {}  # column -> ids of the header-row cells over it
        self.left: dict[int, list[tuple[int, str]]] = {}  # row -> (column, id) of its row headers
        self.pending: dict[int, list[tuple[etree.Element, Placed, int]]] = {}
        # (column, colspan) -> the list of a one-row cell with no row header: most data
        # cells of a big table share a handful of lists, so each is joined once.
        self.plain: dict[tuple[int, int], str] = {}

    def add(self, cell: etree.Element, placed: Placed) -> None:
        rows = 1
        if placed.rowspan > 1:
            end = section_end(placed.row, self.row_count, self.options)
            rows = min(placed.rowspan, end - placed.row)
        if cell.tag == "td":
            if rows == 1:
                self._give(cell, placed, 1)
            else:
                last = placed.row + rows - 1
                self.pending.setdefault(last, []).append((cell, placed, rows))
            return
        cell_id = element_id(self.options, self.number, f"h{placed.row}-{placed.col}")
        cell.set("id", cell_id)
        if placed.row < self.options.header_rows:
            self.plain.clear()  # The lists above change (header rows come first: rarely).
            for column in range(placed.col, placed.col + placed.colspan):
                self.above.setdefault(column, []).append(cell_id)
        else:
            for row in range(placed.row, placed.row + rows):
                self.left.setdefault(row, []).append((placed.col, cell_id))

    def row_done(self, row: int) -> None:
        if self.pending:
            for cell, placed, rows in self.pending.pop(row, ()):
                self._give(cell, placed, rows)

    def _give(self, cell: etree.Element, placed: Placed, rows: int) -> None:
        """Set the `headers` of the data cell `placed`, which covers `rows` rows."""
        if rows == 1 and placed.row not in self.left:
            key = (placed.col, placed.colspan)
            headers = self.plain.get(key)
            if headers is None:
                headers = self.plain[key] = self._headers(placed, 1)
        else:
            headers = self._headers(placed, rows)
        if headers:
            cell.set("headers", headers)

    def _headers(self, placed: Placed, rows: int) -> str:
        """The ids of the headers above `placed` in its columns, then left of it in its rows."""
        ids: list[str] = []
        for column in range(placed.col, placed.col + placed.colspan):
            ids += self.above.get(column, [])
        for r in range(placed.row, placed.row + rows):
            ids += [i for column, i in self.left.get(r, []) if column < placed.col]
        return " ".join(dict.fromkeys(ids))


def _caption_text(caption: str) -> str:
    """The caption as inline Markdown, but with no raw HTML: `<` and `>` are text.

    Inside code spans they are left alone: the code span escapes them itself,
    and escaping them twice would show `&lt;` to the reader.
    """
    return "".join(
        piece if code else piece.replace("<", "&lt;").replace(">", "&gt;")
        for code, piece in code_spans(caption)
    )


def render_table(
    grid: Grid,
    options: Options,
    number: int,
    render_cell: CellRenderer,
) -> etree.Element:
    """The table in its wrapper. The grid is spent: its rows are emptied as they are rendered.

    Args:
        grid: The laid-out cells.
        options: The table's attributes; header and footer rows must fit the rows.
        number: The table's number on the page (`data-listtable`).
        render_cell: Fills each cell element with its Markdown.
    """
    div = wrapper(number)
    # A region that may scroll must be reachable by keyboard, and named. The
    # stylesheet's script takes a table that does not overflow out of the tab order.
    scroll = etree.SubElement(
        div, "div", {"class": "listtable__scroll", "role": "region", "tabindex": "0"}
    )
    table = etree.SubElement(scroll, "table")
    if options.id:
        table.set("id", options.id)
    if options.class_name:
        table.set("class", options.class_name)
    if options.caption:
        caption_id = element_id(options, number, "caption")
        caption = _caption_text(options.caption)
        etree.SubElement(table, "caption", {"id": caption_id}).text = caption
        scroll.set("aria-labelledby", caption_id)
    else:
        scroll.set("aria-label", f"Table {options.id or number}")
    plan = plan_headers(grid, options)
    _colgroups(table, options.widths, grid.width, plan.column_groups)
    row_count = len(grid.rows)
    associations = _Associations(options, number, row_count) if plan.associate else None
    sections: dict[str, etree.Element] = {}
    if options.header_rows:
        sections["thead"] = etree.SubElement(table, "thead")
    sections["tbody"] = etree.SubElement(table, "tbody")  # Always there, as in the original.
    if options.footer_rows:
        sections["tfoot"] = etree.SubElement(table, "tfoot")
    aligns = options.aligns or []
    styles = [f"text-align: {align}" if align else None for align in aligns]
    columns = options.header_columns
    for r in range(row_count):
        # Each row is let go once rendered: the cells of a huge table then never
        # all live beside their elements (the grid is spent afterwards).
        placed_row, grid.rows[r] = grid.rows[r], []
        section = _section_of(r, row_count, options)
        if r in plan.body_breaks:  # A row group of its own, before the footer.
            body = etree.Element("tbody")
            table.insert(list(table).index(sections["tbody"]) + 1, body)
            sections["tbody"] = body
        tr = etree.SubElement(sections[section], "tr")
        for placed in placed_row:
            cell = _cell_element(tr, placed, section, columns, styles, plan)
            if associations is not None:
                associations.add(cell, placed)
            render_cell(cell, placed.cell)
        if associations is not None:
            associations.row_done(r)
    return div


def render_errors(
    number: int, title: str, problems: list[Diagnostic], path: str | None
) -> etree.Element:
    """The panel shown in place of a table that is not rendered.

    It carries the classes of a warning admonition, so every theme draws it as
    its own warning: title bar, icon and colours.
    """
    div = wrapper(number, error=True)
    panel = _warning(div, title)
    items = etree.SubElement(panel, "ul")
    for problem in problems:
        item = etree.SubElement(items, "li")
        kind = etree.SubElement(item, "code")
        kind.text = AtomicString(problem.kind)
        location = problem.location()
        where = problem.place(path, column=False) + (f", {location}" if location else "")
        kind.tail = AtomicString(f" {where}: {problem.advice()}")
    return div


def _warning(div: etree.Element, title: str) -> etree.Element:
    """The panel of `div` with its `title`, as a theme draws a warning admonition."""
    panel = etree.SubElement(
        div, "div", {"class": "listtable__errors admonition warning", "role": "note"}
    )
    heading = etree.SubElement(panel, "p", {"class": "listtable__errors-title admonition-title"})
    heading.text = AtomicString(title)
    return panel


class SourcesAsText:
    """The failing tables of a page past its error panels: each one's source, as text.

    Broken input (thousands of stray `<ListTable` lines) must never make a page
    many times its size, nor lose a word of it: past the panels, a failing table
    adds its source as escaped text and nothing else. Tables that follow each
    other share one `<pre>`, and one note, where the first of them stands, counts
    them all. The texts are filled in by `close` once the tree is built, so a run
    of thousands costs one join.
    """

    def __init__(self) -> None:
        self.count = 0
        self._note: etree.Element | None = None
        self._runs: list[tuple[etree.Element, list[str]]] = []

    def add(self, parent: etree.Element, source: str) -> None:
        """Show `source` as text at the end of `parent`."""
        self.count += 1
        if self._note is None:
            div = etree.SubElement(parent, "div", {"class": "listtable listtable--error"})
            self._note = _warning(div, "")[0]  # Its title, counted in `close`.
        last = self._runs[-1][0] if self._runs else None
        if len(parent) and parent[-1] is last and not (parent[-1].tail or "").strip():
            self._runs[-1][1].append(source)
        else:
            self._runs.append((etree.SubElement(parent, "pre"), [source]))

    def close(self) -> None:
        """Fill in the note and the texts: the tree is built, every table is counted."""
        if self._note is not None:
            self._note.text = AtomicString(
                f"{plural(self.count, 'more ListTable')} on this page could not be rendered;"
                " from here on, a failing table's source is shown as text (see the build log)"
            )
        for pre, sources in self._runs:
            pre.text = AtomicString("\n".join(source.rstrip("\n") for source in sources) + "\n")
        self._note, self._runs = None, []
