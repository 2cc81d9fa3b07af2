"""Two MDX readings of a cell that Python-Markdown lacks: backslash breaks, `:::` admonitions.

Both rewrite a cell's lines, after the page's preprocessors have stashed its
fenced code and raw HTML (so code is never touched) and before the lines are
parsed, into the Markdown that Python-Markdown reads the same way:

- a backslash before a line end (CommonMark's hard line break) becomes two
  trailing spaces, Python-Markdown's hard line break;
- a Docusaurus admonition (`:::tip Title` … `:::`) becomes `!!! tip "Title"`
  with its content indented, which the `admonition` extension renders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .model import Cell
from .syntax import (
    CODE_SPAN_RE,
    LIST_ITEM_RE,
    NO_CONTINUATION_RE,
    Fence,
    fence_closes,
    fence_open,
    indent_of,
)

TRAILING_BACKSLASHES_RE = re.compile(r"(\\+)$")

ADMONITION_OPEN_RE = re.compile(
    r"^(?P<indent> *)(?P<colons>:{3,}) *(?P<type>[A-Za-z]+)"
    r"(?:\[(?P<label>[^\]]*)\])?(?:\{[^}]*\})?(?: +(?P<title>.*?))? *$"
)
ADMONITION_CLOSE_RE = re.compile(r"^ *(:{3,}) *$")
QUOTE_RE = re.compile(r"^( *)>")
"""A block quote's line, at any indentation (as an admonition's opening line)."""
MAX_DEPTH = 8
"""Admonitions nested deeper than this stay text, so a cell's work stays linear in its size."""

DOCUSAURUS_TYPES: dict[str, tuple[str, str]] = {
    "note": ("note", "Note"),
    "tip": ("tip", "Tip"),
    "info": ("info", "Info"),
    "warning": ("warning", "Warning"),
    "danger": ("danger", "Danger"),
    # Docusaurus' older names, still rendered: each in the look of the type it stands for.
    "caution": ("warning", "Caution"),
    "important": ("info", "Important"),
    "success": ("tip", "Success"),
    "secondary": ("note", "Secondary"),
}
"""Docusaurus admonition keyword → (Python-Markdown admonition type, Docusaurus' default title)."""


@dataclass(frozen=True)
class Admonition:
    """A Docusaurus admonition found in a cell, for messages.

    Attributes:
        index: Line of the cell's text (from 0) where it opens.
        keyword: The Docusaurus keyword (`tip`, `note`…).
    """

    index: int
    keyword: str


def hard_breaks(lines: list[str]) -> list[str]:
    """Lines where each backslash before a line end, outside code, is a hard break.

    As in CommonMark: the break needs a following line in the same paragraph
    (at a paragraph's end the backslash is text), `\\\\` is an escaped
    backslash, and code spans, fences and indented code are left alone.
    """
    if not any(line.endswith("\\") for line in lines):
        return lines  # Most cells: nothing to do.
    out = list(lines)
    seen_list = False
    fence: Fence | None = None
    start = 0
    while start < len(lines):
        line = lines[start]
        if fence is not None:
            fence = None if fence_closes(line, fence) else fence
            start += 1
            continue
        if not line.strip():
            start += 1
            continue
        fence = fence_open(line)
        if fence is not None:
            start += 1
            continue
        end = start + 1  # The paragraph runs to a blank line or a line that starts a block.
        while end < len(lines) and lines[end].strip() and not NO_CONTINUATION_RE.match(lines[end]):
            end += 1
        in_code = (
            not seen_list
            and line.startswith("    ")
            and (start == 0 or not lines[start - 1].strip())
        )
        seen_list = seen_list or any(LIST_ITEM_RE.match(text) for text in lines[start:end])
        if not in_code:
            _break_paragraph(lines, out, start, end)
        start = end
    return out


def _break_paragraph(lines: list[str], out: list[str], start: int, end: int) -> None:
    """Turn the breaking backslashes of the paragraph `lines[start:end]` into two spaces."""
    candidates = [
        index
        for index in range(start, end - 1)  # The last line's backslash is text.
        if (match := TRAILING_BACKSLASHES_RE.search(lines[index])) and len(match.group(1)) % 2
    ]
    if not candidates:
        return
    text = "\n".join(lines[start:end])
    spans = [(m.start(), m.end()) for m in CODE_SPAN_RE.finditer(text)] if "`" in text else []
    offset = 0
    line_ends: dict[int, int] = {}
    for index in range(start, end):
        offset += len(lines[index])
        line_ends[index] = offset - 1  # Where the backslash stands in `text`.
        offset += 1
    for index in candidates:
        at = line_ends[index]
        if any(begin <= at < finish for begin, finish in spans):
            continue  # Inside a code span: a backslash there is code.
        out[index] = lines[index][:-1] + "  "


def admonitions(
    lines: list[str],
    tab_length: int,
    enabled: bool,
    prepare: Callable[[list[str]], list[str]],
    found: list[Admonition] | None = None,
    depth: int = 0,
) -> list[str]:
    """Lines where each Docusaurus admonition is written as Python-Markdown's `!!!` block.

    Args:
        lines: The cell's lines (code already stashed by the page's preprocessors).
        tab_length: Python-Markdown's indentation of a block's content.
        enabled: Whether the page's Markdown has the `admonition` extension;
            without it the lines are kept as written (and the admonitions listed).
        prepare: What is done to the content of an admonition before it is
            indented (the cell's own list handling).
        found: When given, each admonition found is appended to it.
        depth: How many admonitions `lines` are in. Deeper than `MAX_DEPTH`,
            `:::` lines stay text: each level reads its lines once more.

    Returns:
        The rewritten lines. (Tables nested in the cell were taken out before,
        with their line numbers: the count of lines no longer matters here.)
    """
    if depth >= MAX_DEPTH or not any(":::" in line for line in lines):
        return lines
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        quote = QUOTE_RE.match(line)
        if quote:
            end = index + 1
            while end < len(lines) and lines[end].startswith(quote.group(1) + ">"):
                end += 1
            quoted = _quoted(lines[index:end], index, tab_length, enabled, prepare, found, depth)
            if quoted is not None and out and out[-1].strip():
                out.append("")  # As before an admonition: the quote must not join the item's text.
            out.extend(lines[index:end] if quoted is None else quoted)
            if quoted is not None and end < len(lines) and lines[end].strip():
                out.append("")  # Nor may the next line join the quote.
            index = end
            continue
        opening = ADMONITION_OPEN_RE.match(line) if ":::" in line else None
        if opening is None or opening.group("type").lower() not in DOCUSAURUS_TYPES:
            out.append(line)
            index += 1
            continue
        close = _closing(lines, index + 1, len(opening.group("colons")))
        if close is None:  # Not closed: Docusaurus renders it up to the cell's end.
            close = len(lines)
        if found is not None:
            found.append(Admonition(index, opening.group("type").lower()))
        if not enabled:
            out.extend(lines[index : close + 1])
            index = close + 1
            continue
        indent = opening.group("indent")
        kind, default_title = DOCUSAURUS_TYPES[opening.group("type").lower()]
        title = opening.group("label")
        if title is None:
            title = opening.group("title") or default_title
        body = [_dedent(text, len(indent)) for text in lines[index + 1 : close]]
        body = prepare(admonitions(body, tab_length, enabled, prepare, None, depth + 1))
        if out and out[-1].strip():
            out.append("")  # In a list item, a block after the item's text needs a blank line.
        out.append(f'{indent}!!! {kind} "{title.strip()}"')
        pad = indent + " " * tab_length
        out.extend(pad + text if text.strip() else "" for text in body)
        if close + 1 < len(lines):
            out.append("")  # The closing `:::`: a blank line, which ends nothing indented.
        index = close + 1
    return out


def _quoted(
    lines: list[str],
    first: int,
    tab_length: int,
    enabled: bool,
    prepare: Callable[[list[str]], list[str]],
    found: list[Admonition] | None,
    depth: int,
) -> list[str] | None:
    """The block quote `lines` (each starting with `>`) with the admonitions in it rewritten.

    The quote's content is read as Python-Markdown's block quote reads it
    (`>` and one space after it taken off each line), rewritten as a cell's lines are,
    and quoted again: `> :::note` renders as an admonition in the quote, as in MDX.
    `None` when the quote holds none (or they are kept as text).
    """
    if not any(":::" in line for line in lines):
        return None
    indent = indent_of(lines[0])
    inner = [line[indent + 1 :].removeprefix(" ") for line in lines]
    admonitions_found: list[Admonition] = []
    inner = admonitions(inner, tab_length, enabled, prepare, admonitions_found, depth + 1)
    if found is not None:
        found.extend(Admonition(first + a.index, a.keyword) for a in admonitions_found)
    if not enabled or not admonitions_found:
        return None
    quote = " " * indent + ">"
    return [f"{quote} {text}" if text.strip() else quote for text in inner]


def _closing(lines: list[str], begin: int, colons: int) -> int | None:
    """Index of the `:::` line closing an admonition of `colons` colons opened before `begin`."""
    depth = 0
    for index in range(begin, len(lines)):
        line = lines[index]
        if ":::" not in line:
            continue
        closing = ADMONITION_CLOSE_RE.match(line)
        if closing is None:
            opening = ADMONITION_OPEN_RE.match(line)
            if opening and opening.group("type").lower() in DOCUSAURUS_TYPES:
                depth += 1
            continue
        if depth:
            depth -= 1
        elif len(closing.group(1)) >= colons:
            return index
    return None


def _dedent(line: str, indent: int) -> str:
    """`line` without up to `indent` leading spaces."""
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(stripped, indent) :]


def admonition_needs_extension(cell: Cell, admonition: Admonition) -> Diagnostic:
    """The problem of a `:::` admonition in a cell of a page without the `admonition` extension."""
    return Diagnostic(
        "admonition-not-enabled",
        f"':::{admonition.keyword}' is a Docusaurus admonition, but the 'admonition' Markdown "
        "extension is not enabled: it is shown as text",
        "add 'admonition' under markdown_extensions in mkdocs.yml",
        cell.text_line + admonition.index,
        cell.column,
    )
