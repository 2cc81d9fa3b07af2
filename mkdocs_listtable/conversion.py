"""The state of one conversion, owned by one `Markdown` instance and its processors.

Every `Markdown` instance that loads the extension gets a `Conversion` of its
own (a page's, a docstring's, a blog excerpt's, one built inside another's
block processor), so interleaved and nested conversions never see each
other's tables. Each conversion starts afresh (`begin`, from the
preprocessor) and hands everything over as it ends (`finish`, from the last
postprocessor), so nothing outlives it, not even a conversion that failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown import Markdown

from .blocks import Block
from .context import Host, Origin, Outcome, Problem, place
from .cuts import Built
from .diagnostics import Diagnostic
from .ids import AuthorId, Holder, PageIds, Stamp
from .model import Mode
from .render import SourcesAsText
from .toggle import Highlighter, Toggle, make_highlighter, new_nonce
from .zensical_page import zensical_origin


@dataclass(frozen=True)
class Settings:
    """The extension's options, typed and checked.

    Attributes:
        validation: Mode of tables that set none.
        source_toggle: Whether tables show their source by default.
        source_label: Summary text of the toggles.
        raise_on_error: Without a host: raise `ListTableError` when a
            strict-mode table has problems.
    """

    validation: Mode = "warn"
    source_toggle: bool = False
    source_label: str = "MDX source"
    raise_on_error: bool = True


@dataclass(eq=False)
class Conversion:
    """What one conversion collects while it runs, and what its processors share."""

    md: Markdown
    settings: Settings
    host: Host | None = None
    origin: Origin = field(default_factory=Origin)
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    """What was done that the author may want to know: logged at INFO level."""
    toggles: dict[str, Toggle] = field(default_factory=dict)
    base_line: int = 1
    """Line of the text being read: 1 for the document, a cell's first line inside a cell."""
    column_offset: int = 0
    depth: int = 0
    """How many tables the one being built is nested in."""
    loose_tags: list[tuple[int, int, str]] = field(default_factory=list)
    """`(line, column offset, text)` of each line with a ListTable tag outside any block."""
    nonce: str = ""
    """Prefix of this conversion's toggle keys; drawn with its first toggle."""
    tree_done: bool = False
    """Every treeprocessor has run: the next postprocessor run is on the document itself."""
    author_ids: list[AuthorId] = field(default_factory=list)
    """The ids authors gave the tables rendered, for `duplicate-id` (see `ids.py`)."""
    failed: int = 0
    """Tables that failed so far: shown as error panels, then as text."""
    as_text: SourcesAsText = field(default_factory=SourcesAsText)
    """The failing tables past the page's error panels."""
    stamps: list[Stamp] = field(default_factory=list)
    """One element with a generated id per table that has them (see `ids.Stamp`)."""
    built: list[Built] = field(default_factory=list)
    """The tables built, kept only when the page has cut marks (see `cuts.py`)."""
    _highlighter: Highlighter | None = None

    def begin(self, lines: list[str]) -> None:
        """A conversion of `lines` starts: forget what a failed one left; learn where they are from.

        From the host; without one, from Zensical's page context when Zensical runs it.
        """
        self.reset()
        if self.host is not None:
            self.origin = self.host.begin()
        elif (found := zensical_origin(self.md, lambda: _has_tables(lines))) is not None:
            self.origin = found

    def finish(self) -> Outcome:
        """The conversion ends: its outcome, taken out of the state."""
        outcome = Outcome(self.origin, self.problems, self.toggles, self.notes)
        self.reset()
        return outcome

    def reset(self) -> None:
        """Forget the previous document."""
        self.origin = Origin()
        self.blocks = []
        self.problems = []
        self.notes = []
        self.toggles = {}
        self.base_line, self.column_offset, self.depth = 1, 0, 0
        self.loose_tags = []
        self.nonce = ""
        self.tree_done = False
        self.author_ids = []
        self.failed = 0
        self.as_text = SourcesAsText()
        self.built = []
        self.stamps = []

    def report(self, diagnostic: Diagnostic, error: bool) -> None:
        """Keep a problem for the end of the conversion."""
        self.problems.append(Problem(diagnostic, error))

    def report_id(self, diagnostic: Diagnostic, holder: Holder | None) -> None:
        """Keep an id's problem: this conversion's, or (with `holder`) about an earlier one's."""
        origin = holder.origin if holder is not None else None
        about = origin if isinstance(origin, Origin) else None
        self.problems.append(Problem(diagnostic, False, about))

    def has_tables(self) -> bool:
        """Whether the conversion has found tables."""
        return bool(self.blocks)

    def page_ids(self) -> PageIds:
        """The ids of the page's conversions that ended."""
        return self.origin.page.ids

    def place(self, line: int) -> str:
        """`on line 9`: where a line of this conversion is, for messages."""
        return place(line, self.origin)

    def number_table(self) -> int:
        """The next table's number on the page: its generated ids and `data-listtable` use it."""
        return self.origin.page.number()

    def add_toggle(self, number: int, source: str, opened: bool) -> str:
        """Keep the toggle of table `number`; its key, for the marker."""
        if not self.nonce:
            self.nonce = new_nonce()
        key = f"{self.nonce}-{number}"
        label = self.settings.source_label
        self.toggles[key] = Toggle(source, label, self.highlighter(), opened)
        return key

    def highlighter(self) -> Highlighter:
        """Highlights in the code style of this `Markdown` instance; made on first use."""
        if self._highlighter is None:
            self._highlighter = make_highlighter(self.md)
        return self._highlighter


def _has_tables(lines: list[str]) -> bool:
    return any("ListTable" in line for line in lines)
