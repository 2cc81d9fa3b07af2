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
