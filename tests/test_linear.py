"""Hostile pages cost work in proportion to their size.

Time is measured by `benchmarks/adversarial.py`; here the work is counted (lines
looked at, spans walked) at a size and at four times that size, and must grow
about four times, not sixteen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_listtable import blocks, grid
from mkdocs_listtable.blocks import find_blocks
from mkdocs_listtable.extension import ListTableExtension
from mkdocs_listtable.syntax import without_code_spans

TABLE = ["<ListTable>", "- - a", "  - b", "</ListTable>"]


@contextmanager
def counting(module: Any, name: str) -> Iterator[list[int]]:
    """Count the calls of `module.name` while the block runs."""
    calls = [0]
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    setattr(module, name, counted)
    try:
        yield calls
    finally:
        setattr(module, name, original)


def growth(work: Callable[[int], int], n: int) -> float:
    """Work at `4n` over work at `n`."""
    return work(4 * n) / max(work(n), 1)


def lines_looked(page: Callable[[int], list[str]]) -> Callable[[int], int]:
    """The lines `find_blocks` looks at, on `page(n)`: one per line, plus each look ahead."""

    def work(n: int) -> int:
        with counting(blocks, "fence_closes") as closes, counting(blocks, "indent_of") as indents:
            find_blocks(page(n))
        return closes[0] + indents[0]

    return work


def test_fences_that_never_close_are_looked_at_once() -> None:
    assert growth(lines_looked(lambda n: [*TABLE, "", *["```a"] * n]), 200) < 5


def test_fences_of_many_lengths_that_never_close_stay_within_the_budget() -> None:
    page = ["`" * (3 + i % 50) + "a" for i in range(3000)] + TABLE
    found, problems = find_blocks(page)
    # Past the budget the fences are taken as text: the table below them is found, and said so.
    assert [b.line for b in found] == [3001]
    assert [p.kind for p in problems] == ["too-complex"]


def test_paragraphs_in_a_container_are_not_walked_back_for_each_line() -> None:
    def page(n: int) -> list[str]:
        lines = ["!!! note", ""]
        for i in range(n):
            lines += [f"    Paragraph {i}.", ""]
        return lines + ["    " + line for line in TABLE]

    assert growth(lines_looked(page), 200) < 5
    assert len(find_blocks(page(10))[0]) == 1


def test_code_spans_are_removed_in_one_pass() -> None:
    assert without_code_spans("a `b` c ``d`e`` f") == "a  c  f"
    assert without_code_spans("`" * 100_001) == "`" * 100_001
    assert without_code_spans("``a` <!--") == "``a` <!--"  # No partner: text.
    assert without_code_spans("`a` `` `b` ``") == " "


def test_a_long_line_of_backticks_before_a_comment_opener() -> None:
    found, _ = find_blocks(["`" * 50_000 + " <!--", *TABLE])
    assert found == []  # The comment is open: the table is inside it.


def staircase(n: int) -> list[list[Any]]:
    """Row r: r placeholders under the row spans from above, then a span of every row left."""
    from mkdocs_listtable.model import Cell

    rows = []
    for r in range(n):
        cells = [Cell("_", r, 5, placeholder=True) for _ in range(r)]
        cells.append(Cell("x", r, 5, rowspan=n - r, marker=f"[r{n - r}]"))
        rows.append(cells)
    return rows


def test_staircase_spans_cost_their_cells() -> None:
    def work(n: int) -> int:
        rows = staircase(n)
        with counting(grid, "_holders") as holders:
            laid = grid.layout(rows)
        assert not laid.too_complex
        cells = sum(len(row) for row in rows)
        assert len(laid.consumed) == cells - n
        return holders[0] + cells

    # Cells grow as n squared: sixteen times the cells for four times the rows.
    assert work(160) / work(40) < 17


def test_row_spans_over_rows_of_one_cell_are_capped_and_said() -> None:
    rows = "".join(f"- - [r3000] step {r}\n" for r in range(3000))
    md = markdown.Markdown(extensions=[ListTableExtension(raise_on_error=False)])
    html = md.convert(f'<ListTable validation="off">\n{rows}</ListTable>\n')
    panel = BeautifulSoup(html, "html.parser").select_one(".listtable--error")
    assert panel is not None
    assert "too-complex" in panel.get_text()
    assert "step 2999" in panel.get_text()  # The author's text is kept, in the source.


@pytest.mark.parametrize("count", [300, 1200])
def test_many_unknown_attributes_get_their_own_lines(count: int) -> None:
    from mkdocs_listtable.attributes import parse_tag

    tag = "<ListTable\n" + "\n".join(f"  unknown{i}={{1}}" for i in range(count)) + ">"
    _, problems, _ = parse_tag(tag, 10)
    assert [p.line for p in problems] == list(range(11, 11 + count))
    assert all(p.column == 3 for p in problems)
