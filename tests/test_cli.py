"""`mkdocs-listtable check`: exit status, and each problem at its file's own line and column.

Each test writes a small site in a temporary directory, makes it the current
directory, and runs `main(argv)` in-process; one test runs the real command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_listtable.cli import main

from .sites import listtable, run_module

CLEAN = """\
# Prices

<ListTable headerRows={1} caption="Prices">
- - Plan
  - [c2] Price
  - _
- - Basic
  - $5
  - monthly
</ListTable>
"""

BROKEN = """\
<ListTable caption="Webhooks">
- - a
  - b
- - _
  - c
</ListTable>
"""
ORPHAN = (
    'page.md:4:5: orphan-placeholder: ListTable "Webhooks" row 2, col 1: '
    "'_' is not covered by any rowspan or colspan; remove it or add a span above or to its left"
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory, made the current one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """Exit status, printed problem lines, and standard error."""
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def where(lines: list[str]) -> list[str]:
    """`path:line[:col]: kind` of each problem line."""
    return [": ".join(line.split(": ")[:2]) for line in lines]


def test_clean_file_prints_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": CLEAN})
    assert run(capsys, "page.md") == (0, [], "")


def test_problem_line_and_summary(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": BROKEN, "clean.md": CLEAN})
    code, lines, err = run(capsys, "page.md", "clean.md")
    assert code == 1
    assert lines == [ORPHAN]
    assert err == "1 problem in 1 file (2 tables checked in 2 files)\n"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "<ListTable>\n- - [r2] a\n  - b\n- - c\n</ListTable>\n",
            ["page.md:2:5: missing-placeholder", "page.md:4: inconsistent-width"],
            id="missing-placeholder",
        ),
        pytest.param(
            "<ListTable>\n- - a\n  - b\n- - c\n  - d\n  - e\n</ListTable>\n",
            ["page.md:4: inconsistent-width"],
            id="inconsistent-width-has-no-column",
        ),
        pytest.param(
            "<ListTable\n  headerRow={1}>\n- - a\n</ListTable>\n",
            ["page.md:2:3: unknown-attribute"],
            id="unknown-attribute-on-second-tag-line",
        ),
        pytest.param(
            "text\n\n  <ListTable>\n  - - a\n",
            ["page.md:3:3: unclosed"],
            id="unclosed",
        ),
        pytest.param("a\n\n</ListTable>\n", ["page.md:3:1: unclosed"], id="stray-closing-tag"),
        pytest.param(
            "<ListTable>\njust text\n</ListTable>\n", ["page.md:2: not-a-list"], id="not-a-list"
        ),
        pytest.param(
            "<ListTable headerRows={3}>\n- - a\n</ListTable>\n",
            ["page.md:1: sections-exceed-rows"],
            id="sections-exceed-rows",
        ),
        pytest.param(
            "- item\n\n    <ListTable>\n    - - a\n      - [c2] b\n    </ListTable>\n",
            ["page.md:5:9: colspan-overflow"],
            id="in-a-list-item",
        ),
        pytest.param(
            "```\n<ListTable>\n- - _\n```\n\n<!--\n<ListTable>\n-->\n\n    <ListTable>\n",
            [],
            id="code-and-comments-are-text",
        ),
        pytest.param(
            "<ListTable>\n-\t-\ta\n\t-\t_\n</ListTable>\n",
            ["page.md:3:9: orphan-placeholder"],
            id="tabs-expanded-to-4-columns",
        ),
    ],
)
def test_each_problem_at_its_place(
    site: Path, capsys: pytest.CaptureFixture[str], markdown: str, expected: list[str]
) -> None:
    write(site, {"page.md": markdown})
    code, lines, _ = run(capsys, "page.md")
    assert where(lines) == expected
    assert code == (1 if expected else 0)


def test_front_matter_lines_count(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": "---\ntitle: Hooks\ntags: [a, b]\n---\n\n\n" + BROKEN})
    assert run(capsys, "page.md")[1] == [ORPHAN.replace("page.md:4:", "page.md:10:")]


def test_crlf_and_bom(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "---\r\ntitle: x\r\n---\r\n" + BROKEN.replace("\n", "\r\n")
    write(site, {"page.md": b"\xef\xbb\xbf" + text.encode()})
    assert run(capsys, "page.md")[1] == [ORPHAN.replace("page.md:4:", "page.md:7:")]


def test_not_utf8_is_one_clear_line(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": b"# T\n\ncaf\xe9\n", "clean.md": CLEAN})
    code, lines, err = run(capsys, ".")
    assert code == 1
    assert lines == [
        "page.md:3: unreadable: not valid UTF-8 (byte 0xe9); "
        "MkDocs reads pages as UTF-8; save the file as UTF-8"
    ]
    assert err == "1 problem in 1 file (1 table checked in 2 files)\n"


NESTED = """\
<ListTable id="outer">
- - outer
  - Text before.

    <ListTable id="inner">
    - - a
      - _
    </ListTable>
</ListTable>

<ListTable>
- - [c2] second
</ListTable>
"""


def test_nested_table_in_cell(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": NESTED})
    code, lines, err = run(capsys, "page.md")
    assert code == 1
    assert where(lines) == ["page.md:7:9: orphan-placeholder", "page.md:12:5: colspan-overflow"]
    assert 'ListTable "inner" row 1, col 2' in lines[0]
    assert "#2 row 1, col 1" in lines[1]  # Top-level tables are numbered first.
    assert "(3 tables checked in 1 file)" in err


def test_nesting_too_deep_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def table(depth: int) -> list[str]:
        inner = table(depth - 1) if depth else ["x"]
        return [
            "<ListTable>",
            "- - " + inner[0],
            *("    " + line for line in inner[1:]),
            "</ListTable>",
        ]

    write(site, {"page.md": "\n".join(table(20)) + "\n"})
    code, lines, err = run(capsys, "page.md")
    assert (code, where(lines)) == (1, ["page.md:17:65: nesting-too-deep"])
    assert "(17 tables checked in 1 file)" in err


def test_page_marked_not_to_report(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": "---\nlisttable:\n  report: false\n---\n" + BROKEN})
    assert run(capsys, "page.md") == (0, [], "")


def test_directory_recursion(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        site,
        {
            "docs/b.md": BROKEN,
            "docs/sub/a.markdown": BROKEN,
            "docs/sub/notes.txt": BROKEN,
            "docs/.drafts/c.md": BROKEN,
            "docs/node_modules/d.md": BROKEN,
        },
    )
    code, lines, err = run(capsys, "docs")
    assert code == 1
    assert [line.split(":")[0] for line in lines] == ["docs/b.md", "docs/sub/a.markdown"]
    assert err == "2 problems in 2 files (2 tables checked in 2 files)\n"


MKDOCS_YML = """\
site_name: Test
docs_dir: pages
theme:
  name: not-installed-theme
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - listtable:
      validation: {mode}
"""
OFF_PAGE = BROKEN + "\n<ListTable>\n- - a\n"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("warn", ["pages/index.md:4:5: orphan-placeholder", "pages/index.md:8:1: unclosed"]),
        ("'off'", ["pages/index.md:8:1: unclosed"]),
        ("!ENV [NOT_SET_ANYWHERE, 'off']", ["pages/index.md:8:1: unclosed"]),
    ],
)
def test_mkdocs_yml_options_and_docs_dir(
    site: Path, capsys: pytest.CaptureFixture[str], mode: str, expected: list[str]
) -> None:
    write(site, {"mkdocs.yml": MKDOCS_YML.format(mode=mode), "pages/index.md": OFF_PAGE})
    code, lines, _ = run(capsys)
    assert (code, where(lines)) == (1, expected)


def test_command_line_validation_overrides_mkdocs_yml(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(site, {"conf/site.yml": MKDOCS_YML.format(mode="'off'"), "conf/pages/p.md": BROKEN})
    assert run(capsys, "-f", "conf/site.yml", "conf/pages")[0] == 0
    code, lines, _ = run(capsys, "-f", "conf/site.yml", "--validation", "warn", "conf/pages")
    assert (code, where(lines)) == (1, ["conf/pages/p.md:4:5: orphan-placeholder"])


def test_extension_options_without_the_plugin(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = "site_name: Z\nmarkdown_extensions:\n  - listtable:\n      validation: 'off'\n"
    write(site, {"mkdocs.yml": config, "docs/p.md": BROKEN})
    assert run(capsys) == (0, [], "")


def test_quiet_prints_the_summary_only(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site, {"page.md": BROKEN})
    assert run(capsys, "-q") == (1, [], "1 problem in 1 file (1 table checked in 1 file)\n")


@pytest.mark.parametrize(
    ("files", "argv", "message"),
    [
        ({}, ["missing.md"], "no such file or directory: missing.md"),
        ({}, ["-f", "nope.yml"], "config file not found: nope.yml"),
        ({"mkdocs.yml": "site_name: [\n"}, [], "cannot read mkdocs.yml"),
        (
            {"mkdocs.yml": "plugins:\n  - listtable:\n      validation: loud\n"},
            [],
            "mkdocs.yml: plugins: listtable: validation: Expected one of",
        ),
    ],
)
def test_usage_errors_exit_2(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    argv: list[str],
    message: str,
) -> None:
    write(site, files)
    code, lines, err = run(capsys, *argv)
    assert (code, lines) == (2, [])
    assert message in err


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: mkdocs-listtable" in capsys.readouterr().err


def test_python_m_runs_the_command(site: Path) -> None:
    write(site, {"docs/page.md": BROKEN})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_listtable", "check", "docs"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ORPHAN.replace("page.md", "docs/page.md") + "\n"
    assert result.stderr == "1 problem in 1 file (1 table checked in 1 file)\n"


def command(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return listtable(root, *argv)


SHORT = "<ListTable>\n- - [c2] a\n- - b\n  - c\n</ListTable>\n"
"""A colspan without its `_`: two problems (colspan-overflow, inconsistent-width)."""


def test_site_pages_are_found_as_mkdocs_finds_them(tmp_path: Path) -> None:
    """exclude_docs, templates/, hidden files are left out; linked folders are followed."""
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\nexclude_docs: |\n  drafts/\n  *.tmp.md\n",
            "docs/index.md": "# Home\n",
            "docs/sub/page.md": SHORT,
            "docs/templates/t.md": SHORT,
            "docs/drafts/d.md": SHORT,
            "docs/x.tmp.md": SHORT,
            "docs/.hidden.md": SHORT,
            "docs/.hidden/h.md": SHORT,
            "shared/o.md": SHORT,
        },
    )
    (tmp_path / "docs" / "linked").symlink_to(tmp_path / "shared", target_is_directory=True)
    result = command(tmp_path, "check")
    assert result.returncode == 1
    files = sorted({line.split(":")[0] for line in result.stdout.splitlines()})
    assert files == ["docs/linked/o.md", "docs/sub/page.md"]
    # An excluded page given by name (as pre-commit does) is left out too.
    assert command(tmp_path, "check", "docs/templates/t.md").returncode == 0


def test_site_pages_match_what_mkdocs_builds(tmp_path: Path) -> None:
    """`check` finds the same pages as `mkdocs build` (and so the same problems)."""
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\nexclude_docs: drafts/\nplugins: [listtable]\n",
            "docs/index.md": SHORT,
            "docs/README.md": SHORT,  # index.md wins, as in MkDocs.
            "docs/drafts/d.md": SHORT,
            "docs/templates/t.md": SHORT,
            "shared/o.md": SHORT,
        },
    )
    (tmp_path / "docs" / "linked").symlink_to(tmp_path / "shared", target_is_directory=True)
    built = run_module(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site"), timeout=120)
    warned = sorted(
        {
            line.split("listtable: ")[1].split(":")[0]
            for line in built.stderr.splitlines()
            if "listtable: " in line
        }
    )
    checked = sorted(
        {line.split(":")[0] for line in command(tmp_path, "check").stdout.splitlines()}
    )
    assert warned == ["index.md", "linked/o.md"]
    assert checked == [f"docs/{page}" for page in warned]


BUILD_ONLY_PAGES = {
    "index.md": """\
---
title: Front matter
---
# Home

<ListTable>
- - a
  - > :::tip
    > Quoted.
    > :::
- - <ListTable validation="strict">
    - - _
    </ListTable>
  - :::danger
    Hot
    :::
</ListTable>

Use <ListTable> inline, and </ListTable> too.

## Same

<ListTable id="same">
- - x
</ListTable>

<ListTable id="same">
- - y
</ListTable>
""",
    "containers.md": """\
!!! note

    <ListTable>
    - - in a note
    </ListTable>

=== "Tab"

    <ListTable>
    - - in a tab
    </ListTable>
""",
    "clean.md": CLEAN,
    "broken.md": BROKEN,
}


@pytest.mark.parametrize(
    ("extensions", "kinds"),
    [
        pytest.param(
            ["attr_list"],
            {
                "admonition-not-enabled",  # `:::` in cells, quoted or not
                "not-rendered",  # tables in `!!!` and `===` blocks read as code
                "unclosed",  # tags in running text, shown as text
                "duplicate-id",  # against a heading's anchor and another table
                "orphan-placeholder",
            },
            id="few-extensions",
        ),
        pytest.param(
            ["attr_list", "admonition", "pymdownx.superfences", "pymdownx.tabbed"],
            {"unclosed", "duplicate-id", "orphan-placeholder"},
            id="admonitions-and-tabs",
        ),
    ],
)
def test_check_reports_what_the_build_logs(
    tmp_path: Path, extensions: list[str], kinds: set[str]
) -> None:
    """The problems `check` prints are those `mkdocs build` logs, line for line."""
    config = {"site_name": "x", "plugins": ["listtable"], "markdown_extensions": extensions}
    write(tmp_path, {"mkdocs.yml": json.dumps(config)})
    write(tmp_path, {f"docs/{name}": text for name, text in BUILD_ONLY_PAGES.items()})
    built = run_module(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site"), timeout=120)
    logged = [
        line.split("listtable: ", 1)[1]
        for line in built.stderr.splitlines()
        if "-  listtable: " in line
    ]
    result = command(tmp_path, "check")
    printed = [line.removeprefix("docs/") for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert sorted(printed) == sorted(logged)
    assert {line.split(": ")[1] for line in printed} == kinds
    assert "Traceback" not in built.stderr


def test_extensions_not_installed_are_left_out_with_a_note(tmp_path: Path) -> None:
    config = """\
site_name: x
markdown_extensions:
  - admonition
  - no_such_extension
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
    page = "<ListTable>\n- - :::note\n    Text\n    :::\n</ListTable>\n\n"
    page += "```mermaid\n<ListTable>\n```\n"
    write(tmp_path, {"mkdocs.yml": config, "docs/index.md": page})
    result = command(tmp_path, "check")
    # `admonition` is loaded (no admonition-not-enabled), and so is the custom fence.
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "note: markdown_extensions not loaded here: no_such_extension; "
        "what it changes around the tables is not checked\n"
    )


@pytest.mark.parametrize(
    "links",
    [
        pytest.param({"docs/a.md": "b.md", "docs/b.md": "a.md"}, id="file-link-loop"),
        pytest.param({"docs/sub/up": ".."}, id="folder-link-loop"),
    ],
)
def test_link_loops_exit_2_with_one_line(tmp_path: Path, links: dict[str, str]) -> None:
    write(tmp_path, {"docs/index.md": SHORT, "docs/sub/p.md": "# P\n"})
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    result = command(tmp_path, "check", "docs")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "symbolic link loop" in result.stderr and "Traceback" not in result.stderr


def test_inherit_loop_exits_2_with_one_line(tmp_path: Path) -> None:
    write(tmp_path, {"mkdocs.yml": "INHERIT: base.yml\n", "base.yml": "INHERIT: mkdocs.yml\n"})
    result = command(tmp_path, "check")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "mkdocs-listtable check: error: mkdocs.yml: INHERIT loops: "
        "mkdocs.yml -> base.yml -> mkdocs.yml\n"
    )


def test_fifo_is_skipped_and_broken_link_reported(tmp_path: Path) -> None:
    import os

    write(tmp_path, {"docs/index.md": CLEAN})
    os.mkfifo(tmp_path / "docs" / "pipe.md")
    (tmp_path / "docs" / "gone.md").symlink_to("nowhere.md")
    result = command(tmp_path, "check", "docs")  # Would block forever reading the FIFO.
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/gone.md: unreadable: No such file or directory",
        "docs/pipe.md: unreadable: not a regular file",
    ]


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root reads files whatever their permissions",
)
def test_unreadable_file_and_folder_are_reported(tmp_path: Path) -> None:
    write(tmp_path, {"docs/index.md": CLEAN, "docs/secret.md": CLEAN, "docs/locked/x.md": SHORT})
    (tmp_path / "docs" / "secret.md").chmod(0)
    (tmp_path / "docs" / "locked").chmod(0)
    try:
        result = command(tmp_path, "check", "docs")
    finally:
        (tmp_path / "docs" / "locked").chmod(0o755)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/locked: unreadable: Permission denied",
        "docs/secret.md: unreadable: Permission denied",
    ]


def test_format_github(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"docs/a,b.md": BROKEN, "docs/s.md": SHORT.replace(">", ' validation="strict">', 1)},
    )
    result = command(tmp_path, "check", "--format", "github", "docs")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=docs/a%2Cb.md,line=4,col=5,title=listtable orphan-placeholder::"
        'ListTable "Webhooks" row 2, col 1: '
        "'_' is not covered by any rowspan or colspan; "
        "remove it or add a span above or to its left",
        "::error file=docs/s.md,line=2,col=5,title=listtable colspan-overflow::"
        "ListTable #1 row 1, col 1: [c2] spans 2 columns from column 1, past the 1 column "
        "of the first row; reduce the colspan to at most 1, or widen the table",
        "::error file=docs/s.md,line=3,title=listtable inconsistent-width::"
        "ListTable #1 row 2: the row has 2 cells but the first row has 1; "
        "give the row 1 cell, with '_' at each position a span covers",
    ]


def test_format_json(tmp_path: Path) -> None:
    import json

    write(tmp_path, {"docs/p.md": BROKEN + "\n" + SHORT + "\n<ListTable>\n- - a\n"})
    result = command(tmp_path, "check", "--format", "json", "docs")
    assert result.returncode == 1
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert found[0] == {
        "file": "docs/p.md",
        "line": 4,
        "column": 5,
        "end_line": 4,
        "kind": "orphan-placeholder",
        "severity": "warning",
        "table": "Webhooks",
        "row": 2,
        "col": 1,
        "message": "'_' is not covered by any rowspan or colspan",
        "hint": "remove it or add a span above or to its left",
        "fixable": False,
    }
    assert [(f["kind"], f["line"], f["end_line"], f["fixable"]) for f in found[1:]] == [
        ("colspan-overflow", 9, 9, True),
        ("inconsistent-width", 10, 10, True),
        ("unclosed", 14, 14, False),
    ]


# The problem matcher README.md gives for VS Code (and any editor that takes one).
PROBLEM_MATCHER = r"^(.+?):(\d+):(?:(\d+):)? ([a-z]+(?:-[a-z]+)*): (.*)$"


def test_problem_matcher_reads_the_text_format(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert json_string(PROBLEM_MATCHER) in readme
    write(tmp_path, {"docs/my page.md": BROKEN + "\n" + SHORT})
    result = command(tmp_path, "check", "docs")
    matches = [re.match(PROBLEM_MATCHER, line) for line in result.stdout.splitlines()]
    assert [m.groups()[:4] if m else None for m in matches] == [
        ("docs/my page.md", "4", "5", "orphan-placeholder"),
        ("docs/my page.md", "9", "5", "colspan-overflow"),
        ("docs/my page.md", "10", None, "inconsistent-width"),
    ]
    assert all(m and m[5].startswith("ListTable ") for m in matches)


def json_string(text: str) -> str:
    import json

    return json.dumps(text)
