"""A page's tables as the build and `check` both see them: the first step of the data flow.

`scan_page` removes the MDX that MkDocs does without (`mdxpage`), finds the
blocks (`blocks`), and works out the HTML elements around them (`wrappers`):
which tables are text inside raw-text elements, and which lines of HTML must
be handed over as raw HTML for the tables they hold to be Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Block, find_blocks
from .diagnostics import Diagnostic
from .mdxpage import clean_page
from .wrappers import find_wrappers, in_raw_text


@dataclass
class PageScan:
    """What one pass over a page's lines found.

    Attributes:
        lines: The lines, as many as given, with removed MDX lines blank.
        blocks: The blocks that are tables, in order.
        stray: Closing tags that close no table.
        problems: ESM statements that will show as text, and tables left as text.
        notes: What was removed, for an INFO-level log line.
        html: `(start, end)` line ranges to hand over as raw HTML, in order.
    """

    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    stray: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    html: list[tuple[int, int]] = field(default_factory=list)


def scan_page(
    lines: list[str], first_line: int = 1, top_level: bool = True, md_in_html: bool = False
) -> PageScan:
    """Scan `lines` (a page, or a cell's text when not `top_level`) for its tables.

    Args:
        lines: The text, one line per item, tabs already expanded.
        first_line: The 1-based line number of `lines[0]`.
        top_level: Whether `lines` are a page's (ESM lines are only there).
        md_in_html: Whether the page's Markdown has `md_in_html`.
    """
    scan = PageScan(lines)
    if top_level:
        page = clean_page(lines)
        scan.lines = page.lines
        scan.notes = page.notes(first_line)
        scan.problems = page.problems(first_line)
    found, found_problems = find_blocks(scan.lines, first_line)
    scan.stray = [p for p in found_problems if p.kind == "unclosed"]
    scan.problems += [p for p in found_problems if p.kind != "unclosed"]
    wrappers = find_wrappers(scan.lines, found, md_in_html)
    for number, block in enumerate(found):
        element = wrappers.raw.get(number)
        if element is None:
            scan.blocks.append(block)
        else:
            scan.problems.append(in_raw_text(block, element))
    scan.html = _merged(wrappers.html)
    if wrappers.text:  # A closing tag in a script's string is the script's, not a stray.
        scan.stray = [
            problem
            for problem in scan.stray
            if not any(s <= problem.line - first_line < e for s, e in wrappers.text)
        ]
    return scan


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with the touching ones joined: one raw HTML block for adjacent tag lines."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
