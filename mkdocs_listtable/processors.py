"""The Python-Markdown processors: where a block is swapped out, built, and given back.

`ListTablePreprocessor` starts the conversion, finds the blocks on the raw
lines and leaves one placeholder line for each; `ListTableBlockProcessor`
builds the table wherever the block parser meets its placeholder: this is
where every table is built. `LooseTagPostprocessor` shows stray tags as text;
`ListTablePostprocessor` gives back the text of any placeholder that did not
become a table and ends the conversion: its problems and toggles go to the
host, or, without one, are logged and placed here.

Each processor is built with the `Conversion` of its own `Markdown` instance
and never looks beyond it.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import replace
from html import escape

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .blocks import Block
from .cells import prepare, renders_inline, separate_stashed_blocks
from .context import ListTableError, Reporter
from .conversion import Conversion
from .cuts import Built, keep_out_of_tables
from .diagnostics import Diagnostic, plural
from .ids import AuthorId, stamp
from .mdxcells import Admonition, admonition_needs_extension, admonitions, hard_breaks
from .model import Cell, Options
from .page import scan_page
from .render import render_errors, render_table
from .syntax import LOOSE_TAG_RE
from .table import MAX_DEPTH, check_block, internal_error, too_deep
from .toggle import MARKER_ATTRIBUTE, place_toggles
from .wrappers import as_html, not_rendered_here

LOGGER_NAME = "mkdocs.plugins.listtable"
"""Under `mkdocs.`, so MkDocs counts the warnings for `--strict` when no plugin is there."""

MAX_PANELS = 20
"""Full error panels per page; tables failing after them show their source as text
(`render.SourcesAsText`)."""
PLACEHOLDER = "\x02listtable:{}\x03"
PLACEHOLDER_RE = re.compile(r"\x02listtable:(\d+)\x03")
LEFTOVER_RE = re.compile(r"([ \t]*)\x02listtable:(\d+)\x03")
BOM_RE = re.compile("^( *)\ufeff")
ATTR_LIST_LINE_RE = re.compile(r"\n[ ]*\{:?[ ]*[^\}\n ][^\n]*[ ]*\}[ ]*$")


class ListTablePreprocessor(Preprocessor):
    """Starts the conversion; replaces each block by one placeholder line, remembering the block."""

    def __init__(self, md: Markdown, conversion: Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, lines: list[str]) -> list[str]:
        self.conversion.begin(lines)
        return self.find(lines)

    def find(self, lines: list[str]) -> list[str]:
        """The lines with each block swapped for its placeholder (a cell's lines, too)."""
        text = "\n".join(lines)
        if "ListTable" not in text:
            return lines  # Most pages: no table, nothing to do.
        state = self.conversion
        if "\ufeff" in text:
            # A byte-order mark is not text: at the start of the page, nor at the start
            # of a file that pymdownx.snippets included (indented as its `--8<--` line).
            lines = [BOM_RE.sub(r"\1", line, count=1) for line in lines]
        md_in_html = "markdown_block" in self.md.parser.blockprocessors
        scan = scan_page(lines, state.base_line, not state.depth, md_in_html)
        lines, found = scan.lines, scan.blocks
        state.notes.extend(scan.notes)
        for problem in scan.stray + scan.problems:
            column = (problem.column or 1) + state.column_offset
            state.report(replace(problem, column=column), error=False)
        stray = {problem.line - state.base_line for problem in scan.stray}
        tagged = _lines_holding(lines, text, "ListTable")
        state.loose_tags.extend(
            (state.base_line + index, state.column_offset, lines[index])
            for index in _outside(tagged, found)
            if index not in stray
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
                if "ListTable" in following:  # A tag there is loose: shown as text, reported.
                    last = lines[block.end - 1].rstrip()
                    column = state.column_offset + len(last) - len(following)
                    state.loose_tags.append((state.base_line + block.end - 1, column, following))
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


def _lines_holding(lines: list[str], text: str, word: str) -> list[int]:
    """The indexes of the `lines` that hold `word`, ascending.

    `text` is the lines joined, as they came; the scan may have blanked lines
    since (never added or removed one). Searched for in the whole text, lines
    counted between the finds: a page holds the word on a few of its lines,
    and a loop over every line costs more.
    """
    if text.count("\n") != len(lines) - 1:  # A preprocessor left a line holding a newline.
        return [index for index, line in enumerate(lines) if word in line]
    found: list[int] = []
    line, counted = 0, 0
    at = text.find(word)
    while at >= 0:
        line += text.count("\n", counted, at)
        counted = at
        if (not found or found[-1] != line) and word in lines[line]:
            found.append(line)
        at = text.find(word, at + len(word))
    return found


def _outside(indexes: list[int], blocks: list[Block]) -> list[int]:
    """The line indexes (ascending) that no block holds (blocks in order, apart).

    One walk over both: a page may hold thousands of tables.
    """
    kept: list[int] = []
    ahead = 0  # The first block not ending before the line.
    for index in indexes:
        while ahead < len(blocks) and blocks[ahead].end <= index:
            ahead += 1
        if ahead == len(blocks) or index < blocks[ahead].start:
            kept.append(index)
    return kept


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

    def __init__(self, parser: BlockParser, conversion: Conversion) -> None:
        super().__init__(parser)
        self.conversion = conversion
        self._cell_steps: list[Callable[[list[str]], list[str]]] | None = None

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
        self.build(parent, int(match.group(1)))
        return None

    def build(self, parent: etree.Element, index: int) -> None:
        """Append table `index` of the conversion, or its error panel, to `parent`.

        Never raises: should a bug of ours fail on some input, the author gets
        the source back in an error panel and a message naming the line.
        """
        state = self.conversion
        block = state.blocks[index]
        # Named in messages by its place in this text; numbered in the HTML across the
        # page's conversions, so that generated ids never repeat on the page.
        number = state.number_table()
        if state.depth >= MAX_DEPTH:
            name, problems = f"#{index + 1}", [too_deep(block)]
            self._fail(parent, block, number, name, problems, "was not rendered", True)
            return
        state.depth += 1
        try:
            self._build(parent, block, index + 1, number)
        except Exception as error:  # A page must never crash the build.
            problem = internal_error(block, error)
            self._fail(parent, block, number, f"#{index + 1}", [problem], "failed", error=True)
        finally:
            state.depth -= 1

    def _build(self, parent: etree.Element, block: Block, position: int, number: int) -> None:
        """Build the `position`th table of this text, numbered `number` on the page."""
        checked = check_block(block, position, self.conversion.settings.validation)
        if checked.grid is None or checked.failure is not None:
            what = checked.failure or "failed"
            self._fail(parent, block, number, checked.name, checked.problems, what, checked.strict)
            return
        for problem in checked.problems:
            self.conversion.report(problem, error=False)
        # From here the grid is all the table needs: let the body's lines and the
        # rows as typed go, so a huge table does not hold two copies while rendering.
        block.body = []
        grid, checked.grid, checked.rows = checked.grid, None, []
        table = render_table(grid, checked.options, number, self.render_cell)
        if (mark := stamp(table)) is not None:
            self.conversion.stamps.append(mark)
        if checked.options.id:
            column = block.indent + block.column_offset + 1
            element = table[0][0]  # The wrapper's scroll region's table.
            author = AuthorId(checked.options.id, block.line, column, checked.name, element)
            self.conversion.author_ids.append(author)
        self._attach(parent, table, block, number, checked.options, opened=False)
        if self.conversion.origin.page.cut_marks:
            self.conversion.built.append(Built(table, block, checked.name))

    def _fail(
        self,
        parent: etree.Element,
        block: Block,
        number: int,
        name: str,
        problems: list[Diagnostic],
        what: str,
        error: bool,
    ) -> None:
        """Put an error panel with the problems, and the source opened, in the table's place.

        Past the page's first `MAX_PANELS`, the source as text instead: broken input
        (thousands of stray `<ListTable` lines) must not make a page many times its size.
        """
        problems = [p if p.table else replace(p, table=name) for p in problems]
        for problem in problems:
            self.conversion.report(problem, error=error)
        self.conversion.failed += 1
        if self.conversion.failed > MAX_PANELS:
            self.conversion.as_text.add(parent, block.source)
            return
        origin = self.conversion.origin
        if origin.line_offset is not None:
            shown, path = [p.shifted(origin.line_offset) for p in problems], origin.path
        else:  # Lines of a text another plugin converted: no file to name.
            shown, path = problems, None
        title = f"ListTable {name} {what}: {plural(len(problems), 'problem')}"
        panel = render_errors(number, title, shown, path)
        self._attach(parent, panel, block, number, Options(), opened=True)

    def _attach(
        self,
        parent: etree.Element,
        element: etree.Element,
        block: Block,
        number: int,
        options: Options,
        opened: bool,
    ) -> None:
        parent.append(element)
        shown = options.show_source
        if not opened and not (self.conversion.settings.source_toggle if shown is None else shown):
            return  # No toggle, no marker: nothing to find after rendering.
        key = self.conversion.add_toggle(number, block.source, opened)
        etree.SubElement(element, "div", {MARKER_ATTRIBUTE: key})

    def render_cell(self, element: etree.Element, cell: Cell) -> None:
        """Fill a cell with its Markdown, in the page's own parser."""
        text = cell.text
        if renders_inline(text):
            element.text = text  # One line of plain text: the inline pass does the rest.
            return
        state = self.conversion
        saved = state.base_line, state.column_offset
        state.base_line, state.column_offset = cell.text_line, cell.column - 1
        try:
            lines = text.split("\n")
            for step in self.cell_steps():
                lines = step(lines)
            lines = self._mdx(lines, cell)
            if any("\x02" in line for line in lines):
                lines = separate_stashed_blocks(lines)
            while lines and not lines[-1].strip():
                # fenced_code leaves a blank line after a closing fence; ending the cell's
                # last paragraph, it would keep a stashed block from standing alone (`<p><pre>`).
                lines.pop()
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
            self.conversion.report(admonition_needs_extension(cell, found[0]), error=False)
        return hard_breaks(nest(lines))

    def cell_steps(self) -> list[Callable[[list[str]], list[str]]]:
        """What a cell's lines go through: our block finder (nested tables), then the
        preprocessors after ours.

        Worked out on first use, once every extension of the instance is registered.
        """
        if self._cell_steps is None:
            registry = self.parser.md.preprocessors
            after = list(registry)[registry.get_index_for_name("listtable") :]
            # Metadata is a document's, not a cell's: `Note: text` in a cell is not a meta field.
            meta = registry["meta"] if "meta" in registry else None  # noqa: SIM401 - no .get()
            self._cell_steps = [
                p.find if isinstance(p, ListTablePreprocessor) else p.run
                for p in after
                if p is not meta
            ]
        return self._cell_steps


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

    def __init__(self, md: Markdown, conversion: Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        state = self.conversion
        if not state.loose_tags:
            return text
        for index, item in enumerate(stash):
            if isinstance(item, str) and LOOSE_TAG_RE.match(item):
                stash[index] = escape(item)
                state.report(self._problem(item.strip()), error=False)
        return text

    def _problem(self, tag: str) -> Diagnostic:
        """Where `tag` stands: the first loose tag line that holds it, taken off the list."""
        state = self.conversion
        line, column = state.loose_tags[0][0] if state.loose_tags else state.base_line, None
        for position, (number, offset, text) in enumerate(state.loose_tags):
            found = text.find(tag)
            if found >= 0:
                line, column = number, found + offset + 1
                # The rest of the line may hold more tags (`<ListTable> and </ListTable>`).
                end = found + len(tag)
                state.loose_tags[position] = (number, offset + end, text[end:])
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


class TreeDoneTreeprocessor(Treeprocessor):
    """Notes that the tree is finished, so the conversion may end at the last postprocessor.

    Until then, postprocessors may run on fragments: the `toc` extension runs
    all of them over its table of contents while the tree is processed.
    """

    def __init__(self, md: Markdown, conversion: Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, root: etree.Element) -> None:
        state = self.conversion
        state.tree_done = True
        state.as_text.close()
        marks = state.origin.page.cut_marks
        if marks and state.built:
            for problem in keep_out_of_tables(self.md, marks, state.built):
                state.report(problem, error=False)


class ListTablePostprocessor(Postprocessor):
    """Gives back the text of any placeholder that did not become a table; ends the conversion.

    With a host, the problems and toggles go to it. Without one, the toggles
    are placed here and the problems logged (and raised, for strict-mode
    tables, when `raise_on_error`).
    """

    def __init__(self, md: Markdown, conversion: Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, text: str) -> str:
        if "\x02listtable:" in text:
            text = LEFTOVER_RE.sub(self._restore, text)
        if not self.conversion.tree_done:
            return text  # A fragment (the table of contents), not the document.
        outcome = self.conversion.finish()
        host = self.conversion.host
        placed_later = host is not None and host.end(outcome)
        if outcome.toggles and not placed_later:
            text, _ = place_toggles(text, outcome.toggles)
        if host is None and (outcome.problems or outcome.notes):
            reports = outcome.origin.page.reports
            reporter = Reporter(logging.getLogger(LOGGER_NAME), quiet=not reports)
            reporter.log(outcome)
            reporter.close()
            if reporter.errors and reports and self.conversion.settings.raise_on_error:
                raise ListTableError("\n".join(reporter.errors))
        return text

    def _restore(self, match: re.Match[str]) -> str:
        blocks = self.conversion.blocks
        number = int(match.group(2))
        if number >= len(blocks):
            return match.group(0)
        indent = match.group(1)
        block = blocks[number]
        self.conversion.report(not_rendered_here(block), error=False)
        lines = escape(block.source, quote=False).split("\n")
        return indent + f"\n{indent}".join(lines)
