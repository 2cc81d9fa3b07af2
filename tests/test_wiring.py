"""The plugin as the extension's host, in whole builds: options from both places, and
toggles that must be placed. Other plugins' conversions, and line numbers beside
them, are tested in test_plugins.py."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .sites import BROKEN_TABLE, DEFAULT_EXTENSIONS, REVENUE_TABLE, Site, build_site


def _toggles(site: Site, name: str = "index") -> int:
    return len(site.page(name).select("details.listtable__source"))


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


def test_a_pages_problems_are_capped(tmp_path: Path) -> None:
    """The first 100 problems of a page, then one line with the count of the rest."""
    page = "\n\n".join(f"Text <ListTable> {n}" for n in range(130)) + "\n"
    site = build_site(tmp_path, {"index.md": page, "other.md": BROKEN_TABLE})
    messages = site.listtable_messages()
    index = [m for m in messages if m.startswith("listtable: index.md")]
    assert len(index) == 101
    assert all("unclosed" in m for m in index[:100])
    assert index[100] == (
        "listtable: index.md: 30 more ListTable problems not shown"
        " (only the first 100 of a page are logged)"
    )
    assert len([m for m in messages if m.startswith("listtable: other.md:3:")]) == 1
