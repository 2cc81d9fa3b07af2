"""Diagnostics are data: what went wrong, where, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Kind:
    """A kind of problem: its stable name, when it is reported, and whether a table survives it.

    Attributes:
        name: The stable name messages and `check --format json` show.
        when: When it is reported (the README's table of kinds says the same).
        fatal: It leaves no table to render, so it is reported whatever the
            validation mode.
    """

    name: str
    when: str
    fatal: bool = False


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "inconsistent-width",
            "a row has a different number of cells (as typed) than the first",
        ),
        Kind("invalid-span", "a span value that is zero or negative"),
        Kind("rowspan-overflow", "a rowspan reaches below the last row"),
        Kind("colspan-overflow", "a colspan reaches past the row's end"),
        Kind("missing-placeholder", "a span without its `_` in every covered position"),
        Kind("orphan-placeholder", "a `_` that no span covers"),
        Kind(
            "span-crosses-section",
            "a rowspan that crosses thead/tbody/tfoot (browsers cut it)",
        ),
        Kind(
            "sections-exceed-rows",
            "headerRows + footerRows exceed the number of rows",
            fatal=True,
        ),
        Kind("not-a-list", "the block's content is not a list of lists", fatal=True),
        Kind(
            "unclosed",
            "`<ListTable>` without `</ListTable>`, or a `</ListTable>` closing nothing",
            fatal=True,
        ),
        Kind("nesting-too-deep", "tables nested in cells more than 16 deep", fatal=True),
        Kind(
            "unknown-attribute",
            "an attribute we do not know; the closest known name is suggested",
        ),
        Kind("bad-attribute", "an attribute whose value is not valid"),
        Kind(
            "duplicate-id",
            "a table's `id` that another table, or a heading's anchor, on the page already has",
        ),
        Kind(
            "not-rendered",
            "a table inside `<pre>`, `<script>`, `<style>` or `<textarea>`, or one the Markdown"
            " around it reads as code or raw HTML: shown as text",
            fatal=True,
        ),
        Kind(
            "separator-in-table",
            "the excerpt separator of Material's blog inside a table: the excerpt ends after"
            " the table",
        ),
        Kind(
            "admonition-not-enabled",
            "a `:::` admonition in a cell of a site without the `admonition` extension",
        ),
        Kind("mdx-esm", "`import`/`export` lines that MkDocs shows as text (once per page)"),
        Kind("mdx-import", "an `import` of ListTable, removed (a note at INFO level)"),
        Kind(
            "too-complex",
            "a page or table that cannot be read in time proportionate to its size (thousands"
            " of fences that never close, row spans far outnumbering cells): the work is capped"
            " and this says so",
        ),
        Kind(
            "internal-error",
            "a bug of ours failed on a table: its source is shown, please report it",
            fatal=True,
        ),
        Kind(
            "unreadable",
            "`check` or `fix` could not read a file or folder (not UTF-8, no permission, "
            "not a regular file)",
        ),
    )
}
"""Every kind of problem, in the order the README lists them: the one registry."""


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

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown diagnostic kind {self.kind!r}: add it to KINDS")

    @property
    def fatal(self) -> bool:
        """Whether the problem leaves no table to render."""
        return KINDS[self.kind].fatal

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
