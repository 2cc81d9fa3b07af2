"""Inline code in a table's cells wraps between its words, never inside one.

A browser breaks code that may wrap at a hyphen or a dot as well as at a
space, and CSS cannot allow the one without the others. So the words of a
code span that holds spaces (a whole message, an example call) each get a
`<span>` the stylesheet keeps whole, and the code wraps at its spaces only:
its column needs the width of its longest word, not of the whole message.
Code without spaces (an identifier) is left as it is; the stylesheet never
breaks it. Code that `pymdownx.inlinehilite` made keeps its text in the HTML
stash; that text is split the same way.

The spans carry nothing but the word: no class, no colour, no background,
so the code looks as the theme draws it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

_SPACES = re.compile(r"(\s+)")
_INNER_SPACE = re.compile(r"\S\s+\S")


def _words_html(text: str) -> str:
    """Escaped code text with each word in a `<span>`."""
    return "".join(
        piece if piece.isspace() else f"<span>{piece}</span>"
        for piece in _SPACES.split(text)
        if piece
    )


def split_code_words(code: etree.Element, stash: list[str | etree.Element]) -> None:
    """Put each word of `code` in a `<span>` of its own, when it has several."""
    text = code.text
    if not text or len(code):
        return  # Empty, or highlighted code: it has elements already (or was split).
    if text[0] == "\x02":  # `pymdownx.inlinehilite` keeps the code's escaped text in the stash.
        stashed = HTML_PLACEHOLDER_RE.fullmatch(text)
        if stashed:
            number = int(stashed.group(1))
            html = stash[number] if number < len(stash) else None
            if isinstance(html, str) and "<" not in html and _INNER_SPACE.search(html):
                stash[number] = _words_html(html)
            return
    # Most code is one word: tell it by a plain search first, the cheaper.
    if not (" " in text or "\n" in text or "\t" in text) or not _INNER_SPACE.search(text):
        return
    code.text = None
    last: etree.Element | None = None
    for piece in _SPACES.split(text):
        if not piece:
            continue
        if piece.isspace():
            if last is None:
                code.text = AtomicString(piece)
            else:
                last.tail = AtomicString(piece)
        else:
            last = etree.SubElement(code, "span")
            last.text = AtomicString(piece)


class CodeWordsTreeprocessor(Treeprocessor):
    """Splits the inline code of every ListTable's tables into words, after the inline pass."""

    def __init__(self, md: Markdown, has_tables: Callable[[], bool]) -> None:
        super().__init__(md)
        self.has_tables = has_tables

    def run(self, root: etree.Element) -> None:
        if not self.has_tables():
            return  # Most pages: nothing to look at.
        stash = self.md.htmlStash.rawHtmlBlocks
        for block in root.iter("div"):
            if block.get("data-listtable") is None:
                continue
            for table in block.iter("table"):
                # A table nested in a cell is walked with its outer table (and again
                # as a block of its own, where its code is split already).
                blocks = {code for pre in table.iter("pre") for code in pre}
                for code in table.iter("code"):
                    if code not in blocks:
                        split_code_words(code, stash)
                break  # The block's own table; the others are nested in its cells.
