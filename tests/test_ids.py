"""Ids on a page stay unique: generated ones never collide, colliding author ids are said."""

from __future__ import annotations

import logging
from collections import Counter

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_listtable.extension import ListTableExtension


def convert(text: str, caplog: pytest.LogCaptureFixture) -> tuple[BeautifulSoup, list[str]]:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", ListTableExtension(raise_on_error=False)]
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        html = md.convert(text)
    return BeautifulSoup(html, "html.parser"), [r.getMessage() for r in caplog.records]


def table(attributes: str) -> str:
    return f"<ListTable {attributes}>\n- - a\n</ListTable>\n\n"


def ids(page: BeautifulSoup) -> Counter[str]:
    return Counter(str(element["id"]) for element in page.select("[id]"))


def test_two_tables_with_one_id_are_reported_naming_both(caplog: pytest.LogCaptureFixture) -> None:
    _, messages = convert(table('id="prices"') + "Text\n\n" + table('id="prices"'), caplog)
    duplicates = [m for m in messages if "duplicate-id" in m]
    assert len(duplicates) == 1
    assert duplicates[0].startswith("line 7:1: duplicate-id") and "on line 1" in duplicates[0]


def test_generated_caption_ids_never_collide_with_an_authors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page, messages = convert(
        table('id="listtable-2" caption="First"') + table('caption="Second"'), caplog
    )
    assert max(ids(page).values()) == 1
    for region in page.select("[aria-labelledby]"):
        caption = page.find(id=region["aria-labelledby"])
        assert caption is not None and caption.name == "caption"
        assert region.find("caption") is caption  # Each table is named by its own caption.
    assert not [m for m in messages if "duplicate-id" in m]


def test_generated_id_beside_an_explicit_heading_id(caplog: pytest.LogCaptureFixture) -> None:
    page, _ = convert("# Notes {#listtable-1-caption}\n\n" + table('caption="Cap"'), caplog)
    assert max(ids(page).values()) == 1
    heading = page.select_one("h1")
    assert heading is not None and heading["id"] == "listtable-1-caption"  # The author's stays.
    region = page.select_one("[aria-labelledby]")
    assert region is not None
    assert page.find(id=region["aria-labelledby"]).name == "caption"  # type: ignore[union-attr]


def test_an_author_id_taking_a_headings_anchor_is_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page, messages = convert(table('id="revenue"') + "# Revenue\n\n## Costs_1\n", caplog)
    duplicates = [m for m in messages if "duplicate-id" in m]
    assert len(duplicates) == 1
    assert "'Revenue'" in duplicates[0] and "line 1" in duplicates[0]
    assert max(ids(page).values()) == 1


def test_an_author_id_equal_to_an_explicit_heading_id_is_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, messages = convert("# Money {#revenue}\n\n" + table('id="revenue"'), caplog)
    assert len([m for m in messages if "duplicate-id" in m and "'Money'" in m]) == 1


def test_generated_header_ids_stay_unique_and_their_cells_follow(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page, _ = convert(
        "# Notes {#listtable-1-h0-1}\n\n<ListTable headerRows={2} headerColumns={1}>\n"
        "- - \n  - [c2] Group\n  - _\n- - \n  - A\n  - B\n- - Row\n  - 1\n  - 2\n</ListTable>\n",
        caplog,
    )
    assert max(ids(page).values()) == 1
    group = page.find("th", string="Group")
    assert group is not None and group["id"] != "listtable-1-h0-1"
    for cell in page.select("td[headers]"):
        named = [page.find(id=name) for name in cell.get_attribute_list("headers")]
        assert all(header is not None and header.name == "th" for header in named)
        assert group in named
