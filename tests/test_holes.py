"""Bad input that once got through: each test here failed before its fix.

What a reader sees is checked in the HTML (read with BeautifulSoup), and what
the author is told in the log.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_listtable.extension import ListTableExtension

from .sites import DEFAULT_EXTENSIONS, REVENUE_TABLE, build_site

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def convert(text: str, extensions: tuple[str, ...] = ()) -> str:
    md = markdown.Markdown(extensions=[*extensions, ListTableExtension(raise_on_error=False)])
    return md.convert(text)


def soup(text: str, extensions: tuple[str, ...] = ()) -> BeautifulSoup:
    return BeautifulSoup(convert(text, extensions), "html.parser")


def test_inline_code_in_a_caption_reads_as_written() -> None:
    page = soup('<ListTable caption="The `<ListTable>` tag, <b>not bold</b>">\n- - a\n</ListTable>')
    caption = page.select_one("caption")
    assert caption is not None
    assert caption.get_text() == "The <ListTable> tag, <b>not bold</b>"
    code = caption.select_one("code")
    assert code is not None and code.get_text() == "<ListTable>"
    assert caption.select("b") == []  # Raw HTML outside code is still text.


def test_attribute_escapes_cannot_reach_markdown_placeholders() -> None:
    # A caption decoding to Python-Markdown's placeholder of the stashed `<div>` above.
    page = convert(
        '<div class="secret">stashed</div>\n\n'
        '<ListTable caption={"\\x02wzxhzdk:0\\x03 and \\u0002klzzwxh:0\\u0003"}>\n'
        "- - a\n</ListTable>\n"
    )
    assert "\x02" not in page and "\x03" not in page
    caption = BeautifulSoup(page, "html.parser").select_one("caption")
    assert caption is not None and "stashed" not in caption.get_text()
    assert len(BeautifulSoup(page, "html.parser").select("div.secret")) == 1


def test_no_control_character_from_a_tag_or_a_cell_reaches_the_page() -> None:
    page = convert(
        '<ListTable caption={"bell\\x07 escape\\u001b nul\\0 cr\\r"} id="t">\n'
        "- - a\x01b\n  - c\x1bd\x7f\n- - tab\tand\n\n    newline\n  - e\n</ListTable>\n"
    )
    assert CONTROLS.search(page) is None
    cells = [td.get_text() for td in BeautifulSoup(page, "html.parser").select("td")]
    assert cells[:2] == ["a\ufffdb", "c\ufffdd\ufffd"]


def test_a_control_character_in_the_opening_tag_is_reported_not_left_as_raw_html(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        page = convert('<ListTable\x00 caption="x">\n- - a\n</ListTable>\n')
    parsed = BeautifulSoup(page, "html.parser")
    assert parsed.select_one("table caption") is not None
    assert "<ListTable" not in page and CONTROLS.search(page) is None
    assert any("bad-attribute" in record.getMessage() for record in caplog.records)


def test_unknown_pygments_style_falls_back_with_one_warning(tmp_path: Path) -> None:
    extensions = [
        e if e != "pymdownx.highlight" else {"pymdownx.highlight": {"pygments_style": "nosuch1"}}
        for e in DEFAULT_EXTENSIONS
    ]
    site = build_site(
        tmp_path,
        {"index.md": REVENUE_TABLE, "other.md": REVENUE_TABLE},
        extensions=extensions,
        plugins=[{"listtable": {"source_toggle": True}}],
    )
    warnings = [m for m in site.messages() if "nosuch1" in m]
    assert len(warnings) == 1, site.messages()
    for name in ("index", "other"):
        toggle = site.page(name).select_one("details.listtable__source")
        assert toggle is not None and "Quarterly revenue" in toggle.get_text()


def test_a_fence_ending_a_cell_stands_outside_any_paragraph_with_fenced_code() -> None:
    page = soup(
        "<ListTable>\n- - Intro text\n\n    ```python\n    x = 1\n    ```\n  - b\n</ListTable>\n",
        ("fenced_code",),
    )
    assert page.select("p pre") == []
    assert [p.get_text() for p in page.select("td p")] == ["Intro text"]
    assert page.select_one("td > pre code") is not None


def test_an_html_comment_in_the_body_does_not_close_the_table() -> None:
    page = soup(
        "<ListTable>\n- - a\n\n    <!-- a note about\n    </ListTable>\n    -->\n  - b\n"
        "</ListTable>\n\nAfter\n"
    )
    assert [td.get_text().strip() for td in page.select("td")] == ["a", "b"]
    assert [p.get_text() for p in page.select("body > p, p")][-1] == "After"


def test_a_table_in_a_snippet_saved_with_a_byte_order_mark(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "table.md").write_text("\ufeff" + REVENUE_TABLE, encoding="utf-8")
    md = markdown.Markdown(
        extensions=[
            ListTableExtension(raise_on_error=False),
            "pymdownx.snippets",
        ],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)]}},
    )
    with caplog.at_level(logging.WARNING):
        html = md.convert('Intro\n\n--8<-- "table.md"\n\n- item\n\n    --8<-- "table.md"\n')
    page = BeautifulSoup(html, "html.parser")
    assert len(page.select("table")) == 2
    assert "\ufeff" not in html and "&lt;ListTable" not in html
    assert caplog.records == []


BROKEN = [
    # (one unit of broken input, its text that must stay on the page, the part of it
    # that Markdown renders as the author's own: rows left by an unclosed table)
    pytest.param("<ListTable\n", "<ListTable", "", id="opening tags without '>'"),
    pytest.param("<ListTable>\n\n", "<ListTable>", "", id="unclosed opening tags"),
    pytest.param("</ListTable>\n\n", "</ListTable>", "", id="closing tags alone"),
    pytest.param(
        "<ListTable>\n- - a\n  - b\n\n", "<ListTable>", "- - a\n  - b\n\n", id="unclosed, with rows"
    ),
    pytest.param("<ListTable>\n- a\n- b\n</ListTable>\n", "</ListTable>", "", id="cannot be built"),
    pytest.param(
        '<ListTable validation="strict">\n- - a\n- - b\n  - c\n</ListTable>\n',
        "</ListTable>",
        "",
        id="strict, with problems",
    ),
    pytest.param("Use <ListTable> here\n\n", "<ListTable>", "", id="tags in running text"),
]


@pytest.mark.parametrize(("unit", "kept", "rows"), BROKEN)
def test_broken_input_gives_a_page_proportionate_to_it(unit: str, kept: str, rows: str) -> None:
    """Bytes out against bytes in: past the page's error panels, a failing table adds
    its source as text and nothing else, and one note counts them."""
    count = 2000
    text = unit * count
    html = convert(text)
    # What Python-Markdown itself writes for the rows an unclosed table leaves on the page.
    own = len(markdown.Markdown().convert(rows * count))
    assert len(html) - own <= 3 * len(text)
    assert "<ListTable" not in html and "</ListTable" not in html  # No raw tag reaches the page.
    page = BeautifulSoup(html, "html.parser")
    titles = [p.get_text() for p in page.select(".listtable__errors-title")]
    if unit.startswith("<ListTable"):
        assert len(titles) == 21  # The first 20 panels, then one note for the rest.
        assert titles[-1].startswith(f"{count - 20} more ListTables on this page")
    for problems in page.select(".listtable__errors"):
        problems.decompose()  # They quote the tags, too.
    assert page.get_text().count(kept) == count  # Each table's text is kept.
