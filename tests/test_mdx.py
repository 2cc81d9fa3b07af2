"""The MDX around and inside tables, where golden cases cannot show it: log levels, exact bytes,
and the build and `check` agreeing on tables that cannot be rendered."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from .sites import build_site

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

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_listtable", "check", "docs"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    checked = [line.split(": ", 2)[:2] for line in result.stdout.splitlines()]
    assert checked == [
        ["docs/index.md:2:1", "mdx-esm"],
        ["docs/index.md:9:5", "orphan-placeholder"],
        ["docs/index.md:15:1", "not-rendered"],
    ]
