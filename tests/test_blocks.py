"""Finding `<ListTable>` blocks in a page: where they are, and where they are only text.

Pages are written as tuples of lines, the form `find_blocks` receives them in
(CRLF and tabs are normalised before it runs).
"""

from __future__ import annotations

import pytest

from mkdocs_listtable.blocks import Block, Fence, fence_closes, fence_open, find_blocks
from mkdocs_listtable.diagnostics import Diagnostic


def find(lines: tuple[str, ...], first_line: int = 1) -> tuple[list[Block], list[Diagnostic]]:
    return find_blocks(list(lines), first_line)


def tables(lines: tuple[str, ...], first_line: int = 1) -> list[tuple[int, int, bool]]:
    """`(first line, last line, closed)` of every block, 1-based and inclusive."""
    blocks, _ = find(lines, first_line)
    return [(b.line, b.line + b.end - b.start - 1, b.closed) for b in blocks]


def only(lines: tuple[str, ...], first_line: int = 1) -> Block:
    blocks, problems = find(lines, first_line)
    assert problems == []
    assert len(blocks) == 1, blocks
    return blocks[0]


SIMPLE = ("<ListTable>", "- - a", "  - b", "</ListTable>")


# --- A block at the top level ------------------------------------------------------------------


def test_top_level_block_has_exact_source_and_lines() -> None:
    block = only(("Intro", "", *SIMPLE, "", "After"))
    assert block.source == "<ListTable>\n- - a\n  - b\n</ListTable>"
    assert (block.line, block.body_line) == (3, 4)
    assert (block.start, block.end) == (2, 6)
    assert (block.indent, block.prefix) == (0, "")
    assert block.tag == "<ListTable>"
    assert block.body == ["- - a", "  - b"]
    assert block.closed
    assert block.after == ""


def test_first_line_shifts_every_line_number() -> None:
    block = only(SIMPLE, first_line=40)
    assert (block.line, block.body_line) == (40, 41)
    assert (block.start, block.end) == (0, 4)  # Indices stay relative to the lines given.


def test_multi_line_opening_tag() -> None:
    block = only(
        ("<ListTable", "  headerRows={1}", '  caption="Revenue">', "- - a", "</ListTable>")
    )
    assert block.tag == '<ListTable\n  headerRows={1}\n  caption="Revenue">'
    assert (block.line, block.body_line) == (1, 4)
    assert block.body == ["- - a"]
    assert block.source == '<ListTable\n  headerRows={1}\n  caption="Revenue">\n- - a\n</ListTable>'


def test_greater_than_sign_in_a_quoted_attribute_does_not_end_the_tag() -> None:
    block = only(('<ListTable caption="a > b">', "- - a", "</ListTable>"))
    assert block.tag == '<ListTable caption="a > b">'
    assert block.body == ["- - a"]


def test_content_on_the_tag_line_is_the_first_body_line() -> None:
    block = only(("<ListTable>- - a", "  - b", "</ListTable>"))
    assert block.tag == "<ListTable>"
    assert block.body == ["- - a", "  - b"]
    assert block.body_line == 1
    assert block.source == "<ListTable>- - a\n  - b\n</ListTable>"


def test_text_after_the_closing_tag_is_kept() -> None:
    block = only(("<ListTable>", "- - a", "</ListTable> and more"))
    assert block.after == " and more"
    assert block.source.endswith("\n</ListTable>")


def test_spaces_before_the_closing_bracket_of_the_closing_tag() -> None:
    block = only(("<ListTable>", "- - a", "</ListTable   >"))
    assert block.closed
    assert block.source.endswith("</ListTable   >")


def test_two_blocks_one_after_the_other() -> None:
    assert tables((*SIMPLE, *SIMPLE)) == [(1, 4, True), (5, 8, True)]


@pytest.mark.parametrize(
    "line",
    ["<ListTableX>", "<ListTables>", "<listtable>", "text <ListTable>", "`<ListTable>`"],
    ids=["longer-name", "plural", "lowercase", "mid-line", "inline-code"],
)
def test_not_an_opening_tag(line: str) -> None:
    blocks, _ = find((line, "- - a"))
    assert blocks == []


# --- Inside containers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "line", "indent", "prefix"),
    [
        pytest.param(
            ("!!! note", "", "    <ListTable>", "    - - a", "    </ListTable>", "", "Text"),
            3,
            4,
            "    ",
            id="admonition",
        ),
        pytest.param(
            ('??? note "Details"', "", "    <ListTable>", "    - - a", "    </ListTable>"),
            3,
            4,
            "    ",
            id="collapsible-admonition",
        ),
        pytest.param(
            ('=== "Tab"', "", "    <ListTable>", "    - - a", "    </ListTable>"),
            3,
            4,
            "    ",
            id="content-tab",
        ),
        pytest.param(
            ("- item", "", "    <ListTable>", "    - - a", "    </ListTable>"),
            3,
            4,
            "    ",
            id="bullet-item",
        ),
        pytest.param(
            ("1. item", "", "    <ListTable>", "    - - a", "    </ListTable>"),
            3,
            4,
            "    ",
            id="ordered-item",
        ),
        pytest.param(
            ("- item", "", "  <ListTable>", "  - - a", "  </ListTable>"),
            3,
            2,
            "  ",
            id="item-two-space",
        ),
        pytest.param(
            (
                "- item",
                "",
                "    !!! note",
                "",
                "        <ListTable>",
                "        - - a",
                "        </ListTable>",
            ),
            5,
            8,
            "        ",
            id="admonition-in-item",
        ),
        pytest.param(
            ("- <ListTable>", "  - - a", "  </ListTable>"),
            1,
            2,
            "- ",
            id="starts-bullet-item",
        ),
        pytest.param(
            ("1. <ListTable>", "   - - a", "   </ListTable>"),
            1,
            3,
            "1. ",
            id="starts-ordered-item",
        ),
    ],
)
def test_block_in_container(lines: tuple[str, ...], line: int, indent: int, prefix: str) -> None:
    block = only(lines)
    assert (block.line, block.body_line) == (line, line + 1)
    assert (block.indent, block.prefix) == (indent, prefix)
    assert block.body == ["- - a"]
    assert block.source == "<ListTable>\n- - a\n</ListTable>"  # Dedented.
    assert block.closed


def test_body_is_dedented_by_the_block_indent_only() -> None:
    block = only(
        ("!!! note", "", "    <ListTable>", "    - - a", "        - b", "    </ListTable>")
    )
    assert block.body == ["- - a", "    - b"]


# --- Nesting and fences inside a block ---------------------------------------------------------


def test_nested_table_in_a_cell_does_not_close_the_outer_early() -> None:
    lines = (
        "<ListTable>",
        "- - <ListTable>",
        "    - - inner",
        "    </ListTable>",
        "  - b",
        "</ListTable>",
        "after",
    )
    block = only(lines)
    assert (block.line, block.end) == (1, 6)
    assert block.body == ["- - <ListTable>", "    - - inner", "    </ListTable>", "  - b"]


def test_nested_table_on_a_later_cell() -> None:
    lines = (
        "<ListTable>",
        "- - a",
        "  - <ListTable>",
        "    - - inner",
        "    </ListTable>",
        "- - b",
        "</ListTable>",
    )
    assert tables(lines) == [(1, 7, True)]


def test_self_closing_nested_table_in_a_cell() -> None:
    lines = ("<ListTable>", "- - <ListTable />", "  - b", "</ListTable>")
    assert tables(lines) == [(1, 4, True)]


@pytest.mark.parametrize(
    "cell",
    [
        ("  - ```", "    </ListTable>", "    ```"),
        ("  - ~~~", "    </ListTable>", "    ~~~"),
        ("  - text", "", "    ```", "    </ListTable>", "    ```"),
        ("  - ````md", "    ```", "    </ListTable>", "    ```", "    ````"),
    ],
    ids=["backticks", "tildes", "after-paragraph", "longer-fence"],
)
def test_closing_tag_in_a_cell_code_fence_does_not_close(cell: tuple[str, ...]) -> None:
    lines = ("<ListTable>", "- - a", *cell, "</ListTable>")
    block = only(lines)
    assert block.end == len(lines)
    assert "    </ListTable>" in block.body


# --- A ListTable that is text ------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(("```", *SIMPLE, "```"), id="backtick-fence"),
        pytest.param(("~~~", *SIMPLE, "~~~"), id="tilde-fence"),
        pytest.param(("```mdx", *SIMPLE, "```"), id="fence-with-language"),
        pytest.param(("````", "```", *SIMPLE, "```", "````"), id="longer-fence"),
        pytest.param(
            ("- item", "", "  ```", *(f"  {x}" for x in SIMPLE), "  ```"), id="fence-in-item"
        ),
        pytest.param(("Para", "", *(f"    {x}" for x in SIMPLE)), id="indented-code"),
        pytest.param(tuple(f"    {x}" for x in SIMPLE), id="indented-code-first"),
        pytest.param(("- item", "", *(f"      {x}" for x in SIMPLE)), id="indented-code-in-item"),
        pytest.param(("!!! note", "", *(f"        {x}" for x in SIMPLE)), id="code-in-admonition"),
        pytest.param(("<!--", *SIMPLE, "-->"), id="multi-line-comment"),
        pytest.param(("<!-- start", *SIMPLE, "end -->"), id="comment-with-text"),
        pytest.param(("Text <!-- a comment", *SIMPLE, "-->"), id="comment-opened-mid-line"),
    ],
)
def test_listtable_that_is_text(lines: tuple[str, ...]) -> None:
    blocks, problems = find(lines)
    assert blocks == []
    assert problems == []  # The closing tag is text too, not a stray tag.


def test_single_line_comment_hides_only_itself() -> None:
    assert tables(("<!-- <ListTable> -->", *SIMPLE)) == [(2, 5, True)]


def test_block_found_after_a_fence_closes() -> None:
    assert tables(("```", "<ListTable>", "```", *SIMPLE)) == [(4, 7, True)]


def test_block_found_after_a_comment_closes() -> None:
    assert tables(("<!--", "<ListTable>", "-->", *SIMPLE)) == [(4, 7, True)]


def test_block_found_after_indented_code() -> None:
    assert tables(("Para", "", "    code", "", *SIMPLE)) == [(5, 8, True)]


def test_indented_line_right_after_a_paragraph_is_a_continuation_not_code() -> None:
    assert tables(("Para", *(f"    {x}" for x in SIMPLE))) == [(2, 5, True)]


def test_comment_opener_in_inline_code_is_not_a_comment() -> None:
    assert tables(("Write `<!--` to open a comment.", "", *SIMPLE)) == [(3, 6, True)]


def test_indented_code_right_after_a_heading_is_code() -> None:
    assert tables(("# Heading", *(f"    {x}" for x in SIMPLE))) == []


# --- Unclosed blocks and stray closing tags ----------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(("<ListTable>", "- - a"), [(1, 1, False)], id="end-of-page"),
        pytest.param(
            ("<ListTable>", "- - a", *SIMPLE),
            [(1, 1, False), (3, 6, True)],
            id="second-table-before-close",
        ),
        pytest.param(
            ("- <ListTable>", "  - - a", "- <ListTable>", "  - - b", "  </ListTable>"),
            [(1, 1, False), (3, 5, True)],
            id="sibling-item-table-before-close",
        ),
        pytest.param(
            ("<ListTable", '  caption="x">', "- - a"),
            [(1, 2, False)],
            id="multi-line-tag",
        ),
        pytest.param(
            ("<ListTable>", "- - <ListTable>", "    - - a", "    </ListTable>"),
            [(1, 1, False), (2, 4, True)],
            id="nested-one-found-on-its-own",
        ),
        pytest.param(
            ("<ListTable>", "- - a", "  - ```", "    code"),
            [(1, 1, False)],
            id="fence-runs-to-end",
        ),
    ],
)
def test_unclosed_block_ends_right_after_its_tag(
    lines: tuple[str, ...], expected: list[tuple[int, int, bool]]
) -> None:
    assert tables(lines) == expected


def test_unclosed_block_keeps_its_tag_as_source() -> None:
    block = find(("Intro", "<ListTable caption='x'>", "- - a"))[0][0]
    assert not block.closed
    assert (block.start, block.end) == (1, 2)
    assert block.source == block.tag == "<ListTable caption='x'>"
    assert block.body == []
    assert block.body_line == 3


def test_container_ending_first_leaves_the_block_unclosed() -> None:
    lines = ("!!! note", "", "    <ListTable>", "    - - a", "", "Text", "</ListTable>")
    blocks, problems = find(lines)
    assert [(b.line, b.end, b.closed) for b in blocks] == [(3, 3, False)]
    assert [(p.kind, p.line) for p in problems] == [("unclosed", 7)]


@pytest.mark.parametrize(
    ("lines", "line", "column"),
    [
        (("Text", "</ListTable>", "More"), 2, 1),
        (("- item", "", "    </ListTable>"), 3, 5),
        ((*SIMPLE, "</ListTable>"), 5, 1),
    ],
    ids=["top-level", "indented", "after-a-closed-block"],
)
def test_stray_closing_tag_is_reported_at_its_line(
    lines: tuple[str, ...], line: int, column: int
) -> None:
    _, problems = find(lines, first_line=1)
    assert [(p.kind, p.line, p.column) for p in problems] == [("unclosed", line, column)]


def test_stray_closing_tag_line_honours_first_line() -> None:
    _, problems = find(("Text", "</ListTable>"), first_line=20)
    assert [p.line for p in problems] == [21]


@pytest.mark.parametrize(
    "lines",
    [
        ("```", "</ListTable>", "```"),
        ("<!--", "</ListTable>", "-->"),
        ("Para", "", "    </ListTable>"),
    ],
    ids=["fence", "comment", "indented-code"],
)
def test_closing_tag_that_is_text_is_not_reported(lines: tuple[str, ...]) -> None:
    assert find(lines) == ([], [])


@pytest.mark.parametrize(
    "tag",
    ["<ListTable />", "<ListTable/>", '<ListTable caption="x" />'],
)
def test_self_closing_tag_is_a_closed_block_without_body(tag: str) -> None:
    block = only((tag, "Next paragraph"))
    assert block.closed
    assert (block.start, block.end) == (0, 1)
    assert block.source == tag
    assert block.body == []


def test_self_closing_tag_does_not_take_a_later_closing_tag() -> None:
    blocks, problems = find(("<ListTable />", "- - a", "</ListTable>"))
    assert [(b.line, b.end) for b in blocks] == [(1, 1)]
    assert [(p.kind, p.line) for p in problems] == [("unclosed", 3)]


def test_multi_line_self_closing_nested_table() -> None:
    lines = ("<ListTable>", "- - <ListTable", '      caption="x" />', "  - b", "</ListTable>")
    assert find(lines)[1] == []
    assert tables(lines) == [(1, 5, True)]


def test_unclosed_fence_in_a_cell_does_not_hide_later_tables() -> None:
    lines = ("<ListTable>", "- - ```", "    code", "</ListTable>", "", *SIMPLE)
    assert (6, 9, True) in tables(lines)


# --- Fence helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fence"),
    [
        ("```", ("`", 3)),
        ("````python", ("`", 4)),
        ("~~~", ("~", 3)),
        ("   ~~~~ {.md}", ("~", 4)),
        ("- ```", ("`", 3)),
        ("- - ```", ("`", 3)),
        ("1. ~~~", ("~", 3)),
        ("~~~ with `backticks`", ("~", 3)),
        ("``", None),
        ("``` has `backtick`", None),
        ("text ```", None),
    ],
)
def test_fence_open(line: str, fence: tuple[str, int] | None) -> None:
    found = fence_open(line)
    assert ((found.char, found.length) if found else None) == fence


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("```", True),
        ("  `````", True),
        ("``", False),
        ("~~~", False),
        ("``` x", False),
        ("", False),
    ],
)
def test_fence_closes_a_backtick_fence_of_three(line: str, closes: bool) -> None:
    assert fence_closes(line, Fence("`", 3, 0)) is closes
