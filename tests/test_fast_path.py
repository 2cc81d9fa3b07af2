"""The fast reading of simple tables gives exactly what the general reading gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_listtable import listparse

TEXTS = st.sampled_from(
    ["a", "_", "\\_", "[r2] x", "[c2]", "[ r2 c3 ] y", "[ ] task", "**b** `c`", "- nested", "a  "]
)
BULLETS = st.sampled_from("-*+")


@st.composite
def simple_bodies(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        lines.append(f"{draw(BULLETS)} {draw(BULLETS)} {draw(TEXTS)}")
        lines.extend(f"  {draw(BULLETS)} {draw(TEXTS)}" for _ in range(draw(st.integers(0, 4))))
    return lines


def _general(body: list[str], first_line: int, offset: int) -> object:
    saved = listparse._simple_rows
    listparse._simple_rows = lambda *args: None  # type: ignore[assignment]
    try:
        return listparse.parse_rows(body, first_line, offset)
    finally:
        listparse._simple_rows = saved


@settings(deadline=None)  # Speed is the benchmarks' to measure; a busy machine is slow.
@given(simple_bodies(), st.integers(1, 100), st.integers(0, 8))
def test_fast_reading_equals_general_reading(body: list[str], first_line: int, offset: int) -> None:
    assert listparse._simple_rows(body, first_line, offset) is not None
    assert listparse.parse_rows(body, first_line, offset) == _general(body, first_line, offset)


def test_other_shapes_take_the_general_reading() -> None:
    for body in (
        ["- - a", "", "  - b"],  # A blank line.
        ["-   -   a", "    -   b"],  # Four-space nesting.
        ["- - ```", "    x", "    ```"],  # A fence.
        ["-", "  - a"],  # A row bullet alone.
        ["- - a", "    continued"],  # A second line in a cell.
    ):
        assert listparse._simple_rows(body, 1, 0) is None
