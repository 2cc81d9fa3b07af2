"""Time whole ``mkdocs build`` runs of the same tables written in different syntaxes.

Usage::

    python benchmarks/run.py [--quick] [--reps N] [--only NAME ...]

Three suites, each a set of sites built in one process, round-robin (every repetition
builds every variant once, in a rotating order), after one untimed warm-up round that
also checks each variant's output really holds the expected tables and spans:

``pages``
    100 pages x 4 tables x 30 rows x 5 columns, in every syntax. Baseline: raw HTML
    tables with Markdown cells (``md_in_html``), what the plugin saves a writer from
    typing. Targets: ListTable <= 1.00 x pipe tables, with or without source toggles.
``prose``
    300 pages with no ListTable, built with and without the plugin. Target <= 1.02 x.
``adversarial``
    hostile pages (fences never closed, long backtick runs, staircase spans, thousands of
    attributes...), each at n and 8n: growth of the time, and the cost beside
    Python-Markdown's own on the page (``adversarial.py``). Target: growth <= 10.
``giant``
    one page with one table of 1,000 / 5,000 / 20,000 rows (and an empty page, the
    fixed cost that is subtracted), for the per-row cost and its growth. Target: per-row
    cost at the largest size within 1.2 x the smallest. Peak memory (peak RSS) is measured
    once per site in a fresh subprocess.

Every build records wall time (``perf_counter``) and the process's CPU time
(``process_time``); the report (``report.py``) uses CPU time by default, since a build is
single-threaded and CPU time leaves out the waits of a shared machine. Ratios are
medians of per-round ratios (variant / baseline built in the same round). Results are
printed as Markdown and written as JSON and Markdown under ``benchmarks/out/``
(git-ignored); ``python benchmarks/report.py FILE.json`` re-renders a saved run.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import json
import logging
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import adversarial
import corpus
import report
import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

# Extensions every variant gets (MkDocs adds toc, tables and fenced_code itself); each
# variant adds only its own extension or plugin on top.
COMMON_EXTENSIONS = ("attr_list", "md_in_html")
COMMON_PLUGINS: tuple[Any, ...] = ("search",)


@dataclass(frozen=True)
class Variant:
    """One way of writing the tables, and what a site needs to render it."""

    name: str
    syntax: str
    extensions: tuple[str, ...] = ()
    listtable: dict[str, Any] | None = None  # plugin options; None: plugin not enabled
    requires: tuple[str, ...] = ()  # modules that must import, else the variant is skipped
    note: str = ""

    @property
    def spans(self) -> bool:
        """Whether this syntax can express row and column spans."""
        return self.syntax in corpus.SPAN_SYNTAXES


LISTTABLE = "mkdocs_listtable.plugin"
TABLE_VARIANTS = (
    Variant("md_in_html", "md_in_html", note='baseline: raw HTML, markdown="1" on every tag'),
    Variant("listtable", "listtable", listtable={"source_toggle": False}, requires=(LISTTABLE,)),
    Variant(
        "listtable+toggles",
        "listtable",
        listtable={"source_toggle": True},
        requires=(LISTTABLE,),
        note="plus an 'MDX source' toggle per table",
    ),
    Variant("html", "html", note="raw HTML, no Markdown in cells"),
    Variant("pipe", "pipe", note="no spans"),
    Variant(
        "rst-in-md list-table",
        "rst_list",
        ("rst_in_md",),
        requires=("rst_in_md",),
        note="docutils; no spans",
    ),
    Variant(
        "rst-in-md grid table",
        "rst_grid",
        ("rst_in_md",),
        requires=("rst_in_md",),
        note="docutils",
    ),
    Variant(
        "markdown-grid-tables",
        "grid",
        ("markdown_grid_tables",),
        requires=("markdown_grid_tables",),
    ),
    Variant(
        "lamarkdown list_tables",
        "la_list",
        ("lamarkdown_compat",),
        requires=("lamarkdown_compat",),
        note="no spans (only header trees); see lamarkdown_compat.py",
    ),
)
PROSE_VARIANTS = (
    Variant("no plugin", "prose", note="baseline"),
    Variant("listtable plugin", "prose", listtable={}, requires=(LISTTABLE,), note="defaults"),
)
GIANT_VARIANTS = (
    Variant("listtable", "listtable", listtable={"source_toggle": False}, requires=(LISTTABLE,)),
    Variant("pipe", "pipe", note="reference"),
    Variant("md_in_html", "md_in_html", note="reference"),
)


@dataclass(frozen=True)
class Sizes:
    """Corpus sizes of one run."""

    pages: int
    tables: int
    rows: int
    prose_pages: int
    giant_rows: tuple[int, ...]


FULL = Sizes(pages=100, tables=4, rows=30, prose_pages=300, giant_rows=(1000, 5000, 20000))
QUICK = Sizes(pages=10, tables=4, rows=30, prose_pages=30, giant_rows=(250, 1000, 2000))


@dataclass
class Site:
    """One buildable site: a variant's corpus at one size, with its own mkdocs.yml."""

    suite: str
    variant: Variant
    root: Path
    expect_tables: int
    size: int = 0  # giant suite: rows of the table
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    warnings: int = 0
    check: str = ""
    peak_rss_mib: float | None = None

    @property
    def config_file(self) -> Path:
        """The site's mkdocs.yml."""
        return self.root / "mkdocs.yml"

    @property
    def label(self) -> str:
        """Name in reports."""
        return (
            f"{self.variant.name} @ {self.size:,} rows"
            if self.suite == "giant"
            else (self.variant.name)
        )


# --- building -----------------------------------------------------------------------


class _WarningCounter(logging.Handler):
    """Counts WARNING and above records (MkDocs, plugins, extensions), printing none."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            self.first = f"{record.name}: {record.getMessage()}"[:300]


WARNINGS = _WarningCounter()


def quiet_logging() -> None:
    """Send all log records to the warning counter only.

    Installed before any extension is imported: rst_in_md calls ``logging.basicConfig``
    at import, which would otherwise print every INFO line of every build.
    """
    logging.root.handlers = [WARNINGS]
    logging.root.setLevel(logging.WARNING)
    logging.captureWarnings(True)


def write_config(site: Site) -> None:
    """Write the site's mkdocs.yml: theme ``mkdocs``, common extensions plus the variant's."""
    plugins: list[Any] = list(COMMON_PLUGINS)
    if site.variant.listtable is not None:
        plugins.append({"listtable": dict(site.variant.listtable)})
    config = {
        "site_name": f"bench {site.suite} {site.variant.name}",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "mkdocs"},
        "markdown_extensions": [*COMMON_EXTENSIONS, *site.variant.extensions],
        "plugins": plugins,
    }
    site.config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def build_once(config_file: Path) -> tuple[float, float]:
    """Run ``mkdocs build`` in this process, as the CLI does; return (wall, CPU) seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - wall0, time.process_time() - cpu0


_TABLE = re.compile(r"<table\b")
_ROWSPAN = re.compile(r"""rowspan=["']?([2-9]|\d\d)""")
_COLSPAN = re.compile(r"""colspan=["']?([2-9]|\d\d)""")


def check_output(site: Site) -> str:
    """Check the built pages hold the expected tables (and spans where the syntax has them).

    The theme's own chrome may hold tables (the ``mkdocs`` theme's keyboard-shortcuts
    dialog): their count on ``404.html`` is subtracted from every page.
    """
    built = site.root / "site"
    chrome = len(_TABLE.findall((built / "404.html").read_text(encoding="utf-8")))
    pages = [p for p in built.rglob("*.html") if p.name != "404.html"]
    html = "".join(p.read_text(encoding="utf-8") for p in pages)
    tables = len(_TABLE.findall(html)) - chrome * len(pages)
    problems = []
    if tables != site.expect_tables:
        problems.append(f"{tables}/{site.expect_tables} tables")
    spans = _ROWSPAN.search(html) and _COLSPAN.search(html)
    if site.expect_tables and site.variant.spans and not spans:
        problems.append("spans missing")
    if "listtable--error" in html:
        problems.append("ListTable error panel")
    options = site.variant.listtable
    toggles = options is not None and options.get("source_toggle", True)
    if toggles and site.variant.syntax == "listtable" and "listtable__source" not in html:
        problems.append("no source toggle")
    if not toggles and "listtable__source" in html:
        problems.append("unexpected source toggle")
    return "; ".join(problems) or "ok"


def measure_peak_rss(site: Site) -> float:
    """Build the site once in a fresh interpreter; return its peak RSS in MiB."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child-build", str(site.config_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["peak_rss_kib"]) / 1024


def peak_rss_kib() -> int:
    """This process's peak resident set size in KiB.

    ``VmHWM`` belongs to the address space created by ``exec``. ``ru_maxrss`` (the
    fallback) is not reset by ``exec`` on Linux, so a child forked from a big parent
    reports at least the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_build(config_file: str) -> None:
    """Entry point of the memory subprocess: build once, print peak RSS as JSON."""
    quiet_logging()
    wall, _ = build_once(Path(config_file))
    print(json.dumps({"peak_rss_kib": peak_rss_kib(), "wall": wall}))


def run_rounds(sites: Sequence[Site], reps: int, progress: Callable[[str], None]) -> None:
    """One warm-up round (checks output), then ``reps`` timed rounds in rotating order."""
    for site in sites:
        WARNINGS.count, WARNINGS.first = 0, None
        build_once(site.config_file)
        site.warnings = WARNINGS.count
        site.check = check_output(site)
        extra = f" (first warning: {WARNINGS.first})" if WARNINGS.first else ""
        progress(f"  warm-up {site.label}: {site.check}, {site.warnings} warnings{extra}")
    for rep in range(reps):
        shift = rep % len(sites)
        for site in [*sites[shift:], *sites[:shift]]:
            wall, cpu = build_once(site.config_file)
            site.wall.append(wall)
            site.cpu.append(cpu)
        progress(f"  round {rep + 1}/{reps} done")


# --- machine --------------------------------------------------------------------


def revision() -> str:
    """The checkout's commit, with ``+dirty`` if the package sources have local changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "mkdocs_listtable"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (commit or "no commit") + ("+dirty" if dirty else "")


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in (
        "mkdocs",
        "markdown",
        "mkdocs-listtable",
        "pymdown-extensions",
        "rst-in-md",
        "docutils",
        "markdown-grid-tables",
        "lamarkdown",
    ):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "revision": revision(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg": os.getloadavg(),
        "versions": versions,
    }


# --- suites -------------------------------------------------------------------------


def available(variant: Variant) -> str | None:
    """None if the variant can run, else why it is skipped."""
    for module in variant.requires:
        try:
            importlib.import_module(module)
        except Exception as exc:  # any import failure means: skip with the reason
            hint = (
                "the listtable plugin is not importable yet"
                if module == LISTTABLE
                else "install the peers: pip install -e '.[bench]'"
            )
            return f"{module}: {type(exc).__name__}: {exc} ({hint})"
    return None


def select(variants: Sequence[Variant], only: Sequence[str]) -> list[Variant]:
    """The suite's baseline plus the variants named in ``only`` (all if ``only`` is empty).

    Returns nothing when ``only`` names none of the suite's other variants.
    """
    if not only:
        return list(variants)
    chosen = [v for v in variants[1:] if v.name in only]
    return [variants[0], *chosen] if chosen else []


def prepare(
    suite: str, variants: Sequence[Variant], tmp: Path, sizes: Sizes, log: Callable[[str], None]
) -> list[Site]:
    """Write the corpus and mkdocs.yml of every runnable site of a suite."""
    sites = []
    for variant in variants:
        reason = available(variant)
        if reason:
            log(f"  SKIP {variant.name}: {reason}")
            continue
        # Giant: an empty page too, whose build time is the fixed cost to subtract.
        for size in (0, *sizes.giant_rows) if suite == "giant" else (0,):
            sites.append(make_site(suite, variant, tmp, sizes, size))
    return sites


def make_site(suite: str, variant: Variant, tmp: Path, sizes: Sizes, size: int) -> Site:
    """Write one site's docs and config."""
    slug = re.sub(r"[^a-z0-9]+", "-", variant.name.lower())
    root = tmp / suite / f"{slug}-{size}"
    docs = root / "docs"
    if suite == "pages":
        corpus.write_table_site(docs, variant.syntax, sizes.pages, sizes.tables, sizes.rows)
        expect = sizes.pages * sizes.tables
    elif suite == "prose":
        corpus.write_prose_site(docs, sizes.prose_pages)
        expect = sizes.prose_pages  # one small pipe table per page
    else:
        corpus.write_giant_site(docs, variant.syntax, size)
        expect = 1 if size else 0
    site = Site(suite, variant, root, expect, size)
    write_config(site)
    return site


SUITES = {"pages": TABLE_VARIANTS, "prose": PROSE_VARIANTS, "giant": GIANT_VARIANTS}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the suites, print and save the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for development")
    parser.add_argument("--reps", type=int, help="timed rounds (default 5, quick 3)")
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        metavar="NAME",
        help="suites (pages, prose, giant, adversarial) and/or variant names to run; "
        "baselines always run",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--child-build", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        child_build(args.child_build)
        return 0

    quiet_logging()
    sizes = QUICK if args.quick else FULL
    reps = args.reps or (3 if args.quick else 5)
    only_adversarial = args.only == ["adversarial"]
    suites = [s for s in SUITES if s in args.only] or ([] if only_adversarial else list(SUITES))
    run_adversarial = "adversarial" in args.only or not [s for s in SUITES if s in args.only]
    variant_names = [n for n in args.only if n not in SUITES and n != "adversarial"]
    info = machine()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": info,
        "sizes": vars(sizes),
        "quick": args.quick,
        "reps": reps,
        "suites": {},
    }

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="listtable-bench-"))
    try:
        for suite in suites:
            log(f"[{suite}] writing corpus")
            sites = prepare(suite, select(SUITES[suite], variant_names), tmp, sizes, log)
            if not sites:
                continue
            run_rounds(sites, reps, log)
            if suite == "giant":
                log("  peak memory: one fresh build per site")
                for site in sites:
                    site.peak_rss_mib = measure_peak_rss(site)
            results["suites"][suite] = [
                {
                    "variant": s.variant.name,
                    "syntax": s.variant.syntax,
                    "size": s.size,
                    "wall": s.wall,
                    "cpu": s.cpu,
                    "warnings": s.warnings,
                    "check": s.check,
                    "peak_rss_mib": s.peak_rss_mib,
                }
                for s in sites
            ]
    finally:
        if args.keep:
            log(f"sites kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    if run_adversarial:
        log("[adversarial] hostile pages at n and 8n")
        found = adversarial.run(quick=args.quick, log=log)
        results["adversarial"] = [vars(r) for r in found]
    results["elapsed_s"] = time.perf_counter() - started
    text = report.render(results)
    if run_adversarial:
        text += "\n\n### adversarial: hostile pages at n and 8n\n\n" + adversarial.render(found, 8)
    print(text)
    OUT.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (OUT / f"results-{stamp}.md").write_text(text + "\n", encoding="utf-8")
    log(f"written: {OUT / f'results-{stamp}.json'} and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
