"""Profile one ``mkdocs build`` of the ListTable site and show where the plugin spends time.

Usage::

    python benchmarks/profile_build.py [--quick] [--toggles] [--site pages|prose|giant]
                                       [--rows N] [--top N]

Writes one ListTable site of ``run.py`` (default: the ``pages`` suite's 100 pages x 4
tables x 30 rows; ``prose``: 300 pages without tables, plugin enabled; ``giant``: one
table of 20,000 rows, or ``--rows``; ``--quick``: the quick sizes), builds it once untimed (imports,
caches), then builds it again under cProfile and prints:

- the plugin's *inclusive* share: time under calls into ``mkdocs_listtable`` from
  outside it (hooks, preprocessor, block processor, postprocessors), which includes
  the block parsing of cell text that any table syntax pays for (the inline parsing
  of cells runs later, in the page's own tree processors, and is not included);
- its *own* share: time spent in ``mkdocs_listtable`` lines themselves;
- the top functions of the whole build, and of the package, by own time.

(The file is not called ``profile.py``: run as a script, that name would shadow the
standard library module that ``cProfile`` imports.) The raw profile is saved under
``benchmarks/out/`` for ``python -m pstats`` or snakeviz.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import run

PACKAGE = "mkdocs_listtable"

# pstats keys functions as (filename, line, name).
FuncKey = tuple[str, int, str]


def in_package(func: FuncKey) -> bool:
    """Whether a profiled function is the plugin's code."""
    return f"/{PACKAGE}/" in func[0].replace("\\", "/")


def short(func: FuncKey) -> str:
    """``module/file.py:line(name)`` with site-packages and checkout prefixes cut."""
    filename, line, name = func
    path = filename.replace("\\", "/")
    if f"/{PACKAGE}/" in path:
        return f"{PACKAGE}/{path.split(f'/{PACKAGE}/', 1)[1]}:{line}({name})"
    for marker in ("/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{line}({name})" if line else name


def shares(stats: pstats.Stats) -> tuple[float, float, float]:
    """Total time, time under entries into the package, and time in the package's own lines.

    The inclusive time sums, over every package function, the cumulative time of the
    calls that came from outside the package, so nested calls are not counted twice
    (a ListTable nested in a cell re-enters through Markdown and is, slightly).
    """
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    inclusive = own = 0.0
    for func, (_cc, _nc, tottime, _ct, callers) in raw.items():
        if not in_package(func):
            continue
        own += tottime
        inclusive += sum(edge[3] for caller, edge in callers.items() if not in_package(caller))
    return total, inclusive, own


def top_lines(stats: pstats.Stats, count: int, only_package: bool) -> list[str]:
    """Markdown rows of the functions with the most own time."""
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(
        ((func, v) for func, v in raw.items() if not only_package or in_package(func)),
        key=lambda item: item[1][2],
        reverse=True,
    )[:count]
    lines = ["| own s | own % | cum s | calls | function |", "| --: | --: | --: | --: | --- |"]
    for func, (_cc, nc, tottime, cumtime, _callers) in rows:
        lines.append(
            f"| {tottime:.3f} | {tottime / total:.1%} | {cumtime:.3f} | {nc} | `{short(func)}` |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Write the site, build it twice (the second under cProfile), print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 pages instead of 100")
    parser.add_argument("--toggles", action="store_true", help="with source toggles on")
    parser.add_argument("--site", choices=("pages", "prose", "giant"), default="pages")
    parser.add_argument("--rows", type=int, help="giant: rows of the table (default: largest)")
    parser.add_argument("--top", type=int, default=15, help="rows of each top list")
    args = parser.parse_args(argv)

    if args.site == "prose":
        variant = next(v for v in run.PROSE_VARIANTS if v.listtable is not None)
    else:
        name = "listtable+toggles" if args.toggles else "listtable"
        variant = next(v for v in run.TABLE_VARIANTS if v.name == name)
    reason = run.available(variant)
    if reason:
        print(f"cannot profile: {reason}", file=sys.stderr)
        return 1
    run.quiet_logging()
    sizes = run.QUICK if args.quick else run.FULL
    tmp = Path(tempfile.mkdtemp(prefix="listtable-profile-"))
    try:
        size = (args.rows or sizes.giant_rows[-1]) if args.site == "giant" else 0
        site = run.make_site(args.site, variant, tmp, sizes, size)
        run.build_once(site.config_file)  # warm-up: imports and caches stay out of the profile
        profiler = cProfile.Profile()
        profiler.enable()
        run.build_once(site.config_file)
        profiler.disable()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    run.OUT.mkdir(exist_ok=True)
    label = f"{args.site}-{size}" if size else args.site
    dump = run.OUT / f"profile-{label}-{variant.name.replace(' ', '-')}.prof"
    profiler.dump_stats(dump)
    stats = pstats.Stats(profiler)
    total, inclusive, own = shares(stats)
    corpus = {
        "pages": f"{sizes.pages} pages x {sizes.tables} tables x {sizes.rows} rows",
        "prose": f"{sizes.prose_pages} pages without tables",
        "giant": f"one table of {args.rows or sizes.giant_rows[-1]:,} rows",
    }[args.site]
    print(f"Profile of one build: {variant.name}, {corpus} (cProfile inflates Python-heavy code)")
    print()
    print(f"- build under the profiler: {total:.2f} s")
    print(f"- under {PACKAGE} entries (inclusive): {inclusive:.2f} s = {inclusive / total:.0%}")
    print(f"- in {PACKAGE} code itself (own): {own:.2f} s = {own / total:.0%}")
    print()
    print(f"Top {args.top} functions of the build by own time:\n")
    print("\n".join(top_lines(stats, args.top, only_package=False)))
    print(f"\nTop {args.top} functions of {PACKAGE} by own time:\n")
    print("\n".join(top_lines(stats, args.top, only_package=True)))
    print(f"\nprofile saved: {dump}  (python -m pstats {dump})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
