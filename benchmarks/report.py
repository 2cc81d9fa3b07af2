"""Turn the JSON written by ``run.py`` into the Markdown results tables.

Usage::

    python benchmarks/report.py benchmarks/out/results-YYYYMMDD-HHMMSS.json [--metric wall]

``run.py`` prints the same report at the end of a run; this script re-renders a saved
run, for example with the other metric.

The default metric is the build process's CPU time (``time.process_time``): a build is
single-threaded, so on an idle machine it equals the wall time, and on a shared machine
it leaves out the time the build spent waiting for a core. The ``wall/CPU`` column
shows how much waiting there was (1.00: none). Ratios are medians of per-round ratios
(variant / baseline built in the same round), with their min-max in brackets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import corpus

Build = dict[str, Any]  # one site of a suite in the results JSON

# Each suite's baseline is its first site; these are the targets.
PAGES_TARGETS = (("listtable", "pipe", 1.00), ("listtable+toggles", "pipe", 1.00))
PROSE_TARGETS = (("listtable plugin", "no plugin", 1.02),)
GROWTH_TARGET = ("listtable", 1.20)


def spread(values: Sequence[float]) -> float:
    """Half the range relative to the median: ``±x`` around the median."""
    return (max(values) - min(values)) / 2 / statistics.median(values)


def ratios(build: Build, base: Build, metric: str) -> list[float]:
    """Per-round ratios ``build / base`` of one metric."""
    return [a / b for a, b in zip(build[metric], base[metric], strict=True)]


def fmt_ratio(build: Build, base: Build | None, metric: str) -> str:
    """``1.23 (1.20-1.27)``: median and range of the per-round ratios."""
    if base is None:
        return "-"
    values = ratios(build, base, metric)
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def wait_factor(build: Build) -> float:
    """Median wall time / CPU time over the rounds (1.0: the build never waited)."""
    return statistics.median(w / c for w, c in zip(build["wall"], build["cpu"], strict=True))


def check_cell(build: Build) -> str:
    """The output check, with the warning count when there were warnings."""
    warnings = f", {build['warnings']} warnings" if build["warnings"] else ""
    return f"{build['check']}{warnings}"


def sites_table(builds: Sequence[Build], metric: str) -> list[str]:
    """The pages or prose suite: one row per variant, ratios to the baseline and to pipe."""
    base = builds[0]
    pipe = next((b for b in builds if b["variant"] == "pipe"), None)
    pipe_head, pipe_rule = (" x pipe |", " --: |") if pipe else ("", "")
    lines = [
        f"| variant | spans | median {metric} s | spread | wall/CPU | x {base['variant']} |"
        f"{pipe_head} output check |",
        f"| --- | --- | --: | --: | --: | --: |{pipe_rule} --- |",
    ]
    for build in builds:
        spans = "yes" if build["syntax"] in corpus.SPAN_SYNTAXES else "no"
        pipe_cell = f" {fmt_ratio(build, pipe, metric)} |" if pipe else ""
        lines.append(
            f"| {build['variant']} | {spans} | {statistics.median(build[metric]):.2f} "
            f"| ±{spread(build[metric]):.0%} | {wait_factor(build):.2f} "
            f"| {fmt_ratio(build, base, metric)} |{pipe_cell} {check_cell(build)} |"
        )
    return lines


def target_lines(builds: Sequence[Build], targets: Sequence[Any], metric: str) -> list[str]:
    """One line per target: the measured median ratio and whether it is met."""
    by_name = {b["variant"]: b for b in builds}
    lines = []
    for name, ref, limit in targets:
        if name not in by_name or ref not in by_name:
            lines.append(f"- target {name} ≤ {limit:.2f} x {ref}: not measured")
            continue
        value = statistics.median(ratios(by_name[name], by_name[ref], metric))
        verdict = "met" if value <= limit else "NOT met"
        lines.append(f"- target {name} ≤ {limit:.2f} x {ref}: **{value:.2f}**, {verdict}")
    return lines


def per_row_ms(build: Build, empty: Build, metric: str) -> float:
    """Cost of one row in ms: (median build time - median empty-page build time) / rows."""
    extra = statistics.median(build[metric]) - statistics.median(empty[metric])
    return extra / build["size"] * 1000


def giant_table(builds: Sequence[Build], metric: str) -> list[str]:
    """The giant suite: time, per-row cost and peak memory by size, then per-row growth."""
    lines = [
        f"| variant | rows | median {metric} s | spread | wall/CPU | ms per 1,000 rows "
        "| peak RSS (MiB) | output check |",
        "| --- | --: | --: | --: | --: | --: | --: | --- |",
    ]
    growth = [""]
    groups: dict[str, list[Build]] = {}
    for build in builds:
        groups.setdefault(build["variant"], []).append(build)
    for name, group in groups.items():
        empty = next(b for b in group if b["size"] == 0)
        for build in group:
            per_row = f"{per_row_ms(build, empty, metric) * 1000:.0f}" if build["size"] else "-"
            rss = build.get("peak_rss_mib")
            lines.append(
                f"| {name} | {build['size']:,} | {statistics.median(build[metric]):.2f} "
                f"| ±{spread(build[metric]):.0%} | {wait_factor(build):.2f} | {per_row} "
                f"| {'-' if rss is None else f'{rss:.0f}'} | {check_cell(build)} |"
            )
        sized = sorted((b for b in group if b["size"]), key=lambda b: b["size"])
        if len(sized) < 2:
            continue
        small, large = sized[0], sized[-1]
        g = per_row_ms(large, empty, metric) / per_row_ms(small, empty, metric)
        line = f"- {name}: per-row cost at {large['size']:,} rows = {g:.2f} x at {small['size']:,}"
        if name == GROWTH_TARGET[0]:
            limit = GROWTH_TARGET[1]
            line += f"; target ≤ {limit:.2f}: **{g:.2f}**, {'met' if g <= limit else 'NOT met'}"
        growth.append(line)
    return lines + growth


def describe(sizes: dict[str, Any]) -> str:
    """The corpus sizes in words."""
    giant = " / ".join(f"{rows:,}" for rows in sizes["giant_rows"])
    return (
        f"pages: {sizes['pages']} x {sizes['tables']} tables x {sizes['rows']} rows; "
        f"prose: {sizes['prose_pages']} pages; giant: {giant} rows"
    )


def render(results: dict[str, Any], metric: str = "cpu") -> str:
    """The whole report as Markdown."""
    info = results["machine"]
    sizes = results["sizes"]
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']} "
        f"({info['platform']}); mkdocs-listtable at {info['revision']}.",
        f"Run: {'quick' if results['quick'] else 'full'} sizes ({describe(sizes)}), "
        f"{results['reps']} timed round{'s' if results['reps'] != 1 else ''} after one warm-up, "
        f"{results.get('elapsed_s', 0) / 60:.1f} min; metric: {metric} time.",
        "",
    ]
    for suite, builds in results["suites"].items():
        lines += [f"### {suite}", ""]
        if suite == "giant":
            lines += giant_table(builds, metric)
        else:
            lines += sites_table(builds, metric)
            targets = PAGES_TARGETS if suite == "pages" else PROSE_TARGETS
            lines += ["", *target_lines(builds, targets, metric)]
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report of a saved run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", type=Path, help="a results-*.json written by run.py")
    parser.add_argument("--metric", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args(argv)
    print(render(json.loads(args.results.read_text(encoding="utf-8")), args.metric))
    return 0


if __name__ == "__main__":
    sys.exit(main())
