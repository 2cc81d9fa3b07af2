"""`mkdocs-listtable convert`: HTML, pipe and CSV tables in, the same table out.

Round-trip properties (Hypothesis): a generated HTML table with random spans,
header rows, footer rows and row headers, converted and built, gives the same
grid (tags, rowspan, colspan, scope, cell text); pipe tables and CSV give the
same cells. A modest number of examples normally, many more under `--fuzz`
(or LISTTABLE_FUZZ=1). The command itself runs in real processes.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import cmarkgfm
import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_listtable.convert import _splitter, csv_table, html_tables, pipe_table, write

from .conftest import reached, reaches
from .sites import listtable

FUZZ = os.environ.get("LISTTABLE_FUZZ", "") not in ("", "0")
ROUND_TRIP = settings(
    max_examples=5_000 if FUZZ else 60,
    deadline=None,
    derandomize=not FUZZ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXTENSIONS = ["listtable", "md_in_html", "pymdownx.superfences"]

Grid = list[list[tuple[str, int, int, str | None, str]]]
SCOPES = {"colgroup": "col", "rowgroup": "row"}
"""A spanning header is `colgroup`/`rowgroup` once built: the same header, named exactly."""


def build(listtable: str) -> Tag:
    """The `<table>` the extension renders from `listtable`, which must be clean."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    html = md.convert(listtable)
    table = BeautifulSoup(html, "html.parser").find("table")
    assert isinstance(table, Tag), html
    return table


def grid(table: Tag) -> Grid:
    """Each row's cells as `(tag, rowspan, colspan, scope, text)`, thead to tfoot."""
    rows = []
    for section in ("thead", "tbody", "tfoot"):
        for group in table.find_all(section, recursive=False):
            for tr in group.find_all("tr", recursive=False):
                rows.append(
                    [
                        (
                            cell.name,
                            int(cell.get("rowspan", 1)),
                            int(cell.get("colspan", 1)),
                            SCOPES.get(cell.get("scope"), cell.get("scope")),
                            " ".join(cell.get_text().split()),
                        )
                        for cell in tr.find_all(["td", "th"], recursive=False)
                    ]
                )
    return rows


WORDS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6)


@st.composite
def inline(draw: st.DrawFn) -> tuple[str, str]:
    """Cell HTML and its text: words, some emphasised, in code, or linked."""
    parts = []
    for word in draw(st.lists(WORDS, min_size=1, max_size=3)):
        wrap = draw(st.sampled_from(["", "em", "strong", "code", "a"]))
        if wrap == "a":
            parts.append(f'<a href="/{word}">{word}</a>')
        else:
            parts.append(f"<{wrap}>{word}</{wrap}>" if wrap else word)
    html = " ".join(parts)
    return html, " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@st.composite
def html_table(draw: st.DrawFn) -> str:
    """A table whose spans stay in their row group, as browsers lay them out."""
    width = draw(st.integers(1, 4))
    sections = [
        ("thead", draw(st.integers(0, 2))),
        ("tbody", draw(st.integers(1, 4))),
        ("tfoot", draw(st.integers(0, 2))),
    ]
    header_columns = draw(st.integers(0, width - 1))
    out = ["<table>"]
    if draw(st.booleans()):
        out.append(f"<caption>{draw(WORDS)}</caption>")
    for section, count in sections:
        if not count:
            continue
        out.append(f"<{section}>")
        taken: set[tuple[int, int]] = set()
        for r in range(count):
            out.append("<tr>")
            for c in range(width):
                if (r, c) in taken:
                    continue
                run = 1
                while c + run < width and (r, c + run) not in taken:
                    run += 1
                colspan = draw(st.integers(1, run))
                rowspan = draw(st.integers(1, count - r))
                while any(
                    (rr, c + cc) in taken for rr in range(r, r + rowspan) for cc in range(colspan)
                ):
                    rowspan -= 1
                taken |= {(rr, c + cc) for rr in range(r, r + rowspan) for cc in range(colspan)}
                if section == "thead":
                    tag = '<th scope="col"'
                elif c < header_columns:
                    tag = '<th scope="row"'
                else:
                    tag = "<td"
                if rowspan > 1:
                    tag += f' rowspan="{rowspan}"'
                if colspan > 1:
                    tag += f' colspan="{colspan}"'
                name = tag[1:3]
                out.append(f"{tag}>{draw(inline())[0]}</{name}>")
            out.append("</tr>")
        out.append(f"</{section}>")
    out.append("</table>")
    return "\n".join(out)


@pytest.mark.fuzz
@ROUND_TRIP
@given(html_table())
def test_html_round_trip(html: str) -> None:
    (table,) = html_tables(html)
    listtable = write(table)
    source = BeautifulSoup(html, "html.parser").find("table")
    assert isinstance(source, Tag)
    built = build(listtable)
    assert grid(built) == grid(source), listtable
    caption = source.find("caption")
    if caption is not None:
        assert built.caption is not None and built.caption.get_text() == caption.get_text()


# Text a page can carry: control characters never reach the HTML (the build shows U+FFFD),
# and the line separators Python's `str.splitlines` knows end a CSV value's line.
CELL = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs"),
        exclude_characters="\u2028\u2029",
    ),
    max_size=12,
)


@pytest.mark.fuzz
@ROUND_TRIP
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=5), st.integers(0, 2))
def test_csv_round_trip(rows: list[list[str]], header_rows: int) -> None:
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    table = csv_table(buffer.getvalue(), ",", header_rows=header_rows)
    width = max(len(row) for row in rows)
    expected = [[" ".join(v.split()) for v in row + [""] * (width - len(row))] for row in rows]
    built = build(write(table))
    assert [[cell[4] for cell in row] for row in grid(built)] == expected


PIPE_CELL = st.text("ab `\\|*_<>&", max_size=10)
"""Backslashes, backticks and pipes in any order: a `\\|` by backticks that pair or not."""


def _inner(tag: Tag) -> str:
    """A cell's or paragraph's HTML, without its whitespace (code spans trim it differently)
    and without the spans that keep each word of code whole (`codewords.py`)."""
    for span in tag.select("code span"):
        span.unwrap()
    return "".join(tag.decode_contents().split())


@pytest.mark.fuzz
@reaches(compared=20, escaped_pipe_by_lone_backtick=3)
@ROUND_TRIP
@given(
    st.lists(st.lists(PIPE_CELL, min_size=2, max_size=2), min_size=2, max_size=5),
    st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=2, max_size=2),
)
@example(  # Found by fuzzing: code of two words, each in a span of its own in a ListTable.
    [["_*`b| b\\`&", ">a>&&`"], ["_", " __>*&&`"], [" *&a<", "*abaaa***>"], ["", "a\\_"]],
    ["---", "---"],
)
def test_pipe_round_trip(rows: list[list[str]], aligns: list[str]) -> None:
    """A pipe table's ListTable shows the cells GitHub shows (cmark-gfm, github.com's library).

    A pipe in a cell is written `\\|`, as GitHub asks, code spans included.
    Examples where a cell's text alone reads otherwise in Python-Markdown than
    on GitHub (emphasis, unpaired backticks), or where Python-Markdown's split
    is not the cells written (`\\|` after a backslash), are about something else.
    """

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    lines = [line(rows[0]), "|" + "|".join(aligns) + "|", *map(line, rows[1:])]
    github = BeautifulSoup(
        cmarkgfm.github_flavored_markdown_to_html("\n".join(lines)), "html.parser"
    )
    expected = github.find("table")
    if not isinstance(expected, Tag):
        return
    split = _splitter(lines)._split_row  # type: ignore[attr-defined]
    if any(
        [cell.strip() for cell in split(written.strip())]
        != [c.replace("|", "\\|").strip() for c in row]
        for written, row in zip(lines[:1] + lines[2:], rows, strict=True)
    ):
        return
    for cell in (cell for row in rows for cell in row if cell.strip()):
        ours = BeautifulSoup(markdown.markdown(cell), "html.parser").find("p")
        theirs = BeautifulSoup(cmarkgfm.github_flavored_markdown_to_html(cell), "html.parser").find(
            "p"
        )
        if not (isinstance(ours, Tag) and isinstance(theirs, Tag)) or _inner(ours) != _inner(
            theirs
        ):
            return
    built = build(write(pipe_table(lines)))
    reached("compared")
    if any("|" in cell and cell.count("`") % 2 for row in rows for cell in row):
        reached("escaped_pipe_by_lone_backtick")
    want = [
        [(td.name, _inner(td)) for td in tr.find_all(["td", "th"])]
        for tr in expected.find_all("tr")
    ]
    got = [
        [(td.name, _inner(td)) for td in tr.find_all(["td", "th"])] for tr in built.find_all("tr")
    ]
    assert got == want
    styles = [td.get("align") for td in expected.find_all("td")]
    built_styles = [td.get("style") for td in built.find_all("td")]
    assert [s is not None for s in styles] == [s is not None for s in built_styles]


def command(root: Path, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return listtable(root, "convert", *argv, stdin=stdin)


COPIED = """\
<table id="plans" class="compact wide">
  <caption>Plans &amp; <code>prices</code></caption>
  <thead><tr><th>Plan</th><th colspan="2">Price</th></tr></thead>
  <tbody>
    <tr><th scope="row" rowspan="2">Basic</th><td>$5</td>
      <td><p>monthly, <em>billed</em> <a href="/x">yearly</a></p>
        <ul><li>one</li><li>two</li></ul></td></tr>
    <tr><td>$50</td><td>line<br>break</td></tr>
  </tbody>
  <tfoot><tr><th scope="row">Total</th><td>_</td><td>[r2] x</td></tr></tfoot>
</table>
"""

COPIED_LISTTABLE = """\
<ListTable headerRows={1} headerColumns={1} footerRows={1} caption="Plans & `prices`" \
id="plans" className="compact wide">
- - Plan
  - [c2] Price
  - _
- - [r2] Basic
  - $5
  - monthly, *billed* [yearly](/x)

    - one
    - two
- - _
  - $50
  - line{SPACES}
    break
- - Total
  - \\_
  - \\[r2] x
</ListTable>
""".replace("{SPACES}", "  ")  # Two spaces: the `<br>`.


def test_html_file_to_standard_output(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text(COPIED, encoding="utf-8")
    result = command(tmp_path, "t.html")
    assert (result.returncode, result.stdout) == (0, COPIED_LISTTABLE)
    table = build(result.stdout)
    assert table.get("id") == "plans" and table.get("class") == ["compact", "wide"]
    assert (
        str(table.caption)
        == '<caption id="plans-caption">Plans &amp; <code>prices</code></caption>'
    )
    cells = table.select("tbody td")
    assert [str(child) for child in cells[1].children if str(child).strip()] == [
        '<p>monthly, <em>billed</em> <a href="/x">yearly</a></p>',
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    ]
    assert cells[3].find("br") is not None
    assert [td.get_text() for td in table.select("tfoot td")] == ["_", "[r2] x"]


def test_md_in_html_cells_are_kept_as_markdown(tmp_path: Path) -> None:
    page = (
        '<table markdown="1">\n<tr><th>Name</th><th>Notes</th></tr>\n'
        "<tr><td>**bold**</td><td>\n\n- a\n- b\n\n</td></tr>\n</table>\n"
    )
    result = command(tmp_path, "--from", "html", stdin=page)
    assert result.returncode == 0
    assert result.stdout == (
        "<ListTable>\n- - Name\n  - Notes\n- - **bold**\n  - - a\n    - b\n</ListTable>\n"
    )


def test_pipe_table_with_alignment(tmp_path: Path) -> None:
    page = "| Name | Price | Note |\n|:-----|------:|:----:|\n| `a\\|b` | 5 | x |\n"
    result = command(tmp_path, "--from", "pipe", stdin=page)
    assert result.stdout == (
        '<ListTable headerRows={1} aligns="l,r,c">\n- - Name\n  - Price\n  - Note\n'
        "- - `a|b`\n  - 5\n  - x\n</ListTable>\n"  # A pipe in code too, as GitHub shows it.
    )


def test_escaped_pipes_by_unpaired_backticks_read_as_on_github(tmp_path: Path) -> None:
    page = "| A | B |\n|---|---|\n| `x\\|y | a\\|b |\n| `a\\|b` | \\\\\\| |\n"
    result = command(tmp_path, "--from", "pipe", stdin=page)
    assert result.stdout.splitlines()[3:7] == ["- - `x|y", "  - a|b", "- - `a|b`", "  - \\\\|"]
    github = BeautifulSoup(cmarkgfm.github_flavored_markdown_to_html(page), "html.parser")
    ours = build(result.stdout)
    assert [_inner(td) for td in ours.find_all("td")] == [_inner(td) for td in github("td")]


def test_csv_and_tsv(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text('Name,Price\n"a, b",*5*\n', encoding="utf-8")
    (tmp_path / "t.tsv").write_text("Name\tPrice\n1. x\t<b>\n", encoding="utf-8")
    result = command(tmp_path, "t.csv", "--header-rows", "1", "--header-columns", "1")
    assert result.stdout == (
        "<ListTable headerRows={1} headerColumns={1}>\n- - Name\n  - Price\n"
        "- - a, b\n  - \\*5\\*\n</ListTable>\n"
    )
    result = command(tmp_path, "t.tsv")
    assert (
        result.stdout == "<ListTable>\n- - Name\n  - Price\n- - 1\\. x\n  - &lt;b>\n</ListTable>\n"
    )


def test_in_place_keeps_every_other_byte(tmp_path: Path) -> None:
    before = (
        "\ufeff# Page\r\n\r\nText  \r\n\r\n| A | B |\r\n|---|--:|\r\n| 1 | 2 |\r\n\r\n"
        "```\r\n| not | a |\r\n|---|---|\r\n```\r\n\r\n"
        '<table><tr><td rowspan="2">x</td><td>y</td></tr><tr><td>z</td></tr></table>\r\n'
        "\r\nend\t\r\n"
    )
    page = tmp_path / "p.md"
    page.write_bytes(before.encode())
    result = command(tmp_path, "--in-place", "p.md")
    assert result.returncode == 0
    assert result.stderr == "converted 2 tables in p.md\n"
    assert page.read_bytes().decode() == (
        "\ufeff# Page\r\n\r\nText  \r\n\r\n"
        '<ListTable headerRows={1} aligns="d,r">\r\n- - A\r\n  - B\r\n- - 1\r\n  - 2\r\n'
        "</ListTable>\r\n\r\n"
        "```\r\n| not | a |\r\n|---|---|\r\n```\r\n\r\n"
        "<ListTable>\r\n- - [r2] x\r\n  - y\r\n- - _\r\n  - z\r\n</ListTable>\r\n"
        "\r\nend\t\r\n"
    )
    again = command(tmp_path, "--in-place", "p.md")
    assert again.returncode == 1  # Nothing left to convert.


def test_no_table_and_usage_errors(tmp_path: Path) -> None:
    assert command(tmp_path, "--from", "html", stdin="no table here\n").returncode == 1
    result = command(tmp_path, "--in-place")
    assert result.returncode == 2 and "needs a file" in result.stderr
    result = command(tmp_path, "missing.md")
    assert result.returncode == 2 and "missing.md" in result.stderr
