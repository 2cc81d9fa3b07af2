"""Inline code in a table's cells wraps between its words, never inside one.

A browser breaks code that may wrap at a hyphen or a dot as well as at a
space, and CSS cannot allow the one without the others. So the words of a
code span that holds spaces (a whole message, an example call) each get a
`<span>` the stylesheet keeps whole, and the code wraps at its spaces only:
its column needs the width of its longest word, not of the whole message.
Code without spaces (an identifier) is left as it is; the stylesheet never
breaks it. Code that `pymdownx.inlinehilite` made keeps its text in the HTML
stash; that text is split the same way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

_SPACES = re.compile(r"(\s+)")


def _codes(element: etree.Element) -> Iterator[etree.Element]:
    """The inline `<code>` elements under `element`, not those of code blocks."""
    for child in element:
        if child.tag == "code":
            yield child
        elif child.tag != "pre":
            yield from _codes(child)


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
    if len(code) or not text:
        return  # Highlighted code: it has elements already.
    stashed = HTML_PLACEHOLDER_RE.fullmatch(text)
    if stashed:  # `pymdownx.inlinehilite` keeps the code's escaped text in the stash.
        number = int(stashed.group(1))
        html = stash[number] if number < len(stash) else None
        if isinstance(html, str) and "<" not in html and _SPACES.search(html.strip()):
            stash[number] = _words_html(html)
        return
    if not _SPACES.search(text.strip()):
        return  # A single word.
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
    """Splits the inline code of every ListTable's cells into words, after the inline pass."""

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for block in root.iter("div"):
            if "listtable" not in (block.get("class") or "").split():
                continue
            for cell in block.iter():
                if cell.tag in ("td", "th"):
                    for code in _codes(cell):
                        split_code_words(code, stash)
