"""Prepare a cell's Markdown for Python-Markdown, so it reads as it does in MDX.

Two CommonMark habits of MDX authors that Python-Markdown reads otherwise:
a list right under a paragraph line (CommonMark starts a list there,
Python-Markdown continues the paragraph), and lists nested by their content
column (two spaces under `- `) where Python-Markdown wants `tab_length` spaces.
"""

from __future__ import annotations

import re

from markdown.util import HTML_PLACEHOLDER

from .listparse import split_items
from .syntax import (
    BLOCK_START_RE,
    INTERRUPTS_RE,
    LIST_LINE_RE,
    RULE_RE,
    Fence,
    fence_closes,
    fence_open,
)

STASHED_BLOCK_RE = re.compile(f"^ *{HTML_PLACEHOLDER % '[0-9]+'} *$")
"""A line that Python-Markdown's preprocessors left for a stashed block (fenced code, HTML)."""


def separate_stashed_blocks(lines: list[str]) -> list[str]:
    """Blank lines around each stashed block (fenced code, raw HTML) of a cell.

    In CommonMark a fence ends a paragraph and the next line starts one; in
    Python-Markdown a paragraph line next to the fence's placeholder swallows
    it, and the code's `<div>` lands inside a `<p>`.
    """
    out: list[str] = []
    for index, line in enumerate(lines):
        if STASHED_BLOCK_RE.match(line):
            if out and out[-1].strip():
                out.append("")
            out.append(line)
            if index + 1 < len(lines) and lines[index + 1].strip():
                out.append("")
        else:
            out.append(line)
    return out


def renders_inline(text: str) -> bool:
    """Whether `text` is one line that Markdown can only read as a paragraph."""
    if "\n" in text:
        return False
    # No block starts with a letter: most cells are decided without the expression.
    return text[:1].isalpha() or BLOCK_START_RE.match(text) is None


def prepare(lines: list[str], tab_length: int, in_item: bool = False) -> list[str]:
    """The cell's lines, with lists separated from paragraphs and nested by `tab_length`.

    `in_item`: the lines are a list item's content, whose first line is the
    item's own text: a list right under it nests without a blank line (and a
    blank line there would make Python-Markdown swallow the next sibling item).
    """
    if not any(LIST_LINE_RE.match(line) for line in lines):
        return lines
    out: list[str] = []
    fence: Fence | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            out.append(line)
            if fence_closes(line, fence):
                fence = None
            index += 1
            continue
        after_paragraph = bool(out) and _is_paragraph(out[-1]) and not (in_item and len(out) == 1)
        if (
            not LIST_LINE_RE.match(line)
            or RULE_RE.match(line)
            or (after_paragraph and not INTERRUPTS_RE.match(line))
        ):
            fence = fence_open(line) if not line.startswith(" " * 4) else None
            out.append(line)
            index += 1
            continue
        items, end, _ = split_items(lines[index:], 1, ordered=True)
        if after_paragraph:
            out.append("")  # A list interrupts a paragraph, as in CommonMark.
        for item in items:
            inner = prepare(item.lines, tab_length, in_item=True)
            out.append(f"{item.bullet} {inner[0]}".rstrip())
            out.extend(" " * tab_length + text if text.strip() else "" for text in inner[1:])
            if item.blank_after:
                out.append("")
        index += max(end, 1)
    return out


def _is_paragraph(line: str) -> bool:
    """Whether `line` may be paragraph text (what a list would interrupt)."""
    return bool(line.strip()) and not LIST_LINE_RE.match(line) and not line.startswith(" " * 4)
