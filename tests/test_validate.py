"""Structural validation: which problems a table has, where, and what they say.

Tables are written compactly, as in `test_grid.py`: rows of cells, each `_`,
`[rNcM]text` or plain text. Cell `k` of the whole table (counted from 0) sits
on line `k + 1`, at column 5.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mkdocs_listtable import grid as grid_module
from mkdocs_listtable.diagnostics import KINDS, Diagnostic
from mkdocs_listtable.grid import layout
from mkdocs_listtable.model import Cell, Options, Row
from mkdocs_listtable.validate import section_problems, validate

MARKER = re.compile(r"\[(?:r(-?\d+))?(?:c(-?\d+))?\]")


def make_cell(token: str, line: int) -> Cell:
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
    rows, line = [], 1
    for tokens in notation:
        cells = [make_cell(token, line + i) for i, token in enumerate(tokens)]
        rows.append(Row(cells, line))
        line += max(len(tokens), 1)
    return rows


def check(notation: list[list[str]], **options: Any) -> list[Diagnostic]:
    rows = make_rows(notation)
    return validate(rows, layout([row.cells for row in rows]), Options(**options), 1)


def found(problems: list[Diagnostic]) -> list[tuple[str, int | None, int | None]]:
    return [(d.kind, d.row, d.col) for d in problems]


BRIEF = [["a", "[c2]b", "_"], ["[r2]c", "d", "e"], ["_", "f", "g"]]


@pytest.mark.parametrize(
    ("notation", "options", "expected"),
    [
        # No problem.
        pytest.param([["a", "b"], ["c", "d"]], {}, [], id="plain"),
        pytest.param([["[r2]a", "b"], ["_", "c"]], {}, [], id="rowspan"),
        pytest.param([["[c2]a", "_"], ["b", "c"]], {}, [], id="colspan"),
        pytest.param(
            [["[r2c2]a", "_", "b"], ["_", "_", "c"], ["d", "e", "f"]], {}, [], id="rowspan-colspan"
        ),
        pytest.param(BRIEF, {}, [], id="mixed"),
        pytest.param(
            [["[c2]Q", "_", "[r2]T"], ["a", "b", "_"], ["1", "2", "3"]],
            {"header_rows": 2},
            [],
            id="multi-row-header",
        ),
        pytest.param(
            [["h", "h"], ["[r2]a", "b"], ["_", "c"], ["f", "f"]],
            {"header_rows": 1, "footer_rows": 1, "header_columns": 1},
            [],
            id="rowspan-inside-tbody",
        ),
        pytest.param([], {}, [], id="no-rows"),
        # One case per kind.
        pytest.param(
            [["a", "b"], ["c"], ["d", "e", "f"]],
            {},
            [("inconsistent-width", 2, None), ("inconsistent-width", 3, None)],
            id="inconsistent-width",
        ),
        pytest.param(
            [["[r0]a", "b"], ["c", "[c-1]d"]],
            {},
            [("invalid-span", 1, 1), ("invalid-span", 2, 2)],
            id="invalid-span",
        ),
        pytest.param(
            [["[r3]a", "b"], ["_", "c"]], {}, [("rowspan-overflow", 1, 1)], id="rowspan-overflow"
        ),
        pytest.param(
            [["a", "[c2]b"], ["c", "d"]], {}, [("colspan-overflow", 1, 2)], id="colspan-overflow"
        ),
        pytest.param(
            [["a", "[r2]b"], ["[c2]c", "_"]],
            {},
            [("colspan-overflow", 2, 1)],
            id="colspan-into-rowspan-from-above",
        ),
        pytest.param(
            [["[r2]a", "b"], ["c", "d"]],
            {},
            [("missing-placeholder", 1, 1)],
            id="missing-placeholder-below",
        ),
        pytest.param(
            [["[c2]a", "b"], ["c", "d"]],
            {},
            [("missing-placeholder", 1, 1)],
            id="missing-placeholder-right",
        ),
        pytest.param(
            [["a", "_"], ["b", "c"]], {}, [("orphan-placeholder", 1, 2)], id="orphan-placeholder"
        ),
        pytest.param(
            [["[r2]a", "b"], ["_", "c"]],
            {"header_rows": 1},
            [("span-crosses-section", 1, 1)],
            id="span-crosses-thead",
        ),
        pytest.param(
            [["a", "b"], ["[r2]c", "d"], ["_", "e"]],
            {"footer_rows": 1},
            [("span-crosses-section", 2, 1)],
            id="span-crosses-tfoot",
        ),
        pytest.param(
            [["[r2]a", "b"], ["_", "c"]],
            {"header_rows": 2, "footer_rows": 1},
            [],
            id="no-crossing-when-sections-exceed-rows",
        ),
        pytest.param(
            [["[r999999999c999999999]a", "b"], ["c", "d"]],
            {},
            [
                ("rowspan-overflow", 1, 1),
                ("colspan-overflow", 1, 1),
                ("missing-placeholder", 1, 1),
            ],
            id="huge-span",
        ),
    ],
)
def test_problems(
    notation: list[list[str]],
    options: dict[str, Any],
    expected: list[tuple[str, int | None, int | None]],
) -> None:
    problems = check(notation, **options)
    assert found(problems) == expected
    assert all(d.kind in KINDS and d.table == "" for d in problems)
    assert all(d.message and d.hint for d in problems)


def test_locations_are_the_cells_and_rows() -> None:
    width, orphan = check([["a", "b"], ["_", "c", "d"]])
    assert (orphan.kind, orphan.line, orphan.column) == ("orphan-placeholder", 3, 5)
    assert (width.kind, width.line, width.column) == ("inconsistent-width", 3, None)


def test_ordered_by_line() -> None:
    problems = check([["a", "[r0]b", "_"], ["c", "d", "e", "f"]])
    assert [d.line for d in problems] == sorted(d.line for d in problems)
    assert found(problems) == [
        ("invalid-span", 1, 2),
        ("orphan-placeholder", 1, 3),
        ("inconsistent-width", 2, None),
    ]


def test_orphan_message() -> None:
    (problem,) = check([["a", "_"], ["b", "c"]])
    assert problem.message == "'_' is not covered by any rowspan or colspan"
    assert problem.hint == "remove it or add a span above or to its left"
    assert problem.format("docs/api.md").startswith(
        "docs/api.md:2:5: orphan-placeholder: ListTable row 1, col 2: "
    )


def test_invalid_span_names_value() -> None:
    (problem,) = check([["[r0]a"]])
    assert "rowspan 0" in problem.message
    assert problem.hint == "use a positive number, e.g. [r2]"


def test_rowspan_overflow_says_rows_left() -> None:
    (problem,) = check([["a"], ["[r4]b"], ["_"]])
    assert "only 2 remain" in problem.message


def test_missing_placeholder_names_first_gap_and_count() -> None:
    (problem,) = check([["[r3c2]a", "_", "b"], ["_", "_", "c"], ["_", "d", "e"]])
    assert problem.message == "[r3c2] covers row 3, column 2, but no '_' is there"
    (problem,) = check([["[r2c3]a", "_", "_"], ["_", "b", "c"]])
    assert problem.message == (
        "[r2c3] covers row 2, column 2, but no '_' is there (nor at 1 other covered position)"
    )


def test_huge_span_costs_its_cells_not_its_area(monkeypatch: pytest.MonkeyPatch) -> None:
    # The span covers 301 x 1000 positions; the work must follow the 15,351 cells typed.
    # Counted, not timed: speed is the benchmarks' to measure.
    calls = [0]
    holders = grid_module._holders

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return holders(*args)

    monkeypatch.setattr(grid_module, "_holders", counted)
    problems = check([["[r999999999c999999999]a", *["_"] * 50]] + [["_"] * 51] * 300)
    assert "colspan-overflow" in {d.kind for d in problems}
    assert calls[0] <= 51 * 301


@pytest.mark.parametrize(
    ("header", "footer", "lines", "expected"),
    [
        (1, 1, {}, []),
        (2, 1, {}, [7]),
        (3, 0, {"headerRows": 9}, [9]),
        (2, 2, {"footerRows": 8, "headerRows": 9}, [8]),
    ],
)
def test_sections_exceed_rows(
    header: int, footer: int, lines: dict[str, int], expected: list[int]
) -> None:
    options = Options(header_rows=header, footer_rows=footer, attribute_lines=lines)
    problems = section_problems(make_rows([["a"], ["b"]]), options, 7)
    assert [d.line for d in problems] == expected
    assert all(d.kind == "sections-exceed-rows" and d.fatal for d in problems)


def test_the_readme_lists_every_kind_as_the_registry_does() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| kind | when |") :]
    table = table[: table.index("\n\n")]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", table, re.MULTILINE)
    assert rows == [(kind.name, kind.when) for kind in KINDS.values()]


def test_a_diagnostic_of_an_unregistered_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown diagnostic kind"):
        Diagnostic("no-such-kind", "message", "hint", 1)
