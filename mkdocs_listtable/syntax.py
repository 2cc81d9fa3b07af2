"""The line syntax every reader of a page shares: list items, code fences, code spans, tags.

Finding blocks, reading rows and cells, and preparing a cell's Markdown all
need to know where a list item starts, where fenced code opens and closes,
and where a `<ListTable>` tag stands. It is written here once, so that they
can never disagree. Every function here is linear in its input: a page's text
can be hostile (a line of 100,000 backticks, thousands of fences never closed).
"""

from __future__ import annotations

import re
from typing import NamedTuple

TAG = "ListTable"
"""The component's name, as MDX pages write it."""

_ITEM = r"(?:[-*+]|\d{1,9}[.)])"
"""A list item's bullet: `-`, `*`, `+`, or a number followed by `.` or `)`."""

LIST_ITEM_RE = re.compile(rf"^( *){_ITEM}( +|$)")
"""A list item at any indentation: group 1 its indentation, group 2 the gap after the bullet."""
BULLET_RE = re.compile(r"^( {0,3})([-*+])( {1,5}|$)")
"""A bullet item of a list read here (rows, cells): indentation, bullet, gap (five: code)."""
ORDERED_RE = re.compile(r"^( {0,3})(\d{1,9}[.)])( {1,5}|$)")
"""A numbered item, in the same groups as `BULLET_RE`."""
LIST_LINE_RE = re.compile(rf"^ {{0,3}}{_ITEM}(?: |$)")
"""A line that starts a list item of the text it stands in (at most three spaces in)."""
INTERRUPTS_RE = re.compile(r"^ {0,3}(?:[-*+]|1[.)]) +\S")
"""The list items that may interrupt a paragraph in CommonMark: not empty, numbered from 1."""
RULE_RE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
"""A thematic break (`---`, `* * *`): it looks like a list item but ends a list."""
NO_CONTINUATION_RE = re.compile(
    rf"^ {{0,3}}(?:#{{1,6}}(?:\s|$)|>|{_ITEM}(?:\s|$)|!!!|:::|`{{3}}|~{{3}})"
)
"""Lines that start a block of their own: a line before them ends its paragraph."""
ITEM_STARTS = frozenset("-*+0123456789")
"""First characters of a list item's line, once its indentation is stripped."""

BLOCK_START_RE = re.compile(
    r"""^(?:
        [#>|:<\t]                         # heading, quote, table, definition, HTML, tab
        | [-*+](?:\s|$) | \d{1,9}[.)](?:\s|$)  # list items
        | !!! | \?\?\? | === | /// | \$\$      # admonitions, details, tabs, blocks, math
        | \[[^\]]*\]: | \*\[                 # reference, footnote and abbreviation definitions
        | `{3} | ~{3} | \x20                 # fences, indentation
        | [-*_=](?:\s*[-*_=]){2,}\s*$        # rules
    )""",
    re.VERBOSE,
)
"""A line that may start a block of Python-Markdown or a usual extension's: a one-line
cell that does not is a paragraph, rendered inline."""

_TAG_ENDS = r"(?=[\s>/\x00-\x1f\x7f]|$)"
"""What may follow the tag's name: a control character is no part of a name (it is
reported as a stray character in the tag, not left as an unknown HTML tag)."""

OPEN_RE = re.compile(rf"^( *(?:{_ITEM} +)*)<{TAG}{_TAG_ENDS}")
"""An opening tag starting a line, after indentation and the bullets of list items."""
CLOSE_RE = re.compile(rf"^( *)</{TAG}\s*>")
"""A closing tag starting a line."""
LOOSE_TAG_RE = re.compile(rf"\s*</?{TAG}{_TAG_ENDS}")
"""A tag at the start of a stretch of raw HTML: one that did not become a table."""
TAG_STOP_RE = re.compile(rf"^ *(?:[-*+](?: |$)|</?{TAG})")
"""A line that cannot be part of an opening tag: a row's bullet, another tag."""

CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters, tab and newline aside: none may reach a page from a table.

STX and ETX would pass for Python-Markdown's own placeholders; the others
have no business in HTML. Each is replaced by U+FFFD, as HTML parsers do with NUL.
"""

CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
"""A code span, as Python-Markdown's backtick pattern reads it (across lines, too):
for a cell's paragraph, which that pattern reads next (`code_spans` reads lines)."""

_FENCE_RE = re.compile(rf"^( *)(?:{_ITEM}(?: +|$))*(`{{3,}}|~{{3,}})(.*)$")
_BACKTICKS_RE = re.compile(r"`+")


def indent_of(line: str) -> int:
    """Spaces at the start of `line`."""
    return len(line) - len(line.lstrip(" "))


def dedent(line: str, indent: int) -> str:
    """`line` without up to `indent` leading spaces."""
    return line[min(indent_of(line), indent) :]


class Fence(NamedTuple):
    """An open code fence."""

    char: str
    length: int
    column: int
    """Where the fence starts: a less indented line ends it (and the list item it is in)."""


def fence_open(line: str) -> Fence | None:
    """The fence `line` opens, at any indentation and after list bullets, if any."""
    if "``" not in line and "~~" not in line:
        return None  # Most lines: no regular expression needed.
    match = _FENCE_RE.match(line)
    if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
        return None
    return Fence(match.group(2)[0], len(match.group(2)), match.start(2))


def fence_closes(line: str, fence: Fence) -> bool:
    """Whether `line` closes `fence` (indented at most three spaces more, as in CommonMark)."""
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[0] == fence.char
        and len(stripped) >= fence.length
        and stripped.count(fence.char) == len(stripped)
        and indent_of(line) <= fence.column + 3
    )


def fence_continues(line: str, fence: Fence) -> bool:
    """Whether `line`, not closing `fence`, is still inside it.

    As in CommonMark, a fence in a list item ends with the item: a non-blank
    line indented less than the fence ends both.
    """
    return not line.strip() or indent_of(line) >= fence.column


def without_controls(text: str) -> str:
    """`text` with every control character but tab and newline replaced by U+FFFD."""
    return CONTROL_RE.sub("\ufffd", text)


def code_spans(line: str) -> list[tuple[bool, str]]:
    """`line` cut into pieces of text and code spans: `(is_code, piece)`, backticks kept.

    A span opens at a run of backticks and closes at the next run of the same
    length; a run with no such partner is text. Each run is looked at once or
    twice, so a line of 100,000 backticks costs no more than its length (a
    regular expression with a backreference takes quadratic time on it).
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
    # For each run, the index of the next run of the same length.
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    pieces: list[tuple[bool, str]] = []
    done = 0
    index = 0
    while index < len(runs):
        partner = following[index]
        if partner is None:
            index += 1
            continue
        pieces.append((False, line[done : runs[index][0]]))
        pieces.append((True, line[runs[index][0] : runs[partner][1]]))
        done = runs[partner][1]
        index = partner + 1
    pieces.append((False, line[done:]))
    return pieces


def without_code_spans(line: str) -> str:
    """`line` with its code spans (`` `code` ``, ``` ``a`b`` ```) removed."""
    return "".join(piece for code, piece in code_spans(line) if not code)
