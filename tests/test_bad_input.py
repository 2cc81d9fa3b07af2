"""Bad input, through a real MkDocs build: the promise is that no page content
crashes a build, every problem is reported at its file and line, and no author
text is lost.

One table of cases: the page (the whole Markdown file), the problems it must
log as `(kind, line)` or `(kind, line, column)` — in any order, and nothing
else — and the author's words that must be visible on the built page. Visible
means the page's text with the content of closed `<details>` removed: the
source toggle after a rendered table does not count, the opened source of an
error panel does. All cases without a known bug are built as one site (one
page per case), so the whole table costs a single build.

Decisions where the right behaviour is not obvious, as a technical writer
would expect it:

- Mixed bullets (`-`, `*`, `+` in one table) make one table. CommonMark starts a
  new list when the bullet character changes, but nobody switches bullets to
  mean "a second table".
- A single-level list is not a table, and it is not guessed into a one-column
  table or a one-row table: each row is reported as `not-a-list` at its line,
  and the text stays on the page in the error panel's source.
- Numbered rows are not rows (the syntax is bullets): `not-a-list`, text kept.
- An empty row bullet (`-` alone with nothing under it) is a row with no cells:
  the table renders and `inconsistent-width` names the row's line.
- Tabs expand to four columns, as everywhere in Python-Markdown, so a table
  indented with tabs nests the same as one indented with spaces.
- CRLF, CR-only line endings and a byte-order mark change nothing, not even
  the line numbers.
- A marker after spaces (`- -   [r2] a`) and `_` with spaces around it are a
  marker and a placeholder: the spaces are the list's, not the cell's.
- A span too big for the table is clipped and reported (warn mode renders it,
  as the grid gives it); its cost does not depend on its size.
- A closing tag inside a cell's code fence is code; a fence left open in a cell
  ends with its cell, as in CommonMark, so the table still closes.
- An opening tag without `>` is one problem at the tag, not a flood of
  problems about the table's first lines read as attributes.
- A table left open inside a cell is that inner table's problem only: the outer
  table's closing tag, at the outer table's indentation, still closes it.
- Code is what Markdown renders as code, and nothing else: a fence line indented
  four spaces inside a fenced block does not close it, and a list item's
  paragraph wrapped without indentation (a lazy line) still holds the indented
  table under it.
"""

from __future__ import annotations

import logging
import re
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Hang, deadline
from .sites import Site, build_site

LOCATION_RE = re.compile(r"^listtable: (?P<path>[^\s:]+\.md):(?P<line>\d+)(?::(?P<column>\d+))?: ")
KIND_RE = re.compile(r"([a-z]+(?:-[a-z]+)*): ")  # Right after the location.
BATCH_SECONDS = 120.0
"""A build of all cases takes about a second; far longer means something loops."""
CASE_SECONDS = 6.0
"""A one-page build takes a fraction of a second."""


Problem = tuple[str, int] | tuple[str, int, int]


@dataclass(frozen=True)
class Case:
    """One bad page.

    Attributes:
        name: The page is `docs/<name>.md`.
        page: The whole file.
        problems: What must be logged, as `(kind, line)` or `(kind, line, column)`.
        texts: Author text that must be visible on the built page.
        tables: How many tables must render (`None`: not checked).
        panels: How many error panels must stand in for tables (`None`: not checked).
        bug: Why the case fails today; the case is then an expected failure.
    """

    name: str
    page: str
    problems: tuple[Problem, ...] = ()
    texts: tuple[str, ...] = ()
    tables: int | None = None
    panels: int | None = None
    bug: str | None = None


def _nested(depth: int, indent: int = 0) -> list[str]:
    """A table whose first cell holds a table, `depth` levels down; cells say `levelN`."""
    pad = " " * indent
    if depth == 0:
        return [f"{pad}<ListTable>", f"{pad}- - leaf", f"{pad}</ListTable>"]
    inner = _nested(depth - 1, indent + 4)
    inner[0] = f"{pad}- - {inner[0].lstrip()}"
    return [f"{pad}<ListTable>", *inner, f"{pad}  - level{depth}", f"{pad}</ListTable>"]


def _many_rows(count: int) -> str:
    rows = "".join(f"- - row{i}\n  - cell{i}\n" for i in range(count))
    return f"# Rows\n\n<ListTable headerRows={{1}}>\n{rows}- - _\n  - lastcell\n</ListTable>\n"


DEEP = 19
"""Tables nested 20 deep, past the 16 the extension builds."""
DEEP_LINES = _nested(DEEP)

CASES: list[Case] = [
    # --- Tags that do not pair up ---------------------------------------------------------
    Case(
        "unclosed",
        "# Unclosed\n\nIntro alpha.\n\n<ListTable>\n- - bravo\n  - charlie\n\nTrailing delta.\n",
        (("unclosed", 5, 1),),
        ("Intro alpha.", "bravo", "charlie", "Trailing delta."),
        tables=0,
        panels=1,
    ),
    Case(
        "unclosed-at-end-of-file",
        '# Unclosed\n\n<ListTable caption="Echo">\n- - foxtrot\n  - golf',
        (("unclosed", 3, 1),),
        ("foxtrot", "golf", "Echo"),
        tables=0,
        panels=1,
    ),
    Case(
        "unclosed-in-admonition",
        "# Unclosed\n\n!!! note\n    <ListTable>\n    - - alpha\n\nAfter bravo.\n",
        (("unclosed", 4, 5),),
        ("alpha", "After bravo."),
        panels=1,
    ),
    Case(
        "unclosed-in-list-item",
        "# Unclosed\n\n- item alpha\n\n    <ListTable>\n    - - bravo\n\nend charlie\n",
        (("unclosed", 5, 5),),
        ("item alpha", "bravo", "end charlie"),
        panels=1,
    ),
    Case(
        "second-opening-before-the-first-closes",
        "# Twice\n\n<ListTable>\n- - alpha\n\n<ListTable>\n- - bravo\n</ListTable>\n",
        (("unclosed", 3, 1),),
        ("alpha", "bravo"),
        tables=1,
        panels=1,
    ),
    Case(
        "second-opening-indented-under-a-row",
        "# Twice\n\n<ListTable>\n- - alpha\n  <ListTable>\n  - - bravo\n  </ListTable>\n",
        (("unclosed", 3, 1),),
        ("alpha", "bravo"),
    ),
    Case(
        "inner-table-unclosed",
        "# Inner\n\n<ListTable>\n- - <ListTable>\n    - - alpha\n  - bravo\n</ListTable>\n",
        (("unclosed", 4, 5),),
        ("alpha", "bravo"),
        tables=1,
        panels=1,
    ),
    Case(
        "stray-closing-tag",
        "# Stray\n\nText alpha.\n\n</ListTable>\n\nText bravo.\n",
        (("unclosed", 5, 1),),
        ("Text alpha.", "</ListTable>", "Text bravo."),
        tables=0,
        panels=0,
    ),
    Case(
        "stray-closing-tag-after-a-table",
        "# Stray\n\n<ListTable>\n- - alpha\n</ListTable>\n</ListTable>\n",
        (("unclosed", 6, 1),),
        ("alpha", "</ListTable>"),
        tables=1,
    ),
    Case(
        "stray-closing-tag-in-admonition",
        "# Stray\n\n!!! note\n    Text alpha.\n\n    </ListTable>\n",
        (("unclosed", 6, 5),),
        ("Text alpha.", "</ListTable>"),
    ),
    Case(
        "two-tags-in-one-line-of-text",
        "# Inline\n\nUse <ListTable> alpha, and </ListTable> bravo <ListTable>.\n",
        (("unclosed", 3, 5), ("unclosed", 3, 28), ("unclosed", 3, 47)),
        ("Use <ListTable> alpha, and </ListTable> bravo <ListTable>.",),
        tables=0,
        panels=0,
    ),
    Case(
        "a-tag-after-an-opening-tag-on-its-line",
        "# Inline\n\n<ListTable>  <ListTable>  alpha\n",
        (("unclosed", 3, 1), ("unclosed", 3, 14)),
        ("alpha",),
        tables=0,
        panels=1,
    ),
    Case(
        "tags-after-the-closing-tag",
        "# After\n\n<ListTable>\n- - alpha\n</ListTable> bravo <ListTable> and </ListTable>\n",
        (("unclosed", 5, 20), ("unclosed", 5, 36)),
        ("alpha", "bravo <ListTable> and </ListTable>"),
        tables=1,
    ),
    Case(
        "tags-on-a-stray-closing-tag-line-before-a-table",
        "# Stray\n\n</ListTable> alpha <ListTable> bravo\n\n"
        "<ListTable>\n- - charlie\n</ListTable>\n",
        (("unclosed", 3, 1),),
        ("</ListTable> alpha <ListTable> bravo", "charlie"),
        tables=1,
    ),
    Case(
        "text-after-the-closing-tag",
        "# After\n\n<ListTable>\n- - alpha\n</ListTable> trailing bravo\n",
        (),
        ("alpha", "trailing bravo"),
        tables=1,
    ),
    # --- Content that is not a list of lists ----------------------------------------------
    Case(
        "empty-block",
        "# Empty\n\n<ListTable>\n</ListTable>\n",
        (("not-a-list", 3),),
        tables=0,
        panels=1,
    ),
    Case(
        "empty-block-with-blank-lines",
        '# Empty\n\n<ListTable caption="Alpha">\n\n\n</ListTable>\n',
        (("not-a-list", 3),),
        ("Alpha",),
        panels=1,
    ),
    Case(
        "self-closing-tag",
        "# Empty\n\n<ListTable />\n\nbravo\n",
        (("not-a-list", 3),),
        ("bravo",),
        panels=1,
    ),
    Case(
        "single-level-list",
        "# Single\n\n<ListTable>\n- alpha\n- bravo\n</ListTable>\n",
        (("not-a-list", 4), ("not-a-list", 5)),
        ("alpha", "bravo"),
        tables=0,
        panels=1,
    ),
    Case(
        "prose-instead-of-a-list",
        "# Prose\n\n<ListTable>\nSome alpha prose.\n\nMore bravo prose.\n</ListTable>\n",
        (("not-a-list", 4),),
        ("Some alpha prose.", "More bravo prose."),
        tables=0,
        panels=1,
    ),
    Case(
        "heading-instead-of-a-list",
        "# Prose\n\n<ListTable>\n## Heading alpha\n</ListTable>\n",
        (("not-a-list", 4),),
        ("Heading alpha",),
        panels=1,
    ),
    Case(
        "row-without-a-cell-list",
        "# Rows\n\n<ListTable>\n- - alpha\n  - bravo\n- charlie\n- - delta\n  - echo\n"
        "</ListTable>\n",
        (("not-a-list", 6),),
        ("alpha", "bravo", "charlie", "delta", "echo"),
        tables=0,
        panels=1,
    ),
    Case(
        "empty-row",
        "# Rows\n\n<ListTable>\n- - alpha\n  - bravo\n-\n- - delta\n  - echo\n</ListTable>\n",
        (("inconsistent-width", 6),),
        ("alpha", "bravo", "delta", "echo"),
        tables=1,
    ),
    Case(
        "text-after-the-rows",
        "# Rows\n\n<ListTable>\n- - alpha\n  - bravo\n\nstray charlie\n</ListTable>\n",
        (("not-a-list", 7),),
        ("alpha", "bravo", "stray charlie"),
        panels=1,
    ),
    Case(
        "text-after-the-cells-of-a-row",
        "# Rows\n\n<ListTable>\n- - alpha\n  - bravo\n\n  stray charlie\n- - delta\n</ListTable>\n",
        (("not-a-list", 7),),
        ("alpha", "bravo", "stray charlie", "delta"),
        panels=1,
    ),
    Case(
        "numbered-rows",
        "# Rows\n\n<ListTable>\n1. - alpha\n   - bravo\n2. - charlie\n</ListTable>\n",
        (("not-a-list", 4),),
        ("alpha", "bravo", "charlie"),
        panels=1,
    ),
    # --- Bullets, indentation, line endings, encodings ------------------------------------
    Case(
        "mixed-bullets",
        "# Bullets\n\n<ListTable>\n- - alpha\n  * bravo\n+ + charlie\n  - delta\n"
        "* - echo\n  + foxtrot\n</ListTable>\n",
        (),
        ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot"),
        tables=1,
        panels=0,
    ),
    Case(
        "tab-indentation",
        "# Tabs\n\n<ListTable>\n-\t-\talpha\n\t-\tbravo\n-\t-\t[r2] charlie\n\t-\tdelta\n"
        "-\t-\t_\n\t-\techo\n</ListTable>\n",
        (),
        ("alpha", "bravo", "charlie", "delta", "echo"),
        tables=1,
    ),
    Case(
        "mixed-tabs-and-spaces",
        "# Tabs\n\n<ListTable>\n- - alpha\n  - bravo\n-\t-\tcharlie\n\t-\tdelta\n"
        "- -\t_\n  - echo\n</ListTable>\n",
        (("orphan-placeholder", 8, 5),),
        ("alpha", "bravo", "charlie", "delta", "echo"),
        tables=1,
    ),
    Case(
        "crlf-line-endings",
        "# CRLF\r\n\r\n<ListTable>\r\n- - alpha\r\n  - bravo\r\n- - charlie\r\n  - _\r\n"
        "</ListTable>\r\n",
        (("orphan-placeholder", 7, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "cr-line-endings",
        "# CR\r\r<ListTable>\r- - alpha\r  - bravo\r- - charlie\r  - _\r</ListTable>\r",
        (("orphan-placeholder", 7, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "crlf-with-front-matter",
        "---\r\ntitle: CRLF\r\n---\r\n\r\n<ListTable>\r\n- - alpha\r\n  - bravo\r\n"
        "- - charlie\r\n  - _\r\n</ListTable>\r\n",
        (("orphan-placeholder", 9, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "byte-order-mark",
        "\ufeff# BOM\n\n<ListTable>\n- - alpha\n  - bravo\n- - charlie\n  - _\n</ListTable>\n",
        (("orphan-placeholder", 7, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "byte-order-mark-and-front-matter",
        "\ufeff---\ntitle: BOM\n---\n\n<ListTable>\n- - alpha\n  - bravo\n- - charlie\n  - _\n"
        "</ListTable>\n",
        (("orphan-placeholder", 9, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "byte-order-mark-before-the-tag",
        "\ufeff<ListTable>\n- - alpha\n  - _\n</ListTable>\n",
        (("orphan-placeholder", 3, 5),),
        ("alpha",),
        tables=1,
    ),
    Case(
        "non-ascii-and-right-to-left",
        '# Text\n\n<ListTable caption="עברית">\n- - שלום עולם\n  - مرحبا بالعالم\n'
        "- - 日本語のテキスト\n  - Ünïcödé ☃ 🎉\n- - _\n  - x\n</ListTable>\n",
        (("orphan-placeholder", 8, 5),),
        ("עברית", "שלום עולם", "مرحبا بالعالم", "日本語のテキスト", "Ünïcödé ☃ 🎉"),
        tables=1,
    ),
    Case(
        "columns-count-characters-not-bytes",
        '# Text\n\n<ListTable caption="日本語" headerRow={1}>\n- - ü\n  - [r0] 日本\n'
        "</ListTable>\n",
        (("unknown-attribute", 3, 26), ("invalid-span", 5, 5)),
        ("日本語", "ü", "日本"),
        tables=1,
    ),
    # --- Malformed attributes -------------------------------------------------------------
    Case(
        "headerRows-not-a-number",
        "# Attributes\n\n<ListTable headerRows={abc}>\n- - alpha\n</ListTable>\n",
        (("bad-attribute", 3, 12),),
        ("alpha",),
        tables=1,
    ),
    Case(
        "headerRows-negative",
        "# Attributes\n\n<ListTable headerRows={-1}>\n- - alpha\n</ListTable>\n",
        (("bad-attribute", 3, 12),),
        ("alpha",),
        tables=1,
    ),
    Case(
        "headerRows-fraction",
        "# Attributes\n\n<ListTable headerRows={1.5}>\n- - alpha\n</ListTable>\n",
        (("bad-attribute", 3, 12),),
        ("alpha",),
        tables=1,
    ),
    Case(
        "headerRows-huge",
        "# Attributes\n\n<ListTable headerRows={99999999999999999999}>\n- - alpha\n</ListTable>\n",
        (("bad-attribute", 3, 12),),
        ("alpha",),
        tables=1,
    ),
    Case(
        "unclosed-quote",
        '# Attributes\n\n<ListTable caption="alpha>\n- - bravo\n</ListTable>\n',
        (("bad-attribute", 3, 12),),
        ("bravo",),
        tables=1,
    ),
    Case(
        "unclosed-quote-in-a-multi-line-tag",
        '# Attributes\n\n<ListTable\n  caption="alpha\n  headerRows={1}\n>\n'
        "- - bravo\n- - charlie\n"
        "</ListTable>\n",
        (("bad-attribute", 4, 3),),
        ("bravo", "charlie"),
        tables=1,
    ),
    Case(
        "unclosed-brace",
        "# Attributes\n\n<ListTable headerRows={1>\n- - bravo\n</ListTable>\n",
        (("bad-attribute", 3, 12),),
        ("bravo",),
        tables=1,
    ),
    Case(
        "bad-value-on-a-later-line-of-the-tag",
        '# Attributes\n\n<ListTable\n  caption="Cap"\n  headerRows={abc}\n>\n- - alpha\n'
        "</ListTable>\n",
        (("bad-attribute", 5, 3),),
        ("Cap", "alpha"),
        tables=1,
    ),
    Case(
        "opening-tag-without-its-gt",
        "# Attributes\n\n<ListTable headerRows={1}\n- - bravo\n</ListTable>\n",
        (("bad-attribute", 3, 1),),
        ("bravo",),
    ),
    Case(
        "duplicated-attribute",
        "# Attributes\n\n<ListTable headerRows={1} headerRows={2}>\n- - alpha\n- - bravo\n"
        "</ListTable>\n",
        (("bad-attribute", 3, 27),),
        ("alpha", "bravo"),
        tables=1,
    ),
    Case(
        "unknown-attributes",
        '# Attributes\n\n<ListTable headerRow={1} colour="red">\n- - alpha\n</ListTable>\n',
        (("unknown-attribute", 3, 12), ("unknown-attribute", 3, 26)),
        ("alpha",),
        tables=1,
    ),
    Case(
        "bad-validation-widths-and-aligns",
        '# Attributes\n\n<ListTable validation="loud" widths="1,x" aligns="l,q">\n- - alpha\n'
        "  - bravo\n</ListTable>\n",
        (("bad-attribute", 3, 12), ("bad-attribute", 3, 30), ("bad-attribute", 3, 43)),
        ("alpha", "bravo"),
        tables=1,
    ),
    Case(
        "widths-for-the-wrong-number-of-columns",
        '# Attributes\n\n<ListTable widths="1,2,3">\n- - alpha\n  - bravo\n</ListTable>\n',
        (("bad-attribute", 3),),
        ("alpha", "bravo"),
        tables=1,
    ),
    # --- Spans and placeholders -----------------------------------------------------------
    Case(
        "huge-rowspan",
        "# Spans\n\n<ListTable>\n- - [r999999999] alpha\n  - bravo\n- - _\n  - charlie\n"
        "</ListTable>\n",
        (("rowspan-overflow", 4, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "huge-colspan",
        "# Spans\n\n<ListTable>\n- - [c999999999] alpha\n  - bravo\n</ListTable>\n",
        (("colspan-overflow", 4, 5), ("missing-placeholder", 4, 5)),
        ("alpha", "bravo"),
        tables=1,
    ),
    Case(
        "huge-rowspan-and-colspan",
        "# Spans\n\n<ListTable>\n- - [r999999999c999999999] alpha\n  - _\n</ListTable>\n",
        (("rowspan-overflow", 4, 5), ("colspan-overflow", 4, 5)),
        ("alpha",),
        tables=1,
    ),
    Case(
        "span-with-forty-digits",
        "# Spans\n\n<ListTable>\n- - [r" + "9" * 40 + "] alpha\n  - bravo\n</ListTable>\n",
        (("rowspan-overflow", 4, 5),),
        ("alpha", "bravo"),
        tables=1,
    ),
    Case(
        "zero-and-negative-spans",
        "# Spans\n\n<ListTable>\n- - [r0] alpha\n  - [c-3] bravo\n</ListTable>\n",
        (("invalid-span", 4, 5), ("invalid-span", 5, 5)),
        ("alpha", "bravo"),
        tables=1,
    ),
    Case(
        "marker-with-spaces-before-it",
        "# Spans\n\n<ListTable>\n- -   [r2] alpha\n  - bravo\n- - _\n  - charlie\n</ListTable>\n",
        (),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "placeholder-with-spaces-around-it",
        "# Spans\n\n<ListTable>\n- - [r2] alpha\n  - bravo\n- -   _   \n  - charlie\n"
        "</ListTable>\n",
        (),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "underscores-that-are-text",
        "# Spans\n\n<ListTable>\n- - _ alpha _\n  - \\_\n  - a_b\n</ListTable>\n",
        (),
        ("_ alpha _", "a_b"),
        tables=1,
    ),
    Case(
        "marker-after-text-is-text",
        "# Spans\n\n<ListTable>\n- - alpha [r2]\n  - bravo\n</ListTable>\n",
        (),
        ("alpha [r2]", "bravo"),
        tables=1,
    ),
    Case(
        "markers-in-header-and-footer-rows",
        "# Spans\n\n<ListTable headerRows={1} footerRows={1} headerColumns={1}>\n"
        "- - [c2] alpha\n  - _\n- - bravo\n  - charlie\n- - [c2] delta\n  - _\n</ListTable>\n",
        (),
        ("alpha", "bravo", "charlie", "delta"),
        tables=1,
    ),
    Case(
        "rowspan-from-header-into-body",
        "# Spans\n\n<ListTable headerRows={1}>\n- - [r2] alpha\n  - bravo\n- - _\n  - charlie\n"
        "</ListTable>\n",
        (("span-crosses-section", 4, 5),),
        ("alpha", "bravo", "charlie"),
        tables=1,
    ),
    Case(
        "thousands-of-rows",
        _many_rows(3000),
        (("orphan-placeholder", 4 + 2 * 3000, 5),),
        ("row0", "cell1500", "row2999", "lastcell"),
        tables=1,
    ),
    # --- Nesting and code -----------------------------------------------------------------
    Case(
        "tables-nested-six-deep",
        "\n".join(_nested(5)) + "\n",
        (),
        ("leaf", "level1", "level5"),
        tables=6,
        panels=0,
    ),
    Case(
        "tables-nested-twenty-deep",
        "\n".join(DEEP_LINES) + "\n",
        (("nesting-too-deep", 17, 65),),
        ("leaf", *(f"level{n}" for n in range(1, DEEP + 1))),
        tables=16,
        panels=1,
    ),
    Case(
        "closing-tag-in-the-code-fence-of-a-cell",
        "# Code\n\n<ListTable>\n- - ```\n    </ListTable>\n    ```\n  - bravo\n</ListTable>\n\n"
        "After alpha.\n",
        (),
        ("</ListTable>", "bravo", "After alpha."),
        tables=1,
        panels=0,
    ),
    Case(
        "closing-tag-in-the-tilde-fence-of-a-cell",
        "# Code\n\n<ListTable>\n- - ~~~~\n    </ListTable>\n    ~~~~\n  - bravo\n</ListTable>\n",
        (),
        ("</ListTable>", "bravo"),
        tables=1,
    ),
    Case(
        "only-closing-tag-in-the-code-fence-of-a-cell",
        "# Code\n\n<ListTable>\n- - ```\n    </ListTable>\n    ```\n\nAfter alpha.\n",
        (("unclosed", 3, 1),),
        ("</ListTable>", "After alpha."),
        tables=0,
        panels=1,
    ),
    Case(
        "code-fence-left-open-in-a-cell-in-an-admonition",
        "# Code\n\n!!! note\n    <ListTable>\n    - - ```\n        alpha\n      - bravo\n"
        "    </ListTable>\n\nAfter charlie.\n",
        (),
        ("alpha", "bravo", "After charlie."),
        tables=1,
        panels=0,
    ),
    Case(
        "code-fence-left-open-in-a-cell-in-a-list-item",
        "# Code\n\n- item\n\n    <ListTable>\n    - - ```\n        alpha\n      - bravo\n"
        "    </ListTable>\n",
        (),
        ("item", "alpha", "bravo"),
        tables=1,
        panels=0,
    ),
    Case(
        "table-under-a-code-fence-left-open",
        "# Code\n\nText.\n\n```\n<ListTable>\n- - alpha\n  - bravo\n</ListTable>\n",
        (),
        ("```", "alpha", "bravo"),
        tables=1,
    ),
    Case(
        "stray-closing-tag-under-a-code-fence-left-open",
        "# Code\n\n```\n</ListTable>\n",
        (("unclosed", 4, 1),),
        ("```", "</ListTable>"),
    ),
    Case(
        "stray-closing-tag-under-a-fence-left-open-in-a-cell",
        "# Code\n\n<ListTable>\n- - ```\n    alpha\n    </ListTable>\n  - bravo\n</ListTable>\n",
        (("unclosed", 6, 5),),
        ("alpha", "</ListTable>", "bravo"),
        tables=1,
    ),
    Case(
        "stray-closing-tag-in-an-indented-fence-in-a-list-item",
        "# Code\n\n- item\n\n      ~~~\n     </ListTable>\n      ~~~\n",
        (("unclosed", 6, 6),),
        ("item", "~~~", "</ListTable>"),
    ),
    Case(
        "fence-line-indented-inside-a-code-block",
        "# Code\n\n```\n    ```\n</ListTable>\n```\n\nAfter alpha.\n",
        (),
        ("    ```\n</ListTable>", "After alpha."),
        tables=0,
        panels=0,
    ),
    Case(
        "table-in-a-list-item-after-a-lazy-line",
        "# Lists\n\n- Step one, a long sentence\nthat wraps without indentation.\n\n"
        "    <ListTable>\n    - - alpha\n    </ListTable>\n",
        (),
        ("Step one", "alpha"),
        tables=1,
    ),
    Case(
        "stray-closing-tag-after-a-lazy-line",
        "# Lists\n\n- item alpha\nlazy bravo\n\n    </ListTable>\n",
        (("unclosed", 6, 5),),
        ("item alpha", "lazy bravo", "</ListTable>"),
    ),
    Case(
        "code-fence-left-open-in-a-cell",
        "# Code\n\n<ListTable>\n- - ```\n    alpha\n  - bravo\n</ListTable>\n\nAfter charlie.\n",
        (),
        ("alpha", "bravo", "After charlie."),
        tables=1,
    ),
]


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=f"bug: {case.bug}")] if case.bug else []
    return pytest.param(case, id=case.name, marks=marks)


# --- Reading the built pages -------------------------------------------------------------------


def logged(site: Site, page: str) -> list[tuple[str, int, int | None]]:
    """`(kind, line, column)` of every message the plugin logged about `page`."""
    found = []
    for message in site.listtable_messages():
        location = LOCATION_RE.match(message)
        assert location is not None, f"a message without file and line: {message}"
        if location["path"] != page:
            continue
        kind = KIND_RE.match(message, location.end())
        assert kind is not None, f"a message without a kind: {message}"
        column = int(location["column"]) if location["column"] else None
        found.append((kind[1], int(location["line"]), column))
    return found


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text without what closed `<details>` hide (their summary stays)."""
    main = soup.select_one("[role=main]") or soup.body
    assert isinstance(main, Tag)
    for details in main.select("details:not([open])"):
        for child in list(details.children):
            if not (isinstance(child, Tag) and child.name == "summary"):
                child.extract()
    return main.get_text()


def _build_alone(root: Path, case: Case) -> Site:
    with deadline(CASE_SECONDS):
        return build_site(root, {f"{case.name}.md": case.page})


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    """One site holding every case without a known bug, or `{}` when that build failed."""
    pages = {f"{case.name}.md": case.page for case in CASES if not case.bug}
    pages["index.md"] = "# Bad input\n"
    try:
        with deadline(BATCH_SECONDS):
            site = build_site(tmp_path_factory.mktemp("bad-input"), pages)
    except (Hang, Exception):
        return {}  # Each case is then built on its own, so only the culprit fails.
    return dict.fromkeys(pages, site)


def site_of(batch: dict[str, Site], tmp_path: Path, case: Case) -> Site:
    return batch.get(f"{case.name}.md") or _build_alone(tmp_path, case)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_bad_input(batch: dict[str, Site], tmp_path: Path, case: Case) -> None:
    """Exactly the case's problems, at its file and lines; its text on the page; no leftovers."""
    site = site_of(batch, tmp_path, case)
    page = f"{case.name}.md"
    found = logged(site, page)
    expected = [(p[0], p[1], p[2] if len(p) > 2 else None) for p in case.problems]
    assert sorted((k, n) for k, n, _ in found) == sorted((k, n) for k, n, _ in expected), found
    for problem in expected:
        if problem[2] is not None:
            assert problem in found, f"{problem} not in {found}"
    soup = site.page(case.name)
    html = str(soup)
    assert "\x02" not in html and "\x03" not in html, "a placeholder leaked into the page"
    text = visible_text(soup)
    for words in case.texts:
        assert words in text, f"{words!r} is not visible on the page"
    if case.tables is not None:
        assert len(soup.select("div.listtable table")) == case.tables
    if case.panels is not None:
        assert len(soup.select("div.listtable--error")) == case.panels


# --- What the decisions above look like on the page ---------------------------------------------


def _table(batch: dict[str, Site], tmp_path: Path, name: str) -> Tag:
    case = next(case for case in CASES if case.name == name)
    table = site_of(batch, tmp_path, case).page(name).select_one("div.listtable table")
    assert table is not None
    return table


def _shape(table: Tag) -> list[list[str]]:
    """The text of each cell, row by row, of the table itself (not of tables in its cells)."""
    return [
        [cell.get_text(strip=True) for cell in tr.find_all(["td", "th"], recursive=False)]
        for tr in table.find_all("tr")
        if tr.find_parent("table") is table
    ]


def test_mixed_bullets_make_one_table(batch: dict[str, Site], tmp_path: Path) -> None:
    """`-`, `*` and `+` mixed in one table make one table, row by row.

    CommonMark ends a list where the bullet character changes, so an MDX
    renderer could split the rows into three lists. A writer who copies rows
    from elsewhere and ends up with mixed bullets means one table; it is
    rendered as one, without a warning.
    """
    table = _table(batch, tmp_path, "mixed-bullets")
    assert _shape(table) == [["alpha", "bravo"], ["charlie", "delta"], ["echo", "foxtrot"]]


def test_single_level_list_is_reported_not_guessed(batch: dict[str, Site], tmp_path: Path) -> None:
    """A list of one level is neither a one-column nor a one-row table.

    Either reading is plausible, so none is guessed: every row is reported at
    its line, the panel names the file and line, and the opened source keeps
    the text.
    """
    case = next(case for case in CASES if case.name == "single-level-list")
    soup = site_of(batch, tmp_path, case).page(case.name)
    assert soup.select_one("div.listtable table") is None
    panel = soup.select_one("div.listtable--error .listtable__errors")
    assert panel is not None
    items = [li.get_text() for li in panel.select("li")]
    assert len(items) == 2
    assert "single-level-list.md:4" in items[0] and "single-level-list.md:5" in items[1]
    source = soup.select_one("div.listtable--error details.listtable__source[open]")
    assert source is not None and "- alpha\n- bravo" in source.get_text()


def test_tabs_nest_like_spaces(batch: dict[str, Site], tmp_path: Path) -> None:
    """Tabs count four columns: a table indented with tabs is the same table."""
    table = _table(batch, tmp_path, "tab-indentation")
    assert _shape(table) == [["alpha", "bravo"], ["charlie", "delta"], ["echo"]]
    assert table.select_one("td[rowspan='2']").get_text() == "charlie"


def test_spaces_around_markers_and_placeholders(batch: dict[str, Site], tmp_path: Path) -> None:
    """Spaces between the bullet and a marker or `_` are the list's, not the cell's."""
    for name in ("marker-with-spaces-before-it", "placeholder-with-spaces-around-it"):
        table = _table(batch, tmp_path, name)
        assert _shape(table) == [["alpha", "bravo"], ["charlie"]], name
        assert table.select_one("td[rowspan='2']").get_text() == "alpha"


def test_text_that_only_looks_like_markers(batch: dict[str, Site], tmp_path: Path) -> None:
    """`_ alpha _`, `\\_` and a marker after text are cell text, shown as typed."""
    assert _shape(_table(batch, tmp_path, "underscores-that-are-text")) == [
        ["_ alpha _", "_", "a_b"]
    ]
    assert _shape(_table(batch, tmp_path, "marker-after-text-is-text")) == [["alpha [r2]", "bravo"]]


def test_markers_in_header_and_footer_rows(batch: dict[str, Site], tmp_path: Path) -> None:
    """Spans work in `<thead>` and `<tfoot>` as in the body."""
    table = _table(batch, tmp_path, "markers-in-header-and-footer-rows")
    head = table.select_one("thead th[colspan='2']")
    # A header spanning columns names them as a column group.
    assert head is not None and head["scope"] == "colgroup" and head.get_text() == "alpha"
    foot = table.select_one("tfoot [colspan='2']")
    assert foot is not None and foot.name == "th" and foot.get_text() == "delta"


def test_right_to_left_and_non_ascii_text_is_kept_as_typed(
    batch: dict[str, Site], tmp_path: Path
) -> None:
    """Cells and captions keep their text exactly; messages name the table by its caption."""
    table = _table(batch, tmp_path, "non-ascii-and-right-to-left")
    assert table.caption.get_text() == "עברית"
    assert _shape(table) == [
        ["שלום עולם", "مرحبا بالعالم"],
        ["日本語のテキスト", "Ünïcödé ☃ 🎉"],
        ["x"],
    ]
    site = site_of(
        batch, tmp_path, next(c for c in CASES if c.name == "non-ascii-and-right-to-left")
    )
    assert any('ListTable "עברית" row 3, col 1' in m for m in site.listtable_messages())


def test_closing_tag_in_a_cell_fence_is_code(batch: dict[str, Site], tmp_path: Path) -> None:
    """A `</ListTable>` inside a cell's code fence is code, and the table closes at its own tag."""
    table = _table(batch, tmp_path, "closing-tag-in-the-code-fence-of-a-cell")
    assert table.select_one("td code").get_text() == "</ListTable>\n"
    assert _shape(table)[0][1] == "bravo"


def test_thousands_of_rows(batch: dict[str, Site], tmp_path: Path) -> None:
    """3,001 rows render, the header row in `<thead>`, and the problem's line is exact."""
    table = _table(batch, tmp_path, "thousands-of-rows")
    assert len(table.select("thead tr")) == 1
    assert len(table.select("tbody tr")) == 3000


@pytest.mark.parametrize(
    "marker",
    ["[r999999999]", "[c999999999]", "[r999999999c999999999]", "[r" + "9" * 40 + "]"],
)
def test_huge_spans_cost_what_small_ones_cost(marker: str) -> None:
    """Neither time nor memory grows with the size of a span."""

    def convert(span: str) -> tuple[float, int]:
        text = f"<ListTable>\n- - {span} a\n  - b\n- - _\n  - c\n</ListTable>\n" * 20
        md = markdown.Markdown(
            extensions=["listtable"], extension_configs={"listtable": {"raise_on_error": False}}
        )
        logging.getLogger("mkdocs.plugins.listtable").disabled = True
        tracemalloc.start()
        start = time.perf_counter()
        try:
            md.convert(text)
        finally:
            elapsed = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            logging.getLogger("mkdocs.plugins.listtable").disabled = False
        return elapsed, peak

    convert("[r2]")  # Warm up imports and caches.
    small_time, small_peak = convert("[r2]")
    huge_time, huge_peak = convert(marker)
    assert huge_time < 10 * small_time + 0.5
    assert huge_peak < 2 * small_peak + 1_000_000
