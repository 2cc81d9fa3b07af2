"""A cell's Markdown made to read in Python-Markdown as it does in MDX.

`renders_inline` decides which cells skip the block parser; `prepare` rewrites
the two CommonMark habits Python-Markdown reads otherwise.
"""

from __future__ import annotations

import pytest

from mkdocs_listtable.cells import prepare, renders_inline

# --- renders_inline ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Plain text",
        "[a link](page.md)",
        "[a link][ref]",
        "![an image](img.png)",
        "*emphasis* first",
        "**strong** first",
        "_emphasis_ first",
        "`code` first",
        "2024 revenue",
        "1.5 litres",
        "-5 degrees",
        "+1 vote",
        "[^1] a footnote reference",
        "$5,000",
        "a | b",
        "",
    ],
)
def test_renders_inline(text: str) -> None:
    assert renders_inline(text)


@pytest.mark.parametrize(
    "text",
    [
        "# Heading",
        "## Heading",
        "#hashtag",  # A heading in Python-Markdown, which needs no space after `#`.
        "> Quote",
        "- item",
        "* item",
        "+ item",
        "-",
        "1. item",
        "1) item",
        "2024. was a year",
        "```",
        "```python",
        "~~~",
        "!!! note",
        '??? note "Title"',
        '=== "Tab"',
        "/// details",
        "<div>",
        "<!-- comment -->",
        "---",
        "***",
        "___",
        "- - -",
        "[x]: https://example.com",
        "[^1]: The footnote.",
        "*[HTML]: Hyper Text Markup Language",
        "| a | b |",
        ": definition",
        "$$",
        "    indented code",
        "\tindented code",
        "Two\nlines",
        "Text\n",
    ],
)
def test_does_not_render_inline(text: str) -> None:
    assert not renders_inline(text)


# --- prepare -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ("Intro:", "- a", "- b"),
            ("Intro:", "", "- a", "- b"),
            id="list-under-paragraph",
        ),
        pytest.param(
            ("Intro:", "* a", "+ b"),
            ("Intro:", "", "* a", "+ b"),
            id="other-bullets",
        ),
        pytest.param(
            ("Steps:", "1. one", "2. two"),
            ("Steps:", "", "1. one", "2. two"),
            id="ordered-under-paragraph",
        ),
        pytest.param(
            ("Intro", "  - indented bullet"),
            ("Intro", "", "- indented bullet"),
            id="indented-bullet-under-paragraph",
        ),
        pytest.param(
            ("Intro:", "", "- a", "- b"),
            ("Intro:", "", "- a", "- b"),
            id="already-separated",
        ),
        pytest.param(
            ("- a", "- b", "", "After."),
            ("- a", "- b", "", "After."),
            id="paragraph-after-list",
        ),
    ],
)
def test_list_under_a_paragraph_gets_a_blank_line(
    lines: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert prepare(list(lines), 4) == list(expected)


@pytest.mark.parametrize(
    ("lines", "tab_length", "expected"),
    [
        pytest.param(
            ("- a", "  - a1", "  - a2", "- b"),
            4,
            ("- a", "    - a1", "    - a2", "- b"),
            id="two-to-four",
        ),
        pytest.param(
            ("- a", "  - a1", "    - a11", "- b"),
            4,
            ("- a", "    - a1", "        - a11", "- b"),
            id="three-levels",
        ),
        pytest.param(
            ("- a", "    - a1", "- b"),
            4,
            ("- a", "    - a1", "- b"),
            id="four-stays-four",
        ),
        pytest.param(
            ("- a", "  - a1", "- b"),
            2,
            ("- a", "  - a1", "- b"),
            id="two-stays-two-for-tab-length-2",
        ),
        pytest.param(
            ("- a", "    - a1", "- b"),
            2,
            ("- a", "  - a1", "- b"),
            id="four-to-two-for-tab-length-2",
        ),
        pytest.param(
            ("1. a", "2. b", "   1. b1", "3. c"),
            4,
            ("1. a", "2. b", "    1. b1", "3. c"),
            id="ordered",
        ),
        pytest.param(
            ("- a", "  1. x", "  2. y"),
            4,
            ("- a", "    1. x", "    2. y"),
            id="ordered-in-bullet",
        ),
        pytest.param(
            ("1. a", "   - x"),
            2,
            ("1. a", "  - x"),
            id="bullet-in-ordered-tab-length-2",
        ),
        pytest.param(
            ("- a", "  > quote", "- b"),
            4,
            ("- a", "    > quote", "- b"),
            id="quote-in-item",
        ),
        pytest.param(
            ("- a", "lazy", "- b"),
            4,
            ("- a", "    lazy", "- b"),
            id="lazy-line",
        ),
        pytest.param(
            ("- [x] done", "  - sub"),
            4,
            ("- [x] done", "    - sub"),
            id="task-item",
        ),
    ],
)
def test_nested_lists_are_indented_by_tab_length(
    lines: tuple[str, ...], tab_length: int, expected: tuple[str, ...]
) -> None:
    assert prepare(list(lines), tab_length) == list(expected)


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(("```", "- a", "  - b", "```"), id="backtick-fence"),
        pytest.param(("~~~", "Text", "- a", "~~~"), id="tilde-fence"),
        pytest.param(("Text", "", "    - code", "      - code"), id="indented-code"),
        pytest.param(("Plain", "text"), id="no-list"),
        pytest.param(("- a", "", "- b", "", "- c"), id="loose-items"),
        pytest.param(("- a", "- b"), id="flat-list"),
        pytest.param(("Title", "---"), id="setext-heading"),
        pytest.param(("- - -",), id="thematic-break-alone"),
    ],
)
def test_left_as_written(lines: tuple[str, ...]) -> None:
    assert prepare(list(lines), 4) == list(lines)


def test_fence_after_a_list_is_untouched() -> None:
    lines = ["- a", "  - b", "", "```", "- x", "  - y", "```"]
    assert prepare(lines, 4) == ["- a", "    - b", "", "```", "- x", "  - y", "```"]


def test_fence_inside_an_item_keeps_its_own_indentation() -> None:
    lines = ["- a", "  ```", "  - x", "    - y", "  ```", "- b"]
    assert prepare(lines, 4) == ["- a", "    ```", "    - x", "      - y", "    ```", "- b"]


def test_loose_items_keep_their_blank_lines() -> None:
    lines = ["- a", "", "  more a", "", "- b", "  - b1", "", "- c"]
    assert prepare(lines, 4) == ["- a", "", "    more a", "", "- b", "    - b1", "", "- c"]


def test_nested_list_right_under_an_item_gets_no_blank_line() -> None:
    # A blank line there would make Python-Markdown swallow the next sibling.
    assert prepare(["- a", "  - a1", "- b"], 4) == ["- a", "    - a1", "- b"]


@pytest.mark.parametrize(
    ("in_item", "expected"),
    [(True, ["a", "- x"]), (False, ["a", "", "- x"])],
    ids=["item-text", "paragraph"],
)
def test_in_item_first_line_is_the_item_text(in_item: bool, expected: list[str]) -> None:
    assert prepare(["a", "- x"], 4, in_item=in_item) == expected


def test_in_item_later_paragraph_still_gets_a_blank_line() -> None:
    lines = ["a", "", "para", "- x"]
    assert prepare(lines, 4, in_item=True) == ["a", "", "para", "", "- x"]


def test_list_between_paragraphs() -> None:
    lines = ["Before:", "- a", "  - a1", "", "After."]
    assert prepare(lines, 4) == ["Before:", "", "- a", "    - a1", "", "After."]


@pytest.mark.parametrize(
    "lines",
    [["Revenue grew in", "2024. Costs fell."], ["Step one, then", "2. step two"]],
    ids=["year", "two"],
)
def test_ordered_line_not_starting_at_one_continues_the_paragraph(lines: list[str]) -> None:
    assert prepare(lines, 4) == lines


def test_empty_bullet_under_a_paragraph_is_a_setext_underline() -> None:
    assert prepare(["Title", "-"], 4) == ["Title", "-"]


@pytest.mark.parametrize("rule", ["- - -", "* * *"])
def test_spaced_thematic_break_under_a_paragraph_is_not_a_list(rule: str) -> None:
    prepared = prepare(["a", rule, "b"], 4)
    assert rule in prepared
    assert prepared[-1] == "b"  # Not re-indented into a code block.
