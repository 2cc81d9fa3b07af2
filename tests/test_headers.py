"""Header cells for screen readers, and the opt-out of client-side sorting.

The HTML standard's algorithm for assigning header cells (tests/header_cells.py)
must give every data cell exactly the header cells the grid puts above it in
its columns and to its left in its rows, for the demo's tables (in
test_browser.py) and for generated ones here.
"""

from __future__ import annotations

import copy

import markdown
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from .header_cells import assigned_headers, form, headers_by_grid
from .test_fuzz import PROFILE, partitions, table_source, written

MULTI_LEVEL = """\
<ListTable headerRows={2} headerColumns={1} caption="Sales">
- - [r2] Quarter
  - [c2] Revenue
  - _
- - _
  - Products
  - Services
- - [r2] H1
  - 5
  - 3
- - _
  - 6
  - 4
- - [r2] H2
  - 7
  - 8
- - _
  - 9
  - 10
</ListTable>
"""


def render(source: str) -> Tag:
    html = markdown.markdown(source, extensions=["listtable"])
    table = BeautifulSoup(html, "html.parser").select_one("div.listtable table")
    assert table is not None, html
    return table


def check_headers(table: Tag) -> None:
    """Every data cell is named by exactly the header cells above it and to its left."""
    assigned = assigned_headers(table)
    by_text = {id(cell): cell.get_text(" ", strip=True) for cell in table.find_all(["td", "th"])}
    for cell, expected in headers_by_grid(table).items():
        got = assigned[cell]
        names = sorted(by_text[c] for c in got)
        assert len(got) == len(set(got)), f"{by_text[cell]!r}: {names}"
        assert set(got) == expected, (
            f"{by_text[cell]!r} gets {names}, "
            f"the grid says {sorted(by_text[c] for c in expected)}\n{table}"
        )


def texts(table: Tag, selector: str) -> list[str]:
    return [cell.get_text(strip=True) for cell in table.select(selector)]


# ---- Scopes and groups -------------------------------------------------------


def test_multi_level_headers_follow_the_wai_tutorial() -> None:
    table = render(MULTI_LEVEL)
    check_headers(table)
    assert texts(table, "th[scope=colgroup]") == ["Revenue"]
    assert texts(table, "th[scope=rowgroup]") == ["H1", "H2"]
    # Each colgroup header has a column group of exactly its columns.
    spans = [int(g.get("span", 1)) for g in table.find_all("colgroup", recursive=False)]
    assert spans == [1, 2]
    # Each rowgroup header has a row group of exactly its rows.
    bodies = table.find_all("tbody", recursive=False)
    assert [len(b.find_all("tr", recursive=False)) for b in bodies] == [2, 2]
    assert [b.find("th").get_text() for b in bodies] == ["H1", "H2"]
    # Ids on the header cells, headers on the data cells.
    assert all(th.has_attr("id") for th in table.find_all("th"))
    assert table.find("td", string="5")["headers"] == [
        table.find("th", string=text)["id"] for text in ("Revenue", "Products", "H1")
    ]


def test_the_scopes_alone_name_the_right_headers_where_groups_allow_them() -> None:
    """A screen reader that ignores `headers` still gets them right from the groups."""
    table = copy.copy(render(MULTI_LEVEL))
    for cell in table.find_all(headers=True):
        del cell["headers"]
    check_headers(table)


def test_a_simple_table_has_plain_scopes_and_no_ids() -> None:
    table = render(
        "<ListTable headerRows={1} headerColumns={1}>\n"
        "- - Name\n  - Type\n- - id\n  - [r2] int\n- - count\n  - _\n"
        "</ListTable>\n"
    )
    check_headers(table)
    assert {th["scope"] for th in table.find_all("th")} == {"col", "row"}
    assert not table.find_all(id=True) and not table.find_all(headers=True)
    assert not table.find_all("colgroup")


def test_groups_that_would_overlap_keep_col_scopes() -> None:
    """A second level spanning inside a group cannot be a group of its own."""
    table = render(
        "<ListTable headerRows={2}>\n"
        "- - [c4] All\n  - _\n  - _\n  - _\n"
        "- - [c2] Left\n  - _\n  - [c2] Right\n  - _\n"
        "- - a\n  - b\n  - c\n  - d\n"
        "</ListTable>\n"
    )
    check_headers(table)
    assert texts(table, "th[scope=colgroup]") == ["All"]
    assert texts(table, "th[scope=col]") == ["Left", "Right"]


def test_a_row_group_is_split_only_where_no_cell_crosses_it() -> None:
    table = render(
        "<ListTable headerColumns={1}>\n"
        "- - [r2] A\n  - [r3] long\n- - _\n  - _\n- - B\n  - _\n"
        "</ListTable>\n"
    )
    check_headers(table)
    assert len(table.find_all("tbody")) == 1
    assert texts(table, "th[scope=row]") == ["A", "B"]


def test_generated_ids_come_from_the_table_id() -> None:
    table = render(MULTI_LEVEL.replace("<ListTable ", '<ListTable id="sales" '))
    assert table.find("th", string="Revenue")["id"].startswith("sales-")


@settings(PROFILE)
@given(st.data())
def test_generated_tables_name_the_right_headers(data: st.DataObject) -> None:
    grid = data.draw(partitions())
    table = render(table_source(grid, data.draw(written(grid))))
    check_headers(table)
    # Scopes name their groups only where a group of exactly their extent exists.
    model = form(table)
    for cell in model.cells:
        if cell.scope == "colgroup":
            group = model.column_groups[cell.x : cell.x + cell.width]
            assert group == [cell.column_group] * cell.width
            assert model.column_groups.count(cell.column_group) == cell.width
        if cell.scope == "rowgroup":
            _, start, end = model.row_groups[cell.row_group]
            assert (start, end) == (cell.y, cell.y + cell.height)


# ---- Sorting ---------------------------------------------------------------------


def test_a_simple_table_sorts() -> None:
    table = render("<ListTable headerRows={1}>\n- - a\n  - b\n- - 1\n  - 2\n</ListTable>\n")
    assert not table.find_all(attrs={"data-sort-method": True})


@given(st.sampled_from(["[r2] x", "[c2] x", "x"]))
def test_spans_in_the_body_or_no_header_row_opt_out_of_sorting(marker: str) -> None:
    head = "headerRows={1}" if marker != "x" else ""
    table = render(
        f"<ListTable {head}>\n- - a\n  - b\n- - {marker}\n  - _\n- - 3\n  - 4\n</ListTable>\n"
    )
    # Tablesort makes the last header row clickable, or the first row without one.
    row = table.find("tr")
    assert [c.get("data-sort-method") for c in row.find_all(["th", "td"])] == ["none", "none"]
    assert len(table.find_all(attrs={"data-sort-method": "none"})) == 2


def test_a_spanning_last_header_row_opts_out_of_sorting() -> None:
    table = render(
        "<ListTable headerRows={2}>\n"
        "- - [r2] Quarter\n  - [c2] Revenue\n  - _\n- - _\n  - Products\n  - Services\n"
        "- - Q1\n  - 5\n  - 3\n- - Q2\n  - 6\n  - 4\n"
        "</ListTable>\n"
    )
    last = table.thead.find_all("tr")[-1]
    assert {c.get("data-sort-method") for c in last.find_all("th")} == {"none"}
