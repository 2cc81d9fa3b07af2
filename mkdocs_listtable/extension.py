"""The Python-Markdown extension: where tables are found, checked and rendered.

It stands alone (`markdown.markdown(text, extensions=["listtable"])`, and
Zensical, which runs Markdown extensions but no MkDocs plugins); the MkDocs
plugin only tells it the page's path and line offset, and takes over logging
and toggles.
"""

from __future__ import annotations

import gc
import logging
import re
import secrets
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field, replace
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .blocks import Block
from .diagnostics import Diagnostic, plural
from .model import MODES, Options, as_mode
from .processors import (
    ListTableBlockProcessor,
    ListTablePostprocessor,
    ListTablePreprocessor,
    LooseTagPostprocessor,
)
from .render import render_errors, render_table
from .table import MAX_DEPTH, check_block, internal_error, too_deep
from .toggle import Highlighter, make_highlighter, toggle_html

TOGGLE_MARKER = "<!--listtable-source:{}:{}-->"
"""Marks where a table's toggle goes; the first field is the extension's nonce."""
EXTENSION_NAMES = ("listtable", "mkdocs_listtable.extension", "mkdocs_listtable")
"""The names mkdocs.yml may list the extension under."""
LOGGER_NAME = "mkdocs.plugins.listtable"
"""Under `mkdocs.`, so MkDocs counts the warnings for `--strict` when no plugin is there."""


class ListTableError(Exception):
    """Raised, without the MkDocs plugin, when a strict-mode table has problems."""


@dataclass
class TableRecord:
    """What the post-render step needs to know of each table that shows its source.

    Attributes:
        number: The table's number on the page (`data-listtable`).
        source: The exact block, dedented.
        opened: Whether the toggle starts open (tables not rendered).
    """

    number: int
    source: str
    opened: bool


@dataclass
class PageState:
    """Everything one conversion collects; reset for each page."""

    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[tuple[Diagnostic, bool]] = field(default_factory=list)
    """Each problem, and whether it is an error (else a warning)."""
    tables: list[TableRecord] = field(default_factory=list)
    base_line: int = 1
    column_offset: int = 0
    depth: int = 0
    """How many tables the one being built is nested in."""
    loose_tags: list[tuple[int, int, str]] = field(default_factory=list)
    """`(line, column offset, text)` of each line with a ListTable tag outside any block."""
    notes: list[Diagnostic] = field(default_factory=list)
    """What was done that the author may want to know: logged at INFO level."""


class ListTableExtension(Extension):
    """`<ListTable>` blocks as HTML tables.

    | registered      | priority | why there                                          |
    | --------------- | -------- | -------------------------------------------------- |
    | preprocessor    | 29       | after `normalize_whitespace` (30), before `meta`   |
    |                 |          | (27), fenced code (25) and `html_block` (20): it   |
    |                 |          | needs the raw lines                                |
    | block processor | 76       | right before pipe tables (75), ahead of everything |
    |                 |          | that could claim a line of text                    |
    | postprocessor   | 30.5     | right before raw HTML is restored: shows stray     |
    |                 |          | ListTable tags as text                             |
    | postprocessor   | 0.5      | last, after raw HTML is restored: gives back       |
    |                 |          | unused placeholders, adds toggles, reports         |
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "validation": ["warn", "Validation mode of tables that set none: strict, warn or off."],
            "source_toggle": [False, "Emit an 'MDX source' toggle after each table."],
            "source_label": ["MDX source", "Summary text of the source toggles."],
            "raise_on_error": [
                True,
                "Raise ListTableError after conversion when a strict-mode table has problems.",
            ],
        }
        super().__init__(**kwargs)
        mode = as_mode(self.getConfig("validation"))
        if mode is None:
            raise ValueError(f"listtable: validation must be one of {', '.join(MODES)}")
        self.setConfig("validation", mode)
        self.state = PageState()
        self.plugin_mode = False
        self.path: str | None = None
        self.line_offset = 0
        self.logger: logging.Logger | logging.LoggerAdapter[logging.Logger] = logging.getLogger(
            LOGGER_NAME
        )
        self.md: Markdown | None = None
        # Random, so that a comment an author writes can never pass for a marker.
        self.nonce = secrets.token_hex(8)
        self.marker_re = re.compile(rf"<!--listtable-source:{self.nonce}:(\d+)-->")
        self._highlighter: Highlighter | None = None
        self._cell_preprocessors: list[Preprocessor] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.registerExtension(self)
        self.md = md
        self._highlighter = None
        self._cell_preprocessors = None
        self.reset()
        md.preprocessors.register(ListTablePreprocessor(md, self), "listtable", 29)
        md.parser.blockprocessors.register(
            ListTableBlockProcessor(md.parser, self), "listtable", 76
        )
        # Right before raw_html (30) puts the stashed HTML back.
        md.postprocessors.register(LooseTagPostprocessor(md, self), "listtable-loose-tags", 30.5)
        md.postprocessors.register(ListTablePostprocessor(md, self), "listtable", 0.5)

    def reset(self) -> None:
        """Forget the previous page (Python-Markdown calls this between documents)."""
        self.state = PageState()

    def cell_preprocessors(self) -> list[Preprocessor]:
        """The preprocessors a cell's text goes through: ours (nested tables) and those after it.

        Worked out on first use, once every extension of the page is registered.
        """
        if self._cell_preprocessors is None:
            assert self.md is not None
            registry = self.md.preprocessors
            after = list(registry)[registry.get_index_for_name("listtable") :]
            # Metadata is a document's, not a cell's: `Note: text` in a cell is not a meta field.
            meta = registry["meta"] if "meta" in registry else None  # noqa: SIM401 - no .get()
            self._cell_preprocessors = [p for p in after if p is not meta]
        return self._cell_preprocessors

    def report(self, problem: Diagnostic, error: bool) -> None:
        self.state.diagnostics.append((problem, error))

    def build(self, parent: etree.Element, index: int, processor: ListTableBlockProcessor) -> None:
        """Append table `index` of the page, or its error panel, to `parent`.

        Never raises: should a bug of ours fail on some input, the author gets
        the source back in an error panel and a message naming the line.
        """
        block = self.state.blocks[index]
        if self.state.depth >= MAX_DEPTH:
            problem = too_deep(block)
            self._fail(
                parent, block, index + 1, f"#{index + 1}", [problem], "was not rendered", True
            )
            return
        self.state.depth += 1
        # A big table allocates hundreds of thousands of small objects that form
        # no cycles and die when the table is built; a cyclic collection in the
        # middle would walk every live object of the build for nothing (measured:
        # 5% of a 20,000-row table's whole conversion).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(parent, block, index + 1, processor)
        except Exception as error:  # A page must never crash the build.
            problem = internal_error(block, error)
            self._fail(parent, block, index + 1, f"#{index + 1}", [problem], "failed", error=True)
        finally:
            self.state.depth -= 1
            if collecting:
                gc.enable()

    def _build(
        self, parent: etree.Element, block: Block, number: int, processor: ListTableBlockProcessor
    ) -> None:
        checked = check_block(block, number, self.getConfig("validation"))
        if checked.grid is None or checked.failure is not None:
            self._fail(
                parent,
                block,
                number,
                checked.name,
                checked.problems,
                checked.failure or "failed",
                checked.strict,
            )
            return
        for problem in checked.problems:
            self.report(problem, error=False)
        # From here the grid is all the table needs: let the body's lines and the
        # rows as typed go, so a huge table does not hold two copies while rendering.
        block.body = []
        grid, checked.grid, checked.rows = checked.grid, None, []
        table = render_table(grid, checked.options, number, processor.render_cell)
        self._attach(parent, table, block, number, checked.options, opened=False)

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
        """Put an error panel with the problems, and the source opened, in the table's place."""
        problems = [p if p.table else replace(p, table=name) for p in problems]
        for problem in problems:
            self.report(problem, error=error)
        count = plural(len(problems), "problem")
        panel = render_errors(
            number,
            f"ListTable {name} {what}: {count}",
            [p.shifted(self.line_offset) for p in problems],
            self.path,
        )
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
        show = opened or (
            options.show_source if options.show_source is not None else self.show_by_default()
        )
        parent.append(element)
        if not show:
            return  # No toggle, no marker: nothing to find after rendering.
        self.state.tables.append(TableRecord(number, block.source, opened))
        assert self.md is not None
        marker = etree.SubElement(element, "p")
        marker.text = self.md.htmlStash.store(TOGGLE_MARKER.format(self.nonce, number))

    def show_by_default(self) -> bool:
        return bool(self.getConfig("source_toggle"))

    def highlighter(self) -> Highlighter:
        if self._highlighter is None:
            assert self.md is not None
            self._highlighter = make_highlighter(self.md)
        return self._highlighter

    def insert_toggles(self, html: str, tables: list[TableRecord] | None = None) -> str:
        """Replace each table's marker in `html` by its source toggle.

        Args:
            html: The page, or its content.
            tables: The page's tables; by default those of the page just converted.
        """
        chosen = self.state.tables if tables is None else tables
        records = {record.number: record for record in chosen}
        label = str(self.getConfig("source_label"))
        highlighter = self.highlighter()

        def toggle(match: re.Match[str]) -> str:
            record = records.get(int(match.group(1)))
            if record is None:
                return ""
            return toggle_html(record.source, label, highlighter, record.opened)

        return self.marker_re.sub(toggle, html)

    def flush(self, report: bool = True) -> None:
        """Log the page's problems; raise for strict-mode ones when asked to.

        Args:
            report: Log problems as warnings and errors. When false (a page
                that shows broken tables on purpose), they are logged at INFO
                level and fail nothing.
        """
        for note in self.state.notes:
            self.logger.info(note.shifted(self.line_offset).format(self.path))
        self.state.notes = []
        errors = []
        for problem, error in self.state.diagnostics:
            message = problem.shifted(self.line_offset).format(self.path)
            if not report:
                self.logger.info(message)
            elif error:
                self.logger.error(message)
                errors.append(message)
            else:
                self.logger.warning(message)
        self.state.diagnostics = []
        if errors and self.getConfig("raise_on_error") and not self.plugin_mode:
            raise ListTableError("\n".join(errors))


def makeExtension(**kwargs: Any) -> ListTableExtension:  # Python-Markdown's name
    """Entry point for `markdown.markdown(text, extensions=["mkdocs_listtable.extension"])`."""
    return ListTableExtension(**kwargs)
