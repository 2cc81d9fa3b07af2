"""The MDX around the tables of a page moved from Docusaurus: ESM lines and MDX comments.

MDX reads `import`/`export` statements at the top level of a page as
JavaScript (ESM), and `{/* … */}` as a comment; neither shows on the page.
Python-Markdown shows both as text. `clean_page` removes what MkDocs can do
without: the statements that bring in ListTable (MkDocs needs no import) and
MDX comments on lines of their own, outside code. Each removed line becomes a
blank line, so every other line keeps its number. The other ESM statements
stay (MkDocs cannot run them, and the author must decide) and are reported.

The extension and the `check` command both read pages through it, so both
see the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, plural
from .syntax import CLOSE_RE, OPEN_RE, Fence, fence_closes, fence_open

ESM_START_RE = re.compile(r"^(?:import|export)(?=[\s{*]|$)")
IMPORT_RE = re.compile(
    r"""^import\s+(?:type\s+)?
        (?:(?P<names>[\w$*{}\s,]+?)\s+from\s*)?
        (?P<quote>['"])(?P<source>[^'"\n]+)(?P=quote)
        (?:\s+(?:with|assert)\s*\{[^}]*\})?\s*;?\s*$""",
    re.VERBOSE,
)
EXPORT_RE = re.compile(
    r"^export\s+(?:default\b|const\b|let\b|var\b|function\b|async\b|class\b|type\b|interface\b"
    r"|\{|\*)"
)
CONTINUATION_RE = re.compile(r"^(?:\s|[})\].,;]|from\b|as\b|with\b|assert\b)")
"""How a line that goes on with the statement above starts."""
LIST_TABLE_SOURCE_RE = re.compile(r"ListTable|list-?tables?", re.IGNORECASE)
LIST_TABLE_NAME_RE = re.compile(r"(?<![\w$])ListTable(?![\w$])")
COMMENT_OPEN_RE = re.compile(r"^ *\{/\*")
COMMENT_CLOSE_RE = re.compile(r"\*/\} *$")
MAX_STATEMENT_LINES = 200
"""An ESM statement longer than this is not read as one: a stray quote cannot eat the page."""
MAX_LISTED = 5
"""The lines of kept ESM statements a message lists; a count stands for the rest."""


@dataclass(frozen=True)
class Statement:
    """An ESM statement at the top level of a page.

    Attributes:
        start: Index of its first line.
        end: Index one past its last line.
        text: Its lines, joined.
        list_table: Whether it brings in ListTable (and so is removed).
    """

    start: int
    end: int
    text: str
    list_table: bool


@dataclass
class CleanPage:
    """A page's lines with the MDX that MkDocs does without removed, and what was found.

    Attributes:
        lines: The lines, as many as given; removed lines are blank.
        removed: The statements that brought in ListTable, removed.
        kept: The other ESM statements, kept as text.
        comments: How many MDX comments were removed.
    """

    lines: list[str]
    removed: list[Statement] = field(default_factory=list)
    kept: list[Statement] = field(default_factory=list)
    comments: int = 0

    def notes(self, first_line: int = 1) -> list[Diagnostic]:
        """One note per removed statement: logged at INFO level, they fail nothing."""
        return [
            Diagnostic(
                "mdx-import",
                f"removed '{_short(statement.text)}': MkDocs needs no import of ListTable",
                "",
                first_line + statement.start,
                1,
            )
            for statement in self.removed
        ]

    def problems(self, first_line: int = 1) -> list[Diagnostic]:
        """One warning for the page's other ESM statements, at the first one's line."""
        if not self.kept:
            return []
        first = self.kept[0]
        shown = [str(first_line + s.start) for s in self.kept[:MAX_LISTED]]
        if len(self.kept) > MAX_LISTED:
            shown.append(f"and {len(self.kept) - MAX_LISTED} more")
        lines = ", ".join(shown)
        count = plural(len(self.kept), "ESM statement")
        return [
            Diagnostic(
                "mdx-esm",
                f"{count} (line{'s' if len(self.kept) > 1 else ''} {lines}: "
                f"'{_short(first.text)}'{', …' if len(self.kept) > 1 else ''}) "
                "will show as text: MkDocs runs no JavaScript imports or exports",
                "remove them, or replace what they bring in with Markdown",
                first_line + first.start,
                1,
            )
        ]


def _short(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def clean_page(lines: list[str]) -> CleanPage:
    """The page's lines without the ESM statements that import ListTable and without MDX comments.

    Only top-level lines outside fenced code count: an ESM statement starts at
    the left edge after a blank line (or the page's start), as in MDX; an MDX
    comment stands alone on its lines, indented less than four spaces (code)
    unless it is inside a ListTable, whose cells are indented.
    """
    page = CleanPage(list(lines))
    text = "\n".join(lines)  # One search of the page rules out most pages, no loop over lines.
    if "{/*" not in text and "import" not in text and "export" not in text:
        return page  # Most pages: nothing of MDX.
    if not any("{/*" in line or line.startswith(("import", "export")) for line in lines):
        return page
    out = page.lines
    fence: Fence | None = None
    tables = 0  # How many ListTable blocks the line is in.
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            if fence_closes(line, fence):
                fence = None
            index += 1
            continue
        fence = fence_open(line)
        if fence is not None:
            index += 1
            continue
        if "ListTable" in line:
            if OPEN_RE.match(line) and not line.rstrip().endswith("/>"):
                tables += 1
            elif CLOSE_RE.match(line):
                tables = max(tables - 1, 0)
        if COMMENT_OPEN_RE.match(line):
            end = _comment_end(lines, index)
            indent = len(line) - len(line.lstrip(" "))
            if end is not None and (tables or indent < 4):
                for number in range(index, end):
                    out[number] = ""
                page.comments += 1
                index = end
                continue
        if not tables and ESM_START_RE.match(line) and (index == 0 or not lines[index - 1].strip()):
            end = _esm_end(lines, index)
            if end is not None:
                for statement in _statements(lines, index, end):
                    if statement.list_table:
                        page.removed.append(statement)
                        for number in range(statement.start, statement.end):
                            out[number] = ""
                    else:
                        page.kept.append(statement)
                index = end
                continue
        index += 1
    return page


def _comment_end(lines: list[str], index: int) -> int | None:
    """One past the line ending the MDX comment opened at `lines[index]`, if it ends alone."""
    for number in range(index, min(len(lines), index + MAX_STATEMENT_LINES)):
        line = lines[number]
        if "*/}" in line:
            return number + 1 if COMMENT_CLOSE_RE.search(line) else None
    return None


def _esm_end(lines: list[str], index: int) -> int | None:
    """One past the last line of the ESM block starting at `lines[index]`, if it reads as ESM.

    As in MDX, the block runs to a blank line; a statement still open there
    (an unclosed brace, string or template) runs on to the next one. A
    complete statement followed right away by a line that cannot go on with
    it (`<ListTable>`, a heading) ends the block too, though MDX would refuse it.
    """
    depth = 0
    quote = ""
    limit = min(len(lines), index + MAX_STATEMENT_LINES)
    number = index
    while number < limit:
        line = lines[number]
        if not line.strip() and not depth and not quote:
            break
        if number > index and not depth and not quote and not _continues(line):
            break
        depth, quote = _scan(line, depth, quote)
        number += 1
    else:
        if depth or quote:
            return None  # Never balanced: not a statement after all.
    first = lines[index]
    if not (IMPORT_RE.match(first) or EXPORT_RE.match(first) or first.startswith("import {")):
        return None  # `import this module …`: prose, not ESM.
    return number


def _continues(line: str) -> bool:
    """Whether `line`, after a complete statement, still belongs to the ESM block."""
    return bool(ESM_START_RE.match(line) or CONTINUATION_RE.match(line))


def _scan(line: str, depth: int, quote: str) -> tuple[int, str]:
    """Bracket depth and open quote after `line`, starting from `depth` and `quote`."""
    position = 0
    while position < len(line):
        char = line[position]
        if quote:
            if char == "\\":
                position += 1
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif line.startswith("//", position):
            break
        position += 1
    if quote in "'\"":
        quote = ""  # A string does not run past its line.
    return depth, quote


def _statements(lines: list[str], start: int, end: int) -> list[Statement]:
    """The statements of the ESM block `lines[start:end]`, each starting with import/export."""
    bounds: list[int] = []
    depth, quote = 0, ""
    for number in range(start, end):
        line = lines[number]
        if not depth and not quote and ESM_START_RE.match(line):
            bounds.append(number)
        depth, quote = _scan(line, depth, quote)
    statements = []
    for position, begin in enumerate(bounds):
        finish = bounds[position + 1] if position + 1 < len(bounds) else end
        while finish > begin + 1 and not lines[finish - 1].strip():
            finish -= 1
        text = "\n".join(lines[begin:finish])
        statements.append(Statement(begin, finish, text, _brings_list_table(text)))
    return statements


def _brings_list_table(text: str) -> bool:
    """Whether the statement imports the ListTable component (or its package's styles)."""
    flat = " ".join(text.split())
    match = IMPORT_RE.match(flat)
    if match is None:
        return False
    names = match.group("names") or ""
    return bool(
        LIST_TABLE_NAME_RE.search(names) or LIST_TABLE_SOURCE_RE.search(match.group("source"))
    )
