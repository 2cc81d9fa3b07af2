"""A site without any ListTable builds the same with the plugin as without it.

Every file of the built site is compared byte for byte; the only difference
allowed is the plugin's stylesheet and its script: their links in each page and
the files themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .sites import DEFAULT_EXTENSIONS, build_site

PAGES = {
    "index.md": """\
        # Home

        Some *emphasis*, **strong**, `inline code`, a [link](guide.md#lists) and an
        abbreviation: HTML.

        ## Lists

        - one
        - two
            1. nested
            2. ordered

        * [ ] not a task list without its extension

        Term with a footnote[^1].

        [^1]: The footnote.

        *[HTML]: Hyper Text Markup Language
        """,
    "guide.md": """\
        ---
        title: Guide
        ---

        # Guide

        ## Code

        ```python
        def hello() -> str:
            return "<ListTable> in code is text"
        ```

            indented code
            <ListTable>

        Inline `<ListTable headerRows={1}>` too.

        ## Admonitions

        !!! note "A note"
            With a paragraph.

            - and a list

        ## Tabs

        === "First"

            The first tab.

        === "Second"

            ```js
            console.log("second");
            ```

        ## Lists { #lists }

        1. first
        2. second
        """,
    "more/raw.md": """\
        # Raw HTML and pipe tables

        <div class="wrapper" markdown>
        Markdown *inside* a div.
        </div>

        <details>
        <summary>Details</summary>
        <p>Raw paragraph.</p>
        </details>

        <!-- a comment -->

        | Name | Value |
        | ---- | ----: |
        | a    | 1     |
        | b    | 2     |

        > A quote with `code`.
        """,
}

EXTENSIONS = [*DEFAULT_EXTENSIONS, "toc", "md_in_html", "tables", "def_list"]
STYLESHEET = "assets/listtable/listtable.css"
SCRIPT = "assets/listtable/listtable.js"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _without_stylesheet_link(page: bytes) -> bytes:
    """The page without the lines that link the plugin's stylesheet and its script.

    With the template's own whitespace around them: Material's loops over
    `extra_css` and `extra_javascript` write an indented blank line after each.
    """
    for asset, pattern in (
        (STYLESHEET, rb'\n[ ]*<link [^>]*"[^"]*%s"[^>]*>(\n[ ]*(?=\n))?'),
        (SCRIPT, rb'\n[ ]*<script [^>]*"[^"]*%s"[^>]*></script>(\n[ ]+(?=\n))?'),
    ):
        link = re.compile(pattern % re.escape(asset.encode()))
        page, count = link.subn(b"", page)
        assert count == 1, f"{asset} is linked once"
    return page


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_site_without_tables_is_unchanged_by_the_plugin(
    tmp_path: Path, theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # The build date in pages and sitemap.
    built, logged = {}, {}
    for name, plugins in (("without", ["search"]), ("with", ["search", "listtable"])):
        site = build_site(
            tmp_path / name, PAGES, theme=theme, plugins=plugins, extensions=EXTENSIONS
        )
        built[name] = _files(site.root / "site")
        logged[name] = site.messages()
    assert logged["with"] == logged["without"]  # Material's notice about MkDocs 2.0, or nothing.

    without, with_plugin = built["without"], built["with"]
    assert with_plugin.pop(STYLESHEET).startswith(b"/*")
    assert with_plugin.pop(SCRIPT).startswith(b"/*")
    assert sorted(with_plugin) == sorted(without)
    pages = [name for name in without if name.endswith(".html")]
    assert len(pages) >= 4  # The three pages and 404.html.
    for name in sorted(without):
        ours = with_plugin[name]
        if name.endswith(".html"):
            ours = _without_stylesheet_link(ours)
        assert ours == without[name], name
