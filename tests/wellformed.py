"""Is this HTML well formed? Checks shared by the fuzzing and the whole-site builds."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import html5lib
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Nesting(HTMLParser):
    """Every element explicitly closed, innermost first; void elements never closed.

    Inside `<svg>` and `<math>` (a theme's icons) XML rules hold: `<path/>` is closed.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.errors: list[str] = []

    def _foreign(self) -> bool:
        return any(tag in ("svg", "math") for tag, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID and not self._foreign():
            self.errors.append(f"<{tag}/> at {self.getpos()} is not a void element")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"</{tag}> at {self.getpos()} closes a void element")
        elif not self.stack or self.stack[-1][0] != tag:
            open_ = self.stack[-1] if self.stack else None
            self.errors.append(f"</{tag}> at {self.getpos()} while {open_} is open")
        else:
            self.stack.pop()


def check_balanced(html: str) -> None:
    """Fail unless every element of `html` (a page or a piece of one) is closed in order.

    A missing `</p>` or a `</div>` too many fails here, though every parser
    would recover from it silently.
    """
    nesting = _Nesting()
    nesting.feed(html)
    nesting.close()
    assert not nesting.errors, nesting.errors[:3]
    assert not nesting.stack, f"never closed: {nesting.stack[:3]}"


Node = tuple[Any, ...]


def _merge(nodes: list[Node]) -> list[Node]:
    """Adjacent texts joined, whitespace collapsed, empty texts dropped."""
    merged: list[Node] = []
    for node in nodes:
        if node[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + node[1])
        else:
            merged.append(node)
    out = []
    for node in merged:
        if node[0] == "text":
            text = " ".join(node[1].split())
            if text:
                out.append(("text", text))
        else:
            out.append(node)
    return out


def _html5lib_tree(element: Any) -> list[Node]:
    nodes: list[Node] = [("text", element.text or "")]
    for child in element:
        if not isinstance(child.tag, str):  # A comment.
            nodes.append(("comment", child.text))
        else:
            attributes = tuple(sorted(child.attrib.items()))
            nodes.append(("element", child.tag, attributes, tuple(_html5lib_tree(child))))
        nodes.append(("text", child.tail or ""))
    return _merge(nodes)


def _soup_tree(tag: Tag | BeautifulSoup) -> list[Node]:
    nodes: list[Node] = []
    for child in tag.children:
        if isinstance(child, Comment):
            nodes.append(("comment", str(child)))
        elif isinstance(child, NavigableString):
            nodes.append(("text", str(child)))
        elif isinstance(child, Tag):
            attributes = tuple(sorted((k, v or "") for k, v in child.attrs.items()))
            nodes.append(("element", child.name, attributes, tuple(_soup_tree(child))))
    return _merge(nodes)


def check_well_formed(html: str) -> BeautifulSoup:
    """Fail unless `html` is well formed; return it parsed.

    Two checks, because neither proves it alone. The tag stream must nest:
    every element closed explicitly, innermost first (a missing `</p>` or a
    `</div>` too many fails here, though every parser would recover from it
    silently). And the tree a browser builds (html5lib implements the HTML
    parsing algorithm) must be the tree the tags spell (html.parser, through
    BeautifulSoup, builds exactly what the tags say): they differ whenever the
    HTML breaks a content rule that makes a browser rearrange it, such as a
    `<div>` inside a `<p>` (the browser closes the `<p>`) or text or a stray
    element directly in a `<table>` or `<tr>` (moved out of the table).
    """
    check_balanced(html)
    soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
    browser = html5lib.parseFragment(
        html, container="div", treebuilder="etree", namespaceHTMLElements=False
    )
    assert _html5lib_tree(browser) == _soup_tree(soup), "a browser would build another tree"
    return soup
