"""Diagnostics are data: what went wrong, where, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, replace

KINDS: tuple[str, ...] = (
    "inconsistent-width",
    "invalid-span",
    "rowspan-overflow",
    "colspan-overflow",
    "missing-placeholder",
    "orphan-placeholder",
    "span-crosses-section",
    "sections-exceed-rows",
    "not-a-list",
    "unclosed",
    "unknown-attribute",
    "bad-attribute",
    "duplicate-id",
    "too-complex",
)

FATAL_KINDS: frozenset[str] = frozenset({"not-a-list", "unclosed", "sections-exceed-rows"})
"""Problems that leave no table to render: reported whatever the validation mode."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one table.

    Attributes:
        kind: Stable name of the problem (one of `KINDS`).
        message: What is wrong, in one sentence.
        hint: What to do about it.
        line: 1-based line in the Markdown text where the fault is.
        column: 1-based column on that line, when it helps.
        row: 1-based row of the table, for cell problems.
        col: 1-based column of the table (cells as typed), for cell problems.
        table: How the table is named in messages: its id, else its caption,
            else its number on the page.
    """

    kind: str
    message: str
    hint: str
    line: int
    column: int | None = None
    row: int | None = None
    col: int | None = None
    table: str = ""

    @property
    def fatal(self) -> bool:
        """Whether the problem leaves no table to render."""
        return self.kind in FATAL_KINDS

    def shifted(self, offset: int) -> Diagnostic:
        """The same diagnostic with its line moved down by `offset` lines."""
        return replace(self, line=self.line + offset)

    def location(self) -> str:
        """`row 3, col 2`, `row 3` or an empty string."""
        if self.row is None:
            return ""
        if self.col is None:
            return f"row {self.row}"
        return f"row {self.row}, col {self.col}"

    def place(self, path: str | None = None, column: bool = True) -> str:
        """`path:line:col`, or `line N:col` without a path; the column only when known."""
        where = f"{path}:{self.line}" if path else f"line {self.line}"
        if column and self.column is not None:
            where += f":{self.column}"
        return where

    def subject(self) -> str:
        """`ListTable "name" row 3, col 2`: the table, and the cell when there is one."""
        name = f"ListTable {self.table}" if self.table else "ListTable"
        location = self.location()
        return f"{name} {location}" if location else name

    def advice(self) -> str:
        """The message and, after a semicolon, the hint."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def format(self, path: str | None = None) -> str:
        """The one-line message shown to the author, in the build log and by `check`.

        Compiler-like: location, kind, then the rest, so editors and CI read it.

        Example:
            `docs/api.md:42:5: orphan-placeholder: ListTable "Webhooks" row 3, col 2: ...`
        """
        return f"{self.place(path)}: {self.kind}: {self.subject()}: {self.advice()}"


def plural(count: int, noun: str) -> str:
    """`1 cell`, `2 cells`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def table_name(table_id: str | None, caption: str | None, number: int) -> str:
    """How a table is named in diagnostics: its id, else its caption, else `#N`."""
    if table_id:
        return f'"{table_id}"'
    if caption:
        return f'"{caption}"'
    return f"#{number}"
