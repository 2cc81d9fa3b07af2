"""Hostile and unusual pages: does the extension's time grow linearly with the page?

Usage::

    python benchmarks/adversarial.py [--quick] [--only FAMILY ...] [--factor 8]

Each family writes one page of size `n` and one of size `factor x n` (default 8) and
converts both with Python-Markdown, with and without the extension (the same other
extensions as a MkDocs site with Material's usual ones). It reports:

- **growth**: time(8n) / time(n) with the extension (linear: about 8; the target is
  10 at most for every family);
- **x markdown**: the page's time with the extension divided by its time without, at
  the larger size: the extension's cost relative to Python-Markdown's own on that page;
- **out / in**: bytes of HTML over bytes of Markdown, with the extension, at the larger
  size: broken input must give a page proportionate to it, not many times its size.

Times are CPU times (`process_time`), the best of a few repetitions. Also run by
`python benchmarks/run.py --only adversarial`.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import markdown

EXTENSIONS = (
    "toc",
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
)
TABLE = "<ListTable headerRows={1}>\n- - a\n  - b\n- - c\n  - d\n</ListTable>\n"
GROWTH_TARGET = 10.0


def _unclosed_fences(n: int) -> str:
    return TABLE + "\n" + "```a\n" * n


def _backtick_run(n: int) -> str:
    return TABLE + "\n" + "`" * n + "\n"


def _admonition_paragraphs(n: int) -> str:
    body = "".join(f"    Paragraph {i} of the note.\n\n" for i in range(n))
    return f"!!! note\n\n{body}    {TABLE.replace(chr(10), chr(10) + '    ')}\n"


def _tab_paragraphs(n: int) -> str:
    body = "".join(f"    Paragraph {i} of the tab.\n\n" for i in range(n))
    return f'=== "Tab"\n\n{body}    {TABLE.replace(chr(10), chr(10) + "    ")}\n'


def _staircase(n: int) -> str:
    # Row r: r placeholders under the spans above, then a cell spanning every row left;
    # about n cells in all.
    rows = int((2 * n) ** 0.5)
    return _stairs(rows)


def _stairs(n: int) -> str:
    lines = ["<ListTable>"]
    for r in range(n):
        lines.append(f"- - [r{n - r}] step {r}" if r == 0 else "- - _")
        lines.extend("  - _" for _ in range(r - 1))
        if r:
            lines.append(f"  - [r{n - r}] step {r}")
        lines.extend(f"  - x{c}" for c in range(n - r - 1))
    lines.append("</ListTable>")
    return "\n".join(lines) + "\n"


def _unknown_attributes(n: int) -> str:
    names = " ".join(f"attribute{i}={{{i}}}" for i in range(n))
    return f"<ListTable {names}>\n- - a\n</ListTable>\n"


def _tall_spans(n: int) -> str:
    # Row r: one cell, right of the r row spans from above: n lines, n*n/2 covered positions.
    rows = "".join(f"- - [r{n}] step {r}\n" for r in range(n))
    return f'<ListTable validation="off">\n{rows}</ListTable>\n'


def _reversed_staircase(n: int) -> str:
    # Row r: cells, then a row span one column further left than the row above's.
    rows = int(n**0.5)
    lines = ["<ListTable>"]
    for r in range(rows):
        cells = [f"x{c}" for c in range(rows - 1 - r)] + [f"[r{rows - r}] s{r}"] + ["_"] * r
        lines.append("- - " + cells[0])
        lines.extend(f"  - {cell}" for cell in cells[1:])
    lines.append("</ListTable>")
    return "\n".join(lines) + "\n"


def _many_tables(n: int) -> str:
    return "\n".join(TABLE for _ in range(n))


def _nested_tables(n: int) -> str:
    inner = TABLE.replace("\n", "\n    ")
    return "\n".join(f"<ListTable>\n- - a\n  - {inner}\n</ListTable>\n" for _ in range(n))


def _long_cell_line(n: int) -> str:
    return f"<ListTable>\n- - {'word ' * n}\n  - b\n</ListTable>\n"


def _deep_list_in_cell(n: int) -> str:
    items = "\n".join("  " * (i % 60) + f"    - item {i}" for i in range(n))
    return f"<ListTable>\n- - a\n  -\n{items}\n</ListTable>\n"


def _nested_admonitions(n: int) -> str:
    # Containers n deep would blow Python-Markdown's own recursion: 20 deep, n times.
    one = "".join("    " * d + "!!! note\n\n" for d in range(20))
    return "\n".join(one + "    " * 20 + TABLE.replace("\n", "\n" + "    " * 20) for _ in range(n))


def _open_tags(n: int) -> str:
    return "<ListTable\n" * n


def _long_rows(n: int) -> str:
    lines = ["<ListTable>"]
    for r in range(n):
        lines.append(f"- - cell {r}")
        lines.append("  - `code` and **bold**")
    lines.append("</ListTable>")
    return "\n".join(lines) + "\n"


def _comments(n: int) -> str:
    return TABLE + "\n" + "<!-- a comment -->\n\n" * n


def _unclosed_comment_lines(n: int) -> str:
    return TABLE + "\n" + "text <!-- never closed\n" * n


def _indented_lines(n: int) -> str:
    return TABLE + "\n" + "".join(f"{' ' * (4 + i % 40)}line {i}\n" for i in range(n))


def _fence_in_cells(n: int) -> str:
    cells = "".join(f"  - ```\n    code {i}\n    ```\n" for i in range(n))
    return f"<ListTable>\n- - a\n{cells}</ListTable>\n"


def _backticks_in_cell(n: int) -> str:
    return f"<ListTable>\n- - a\n\n    {'`' * n}\n  - b {'`' * n}\n</ListTable>\n"


def _ids_and_headings(n: int) -> str:
    return "".join(
        f'# Part {i}\n\n<ListTable id="part-{i}" caption="C">\n- - a\n</ListTable>\n\n'
        for i in range(n)
    )


def _stray_closing_tags(n: int) -> str:
    return TABLE + "\n" + "</ListTable>\n\n" * n


@dataclass(frozen=True)
class Family:
    """One kind of page, grown by `n`."""

    name: str
    make: Callable[[int], str]
    n: int
    quick_n: int


FAMILIES = (
    Family("unclosed fences", _unclosed_fences, 1000, 250),
    Family("one line of n backticks", _backtick_run, 8000, 2000),
    Family("admonition of n paragraphs", _admonition_paragraphs, 500, 150),
    Family("content tab of n paragraphs", _tab_paragraphs, 500, 150),
    Family("rowspan staircase", _staircase, 2000, 300),
    Family("reversed staircase", _reversed_staircase, 2000, 300),
    Family("tall spans over short rows", _tall_spans, 1000, 250),
    Family("unknown attributes", _unknown_attributes, 2000, 500),
    Family("many tables", _many_tables, 100, 30),
    Family("tables nested in cells", _nested_tables, 50, 15),
    Family("long line in a cell", _long_cell_line, 5000, 1000),
    Family("deep list in a cell", _deep_list_in_cell, 300, 80),
    Family("nested admonitions", _nested_admonitions, 10, 3),
    Family("unclosed opening tags", _open_tags, 500, 150),
    Family("long table", _long_rows, 500, 150),
    Family("html comments", _comments, 1000, 250),
    Family("unclosed comment lines", _unclosed_comment_lines, 1000, 250),
    Family("indented lines", _indented_lines, 1000, 250),
    Family("fences in cells", _fence_in_cells, 200, 50),
    Family("backticks in a cell", _backticks_in_cell, 8000, 2000),
    Family("tables with ids under headings", _ids_and_headings, 100, 30),
    Family("stray closing tags", _stray_closing_tags, 500, 150),
)


def convert(text: str, listtable: bool) -> tuple[float, int]:
    """CPU seconds to convert `text` once with a fresh Markdown instance, and bytes of HTML."""
    extensions: list[object] = list(EXTENSIONS)
    if listtable:
        from mkdocs_listtable.extension import ListTableExtension

        extensions.append(ListTableExtension(raise_on_error=False))
    md = markdown.Markdown(extensions=extensions)  # type: ignore[arg-type]
    gc.collect()
    start = time.process_time()
    html = md.convert(text)
    return time.process_time() - start, len(html.encode("utf-8"))


def best(text: str, listtable: bool, reps: int) -> tuple[float, int]:
    """The best time of `reps` conversions (the least disturbed by the machine), and the
    bytes of HTML (the same every time)."""
    return min(convert(text, listtable) for _ in range(reps))


@dataclass
class Result:
    """One family's numbers."""

    family: str
    n: int
    small: float
    large: float
    plain_large: float
    bytes_in: int
    """Bytes of Markdown at the larger size."""
    bytes_out: int
    """Bytes of HTML it gives with the extension."""

    @property
    def growth(self) -> float:
        """time(8n) / time(n) with the extension."""
        return self.large / max(self.small, 1e-6)

    @property
    def cost(self) -> float:
        """Time with the extension over time without, at the larger size."""
        return self.large / max(self.plain_large, 1e-6)

    @property
    def output(self) -> float:
        """Bytes of HTML over bytes of Markdown, with the extension, at the larger size."""
        return self.bytes_out / max(self.bytes_in, 1)


def measure(family: Family, n: int, factor: int, reps: int) -> Result:
    """Time one family at `n` and `factor * n`."""
    small, large = family.make(n), family.make(n * factor)
    large_time, bytes_out = best(large, True, reps)
    return Result(
        family.name,
        n,
        best(small, True, reps)[0],
        large_time,
        best(large, False, reps)[0],
        len(large.encode("utf-8")),
        bytes_out,
    )


def render(results: Sequence[Result], factor: int) -> str:
    """The results as a Markdown table."""
    lines = [
        f"| family | n | ms at n | ms at {factor}n | growth ({factor}x input) | x markdown "
        f"| out / in at {factor}n |",
        "| --- | --: | --: | --: | --: | --: | --: |",
    ]
    for r in results:
        flag = "" if r.growth <= GROWTH_TARGET else " **over**"
        lines.append(
            f"| {r.family} | {r.n:,} | {r.small * 1000:.1f} | {r.large * 1000:.1f} "
            f"| {r.growth:.1f}{flag} | {r.cost:.2f} "
            f"| {f'{r.output:.2f}' if r.output >= 0.01 else '< 0.01'} |"
        )
    return "\n".join(lines)


def run(
    quick: bool = False,
    only: Sequence[str] = (),
    factor: int = 8,
    reps: int = 3,
    log: Callable[[str], None] = lambda message: None,
) -> list[Result]:
    """Measure every family (or those whose name contains a word of `only`)."""
    logging.getLogger("mkdocs.plugins.listtable").disabled = True  # Broken pages warn a lot.
    chosen = [f for f in FAMILIES if not only or any(word in f.name for word in only)]
    results = []
    for family in chosen:
        result = measure(family, family.quick_n if quick else family.n, factor, reps)
        log(
            f"  {family.name}: growth {result.growth:.1f}, x markdown {result.cost:.2f}, "
            f"out / in {result.output:.2f}"
        )
        results.append(result)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the families and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--only", nargs="+", default=[], help="words of family names")
    parser.add_argument("--factor", type=int, default=8)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    results = run(
        args.quick, args.only, args.factor, args.reps, lambda m: print(m, file=sys.stderr)
    )
    print(render(results, args.factor))
    return 0 if all(r.growth <= GROWTH_TARGET for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
