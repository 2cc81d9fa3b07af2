"""From a found block to a checked table: attributes, rows, grid and problems.

The Markdown extension renders what this module decides; the `check` command
reports it without rendering. One path, so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .blocks import Block
from .diagnostics import Diagnostic, plural, table_name
from .grid import SPAN_BUDGET, Grid, layout
from .listparse import parse_rows
from .model import Mode, Options, Row
from .validate import section_problems, validate

MAX_DEPTH = 16
"""Tables nested deeper than this in cells are refused: each level deepens the stack."""


@dataclass
class CheckedTable:
    """A block, read and checked.

    Attributes:
        block: The block as found.
        number: Its number on the page, from 1.
        options: Its attributes.
        name: How messages name it (`"id"`, `"caption"` or `#N`).
        mode: Its validation mode.
        rows: Its rows as typed.
        grid: The laid-out cells; `None` when no table can be built.
        problems: Every problem, named, in source order.
        failure: Why the table is not rendered (`"was not closed"`, `"could
            not be built"`, `"was not rendered"`), or `None` when it is.
    """

    block: Block
    number: int
    options: Options
    name: str
    mode: Mode
    rows: list[Row] = field(default_factory=list)
    grid: Grid | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    failure: str | None = None

    @property
    def strict(self) -> bool:
        """Whether its problems are errors (else warnings)."""
        return self.mode == "strict"


def too_deep(block: Block) -> Diagnostic:
    """The problem of a table nested deeper than `MAX_DEPTH`: it is not built."""
    return Diagnostic(
        "nesting-too-deep",
        f"tables are nested more than {MAX_DEPTH} deep",
        "flatten the table, or move the inner tables out of the cells",
        block.line,
        block.indent + block.column_offset + 1,
    )


def internal_error(block: Block, error: Exception) -> Diagnostic:
    """The problem reported when a bug of ours fails on a table: never a traceback."""
    return Diagnostic(
        "internal-error",
        f"mkdocs-listtable failed on this table ({type(error).__name__}: {error})",
        "please report it with the table's source",
        block.line,
    )


def _unclosed(block: Block) -> Diagnostic:
    return Diagnostic(
        "unclosed",
        "'<ListTable>' has no matching '</ListTable>'",
        "add '</ListTable>' on its own line after the table's last row, at the tag's indentation",
        block.line,
        block.indent + block.column_offset + 1,
    )


def _too_complex(block: Block) -> Diagnostic:
    return Diagnostic(
        "too-complex",
        f"far more row spans stand open over the rows than the table has cells "
        f"(over {SPAN_BUDGET} per cell); the table is not laid out",
        "shorten the row spans, or split the table",
        block.line,
        block.indent + block.column_offset + 1,
    )


def _column_count(name: str, given: int, width: int, options: Options, line: int) -> Diagnostic:
    return Diagnostic(
        "bad-attribute",
        f"{name} gives {plural(given, 'value')} for {plural(width, 'column')}",
        f"give one value per column ({width})",
        options.attribute_lines.get(name, line),
    )


def check_block(block: Block, number: int, default_mode: Mode) -> CheckedTable:
    """Read and check `block`, the `number`-th table of its page."""
    left = block.indent + block.column_offset  # Columns left of `<ListTable` in the page.
    options = block.options  # Read once, when the block was found.
    offset = block.column_offset
    problems = [replace(p, column=p.column + offset) if p.column else p for p in block.tag_problems]
    if not block.tag.rstrip().endswith(">"):
        problems.insert(
            0,
            Diagnostic(
                "bad-attribute",
                "the opening tag has no closing '>'",
                "end the tag with '>' before the first row",
                block.line,
                left + 1,
            ),
        )
    name = table_name(options.id, options.caption, number)
    checked = CheckedTable(block, number, options, name, options.validation or default_mode)
    if not block.closed:
        problems.insert(0, _unclosed(block))
        return _done(checked, problems, "was not closed")
    checked.rows, fatal = parse_rows(block.body, block.body_line, left)
    if not fatal:
        fatal = section_problems(checked.rows, options, block.line)
    if fatal:
        return _done(checked, fatal + problems, "could not be built")
    grid = layout([row.cells for row in checked.rows])
    if grid.too_complex:
        return _done(checked, [_too_complex(block), *problems], "could not be built")
    for attribute, values in (("widths", options.widths), ("aligns", options.aligns)):
        if values and len(values) != grid.width:
            problems.append(_column_count(attribute, len(values), grid.width, options, block.line))
    if checked.mode != "off":
        problems += validate(checked.rows, grid, options, block.line)
    checked.grid = grid
    return _done(checked, problems, "was not rendered" if checked.strict and problems else None)


def _done(checked: CheckedTable, problems: list[Diagnostic], failure: str | None) -> CheckedTable:
    named = (p if p.table else replace(p, table=checked.name) for p in problems)
    checked.problems = sorted(named, key=lambda p: (p.line, p.column or 0))
    checked.failure = failure
    if failure is not None:
        checked.grid = None
    return checked
