"""What demo_site/migration.md says about `mdx-list-tables`, held to the truth.

Each deliberate difference the page lists has a case here: the Markdown, what
the original renders, and what we render. The original's side is written down
from its source (`ListTable.tsx` of Daeruin/mdx-list-tables) and its
documentation, as MDX hands it the lists:

- a cell's span marker or placeholder is read from the cell item's first
  child only when that child is text. In a tight list it is; in a loose list
  (a blank line between the cells, or a cell of several blocks) MDX gives the
  item a line break first and the paragraph after it, so the marker is not
  seen: it stays as text and nothing spans;
- a placeholder `_` at a position no span covers produces no cell (and a
  console warning);
- span values are used as written (`Math.max(1, n)`): a rowspan reaching past
  the last row is emitted as is;
- the corner cell of header rows and header columns gets `scope="row"`;
- `caption` is a string prop, shown as written;
- a row item without a nested list of cells is skipped;
- every problem is found in the browser, when the page is viewed: the build
  reports nothing.

Our side is built for real. The page's table of differences must list
exactly these cases, so it cannot claim a difference that is not tested here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from .sites import run_module

ROOT = Path(__file__).parent.parent
MIGRATION = ROOT / "demo_site" / "migration.md"

Cell = tuple[str, str, int, int, str | None]
"""`(tag, text, rowspan, colspan, scope)`."""


@dataclass
class View:
    """What a reader gets from a table: its caption, its cells, and what the build reported.

    `rows` is `None` when no table is shown (an error panel instead).
    """

    caption: str | None
    rows: list[list[Cell]] | None
    build_log: list[str] = field(default_factory=list)


@dataclass
class Case:
    source: str
    original: View
    ours: View


CASES: dict[str, Case] = {
    "The top-left corner of a table with header rows and header columns": Case(
        "<ListTable headerRows={1} headerColumns={1}>\n"
        "- - Region\n  - Sales\n- - North\n  - 12\n</ListTable>\n",
        original=View(
            None,
            [
                [("th", "Region", 1, 1, "row"), ("th", "Sales", 1, 1, "col")],
                [("th", "North", 1, 1, "row"), ("td", "12", 1, 1, None)],
            ],
        ),
        ours=View(
            None,
            [
                [("th", "Region", 1, 1, "col"), ("th", "Sales", 1, 1, "col")],
                [("th", "North", 1, 1, "row"), ("td", "12", 1, 1, None)],
            ],
        ),
    ),
    "A span marker in a loose list (a cell of several blocks, or cells separated by blank lines)": (
        Case(
            "<ListTable>\n- - [r2] Tall\n\n  - b\n- - _\n  - c\n</ListTable>\n",
            # The marker is text, nothing spans, and the `_` below is an orphan: dropped.
            original=View(
                None,
                [
                    [("td", "[r2] Tall", 1, 1, None), ("td", "b", 1, 1, None)],
                    [("td", "c", 1, 1, None)],
                ],
            ),
            ours=View(
                None,
                [
                    [("td", "Tall", 2, 1, None), ("td", "b", 1, 1, None)],
                    [("td", "c", 1, 1, None)],
                ],
            ),
        )
    ),
    "A cell starting with []": Case(
        "<ListTable>\n- - [] Empty brackets\n  - b\n</ListTable>\n",
        # Its marker expression matches brackets with no span in them, and removes them.
        original=View(None, [[("td", "Empty brackets", 1, 1, None), ("td", "b", 1, 1, None)]]),
        ours=View(None, [[("td", "[] Empty brackets", 1, 1, None), ("td", "b", 1, 1, None)]]),
    ),
    "A cell showing one underscore": Case(
        "<ListTable>\n- - [c2] Wide\n  - _\n- - \\_\n  - b\n</ListTable>\n",
        # MDX reads `\_` as `_`: a placeholder no span covers, dropped.
        original=View(None, [[("td", "Wide", 1, 2, None)], [("td", "b", 1, 1, None)]]),
        ours=View(
            None, [[("td", "Wide", 1, 2, None)], [("td", "_", 1, 1, None), ("td", "b", 1, 1, None)]]
        ),
    ),
    "A caption with Markdown in it": Case(
        '<ListTable caption="Prices in **EUR**">\n- - a\n</ListTable>\n',
        original=View("Prices in **EUR**", [[("td", "a", 1, 1, None)]]),
        ours=View("Prices in <strong>EUR</strong>", [[("td", "a", 1, 1, None)]]),
    ),
    "A row span reaching past the last row": Case(
        "<ListTable>\n- - [r3] Tall\n  - b\n- - _\n  - c\n</ListTable>\n",
        original=View(
            None, [[("td", "Tall", 3, 1, None), ("td", "b", 1, 1, None)], [("td", "c", 1, 1, None)]]
        ),
        ours=View(
            None,
            [[("td", "Tall", 2, 1, None), ("td", "b", 1, 1, None)], [("td", "c", 1, 1, None)]],
            ["rowspan-overflow"],
        ),
    ),
    "A row without a list of cells": Case(
        "<ListTable>\n- - a\n  - b\n- just text\n- - c\n  - d\n</ListTable>\n",
        # The row item holds no nested list: skipped, with no message.
        original=View(
            None,
            [
                [("td", "a", 1, 1, None), ("td", "b", 1, 1, None)],
                [("td", "c", 1, 1, None), ("td", "d", 1, 1, None)],
            ],
        ),
        ours=View(None, None, ["not-a-list"]),
    ),
    "Problems": Case(
        "<ListTable>\n- - a\n  - b\n- - _\n  - c\n</ListTable>\n",
        # An orphan `_`: the original drops it and warns in the browser's console.
        original=View(
            None, [[("td", "a", 1, 1, None), ("td", "b", 1, 1, None)], [("td", "c", 1, 1, None)]]
        ),
        ours=View(
            None,
            [[("td", "a", 1, 1, None), ("td", "b", 1, 1, None)], [("td", "c", 1, 1, None)]],
            ["orphan-placeholder"],
        ),
    ),
}


def _cell(element: Tag) -> Cell:
    inner = element.decode_contents().strip()
    text = inner if element.find(True) else element.get_text().strip()
    scope = element.get("scope")
    return (
        element.name,
        text,
        int(str(element.get("rowspan", 1))),
        int(str(element.get("colspan", 1))),
        str(scope) if scope else None,
    )


def ours(source: str, caplog: pytest.LogCaptureFixture) -> View:
    """Our view of `source`, built with the extension as a page would be."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.listtable"):
        html = markdown.markdown(
            source,
            extensions=["listtable", "attr_list"],
            extension_configs={"listtable": {"raise_on_error": False}},
        )
    kinds = [record.getMessage().split(": ")[1] for record in caplog.records]
    table = BeautifulSoup(html, "html.parser").find("table")
    if table is None:
        return View(None, None, kinds)
    caption = table.find("caption")
    rows = [[_cell(c) for c in tr.find_all(["td", "th"])] for tr in table.find_all("tr")]
    return View(caption.decode_contents() if caption else None, rows, kinds)


@pytest.mark.parametrize("name", list(CASES))
def test_each_difference_is_real(name: str, caplog: pytest.LogCaptureFixture) -> None:
    case = CASES[name]
    assert case.original.build_log == []  # The original checks nothing at build time.
    got = ours(case.source, caplog)
    assert got == case.ours
    assert got != case.original


def _differences(page: Callable[[], str]) -> list[str]:
    """The first column of the page's table of differences, header row left out."""
    html = markdown.markdown(
        page(), extensions=["listtable", "attr_list", "admonition", "pymdownx.superfences"]
    )
    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        caption = table.find("caption")
        if caption and caption.get_text() == "Where mkdocs-listtable differs":
            return [
                " ".join(tr.find(["th", "td"]).get_text().split())
                for tr in table.find_all("tr")[1:]
            ]
    raise AssertionError("migration.md has no table captioned 'Where mkdocs-listtable differs'")


def test_page_lists_exactly_the_tested_differences() -> None:
    listed = _differences(lambda: MIGRATION.read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(CASES)


def test_demo_builds_strictly(tmp_path: Path) -> None:
    site = str(tmp_path / "site")
    result = run_module(ROOT, "mkdocs", "build", "--strict", "-d", site, timeout=300)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(
        (tmp_path / "site" / "migration" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    after = page.find(id="after-the-move")
    assert after is not None
    content = after.find_parent("article") or page
    shown = [
        table
        for table in content.find_all("table")
        if after in table.find_all_previous("h4")
        and table.find_parent("details", class_="listtable__source") is None
    ][:2]
    assert len(shown) == 2
    first, second = shown
    assert first.find("caption").get_text() == "Everyday commands"
    assert len(first.find_all("br")) == 2  # The backslash breaks.
    assert (
        first.find("div", class_="admonition danger")
        .find("p", class_="admonition-title")
        .get_text()
        == "Danger"
    )
    folded = second.find_parent("details")
    assert folded is not None and folded.find("summary").get_text() == "Branch commands"
    tip = second.find("div", class_="admonition tip")
    assert tip.find("p", class_="admonition-title").get_text() == "Naming"
    text = " ".join(node.get_text(" ") for node in after.find_all_next("p"))
    assert "import {" not in text and "{/*" not in text


def test_walk_through_shows_the_page_it_builds() -> None:
    """The 'after' half of the walk-through is the 'before' page, front matter and title aside."""
    page = MIGRATION.read_text(encoding="utf-8")
    walk = page[page.index("#### Before the move") : page.index("## From reStructuredText")]
    before = walk[walk.index("````mdx") : walk.index("\n````\n")].split("\n", 1)[1]
    body = before.split("---\n", 2)[2].replace("# Git basics\n\n", "")
    after = walk[walk.index("#### After the move") :].split("\n\n", 2)[2]
    assert after.strip() == body.strip()
