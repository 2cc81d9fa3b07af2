"""No table attribute and no table source can add markup to a page.

Promised: every attribute value reaches the HTML escaped; `className` and `id`
take only valid class and id tokens (anything else is a `bad-attribute`
problem, and the attribute is dropped); the source toggle shows the source as
text whatever it holds. Checked through the Markdown extension (the path of
Zensical and plain Python-Markdown) and through an MkDocs build (where the
plugin adds the toggles after rendering).

A cell is Markdown, and raw HTML in Markdown is the author's to write, in a
cell as anywhere on the page; so the payloads below sit in code spans, in
attributes, in tables that are not rendered, or are looked for in the toggle
only.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import html5lib
import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import reached, reaches
from .sites import Records, build_site

PAYLOADS = [
    "</details><script>alert(1)</script>]]>",
    "</code></pre><img src=x onerror=alert(1)>",
    "<!-- --> <![CDATA[ x ]]> &amp; &lt;b&gt; &#60;i&#62;",
    '"><svg onload=alert(1)>',
]
TOGGLE_TAGS = {"details", "summary", "div", "pre", "code", "span"}
"""Every element a source toggle is made of."""
OUR_ATTRIBUTES = {
    "aria-label",
    "aria-labelledby",
    "tabindex",
    "class",
    "id",
    "data-listtable",
    "role",
    "scope",
    "headers",
    "span",
    "data-sort-method",
    "rowspan",
    "colspan",
    "style",
    "open",
    "data-search-exclude",
}
STYLE_RE = re.compile(r"(width: \d+(\.\d+)?%|text-align: (left|center|right|justify))")


def convert(text: str, **config: Any) -> tuple[str, list[str]]:
    """HTML and log messages of `text` through the extension, toggles on."""
    extensions: list[Any] = ["listtable", "pymdownx.highlight", "pymdownx.superfences"]
    highlight = config.pop("highlight", {})
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs={
            "listtable": {"raise_on_error": False, "source_toggle": True, **config},
            "pymdownx.highlight": highlight,
        },
    )
    handler = Records()
    logger = logging.getLogger("mkdocs.plugins.listtable")
    logger.addHandler(handler)
    try:
        html = md.convert(text)
    finally:
        logger.removeHandler(handler)
    return html, handler.messages


def kinds(messages: list[str]) -> list[str]:
    return [m for message in messages for m in re.findall(r": ([a-z]+(?:-[a-z]+)*): ", message)[:1]]


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def parsed_elements(html: str) -> list[str]:
    """Tag names of every element html5lib (a browser's parser) finds in `html`."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return [element.tag for element in fragment.iter() if isinstance(element.tag, str)]


def table(html: str) -> Tag:
    found = soup_of(html).select_one("div.listtable table")
    assert found is not None, html
    return found


# --- Attributes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "caption"),
    [
        ("caption='say \"hi\" & bye'", 'say "hi" & bye'),
        ('caption="it\'s 5 > 3 && 2 < 4"', "it's 5 > 3 && 2 < 4"),
        ('caption={"a \'b\' \\"c\\" & d"}', "a 'b' \"c\" & d"),
    ],
)
def test_caption_quotes_and_ampersands_are_text(attribute: str, caption: str) -> None:
    html, messages = convert(f"<ListTable {attribute}>\n- - a\n</ListTable>\n")
    assert messages == []
    assert table(html).caption.get_text() == caption
    assert "&amp;" in str(table(html).caption)


@pytest.mark.parametrize(
    ("attribute", "caption"),
    [
        ('caption="<script>alert(1)</script>"', "<script>alert(1)</script>"),
        ('caption="<img src=x onerror=alert(1)>"', "<img src=x onerror=alert(1)>"),
        ("caption='say <b>bye</b>'", "say <b>bye</b>"),
        (
            'caption={"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}',
            "<script>alert(1)</script>",
        ),
    ],
)
def test_html_in_a_caption_is_text(attribute: str, caption: str) -> None:
    """In mdx-list-tables the caption is a React string: HTML in it is text (Markdown is not)."""
    html, _ = convert(f"<ListTable {attribute}>\n- - a\n</ListTable>\n")
    assert table(html).caption.get_text() == caption
    elements = parsed_elements(html.split("<details")[0])
    assert not {"script", "img", "b"} & set(elements), elements


def test_caption_keeps_its_inline_markdown() -> None:
    html, _ = convert('<ListTable caption="**Revenue** in `EUR`">\n- - a\n</ListTable>\n')
    caption = table(html).caption
    assert caption.strong.get_text() == "Revenue" and caption.code.get_text() == "EUR"


@pytest.mark.parametrize(
    ("value", "classes"),
    [
        ('"a b"', ["a", "b"]),
        ('"compact   striped"', ["compact", "striped"]),
        ('"-x _y z-1"', ["-x", "_y", "z-1"]),
        ('{"a b"}', ["a", "b"]),
    ],
)
def test_valid_class_names(value: str, classes: list[str]) -> None:
    html, messages = convert(f"<ListTable className={value}>\n- - a\n</ListTable>\n")
    assert messages == []
    assert table(html)["class"] == classes


@pytest.mark.parametrize(
    "value",
    [
        '"a\\" onload=\\"x"',
        '"<b>"',
        '"1abc"',
        '"a,b"',
        '"a;b"',
        '"a\'b"',
        '{"a\\u0022 onload=\\u0022x"}',
        '{"a\\x3cb"}',
    ],
)
def test_invalid_class_names_are_reported_and_dropped(value: str) -> None:
    html, messages = convert(f"<ListTable className={value}>\n- - a\n</ListTable>\n")
    assert "bad-attribute" in kinds(messages)
    assert not table(html).has_attr("class")
    attributes = {name for element in soup_of(html).find_all(True) for name in element.attrs}
    assert attributes <= OUR_ATTRIBUTES


@pytest.mark.parametrize(
    "value",
    [
        '"a b"',
        '" leading"',
        '"x\\" onclick=\\"y"',
        '"<i>"',
        '"1abc"',
        '{"a\\u0022 onload=x"}',
        '""',
    ],
)
def test_invalid_ids_are_reported_and_dropped(value: str) -> None:
    html, messages = convert(f"<ListTable id={value}>\n- - a\n</ListTable>\n")
    assert "bad-attribute" in kinds(messages)
    assert not table(html).has_attr("id")
    attributes = {name for element in soup_of(html).find_all(True) for name in element.attrs}
    assert attributes <= OUR_ATTRIBUTES


def test_valid_id() -> None:
    html, messages = convert('<ListTable id="api.v1:events-2_x">\n- - a\n</ListTable>\n')
    assert messages == []
    assert table(html)["id"] == "api.v1:events-2_x"


@pytest.mark.parametrize(
    "attribute",
    [
        'aligns="l;background:url(x)"',
        'aligns="l,c\\"><script>"',
        'widths="1,2);x:url(y"',
        'widths="1,2\\" onload=\\"x"',
        'widths={[1, "2; color: red"]}',
    ],
)
def test_style_values_cannot_be_injected(attribute: str) -> None:
    html, messages = convert(f"<ListTable {attribute}>\n- - a\n  - b\n</ListTable>\n")
    assert "bad-attribute" in kinds(messages)
    for element in soup_of(html).find_all(style=True):
        assert STYLE_RE.fullmatch(element["style"]), element["style"]
    assert "script" not in parsed_elements(html.split("<details")[0])


@pytest.mark.parametrize(
    "attribute", ['className="<b>x</b>"', 'id="<b>x</b>"', "headerRows={<b>x</b>}"]
)
def test_error_panel_shows_bad_values_as_text(attribute: str) -> None:
    html, _ = convert(f'<ListTable validation="strict" {attribute}>\n- - a\n</ListTable>\n')
    panel = soup_of(html).select_one("div.listtable--error .listtable__errors")
    assert panel is not None, html
    assert "<b>" in panel.get_text()
    panel_html = str(panel)
    assert "b" not in parsed_elements(panel_html) and "script" not in parsed_elements(panel_html)


def test_error_panel_title_shows_the_caption_as_text() -> None:
    source = (
        '<ListTable caption="<img src=x onerror=alert(1)>" validation="strict">\n'
        "- - _\n</ListTable>\n"
    )
    html, _ = convert(source)
    title = soup_of(html).select_one(".listtable__errors-title")
    assert title is not None
    assert '"<img src=x onerror=alert(1)>"' in title.get_text()
    assert "img" not in parsed_elements(html)


BUILD_PAGE = """\
# Attributes

<ListTable className="a\\" onload=\\"x" id="a b">
- - one
</ListTable>

<ListTable className="<b>" id="<i>" aligns="l;background:url(x)">
- - two
</ListTable>

<ListTable className="ok fine" id="t3" caption='say "hi" & bye'>
- - three
</ListTable>
"""


def test_attributes_in_a_build(tmp_path: Path) -> None:
    site = build_site(tmp_path, {"index.md": BUILD_PAGE})
    page = site.page()
    tables = page.select("div.listtable table")
    assert [t.get("class") for t in tables] == [None, None, ["ok", "fine"]]
    assert [t.get("id") for t in tables] == [None, None, "t3"]
    assert tables[2].caption.get_text() == 'say "hi" & bye'
    for element in page.select("div.listtable, div.listtable *"):
        assert set(element.attrs) <= OUR_ATTRIBUTES, element.attrs
        assert not element.has_attr("style") or STYLE_RE.fullmatch(element["style"])
    messages = site.listtable_messages()
    assert len(messages) == 7, messages
    # JSX strings take no backslash escapes: `"a\\"` ends there, and `onload=\\"x"` follows.
    found = [
        (match[2], int(match[1]))
        for match in (re.search(r"index\.md:(\d+):\d+: ([a-z-]+): ", m) for m in messages)
        if match
    ]
    assert sorted(found) == [
        ("bad-attribute", 3),
        ("bad-attribute", 3),
        ("bad-attribute", 3),
        ("bad-attribute", 7),
        ("bad-attribute", 7),
        ("bad-attribute", 7),
        ("unknown-attribute", 3),
    ]


def test_html_in_a_caption_is_text_in_a_build(tmp_path: Path) -> None:
    page = '<ListTable caption="<script>alert(1)</script>">\n- - a\n</ListTable>\n'
    site = build_site(tmp_path, {"index.md": page})
    caption = site.page().select_one("div.listtable caption")
    assert caption is not None and caption.get_text() == "<script>alert(1)</script>"
    assert caption.find("script") is None


ATTRIBUTE_VALUE = st.text(alphabet="ab1 \"'<>&=/\\{}:;.-_\t", max_size=12)
# Two-column widths and alignments: the values that do reach a `style` attribute.
COLUMN_VALUES = st.sampled_from(["1,2", "2,1", "l,r", "c,d", "r,c"])


@reaches(style=1)
@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["id", "className", "widths", "aligns", "validation", "showSource", "x"]),
    value=ATTRIBUTE_VALUE | COLUMN_VALUES,
    form=st.sampled_from(['"{}"', "'{}'", "{{{}}}", '{{"{}"}}']),
)
def test_no_attribute_value_adds_markup(name: str, value: str, form: str) -> None:
    """Whatever the value of an attribute that reaches an HTML attribute, it adds nothing.

    The caption, which becomes element text, is left out: see test_html_in_a_caption_is_text.
    """
    html, _ = convert(f"<ListTable {name}={form.format(value)}>\n- - a\n  - b\n</ListTable>\n")
    body = html.split('<details class="listtable__source"')[0]
    elements = set(parsed_elements(body))
    allowed = {"div", "table", "colgroup", "col", "tbody", "tr", "td", "p", "ul", "li", "code"}
    assert elements <= allowed | {"DOCUMENT_FRAGMENT"}, body
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in fragment.iter():
        assert set(element.attrib) <= OUR_ATTRIBUTES, element.attrib
        if "style" in element.attrib:
            assert STYLE_RE.fullmatch(element.attrib["style"]), element.attrib["style"]
            reached("style")


# --- Source toggles ------------------------------------------------------------------------------


def _sources(payload: str) -> dict[str, str]:
    """Tables holding `payload` in their source: rendered, strict-failed, unbuildable, unclosed."""
    return {
        "rendered": (
            f"<ListTable>\n- - `{payload}`\n  - {payload.replace('<', '&lt;')}\n</ListTable>"
        ),
        "not-rendered": f'<ListTable validation="strict">\n- - _\n  - {payload}\n</ListTable>',
        "not-a-list": f"<ListTable>\n{payload}\n</ListTable>",
        "in-the-tag": (
            f'<ListTable caption={{{payload!r}}} validation="strict" x>\n- - a\n</ListTable>'
        ),
    }


def _check_toggle(details: Tag, source: str) -> None:
    assert details.summary is not None
    code = details.select_one("code")
    assert code is not None
    assert code.get_text().rstrip("\n") == source
    names = {element.name for element in details.find_all(True)}
    assert names <= TOGGLE_TAGS, names
    assert set(parsed_elements(str(details))) <= TOGGLE_TAGS | {"DOCUMENT_FRAGMENT"}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("pygments", [True, False], ids=["pygments", "browser-highlighting"])
def test_toggle_shows_the_source_as_text(payload: str, pygments: bool) -> None:
    for context, source in _sources(payload).items():
        html, _ = convert(f"{source}\n", highlight={"use_pygments": pygments})
        toggles = soup_of(html).select("div.listtable > details.listtable__source")
        assert len(toggles) == 1, (context, html)
        _check_toggle(toggles[0], source)


def test_toggle_in_a_build_shows_the_source_as_text(tmp_path: Path) -> None:
    pages = {}
    expected = {}
    for n, payload in enumerate(PAYLOADS):
        for context, source in _sources(payload).items():
            name = f"p{n}-{context}"
            pages[f"{name}.md"] = f"# Page\n\n{source}\n"
            expected[name] = source
    pages["index.md"] = "# Home\n"
    site = build_site(tmp_path, pages)
    for name, source in expected.items():
        toggles = site.page(name).select("div.listtable > details.listtable__source")
        assert len(toggles) == 1, name
        _check_toggle(toggles[0], source)


def test_toggle_label_is_text(tmp_path: Path) -> None:
    label = "<i>Source</i> & </summary><script>alert(1)</script>"
    plugins = [{"listtable": {"source_label": label}}]
    site = build_site(tmp_path, {"index.md": "<ListTable>\n- - a\n</ListTable>\n"}, plugins=plugins)
    summary = site.page().select_one("details.listtable__source > summary")
    assert summary is not None and summary.get_text() == label
    assert not summary.find_all(True)


def test_a_comment_that_looks_like_the_toggle_marker_stays_a_comment() -> None:
    """The page's own text can never be taken for the marker where a toggle goes."""
    text = (
        "Before <!--listtable-source:1--> after <!--listtable-source:9-->\n\n"
        "<ListTable>\n- - a\n</ListTable>\n"
    )
    html, _ = convert(text)
    assert len(soup_of(html).select("details.listtable__source")) == 1
    assert "<!--listtable-source:1-->" in html and "<!--listtable-source:9-->" in html
