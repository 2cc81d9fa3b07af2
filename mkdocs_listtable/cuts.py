"""Cut marks never inside a table: a tool that cuts the page's HTML there cuts after it.

Material's blog renders a post's excerpt by converting the whole post and
cutting the HTML at the first `post_excerpt_separator` (`<!-- more -->`).
Written inside a cell, the separator would cut the excerpt inside the table,
and the blog index would nest the rest of its page in the open `<table>`.
So the separator is taken out of the cell and put right after the outermost
table holding it: the excerpt holds the whole table, as the writer, who put
the cut past the table's start, saw it; and the author is told where the
separator stands, so it can be moved there.

The marks come from the host (the plugin knows the blog's separator) as the
page context's `cut_marks`; the tree is looked at once it is whole, before
raw HTML (where a comment in a cell is stashed) is restored.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.util import HTML_PLACEHOLDER_RE

from .blocks import Block
from .diagnostics import Diagnostic


@dataclass(frozen=True)
class Built:
    """A table built in the conversion: its wrapper, its block, and its name in messages."""

    wrapper: etree.Element
    block: Block
    name: str


def keep_out_of_tables(
    md: Markdown, marks: tuple[str, ...], tables: list[Built]
) -> list[Diagnostic]:
    """Move every cut mark inside a table to right after the outermost table holding it.

    Returns:
        One `separator-in-table` problem per table that held a mark.
    """
    stash = md.htmlStash.rawHtmlBlocks
    marked = {
        index
        for index, item in enumerate(stash)
        if isinstance(item, str) and any(mark in item for mark in marks)
    }
    textual = tuple(mark for mark in marks if _shown_as_is(mark))
    if not marked and not textual:
        return []
    problems = []
    # A table is built after the tables in its cells: last built first, the outermost
    # table takes the marks of the tables it holds, and they have none left.
    for table in reversed(tables):
        found = _take_marks(table.wrapper, stash, marked, marks, textual)
        if not found:
            continue
        mark = found[0]
        placeholder = md.htmlStash.store(mark)
        table.wrapper.tail = f"\n{placeholder}\n{table.wrapper.tail or ''}"
        problems.append(_problem(table, mark))
    return problems[::-1]


def _shown_as_is(mark: str) -> bool:
    """Whether the mark, as text, reaches the HTML unchanged (no character to escape)."""
    return not any(c in mark for c in "<>&\"'")


def _take_marks(
    wrapper: etree.Element,
    stash: list[str | etree.Element],
    marked: set[int],
    marks: tuple[str, ...],
    textual: tuple[str, ...],
) -> list[str]:
    """Remove the marks from the table's text and raw HTML; the marks found, in order."""
    found: list[str] = []

    def clean(text: str | None) -> str | None:
        if not text:
            return text
        for match in HTML_PLACEHOLDER_RE.finditer(text):
            index = int(match.group(1))
            if index in marked:
                item = stash[index]
                assert isinstance(item, str)
                for mark in marks:
                    if mark in item:
                        found.append(mark)
                        item = item.replace(mark, "")
                stash[index] = item
        for mark in textual:
            if mark in text:
                found.append(mark)
                text = text.replace(mark, "")
        return text

    elements = list(wrapper.iter())
    for element in elements:
        element.text = clean(element.text)
        if element is not wrapper:
            element.tail = clean(element.tail)
    if found:
        for parent in elements:
            for child in list(parent):
                if child.tag == "p" and not len(child) and _empty(child.text, stash):
                    _drop(parent, child)  # The mark was the paragraph: no empty `<p>` left.
    return found


def _empty(text: str | None, stash: list[str | etree.Element]) -> bool:
    """Whether `text` holds placeholders of blank raw HTML, and nothing else."""
    if not text or not HTML_PLACEHOLDER_RE.search(text):
        return False
    rest = HTML_PLACEHOLDER_RE.sub(
        lambda m: "" if not str(stash[int(m.group(1))]).strip() else m.group(0), text
    )
    return not rest.strip()


def _drop(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child`, keeping its tail."""
    tail = child.tail or ""
    index = list(parent).index(child)
    if tail.strip():
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(child)


def _problem(table: Built, mark: str) -> Diagnostic:
    """Where the mark stands in the table's source (the tag's line when it came from elsewhere)."""
    block = table.block
    line, column = block.line, block.indent + block.column_offset + 1
    for offset, text in enumerate(block.source.split("\n")):
        found = text.find(mark)
        if found >= 0:
            line = block.line + offset
            column = block.indent + block.column_offset + found + 1
            break
    return Diagnostic(
        "separator-in-table",
        f"the blog's excerpt separator {mark!r} stands inside the table: the excerpt ends"
        " after the table, which it holds whole",
        "put the separator after the table (or before it, to leave the table out)",
        line,
        column,
        table=table.name,
    )
