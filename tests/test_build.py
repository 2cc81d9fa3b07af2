"""Whole MkDocs builds of small sites, read back with BeautifulSoup."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .sites import DEFAULT_EXTENSIONS, REVENUE_TABLE, build_site, run_module, write_site

TABLE = REVENUE_TABLE


def _unexpected(messages: list[str]) -> list[str]:
    """Warnings other than MkDocs' notices about the environment."""
    return [m for m in messages if "Material for MkDocs" not in m and "MkDocs 2.0" not in m]


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_table_renders_in_every_theme(tmp_path: Path, theme: str) -> None:
    site = build_site(tmp_path, {"index.md": f"# Revenue\n\n{TABLE}"}, theme=theme)
    assert _unexpected(site.messages()) == []
    page = site.page()
    wrapper = page.select_one("div.listtable")
    assert wrapper is not None
    table = wrapper.select_one("table")
    assert table is not None
    assert not table.get("class"), "Material styles only table:not([class])"
    assert table.caption.get_text(strip=True) == "Quarterly revenue"
    assert [th.get_text() for th in table.select("thead th")] == ["Quarter", "Revenue"]
    assert table.select_one("thead th[colspan='2']").get_text() == "Revenue"
    h1 = table.select_one("tbody th[rowspan='2']")
    # The only row header of its body, spanning all its rows: a row group.
    assert h1.get_text() == "H1" and h1["scope"] == "rowgroup"
    assert [len(tr.find_all(["td", "th"])) for tr in table.select("tbody tr")] == [3, 2]
    css = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any(href.endswith("assets/listtable/listtable.css") for href in css)
    assert (tmp_path / "site" / "assets" / "listtable" / "listtable.css").is_file()
    # And its small script: a table that fits is no tab stop.
    scripts = [script.get("src", "") for script in page.select("script")]
    assert any(src.endswith("assets/listtable/listtable.js") for src in scripts)
    assert (tmp_path / "site" / "assets" / "listtable" / "listtable.js").is_file()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])  # MkDocs' search, then Material's
def test_source_toggle_added_after_rendering_and_kept_out_of_search(
    tmp_path: Path, theme: str
) -> None:
    site = build_site(tmp_path, {"index.md": f"# Revenue\n\n{TABLE}"}, theme=theme)
    toggle = site.page().select_one("div.listtable > details.listtable__source")
    assert toggle is not None
    assert toggle.has_attr("data-search-exclude") and not toggle.has_attr("open")
    assert toggle.summary.get_text() == "MDX source"
    assert toggle.select_one(".highlight code").get_text().rstrip("\n") == TABLE.rstrip("\n")
    index = site.search_index()
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Services" in text
    assert "[r2]" not in text and "ListTable" not in text


def test_toggle_options(tmp_path: Path) -> None:
    pages = {
        "index.md": f"{TABLE}\n<ListTable showSource>\n- - shown\n</ListTable>\n",
    }
    site = build_site(
        tmp_path,
        pages,
        plugins=[{"listtable": {"source_toggle": False, "source_label": "Show the source"}}],
    )
    toggles = site.page().select("details.listtable__source")
    assert len(toggles) == 1
    assert toggles[0].summary.get_text() == "Show the source"
    assert "shown" in toggles[0].get_text()


def test_cells_render_like_the_rest_of_the_page(tmp_path: Path) -> None:
    page = """\
        # Cells

        <ListTable>
        - - See [the guide](guide.md#setup) and ![logo](img/logo.svg)
          - Text with a footnote[^1] and an HTML abbreviation.
        - - !!! tip
                An admonition in a cell.
          - ```python
            x = 1

            y = 2
            ```
        </ListTable>

        [^1]: The footnote.

        *[HTML]: HyperText Markup Language
        """
    pages = {
        "index.md": page,
        "guide.md": "# Guide\n\n## Setup\n",
        "img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    }
    site = build_site(tmp_path, pages)
    assert _unexpected(site.messages()) == []
    cells = site.page().select("div.listtable td")
    assert cells[0].a["href"] == "guide/#setup"
    assert cells[0].img["src"] == "img/logo.svg"
    assert cells[1].select_one("sup a.footnote-ref")["href"] == "#fn:1"
    assert cells[1].abbr["title"] == "HyperText Markup Language"
    assert cells[2].select_one("div.admonition.tip") is not None
    code = cells[3].select_one(".highlight code").get_text()
    assert code == "x = 1\n\ny = 2\n"
    assert site.page().select_one("div.footnote li#fn\\:1") is not None


def test_broken_link_in_a_cell_is_reported_by_mkdocs(tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": "<ListTable>\n- - [gone](missing.md)\n</ListTable>\n"})
    assert any("missing.md" in m for m in site.messages())


def test_containers(tmp_path: Path) -> None:
    page = """\
        !!! note
            <ListTable>
            - - in admonition
            </ListTable>

        === "Tab one"

            <ListTable>
            - - in tab
            </ListTable>

        - A list item

            <ListTable>
            - - in list item
            </ListTable>

        <ListTable>
        - - outer
          - <ListTable>
            - - in cell
            </ListTable>
        </ListTable>

        ```
        <ListTable>
        - - in fence
        </ListTable>
        ```

        `<ListTable>` inline. <!-- <ListTable> -->
        """
    site = build_site(tmp_path, {"index.md": page}, theme="material")
    assert _unexpected(site.messages()) == []
    soup = site.page()
    assert soup.select_one(".admonition .listtable td").get_text() == "in admonition"
    assert soup.select_one(".tabbed-block .listtable td").get_text() == "in tab"
    assert soup.select_one("li .listtable td").get_text() == "in list item"
    assert soup.select_one(".listtable td .listtable td").get_text() == "in cell"
    assert len(soup.select("div.listtable")) == 5
    fenced = [
        code.get_text() for code in soup.select("pre code") if not code.find_parent("details")
    ]
    assert any("- - in fence" in text for text in fenced)


def test_warning_names_file_line_table_row_and_kind(tmp_path: Path) -> None:
    page = """\
        ---
        title: Webhooks
        ---

        # Webhooks

        <ListTable caption="Webhook event types">
        - - Event
          - Payload
        - - a
          - b
        - - c
          - _
        </ListTable>
        """
    site = build_site(tmp_path, {"api.md": page, "index.md": "# Home\n"})
    assert site.listtable_messages() == [
        'listtable: api.md:13:5: orphan-placeholder: ListTable "Webhook event types" row 3, '
        "col 2: '_' is not covered by any rowspan or colspan; "
        "remove it or add a span above or to its left"
    ]
    assert site.page("api").select_one("div.listtable table") is not None


def test_strict_mode_shows_an_error_panel_and_logs_errors(tmp_path: Path) -> None:
    page = '<ListTable validation="strict" id="t">\n- - a\n  - b\n- - _\n  - d\n</ListTable>\n'
    site = build_site(tmp_path, {"index.md": page})
    soup = site.page()
    assert soup.select_one("div.listtable table") is None
    panel = soup.select_one("div.listtable--error .listtable__errors")
    assert "orphan-placeholder" in panel.get_text()
    assert "index.md:4" in panel.get_text()
    source = soup.select_one("div.listtable--error details.listtable__source")
    assert source.has_attr("open")
    assert "- - _" in source.get_text()
    errors = [r for r in site.records if r.name.startswith("mkdocs.plugins.listtable")]
    assert [r.levelname for r in errors] == ["ERROR"]


@pytest.mark.parametrize(
    ("plugin_mode", "table_mode", "warned", "rendered"),
    [
        ("warn", None, True, True),
        ("strict", None, True, False),
        ("off", None, False, True),
        ("off", "warn", True, True),
        ("warn", "off", False, True),
        ("warn", "strict", True, False),
    ],
)
def test_plugin_default_and_table_override(
    tmp_path: Path, plugin_mode: str, table_mode: str | None, warned: bool, rendered: bool
) -> None:
    attribute = f' validation="{table_mode}"' if table_mode else ""
    page = f"<ListTable{attribute}>\n- - a\n  - b\n- - c\n</ListTable>\n"
    site = build_site(
        tmp_path, {"index.md": page}, plugins=[{"listtable": {"validation": plugin_mode}}]
    )
    assert bool(site.listtable_messages()) == warned
    assert (site.page().select_one("div.listtable table") is not None) == rendered


def test_fatal_problems_are_reported_in_off_mode_and_text_is_kept(tmp_path: Path) -> None:
    page = '<ListTable validation="off">\nJust prose, no list.\n</ListTable>\n'
    site = build_site(tmp_path, {"index.md": page})
    assert any("not-a-list" in m for m in site.listtable_messages())
    assert "Just prose, no list." in site.page().select_one("div.listtable--error").get_text()


def test_extension_listed_twice_is_harmless(tmp_path: Path) -> None:
    extensions = [*DEFAULT_EXTENSIONS, {"listtable": {"source_toggle": True}}]
    site = build_site(tmp_path, {"index.md": TABLE}, extensions=extensions)
    soup = site.page()
    assert len(soup.select("div.listtable")) == 1
    assert len(soup.select("details.listtable__source")) == 1
    assert _unexpected(site.messages()) == []


def test_extension_alone_without_the_plugin(tmp_path: Path) -> None:
    extensions = [*DEFAULT_EXTENSIONS, {"listtable": {"source_toggle": True}}]
    site = build_site(tmp_path, {"index.md": TABLE}, extensions=extensions, plugins=["search"])
    soup = site.page()
    assert soup.select_one("div.listtable table th[colspan='2']") is not None
    toggle = soup.select_one("details.listtable__source")
    assert toggle is not None and toggle.has_attr("data-search-exclude")


def test_plugin_disabled(tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": TABLE}, plugins=[{"listtable": {"enabled": False}}])
    assert site.page().select_one("div.listtable") is None


def _mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module(root, "mkdocs", "build", *args, timeout=120)


def test_strict_build_fails_on_a_table_problem(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.md": "<ListTable>\n- - a\n- - _\n</ListTable>\n"})
    result = _mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 1
    assert "index.md:3:5:" in result.stderr and "orphan-placeholder" in result.stderr


def test_strict_build_passes_on_valid_tables(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.md": TABLE})
    result = _mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr


def test_page_marked_not_to_report_shows_panels_without_failing(tmp_path: Path) -> None:
    page = (
        "---\nlisttable:\n  report: false\n---\n\n"
        '<ListTable validation="strict">\n- - a\n- - _\n</ListTable>\n'
    )
    write_site(tmp_path, {"index.md": page})
    result = _mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "listtable--error" in html and "orphan-placeholder" in html
