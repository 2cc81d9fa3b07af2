"""The Python-Markdown processors: where a block is swapped out, built, and given back.

`ListTablePreprocessor` finds the blocks on the raw lines and leaves one
placeholder line for each; `ListTableBlockProcessor` builds the table wherever
the block parser meets its placeholder; `ListTablePostprocessor` gives back
the text of any placeholder that did not become a table, adds the toggles
(without the MkDocs plugin) and reports. `ListTableExtension` registers them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .cells import prepare, renders_inline, separate_stashed_blocks
from .diagnostics import Diagnostic
from .mdxcells import Admonition, admonition_needs_extension, admonitions, hard_breaks
from .model import Cell
from .page import scan_page
from .wrappers import as_html, not_rendered_here

if TYPE_CHECKING:
    from .extension import ListTableExtension

PLACEHOLDER = "\x02listtable:{}\x03"
PLACEHOLDER_RE = re.compile(r"\x02listtable:(\d+)\x03")
LEFTOVER_RE = re.compile(r"([ \t]*)\x02listtable:(\d+)\x03")
LOOSE_TAG_RE = re.compile(r"\s*</?ListTable(?=[\s>/]|$)")
ATTR_LIST_LINE_RE = re.compile(r"\n[ ]*\{:?[ ]*[^\}\n ][^\n]*[ ]*\}[ ]*$")


class ListTablePreprocessor(Preprocessor):
    """Replaces each block by one placeholder line, remembering the block."""

    def __init__(self, md: Markdown, extension: ListTableExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if "ListTable" not in "\n".join(lines):
            return lines  # Most pages: no table, nothing to do.
        state = self.extension.state
        if lines and lines[0].startswith("\ufeff"):
            lines = [lines[0][1:], *lines[1:]]  # A byte-order mark is not text.
        md_in_html = "markdown_block" in self.md.parser.blockprocessors
        scan = scan_page(lines, state.base_line, not state.depth, md_in_html)
        lines, found = scan.lines, scan.blocks
        state.notes.extend(scan.notes)
        for problem in scan.stray + scan.problems:
            column = (problem.column or 1) + state.column_offset
            self.extension.report(replace(problem, column=column), error=False)
        stray = {problem.line - state.base_line for problem in scan.stray}
        inside = {i for block in found for i in range(block.start, block.end)}
        state.loose_tags.extend(
            (state.base_line + index, state.column_offset, line)
            for index, line in enumerate(lines)
            if "ListTable" in line and index not in inside and index not in stray
        )
        out: list[str] = []
        done = 0
        html = iter(scan.html)
        wrapper = next(html, None)
        for block in found:
            while wrapper is not None and wrapper[0] < block.start:
                done = self._hand_over(out, lines, done, wrapper, stray)
                wrapper = next(html, None)
            _copy(out, lines, done, block.start, stray)
            number = len(state.blocks)
            block.column_offset = state.column_offset
            state.blocks.append(block)
            if out and out[-1].strip():
                out.append("")
            out.append(block.prefix + PLACEHOLDER.format(number))
            following = block.after.strip()
            if following:
                out.extend(["", " " * block.indent + following])
            done = block.end
            if done < len(lines) and lines[done].strip():
                out.append("")
        while wrapper is not None:
            done = self._hand_over(out, lines, done, wrapper, stray)
            wrapper = next(html, None)
        _copy(out, lines, done, len(lines), stray)
        return out

    def _hand_over(
        self, out: list[str], lines: list[str], done: int, wrapper: tuple[int, int], stray: set[int]
    ) -> int:
        """Copy up to the tag lines `wrapper` of an element holding a table, then stash them.

        Stashed, they are raw HTML that the `html_block` preprocessor does not
        see, so it cannot swallow the table between an element's tags; the
        table is Markdown there, as in MDX. Returns where copying goes on.
        """
        start, end = wrapper
        _copy(out, lines, done, start, stray)
        if out and out[-1].strip():
            out.append("")
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip(" "))]
        html = "\n".join(line[len(indent) :] for line in lines[start:end])
        out.append(indent + self.md.htmlStash.store(as_html(html)))
        if end < len(lines) and lines[end].strip():
            out.append("")
        return end


def _copy(out: list[str], lines: list[str], start: int, end: int, stray: set[int]) -> None:
    """Copy `lines[start:end]` to `out`; a stray closing tag there becomes a paragraph of text.

    Escaped, it shows instead of vanishing as an unknown HTML tag; blank lines
    around it keep a code fence next to it from being swallowed into its paragraph.
    """
    if not stray:
        out.extend(lines[start:end])
        return
    for index in range(start, end):
        line = lines[index]
        if index not in stray:
            out.append(line)
            continue
        if out and out[-1].strip():
            out.append("")
        out.append(escape(line))
        if index + 1 < len(lines) and lines[index + 1].strip():
            out.append("")


class ListTableBlockProcessor(BlockProcessor):
    """Turns a placeholder into the table, wherever the block parser meets it."""

    def __init__(self, parser: BlockParser, extension: ListTableExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        # Up to three spaces of indentation are still this block's (four would be code).
        return block[:16].lstrip(" ").startswith("\x02listtable:")

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        block = blocks.pop(0).lstrip(" ")
        match = PLACEHOLDER_RE.match(block)
        if match is None:  # pragma: no cover - test() guarantees the match
            return False
        rest = block[match.end() :].lstrip("\n")
        if rest:
            blocks.insert(0, rest)
        self.extension.build(parent, int(match.group(1)), self)
        return None

    def render_cell(self, element: etree.Element, cell: Cell) -> None:
        """Fill a cell with its Markdown, in the page's own parser."""
        text = cell.text
        if renders_inline(text):
            element.text = text  # One line of plain text: the inline pass does the rest.
            return
        state = self.extension.state
        saved = state.base_line, state.column_offset
        state.base_line, state.column_offset = cell.text_line, cell.column - 1
        try:
            lines = text.split("\n")
            for preprocessor in self.extension.cell_preprocessors():
                lines = preprocessor.run(lines)
            lines = self._mdx(lines, cell)
            if any("\x02" in line for line in lines):
                lines = separate_stashed_blocks(lines)
        finally:
            state.base_line, state.column_offset = saved
        self.parser.state.set("listtable-cell")  # Not a tight list, whatever holds the table.
        try:
            self.parser.parseChunk(element, "\n".join(lines))
        finally:
            self.parser.state.reset()
        _unwrap_lone_paragraph(element)

    def _mdx(self, lines: list[str], cell: Cell) -> list[str]:
        """The cell's lines as Python-Markdown must read them to render what MDX renders."""
        md = self.parser.md
        tab_length = md.tab_length

        def nest(text: list[str]) -> list[str]:
            return prepare(text, tab_length)

        enabled = "admonition" in md.parser.blockprocessors
        found: list[Admonition] = []
        lines = admonitions(lines, tab_length, enabled, nest, found)
        if found and not enabled:
            self.extension.report(admonition_needs_extension(cell, found[0]), error=False)
        return hard_breaks(nest(lines))


def _unwrap_lone_paragraph(element: etree.Element) -> None:
    """A cell of one paragraph renders inline, as a tight list item and a pipe-table cell do."""
    if len(element) != 1 or (element.text or "").strip():
        return
    paragraph = element[0]
    if paragraph.tag != "p" or paragraph.attrib or (paragraph.tail or "").strip():
        return
    if ATTR_LIST_LINE_RE.search(paragraph.text or "") and not len(paragraph):
        return  # `{: .class }` on its own line is meant for the paragraph: keep it.
    element.remove(paragraph)
    element.text = paragraph.text
    for child in paragraph:
        element.append(child)


class LooseTagPostprocessor(Postprocessor):
    """Shows as text any `<ListTable>` tag that reached the page as raw HTML, and reports it.

    A tag in running text (`Use <ListTable> …`), or on a line that this
    extension took for code where Markdown did not, would otherwise vanish as
    an unknown HTML tag, and the author's text with it.
    """

    def __init__(self, md: Markdown, extension: ListTableExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        state = self.extension.state
        if not state.loose_tags:
            return text
        for index, item in enumerate(stash):
            if isinstance(item, str) and LOOSE_TAG_RE.match(item):
                stash[index] = escape(item)
                self.extension.report(self._problem(item.strip()), error=False)
        return text

    def _problem(self, tag: str) -> Diagnostic:
        """Where `tag` stands: the first loose tag line that holds it, taken off the list."""
        state = self.extension.state
        line, column = state.loose_tags[0][0], None
        for position, (number, offset, text) in enumerate(state.loose_tags):
            found = text.find(tag)
            if found >= 0:
                line, column = number, found + offset + 1
                del state.loose_tags[position]
                break
        closing = tag.startswith("</")
        return Diagnostic(
            "unclosed",
            f"'{tag}' is not part of any table and was shown as text"
            + ("" if closing else "; a ListTable must start its own line, outside code"),
            "remove it, or put it in backticks to show it as code"
            if closing
            else "start the table on a line of its own, or put the tag in backticks",
            line,
            column,
        )


class ListTablePostprocessor(Postprocessor):
    """Gives back the text of any placeholder that did not become a table, and reports."""

    def __init__(self, md: Markdown, extension: ListTableExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        state = self.extension.state
        if "\x02listtable:" in text:
            text = LEFTOVER_RE.sub(self._restore, text)
        if not self.extension.plugin_mode:
            if state.tables:
                text = self.extension.insert_toggles(text)
            self.extension.flush()
        return text

    def _restore(self, match: re.Match[str]) -> str:
        blocks = self.extension.state.blocks
        number = int(match.group(2))
        if number >= len(blocks):
            return match.group(0)
        indent = match.group(1)
        block = blocks[number]
        self.extension.report(not_rendered_here(block), error=False)
        lines = escape(block.source, quote=False).split("\n")
        return indent + f"\n{indent}".join(lines)
