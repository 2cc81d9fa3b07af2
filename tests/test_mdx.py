"""The MDX around and inside tables, where golden cases cannot show it: log levels, exact bytes,
and the build and `check` agreeing on tables that cannot be rendered."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import deadline
from .sites import build_site, run_module, write_site

SCRIPT = """\
<script>
const example = `
<ListTable>
- - a

  - b
</ListTable>
`;
</script>
"""

WRAPPED_BROKEN = """\
import { ListTable } from '@site/src/components/ListTable';
import Tabs from '@theme/Tabs';

<details>
<summary>Rows</summary>

<ListTable>
- - a
- - _
</ListTable>

</details>

<pre>
<ListTable>
- - text
</ListTable>
</pre>
"""


def _convert(text: str, caplog: pytest.LogCaptureFixture, **config: object) -> str:
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.listtable"):
        return markdown.markdown(
            text,
            extensions=["listtable"],
            extension_configs={"listtable": {"raise_on_error": False, **config}},
        )


@pytest.mark.parametrize("element", ["script", "pre", "style", "textarea"])
def test_raw_text_elements_keep_their_bytes(element: str, caplog: pytest.LogCaptureFixture) -> None:
    text = SCRIPT.replace("script", element)
    html = _convert(f"Before.\n\n{text}\nAfter.\n", caplog)
    assert text.rstrip("\n") in html
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "line 5:1:" in caplog.records[0].getMessage()  # Its own line, after "Before.".
    assert f"inside <{element}>" in caplog.records[0].getMessage()


def test_list_table_imports_are_removed_with_an_info_note(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = (
        "import { ListTable } from 'mdx-list-tables';\n"
        "export const answer = 42;\n\n"
        "<ListTable>\n- - a\n</ListTable>\n"
    )
    html = _convert(text, caplog)
    assert "mdx-list-tables" not in html and "export const answer = 42;" in html
    levels = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert levels[0][0] == "INFO" and "line 1:1:" in levels[0][1] and "mdx-import" in levels[0][1]
    assert levels[1][0] == "WARNING" and "mdx-esm" in levels[1][1] and "line 2:1" in levels[1][1]
    assert len(levels) == 2


def test_other_esm_lines_are_reported_once_per_page(caplog: pytest.LogCaptureFixture) -> None:
    text = (
        "import Tabs from '@theme/Tabs';\n\n"
        "export const a = 1;\n\n"
        "export default function Layout() {\n  return null;\n}\n\n"
        "<ListTable>\n- - a\n</ListTable>\n"
    )
    _convert(text, caplog)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "3 ESM statements (lines 1, 3, 5:" in warnings[0]


def test_build_and_check_report_the_same_problems(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):  # As `mkdocs build` logs.
        site = build_site(tmp_path, {"index.md": WRAPPED_BROKEN})
    built = site.listtable_messages()
    assert len(built) == 3
    assert any("index.md:2:1:" in m and "mdx-esm" in m for m in built)
    assert any("index.md:9:5:" in m and "orphan-placeholder" in m for m in built)
    assert any("index.md:15:1:" in m and "inside <pre>" in m for m in built)
    info = [m for m in site.listtable_messages(logging.INFO) if "mdx-import" in m]
    assert len(info) == 1 and "index.md:1:1:" in info[0]
    page = site.page()
    details = page.find("details")
    assert details is not None and details.find("table") is not None
    written = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<pre>\n<ListTable>\n- - text\n</ListTable>\n</pre>" in written
    assert "@site/src/components/ListTable" not in page.get_text()

    result = run_module(tmp_path, "mkdocs_listtable", "check", "docs", timeout=60)
    assert result.returncode == 1
    checked = [line.split(": ", 2)[:2] for line in result.stdout.splitlines()]
    assert checked == [
        ["docs/index.md:2:1", "mdx-esm"],
        ["docs/index.md:9:5", "orphan-placeholder"],
        ["docs/index.md:15:1", "not-rendered"],
    ]


DOCUSAURUS_PAGE = """\
---
title: Deployments
description: How a release reaches production.
---

import { ListTable } from '@site/src/components/ListTable';
import 'mdx-list-tables/dist/styles.css';

# Deployments

{/* Tables below follow the team's list-table style. */}

<ListTable headerRows={1} headerColumns={1} caption="Environments">
- - Environment
  - [c2] Reached by
  - _
- - [r2] Staging
  - `git push origin main`\\
    Deploys within a minute
  - :::tip[Watch it]
    Follow the **Deploys** channel.
    :::
- - _
  - `make smoke`
  - :::note
    Runs against staging only.
    :::
- - Production
  - `make release`
  - :::danger Irreversible
    A release cannot be recalled\\
    Roll forward instead.
    :::
</ListTable>

<details>
<summary>Rollback steps</summary>

{/* Kept folded: most readers never need it. */}

<ListTable headerRows={1}>
- - Step
  - Command
- - 1
  - `make freeze`\\
    Stops new deploys
- - 2
  - :::warning
    Check the database migrations first.
    :::
</ListTable>

</details>

<div className="wide-table">

<ListTable>
- - Region
  - Owner
- - eu-west
  - Platform team\\
    on call: `#platform`
</ListTable>

</div>

A JavaScript example that shows the syntax, left as it is:

<script>
const sample = `<ListTable>
- - a
</ListTable>`;
</script>
"""


def test_a_docusaurus_page_builds_strictly_with_every_table(tmp_path: Path) -> None:
    """A realistic page written for Docusaurus: front matter, imports, comments, admonitions
    and line breaks in cells, tables in `<details>` and `<div className>`."""

    config = write_site(tmp_path, {"deploy.md": DOCUSAURUS_PAGE}, theme="material")
    assert config.is_file()
    result = run_module(tmp_path, "mkdocs", "build", "--strict", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "deploy.md:6:1: mdx-import" in result.stderr  # An INFO note for each import.
    assert "deploy.md:7:1: mdx-import" in result.stderr
    written = (tmp_path / "site" / "deploy" / "index.html").read_text(encoding="utf-8")
    script = DOCUSAURUS_PAGE[DOCUSAURUS_PAGE.index("<script>") :].rstrip("\n")
    assert script in written  # Byte for byte, closing tag in the string included.

    page = BeautifulSoup(
        (tmp_path / "site" / "deploy" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.find("article")
    assert article is not None
    tables = [
        t for t in article.find_all("table") if t.find_parent(class_="listtable__source") is None
    ]
    for aside in article.find_all(["script", "details"]):
        if aside.name == "script" or "listtable__source" in (aside.get("class") or []):
            aside.extract()  # The script shows nothing; the toggles show the sources on purpose.
    text = article.get_text(" ")
    assert "import" not in text and "{/*" not in text and ":::" not in text
    assert len(tables) == 3
    environments, rollback, regions = tables

    assert environments.find("caption").get_text() == "Environments"
    head = environments.find("thead").find_all("th")
    assert [(th.get_text(), th.get("colspan")) for th in head] == [
        ("Environment", None),
        ("Reached by", "2"),
    ]
    staging = environments.find("tbody").find("th")
    assert staging.get_text(strip=True) == "Staging" and staging.get("rowspan") == "2"
    first = environments.find("tbody").find("tr").find_all("td")
    assert first[0].find("br") is not None and "Deploys within a minute" in first[0].get_text()
    admonitions = environments.find_all("div", class_="admonition")
    assert [(a["class"][1], a.find(class_="admonition-title").get_text()) for a in admonitions] == [
        ("tip", "Watch it"),
        ("note", "Note"),
        ("danger", "Irreversible"),
    ]
    assert admonitions[2].find("br") is not None  # A break inside an admonition in a cell.

    folded = rollback.find_parent("details")
    assert folded is not None and folded.find("summary").get_text() == "Rollback steps"
    assert rollback.find("br") is not None
    assert rollback.find("div", class_="admonition warning") is not None

    wrapper = regions.find_parent("div", class_="wide-table")
    assert wrapper is not None and wrapper.get("classname") is None
    assert [td.get_text(" ", strip=True) for td in regions.find_all("td")][-1] == (
        "Platform team on call: #platform"
    )


FRAGMENTS = [
    "import { ListTable } from 'mdx-list-tables';",
    "import Tabs from '@theme/Tabs';",
    "import {",
    "  ListTable,",
    "} from '@site/src/components/ListTable';",
    "export const x = {",
    "export default function A() {",
    "}",
    "`",
    "'",
    "{/* comment */}",
    "{/*",
    "*/}",
    "<details>",
    "<summary>More</summary>",
    "</details>",
    '<div className="x">',
    "<div",
    "</div>",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "<!--",
    "-->",
    "<ListTable>",
    "</ListTable>",
    "- - a\\",
    "  - b\\",
    "    c",
    "- - :::tip[T]",
    "    :::",
    "  - ::::note",
    "    ::::",
    ":::danger",
    ":::",
    "```",
    "    code\\",
    "- - _",
    "text `span\\",
    "",
    "",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_any_mix_of_mdx_never_breaks_a_page(lines: list[str]) -> None:
    """No mix of the constructs raises, hangs or leaves a placeholder of ours in the page."""
    text = "\n".join(lines)
    with deadline(10):
        for extensions in (["admonition", "pymdownx.superfences"], ["md_in_html"]):
            html = markdown.markdown(
                text,
                extensions=["listtable", *extensions],
                extension_configs={"listtable": {"raise_on_error": False}},
            )
            assert "\x02" not in html and "\x03" not in html
            assert "internal-error" not in html


def test_many_esm_lines_make_one_short_message(caplog: pytest.LogCaptureFixture) -> None:
    text = "".join(f"import A{n} from 'a{n}';\n\n" for n in range(40))
    _convert(text + "<ListTable>\n- - a\n</ListTable>\n", caplog)
    (message,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "40 ESM statements (lines 1, 3, 5, 7, 9, and 35 more:" in message
    assert len(message) < 400
