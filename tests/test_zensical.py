"""The demo built by Zensical, which runs mkdocs.yml's Markdown extensions and no MkDocs plugin.

Without the plugin the extension does all the work: the tables, the source
toggles (its `source_toggle` option) and the errors of strict-mode tables.
Zensical's version is pinned in the `test` extra of pyproject.toml.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from .browser import DEMO_CONFIG, build_demo, built_pages, demo_config, unavailable
from .sites import check_no_leftovers, html_files, run_module

# What the demo's mkdocs.yml is given when it does not list the extension itself.
# The validation page shows a strict-mode error panel on purpose: its front matter's
# `listtable: {report: false}`, which the extension reads from Zensical's page, keeps
# it from stopping the build.
EXTENSION = "listtable: {source_toggle: true}"


def _with_extension(text: str) -> str:
    """mkdocs.yml's text with EXTENSION last in markdown_extensions; tags kept as written."""
    lines = text.splitlines(keepends=True)
    key = next((n for n, line in enumerate(lines) if line.startswith("markdown_extensions:")), None)
    if key is None:
        return f"{text.rstrip()}\nmarkdown_extensions:\n  - {EXTENSION}\n"
    last, indent = key, "  "
    for n in range(key + 1, len(lines)):
        line = lines[n]
        if line.strip() and not line.startswith((" ", "\t", "-")):
            break  # the next top-level key
        if line.lstrip().startswith("- ") and last == key:
            indent = line[: len(line) - len(line.lstrip())]
        if line.strip():
            last = n
    lines.insert(last + 1, f"{indent}- {EXTENSION}\n")
    return "".join(lines)


def _zensical(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`zensical build` in `root`, with this interpreter (and so this checkout's extension)."""
    return run_module(root, "zensical", "build", *args, timeout=180)


@pytest.fixture(scope="module", autouse=True)
def _zensical_installed() -> None:
    if sys.version_info < (3, 11):
        pytest.skip("the pinned Zensical needs Python 3.11+")
    try:
        import zensical  # noqa: F401
    except ImportError:
        unavailable('Zensical is missing: pip install -e ".[test]"')


def _lists_listtable(extensions: list[Any]) -> bool:
    names = (next(iter(e)) if isinstance(e, dict) else e for e in extensions)
    return any(name in ("listtable", "mkdocs_listtable.extension") for name in names)


@dataclass
class Builds:
    """The demo built by MkDocs (with the plugin) and by Zensical (the extension alone)."""

    mkdocs: Path
    zensical: Path

    def pages(self, path: str) -> tuple[BeautifulSoup, BeautifulSoup]:
        return tuple(  # type: ignore[return-value]
            BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
            for site in (self.mkdocs, self.zensical)
        )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    root = tmp_path_factory.mktemp("zensical")
    config = demo_config()
    docs_dir = config.get("docs_dir", "docs")
    shutil.copytree(DEMO_CONFIG.parent / docs_dir, root / docs_dir)
    text = DEMO_CONFIG.read_text(encoding="utf-8")
    if not _lists_listtable(config.get("markdown_extensions") or []):
        text = _with_extension(text)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")

    result = _zensical(root)
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    mkdocs_site = tmp_path_factory.mktemp("mkdocs") / "site"
    build_demo(mkdocs_site)
    yield Builds(mkdocs_site, root / "site")


def _shape(block: Tag) -> tuple[Any, ...]:
    """What a ListTable block shows: table structure and cell text, toggle and its source."""
    rows = []
    table = block.select_one(":scope > .listtable__scroll table")
    if table is not None:
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is table:
                rows.append(
                    tuple(
                        (
                            cell.name,
                            tr.parent.name,
                            cell.get("scope"),
                            cell.get("rowspan"),
                            cell.get("colspan"),
                            " ".join(cell.get_text().split()),
                        )
                        for cell in tr.find_all(["th", "td"], recursive=False)
                    )
                )
    caption = table.caption.get_text(strip=True) if table and table.caption else None
    errors = block.select_one(":scope > .listtable__errors")
    toggle = block.select_one(":scope > details.listtable__source")
    return (
        block.get("class"),
        caption,
        tuple(rows),
        # Each problem with its place in the file, as the plugin gives it.
        [" ".join(item.get_text().split()) for item in errors.select("li")] if errors else None,
        toggle.summary.get_text(strip=True) if toggle else None,
        toggle.select_one("code").get_text() if toggle else None,
        toggle.has_attr("open") if toggle else None,
    )


def test_zensical_builds_every_page_of_the_demo(builds: Builds) -> None:
    assert built_pages(builds.zensical) == built_pages(builds.mkdocs)


# The Tools page builds one table from the output of `mkdocs-listtable convert`, which an
# MkDocs hook runs while the page builds; Zensical runs no MkDocs hook.
BUILT_BY_A_HOOK = {"tools/"}


def test_zensical_shows_the_same_tables_and_toggles_as_mkdocs(builds: Builds) -> None:
    for path in built_pages(builds.mkdocs):
        if path in BUILT_BY_A_HOOK:
            continue
        ours, theirs = builds.pages(path)
        expected = [_shape(block) for block in ours.select("div.listtable")]
        assert [_shape(block) for block in theirs.select("div.listtable")] == expected, path


def test_no_marker_or_placeholder_is_left_in_any_page(builds: Builds) -> None:
    for site in (builds.zensical, builds.mkdocs):
        pages = html_files(site)
        assert len(pages) >= len(built_pages(site)) > 0
        check_no_leftovers(pages)


def test_zensical_tables_have_their_structure(builds: Builds) -> None:
    soups = [builds.pages(path)[1] for path in built_pages(builds.zensical)]
    tables = [t for soup in soups for t in soup.select("div.listtable table")]
    assert tables
    own = [t for t in tables if "listtable__scroll" in (t.parent.get("class") or [])]
    # The table carries the author's className only, never a class of ours.
    assert own and not [c for t in own for c in t.get("class", []) if c.startswith("listtable")]
    cells = [cell for table in tables for cell in table.select("th, td")]
    assert any(
        c.name == "th" and c.get("scope") == "col" and c.parent.parent.name == "thead"
        for c in cells
    )
    assert any(c.name == "th" and c.get("scope") == "row" for c in cells)
    assert any(c.get("rowspan") == "2" for c in cells)
    assert any(c.get("colspan") == "2" for c in cells)
    toggles = [
        t for soup in soups for t in soup.select("div.listtable > details.listtable__source")
    ]
    assert toggles, "the extension emits the toggles itself"
    assert all(t.summary.get_text(strip=True) == "MDX source" for t in toggles)


def test_toggles_stay_out_of_zensical_search(builds: Builds) -> None:
    """The extension marks each toggle `data-search-exclude`; Zensical honours and removes it."""
    index = json.loads((builds.zensical / "search.json").read_text(encoding="utf-8"))
    checked = 0
    for path in built_pages(builds.zensical):
        ours, theirs = builds.pages(path)
        text = " ".join(
            item["text"] for item in index["items"] if item["location"].split("#")[0] == path
        )
        shown = [pre.get_text() for pre in ours.select("pre") if not pre.find_parent("details")]
        for toggle in theirs.select("div.listtable > details.listtable__source"):
            source = toggle.select_one("code").get_text().rstrip("\n")
            if any(source in code for code in shown):
                continue  # the page also shows this source as an example
            assert html.escape(source, quote=False) not in text, path
            checked += 1
        # The tables themselves are indexed (a cell of plain text stands for them).
        plain = [td for td in theirs.select("div.listtable td") if td.find(True) is None]
        for cell in plain[:1]:
            assert " ".join(cell.get_text().split()) in " ".join(text.split()), path
    assert checked


# ---- Small sites of our own ------------------------------------------------------


def _site(root: Path, page: str) -> Path:
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = {"site_name": "Test", "markdown_extensions": ["listtable"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


STRICT = '<ListTable validation="strict">\n- - a\n- - _\n</ListTable>\n'


def test_strict_mode_problem_stops_the_zensical_build(tmp_path: Path) -> None:
    result = _zensical(_site(tmp_path, f"# Title\n\n{STRICT}"))
    assert result.returncode != 0
    assert "ListTableError" in result.stderr
    assert "index.md:5:5: orphan-placeholder: ListTable #1 row 2, col 1" in result.stderr


def test_zensical_messages_name_the_page_and_its_line(tmp_path: Path) -> None:
    """Zensical strips the front matter; the extension finds the page, and its lines, on its own."""
    result = _zensical(_site(tmp_path, f"---\ntitle: T\n---\n\n# Title\n\n{STRICT}"))
    assert result.returncode != 0
    assert "index.md:9:5: orphan-placeholder: ListTable #1 row 2, col 1" in result.stderr


def test_zensical_warnings_name_pages_in_folders(tmp_path: Path) -> None:
    """A warning, in a page of a folder whose front matter ends with `...` and blank lines."""
    _site(tmp_path, "# Home\n")
    table = STRICT.replace(' validation="strict"', "")
    page = f"---\ntitle: T\n...\n\n\n# Guide\n\n{table}"
    (tmp_path / "docs" / "guide").mkdir()
    (tmp_path / "docs" / "guide" / "setup.md").write_text(page, encoding="utf-8")
    result = _zensical(tmp_path)
    assert result.returncode == 0, result.stderr
    found = [line for line in result.stderr.splitlines() if "orphan-placeholder" in line]
    assert len(found) == 1, result.stderr
    assert "guide/setup.md:10:5: orphan-placeholder: ListTable #1 row 2, col 1" in found[0]


DOCSTRING = '''\
"""Shapes.

<ListTable caption="Doc">
- - a
- - _
</ListTable>
"""
'''

API_PAGE = f"""\
---
title: API
---

# API

<ListTable caption="Page">
- - a
</ListTable>

::: shapes

{STRICT.replace(' validation="strict"', "")}"""
"""A page with a table before a docstring's and a table after it (problem on line 15, column 5)."""


def test_zensical_docstring_tables_name_the_page(tmp_path: Path) -> None:
    """mkdocstrings under Zensical: the docstring's own lines, the page's lines in its file."""
    _site(tmp_path, API_PAGE)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "shapes.py").write_text(DOCSTRING, encoding="utf-8")
    config = {
        "site_name": "Test",
        "plugins": [{"mkdocstrings": {"handlers": {"python": {"paths": ["src"]}}}}],
        "markdown_extensions": [{"listtable": {"source_toggle": True}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = _zensical(tmp_path)
    assert result.returncode == 0, result.stderr
    found = [line for line in result.stderr.splitlines() if "orphan-placeholder" in line]
    assert [line.split(": orphan-placeholder")[0] for line in found] == [
        "index.md: in Markdown converted by another plugin, line 5:5",
        "index.md:15:5",
    ], result.stderr
    page = BeautifulSoup(
        (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    check_no_leftovers(html_files(tmp_path / "site"))
    wrappers = page.select("div.listtable")
    # Numbered across the page; the docstring's ids prefixed by mkdocstrings, and named so.
    assert [w["data-listtable"] for w in wrappers] == ["1", "2", "3"]
    assert [w.select_one("caption")["id"] for w in wrappers[:2]] == [
        "listtable-1-caption",
        "shapes--listtable-2-caption",
    ]
    assert [w.select_one(".listtable__scroll").get("aria-labelledby") for w in wrappers[:2]] == [
        "listtable-1-caption",
        "shapes--listtable-2-caption",
    ]
    assert len(page.select("details.listtable__source")) == 3


def test_zensical_pages_can_keep_their_problems_out_of_the_log(tmp_path: Path) -> None:
    """`listtable: {report: false}` in the front matter, read from Zensical's page: no error."""
    quiet = f"---\nlisttable:\n  report: false\n---\n\n# Broken on purpose\n\n{STRICT}"
    result = _zensical(_site(tmp_path, quiet))
    assert result.returncode == 0, result.stderr
    assert "orphan-placeholder" not in result.stderr
    page = BeautifulSoup(
        (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    [panel] = page.select("div.listtable--error .listtable__errors li")
    assert " ".join(panel.get_text().split()).startswith("orphan-placeholder index.md:10, row 2")
