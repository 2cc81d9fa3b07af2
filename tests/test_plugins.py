"""ListTable beside the plugins and extensions real sites use, each installed from PyPI.

Many of them build Markdown instances of their own from the site's extensions
(mkdocstrings for docstrings, Material's blog for excerpts, i18n for each
language) or rewrite the page before or after us (macros, snippets,
striphtml, minify). Every case counts the tables, toggles and warnings
exactly, and finds no marker or placeholder of ours left in any page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

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
