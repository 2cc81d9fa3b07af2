"""`mkdocs-listtable fix`: the repairs that have one right answer, made in the file.

Each repair starts from what the check path (`cli.PageCheck`, `table.check_block`)
found: a table's rows and grid, its attributes and where they are written.

- `missing-placeholder`: a span covers positions that have no `_`, and the
  row is short by exactly those positions: a `_` item goes at each, with the
  row's own bullet and indentation.
- `string-number` / `string-boolean`: `headerRows="1"` becomes `headerRows={1}`
  and `showSource="false"` becomes `showSource={false}` (in MDX the string
  `"1"` is no number and `"false"` is true).
- `unknown-attribute`: a name with exactly one close known name
  (`attributes.correction`) is renamed.
- `inconsistent-width`: a row one nested list short of the others' width,
  whose nested list, moved out to the row's cell bullets, gives it that width.

A repair edits whole lines of the file and nothing else: its line endings,
BOM, trailing spaces and tabs stay. Every repair is checked before it is
kept: the page re-checked with it has fewer problems of the kind repaired and
no problem it did not have. Repairs are made in rounds until none is left,
so running `fix` again changes nothing. Tables that cannot be read (not
closed, not a list of lists) are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .attributes import KNOWN_ATTRIBUTES, correction
from .diagnostics import Diagnostic
from .grid import Grid, layout
from .model import Cell, Mode
from .pages import TAB_LENGTH, Source
from .syntax import BULLET_RE
from .table import CheckedTable

if TYPE_CHECKING:
    from .cli import PageCheck

COUNTS = ("headerRows", "headerColumns", "footerRows")
STRING_VALUE_RE = re.compile(r"""(=\s*)(["'])\s*([0-9]{1,6}|true|false)\s*\2\Z""")
MAX_POSITIONS = 10_000
"""Missing positions a table may have for `fix` to fill them; more is not a slip of the pen."""
MAX_ROUNDS = 8


@dataclass(frozen=True)
class Edit:
    """A repair: lines `first` to `last` (0-based, `last` excluded) replaced by `lines`.

    Attributes:
        first: Index of the first line replaced.
        last: Index one past the last line replaced (`first` for an insertion).
        lines: The new lines, without line endings.
        kind: What is repaired (a problem kind, or `string-number`/`string-boolean`).
        line: 1-based file line of the repair, for the report.
        column: 1-based column, for the report.
        what: What was done, for the report.
    """

    first: int
    last: int
    lines: tuple[str, ...]
    kind: str
    line: int
    column: int
    what: str
    more: tuple[tuple[str, int, int, str], ...] = ()
    """Other repairs made by the same edit, on the same line: `(kind, line, column, what)`."""

    def notes(self) -> list[tuple[str, int, int, str]]:
        """`(kind, line, column, what)` of each repair the edit makes."""
        return [(self.kind, self.line, self.column, self.what), *self.more]

    def at(self, line_of: Callable[[int], int]) -> Edit:
        """The edit with each repair reported at `line_of(its line)`."""
        more = tuple((kind, line_of(line), col, what) for kind, line, col, what in self.more)
        return replace(self, line=line_of(self.line), more=more)

    def report(self, path: str) -> list[str]:
        """`path:line:col: fixed kind: what was done`, for each repair the edit makes."""
        return [
            f"{path}:{line}:{column}: fixed {kind}: {what}"
            for kind, line, column, what in self.notes()
        ]


@dataclass(frozen=True)
class Repair:
    """Edits that only together repair something, and the problems they repair."""

    edits: tuple[Edit, ...]
    fixes: tuple[Diagnostic, ...] = ()

    def kinds(self) -> set[str]:
        """What the edits repair."""
        return {note[0] for edit in self.edits for note in edit.notes()}

    def lines(self) -> set[int]:
        """The indexes of the lines the edits touch (an insertion touches the line it precedes)."""
        return {i for e in self.edits for i in range(e.first, max(e.last, e.first + 1))}


def apply(source: Source, edits: list[Edit]) -> Source:
    """A copy of `source` with `edits` (which must not overlap) made."""
    return source.replaced((edit.first, edit.last, edit.lines) for edit in edits)


def raw_index(line: str, column: int) -> int | None:
    """Index in `line` of the 1-based `column` counted with tabs expanded; None inside a tab."""
    col = 0
    for index, char in enumerate(line):
        if col == column - 1:
            return index
        col = (col // TAB_LENGTH + 1) * TAB_LENGTH if char == "\t" else col + 1
        if col > column - 1:
            return None
    return len(line) if col == column - 1 else None


def _dedent(line: str, width: int) -> str | None:
    """`line` with `width` columns of leading spaces removed; None when it has fewer."""
    if not line.strip():
        return line
    if line[:width] != " " * width:
        return None
    return line[width:]


def _bullet_column(source: Source, cell: Cell) -> tuple[int, str] | None:
    """The 1-based column and the bullet of `cell`'s item, read back from its line."""
    line = source.expanded(cell.line - 1)
    at = cell.column - 2
    while at >= 0 and line[at] == " ":
        at -= 1
    if at < 0 or line[at] not in "-*+":
        return None
    return at + 1, line[at]


def _missing_placeholders(source: Source, table: CheckedTable) -> Iterator[Repair]:
    """`_` items at the positions spans cover without one, in rows short by just those.

    One repair for the whole table, else (when that one does not check out) one per row.
    """
    # A span without its `_` is `missing-placeholder`, or `colspan-overflow` in the first row.
    kinds = ("missing-placeholder", "colspan-overflow")
    problems = {(p.line, p.column): p for p in table.problems if p.kind in kinds}
    if not problems or not table.rows:
        return
    cells = [row.cells for row in table.rows]
    grid = layout(cells)
    taken = {(r, c) for r, _, c in (*grid.consumed, *grid.orphans)}
    taken |= {(p.row, p.col) for row in grid.rows for p in row}
    missing: dict[int, set[int]] = {}
    spans: list[tuple[Diagnostic | None, set[int]]] = []  # Each span's problem and its rows.
    budget = MAX_POSITIONS
    for span in grid.spans:
        budget -= (span.bottom - span.top) * (span.right - span.left)
        if budget < 0:
            return
        rows = set()
        for r in range(span.top, span.bottom):
            for c in range(span.left, span.right):
                if (r, c) not in taken:
                    missing.setdefault(r, set()).add(c)
                    rows.add(r)
        origin = span.origin.cell
        spans.append((problems.get((origin.line, origin.column)), rows))
    # The width the rows agree on once completed; without a clear majority, no right answer.
    completed = Counter(len(row) + len(missing.get(r, ())) for r, row in enumerate(cells))
    (width, votes), *rest = completed.most_common(2)
    if rest and rest[0][1] == votes:
        return
    fixed = {r for r, columns in missing.items() if len(cells[r]) + len(columns) == width}
    by_row = {
        r: list(_insert_placeholders(source, table, r, sorted(missing[r]), grid)) for r in fixed
    }
    by_row = {r: edits for r, edits in by_row.items() if len(edits) == len(missing[r])}
    if not by_row:
        return
    widths = {p.row: p for p in table.problems if p.kind == "inconsistent-width"}

    def solved(rows: set[int]) -> tuple[Diagnostic, ...]:
        """The problems a repair of `rows` solves: their spans' and their widths'."""
        spanned = [p for p, covered in spans if p is not None and covered and covered <= rows]
        first_fine = 0 in rows or len(cells[0]) == width  # Widths are measured against row 1.
        even = {
            r for r in range(len(cells)) if r in rows or (first_fine and len(cells[r]) == width)
        }
        return (*spanned, *(widths[r + 1] for r in sorted(even) if r + 1 in widths))

    yield Repair(tuple(e for edits in by_row.values() for e in edits), solved(set(by_row)))
    for r, edits in by_row.items():
        yield Repair(tuple(edits), solved({r}))


def _insert_placeholders(
    source: Source, table: CheckedTable, r: int, columns: list[int], grid: Grid
) -> Iterator[Edit]:
    row = table.rows[r]
    # The logical column of every item as typed, to find where each `_` goes.
    at = {p.index: p.col for p in grid.rows[r]}
    at.update({i: c for rr, i, c in (*grid.consumed, *grid.orphans) if rr == r})
    for column in columns:
        before = next((i for i in range(len(row.cells)) if at.get(i, -1) > column), None)
        edit = _placeholder_edit(source, row.cells, before, r, column)
        if edit is not None:
            yield edit


def _placeholder_edit(
    source: Source, cells: list[Cell], before: int | None, r: int, column: int
) -> Edit | None:
    """A `_` item inserted before `cells[before]` (after the last cell when None)."""
    model = cells[before if before is not None else -1]
    found = _bullet_column(source, model)
    if found is None:
        return None
    bullet_col, bullet = found
    what = f"inserted '_' at row {r + 1}, column {column + 1}"
    index = model.line - 1
    raw = source.lines[index]
    start = raw_index(raw, bullet_col)
    if start is None or "\x02" in raw or "\x03" in raw:
        return None
    # The new item is indented like the cell items of this row on lines of their own.
    own_line = next((c for c in cells if _starts_line(source, c)), None)
    if own_line is not None:
        prefix_raw = source.lines[own_line.line - 1]
        indent = prefix_raw[: len(prefix_raw) - len(prefix_raw.lstrip(" \t"))]
    else:
        indent = " " * (bullet_col - 1)  # The row's first line alone: its cells' column.
    new = f"{indent}{bullet} _"
    if before is None:
        last = _item_end(source, cells[-1])
        return Edit(last, last, (new,), "missing-placeholder", last + 1, len(indent) + 1, what)
    if _starts_line(source, model):
        return Edit(index, index, (new,), "missing-placeholder", index + 1, start + 1, what)
    # The cell shares its line with the row's bullet (`- - text`): split the line in two.
    head = raw[:start] + f"{bullet} _"
    tail = indent + raw[start:]
    return Edit(index, index + 1, (head, tail), "missing-placeholder", index + 1, start + 1, what)


def _starts_line(source: Source, cell: Cell) -> bool:
    """Whether `cell`'s bullet is the first thing on its line."""
    found = _bullet_column(source, cell)
    line = source.expanded(cell.line - 1)
    return found is not None and not line[: found[0] - 1].strip()


def _item_end(source: Source, cell: Cell) -> int:
    """Index of the line after `cell`'s last non-blank line."""
    text_lines = cell.text.split("\n")
    end = cell.text_line - 1 + len(text_lines)
    while end > cell.line and not source.lines[end - 1].strip():
        end -= 1
    return end


def _attributes(source: Source, table: CheckedTable) -> Iterator[Repair]:
    """Typos in attribute names, and numbers or booleans written as strings."""
    block, options = table.block, table.options
    left = block.indent + block.column_offset
    by_line: dict[
        int, list[tuple[int, str, str, tuple[str, int, int], tuple[Diagnostic, ...]]]
    ] = {}
    for name, (start, end) in options.attribute_spans.items():
        written = block.tag[start:end]
        line = block.line + block.tag.count("\n", 0, start)
        newline = block.tag.rfind("\n", 0, start)
        column = left + 1 + start if newline < 0 else start - newline + left
        fixed_name, kind = name, ""
        fixes: tuple[Diagnostic, ...] = ()
        if name not in KNOWN_ATTRIBUTES:
            target = correction(name)
            if target is None or target in options.attribute_spans:
                continue
            fixed_name, kind = target, "unknown-attribute"
            fixes = tuple(
                p for p in table.problems if p.kind == kind and (p.line, p.column) == (line, column)
            )
        new = fixed_name + written[len(name) :]
        value = STRING_VALUE_RE.search(new)
        if value and (fixed_name in COUNTS or fixed_name == "showSource"):
            literal = value[3]
            boolean = literal in ("true", "false")
            if (fixed_name == "showSource") == boolean:
                new = new[: value.start()] + f"{value[1]}{{{literal}}}"
                kind = kind or ("string-boolean" if boolean else "string-number")
        begin = raw_index(source.lines[line - 1], column)
        if new == written or begin is None:
            continue
        if not source.lines[line - 1][begin:].startswith(written):
            continue  # A value over several lines: left as written.
        by_line.setdefault(line - 1, []).append((begin, written, new, (kind, line, column), fixes))
    for index, changes in by_line.items():
        raw = source.lines[index]
        for begin, written, new, _, _ in sorted(changes, reverse=True):
            raw = raw[:begin] + new + raw[begin + len(written) :]
        notes = [(*where, f"{written} -> {new}") for _, written, new, where, _ in changes]
        edit = Edit(index, index + 1, (raw,), *notes[0], more=tuple(notes[1:]))
        yield Repair((edit,), tuple(p for *_, fixes in changes for p in fixes))


def _nested_lists(source: Source, table: CheckedTable) -> Iterator[Repair]:
    """A row's cell that swallowed the next cells as a nested list, moved back out."""
    counts = [len(row.cells) for row in table.rows]
    width = {r: p for p in table.problems if p.kind == "inconsistent-width" for r in [p.row]}
    for r, row in enumerate(table.rows):
        others = counts[:r] + counts[r + 1 :]
        if not others or len(set(others)) != 1 or counts[r] >= others[0]:
            continue
        found = [edit for cell in row.cells if (edit := _unnest(source, cell, r))]
        if len(found) == 1:  # Two cells with nested lists: which one was meant is not clear.
            problem = width.get(r + 1)
            yield Repair((found[0],), (problem,) if problem else ())


def _unnest(source: Source, cell: Cell, r: int) -> Edit | None:
    """The cell's nested list moved out to the cell's bullet column, if it has one.

    Only a list right under the cell's first line of text, and only when every
    line moved is indented with spaces by at least the distance moved.
    """
    lines = cell.text.split("\n")
    if len(lines) < 2 or not lines[0].strip() or not BULLET_RE.match(lines[1].lstrip(" ")):
        return None
    found = _bullet_column(source, cell)
    if found is None:
        return None
    nested = cell.column + len(lines[1]) - len(lines[1].lstrip(" "))
    delta = nested - found[0]
    start, end = cell.text_line, _item_end(source, cell)
    moved = [_dedent(source.lines[i], delta) for i in range(start, end)]
    if delta <= 0 or any(line is None for line in moved):
        return None
    what = f"moved the list nested in row {r + 1}'s cell out to the row's cells"
    new = tuple(line or "" for line in moved)
    return Edit(start, end, new, "inconsistent-width", start + 1, nested, what)


PLANNERS = (_missing_placeholders, _attributes, _nested_lists)
FIXED_KINDS = frozenset({"missing-placeholder", "inconsistent-width", "unknown-attribute"})
"""Problems `fix` repairs; a repair of one of them must leave fewer of its kind."""


def _repairs(source: Source, page: PageCheck) -> Iterator[Repair]:
    """Every repair the page's tables suggest, before any is checked."""
    for table in page.tables:
        if table.failure not in ("was not closed", "could not be built"):
            for planner in PLANNERS:
                yield from planner(source, table)


def _kinds(page: PageCheck) -> Counter[str]:
    return Counter(found.problem.kind for found in page.found)


def _better(after: Counter[str], before: Counter[str], repairs: list[Repair]) -> bool:
    """Whether a page re-checked after `repairs` has fewer problems and none of a new kind."""
    if any(after[kind] > before[kind] for kind in after):
        return False
    fixing = any(r.kinds() & FIXED_KINDS for r in repairs)
    return not fixing or after.total() < before.total()


def _verified(source: Source, mode: Mode, page: PageCheck) -> list[Repair]:
    """The repairs that each, made alone, leave fewer problems and none new; none overlapping."""
    from .cli import check_text

    before = _kinds(page)
    good: list[Repair] = []
    used: set[int] = set()
    for repair in _repairs(source, page):
        if repair.lines() & used:
            continue  # Overlapping repairs (a table's and one of its rows') wait for next round.
        after, _ = check_text(apply(source, list(repair.edits)).text(), mode)
        if _better(_kinds(after), before, [repair]):
            good.append(repair)
            used |= repair.lines()
    return good


@dataclass
class Result:
    """What `fix` did to one file: its text before and after, and each edit.

    Attributes:
        before: The file's text.
        after: The text with every repair made.
        edits: Every edit, each at its line in the text of its round.
        rounds: The edits of each round, in order, by their first line.
    """

    before: str
    after: str
    edits: list[Edit] = field(default_factory=list)
    rounds: list[list[Edit]] = field(default_factory=list)

    def line_before(self, line: int, rounds: int | None = None) -> int:
        """The 1-based line of `before` where line `line` of the text after `rounds` rounds
        (default: of `after`) stands.

        A line an edit wrote stands at the first line the edit replaced (for an
        insertion, the line it goes before): what the file shows until it is fixed.
        """
        index = line - 1
        for edits in reversed(self.rounds[:rounds]):
            index = _index_before(index, edits)
        return index + 1


def _index_before(index: int, edits: list[Edit]) -> int:
    """The line index before `edits` (sorted, not overlapping) of line `index` after them."""
    shift = 0  # Lines added, less lines removed, by the edits above `index`.
    for edit in edits:
        start = edit.first + shift
        if index < start:
            break
        if index < start + len(edit.lines):
            return edit.first + min(index - start, max(edit.last - edit.first - 1, 0))
        shift += len(edit.lines) - (edit.last - edit.first)
    return index - shift


def fix_text(text: str, mode: Mode) -> Result:
    """`text` with every repair made, in rounds until none is left."""
    from .cli import check_text

    source = Source.parse(text)
    edits: list[Edit] = []
    rounds: list[list[Edit]] = []
    for _ in range(MAX_ROUNDS):
        page, _ = check_text(source.text(), mode)
        repairs = _verified(source, mode, page)
        if not repairs:
            break
        together = apply(source, [e for r in repairs for e in r.edits])
        after, _ = check_text(together.text(), mode)
        if not _better(_kinds(after), _kinds(page), repairs):
            repairs = repairs[:1]  # They interfere: one at a time.
            together = apply(source, list(repairs[0].edits))
        source = together
        rounds.append(sorted((e for r in repairs for e in r.edits), key=lambda e: e.first))
        edits += rounds[-1]
    return Result(text, source.text(), edits, rounds)


def fixable_problems(text: str, mode: Mode, page: PageCheck) -> set[Diagnostic]:
    """The problems of `page` (checked from `text`) that `fix` repairs."""
    if not any(found.problem.kind in FIXED_KINDS for found in page.found):
        return set()
    return {p for repair in _verified(Source.parse(text), mode, page) for p in repair.fixes}
