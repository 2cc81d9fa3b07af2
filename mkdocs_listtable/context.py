"""The page-context interface: what a program running the extension tells it, and gets back.

Without a host, the extension is self-contained: each conversion places its
own toggles (when asked to), logs its own problems and, for strict-mode
tables, raises `ListTableError`. A host — the MkDocs plugin, or any tool that
knows which file is being converted — is handed to the extension's
constructor, `ListTableExtension(host=...)`, and then:

1. `Host.begin()` is called as each conversion starts (every `Markdown`
   instance that loads the extension, nested or not). The host answers with
   the `Origin` of the text: the path to name in messages, how many lines
   of the file come before the text (its front matter), or `None` when the
   text is not the file's own (a docstring, an excerpt), and the
   `PageContext` that every conversion of the same page shares (so that
   ids stay unique across them).
2. `Host.end(outcome)` is called as that conversion ends, with its problems
   and the toggles whose markers it left in its HTML. The host logs the
   problems and, once the page is finished, calls `place_toggles` on it
   (or answers `False`, and the conversion places them in its own HTML).

Nothing of the extension is set from outside, and no state is shared between
conversions but the page context their host hands them: each `Markdown`
instance has its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from .diagnostics import Diagnostic, plural
from .ids import PageIds
from .toggle import Toggle


@dataclass(eq=False)
class PageContext:
    """What every conversion of one page shares: the host hands the same one to each.

    A page may be converted in pieces (its own text, and docstrings or blog
    excerpts other plugins convert into it); the page's HTML holds them all.

    Attributes:
        ids: The ids of the pieces converted so far (see `ids.py`).
        tables: Tables numbered on the page so far: generated ids and
            `data-listtable` count across the pieces, in the order built.
        cut_marks: Strings another tool cuts the page's HTML at (the excerpt
            separator of Material's blog): none may stand inside a table
            (see `cuts.py`).
        reports: Whether the page's problems are reported (not when its front
            matter says `listtable: {report: false}`), for a conversion that
            logs its own.
    """

    ids: PageIds = field(default_factory=PageIds)
    tables: int = 0
    cut_marks: tuple[str, ...] = ()
    reports: bool = True

    def number(self) -> int:
        """The next table's number on the page."""
        self.tables += 1
        return self.tables


@dataclass(frozen=True)
class Origin:
    """Where a converted text comes from.

    Attributes:
        path: The file messages name, or `None` when unknown.
        line_offset: Lines of the file before the text (its front matter),
            added to every line number; `None` when the text is not the
            file's own (another plugin converted it for the page), so line
            numbers count in that text and messages say so.
        page: What the page's conversions share; a conversion without a
            host is a page of its own.
    """

    path: str | None = None
    line_offset: int | None = 0
    page: PageContext = field(default_factory=PageContext, compare=False)

    @property
    def own(self) -> bool:
        """Whether line numbers can be given in the file's own lines."""
        return self.line_offset is not None


@dataclass(frozen=True)
class Problem:
    """A diagnostic found during a conversion, and whether it is an error (else a warning).

    Attributes:
        diagnostic: The problem.
        error: Whether it is an error (else a warning).
        origin: Where its line is, when it is about the text of an earlier
            conversion of the page (a docstring's table whose id a heading
            of the page takes); else the conversion's own.
    """

    diagnostic: Diagnostic
    error: bool
    origin: Origin | None = None


@dataclass
class Outcome:
    """What one conversion hands to its host as it ends.

    Attributes:
        origin: What `Host.begin` answered for this conversion.
        problems: Every problem, in the order found; lines count in the
            converted text (add `origin.line_offset`).
        toggles: The toggles whose markers are in the conversion's HTML, by key.
        notes: What was done that the author may want to know (logged at INFO level).
    """

    origin: Origin
    problems: list[Problem] = field(default_factory=list)
    toggles: dict[str, Toggle] = field(default_factory=dict)
    notes: list[Diagnostic] = field(default_factory=list)


class Host(Protocol):
    """A program that runs the extension and knows the page (the MkDocs plugin is one)."""

    def begin(self) -> Origin:
        """A conversion starts: where does its text come from?"""
        ...

    def end(self, outcome: Outcome) -> bool:
        """A conversion ended: its problems to report and its toggles to place.

        Returns:
            Whether the host places the toggles later (`place_toggles` on the
            finished page); if not, they are placed in the conversion's HTML.
        """
        ...


class ListTableError(Exception):
    """Raised, without a host, when a strict-mode table has problems."""


REPORT_LIMIT = 100
"""Problems logged per page (or per conversion without a host) before they are only counted."""


def place(line: int, origin: Origin) -> str:
    """`on line 9`: where line `line` of a conversion is, in a message about another problem."""
    if origin.line_offset is not None:
        return f"on line {line + origin.line_offset}"
    return f"on line {line} of Markdown converted by another plugin"


def describe(problem: Diagnostic, origin: Origin) -> str:
    """The one-line message of `problem`, placed in the file when its lines are the file's."""
    if origin.line_offset is not None:
        return problem.shifted(origin.line_offset).format(origin.path)
    # Another plugin converted this text (a docstring, an excerpt): its lines are not the file's.
    inside = f"in Markdown converted by another plugin, {problem.format()}"
    return f"{origin.path}: {inside}" if origin.path else inside


class Reporter:
    """Logs the problems of one page: the first `limit`, then one line counting the rest.

    So broken input (thousands of stray tags) never floods a log.
    """

    def __init__(
        self,
        logger: logging.Logger | logging.LoggerAdapter[logging.Logger],
        quiet: bool = False,
        limit: int = REPORT_LIMIT,
    ) -> None:
        """Args:
        logger: Where to log.
        quiet: Log at INFO level, failing nothing (a page that shows
            broken tables on purpose).
        limit: How many problems are logged before the rest are only counted.
        """
        self.logger = logger
        self.quiet = quiet
        self.limit = limit
        self.count = 0
        self.errors: list[str] = []
        """Every error's message, logged or not."""
        self._hidden_level = logging.NOTSET

    def log(self, outcome: Outcome) -> None:
        """Log (or count) the problems of a conversion; log its notes at INFO level."""
        origin = outcome.origin
        for note in outcome.notes:
            self.logger.info(describe(note, origin))
        for problem in outcome.problems:
            message = describe(problem.diagnostic, problem.origin or origin)
            level = logging.ERROR if problem.error else logging.WARNING
            if problem.error:
                self.errors.append(message)
            level = logging.INFO if self.quiet else level
            self.count += 1
            if self.count > self.limit:
                self._hidden_level = max(self._hidden_level, level)
            else:
                self.logger.log(level, message)

    def close(self, path: str | None = None) -> None:
        """Log how many problems were not shown, if any."""
        hidden = self.count - self.limit
        if hidden > 0:
            where = f"{path}: " if path else ""
            self.logger.log(
                self._hidden_level,
                f"{where}{plural(hidden, 'more ListTable problem')} not shown"
                f" (only the first {self.limit} of a page are logged)",
            )
        self.count = 0
        self._hidden_level = logging.NOTSET
