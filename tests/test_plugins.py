"""ListTable beside the plugins and extensions real sites use, each installed from PyPI.

Many of them build Markdown instances of their own from the site's extensions
(mkdocstrings for docstrings, Material's blog for excerpts, i18n for each
language) or rewrite the page before or after us (macros, snippets,
striphtml, minify). Every case counts the tables, toggles and warnings
exactly, and finds no marker or placeholder of ours left in any page.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from .sites import (
    DEFAULT_EXTENSIONS,
    REVENUE_TABLE,
    Site,
    build_site,
    check_no_leftovers,
    html_files,
    run_module,
    write_site,
)
from .wellformed import check_balanced, check_well_formed

PROBLEM_TABLE = """\
<ListTable>
- - a
- - _
</ListTable>
"""
"""A table with one problem: the `_` on its third line is covered by no span (column 5)."""

CODE_TABLE = """\
<ListTable headerRows={1}>
- - Call
  - Example
- - fetch
  - ```python
    fetch("https://example.org")
    ```
</ListTable>
"""
"""A table with fenced code in a cell."""

TWO_TABLES = f"""\
# Two tables

<!-- An author's comment. -->

{REVENUE_TABLE}
Between the tables.

{CODE_TABLE}"""
"""Two tables with toggles, and a comment of the author's."""


def built_pages(site: Site) -> dict[str, str]:
    return html_files(site.root / "site")


def tables(page: BeautifulSoup | Tag) -> list[Tag]:
    """The rendered ListTables (not error panels, not tables inside cells)."""
    return page.select("div.listtable > .listtable__scroll > table")


def toggles(page: BeautifulSoup | Tag) -> list[Tag]:
    return page.select("details.listtable__source")


def toggle_sources(page: BeautifulSoup | Tag) -> list[str]:
    """The source each toggle shows, as the author wrote it."""
    return [t.select_one("pre code").get_text().rstrip("\n") for t in toggles(page)]


def check_page(site: Site, name: str, *, tables_: int, toggles_: int) -> BeautifulSoup:
    """The page, once its tables and toggles are counted (each table's toggle follows it)."""
    page = site.page(name)
    assert len(tables(page)) == tables_, name
    assert len(toggles(page)) == toggles_, name
    for toggle in toggles(page):
        assert toggle.parent is not None and "listtable" in toggle.parent.get("class", [])
        assert toggle.has_attr("data-search-exclude") and not toggle.has_attr("open")
    return page


def warnings_of(site: Site) -> list[str]:
    """What the plugin logged as warnings or errors, without the logger's `listtable: ` prefix."""
    return [m.removeprefix("listtable: ") for m in site.listtable_messages()]


def extensions(*more: Any) -> list[Any]:
    return [*DEFAULT_EXTENSIONS, *more]


# ---- mkdocstrings ---------------------------------------------------------------------------

MODULE = '''\
"""Shapes and their sides.

<ListTable headerRows={1}>
- - Shape
  - Sides
- - triangle
  - 3
</ListTable>
"""


def area(width: float, height: float) -> float:
    """The area of a rectangle.

    <ListTable>
    - - width
    - - _
    </ListTable>

    Args:
        width: How wide.
        height: How high.
    """
    return width * height
'''

API_PAGE = f"""\
# API

{REVENUE_TABLE}
::: shapes

<ListTable caption="After the module">
- - after
  - the docs
</ListTable>
"""

MKDOCSTRINGS = {"mkdocstrings": {"handlers": {"python": {"paths": ["src"]}}}}


# mkdocstrings keeps the site's list of extensions when its `on_config` runs:
# before ours when it is listed first.
ORDERS = pytest.mark.parametrize(
    "plugins",
    [["search", MKDOCSTRINGS, "listtable"], ["search", "listtable", MKDOCSTRINGS]],
    ids=["mkdocstrings-first", "listtable-first"],
)


def _mkdocstrings_site(root: Path, plugins: list[Any]) -> dict[str, Any]:
    (root / "src").mkdir()
    (root / "src" / "shapes.py").write_text(MODULE, encoding="utf-8")
    return {"plugins": plugins}


@ORDERS
def test_mkdocstrings_tables_before_in_and_after_docstrings(
    tmp_path: Path, plugins: list[Any]
) -> None:
    site = build_site(tmp_path, {"index.md": API_PAGE}, **_mkdocstrings_site(tmp_path, plugins))
    check_no_leftovers(built_pages(site))
    page = check_page(site, "index", tables_=4, toggles_=4)
    captions = [t.caption.get_text() if t.caption else None for t in tables(page)]
    assert captions == ["Quarterly revenue", None, None, "After the module"]
    docstring = page.select_one(".doc-module .doc-contents")
    assert docstring is not None and len(tables(docstring)) == 2
    assert [s.splitlines()[0] for s in toggle_sources(page)] == [
        '<ListTable headerRows={1} headerColumns={1} caption="Quarterly revenue">',
        "<ListTable headerRows={1}>",
        "<ListTable>",
        '<ListTable caption="After the module">',
    ]
    # The problem in a docstring is the page's, reported once, at its line in the docstring.
    [warning] = warnings_of(site)
    assert warning.startswith(
        "index.md: in Markdown converted by another plugin, line 5:5: orphan-placeholder: "
    ), warning


def test_mkdocstrings_docstring_problem_fails_strict(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {"index.md": API_PAGE},
        **_mkdocstrings_site(tmp_path, ["search", MKDOCSTRINGS, "listtable"]),
    )
    result = run_module(tmp_path, "mkdocs", "build", "--strict", timeout=120)
    assert result.returncode == 1, result.stderr
    assert "orphan-placeholder" in result.stderr


SURVEY = '''\
"""Results of the survey.

<ListTable caption="Survey" headerRows={2}>
- - [c2] Answers
  - _
- - Yes
  - No
- - 3
  - 4
</ListTable>

<ListTable id="results" caption="Totals">
- - all
  - 7
</ListTable>

<ListTable id="sides">
- - four
</ListTable>
"""
'''
"""A docstring with three tables: generated ids (caption, two header rows) and two author ids."""

SURVEY_PAGE = f"""\
---
title: Survey
---

# Survey

{REVENUE_TABLE}
::: survey

<ListTable id="results" caption="Page results">
- - page
</ListTable>

## Sides

The heading's anchor is `sides`.
"""
"""The page around the docstring: a table with generated ids before it, the docstring's author
id `results` again after it, and a heading whose anchor is its `sides`."""


@ORDERS
def test_ids_are_unique_across_the_page_and_its_docstrings(
    tmp_path: Path, plugins: list[Any]
) -> None:
    """mkdocstrings prefixes a docstring's ids with its object's: so do the references to them."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "survey.py").write_text(SURVEY, encoding="utf-8")
    site = build_site(tmp_path, {"index.md": SURVEY_PAGE}, plugins=plugins)
    check_no_leftovers(built_pages(site))
    page = check_page(site, "index", tables_=5, toggles_=5)
    # Numbered across the page in reading order, docstring included.
    wrappers = page.select("div.listtable")
    assert [w["data-listtable"] for w in wrappers] == ["1", "2", "3", "4", "5"]
    assert len(tables(page.select_one(".doc-module .doc-contents"))) == 3
    ids = _ids_are_unique(page)
    assert {"listtable-1-caption", "survey--listtable-2-caption", "survey--results"} <= ids
    assert {"results", "results-caption", "sides", "survey--sides"} <= ids
    # The prefixed `results` and `sides` are no duplicates of the page's.
    assert warnings_of(site) == []


TAKEN_PAGE = """\
# Survey

::: survey

<ListTable id="survey--results">
- - page
</ListTable>

## Sides {#survey--sides}
"""
"""A page that takes two of the docstring's ids as mkdocstrings prefixes them: a table's
(line 5) and a heading's (`attr_list`)."""


def test_duplicate_ids_between_a_page_and_its_docstrings_are_reported(tmp_path: Path) -> None:
    """Each where it stands: the page's table at its line in the file, the docstring's table
    (whose id the page's heading takes) at its line in the docstring."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "survey.py").write_text(SURVEY, encoding="utf-8")
    site = build_site(
        tmp_path, {"index.md": TAKEN_PAGE}, plugins=["search", MKDOCSTRINGS, "listtable"]
    )
    check_no_leftovers(built_pages(site))
    page = check_page(site, "index", tables_=4, toggles_=4)
    ids = Counter(str(element["id"]) for element in page.select("[id]"))
    assert sorted(i for i, n in ids.items() if n > 1) == ["survey--results", "survey--sides"]
    hint = "; give the table an id of its own"
    assert sorted(warnings_of(site)) == [
        "index.md: in Markdown converted by another plugin, line 17:1: duplicate-id: "
        "ListTable \"sides\": id 'survey--sides' is not unique: the heading 'Sides' has this "
        "anchor on the page" + hint,
        "index.md:5:1: duplicate-id: ListTable \"survey--results\": id 'survey--results' is not "
        'unique: ListTable "results" on line 12 of Markdown converted by another plugin has '
        "this id too" + hint,
    ]


def _ids_are_unique(page: BeautifulSoup) -> set[str]:
    """No id twice on the page, and each table's references name its own elements."""
    ids = Counter(str(element["id"]) for element in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    for wrapper in page.select("div.listtable"):
        own = {str(e["id"]) for e in wrapper.select("[id]")}
        for element in wrapper.select("[headers], [aria-labelledby]"):
            named = element.get("headers") or element.get("aria-labelledby")
            names = named if isinstance(named, list) else str(named).split()
            assert names and set(names) <= own, names
    return set(ids)


# ---- Material's blog ------------------------------------------------------------------------

FIRST_POST = f"""\
---
date: 2024-01-02
---

# First post

Before the table.

{CODE_TABLE}
<!-- more -->

After the cut.
"""

SECOND_POST = f"""\
---
date: 2024-01-01
---

# Second post

Only this paragraph is in the excerpt.

<!-- more -->

{REVENUE_TABLE}"""


def test_blog_excerpts_keep_whole_tables(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/first.md": FIRST_POST,
        "blog/posts/second.md": SECOND_POST,
    }
    site = build_site(tmp_path, pages, theme="material", plugins=["search", "blog", "listtable"])
    html = built_pages(site)
    check_no_leftovers(html)
    assert warnings_of(site) == []
    for path in ("blog/index.html", "blog/2024/01/02/first-post/index.html"):
        check_balanced(html[path])
    first = check_page(site, "blog/2024/01/02/first-post", tables_=1, toggles_=1)
    check_page(site, "blog/2024/01/01/second-post", tables_=1, toggles_=1)

    index = check_page(site, "blog", tables_=1, toggles_=1)
    excerpts = index.select("article")
    assert len(excerpts) == 2
    for excerpt in excerpts:
        check_well_formed(str(excerpt))
    [table] = tables(excerpts[0])
    assert table.select_one("td pre code").get_text() == 'fetch("https://example.org")\n'
    assert _cells(table) == _cells(tables(first)[0])
    assert toggle_sources(excerpts[0]) == [CODE_TABLE.rstrip("\n")]
    assert "After the cut." not in excerpts[0].get_text()
    assert tables(excerpts[1]) == [] and toggles(excerpts[1]) == []


def _cells(table: Tag) -> list[list[str]]:
    return [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def _words(table: Tag) -> list[list[str]]:
    """Each row's cells (nested tables' rows too), whitespace collapsed, toggles left out."""
    return [
        [
            " ".join(" ".join(cell.find_all(string=lambda s: not s.find_parent("details"))).split())
            for cell in tr.find_all(["th", "td"], recursive=False)
        ]
        for tr in table.find_all("tr")
    ]


CUT_IN_A_CELL = """\
<ListTable headerRows={1}>
- - Step
  - Detail
- - one
  - First part.

    <!-- more -->

    Second part.
- - two
  - <ListTable>
    - - inner <!-- more --> cell
    </ListTable>
</ListTable>
"""
"""A table whose cells hold the blog's excerpt separator: a block (line 15, column 5 of the
post below) and, in a nested table, inline."""

CUT_POST = f"""\
---
date: 2024-01-03
---

# Cut post

Before the table.

{CUT_IN_A_CELL}
After the table.
"""


def test_blog_separator_in_a_cell_ends_the_excerpt_after_the_table(tmp_path: Path) -> None:
    pages = {
        "blog/index.md": "# Blog\n",
        "blog/posts/cut.md": CUT_POST,
        "blog/posts/first.md": FIRST_POST,
        "elsewhere.md": f"# Not a post\n\n{CUT_IN_A_CELL}",
    }
    site = build_site(tmp_path, pages, theme="material", plugins=["search", "blog", "listtable"])
    html = built_pages(site)
    check_no_leftovers(html)
    # Said once (the excerpts convert the post again), at the separator in the post's file;
    # the page outside the blog keeps its comment where it is.
    [warning] = warnings_of(site)
    assert warning.startswith("blog/posts/cut.md:15:5: separator-in-table: ListTable #1: "), warning
    for path in ("blog/index.html", "blog/2024/01/03/cut-post/index.html", "elsewhere/index.html"):
        check_balanced(html[path])

    expected = [
        ["Step", "Detail"],
        ["one", "First part. Second part."],
        ["two", "inner cell"],
        ["inner cell"],  # The nested table's row.
    ]
    # The post's own page: the same table, and the separator right after it.
    post = check_page(site, "blog/2024/01/03/cut-post", tables_=2, toggles_=2)
    outer = tables(post)[0]
    assert _words(outer) == expected
    assert not outer.find_all(string=lambda s: isinstance(s, Comment))
    wrapper = outer.find_parent("div", class_="listtable")
    following = wrapper.find_next_sibling(string=lambda s: isinstance(s, Comment))
    assert following is not None and following.strip() == "more"
    assert "After the table." in post.get_text()

    # The blog index: the excerpt holds the whole table, and stops right after it.
    index = check_page(site, "blog", tables_=3, toggles_=3)
    cut, first = index.select("article")
    check_well_formed(str(cut))
    check_well_formed(str(first))
    excerpt = tables(cut)[0]
    assert _words(excerpt) == expected
    inner, whole = toggle_sources(cut)  # In page order: the nested table's comes first.
    assert whole == CUT_IN_A_CELL.rstrip("\n")
    assert inner == "<ListTable>\n- - inner <!-- more --> cell\n</ListTable>"
    assert "After the table." not in cut.get_text()
    assert "Continue reading" in cut.get_text()
    # The page's HTML holds both excerpts, each whole, one after the other.
    assert [a.parent is index.select_one("article").parent for a in (cut, first)] == [True, True]

    # Outside the blog, a comment in a cell is only a comment.
    elsewhere = site.page("elsewhere")
    assert [c.strip() for c in elsewhere.find_all(string=lambda s: isinstance(s, Comment))] == [
        "more",
        "more",
    ]


def _post(date: str, title: str) -> str:
    """A post whose excerpt holds a captioned table and one whose author gave it `id="results"`."""
    return f"""\
---
date: {date}
---

# {title}

<ListTable caption="{title}">
- - {title.lower()}
</ListTable>

<ListTable id="results">
- - {title.lower()} results
</ListTable>

<!-- more -->
"""


def test_blog_index_ids_are_unique_across_excerpts(tmp_path: Path) -> None:
    """Each excerpt is converted on its own; the page they share has one set of ids."""
    pages = {
        "blog/index.md": "# Blog\n",
        "blog/posts/alpha.md": _post("2024-01-06", "Alpha"),
        "blog/posts/beta.md": _post("2024-01-05", "Beta"),
    }
    site = build_site(tmp_path, pages, theme="material", plugins=["search", "blog", "listtable"])
    html = built_pages(site)
    check_no_leftovers(html)
    for post in ("2024/01/06/alpha", "2024/01/05/beta"):  # Each post on its own: as before.
        page = check_page(site, f"blog/{post}", tables_=2, toggles_=2)
        assert _ids_are_unique(page) >= {"listtable-1-caption", "results"}
    # The index and the archive show both excerpts: generated ids numbered across them;
    # the author's `results`, given twice, is said once for each page it repeats on.
    for view in ("blog", "blog/archive/2024"):
        page = check_page(site, view, tables_=4, toggles_=4)
        ids = Counter(str(element["id"]) for element in page.select("[id]"))
        assert [i for i, n in ids.items() if n > 1] == ["results"]
        assert {"listtable-1-caption", "listtable-3-caption"} <= set(ids)
        captions = [t.caption for t in tables(page) if t.caption]
        scrolls = [t.find_parent("div", class_="listtable__scroll") for t in tables(page)]
        assert [c["id"] for c in captions] == [
            s.get("aria-labelledby") for s in scrolls if s.get("aria-labelledby")
        ]
    assert warnings_of(site) == [
        f"{view}: in Markdown converted by another plugin, line 7:1: duplicate-id: "
        'ListTable "results": id \'results\' is not unique: ListTable "results" on line 7 of '
        "Markdown converted by another plugin has this id too; give the table an id of its own"
        for view in ("blog/index.md", "blog/archive/2024.md")
    ]


BROKEN_POST = f"""\
---
date: 2024-01-04
---

# Broken post

{PROBLEM_TABLE}
<!-- more -->

After the cut.
"""
"""A post whose excerpt holds a table with a problem on line 9, column 5."""


def test_blog_problem_in_an_excerpt_is_reported_once(tmp_path: Path) -> None:
    """The excerpt converts the post again, for the index and the archive: one problem still."""
    pages = {"blog/index.md": "# Blog\n", "blog/posts/broken.md": BROKEN_POST}
    site = build_site(tmp_path, pages, theme="material", plugins=["search", "blog", "listtable"])
    check_no_leftovers(built_pages(site))
    check_page(site, "blog/2024/01/04/broken-post", tables_=1, toggles_=1)
    check_page(site, "blog", tables_=1, toggles_=1)
    [warning] = warnings_of(site)
    assert warning.startswith("blog/posts/broken.md:9:5: orphan-placeholder: "), warning


# ---- mkdocs-macros --------------------------------------------------------------------------

MACRO_PAGE = f"""\
---
title: Macros
---

# {{{{ config.site_name }}}}

Version {{{{ 2 + 3 }}}}.

{PROBLEM_TABLE}"""
"""Front matter, macros near the top, and a problem on line 11, column 5, of the file."""


def test_macros_front_matter_and_macro_keep_lines_right(tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": MACRO_PAGE}, plugins=["search", "macros", "listtable"])
    check_no_leftovers(built_pages(site))
    page = check_page(site, "index", tables_=1, toggles_=1)
    assert page.h1.get_text() == "Test" and "Version 5." in page.get_text()
    [warning] = warnings_of(site)
    assert warning.startswith("index.md:11:5: ") and "orphan-placeholder" in warning, warning


# ---- Tools that strip comments or minify ----------------------------------------------------


def _toggles_survive(site: Site) -> None:
    check_no_leftovers(built_pages(site))
    assert warnings_of(site) == []
    page = check_page(site, "index", tables_=2, toggles_=2)
    assert toggle_sources(page) == [REVENUE_TABLE.rstrip("\n"), CODE_TABLE.rstrip("\n")]


def test_striphtml_with_its_defaults_keeps_toggles(tmp_path: Path) -> None:
    site = build_site(
        tmp_path, {"index.md": TWO_TABLES}, extensions=extensions("pymdownx.striphtml")
    )
    assert "An author's comment" not in built_pages(site)["index.html"]  # It did strip.
    _toggles_survive(site)


def test_toggles_whose_markers_are_stripped_are_reported(tmp_path: Path) -> None:
    """`pymdownx.striphtml` told to strip the markers' attribute: the toggles cannot be placed."""
    strip = {"pymdownx.striphtml": {"strip_attributes": ["data-listtable-toggle"]}}
    site = build_site(tmp_path, {"index.md": TWO_TABLES}, extensions=extensions(strip))
    check_no_leftovers(built_pages(site))
    check_page(site, "index", tables_=2, toggles_=0)
    [warning] = warnings_of(site)
    assert warning.startswith("index.md: ") and "pymdownx.striphtml" in warning, warning


MINIFY = {"minify": {"minify_html": True, "htmlmin_opts": {"remove_comments": True}}}


@pytest.mark.parametrize(
    "plugins",
    [["search", MINIFY, "listtable"], ["search", "listtable", MINIFY]],
    ids=["minify-first", "minify-last"],
)
def test_minify_removing_comments_keeps_toggles(tmp_path: Path, plugins: list[Any]) -> None:
    """With `pymdownx.striphtml` too: the markers survive both."""
    site = build_site(
        tmp_path,
        {"index.md": TWO_TABLES},
        plugins=plugins,
        extensions=extensions("pymdownx.striphtml"),
    )
    assert "An author's comment" not in built_pages(site)["index.html"]  # It did strip.
    _toggles_survive(site)


# ---- mkdocs-static-i18n ---------------------------------------------------------------------

I18N = {
    "i18n": {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "name": "English", "default": True, "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ],
    }
}


def test_i18n_every_language_gets_its_tables(tmp_path: Path) -> None:
    pages = {
        "index.md": f"# Revenue\n\n{REVENUE_TABLE}",
        "index.fr.md": f"# Chiffres\n\n{PROBLEM_TABLE}\n{REVENUE_TABLE}",
    }
    site = build_site(tmp_path, pages, plugins=["search", I18N, "listtable"])
    check_no_leftovers(built_pages(site))
    check_page(site, "index", tables_=1, toggles_=1)
    french = check_page(site, "fr", tables_=2, toggles_=2)
    assert toggle_sources(french) == [PROBLEM_TABLE.rstrip("\n"), REVENUE_TABLE.rstrip("\n")]
    [warning] = warnings_of(site)
    assert warning.startswith("index.fr.md:5:5: ") and "orphan-placeholder" in warning, warning


# ---- pymdownx.snippets ----------------------------------------------------------------------


def test_snippet_holding_a_table(tmp_path: Path) -> None:
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "revenue.md").write_text(REVENUE_TABLE, encoding="utf-8")
    (snippets / "broken.md").write_text(PROBLEM_TABLE, encoding="utf-8")
    page = '# Snippets\n\n--8<-- "revenue.md"\n\nText.\n\n--8<-- "broken.md"\n'
    site = build_site(
        tmp_path,
        {"index.md": page},
        extensions=extensions({"pymdownx.snippets": {"base_path": [str(snippets)]}}),
    )
    check_no_leftovers(built_pages(site))
    built = check_page(site, "index", tables_=2, toggles_=2)
    assert toggle_sources(built) == [REVENUE_TABLE.rstrip("\n"), PROBLEM_TABLE.rstrip("\n")]
    [warning] = warnings_of(site)
    assert warning.startswith("index.md:") and "orphan-placeholder" in warning, warning


# ---- ProperDocs -----------------------------------------------------------------------------

# ProperDocs shares the environment with MkDocs: it imports as `properdocs` and
# redirects `mkdocs.*` imports to itself inside its own process only. Its
# built-in themes come as separate packages; Material needs none.


def _properdocs(root: Path, page: str, *args: str) -> tuple[Any, Site]:
    write_site(root, {"index.md": page}, theme="material")
    result = run_module(root, "properdocs", "build", "-f", "mkdocs.yml", *args, timeout=120)
    return result, Site(root)


def test_properdocs_builds_tables_and_toggles(tmp_path: Path) -> None:
    result, site = _properdocs(tmp_path, TWO_TABLES, "--strict")
    assert result.returncode == 0, result.stderr
    assert "listtable" not in result.stderr.lower()
    check_no_leftovers(built_pages(site))
    page = check_page(site, "index", tables_=2, toggles_=2)
    assert toggle_sources(page) == [REVENUE_TABLE.rstrip("\n"), CODE_TABLE.rstrip("\n")]
    css = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any(str(href).endswith("assets/listtable/listtable.css") for href in css)
    assert (site.root / "site" / "assets" / "listtable" / "listtable.css").is_file()


def test_properdocs_strict_fails_on_a_problem(tmp_path: Path) -> None:
    result, _ = _properdocs(tmp_path, f"# Broken\n\n{PROBLEM_TABLE}", "--strict")
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "orphan-placeholder" in line]
    assert len(problems) == 1 and "index.md:5:5: " in problems[0], result.stderr
