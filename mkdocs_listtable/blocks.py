"""Find `<ListTable>` blocks in a page's lines, skipping code and comments.

A block opens with `<ListTable` at the start of a line (after indentation) and
closes at the matching `</ListTable>`. Fenced code, indented code and HTML
comments are text: a ListTable written there stays text. Inside a block,
fenced code is skipped too, so a `</ListTable>` in a cell's code fence does not
close the table, and nested ListTables (in a cell) are counted so the outer
one closes at its own tag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from .attributes import parse_tag, tag_end
from .diagnostics import Diagnostic
from .model import Options
from .syntax import (
    CLOSE_RE,
    CONTROL_RE,
    LIST_ITEM_RE,
    OPEN_RE,
    TAG_STOP_RE,
    Fence,
    dedent,
    fence_closes,
    fence_continues,
    fence_open,
    indent_of,
    without_code_spans,
    without_controls,
)

HEADING_RE = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|=+\s*$|-+\s*$)")
CONTAINER_RE = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===[!+]?|///|\[\^[^\]]+\]:|:(?: |$))")
MAX_TAG_LINES = 100
"""An opening tag longer than this is not an opening tag; it keeps a typo from eating the page."""
LOOKAHEAD_BUDGET = 16
"""Lines a page's fences may look ahead in all, per line of the page (see `_Fences`)."""


@dataclass
class Block:
    """A `<ListTable>` block as found in the text.

    Attributes:
        start: Index of the opening tag's first line in the scanned lines.
        end: Index one past the closing tag's line (one past the tag when unclosed).
        indent: Columns before `<ListTable`; every line of the block is dedented by it.
        prefix: What stands before `<ListTable` on its line: spaces, and list bullets
            when the table starts a list item (`- <ListTable>`).
        line: 1-based line of the opening tag.
        tag: The opening tag, from `<ListTable` to its `>`, dedented; read into
            `options` and `tag_problems` as the block is found.
        body: The lines between the opening and the closing tag, dedented.
        body_line: 1-based line of `body[0]`.
        source: The exact block, opening and closing tags included, dedented.
        closed: Whether a closing tag was found.
        after: Text standing after the closing tag on its line, kept for the page.
    """

    start: int
    end: int
    indent: int
    prefix: str
    line: int
    tag: str
    body: list[str]
    body_line: int
    source: str
    closed: bool
    after: str = ""
    column_offset: int = 0
    """Columns between the page's left edge and the text scanned (a cell's content column)."""
    options: Options = field(default_factory=Options)
    """The opening tag's attributes, read once, here."""
    tag_problems: list[Diagnostic] = field(default_factory=list)
    """The opening tag's problems; columns count from the text scanned (see `column_offset`)."""


class _Lookahead:
    """Whether a fence opened on a line of the page closes, remembered for the page.

    Python-Markdown's fenced code (and superfences) makes code only of a closed
    fence; an open one stays text, and so must it here. Whether a fence closes
    is a look ahead to its closing line or to the line that ends its container.
    Looked up afresh for each fence, a page of fences that never close costs
    quadratic time; so the answer is remembered for each kind of fence (its
    character, length and column) with the stretch of lines it covers: the
    next fence of that kind inside the stretch has the same answer. The look
    ahead is also held to a budget proportionate to the page
    (`LOOKAHEAD_BUDGET` lines per line): past it, fences are taken as never
    closed, and `capped` tells the caller to say so.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.budget = LOOKAHEAD_BUDGET * len(lines) + 1000
        self.capped = False
        self.looked = 0
        """Lines looked at ahead, in all (for tests that count work)."""
        self._known: dict[Fence, tuple[int, int, bool]] = {}

    def closes(self, index: int, fence: Fence) -> bool:
        """Whether the fence opened at `lines[index]` is closed before its container ends."""
        known = self._known.get(fence)
        if known is not None and known[0] < index < known[1]:
            return known[2]  # No line between here and the known end decides otherwise.
        lines = self.lines
        end, closes = len(lines), False
        for ahead in range(index + 1, len(lines)):
            self.looked += 1
            if self.looked > self.budget:
                self.capped = True
                return False
            line = lines[ahead]
            if fence_closes(line, fence):
                end, closes = ahead, True
                break
            if not fence_continues(line, fence):
                end = ahead
                break
        self._known[fence] = (index, end, closes)
        return closes


class _Fences:
    """Tracks whether a line is inside fenced code, line by line."""

    def __init__(self, lookahead: _Lookahead) -> None:
        self.lines = lookahead.lines
        self.lookahead = lookahead
        self.fence: Fence | None = None

    def feed(self, index: int) -> bool:
        """Whether `lines[index]` is part of a fence (its opening and closing lines included)."""
        line = self.lines[index]
        if self.fence is not None:
            if fence_closes(line, self.fence):
                self.fence = None
                return True
            if fence_continues(line, self.fence):
                return True
            self.fence = None
        fence = fence_open(line)
        if fence is not None and self.lookahead.closes(index, fence):
            self.fence = fence
            return True
        return False


def _opens_comment(line: str) -> bool:
    """Whether `line` leaves an HTML comment open (`<!--` outside code, no `-->` after it)."""
    visible = without_code_spans(line) if "`" in line else line
    start = visible.rfind("<!--")
    return start >= 0 and "-->" not in visible[start:]


def too_complex(line: int) -> Diagnostic:
    """The problem of a page whose fences could not all be read in time proportionate to it."""
    return Diagnostic(
        "too-complex",
        "the page has too many code fences that never close to read them all; "
        "the later ones were taken as text",
        "close each fence with a line of the same backticks or tildes",
        line,
    )


class _Parents:
    """For each line, the nearest line above it that is less indented, found in O(log n).

    The lines above, indented less and less as they near the current one, are
    kept as a stack: the nearest less indented line is always on it.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.indents: list[int] = []
        self.indexes: list[int] = []
        self.pushed = 0
        self.openers: dict[int, str | None] = {}

    def nearest(self, index: int, indent: int) -> int | None:
        """Index of the nearest non-blank line above `lines[index]` indented less than `indent`."""
        for line_index in range(self.pushed, index):
            line = self.lines[line_index]
            if not line.strip():
                continue
            own = indent_of(line)
            while self.indents and self.indents[-1] >= own:
                self.indents.pop()
                self.indexes.pop()
            self.indents.append(own)
            self.indexes.append(line_index)
        self.pushed = max(self.pushed, index)
        position = bisect_left(self.indents, indent)
        return self.indexes[position - 1] if position else None

    def paragraph_opener(self, index: int) -> str | None:
        """The list item line whose paragraph `lines[index]` lazily continues, if any."""
        if index not in self.openers:
            self.openers[index] = _paragraph_opener(self.lines, index)
        return self.openers[index]


def _is_indented_code(parents: _Parents, index: int, indent: int) -> bool:
    """Whether an opening tag at `lines[index]` sits in an indented code block.

    Containers (list items, admonitions, content tabs, footnotes) hand their
    content over indented, so four spaces are code only relative to the
    content column of the nearest line that is less indented.
    """
    lines = parents.lines
    if indent < 4:
        return False
    if index > 0 and lines[index - 1].strip() and not HEADING_RE.match(lines[index - 1]):
        return False  # A lazy continuation of the paragraph above, not code.
    back = parents.nearest(index, indent)
    if back is None:
        return True
    previous = lines[back]
    if not LIST_ITEM_RE.match(previous):
        parent_indent = indent_of(previous)
        if CONTAINER_RE.match(previous):
            return indent >= parent_indent + 8
        opener = parents.paragraph_opener(back)
        if opener is None:
            return indent >= parent_indent + 4
        previous = opener  # A lazy line: its paragraph belongs to that list item.
    return indent >= _content_column(previous) + 4


def _content_column(item_line: str) -> int:
    """The content column of the list item that `item_line` starts (CommonMark's rule)."""
    item = LIST_ITEM_RE.match(item_line)
    assert item is not None
    return len(item.group(0)) if item.group(2) else len(item.group(1)) + 2


def _paragraph_opener(lines: list[str], index: int) -> str | None:
    """The list item line whose paragraph `lines[index]` lazily continues, if any."""
    for back in range(index - 1, -1, -1):
        line = lines[back]
        if not line.strip():
            return None
        if LIST_ITEM_RE.match(line):
            return line
    return None


def _find_close(lookahead: _Lookahead, begin: int, indent: int) -> int | None:
    """Index of the line closing a block whose body starts at `lines[begin]`.

    Fenced code and HTML comments are skipped: a `</ListTable>` there is text.
    """
    lines = lookahead.lines
    fences = _Fences(lookahead)
    nested: list[int] = []  # Indentation of each nested table still open.
    in_comment = False
    for index in range(begin, len(lines)):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            continue
        # Outside a fence, only a line with `` or ~~ may open one (`fence_open`): most
        # lines of a table are ruled out without a call, which costs more than the test.
        maybe_fence = fences.fence is not None or "``" in line or "~~" in line
        if maybe_fence and fences.feed(index):
            continue
        if "<!--" in line and _opens_comment(line):
            in_comment = True
            continue
        if indent and line.strip() and indent_of(line) < indent:
            return None  # The container holding the block ended first.
        if "ListTable" not in line:
            continue
        closing = CLOSE_RE.match(line)
        if closing:
            column = len(closing.group(1))
            if nested and column >= nested[-1]:
                nested.pop()  # The nested table's own closing tag.
            elif column < indent + 4:
                # Short of the cells (four columns in): this table's, even if a
                # nested one was left open.
                return index
            # Else a stray in a cell, which the cell reports when it is read.
            continue
        opening = OPEN_RE.match(line)
        if opening:
            column = len(opening.group(1))
            if column <= indent + 1:
                return None  # A new table at the same level: this one was never closed.
            if not _self_closing(lines, index, column):
                nested.append(column)
    return None


def _self_closing(lines: list[str], index: int, column: int) -> bool:
    """Whether the opening tag at `lines[index]`, column `column`, ends with `/>`."""
    _, text, end = _opening_tag(lines, index, column)
    return text[:end].rstrip().endswith("/>")


def find_blocks(lines: list[str], first_line: int = 1) -> tuple[list[Block], list[Diagnostic]]:
    """Find every top-level block in `lines`.

    Args:
        lines: The text, one line per item, tabs already expanded.
        first_line: The 1-based line number of `lines[0]`.

    Returns:
        The blocks in order, and diagnostics for stray closing tags. A block
        with `closed=False` ends right after its opening tag.
    """
    blocks: list[Block] = []
    problems: list[Diagnostic] = []
    lookahead = _Lookahead(lines)
    fences = _Fences(lookahead)
    parents = _Parents(lines)
    in_comment = False
    code_indent = 0  # While non-zero: the indentation of the indented code block we are in.
    index = 0
    while index < len(lines):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            index += 1
            continue
        if code_indent:
            if not line.strip() or indent_of(line) >= code_indent:
                index += 1
                continue
            code_indent = 0
        maybe_fence = fences.fence is not None or "``" in line or "~~" in line  # `_find_close`
        if maybe_fence and fences.feed(index):
            index += 1
            continue
        indent = indent_of(line)
        if indent >= 4 and _is_indented_code(parents, index, indent):
            code_indent = indent
            index += 1
            continue
        opening = OPEN_RE.match(line)
        if opening is None:
            if CLOSE_RE.match(line):
                problems.append(
                    Diagnostic(
                        "unclosed",
                        "'</ListTable>' closes no open table",
                        "remove it, or add the missing '<ListTable>' above",
                        first_line + index,
                        indent_of(line) + 1,
                    )
                )
            in_comment = "<!--" in line and _opens_comment(line)
            index += 1
            continue
        block = _read_block(lookahead, index, opening.group(1), first_line)
        blocks.append(block)
        index = block.end
    if lookahead.capped:
        problems.append(too_complex(first_line))
    return blocks, problems


def _balanced(tag: str) -> bool:
    """Whether a one-line tag closes every quote and brace it opens (then it is whole)."""
    return tag.count('"') % 2 == 0 and tag.count("'") % 2 == 0 and tag.count("{") == tag.count("}")


def _opening_tag(lines: list[str], index: int, indent: int) -> tuple[list[str], str, int]:
    """The lines an opening tag may span from `lines[index]`, their text, and the tag's end.

    The window ends at a row, a closing tag or a blank line, so a tag missing
    its `>` cannot swallow the table. Without any `>`, the first line is the tag.
    """
    first = lines[index][indent:]
    end = tag_end(first)
    if end is not None and _balanced(first[:end]):
        return [first], first, end  # The usual one-line tag: no need to look further.
    window = [first]
    for line in lines[index + 1 : index + MAX_TAG_LINES]:
        if not line.strip() or TAG_STOP_RE.match(line):
            break
        window.append(dedent(line, indent))
    text = "\n".join(window)
    end = tag_end(text)
    return window, text, len(first) if end is None else end


def _read_block(lookahead: _Lookahead, index: int, prefix: str, first_line: int) -> Block:
    """Read the block whose opening tag starts at `lines[index]`, after `prefix`.

    Control characters (tab and newline aside) in the block are replaced by
    U+FFFD: neither its cells nor its tag may put one in the page.
    """
    block = _read_raw_block(lookahead, index, prefix, first_line)
    if CONTROL_RE.search(block.source):
        block.tag = without_controls(block.tag)
        block.body = [without_controls(line) for line in block.body]
        block.source = without_controls(block.source)
        block.after = without_controls(block.after)
    block.options, problems, _ = parse_tag(block.tag, block.line, block.indent + 1)
    # The tag was dedented: its later lines' columns need the indentation back.
    block.tag_problems = [
        replace(p, column=p.column + block.indent) if p.column and p.line > block.line else p
        for p in problems
    ]
    return block


def _read_raw_block(lookahead: _Lookahead, index: int, prefix: str, first_line: int) -> Block:
    """Read the block whose opening tag starts at `lines[index]`, after `prefix`, as typed."""
    lines = lookahead.lines
    indent = len(prefix)
    window, text, end = _opening_tag(lines, index, indent)
    tag = text[:end]
    tag_last = index + tag.count("\n")
    rest = text[end:].split("\n", 1)[0]
    body_begin = tag_last + 1
    self_closing = tag.rstrip().endswith("/>")
    close = None if self_closing else _find_close(lookahead, body_begin, indent)
    if close is None:
        return Block(
            start=index,
            end=tag_last + 1,
            indent=indent,
            prefix=prefix,
            line=first_line + index,
            tag=tag,
            body=[],
            body_line=first_line + body_begin,
            source=tag,
            closed=self_closing,
            after=rest,
        )
    body = lines[body_begin:close]
    if indent:
        body = [dedent(line, indent) for line in body]
    if rest.strip():
        # Content right after the opening tag's `>` is the body's first line.
        body.insert(0, rest.lstrip())
        body_begin -= 1
    closing = dedent(lines[close], indent)
    closing_tag = CLOSE_RE.match(closing)
    assert closing_tag is not None
    after = closing[closing_tag.end() :]
    source = "\n".join([*window[: tag_last - index + 1], *body[(1 if rest.strip() else 0) :]])
    source = f"{source}\n{closing[: closing_tag.end()]}"
    return Block(
        start=index,
        end=close + 1,
        indent=indent,
        prefix=prefix,
        line=first_line + index,
        tag=tag,
        body=body,
        body_line=first_line + body_begin,
        source=source,
        closed=True,
        after=after,
    )
