"""The HTML and JSX elements around a page's tables: `<details>`, `<div className="…">`, `<script>`.

MDX reads the children of `<details>` or `<div>` as Markdown, so a ListTable
there is a table. Python-Markdown reads an HTML block up to its closing tag as
raw HTML, and a table inside would come out as text. `find_wrappers` finds
the lines of the elements that hold a table, so the extension can hand those
lines over as raw HTML and leave the table between them to the Markdown pass.

`<pre>`, `<script>`, `<style>` and `<textarea>` hold raw text in HTML: a
ListTable there is text, left byte for byte as written, and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .diagnostics import Diagnostic
from .syntax import TAG, Fence, fence_closes, fence_open

RAW_TEXT = frozenset({"pre", "script", "style", "textarea"})
"""Elements whose content is text, not markup, in HTML."""
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
TAG_LINE_RE = re.compile(r"^ {0,3}</?[A-Za-z]")
TAG_RE = re.compile(
    r"""<(?P<close>/)?(?P<name>[A-Za-z][\w.:-]*)
        (?P<attrs>(?:\s+(?:[^\s"'<>/={}]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}|[^\s"'=<>`]+))?))*)
        \s*(?P<self>/)?>""",
    re.VERBOSE,
)
MARKDOWN_ATTR_RE = re.compile(r"\smarkdown(?:\s*=|\s|$)")
FIRST_NAME_RE = re.compile(r"^(<[A-Za-z][\w.:-]*)\s+")
CLASS_NAME_RE = re.compile(r"(?<=\s)className(?=\s*=)")
MAX_TAG_LINES = 20
"""An opening tag spanning more lines than this is not read as one."""


@dataclass
class Wrappers:
    """What the elements around a page's tables mean for them.

    Attributes:
        html: `(start, end)` line ranges of the tags of elements that hold a
            table: handed over as raw HTML, so the table between is Markdown.
        raw: For each block (by its index) inside a raw-text element, that element's name.
        text: `(start, end)` line ranges of the raw-text elements: no tag there is ours.
    """

    html: list[tuple[int, int]] = field(default_factory=list)
    raw: dict[int, str] = field(default_factory=dict)
    text: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Open:
    name: str
    start: int
    end: int
    holds_table: bool = False


def find_wrappers(lines: list[str], blocks: list[Block], md_in_html: bool = False) -> Wrappers:
    """The elements around `blocks`, found in one pass over `lines`.

    Args:
        lines: The page's lines (or a cell's), as the blocks were found in.
        blocks: The ListTable blocks found in `lines`.
        md_in_html: Whether `md_in_html` is enabled: an element with a
            `markdown` attribute then has its content read as Markdown already.
    """
    found = Wrappers()
    if not blocks or not any("<" in line and TAG_LINE_RE.match(line) for line in lines):
        return found  # Most pages: no HTML at the start of a line.
    starts = {block.start: number for number, block in enumerate(blocks)}
    stack: list[_Open] = []
    raw: _Open | None = None  # The raw-text element we are in.
    fence: Fence | None = None
    in_comment = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in starts:
            number = starts[index]
            if raw is not None:
                found.raw[number] = raw.name
            else:
                for element in stack:
                    element.holds_table = True
            index = max(blocks[number].end, index + 1)
            continue
        if raw is not None:
            if f"</{raw.name}" in line.lower():
                found.text.append((raw.start, index + 1))
                raw = None
            index += 1
            continue
        if fence is not None:
            fence = None if fence_closes(line, fence) else fence
            index += 1
            continue
        if in_comment:
            in_comment = "-->" not in line
            index += 1
            continue
        if line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            index += 1
            continue
        fence = fence_open(line)
        if fence is not None or not TAG_LINE_RE.match(line):
            index += 1
            continue
        end = _tag_end(lines, index)
        text = "\n".join(lines[index:end])
        raw = _read_tags(text, index, end, stack, found, md_in_html)
        index = end
    if raw is not None:
        found.text.append((raw.start, len(lines)))
    # An element never closed still holds its tables (MDX would refuse the page).
    found.html += [(element.start, element.end) for element in stack if element.holds_table]
    found.html = sorted(set(found.html))
    return found


def _tag_end(lines: list[str], index: int) -> int:
    """One past the last line of the tag line at `lines[index]` (an opening tag may span lines)."""
    if ">" in lines[index]:
        return index + 1
    for number in range(index + 1, min(len(lines), index + MAX_TAG_LINES)):
        if not lines[number].strip():
            break
        if ">" in lines[number]:
            return number + 1
    return index + 1


def _read_tags(
    text: str, start: int, end: int, stack: list[_Open], found: Wrappers, md_in_html: bool
) -> _Open | None:
    """Open and close the elements of the tags in `text` (lines `start:end`); the raw one opened."""
    lowered = text.lower()
    for tag in TAG_RE.finditer(text):
        name = tag.group("name")
        if name == TAG:
            continue  # Ours, on a line of other text: shown as text and reported, no wrapper.
        lower = name.lower()
        if tag.group("close"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].name == name:
                    for element in stack[depth:]:
                        if element.holds_table:
                            found.html.append((element.start, element.end))
                            found.html.append((start, end))
                    del stack[depth:]
                    break
            continue
        if tag.group("self") or lower in VOID:
            continue
        if lower in RAW_TEXT:
            if lowered.find(f"</{lower}", tag.end()) < 0:
                return _Open(lower, start, end)
            continue
        if md_in_html and MARKDOWN_ATTR_RE.search(tag.group("attrs") or ""):
            continue  # Markdown inside already: nothing to do for its tables.
        stack.append(_Open(name, start, end))
    return None


def as_html(text: str) -> str:
    """A wrapper's tag lines as HTML: JSX's `className` is HTML's `class`, as MDX renders it.

    A line break right after the first tag's name becomes a space: Python-Markdown
    tells a block-level element by the characters up to the first space.
    """
    text = FIRST_NAME_RE.sub(r"\1 ", text, count=1)
    return CLASS_NAME_RE.sub("class", text) if "className" in text else text


def in_raw_text(block: Block, element: str) -> Diagnostic:
    """The problem of a table inside a raw-text element: it stays text."""
    return Diagnostic(
        "not-rendered",
        f"a ListTable inside <{element}> is text there, as in HTML, and is left as written",
        f"move the table out of the <{element}> element to render it",
        block.line,
        block.indent + block.column_offset + 1,
    )


def not_rendered_here(block: Block) -> Diagnostic:
    """The problem of a table that the Markdown around it took for code or raw HTML."""
    return Diagnostic(
        "not-rendered",
        "this ListTable is shown as text: the Markdown around it reads it as code or as raw HTML",
        "put blank lines around the table and the HTML tags that hold it, each tag on a line "
        "of its own, or move the table out of the code block",
        block.line,
        block.indent + block.column_offset + 1,
    )
