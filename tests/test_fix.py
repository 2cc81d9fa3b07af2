"""`mkdocs-listtable fix`: each repair, the bytes it keeps, and the build afterwards.

The command runs in a real process on files written to a temporary folder;
the files are compared byte for byte before and after, and the repaired pages
are built with MkDocs to show that the problems repaired are gone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .sites import build_site, listtable


def command(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return listtable(root, *argv)


CASES = [
    pytest.param(
        "<ListTable>\n- - [r2] A\n  - B\n- - C\n</ListTable>\n",
        "<ListTable>\n- - [r2] A\n  - B\n- - _\n  - C\n</ListTable>\n",
        ["p.md:4:3: fixed missing-placeholder: inserted '_' at row 2, column 1"],
        id="rowspan-placeholder-splits-the-row-line",
    ),
    pytest.param(
        "<ListTable>\n* * [c2] A\n  * B\n* * C\n  * D\n  * E\n</ListTable>\n",
        "<ListTable>\n* * [c2] A\n  * _\n  * B\n* * C\n  * D\n  * E\n</ListTable>\n",
        ["p.md:3:3: fixed missing-placeholder: inserted '_' at row 1, column 2"],
        id="colspan-placeholder-with-the-row-bullet",
    ),
    pytest.param(
        "- item\n\n    <ListTable>\n    - - a\n      - [r2] b\n    - - c\n    </ListTable>\n",
        "- item\n\n    <ListTable>\n    - - a\n      - [r2] b\n    - - c\n"
        "      - _\n    </ListTable>\n",
        ["p.md:7:7: fixed missing-placeholder: inserted '_' at row 2, column 2"],
        id="placeholder-at-row-end-with-the-row-indentation",
    ),
    pytest.param(
        '<ListTable headerRows="1" footerRows=\'1\' showSource="false">\n'
        "- - a\n- - b\n</ListTable>\n",
        "<ListTable headerRows={1} footerRows={1} showSource={false}>\n"
        "- - a\n- - b\n</ListTable>\n",
        [
            'p.md:1:12: fixed string-number: headerRows="1" -> headerRows={1}',
            "p.md:1:27: fixed string-number: footerRows='1' -> footerRows={1}",
            'p.md:1:42: fixed string-boolean: showSource="false" -> showSource={false}',
        ],
        id="string-numbers-and-booleans",
    ),
    pytest.param(
        '<ListTable\n  HeaderRows={1}\n  headerColumn={1}\n  widht="1,2">\n'
        "- - a\n  - b\n</ListTable>\n",
        '<ListTable\n  headerRows={1}\n  headerColumns={1}\n  widths="1,2">\n'
        "- - a\n  - b\n</ListTable>\n",
        [
            "p.md:2:3: fixed unknown-attribute: HeaderRows={1} -> headerRows={1}",
            "p.md:3:3: fixed unknown-attribute: headerColumn={1} -> headerColumns={1}",
            'p.md:4:3: fixed unknown-attribute: widht="1,2" -> widths="1,2"',
        ],
        id="attribute-typos",
    ),
    pytest.param(
        '<ListTable headerRow="1">\n- - a\n- - b\n</ListTable>\n',
        "<ListTable headerRows={1}>\n- - a\n- - b\n</ListTable>\n",
        ['p.md:1:12: fixed unknown-attribute: headerRow="1" -> headerRows={1}'],
        id="typo-and-string-number-at-once",
    ),
    pytest.param(
        "<ListTable>\n- - a\n  - b\n  - c\n- - d\n    - e\n    - f\n"
        "- - g\n  - h\n  - i\n</ListTable>\n",
        "<ListTable>\n- - a\n  - b\n  - c\n- - d\n  - e\n  - f\n"
        "- - g\n  - h\n  - i\n</ListTable>\n",
        [
            "p.md:6:5: fixed inconsistent-width: moved the list nested in row 2's cell out "
            "to the row's cells"
        ],
        id="nested-list-back-to-cells",
    ),
]


@pytest.mark.parametrize(("before", "after", "report"), CASES)
def test_each_repair(tmp_path: Path, before: str, after: str, report: list[str]) -> None:
    page = tmp_path / "p.md"
    page.write_text(before, encoding="utf-8")
    result = command(tmp_path, "fix", "p.md")
    assert result.stdout.splitlines() == report
    assert page.read_text(encoding="utf-8") == after
    assert result.returncode == 0
    again = command(tmp_path, "fix", "p.md")  # Idempotent: nothing left to do.
    assert (again.returncode, again.stdout) == (0, "")
    assert page.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(("before", "after", "report"), CASES)
def test_repaired_pages_build_without_problems(
    tmp_path: Path, before: str, after: str, report: list[str]
) -> None:
    broken = build_site(tmp_path / "before", {"index.md": before})
    fixed = build_site(tmp_path / "after", {"index.md": after})
    kinds = {line.split(": fixed ")[1].split(":")[0] for line in report}
    assert broken.listtable_messages() or kinds <= {"string-number", "string-boolean"}
    assert fixed.listtable_messages() == []
    assert fixed.page().select_one("div.listtable table") is not None


LEFT_ALONE = [
    pytest.param("<ListTable>\n- - [r2] A\n  - B\n- - C\n", id="unclosed"),
    pytest.param("<ListTable headerRow={1}>\njust text\n</ListTable>\n", id="not-a-list"),
    pytest.param(
        "<ListTable>\n- - [r2] a\n  - [c2] b\n  - c\n- - d\n  - e\n- - f\n</ListTable>\n",
        id="rows-disagree-on-the-width",
    ),
    pytest.param(
        "<ListTable>\n- - a\n  - b\n  - c\n- - d\n    - e\n  - f\n    - g\n</ListTable>\n",
        id="two-nested-lists-in-a-row",
    ),
    pytest.param("<ListTable headr={1} foo={1}>\n- - a\n</ListTable>\n", id="no-close-match"),
    pytest.param(
        "---\nlisttable:\n  report: false\n---\n<ListTable>\n- - [r2] A\n- - B\n</ListTable>\n",
        id="page-broken-on-purpose",
    ),
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_what_has_no_one_right_answer_is_left_alone(tmp_path: Path, text: str) -> None:
    page = tmp_path / "p.md"
    page.write_bytes(text.encode())
    result = command(tmp_path, "fix", "p.md")
    assert "fixed" not in result.stdout
    assert page.read_bytes() == text.encode()


def test_bytes_outside_the_edited_lines_are_kept(tmp_path: Path) -> None:
    head = "\ufeff---\r\ntitle: t\r\n---\r\nText  \t\r\n\r\n"
    table = '<ListTable\theaderColumns="1">\r\n- - [r2] A\t\r\n  - B  \r\n- - C\r\n</ListTable>'
    page = tmp_path / "p.md"
    page.write_bytes((head + table).encode())
    result = command(tmp_path, "fix", "p.md")
    assert result.returncode == 0, result.stdout
    assert (
        page.read_bytes()
        == (
            head
            + "<ListTable\theaderColumns={1}>\r\n- - [r2] A\t\r\n  - B  \r\n"
            + "- - _\r\n  - C\r\n</ListTable>"
        ).encode()
    )
    assert result.stdout.splitlines() == [
        'p.md:6:13: fixed string-number: headerColumns="1" -> headerColumns={1}',
        "p.md:9:3: fixed missing-placeholder: inserted '_' at row 2, column 1",
    ]


BROKEN = "<ListTable>\n- - [r2] A\n  - B\n- - C\n</ListTable>\n\n<ListTable>\n- - _\n</ListTable>\n"


def test_diff_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(BROKEN, encoding="utf-8")
    result = command(tmp_path, "fix", "--diff", "p.md")
    assert result.returncode == 1  # The orphan `_` is left.
    assert result.stdout == (
        "--- a/p.md\n+++ b/p.md\n@@ -1,7 +1,8 @@\n <ListTable>\n - - [r2] A\n   - B\n"
        "-- - C\n+- - _\n+  - C\n </ListTable>\n \n <ListTable>\n"
    )
    assert "p.md:4:3: would fix missing-placeholder" in result.stderr
    # What is left is reported at its line in the file, which --diff leaves as it is.
    assert "p.md:8:5: orphan-placeholder: ListTable #2 row 1, col 1" in result.stderr
    assert page.read_text(encoding="utf-8") == BROKEN


def test_check_reports_what_is_left_at_its_line_on_disk(tmp_path: Path) -> None:
    # Two `_` would be inserted above the orphan `_`: the file keeps it on line 11.
    text = (
        "<ListTable>\n- - [r3] A\n  - B\n- - C\n- - D\n</ListTable>\n\n"
        "Text.\n\n<ListTable>\n- - _\n  - x\n</ListTable>\n"
    )
    page = tmp_path / "p.md"
    page.write_text(text, encoding="utf-8")
    result = command(tmp_path, "fix", "--check", "p.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "p.md:4:3: would fix missing-placeholder: inserted '_' at row 2, column 1",
        "p.md:5:3: would fix missing-placeholder: inserted '_' at row 3, column 1",
        "p.md:11:5: orphan-placeholder: ListTable #2 row 1, col 1: '_' is not covered by any "
        "rowspan or colspan; remove it or add a span above or to its left",
    ]
    assert text.splitlines()[10] == "- - _"
    assert page.read_text(encoding="utf-8") == text
    # Once written, the same problem is at its line in the repaired file.
    written = command(tmp_path, "fix", "p.md")
    assert "p.md:13:5: orphan-placeholder" in written.stdout
    assert page.read_text(encoding="utf-8").splitlines()[12] == "- - _"


def test_lines_of_the_repaired_text_map_back_to_the_file() -> None:
    from mkdocs_listtable.fix import Edit, Result

    def edit(first: int, last: int, count: int) -> Edit:
        return Edit(first, last, ("x",) * count, "missing-placeholder", first + 1, 1, "")

    # Round 1 inserts a line before index 2 and splits index 5 in two;
    # round 2 (on round 1's text) inserts one before index 0.
    result = Result("", "", rounds=[[edit(2, 2, 1), edit(5, 6, 2)], [edit(0, 0, 1)]])
    after = ["new0", "l0", "l1", "new1", "l2", "l3", "l4", "l5a", "l5b", "l6"]
    before = [1, 1, 2, 3, 3, 4, 5, 6, 6, 7]  # The file line each line of `after` stands at.
    assert [result.line_before(line) for line in range(1, len(after) + 1)] == before
    assert result.line_before(4, rounds=1) == 3  # Round 1's text: line 4 is l2, on line 3.
    assert result.line_before(4, rounds=0) == 4


def test_check_exits_1_when_something_would_change(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("<ListTable>\n- - [r2] A\n  - B\n- - C\n</ListTable>\n", encoding="utf-8")
    before = page.read_bytes()
    result = command(tmp_path, "fix", "--check", "p.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "p.md:4:3: would fix missing-placeholder: inserted '_' at row 2, column 1"
    ]
    assert page.read_bytes() == before
    assert command(tmp_path, "fix", "p.md").returncode == 0
    assert command(tmp_path, "fix", "--check", "p.md").returncode == 0


def test_problems_left_are_reported_as_check_does(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(BROKEN, encoding="utf-8")
    result = command(tmp_path, "fix", "p.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "p.md:4:3: fixed missing-placeholder: inserted '_' at row 2, column 1",
        "p.md:9:5: orphan-placeholder: ListTable #2 row 1, col 1: '_' is not covered by any "
        "rowspan or colspan; remove it or add a span above or to its left",
    ]
    assert result.stderr == "fixed 1 problem in 1 file; 1 problem left\n"


def test_unreadable_files_are_not_touched(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"<ListTable>\n- - [r2] caf\xe9\n- - C\n</ListTable>\n")
    result = command(tmp_path, "fix", "bad.md")
    assert result.returncode == 1
    assert "bad.md:2: unreadable: not valid UTF-8" in result.stdout
    assert (tmp_path / "bad.md").read_bytes().endswith(b"- - C\n</ListTable>\n")


def test_pre_commit_hook_runs_fix() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["listtable-fix"]["entry"] == "mkdocs-listtable fix"
    assert by_id["listtable-check"]["entry"] == "mkdocs-listtable check"
