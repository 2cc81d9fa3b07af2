"""`mkdocs-listtable`: `check`, `fix` and `convert`, every ListTable of a site without building it.

Pages are read as MkDocs reads them (UTF-8 with its BOM dropped, universal
newlines, front matter removed) and their lines prepared as Python-Markdown
prepares them (tabs expanded to 4 columns) before the blocks are found. The
tables then take the extension's own path, `table.check_block`, so `check`
reports what `mkdocs build` would, at the file's real lines and columns. What
only the Markdown around the tables shows (an admonition extension missing, a
table read as code, a heading's anchor taken) comes from converting the page
as the build does (`sitemarkdown.py`).

Tables in a cell are checked too, numbered as the extension numbers them:
after every top-level table of the page, depth first in the order the cells
are rendered, and refused deeper than the extension's `MAX_DEPTH`. Unlike the
build, `check` also looks into the cells of a table that is not rendered, so
one run shows every problem. A page whose front matter says
`listtable: {report: false}` (broken on purpose) is checked but not reported.

The pages are those MkDocs would build (see `pages.py`); a symbolic link loop
or an `INHERIT` loop in mkdocs.yml stops the command with one line and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from . import __version__
from .blocks import Block
from .config import ListTableConfig
from .diagnostics import Diagnostic, plural
from .extension import EXTENSION_NAMES
from .formats import FORMATS, Finding
from .model import MODES, Mode, as_mode
from .page import scan_page
from .pages import Finder, Site, Source, UsageError, display, page_lines, page_source, read_text
from .sitemarkdown import SiteMarkdown, configured_extensions
from .table import MAX_DEPTH, CheckedTable, check_block, internal_error, too_deep

if TYPE_CHECKING:
    from .fix import Result

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def _plain(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The value of a node whose tag we do not know (`!!python/name:…`, `!relative`)."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


@dataclass
class SiteOptions:
    """What mkdocs.yml says that `check` and `fix` need.

    Attributes:
        mode: The default validation mode.
        site: The docs folder and its exclusions.
        extensions: `(name, options)` of its `markdown_extensions`.
    """

    mode: Mode
    site: Site
    extensions: list[tuple[str, dict[str, Any]]]


def site_options(config_file: Path) -> SiteOptions:
    """The default validation mode, the site (docs folder, exclusions) and the Markdown
    extensions `config_file` sets.

    The file is read as YAML, not through `mkdocs.config.load_config`: that
    validates the whole site and fails when the theme or another plugin is not
    installed (as in pre-commit's own environment). `!ENV` is resolved and
    `INHERIT` followed as MkDocs does; other tags are read as plain values.
    """
    loader = get_yaml_loader(yaml.SafeLoader)
    loader.add_constructor(None, _plain)
    try:
        with config_file.open("rb") as file:
            data = yaml_load(file, loader)
    except RecursionError:
        raise UsageError(f"{config_file}: INHERIT loops: {_inherit_chain(config_file)}") from None
    except (OSError, ConfigurationError) as error:
        raise UsageError(f"cannot read {config_file}: {error}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{config_file} is not a mapping of options")
    docs_dir = config_file.parent / str(data.get("docs_dir") or "docs")
    try:
        site = Site.from_config(docs_dir, data.get("exclude_docs"))
    except UsageError as error:
        raise UsageError(f"{config_file}: {error}") from None
    extensions = configured_extensions(config_file, data)
    plugin = _entry(data.get("plugins"), ("listtable",))
    if plugin is not None:
        config = ListTableConfig(config_file_path=str(config_file))
        config.load_dict(plugin)
        errors, _ = config.validate()
        for key, problem in errors:
            raise UsageError(f"{config_file}: plugins: listtable: {key}: {problem}")
        return SiteOptions(as_mode(config.validation) or "warn", site, extensions)
    extension = _entry(data.get("markdown_extensions"), EXTENSION_NAMES) or {}
    mode = as_mode(extension.get("validation", "warn"))
    if mode is None:
        choices = ", ".join(MODES)
        raise UsageError(f"{config_file}: listtable: validation must be one of {choices}")
    return SiteOptions(mode, site, extensions)


def _inherit_chain(config_file: Path) -> str:
    """`a.yml -> b.yml -> a.yml`: the files an `INHERIT` loop goes through."""
    chain: list[Path] = []
    path = config_file
    while path not in chain:
        chain.append(path)
        try:
            data = yaml.load(path.read_bytes(), Loader=_PlainLoader)
        except (OSError, yaml.YAMLError):
            break
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if not isinstance(parent, str):
            break
        path = Path(os.path.normpath(path.parent / parent))
    return " -> ".join(str(file) for file in [*chain, path])


class _PlainLoader(yaml.SafeLoader):
    """YAML with every unknown tag read as a plain value."""


_PlainLoader.add_constructor(None, _plain)


def _entry(entries: Any, names: Sequence[str]) -> dict[str, Any] | None:
    """The options of the first entry named in `names` of a `plugins`-like list or mapping."""
    if isinstance(entries, dict):
        entries = [{name: options} for name, options in entries.items()]
    for entry in entries if isinstance(entries, list) else []:
        name, options = (entry, None) if isinstance(entry, str) else (None, None)
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        if name in names:
            return options if isinstance(options, dict) else {}
    return None


@dataclass(frozen=True)
class Found:
    """A problem of a table, with what only the page's walk knows about it."""

    problem: Diagnostic
    end_line: int
    error: bool


class PageCheck:
    """The problems of one page's tables, nested ones included, numbered as the extension does.

    Attributes:
        tables: Every table checked, in the extension's numbering order.
        found: Every problem, with its table's last line and severity.
    """

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.tables: list[CheckedTable] = []
        self.count = 0
        self.found: list[Found] = []

    def run(self, lines: list[str], first_line: int, offset: int = 0, depth: int = 0) -> None:
        """Check the tables of `lines`, which start `offset` columns right of the page's edge.

        Args:
            lines: The page's lines, or a cell's.
            first_line: The file line of `lines[0]`.
            offset: Columns left of `lines` in the file (a cell's content column, minus 1).
            depth: How many tables `lines` are nested in.
        """
        # The build's own first step: MDX removed, tables in raw-text HTML reported as text.
        scan = scan_page(lines, first_line, top_level=not depth)
        blocks = scan.blocks
        for problem in scan.stray + scan.problems:
            moved = replace(problem, column=(problem.column or 1) + offset)
            self.found.append(Found(moved, moved.line, False))
        for block in blocks:
            block.column_offset = offset
        for table in [table for block in blocks if (table := self._check(block, depth))]:
            for cell in (cell for row in table.rows for cell in row.cells):
                if "ListTable" in cell.text and not cell.placeholder:
                    self.run(cell.text.split("\n"), cell.text_line, cell.column - 1, depth + 1)

    def _check(self, block: Block, depth: int) -> CheckedTable | None:
        """The checked table, or `None` (and a problem) when it cannot be checked."""
        self.count += 1
        name = f"#{self.count}"
        last = block.line + block.end - block.start - 1
        if depth >= MAX_DEPTH:  # As the extension: refused, and its cells not looked into.
            self.found.append(Found(replace(too_deep(block), table=name), last, False))
            return None
        try:
            table = check_block(block, self.count, self.mode)
        except Exception as error:  # A bug of ours must not hide the other files' problems.
            column = block.indent + block.column_offset + 1
            problem = replace(internal_error(block, error), column=column, table=name)
            self.found.append(Found(problem, last, False))
            return None
        self.tables.append(table)
        for problem in table.problems:
            whole = problem.row is None and problem.column is None
            self.found.append(Found(problem, last if whole else problem.line, table.strict))
        return table


def check_text(text: str, mode: Mode) -> tuple[PageCheck, bool]:
    """Every table of a page's text checked, and whether the page's problems are reported."""
    lines, first_line, reports = page_lines(text)
    page = PageCheck(mode)
    page.run(lines, first_line)
    page.found.sort(key=lambda found: (found.problem.line, found.problem.column or 0))
    return page, reports


def unreadable(path: Path, error: Exception) -> Finding:
    """The finding of a file that cannot be read (as a page), with what to do."""
    if isinstance(error, UnicodeDecodeError):
        line = error.object.count(b"\n", 0, error.start) + 1
        byte = error.object[error.start : error.start + 1].hex()
        hint = "MkDocs reads pages as UTF-8; save the file as UTF-8"
        message = f"not valid UTF-8 (byte 0x{byte})"
        return Finding(display(path), Diagnostic("unreadable", message, hint, line), in_table=False)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    problem = Diagnostic("unreadable", reason, "", 0)
    return Finding(display(path), problem, in_table=False)


def check_file(
    path: Path, mode: Mode, fixable: bool = False, site: SiteMarkdown | None = None
) -> tuple[list[Finding], int]:
    """The findings of one file (none when it is not to report), and its number of tables.

    Args:
        path: The file.
        mode: The default validation mode.
        fixable: Find out which problems `fix` repairs (it costs a check per repair).
        site: The site's Markdown, to add what only a build finds (see `check_page`).
    """
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        return [unreadable(path, error)], 0
    return check_page(path, text, mode, fixable, site)


def check_page(
    path: Path, text: str, mode: Mode, fixable: bool, site: SiteMarkdown | None = None
) -> tuple[list[Finding], int]:
    """The findings of a page's text (none when it is not to report), and its number of tables.

    With `site`, the page is also converted as the build converts it, and the
    problems that only the build finds are added: `check` reports every problem
    the build logs (and those in tables the build does not build).
    """
    from .fix import fixable_problems  # `fix` builds on this module's page walk.

    page, reports = check_text(text, mode)
    if not reports:
        return [], page.count
    found = page.found
    if site is not None:
        source, first_line, _ = page_source(text)
        seen = {_place(f.problem) for f in found}
        built = [p for p in site.problems(source, first_line) if _place(p.diagnostic) not in seen]
        if built:
            found = found + [Found(p.diagnostic, p.diagnostic.line, p.error) for p in built]
            found.sort(key=lambda f: (f.problem.line, f.problem.column or 0))
    repaired = fixable_problems(text, mode, page) if fixable else set()
    shown = display(path)
    return [
        Finding(shown, f.problem, f.end_line, f.error, f.problem in repaired) for f in found
    ], page.count


def _place(problem: Diagnostic) -> tuple[str, int, int | None]:
    """What makes two reports of a problem the same one: its kind and where it is."""
    return problem.kind, problem.line, problem.column


@dataclass
class Targets:
    """The files a command works on, and the options that apply to them."""

    files: list[Path]
    mode: Mode
    unreadable: list[Finding]
    markdown: SiteMarkdown


def targets(paths: Sequence[str], config_file: str | None, mode: Mode | None) -> Targets:
    """The Markdown files of `paths` (default: the site's pages) and the validation mode.

    Raises:
        UsageError: A path or the config file does not exist, mkdocs.yml is
            invalid, or a symbolic link loops.
    """
    config = Path(config_file) if config_file else None
    if config is None:
        config = next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), None)
    elif not config.is_file():
        raise UsageError(f"config file not found: {config}")
    site_mode: Mode = "warn"
    site = None
    extensions: list[tuple[str, dict[str, Any]]] = []
    if config is not None:
        options = site_options(config)
        site_mode, site, extensions = options.mode, options.site, options.extensions
    roots = [Path(p) for p in paths] or [site.docs_dir if site else Path(".")]
    missing = [str(p) for p in roots if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    finder = Finder(site)
    files = list(finder.files(roots))
    lost = [unreadable(path, OSError(0, reason)) for path, reason in finder.unreadable]
    markdown = SiteMarkdown(extensions, mode or site_mode)
    return Targets(files, mode or site_mode, lost, markdown)


def summary(findings: int, files_with: int, tables: int, files: int) -> str:
    """`2 problems in 1 file (12 tables checked in 40 files)`."""
    checked = f"{plural(tables, 'table')} checked in {plural(files, 'file')}"
    return f"{plural(findings, 'problem')} in {plural(files_with, 'file')} ({checked})"


def check(
    paths: Sequence[str],
    config_file: str | None,
    mode: Mode | None,
    quiet: bool,
    form: str = "text",
) -> int:
    """Check `paths` (default: the site's pages); the exit status: 0 clean, 1 problems.

    Raises:
        UsageError: A path or the config file does not exist, mkdocs.yml is
            invalid, or a symbolic link loops.
    """
    run = targets(paths, config_file, mode)
    tables = 0
    failed: list[int] = []  # The number of problems of each file that has some.
    for found in run.unreadable:
        failed.append(1)
        _show([found], quiet, form)
    for path in run.files:
        findings, count = check_file(path, run.mode, form == "json", run.markdown)
        tables += count
        if findings:
            failed.append(len(findings))
            _show(findings, quiet, form)
    if failed:
        print(summary(sum(failed), len(failed), tables, len(run.files)), file=sys.stderr)
    _left_out(run.markdown)
    return 1 if failed else 0


def _left_out(markdown: SiteMarkdown) -> None:
    """Say which of the site's Markdown extensions could not be loaded, if any."""
    if markdown.left_out:
        names = ", ".join(markdown.left_out)
        what = "it changes" if len(markdown.left_out) == 1 else "they change"
        print(
            f"note: markdown_extensions not loaded here: {names}; what {what} around "
            "the tables is not checked",
            file=sys.stderr,
        )


def fix(
    paths: Sequence[str],
    config_file: str | None,
    mode: Mode | None,
    diff: bool = False,
    dry: bool = False,
) -> int:
    """Repair what has one right answer in `paths`; report what is left as `check` does.

    Args:
        paths: Files and folders (default: the site's pages).
        config_file: The mkdocs.yml, if not ./mkdocs.yml.
        mode: The default validation mode, if not mkdocs.yml's.
        diff: Print a unified diff of the repairs instead of making them.
        dry: Make no repair; the exit status says whether one would be made.

    Returns:
        The exit status: 1 when problems are left (or, with `dry`, when a file
        would change), else 0.

    Raises:
        UsageError: As `check`.
    """
    from .fix import fix_text

    run = targets(paths, config_file, mode)
    left: list[Finding] = list(run.unreadable)
    changed = repairs = 0
    log = sys.stderr if diff else sys.stdout  # With --diff, standard output is a patch.
    for path in run.files:
        try:
            text = read_text(path)
        except (OSError, UnicodeDecodeError) as error:
            left.append(unreadable(path, error))
            continue
        if not check_text(text, run.mode)[1]:
            continue  # Broken on purpose (`listtable: {report: false}`): left as it is.
        result = fix_text(text, run.mode)
        shown = display(path)
        for done, edits in enumerate(result.rounds):
            for edit in edits:
                if dry or diff:  # The file stays as it is: its lines, not the repaired text's.
                    edit = edit.at(partial(result.line_before, rounds=done))
                lines = edit.report(shown)
                repairs += len(lines)
                print(
                    "\n".join(
                        line.replace(": fixed ", ": would fix ") if dry or diff else line
                        for line in lines
                    ),
                    file=log,
                )
        if result.after != text:
            changed += 1
            if diff:
                sys.stdout.writelines(_diff(shown, result.before, result.after))
            elif not dry:
                path.write_bytes(result.after.encode("utf-8"))
        remaining = check_page(path, result.after, run.mode, False, run.markdown)[0]
        left += [_on_disk(f, result) for f in remaining] if dry or diff else remaining
    for finding in left:
        print(finding.text(), file=log)
    verb = "would fix" if dry or diff else "fixed"
    files = plural(changed, "file")
    print(
        f"{verb} {plural(repairs, 'problem')} in {files}; {plural(len(left), 'problem')} left",
        file=sys.stderr,
    )
    return 1 if left or (dry and changed) else 0


def _on_disk(finding: Finding, result: Result) -> Finding:
    """`finding` in the repaired text, at its line in the file as it is (not repaired)."""
    problem = finding.problem
    if problem.line:
        problem = replace(problem, line=result.line_before(problem.line))
    end = finding.end_line
    return replace(finding, problem=problem, end_line=end and result.line_before(end))


def _diff(path: str, before: str, after: str) -> Iterator[str]:
    """A unified diff of a file's repairs, each line with its own line ending."""
    a = Source.parse(before).with_endings()
    b = Source.parse(after).with_endings()
    for line in difflib.unified_diff(a, b, f"a/{path}", f"b/{path}"):
        yield line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"


def convert(
    source: str,
    kinds: list[str] | None,
    in_place: bool,
    header_rows: int,
    header_columns: int,
) -> int:
    """Print (or, `in_place`, write back) the tables of `source` as ListTables.

    Returns:
        The exit status: 0 when a table was converted, 1 when none was found.

    Raises:
        UsageError: The file cannot be read, or the options do not fit it.
    """
    from . import convert as conv

    path = None if source == "-" else Path(source)
    if path is None and in_place:
        raise UsageError("--in-place needs a file, not standard input")
    suffix = path.suffix.lower() if path else ""
    default = {".csv": ["csv"], ".tsv": ["tsv"], ".html": ["html"], ".htm": ["html"]}
    chosen = tuple(kinds or default.get(suffix, ["html", "pipe"]))
    if in_place and {"csv", "tsv"} & set(chosen):
        raise UsageError("--in-place rewrites the tables of a Markdown page, not CSV")
    try:
        text = sys.stdin.read() if path is None else read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(unreadable(path or Path("-"), error).text()) from None
    if in_place:
        assert path is not None
        new, count = conv.convert_page(text, chosen)
        if new != text:
            path.write_bytes(new.encode("utf-8"))
        print(f"converted {plural(count, 'table')} in {display(path)}", file=sys.stderr)
        return 0 if count else 1
    if chosen[0] in ("csv", "tsv"):
        delimiter = "," if chosen[0] == "csv" else "\t"
        tables = [conv.csv_table(text, delimiter, header_rows, header_columns)]
    elif chosen == ("html",):
        tables = list(conv.html_tables(text))
    else:
        lines = Source.parse(text).lines
        found = conv.find_tables(lines, chosen)
        tables = [table for block in found for table in conv.convert_found(block, lines)]
    print("\n".join(conv.write(table) for table in tables), end="")
    return 0 if tables else 1


def _show(findings: list[Finding], quiet: bool, form: str) -> None:
    if not quiet:
        print("\n".join(finding.render(form) for finding in findings), flush=True)


def _common(command: argparse.ArgumentParser) -> None:
    """The options `check` and `fix` share: which files, which mkdocs.yml, which mode."""
    command.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="Markdown files or directories (searched for *.md, *.markdown); "
        "default: the pages of mkdocs.yml's docs_dir, else the current directory",
    )
    command.add_argument(
        "-f", "--config-file", metavar="FILE", help="the mkdocs.yml to read (default: ./mkdocs.yml)"
    )
    command.add_argument(
        "--validation", choices=MODES, help="default validation mode (overrides mkdocs.yml)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line: `mkdocs-listtable check|fix|convert …`."""
    parser = argparse.ArgumentParser(prog="mkdocs-listtable")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check every ListTable without building the site",
        description="Check every <ListTable> in Markdown files without building the site. "
        "Exit status: 0 clean, 1 problems found, 2 usage error.",
    )
    _common(check)
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default): one compiler-like line per problem; github: GitHub Actions "
        "annotations; json: one JSON object per line and problem",
    )
    fix = commands.add_parser(
        "fix",
        help="repair the problems that have one right answer",
        description="Repair, in place, the ListTable problems that have one right answer "
        "(missing '_' placeholders, numbers written as strings, misspelt attribute names, "
        "a nested list that should be cells) and report the rest as check does. "
        "Exit status: 0 nothing left, 1 problems left (with --check: a file would change), "
        "2 usage error.",
    )
    _common(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    fix.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file would change"
    )
    convert = commands.add_parser(
        "convert",
        help="write HTML, pipe and CSV tables as ListTables",
        description="Convert HTML tables (raw, md_in_html, copied from a rendered page), pipe "
        "tables and CSV/TSV into <ListTable> blocks, printed on standard output, or written "
        "back into a Markdown page with --in-place. Exit status: 0 converted, 1 no table "
        "found, 2 usage error.",
    )
    convert.add_argument(
        "source", nargs="?", default="-", metavar="FILE", help="the file (default: standard input)"
    )
    convert.add_argument(
        "--from",
        dest="kinds",
        action="append",
        choices=("html", "pipe", "csv", "tsv"),
        help="the kind of table to convert (repeatable); default: by the file's suffix "
        "(.csv, .tsv, .html), else HTML and pipe tables",
    )
    convert.add_argument(
        "--in-place", action="store_true", help="rewrite the tables of the Markdown FILE in place"
    )
    convert.add_argument(
        "--header-rows", type=int, default=0, metavar="N", help="CSV: header rows (default 0)"
    )
    convert.add_argument(
        "--header-columns", type=int, default=0, metavar="N", help="CSV: header columns (default 0)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `mkdocs-listtable` and `python -m mkdocs_listtable`; the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, and argparse's own usage errors.
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if args.command == "convert":
            kinds, rows, columns = args.kinds, args.header_rows, args.header_columns
            return convert(args.source, kinds, args.in_place, rows, columns)
        if args.command == "fix":
            return fix(args.paths, args.config_file, args.validation, args.diff, args.check)
        return check(args.paths, args.config_file, args.validation, args.quiet, args.format)
    except UsageError as error:
        print(f"mkdocs-listtable {args.command}: error: {error}", file=sys.stderr)
        return 2
