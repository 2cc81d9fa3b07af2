"""The plugin as the extension's host, in whole builds: other plugins' conversions, options
from both places, toggles that must be placed, line numbers from the page's own file."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .sites import (
    DEFAULT_EXTENSIONS,
    REVENUE_TABLE,
    Site,
    build_site,
    check_no_leftovers,
    html_files,
)

BROKEN_TABLE = """\
<ListTable caption="Broken">
- - a
  - [r3] b
</ListTable>
"""
"""One `rowspan-overflow` problem, on the table's third line."""

MODULE = '''\
"""A module.

<ListTable caption="In the docstring">
- - a
  - [r3] b
</ListTable>
"""


def function() -> None:
    """A function."""
'''


def _toggles(site: Site, name: str = "index") -> int:
    return len(site.page(name).select("details.listtable__source"))


def _mkdocstrings_site(tmp_path: Path, first: str) -> Site:
    (tmp_path / "mymodule.py").write_text(MODULE, encoding="utf-8")
    mkdocstrings = {"mkdocstrings": {"handlers": {"python": {"paths": [str(tmp_path)]}}}}
    plugins = ["search", mkdocstrings, "listtable"]
    if first == "listtable":
        plugins = ["search", "listtable", mkdocstrings]
    page = f"# API\n\n{REVENUE_TABLE}\n::: mymodule\n\n{REVENUE_TABLE.replace('Quarterly', 'Q')}"
    return build_site(tmp_path, {"index.md": page}, plugins=plugins)


@pytest.mark.parametrize("first", ["listtable", "mkdocstrings"])
def test_tables_before_in_and_after_a_docstring(tmp_path: Path, first: str) -> None:
    """Once an `IndexError` that stopped the build, or docstring tables left as raw tags."""
    site = _mkdocstrings_site(tmp_path, first)
    check_no_leftovers(html_files(tmp_path / "site"))
    soup = site.page()
    captions = [c.get_text() for c in soup.select("div.listtable table caption")]
    assert captions == ["Quarterly revenue", "In the docstring", "Q revenue"]
    assert _toggles(site) == 3
    [warning] = site.listtable_messages()
    assert warning.startswith(
        "listtable: index.md: in Markdown converted by another plugin, line 5:"
    )
    assert "rowspan-overflow" in warning


def _options_site(tmp_path: Path, extension: dict[str, object], plugin: dict[str, object]) -> Site:
    extensions = [*DEFAULT_EXTENSIONS, {"listtable": extension} if extension else "listtable"]
    plugins = ["search", {"listtable": plugin} if plugin else "listtable"]
    return build_site(tmp_path, {"index.md": BROKEN_TABLE}, extensions=extensions, plugins=plugins)


def test_options_under_markdown_extensions_apply_with_the_plugin(tmp_path: Path) -> None:
    site = _options_site(tmp_path, {"validation": "strict", "source_label": "Source"}, {})
    panel = site.page().select_one("div.listtable--error")
    assert panel is not None
    assert panel.select_one("details summary").get_text() == "Source"
    assert [r.levelno for r in site.records if r.name.startswith("mkdocs.plugins.listtable")] == [
        logging.ERROR
    ]


def test_the_plugins_options_override_with_a_warning(tmp_path: Path) -> None:
    site = _options_site(tmp_path, {"validation": "strict"}, {"validation": "warn"})
    assert site.page().select_one("div.listtable--error") is None
    conflict, problem = site.listtable_messages()
    assert "'validation' is set under both markdown_extensions ('strict')" in conflict
    assert "plugins ('warn')" in conflict and "the plugin's value is used" in conflict
    assert "rowspan-overflow" in problem


def test_both_places_agreeing_is_quiet(tmp_path: Path) -> None:
    site = _options_site(tmp_path, {"source_toggle": False}, {"source_toggle": False})
    assert _toggles(site) == 0
    assert len(site.listtable_messages()) == 1  # The table's problem only.


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"validaton": "strict"}, "listtable: unknown option 'validaton'"),
        ({"validation": "loud"}, "listtable: validation must be one of strict, warn, off"),
    ],
)
def test_a_bad_extension_option_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, object], message: str
) -> None:
    with pytest.raises(Abort, match="configuration error"):
        _options_site(tmp_path, options, {})
    assert any(message in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_raise_on_error_with_the_plugin_says_it_does_nothing(tmp_path: Path) -> None:
    site = _options_site(tmp_path, {"raise_on_error": True}, {})
    assert any("'raise_on_error: true' has no effect" in m for m in site.listtable_messages())
    quiet = _options_site(tmp_path / "quiet", {"raise_on_error": False}, {})
    assert len(quiet.listtable_messages()) == 1  # The table's problem only.


HOOK = """\
from mkdocs.plugins import event_priority


@event_priority(100)  # Before the listtable plugin places the toggles.
def on_post_page(output, page, config):
    return output.replace("data-listtable-toggle", "data-gone")
"""


def test_a_toggle_that_cannot_be_placed_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "hooks.py").write_text(HOOK, encoding="utf-8")
    site = build_site(
        tmp_path,
        {"index.md": f"{REVENUE_TABLE}\n{REVENUE_TABLE}"},
        extra={"hooks": ["hooks.py"]},
    )
    assert _toggles(site) == 0
    [warning] = site.listtable_messages()
    assert warning.startswith(
        "listtable: index.md: 2 of 2 ListTable source toggles could not be placed"
    )
    assert "likely cause" in warning


@pytest.mark.parametrize("order", ["minify-first", "minify-last"])
def test_toggles_survive_striphtml_and_a_minifier_removing_comments(
    tmp_path: Path, order: str
) -> None:
    minify = {"minify": {"minify_html": True, "htmlmin_opts": {"remove_comments": True}}}
    plugins = ["search", minify, "listtable"]
    if order == "minify-last":
        plugins = ["search", "listtable", minify]
    site = build_site(
        tmp_path,
        {"index.md": f"<!-- a comment -->\n\n{REVENUE_TABLE}\n{REVENUE_TABLE}"},
        extensions=[*DEFAULT_EXTENSIONS, "pymdownx.striphtml"],
        plugins=plugins,
    )
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "a comment" not in html
    assert _toggles(site) == 2
    assert site.listtable_messages() == []


def test_line_numbers_come_from_the_file_whatever_macros_do(tmp_path: Path) -> None:
    page = textwrap.dedent(
        """\
        ---
        title: Macros
        ---

        # {{ config.site_name }}

        """
    )
    site = build_site(
        tmp_path, {"index.md": page + BROKEN_TABLE}, plugins=["search", "macros", "listtable"]
    )
    assert site.page().select_one("h1").get_text() == "Test"
    [warning] = site.listtable_messages()
    # Line 3 of the table, which starts on line 7 of the file.
    assert warning.startswith("listtable: index.md:9:")
