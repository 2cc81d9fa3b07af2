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
from dataclasses import dataclass
from typing import NamedTuple

from .attributes import tag_end
from .diagnostics import Diagnostic

OPEN_RE = re.compile(r"^( *(?:(?:[-*+]|\d{1,9}[.)]) +)*)<ListTable(?=[\s>/]|$)")
CLOSE_RE = re.compile(r"^( *)</ListTable\s*>")
FENCE_RE = re.compile(r"^( *)(?:(?:[-*+]|\d{1,9}[.)])(?: +|$))*(`{3,}|~{3,})(.*)$")
LIST_ITEM_RE = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])( +|$)")
HEADING_RE = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|=+\s*$|-+\s*$)")
CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
CONTAINER_RE = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===[!+]?|///|\[\^[^\]]+\]:|:(?: |$))")
TAG_STOP_RE = re.compile(r"^ *(?:[-*+](?: |$)|</ListTable)")
MAX_TAG_LINES = 100
"""An opening tag longer than this is not an opening tag; it keeps a typo from eating the page."""


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
        tag: The opening tag, from `<ListTable` to its `>`, dedented.
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


def _dedent(line: str, indent: int) -> str:
    """`line` without up to `indent` leading spaces."""
    return line[min(indent_of(line), indent) :]


def indent_of(line: str) -> int:
    """Spaces at the start of `line`."""
    return len(line) - len(line.lstrip(" "))


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
    match = FENCE_RE.match(line)
    if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
        return None
    return Fence(match.group(2)[0], len(match.group(2)), match.start(2))


def fence_closes(line: str, fence: Fence) -> bool:
    """Whether `line` closes `fence` (indented at most three spaces more, as in CommonMark)."""
    stripped = line.strip()
    return (
        bool(stripped)
        and set(stripped) == {fence.char}
        and len(stripped) >= fence.length
        and indent_of(line) <= fence.column + 3
    )


def fence_continues(line: str, fence: Fence) -> bool:
    """Whether `line`, not closing `fence`, is still inside it.

    As in CommonMark, a fence in a list item ends with the item: a non-blank
    line indented less than the fence ends both.
    """
    return not line.strip() or indent_of(line) >= fence.column


def _closes_later(lines: list[str], index: int, fence: Fence) -> bool:
    """Whether the fence opened at `lines[index]` is closed before its container ends.

    Python-Markdown's fenced code (and superfences) makes code only of a closed
    fence; an open one stays text, and so must it here.
    """
    for line in lines[index + 1 :]:
        if fence_closes(line, fence):
            return True
        if not fence_continues(line, fence):
            return False
    return False


class _Fences:
    """Tracks whether a line is inside fenced code, line by line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
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
        if fence is not None and _closes_later(self.lines, index, fence):
            self.fence = fence
            return True
        return False


def _is_indented_code(lines: list[str], index: int, indent: int) -> bool:
    """Whether an opening tag at `lines[index]` sits in an indented code block.

    Containers (list items, admonitions, content tabs, footnotes) hand their
    content over indented, so four spaces are code only relative to the
    content column of the nearest line that is less indented.
    """
    if indent < 4:
        return False
    if index > 0 and lines[index - 1].strip() and not HEADING_RE.match(lines[index - 1]):
        return False  # A lazy continuation of the paragraph above, not code.
    for back in range(index - 1, -1, -1):
        previous = lines[back]
        if not previous.strip():
            continue
        parent_indent = indent_of(previous)
        if parent_indent >= indent:
            continue
        if not LIST_ITEM_RE.match(previous):
            if CONTAINER_RE.match(previous):
                return indent >= parent_indent + 8
            opener = _paragraph_opener(lines, back)
            if opener is None:
                return indent >= parent_indent + 4
            previous = opener  # A lazy line: its paragraph belongs to that list item.
        return indent >= _content_column(previous) + 4
    return True


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


def _find_close(lines: list[str], begin: int, indent: int) -> int | None:
    """Index of the line closing a block whose body starts at `lines[begin]`."""
    fences = _Fences(lines)
    nested: list[int] = []  # Indentation of each nested table still open.
    for index in range(begin, len(lines)):
        line = lines[index]
        if fences.feed(index):
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
    fences = _Fences(lines)
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
        if fences.feed(index):
            index += 1
            continue
        indent = indent_of(line)
        if indent >= 4 and _is_indented_code(lines, index, indent):
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
            visible = CODE_SPAN_RE.sub("", line) if "`" in line else line
            start = visible.rfind("<!--")
            in_comment = start >= 0 and "-->" not in visible[start:]
            index += 1
            continue
        block = _read_block(lines, index, opening.group(1), first_line)
        blocks.append(block)
        index = block.end
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
        window.append(_dedent(line, indent))
    text = "\n".join(window)
    end = tag_end(text)
    return window, text, len(first) if end is None else end


def _read_block(lines: list[str], index: int, prefix: str, first_line: int) -> Block:
    """Read the block whose opening tag starts at `lines[index]`, after `prefix`."""
    indent = len(prefix)
    window, text, end = _opening_tag(lines, index, indent)
    tag = text[:end]
    tag_last = index + tag.count("\n")
    rest = text[end:].split("\n", 1)[0]
    body_begin = tag_last + 1
    self_closing = tag.rstrip().endswith("/>")
    close = None if self_closing else _find_close(lines, body_begin, indent)
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
        body = [_dedent(line, indent) for line in body]
    if rest.strip():
        # Content right after the opening tag's `>` is the body's first line.
        body.insert(0, rest.lstrip())
        body_begin -= 1
    closing = _dedent(lines[close], indent)
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
