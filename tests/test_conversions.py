"""One conversion, one state: every `Markdown` instance that loads the extension gets its own
tables, toggles and problems, whether it shares the extension object, is interleaved with
another or runs inside another's conversion."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from mkdocs_listtable.context import Origin, Outcome
from mkdocs_listtable.extension import ListTableExtension
from mkdocs_listtable.toggle import MARKER_ATTRIBUTE, place_toggles

from .sites import BROKEN_TABLE, REVENUE_TABLE

CODE_TABLE = """\
<ListTable caption="Code">
- - Call
  - ```python
    fetch("https://example.org")
    ```
</ListTable>
"""
"""A cell holding fenced code: it goes through the instance's own stash."""

LEFTOVERS = re.compile(r"\x02|\x03|wzxhzdk|listtable:\d|" + MARKER_ATTRIBUTE)


def _read(html: str) -> BeautifulSoup:
    assert not LEFTOVERS.search(html), html
    return BeautifulSoup(html, "html.parser")


def _captions(soup: BeautifulSoup) -> list[str]:
    return [c.get_text() for c in soup.select("div.listtable > div > table > caption")]


def _toggles(soup: BeautifulSoup) -> list[str]:
    return [
        d.select_one("pre").get_text().rstrip("\n")
        for d in soup.select("details.listtable__source")
    ]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_two_instances_from_one_extension_object(caplog: pytest.LogCaptureFixture) -> None:
    extension = ListTableExtension(source_toggle=True)
    first = Markdown(extensions=["pymdownx.superfences", extension])
    second = Markdown(extensions=["pymdownx.superfences", extension])
    one = _read(first.convert(CODE_TABLE))
    two = _read(second.convert(f"{REVENUE_TABLE}\n{BROKEN_TABLE}"))
    assert _captions(one) == ["Code"]
    assert 'fetch("https://example.org")' in one.select_one("td pre").get_text()
    assert _toggles(one) == [CODE_TABLE.rstrip("\n")]
    assert _captions(two) == ["Quarterly revenue", "Broken"]
    assert len(_toggles(two)) == 2
    [warning] = _warnings(caplog)
    assert warning.startswith("line 15:") and "rowspan-overflow" in warning


def test_interleaved_conversions(caplog: pytest.LogCaptureFixture) -> None:
    """Convert A, build B, convert A again: B's creation changes nothing of A's."""
    extension = ListTableExtension(source_toggle=True)
    first = Markdown(extensions=["pymdownx.superfences", extension])
    assert _captions(_read(first.convert(REVENUE_TABLE))) == ["Quarterly revenue"]
    second = Markdown(extensions=["pymdownx.superfences", extension])
    again = _read(first.convert(f"Text\n\n{CODE_TABLE}"))
    assert _captions(again) == ["Code"]
    assert again.select_one("div.listtable")["data-listtable"] == "1"
    assert 'fetch("https://example.org")' in again.select_one("td pre").get_text()
    assert _toggles(again) == [CODE_TABLE.rstrip("\n")]
    assert _captions(_read(second.convert(BROKEN_TABLE))) == ["Broken"]
    assert len(_warnings(caplog)) == 1


INNER_TEXT = f"Inner text.\n\n{BROKEN_TABLE.replace('Broken', 'Inner')}"
"""What `!!inner` stands for, as `::: module` stands for a docstring in mkdocstrings."""


class _InnerBlocks(BlockProcessor):
    """`!!inner`: `INNER_TEXT` converted by another `Markdown` instance, in the middle of this
    conversion, as mkdocstrings does."""

    def __init__(self, parser: BlockParser, inner: Markdown) -> None:
        super().__init__(parser)
        self.inner = inner

    def test(self, parent: etree.Element, block: str) -> bool:
        return block == "!!inner"

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        blocks.pop(0)
        html = self.inner.convert(INNER_TEXT)
        self.inner.reset()
        etree.SubElement(parent, "div").text = self.parser.md.htmlStash.store(html)


class _Inner(Extension):
    def __init__(self, inner: Markdown) -> None:
        super().__init__()
        self.inner = inner

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(_InnerBlocks(md.parser, self.inner), "inner", 100)


NESTED_PAGE = """\
<ListTable caption="Outer">
- - Before
  - Docs:

    !!inner
</ListTable>

After the table.
"""


def test_a_conversion_inside_a_cell(caplog: pytest.LogCaptureFixture) -> None:
    extension = ListTableExtension(source_toggle=True)
    inner = Markdown(extensions=[extension])
    outer = Markdown(extensions=[extension, _Inner(inner)])
    soup = _read(outer.convert(NESTED_PAGE))
    assert _captions(soup) == ["Outer", "Inner"]
    assert soup.select_one("caption:-soup-contains('Inner')").find_parent("td") is not None
    assert len(_toggles(soup)) == 2
    assert soup.find_all("p")[-1].get_text() == "After the table."
    [warning] = _warnings(caplog)  # Line 5 of the inner text.
    assert warning.startswith("line 5:") and "rowspan-overflow" in warning


class RecordingHost:
    """A host as a tool that is not MkDocs would write one: it knows one file."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []
        self.conversions = 0

    def begin(self) -> Origin:
        self.conversions += 1
        first = self.conversions == 1
        return Origin("docs/page.md", 4 if first else None)

    def end(self, outcome: Outcome) -> bool:
        self.outcomes.append(outcome)
        return True


def test_a_host_gets_each_conversions_problems_and_places_its_toggles() -> None:
    host = RecordingHost()
    extension = ListTableExtension(host, source_toggle=True)
    inner = Markdown(extensions=[extension])
    outer = Markdown(extensions=[extension, _Inner(inner)])
    html = outer.convert(f"{BROKEN_TABLE}\n{NESTED_PAGE}")
    assert html.count(MARKER_ATTRIBUTE) == 3  # The host places them, when it likes.
    nested, page = host.outcomes
    assert page.origin == Origin("docs/page.md", 4)
    assert nested.origin == Origin("docs/page.md", None)
    assert [p.diagnostic.line for p in page.problems] == [3]
    assert [p.diagnostic.line for p in nested.problems] == [5]
    html, placed = place_toggles(html, {**page.toggles, **nested.toggles})
    assert placed == {*page.toggles, *nested.toggles}
    assert _captions(_read(html)) == ["Broken", "Outer", "Inner"]
    assert len(_toggles(_read(html))) == 3


def test_toggles_survive_striphtml() -> None:
    """`pymdownx.striphtml` removes comments: the toggle's marker is not one."""
    md = Markdown(extensions=["pymdownx.striphtml", ListTableExtension(source_toggle=True)])
    soup = _read(md.convert(f"<!-- a comment -->\n\n{REVENUE_TABLE}"))
    assert _toggles(soup) == [REVENUE_TABLE.rstrip("\n")]
    assert "a comment" not in str(soup)


@pytest.mark.parametrize("quote", ['"', "'", ""])
def test_a_marker_is_found_whatever_quotes_a_minifier_leaves(quote: str) -> None:
    host = RecordingHost()
    md = Markdown(extensions=[ListTableExtension(host, source_toggle=True)])
    html = md.convert(REVENUE_TABLE)
    [outcome] = host.outcomes
    [key] = outcome.toggles
    minified = html.replace(
        f'{MARKER_ATTRIBUTE}="{key}"', f"{MARKER_ATTRIBUTE}={quote}{key}{quote}"
    )
    placed_html, placed = place_toggles(minified.replace("\n", ""), outcome.toggles)
    assert placed == {key}
    assert len(_toggles(_read(placed_html))) == 1


def test_a_marker_an_author_writes_is_left_alone() -> None:
    host = RecordingHost()
    md = Markdown(extensions=[ListTableExtension(host, source_toggle=True)])
    forged = f'<div {MARKER_ATTRIBUTE}="0123456789abcdef-1"></div>'
    html = md.convert(f"{forged}\n\n{REVENUE_TABLE}")
    html, placed = place_toggles(html, host.outcomes[0].toggles)
    assert len(placed) == 1
    assert forged in html
