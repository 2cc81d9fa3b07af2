"""Build the table element from the grid, and the error panel that replaces it.

The element tree is built here; each cell's content is filled in by a callback,
so the page's own Markdown parser renders it (see `extension.py`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.util import AtomicString

from .diagnostics import Diagnostic
from .grid import Grid, Placed
from .model import Cell, Options

CellRenderer = Callable[[etree.Element, Cell], None]
"""Fills a `<td>`/`<th>` with the Markdown of a cell."""


def wrapper(number: int, error: bool = False) -> etree.Element:
    """The `<div>` every table, or its error panel, sits in."""
    div = etree.Element("div")
    div.set("class", "listtable listtable--error" if error else "listtable")
    div.set("data-listtable", str(number))
    return div


def _section_of(row: int, row_count: int, options: Options) -> str:
    if row < options.header_rows:
        return "thead"
    if row >= row_count - options.footer_rows:
        return "tfoot"
    return "tbody"


def _cell_element(
    parent: etree.Element, placed: Placed, section: str, options: Options
) -> etree.Element:
    in_header_column = placed.col < options.header_columns
    if section == "thead":
        cell = etree.SubElement(parent, "th", {"scope": "col"})
    elif in_header_column:
        cell = etree.SubElement(parent, "th", {"scope": "row"})
    else:
        cell = etree.SubElement(parent, "td")
    if placed.rowspan > 1:
        cell.set("rowspan", str(placed.rowspan))
    if placed.colspan > 1:
        cell.set("colspan", str(placed.colspan))
    aligns = options.aligns
    if aligns and placed.col < len(aligns) and aligns[placed.col]:
        cell.set("style", f"text-align: {aligns[placed.col]}")
    return cell


def _colgroup(table: etree.Element, widths: list[int], width: int) -> None:
    values = (widths + [0] * width)[:width]
    total = sum(values) or 1
    colgroup = etree.SubElement(table, "colgroup")
    for value in values:
        col = etree.SubElement(colgroup, "col")
        if value > 0:
            col.set("style", f"width: {round(100 * value / total, 2):g}%")


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
    # A region that may scroll must be reachable by keyboard, and named.
    scroll = etree.SubElement(
        div, "div", {"class": "listtable__scroll", "role": "region", "tabindex": "0"}
    )
    table = etree.SubElement(scroll, "table")
    if options.id:
        table.set("id", options.id)
    if options.class_name:
        table.set("class", options.class_name)
    if options.caption:
        caption_id = f"{options.id or f'listtable-{number}'}-caption"
        # Inline Markdown, but no raw HTML: an attribute value reaches the page as text.
        caption = options.caption.replace("<", "&lt;").replace(">", "&gt;")
        etree.SubElement(table, "caption", {"id": caption_id}).text = caption
        scroll.set("aria-labelledby", caption_id)
    else:
        scroll.set("aria-label", f"Table {options.id or number}")
    if options.widths:
        _colgroup(table, options.widths, grid.width)
    row_count = len(grid.rows)
    sections: dict[str, etree.Element] = {}
    if options.header_rows:
        sections["thead"] = etree.SubElement(table, "thead")
    sections["tbody"] = etree.SubElement(table, "tbody")  # Always there, as in the original.
    if options.footer_rows:
        sections["tfoot"] = etree.SubElement(table, "tfoot")
    for r in range(row_count):
        # Each row is let go once rendered: the cells of a huge table then never
        # all live beside their elements (the grid is spent afterwards).
        placed_row, grid.rows[r] = grid.rows[r], []
        section = _section_of(r, row_count, options)
        tr = etree.SubElement(sections[section], "tr")
        for placed in placed_row:
            render_cell(_cell_element(tr, placed, section, options), placed.cell)
    return div


def render_errors(
    number: int, title: str, problems: list[Diagnostic], path: str | None
) -> etree.Element:
    """The panel shown in place of a table that is not rendered."""
    div = wrapper(number, error=True)
    panel = etree.SubElement(div, "div", {"class": "listtable__errors", "role": "note"})
    heading = etree.SubElement(panel, "p", {"class": "listtable__errors-title"})
    heading.text = AtomicString(title)
    items = etree.SubElement(panel, "ul")
    for problem in problems:
        item = etree.SubElement(items, "li")
        kind = etree.SubElement(item, "code")
        kind.text = AtomicString(problem.kind)
        location = problem.location()
        where = problem.place(path, column=False) + (f", {location}" if location else "")
        kind.tail = AtomicString(f" {where}: {problem.advice()}")
    return div
