"""Reading rows and cells from a block body, by CommonMark's content-column rule.

Bodies are written as tuples of lines, dedented as `find_blocks` hands them on.
"""

from __future__ import annotations

import pytest

from mkdocs_listtable.diagnostics import Diagnostic
from mkdocs_listtable.listparse import Item, parse_cell, parse_rows, split_items
from mkdocs_listtable.model import Cell, Row


def parse(
    *lines: str, first_line: int = 1, column_offset: int = 0
) -> tuple[list[Row], list[Diagnostic]]:
    return parse_rows(list(lines), first_line, column_offset)


def grid(*lines: str) -> list[list[str]]:
    """The cell texts, row by row, for a body that must parse without problems."""
    rows, problems = parse(*lines)
    assert problems == []
    return [[cell.text for cell in row.cells] for row in rows]


def cell(text: str) -> Cell:
    """The only cell of `- - {text}`; continuation lines of `text` are indented under it."""
    first, *rest = text.split("\n")
    rows, problems = parse(f"- - {first}", *(f"    {line}" if line else "" for line in rest))
    assert problems == []
    assert len(rows) == 1 and len(rows[0].cells) == 1
    return rows[0].cells[0]


# --- List structure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ("- - a", "  - b", "- - c", "  - d"), [["a", "b"], ["c", "d"]], id="two-space"
        ),
        pytest.param(
            ("-   - a", "    - b", "-   - c", "    - d"), [["a", "b"], ["c", "d"]], id="four-space"
        ),
        pytest.param(
            ("- - a", "  - b", "-   - c", "    - d"), [["a", "b"], ["c", "d"]], id="mixed-rows"
        ),
        pytest.param(("* * a", "  * b"), [["a", "b"]], id="asterisks"),
        pytest.param(("+ + a", "  + b"), [["a", "b"]], id="pluses"),
        pytest.param(("* + a", "  - b", "+ * c", "  * d"), [["a", "b"], ["c", "d"]], id="mixed"),
        pytest.param(("-", "  - a", "  - b"), [["a", "b"]], id="row-bullet-alone"),
        pytest.param(("-", "    - a", "    - b"), [["a", "b"]], id="row-bullet-alone-four"),
        pytest.param(("- - a", "  -", "  - c"), [["a", "", "c"]], id="empty-cell"),
        pytest.param(("- - a", "  - ", "  - c"), [["a", "", "c"]], id="empty-cell-trailing-space"),
        pytest.param(("- - a", "   - b"), [["a", "b"]], id="sibling-one-column-deeper"),
        pytest.param(("   - - a", "     - b"), [["a", "b"]], id="rows-indented-three"),
        pytest.param(("", "", "- - a", "", ""), [["a"]], id="blank-lines-around"),
        pytest.param(
            ("- - a", "", "  - b", "", "- - c", "", "  - d"), [["a", "b"], ["c", "d"]], id="loose"
        ),
        pytest.param(("- - a", "-", "- - c"), [["a"], [], ["c"]], id="empty-row"),
        pytest.param(
            ("- - a", "    - nested", "    - nested2", "  - b"),
            [["a\n- nested\n- nested2", "b"]],
            id="nested-list-in-cell",
        ),
        pytest.param(
            ("- - a", "    1. one", "    2. two"),
            [["a\n1. one\n2. two"]],
            id="ordered-list-in-cell",
        ),
        pytest.param(("- - a", "    > quote"), [["a\n> quote"]], id="quote-in-cell"),
        pytest.param(("- -     code",), [["    code"]], id="indented-code-in-cell"),
        pytest.param(
            ("- - a", "    !!! note", "        x"), [["a\n!!! note\n    x"]], id="admonition"
        ),
    ],
)
def test_rows_and_cells(lines: tuple[str, ...], expected: list[list[str]]) -> None:
    assert grid(*lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ("- - para one", "", "    para two", "", "    para three", "  - b"),
            [["para one\n\npara two\n\npara three", "b"]],
            id="paragraphs",
        ),
        pytest.param(("- - one", "", "", "    two"), [["one\n\n\ntwo"]], id="two-blank-lines-kept"),
        pytest.param(
            ("- - one", "", "    two", "", "- - c"),
            [["one\n\ntwo"], ["c"]],
            id="trailing-blank-dropped",
        ),
        pytest.param(
            ("- - ```", "    code", "", "    more", "    ```", "  - b"),
            [["```\ncode\n\nmore\n```", "b"]],
            id="fence-with-blank-line",
        ),
        pytest.param(
            ("- - ```", "    code", "  less", "      more", "    ```", "  - b"),
            [["```\ncode\nless\n  more\n```", "b"]],
            id="fence-with-less-indented-line",
        ),
        pytest.param(
            ("- - ```", "    code", "zero", "    ```", "  - b"),
            [["```\ncode\nzero\n```", "b"]],
            id="fence-with-unindented-line",
        ),
        pytest.param(
            # As in CommonMark, a line less indented than the cell ends the cell and its fence.
            ("- - a", "  - ```", "    - not a cell", "  - a cell", "    ```", "  - c"),
            [["a", "```\n- not a cell", "a cell\n```", "c"]],
            id="fence-ends-with-its-cell",
        ),
        pytest.param(
            ("- - ~~~", "    a", "", "    ~~~", "  - b"), [["~~~\na\n\n~~~", "b"]], id="tilde-fence"
        ),
        pytest.param(
            ("- - text", "", "    ```py", "    x = 1", "    ```", "  - b"),
            [["text\n\n```py\nx = 1\n```", "b"]],
            id="fence-after-paragraph",
        ),
    ],
)
def test_cell_blocks(lines: tuple[str, ...], expected: list[list[str]]) -> None:
    assert grid(*lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ("- - lazy", "continuation", "  - b"), [["lazy\ncontinuation", "b"]], id="col-0"
        ),
        pytest.param(("- - lazy", "  continuation"), [["lazy\ncontinuation"]], id="row-column"),
        pytest.param(("- - a", "  - b", " lazy"), [["a", "b\nlazy"]], id="last-cell"),
        pytest.param(
            ("- - a", "continued", "- - c"), [["a\ncontinued"], ["c"]], id="before-next-row"
        ),
    ],
)
def test_lazy_continuation_lines_belong_to_the_cell(
    lines: tuple[str, ...], expected: list[list[str]]
) -> None:
    assert grid(*lines) == expected


# --- Span markers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "text", "rowspan", "colspan", "marker"),
    [
        ("[r2] x", "x", 2, 1, "[r2]"),
        ("[c3] x", "x", 1, 3, "[c3]"),
        ("[r2c3] x", "x", 2, 3, "[r2c3]"),
        ("[ r2 ] x", "x", 2, 1, "[ r2 ]"),
        ("[r2 c3] x", "x", 2, 3, "[r2 c3]"),
        ("[ r2c3 ] x", "x", 2, 3, "[ r2c3 ]"),
        ("[r2]x", "x", 2, 1, "[r2]"),
        ("[r2]   x", "x", 2, 1, "[r2]"),
        ("[r12] x", "x", 12, 1, "[r12]"),
        ("[r02] x", "x", 2, 1, "[r02]"),
        ("[r2]", "", 2, 1, "[r2]"),
        ("[c2] *emphasis*", "*emphasis*", 1, 2, "[c2]"),
        ("[r2] [link](x)", "[link](x)", 2, 1, "[r2]"),
        ("[r2] [ ] task", "[ ] task", 2, 1, "[r2]"),
        ("[r0] x", "x", 0, 1, "[r0]"),
        ("[c0] x", "x", 1, 0, "[c0]"),
        ("[r-1] x", "x", -1, 1, "[r-1]"),
        ("[c-2] x", "x", 1, -2, "[c-2]"),
    ],
)
def test_span_marker(written: str, text: str, rowspan: int, colspan: int, marker: str) -> None:
    parsed = cell(written)
    assert (parsed.text, parsed.rowspan, parsed.colspan, parsed.marker) == (
        text,
        rowspan,
        colspan,
        marker,
    )
    assert not parsed.placeholder


@pytest.mark.parametrize(
    "written",
    [
        "[ ] to do",
        "[x] done",
        "[R2] x",
        "[C2] x",
        "[c2r2] x",
        "[rabc] x",
        "[r] x",
        "[c] x",
        "[r2.5] x",
        "[r2](link)",
        "[r2][ref]",
        "[c2]: ref",
        "[]",
        "x [r2]",
        "\\[r2] x",
        "`[r2]` x",
    ],
)
def test_not_a_span_marker(written: str) -> None:
    parsed = cell(written)
    assert parsed.text == written
    assert (parsed.rowspan, parsed.colspan, parsed.marker) == (1, 1, None)


@pytest.mark.parametrize(
    ("lines", "text", "text_line"),
    [
        pytest.param(("- - [r2]", "    text", "    more"), "text\nmore", 11, id="next-line"),
        pytest.param(("- - [r2]  ", "    text"), "text", 11, id="trailing-spaces"),
        pytest.param(("- - [r2]", "", "    text"), "text", 12, id="after-blank-line"),
        pytest.param(
            ("- - [c2]", "    ```", "    code", "    ```"), "```\ncode\n```", 11, id="fence"
        ),
        pytest.param(("- - [r2] text", "    more"), "text\nmore", 10, id="same-line"),
    ],
)
def test_marker_alone_on_its_line(lines: tuple[str, ...], text: str, text_line: int) -> None:
    rows, problems = parse(*lines, first_line=10)
    assert problems == []
    [parsed] = rows[0].cells
    assert (parsed.text, parsed.line, parsed.text_line) == (text, 10, text_line)
    assert parsed.marker is not None


def test_marker_on_the_line_after_an_empty_bullet() -> None:
    rows, _ = parse("- -", "    [r2] x", "  - b")
    first = rows[0].cells[0]
    assert (first.text, first.rowspan, first.marker, first.text_line) == ("x", 2, "[r2]", 2)


# --- Placeholders ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "placeholder"),
    [
        ("- - _", True),
        ("- -  _ ", True),
        ("- - \\_", False),
        ("- - __", False),
        ("- - _x_", False),
        ("- - _ text", False),
        ("- - [r2] _", False),  # A span, not a placeholder.
        ("- - [c2]_", False),
    ],
)
def test_placeholder(written: str, placeholder: bool) -> None:
    rows, _ = parse(written)
    assert rows[0].cells[0].placeholder is placeholder


def test_escaped_underscore_is_handed_on_as_written() -> None:
    assert cell("\\_").text == "\\_"


def test_placeholder_on_the_line_after_an_empty_bullet() -> None:
    rows, _ = parse("- -", "    _")
    assert rows[0].cells[0].placeholder
    assert rows[0].cells[0].text_line == 2


# --- Lines and columns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "column_offset", "positions"),
    [
        pytest.param(("- - a", "  - b"), 0, [(1, 5), (2, 5)], id="two-space"),
        pytest.param(("-   - a", "    - b"), 0, [(1, 7), (2, 7)], id="four-space"),
        pytest.param(("- -  a", "  -  b"), 0, [(1, 6), (2, 6)], id="two-spaces-after-bullet"),
        pytest.param(("- - a", "   - b"), 0, [(1, 5), (2, 6)], id="uneven-siblings"),
        pytest.param(("  - - a", "    - b"), 0, [(1, 7), (2, 7)], id="indented-rows"),
        pytest.param(("-", "  - a", "  - b"), 0, [(2, 5), (3, 5)], id="row-bullet-alone"),
        pytest.param(("- - a", "  -"), 0, [(1, 5), (2, 5)], id="empty-cell-content-column"),
        pytest.param(("- - a", "  - b"), 4, [(1, 9), (2, 9)], id="column-offset"),
        pytest.param(("- - a", "", "  - b"), 0, [(1, 5), (3, 5)], id="loose"),
        pytest.param(("- - a", "    more", "  - b"), 0, [(1, 5), (3, 5)], id="multi-line-cell"),
    ],
)
def test_cell_lines_and_columns(
    lines: tuple[str, ...], column_offset: int, positions: list[tuple[int, int]]
) -> None:
    rows, problems = parse(*lines, column_offset=column_offset)
    assert problems == []
    assert [(c.line, c.column) for c in rows[0].cells] == positions


def test_first_line_numbers_rows_and_cells() -> None:
    rows, _ = parse("- - a", "  - b", "", "- - c", first_line=42)
    assert [row.line for row in rows] == [42, 45]
    assert [[c.line for c in row.cells] for row in rows] == [[42, 43], [45]]
    assert [[c.text_line for c in row.cells] for row in rows] == [[42, 43], [45]]


# --- Not a list of lists -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected_rows", "problems"),
    [
        pytest.param(("Just prose.",), [], [(10, None)], id="prose"),
        pytest.param(("", "Prose after a blank line."), [], [(11, None)], id="prose-after-blank"),
        pytest.param((), [], [(9, None)], id="empty-body"),
        pytest.param(("", ""), [], [(9, None)], id="blank-body"),
        pytest.param(("1. - a",), [], [(10, None)], id="ordered-rows"),
        pytest.param(("- just text", "- - a"), [["a"]], [(10, 1)], id="row-is-text"),
        pytest.param(("- - a", "- text"), [["a"]], [(11, 2)], id="second-row-is-text"),
        pytest.param(("- - a", "", "After."), [["a"]], [(12, None)], id="text-after-rows"),
        pytest.param(("- - a", "  - b", "", "  After."), [["a", "b"]], [(13, 1)], id="after-cells"),
        pytest.param(
            ("- - a", "  - b", "", "  After.", "- - c"),
            [["a", "b"], ["c"]],
            [(13, 1)],
            id="then-row",
        ),
    ],
)
def test_not_a_list(
    lines: tuple[str, ...],
    expected_rows: list[list[str]],
    problems: list[tuple[int, int | None]],
) -> None:
    rows, found = parse(*lines, first_line=10)
    assert [[c.text for c in row.cells] for row in rows] == expected_rows
    assert [(p.kind, p.line, p.row) for p in found] == [("not-a-list", *p) for p in problems]


def test_row_that_is_text_is_left_out() -> None:
    rows, _ = parse("- - a", "- text", "- - c")
    assert [row.line for row in rows] == [1, 3]


# --- split_items and parse_cell directly -------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "ordered", "items", "end", "begin"),
    [
        pytest.param(("- a", "- b"), False, [("a", 1, 3, "-"), ("b", 2, 3, "-")], 2, 0, id="tight"),
        pytest.param(
            ("- a", "- b", "", "para"),
            False,
            [("a", 1, 3, "-"), ("b", 2, 3, "-")],
            3,
            0,
            id="then-text",
        ),
        pytest.param(("", "- a"), False, [("a", 2, 3, "-")], 2, 1, id="leading-blank"),
        pytest.param(
            ("1. a", "2) b"), True, [("a", 1, 4, "1."), ("b", 2, 4, "2)")], 2, 0, id="ordered"
        ),
        pytest.param(("1. a",), False, [], 0, 0, id="ordered-not-asked"),
        pytest.param(("para", "- a"), False, [], 0, 0, id="starts-with-text"),
        pytest.param(
            ("-     code",), False, [("    code", 1, 3, "-")], 1, 0, id="five-spaces-code"
        ),
        pytest.param(
            ("  - a", " - b"), False, [("a", 1, 5, "-"), ("b", 2, 4, "-")], 2, 0, id="uneven"
        ),
    ],
)
def test_split_items(
    lines: tuple[str, ...],
    ordered: bool,
    items: list[tuple[str, int, int, str]],
    end: int,
    begin: int,
) -> None:
    found, found_end, found_begin = split_items(list(lines), 1, ordered=ordered)
    assert [("\n".join(i.lines), i.line, i.column, i.bullet) for i in found] == items
    assert (found_end, found_begin) == (end, begin)


def test_split_items_marks_blank_lines_after_items() -> None:
    items, _, _ = split_items(["- a", "", "- b", "  more", "", "", "- c"], 1)
    assert [(i.lines, i.blank_after) for i in items] == [
        (["a"], True),
        (["b", "more"], True),
        (["c"], False),
    ]


def test_parse_cell_keeps_item_position_and_adds_offset() -> None:
    parsed = parse_cell(Item(["[r2]", "", "text"], line=7, column=5, bullet="-"), column_offset=3)
    assert (parsed.text, parsed.line, parsed.text_line, parsed.column) == ("text", 7, 9, 8)
    assert (parsed.rowspan, parsed.marker) == (2, "[r2]")
