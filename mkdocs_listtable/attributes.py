"""Read the opening `<ListTable …>` tag: where it ends, and its typed attributes.

The syntax is JSX's, as mdx-list-tables uses it: `name="text"`, `name='text'`,
`name={expression}` and a bare `name` meaning true. Only the expressions an
author writes in a table are understood: whole numbers, `true`/`false`, string
literals and arrays of those. Nothing here raises: every problem becomes a
`Diagnostic` pointing at the attribute's own name, and parsing goes on.
"""

from __future__ import annotations

import difflib
import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .diagnostics import Diagnostic
from .model import Align, Options
from .syntax import without_controls

_NAME = re.compile(r"[A-Za-z_$][\w$:-]*")
_TAG_NAME = re.compile(r"<\s*[\w.:-]*")
_GARBAGE = re.compile(r"[^\sA-Za-z_$\"'{>]+")
_BARE_VALUE = re.compile(r"[^\s>]+")
_SPACE = re.compile(r"\s*")
_SELF_CLOSE = re.compile(r"/\s*>?\s*\Z")
_ATTRIBUTE_LINE = re.compile(r"\n\s*[A-Za-z_$][\w$:-]*\s*=\s*[\"'{]")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_LINE_END_GT = re.compile(r">[ \t]*\r?$", re.MULTILINE)
_COUNT = re.compile(r"\s*([0-9]{1,6})\s*")  # six digits: no real table needs more
_CSS_CLASS = re.compile(r"-?[_a-zA-Z][_a-zA-Z0-9-]*")
_HTML_ID = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]*")
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}
# NUL has no place in HTML; a backslash before a newline continues the line.
_ESCAPES.update({"0": "\ufffd", "\n": "", "\r\n": ""})
_ALIGNS: dict[str, Align | None] = {"l": "left", "c": "center", "r": "right", "j": "justify"}
_ALIGNS.update({"left": "left", "center": "center", "right": "right", "justify": "justify"})
_ALIGNS.update({"d": None, "default": None})
# Names difflib cannot tie to ours, met when moving tables from Sphinx/MyST or HTML.
_ALIASES = {"stub-columns": "headerColumns", "name": "id", "title": "caption"}


def _end(pattern: re.Pattern[str], text: str, i: int) -> int:
    """Where `pattern` matching at `text[i]` ends (`i` when it does not match)."""
    match = pattern.match(text, i)
    return match.end() if match else i


def _next_line(text: str, i: int) -> int:
    """Where to go on after an unclosed value: attributes usually stand one per line."""
    return text.find("\n", i) + 1 or len(text)


def _skip_string(text: str, i: int, escapes: bool) -> int | None:
    """Index just past the string literal opening at `text[i]`, or None when unclosed.

    JSX attribute strings take no backslash escapes; JavaScript strings inside
    braces do. A blank line counts as unclosed: a tag never spans one, and
    stopping there keeps one stray quote from swallowing the rest of the page.
    """
    quote, i = text[i], i + 1
    while i < len(text):
        if text[i] == quote:
            return i + 1
        if text[i] == "\n" and _BLANK_LINE.match(text, i):
            return None
        i += 2 if escapes and text[i] == "\\" else 1
    return None


def _skip_braces(text: str, i: int) -> int | None:
    """Index just past the `{…}` expression opening at `text[i]`, or None when unclosed."""
    depth = 0
    while i < len(text):
        if text[i] in "\"'`":
            end = _skip_string(text, i, escapes=True)
            if end is None:
                return None
            i = end
            continue
        if text[i] == "\n" and _BLANK_LINE.match(text, i):
            return None
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            return i
    return None


def _skip_value(text: str, i: int) -> int | None:
    """Index just past the quoted or braced value opening at `text[i]`, None when unclosed."""
    return _skip_braces(text, i) if text[i] == "{" else _skip_string(text, i, escapes=False)


def tag_end(text: str, start: int = 0) -> int | None:
    """Find where the opening tag starting at `text[start]` ends.

    Args:
        text: Raw page text; `text[start:]` begins with `<ListTable`.
        start: Index of the tag's `<`.

    Returns:
        The index just past the `>` closing the tag (past `/>` when it is
        self-closing), skipping quoted strings and `{…}` expressions. When a
        quote or brace is never closed (or not before a blank line): the first
        `>` ending a line, so that a broken tag still ends and `parse_tag` can
        report it. None when the tag has no closing `>`.
    """
    start = max(start, 0)
    i = start + 1
    while i < len(text) and text[i] != ">":
        end = _skip_value(text, i) if text[i] in "\"'{" else i + 1
        if end is None:
            line_end = _LINE_END_GT.search(text, start)
            any_gt = text.find(">", start)
            return line_end.start() + 1 if line_end else (any_gt + 1 if any_gt >= 0 else None)
        i = end
    return i + 1 if i < len(text) else None


@dataclass(frozen=True)
class _Value:
    """An attribute's value: its form, the text inside its delimiters, the text as written."""

    kind: Literal["string", "expr", "bare"]
    text: str
    raw: str

    def string(self) -> str | None:
        """The value as text: `"…"`, `'…'` or `{"…"}`; None for anything else."""
        if self.kind == "string":
            return self.text
        expr = self.text
        if not expr or expr[0] not in "\"'`" or _skip_string(expr, 0, True) != len(expr):
            return None
        if expr[0] == "`" and "${" in expr:  # a template with substitutions is code, not text
            return None
        return _ESCAPE.sub(_unescape, expr[1:-1])

    def scalar(self) -> str:
        """The value as text, or the bare expression (`{1}` gives `1`); `""` for a bare name."""
        text = self.string()
        return text if text is not None else self.text

    def items(self) -> list[str] | None:
        """The entries of `"a,b c"` or `{["a", "b"]}`, or None when it is neither."""
        text = self.string()
        if text is not None:
            return [item for item in re.split(r"[\s,]+", text) if item]
        if self.kind != "expr" or self.text[:1] != "[" or self.text[-1:] != "]":
            return None
        entries = [entry.strip() for entry in self.text[1:-1].split(",")]
        return [_Value("expr", entry, entry).scalar() for entry in entries if entry]


def _unescape(match: re.Match[str]) -> str:
    """One JavaScript escape's character; invalid code points become U+FFFD."""
    escape = match.group(1)
    if len(escape) > 1 and escape[0] in "ux":
        code = int(escape.strip("ux{}"), 16)
        valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        return without_controls(chr(code)) if valid else "\ufffd"
    return without_controls(_ESCAPES.get(escape, escape))


class _BadValue(Exception):
    """Raised by a converter with what the value should have been."""


def _count(value: _Value) -> int:
    match = _COUNT.fullmatch(value.scalar())
    if not match:
        raise _BadValue("a whole number of 0 or more")
    return int(match.group(1))


def _caption(value: _Value) -> str | None:
    text = value.string()
    if text is None:
        raise _BadValue("text in quotes")
    return text if text.strip() else None


def _class_name(value: _Value) -> str | None:
    text = value.string()
    if text is None or not all(_CSS_CLASS.fullmatch(token) for token in text.split()):
        raise _BadValue("CSS class names separated by spaces")
    return " ".join(text.split()) or None


def _id(value: _Value) -> str:
    text = value.string()
    if text is None or not _HTML_ID.fullmatch(text):
        raise _BadValue("a letter followed by letters, digits, '-', '_', ':' or '.'")
    return text


def _validation(value: _Value) -> str:
    text = (value.string() or "").strip().lower()
    if text not in ("strict", "warn", "off"):
        raise _BadValue('one of "strict", "warn" or "off"')
    return text


def _widths(value: _Value) -> list[int] | None:
    items = value.items()
    if items and [item.lower() for item in items] == ["auto"]:
        return None
    if not items or not all(_COUNT.fullmatch(item) and int(item) > 0 for item in items):
        raise _BadValue('whole numbers above 0 separated by commas, or "auto"')
    return [int(item) for item in items]


def _aligns(value: _Value) -> list[Align | None]:
    items = [item.lower() for item in value.items() or []]
    if not items or not all(item in _ALIGNS for item in items):
        raise _BadValue("l, c, r, j or d (left, center, right, justify, default) per column")
    return [_ALIGNS[item] for item in items]


def _show_source(value: _Value) -> bool:
    text = "true" if value.kind == "bare" else value.scalar().strip()
    if text not in ("true", "false"):
        raise _BadValue("{true} or {false}")
    return text == "true"


# JSX name: (Options field, converter, example value for hints).
_ATTRIBUTES: dict[str, tuple[str, Callable[[_Value], object], str]] = {
    "headerRows": ("header_rows", _count, "{1}"),
    "headerColumns": ("header_columns", _count, "{1}"),
    "footerRows": ("footer_rows", _count, "{1}"),
    "caption": ("caption", _caption, '"Quarterly revenue"'),
    "className": ("class_name", _class_name, '"compact striped"'),
    "id": ("id", _id, '"revenue"'),
    "validation": ("validation", _validation, '"warn"'),
    "widths": ("widths", _widths, '"1,2,1"'),
    "aligns": ("aligns", _aligns, '"l,c,r"'),
    "showSource": ("show_source", _show_source, "{false}"),
}
KNOWN_ATTRIBUTES: tuple[str, ...] = tuple(_ATTRIBUTES)


def _example(name: str) -> str:
    """`name={1}`: how to write the attribute, for hints."""
    return f"{name}={_ATTRIBUTES[name][2] if name in _ATTRIBUTES else '{…}'}"


def _show(raw: str) -> str:
    """A value as written, on one line and short enough for a message."""
    flat = " ".join(raw.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


@functools.lru_cache(maxsize=256)
def _suggest(name: str) -> str:
    """The hint for an unknown attribute: the closest known name, else all of them."""
    by_lower = {known.lower(): known for known in KNOWN_ATTRIBUTES}
    close = difflib.get_close_matches(name.lower(), by_lower, n=1, cutoff=0.6)
    known = _ALIASES.get(name.lower()) or (by_lower[close[0]] if close else None)
    if known is None:
        return "known attributes: " + ", ".join(KNOWN_ATTRIBUTES)
    case = " (names are case-sensitive)" if known.lower() == name.lower() else ""
    return f"did you mean {known}?{case} write {_example(known)}"


def correction(name: str) -> str | None:
    """The known attribute an unknown `name` can only mean, or None when that is not clear.

    Clear: the same name in other case (`HeaderRows`), or exactly one known
    name within one typo (two for names longer than four letters) of it,
    counting a swap of neighbours as one (`headerRow`, `widht`).
    """
    lower = name.lower()
    by_lower = {known.lower(): known for known in KNOWN_ATTRIBUTES}
    if lower in by_lower:
        return by_lower[lower]
    reach = 1 if len(lower) <= 4 else 2
    close = [known for key, known in by_lower.items() if _typos(lower, key, reach) <= reach]
    return close[0] if len(close) == 1 else None


def _typos(a: str, b: str, reach: int) -> int:
    """Edits (insert, delete, replace, swap neighbours) from `a` to `b`; `reach + 1` when more."""
    if abs(len(a) - len(b)) > reach or len(a) > 64:
        return reach + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(current[j - 1] + 1, row[j] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return min(row[-1], reach + 1)


class _TagParser:
    """One pass over one tag, collecting options and diagnostics as it goes."""

    def __init__(self, tag: str, line: int, column: int) -> None:
        self.tag, self.line, self.column = tag, line, column
        self.options = Options()
        self.diagnostics: list[Diagnostic] = []
        # Where each line of the tag starts: a tag of thousands of attributes must not
        # count its newlines again for each of them.
        self.newlines = [match.start() for match in re.finditer("\n", tag)]

    def line_of(self, index: int) -> int:
        """The page line of `tag[index]`."""
        return self.line + bisect_left(self.newlines, index)

    def report(self, kind: str, index: int, message: str, hint: str) -> None:
        """Add a diagnostic at `tag[index]`, translated to a page line and column."""
        before = bisect_left(self.newlines, index)
        column = self.column + index if before == 0 else index - self.newlines[before - 1]
        self.diagnostics.append(Diagnostic(kind, message, hint, self.line + before, column))

    def parse(self) -> bool:
        """Read every attribute; return whether the tag is self-closing."""
        tag = self.tag
        i = _end(_TAG_NAME, tag, 0)
        while (i := _end(_SPACE, tag, i)) < len(tag) and tag[i] != ">":
            if _SELF_CLOSE.match(tag, i):
                return True
            if not _NAME.match(tag, i):
                i = self.garbage(i)
                continue
            name = tag[i : _end(_NAME, tag, i)]
            value, after = self.value(name, i, i + len(name))
            self.apply(name, i, value)
            self.options.attribute_spans.setdefault(name, (i, after))
            i = after
        return False

    def garbage(self, i: int) -> int:
        """Report what stands where an attribute name should; return where to go on."""
        if self.tag[i] in "\"'{":
            end = _skip_value(self.tag, i) or _next_line(self.tag, i)
            text = _show(self.tag[i:end])
            self.report("bad-attribute", i, f"{text} has no attribute name", "write name={…}")
            return end
        end = max(_end(_GARBAGE, self.tag, i), i + 1)
        hint = "remove it; attributes are separated by spaces only"
        self.report("bad-attribute", i, f"unexpected {self.tag[i:end]!r} in the tag", hint)
        return end

    def value(self, name: str, start: int, i: int) -> tuple[_Value | None, int]:
        """Read the value after `name` (which ends at `i`); None when it is malformed."""
        tag = self.tag
        equals = _end(_SPACE, tag, i)
        if tag[equals : equals + 1] != "=":
            return _Value("bare", "", ""), i
        i = _end(_SPACE, tag, equals + 1)
        opener = tag[i] if i < len(tag) else ">"
        if opener in "\"'{":
            end = _skip_value(tag, i)
            # A string running over a line that reads `name=` lost its closing quote.
            if end is not None and opener != "{" and _ATTRIBUTE_LINE.search(tag, i, end):
                end = None
            if end is not None:
                inner = tag[i + 1 : end - 1]
                if opener == "{":
                    return _Value("expr", inner.strip(), tag[i:end]), end
                return _Value("string", inner, tag[i:end]), end
            line_end = _next_line(tag, i)
            shown = _show(tag[i:line_end].rstrip().removesuffix(">"))
            closer = "}" if opener == "{" else opener
            message = f"the value of {name}, {shown}, has no closing {closer}"
            self.report("bad-attribute", start, message, f"close it: {_example(name)}")
            return None, line_end
        if opener == ">" or _SELF_CLOSE.match(tag, i):
            self.report("bad-attribute", start, f"{name}= has no value", f"write {_example(name)}")
            return None, i
        end = _end(_BARE_VALUE, tag, i)
        message = f"the value of {name}, {_show(tag[i:end])}, is not in quotes or braces"
        self.report("bad-attribute", start, message, f"write {_example(name)}")
        return None, end

    def apply(self, name: str, start: int, value: _Value | None) -> None:
        """Check `name` and store its converted value in the options."""
        lines = self.options.attribute_lines
        if name in lines:
            message = f"{name} is given twice (first on line {lines[name]}); the first one is used"
            self.report("bad-attribute", start, message, f"remove one of the {name} attributes")
            return
        lines[name] = self.line_of(start)
        if name not in _ATTRIBUTES:
            self.report("unknown-attribute", start, f"unknown attribute {name!r}", _suggest(name))
            return
        if value is None:
            return
        field, convert, example = _ATTRIBUTES[name]
        try:
            setattr(self.options, field, convert(value))
        except _BadValue as bad:
            shown = "a bare name" if value.kind == "bare" else _show(value.raw)
            message = f"{name} must be {bad}, not {shown}"
            self.report("bad-attribute", start, message, f"write {name}={example}")


def parse_tag(tag: str, line: int, column: int = 1) -> tuple[Options, list[Diagnostic], bool]:
    """Read the attributes of an opening `<ListTable …>` tag.

    Args:
        tag: The tag's text from `<` to its closing `>`, newlines included, as
            in the page (columns on later lines are counted within this text).
        line: 1-based page line of the `<`.
        column: 1-based column of the `<` on that line.

    Returns:
        The typed options (with the line of every attribute given), the
        diagnostics (`unknown-attribute`, `bad-attribute`; `table`, `row` and
        `col` left for the caller), and whether the tag is self-closing (`/>`).
    """
    parser = _TagParser(tag, line, column)
    self_closing = parser.parse()
    return parser.options, parser.diagnostics, self_closing
