"""The table model shared by every step: cells as written, and the options of a table.

Line numbers are 1-based and count lines of the Markdown text handed to the
converter; the MkDocs plugin adds the front matter's length when it reports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["strict", "warn", "off"]
Align = Literal["left", "center", "right", "justify"]

MODES: tuple[Mode, ...] = ("strict", "warn", "off")


def as_mode(value: object) -> Mode | None:
    """`value` as a validation mode, or `None`; YAML reads a bare `off` as false."""
    if value is False:
        return "off"
    return next((mode for mode in MODES if value == mode), None)


def page_reports(meta: Mapping[str, object]) -> bool:
    """Whether a page's problems are reported.

    Not when its front matter says `listtable: {report: false}`: a page that
    shows broken tables on purpose.
    """
    options = meta.get("listtable")
    return not (isinstance(options, dict) and options.get("report") is False)


@dataclass(slots=True)
class Cell:
    """One item of a row's cell list, as the author typed it.

    Attributes:
        text: The cell's Markdown, dedented, with the span marker removed.
        line: Line of the cell's bullet.
        column: 1-based column of the cell's content on that line.
        text_line: Line on which `text` starts (the line after the marker when
            the marker stands alone on its line).
        rowspan: Rows asked for by the marker, as written (may be 0 or negative).
        colspan: Columns asked for by the marker, as written.
        marker: The marker as written (`[r2]`), or `None`.
        placeholder: The cell is exactly `_`.
    """

    text: str
    line: int
    column: int = 1
    text_line: int = 0
    rowspan: int = 1
    colspan: int = 1
    marker: str | None = None
    placeholder: bool = False

    def __post_init__(self) -> None:
        if not self.text_line:
            self.text_line = self.line


@dataclass(slots=True)
class Row:
    """One item of the outer list: the row's cells and where it starts."""

    cells: list[Cell]
    line: int


@dataclass
class Options:
    """The attributes of a `<ListTable>` opening tag, typed.

    `None` means "not given": the plugin's or extension's default applies.
    """

    header_rows: int = 0
    header_columns: int = 0
    footer_rows: int = 0
    caption: str | None = None
    class_name: str | None = None
    id: str | None = None
    validation: Mode | None = None
    widths: list[int] | None = None
    aligns: list[Align | None] | None = None
    show_source: bool | None = None
    attribute_lines: dict[str, int] = field(default_factory=dict)
    """Line of each attribute as written, for diagnostics about it."""
    attribute_spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Where each attribute (name and value) starts and ends in the tag's text, for `fix`."""
