"""The grid walk: where each typed cell lands, as mdx-list-tables lays it out.

Tables are written compactly: a list of rows, each a list of cells, where a
cell is `_` (placeholder), `[rNcM]text` (span marker) or plain text.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_listtable.grid import MAX_COLSPAN, Grid, layout
from mkdocs_listtable.model import Cell, Options, Row
from mkdocs_listtable.validate import section_problems, validate

from .conftest import reached, reaches

MARKER = re.compile(r"\[(?:r(-?\d+))?(?:c(-?\d+))?\]")


def make_cell(token: str, line: int) -> Cell:
    """A cell from its compact notation, on `line`."""
    if token == "_":
        return Cell("_", line, 5, placeholder=True)
    match = MARKER.match(token)
    if match and (match[1] or match[2]):
        return Cell(
            token[match.end() :].strip(),
            line,
            5,
            rowspan=int(match[1] or 1),
            colspan=int(match[2] or 1),
            marker=match[0],
        )
    return Cell(token, line, 5)


def make_rows(notation: list[list[str]]) -> list[Row]:
    """Rows of cells, one cell per line, as `- - a` / `  - b` would give."""
    rows, line = [], 1
    for tokens in notation:
        cells = [make_cell(token, line + i) for i, token in enumerate(tokens)]
        rows.append(Row(cells, line))
        line += max(len(tokens), 1)
    return rows


def lay(notation: list[list[str]]) -> Grid:
    return layout([row.cells for row in make_rows(notation)])


def placed(grid: Grid) -> list[tuple[str, int, int, int, int]]:
    """`(text, row, col, rowspan, colspan)` of every placed cell, in reading order."""
    return [(p.cell.text, p.row, p.col, p.rowspan, p.colspan) for row in grid.rows for p in row]


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        pytest.param(
            [["a", "b"], ["c", "d"]],
            [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1), ("c", 1, 0, 1, 1), ("d", 1, 1, 1, 1)],
            id="plain",
        ),
        pytest.param(
            [["[c2]a", "_"], ["b", "c"]],
            [("a", 0, 0, 1, 2), ("b", 1, 0, 1, 1), ("c", 1, 1, 1, 1)],
            id="colspan",
        ),
        pytest.param(
            [["[r2]a", "b"], ["_", "c"]],
            [("a", 0, 0, 2, 1), ("b", 0, 1, 1, 1), ("c", 1, 1, 1, 1)],
            id="rowspan",
        ),
        pytest.param(
            [["[r2c2]a", "_", "b"], ["_", "_", "c"]],
            [("a", 0, 0, 2, 2), ("b", 0, 2, 1, 1), ("c", 1, 2, 1, 1)],
            id="rowspan-and-colspan",
        ),
        pytest.param(
            [["a", "[c2]b", "_"], ["[r2]c", "d", "e"], ["_", "f", "g"]],
            [
                ("a", 0, 0, 1, 1),
                ("b", 0, 1, 1, 2),
                ("c", 1, 0, 2, 1),
                ("d", 1, 1, 1, 1),
                ("e", 1, 2, 1, 1),
                ("f", 2, 1, 1, 1),
                ("g", 2, 2, 1, 1),
            ],
            id="colspan-then-rowspan",
        ),
        pytest.param(
            [["[c2] Info", "x"], ["a", "b", "c"]],
            [
                ("Info", 0, 0, 1, 2),
                ("x", 0, 2, 1, 1),
                ("a", 1, 0, 1, 1),
                ("b", 1, 1, 1, 1),
                ("c", 1, 2, 1, 1),
            ],
            id="flexible-colspan-without-placeholder",
        ),
        pytest.param(
            [["[r2]a", "b"], ["c"]],
            [("a", 0, 0, 2, 1), ("b", 0, 1, 1, 1), ("c", 1, 1, 1, 1)],
            id="flexible-rowspan-without-placeholder",
        ),
        pytest.param(
            [["[r0]a", "[c0]b", "[r-1c-2]c"]],
            [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1), ("c", 0, 2, 1, 1)],
            id="invalid-spans-count-as-one",
        ),
        pytest.param(
            [["a", "[r2]b", "c"], ["d", "e", "f"]],
            [
                ("a", 0, 0, 1, 1),
                ("b", 0, 1, 2, 1),
                ("c", 0, 2, 1, 1),
                ("d", 1, 0, 1, 1),
                ("e", 1, 2, 1, 1),
                ("f", 1, 3, 1, 1),
            ],
            id="covered-position-skipped-by-real-cell",
        ),
        pytest.param(
            [["[r2]a", "[r2]b", "c"], ["_", "_", "d"]],
            [("a", 0, 0, 2, 1), ("b", 0, 1, 2, 1), ("c", 0, 2, 1, 1), ("d", 1, 2, 1, 1)],
            id="adjacent-rowspans",
        ),
        pytest.param(
            [["[r5]a", "b"], ["_", "c"]],
            [("a", 0, 0, 2, 1), ("b", 0, 1, 1, 1), ("c", 1, 1, 1, 1)],
            id="rowspan-clipped-to-rows-left",
        ),
        pytest.param(
            [["a", "_", "b"]],
            [("a", 0, 0, 1, 1), ("b", 0, 2, 1, 1)],
            id="orphan-advances-column",
        ),
        pytest.param([], [], id="no-rows"),
        pytest.param([[]], [], id="empty-row"),
    ],
)
def test_positions(
    notation: list[list[str]], expected: list[tuple[str, int, int, int, int]]
) -> None:
    assert placed(lay(notation)) == expected


@pytest.mark.parametrize(
    ("notation", "consumed", "orphans"),
    [
        pytest.param([["[c2]a", "_"]], [(0, 1, 1)], [], id="colspan-consumes-its-placeholder"),
        pytest.param(
            [["[c3]a", "_", "_", "_"]], [(0, 1, 1), (0, 2, 2)], [(0, 3, 3)], id="extra-is-orphan"
        ),
        pytest.param([["[r2]a"], ["_"]], [(1, 0, 0)], [], id="rowspan-consumes-below"),
        pytest.param(
            [["[r2c2]a", "b"], ["_", "_", "_", "c"]],
            [(1, 0, 0), (1, 1, 1)],
            [(1, 2, 2)],
            id="one-placeholder-per-covered-position",
        ),
        pytest.param(
            [["[r2c2]a", "_"], ["_", "_"]],
            [(0, 1, 1), (1, 0, 0), (1, 1, 1)],
            [],
            id="rectangle",
        ),
        pytest.param([["_", "a"]], [], [(0, 0, 0)], id="leading-orphan"),
        pytest.param([["[c2]a", "b", "_"]], [], [(0, 2, 3)], id="placeholder-after-real-cell"),
    ],
)
def test_placeholders(
    notation: list[list[str]],
    consumed: list[tuple[int, int, int]],
    orphans: list[tuple[int, int, int]],
) -> None:
    grid = lay(notation)
    assert grid.consumed == consumed
    assert grid.orphans == orphans


@pytest.mark.parametrize(
    ("notation", "width", "row_ends"),
    [
        ([["a", "b"], ["c", "d"]], 2, [2, 2]),
        ([["[c3]a"], ["b"]], 3, [3, 1]),
        ([["a", "[r3c2]b"], ["c"], ["d"]], 3, [3, 1, 1]),
        ([["a"], ["b", "c", "d"]], 3, [1, 3]),
    ],
)
def test_width(notation: list[list[str]], width: int, row_ends: list[int]) -> None:
    grid = lay(notation)
    assert grid.width == width
    assert grid.row_ends == row_ends


def test_spans_are_rectangles() -> None:
    grid = lay([["[r2c2]a", "_", "[r2]b"], ["_", "_", "_"]])
    assert [(s.top, s.bottom, s.left, s.right, s.origin.cell.text) for s in grid.spans] == [
        (0, 2, 0, 2, "a"),
        (0, 2, 2, 3, "b"),
    ]


def test_huge_spans_finish_instantly_and_are_clipped() -> None:
    start = time.perf_counter()
    grid = lay([["[r999999999c999999999]a", "b"], ["_", "c"], ["[r999999999]d", "e"]])
    assert time.perf_counter() - start < 0.5
    assert placed(grid)[:2] == [("a", 0, 0, 3, MAX_COLSPAN), ("b", 0, MAX_COLSPAN, 1, 1)]
    # Row 2's `_` is consumed by the span; `c` lands after the covered columns.
    assert grid.consumed[0] == (1, 0, 0)
    assert placed(grid)[2] == ("c", 1, MAX_COLSPAN, 1, 1)
    assert placed(grid)[3] == ("d", 2, MAX_COLSPAN, 1, 1)


HUGE = "[r999999999c999999999]x"
SPANNING = ["[r2]x", "[c2]x", "[r2c2]x", "[r3]x", "[c3]x", "[r0]x", "[c-1]x", HUGE]
TOKENS = st.sampled_from(["x", "x", "x", "_", "_", "_", *SPANNING])
TABLES = st.lists(st.lists(TOKENS, max_size=5), max_size=6)


@st.composite
def valid_tables(draw: st.DrawFn) -> list[list[str]]:
    """A random tiling of a grid by rectangles, written with `_` at covered positions."""
    width, height = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    owner: list[list[str | None]] = [[None] * width for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if owner[r][c] is not None:
                continue
            free = 1
            while c + free < width and owner[r][c + free] is None:
                free += 1
            colspan = draw(st.integers(1, free))
            rowspan = 1
            while r + rowspan < height and all(
                owner[r + rowspan][c + i] is None for i in range(colspan)
            ):
                rowspan += 1
            rowspan = draw(st.integers(1, rowspan))
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    owner[rr][cc] = "_"
            marker = "".join(f"{k}{n}" for k, n in (("r", rowspan), ("c", colspan)) if n > 1)
            owner[r][c] = f"[{marker}]x{r}{c}" if marker else f"x{r}{c}"
    return [[token or "_" for token in row] for row in owner]


@st.composite
def edited_tables(draw: st.DrawFn) -> list[list[str]]:
    """A valid table with a few random cells replaced, inserted or deleted."""
    table = draw(valid_tables())
    for _ in range(draw(st.integers(1, 3))):
        row = table[draw(st.integers(0, len(table) - 1))]
        at = draw(st.integers(0, len(row)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "insert" or not row or at == len(row):
            row.insert(at, draw(TOKENS))
        elif action == "replace":
            row[at] = draw(TOKENS)
        else:
            del row[at]
    return table


def assert_tiles(notation: list[list[str]], grid: Grid) -> None:
    """Every row covers W columns, and every position of the W-wide grid exactly once."""
    width = len(notation[0])
    coverage: Counter[tuple[int, int]] = Counter()
    for p in (p for row in grid.rows for p in row):
        for r in range(p.row, p.row + p.rowspan):
            for c in range(p.col, p.col + p.colspan):
                coverage[r, c] += 1
    for r in range(len(notation)):
        from_above = sum(s.right - s.left for s in grid.spans if s.top < r < s.bottom)
        assert sum(p.colspan for p in grid.rows[r]) + from_above == width
    expected = {(r, c) for r in range(len(notation)) for c in range(width)}
    assert set(coverage) == expected
    assert set(coverage.values()) <= {1}


@reaches(spans=100, tiles=10)
@settings(max_examples=500, deadline=None)
@given(TABLES, st.integers(-1, 4), st.integers(-1, 4))
def test_any_input_lays_out_and_validates(
    notation: list[list[str]], header_rows: int, footer_rows: int
) -> None:
    rows = make_rows(notation)
    grid = layout([row.cells for row in rows])
    for p in (p for row in grid.rows for p in row):
        assert 1 <= p.rowspan <= len(rows) - p.row
        assert 1 <= p.colspan <= MAX_COLSPAN
        reached("spans")
    options = Options(header_rows=header_rows, footer_rows=footer_rows)
    section_problems(rows, options, 1)
    problems = validate(rows, grid, options, 1)
    if notation and not problems:
        assert_tiles(notation, grid)
        reached("tiles")


@settings(max_examples=300, deadline=None)
@given(valid_tables())
def test_valid_tables_have_no_problems_and_tile(notation: list[list[str]]) -> None:
    rows = make_rows(notation)
    grid = layout([row.cells for row in rows])
    assert validate(rows, grid, Options(), 1) == []
    assert not grid.orphans
    assert_tiles(notation, grid)


@reaches(tiles=40)
@settings(max_examples=1000, deadline=None)
@given(edited_tables())
def test_edited_tables_tile_when_no_problem_is_reported(notation: list[list[str]]) -> None:
    rows = make_rows(notation)
    grid = layout([row.cells for row in rows])
    if not validate(rows, grid, Options(), 1):
        assert_tiles(notation, grid)
        reached("tiles")
