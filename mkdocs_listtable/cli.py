"""`mkdocs-listtable check`: every ListTable of a site checked, without building it.

Pages are read as MkDocs reads them (UTF-8 with its BOM dropped, universal
newlines, front matter removed) and their lines prepared as Python-Markdown
prepares them (tabs expanded to 4 columns) before the blocks are found. The
tables then take the extension's own path, `table.check_block`, so `check`
reports what `mkdocs build` would, at the file's real lines and columns.

Tables in a cell are checked too, numbered as the extension numbers them:
after every top-level table of the page, depth first in the order the cells
are rendered, and refused deeper than the extension's `MAX_DEPTH`. Unlike the
build, `check` also looks into the cells of a table that is not rendered, so
one run shows every problem. A page whose front matter says
`listtable: {report: false}` (broken on purpose) is checked but not reported.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from . import __version__
from .blocks import Block
from .config import ListTableConfig
from .diagnostics import Diagnostic, plural
from .extension import EXTENSION_NAMES
from .model import MODES, Mode, as_mode, page_reports
from .page import scan_page
from .table import MAX_DEPTH, CheckedTable, check_block, internal_error, too_deep

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
SUFFIXES = (".md", ".markdown")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})  # And hidden ones: `.git`, `.venv`.
TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps.


class UsageError(Exception):
    """A problem with the command line or mkdocs.yml: nothing is checked, exit status 2."""


def _plain(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The value of a node whose tag we do not know (`!!python/name:…`, `!relative`)."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def site_options(config_file: Path) -> tuple[Mode, Path]:
    """The default validation mode and the docs directory that `config_file` sets.

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
    except (OSError, ConfigurationError) as error:
        raise UsageError(f"cannot read {config_file}: {error}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{config_file} is not a mapping of options")
    docs_dir = config_file.parent / str(data.get("docs_dir") or "docs")
    plugin = _entry(data.get("plugins"), ("listtable",))
    if plugin is not None:
        config = ListTableConfig(config_file_path=str(config_file))
        config.load_dict(plugin)
        errors, _ = config.validate()
        for key, problem in errors:
            raise UsageError(f"{config_file}: plugins: listtable: {key}: {problem}")
        return as_mode(config.validation) or "warn", docs_dir
    extension = _entry(data.get("markdown_extensions"), EXTENSION_NAMES) or {}
    mode = as_mode(extension.get("validation", "warn"))
    if mode is None:
        choices = ", ".join(MODES)
        raise UsageError(f"{config_file}: listtable: validation must be one of {choices}")
    return mode, docs_dir


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


def read_page(path: Path) -> tuple[list[str], int, bool]:
    """A page's Markdown lines as the extension sees them.

    Returns:
        The lines, the file line of the first (after the front matter), and
        whether the page's problems are reported: not when its front matter
        says `listtable: {report: false}`, as in the build.

    Raises:
        OSError: The file cannot be read.
        UnicodeDecodeError: The file is not UTF-8 (its positions count from the file's start).
    """
    # As MkDocs reads a page: UTF-8 without its BOM, universal newlines.
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    markdown, meta = get_data(text)  # Front matter goes, as in MkDocs; its lines still count.
    skipped = len(text) - len(markdown) if text.endswith(markdown) else 0
    # Python-Markdown's normalize_whitespace: no STX/ETX, tabs expanded, blank lines empty.
    markdown = markdown.replace("\x02", "").replace("\x03", "").expandtabs(TAB_LENGTH)
    lines = [line if line.strip(" ") else "" for line in markdown.split("\n")]
    return lines, text.count("\n", 0, skipped) + 1, page_reports(meta)


class PageCheck:
    """The problems of one page's tables, nested ones included, numbered as the extension does."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.tables = 0
        self.problems: list[Diagnostic] = []

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
        self.problems += [
            replace(p, column=(p.column or 1) + offset) for p in scan.stray + scan.problems
        ]
        for block in blocks:
            block.column_offset = offset
        for table in [table for block in blocks if (table := self._check(block, depth))]:
            for cell in (cell for row in table.rows for cell in row.cells):
                if "ListTable" in cell.text and not cell.placeholder:
                    self.run(cell.text.split("\n"), cell.text_line, cell.column - 1, depth + 1)

    def _check(self, block: Block, depth: int) -> CheckedTable | None:
        """The checked table, or `None` (and a problem) when it cannot be checked."""
        self.tables += 1
        name = f"#{self.tables}"
        if depth >= MAX_DEPTH:  # As the extension: refused, and its cells not looked into.
            self.problems.append(replace(too_deep(block), table=name))
            return None
        try:
            table = check_block(block, self.tables, self.mode)
        except Exception as error:  # A bug of ours must not hide the other files' problems.
            column = block.indent + block.column_offset + 1
            self.problems.append(replace(internal_error(block, error), column=column, table=name))
            return None
        self.problems += table.problems
        return table


def markdown_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Each file of `paths`, and the Markdown files under each directory, once, sorted."""
    seen: set[Path] = set()
    for path in paths:
        found = [path]
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
                found += [
                    Path(root, name)
                    for name in sorted(files)
                    if name.lower().endswith(SUFFIXES) and not name.startswith(".")
                ]
        for file in found:
            if (key := file.resolve()) not in seen:
                seen.add(key)
                yield file


def display(path: Path) -> str:
    """`path` relative to the current directory when it is under it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def check_file(path: Path, mode: Mode) -> tuple[list[str], int]:
    """The problem lines of one file (none when it is not to report), and its number of tables."""
    try:
        lines, first_line, reports = read_page(path)
    except UnicodeDecodeError as error:
        line = error.object.count(b"\n", 0, error.start) + 1
        byte = error.object[error.start : error.start + 1].hex()
        hint = "MkDocs reads pages as UTF-8; save the file as UTF-8"
        return [f"{display(path)}:{line}: unreadable: not valid UTF-8 (byte 0x{byte}); {hint}"], 0
    except OSError as error:
        return [f"{display(path)}: unreadable: {error.strerror or error}"], 0
    page = PageCheck(mode)
    page.run(lines, first_line)
    found = sorted(page.problems, key=lambda p: (p.line, p.column or 0)) if reports else []
    return [problem.format(display(path)) for problem in found], page.tables


def check(paths: Sequence[str], config_file: str | None, mode: Mode | None, quiet: bool) -> int:
    """Check `paths` (default: the site's docs); the exit status: 0 clean, 1 problems.

    Raises:
        UsageError: A path or the config file does not exist, or mkdocs.yml is invalid.
    """
    config = Path(config_file) if config_file else None
    if config is None:
        config = next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), None)
    elif not config.is_file():
        raise UsageError(f"config file not found: {config}")
    site_mode, docs_dir = site_options(config) if config else ("warn", Path("."))
    targets = [Path(p) for p in paths] or [docs_dir]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    files = tables = 0
    failed: list[int] = []  # The number of problems of each file that has some.
    for path in markdown_files(targets):
        out, count = check_file(path, mode or site_mode)
        files, tables = files + 1, tables + count
        if out:
            failed.append(len(out))
            if not quiet:
                print("\n".join(out), flush=True)
    if failed:
        checked = f"{plural(tables, 'table')} checked in {plural(files, 'file')}"
        found = f"{plural(sum(failed), 'problem')} in {plural(len(failed), 'file')}"
        print(f"{found} ({checked})", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    """The command line: `mkdocs-listtable check [PATHS…]`."""
    parser = argparse.ArgumentParser(prog="mkdocs-listtable")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check every ListTable without building the site",
        description="Check every <ListTable> in Markdown files without building the site. "
        "Exit status: 0 clean, 1 problems found, 2 usage error.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="Markdown files or directories (searched for *.md, *.markdown); "
        "default: the docs_dir of mkdocs.yml, else the current directory",
    )
    check.add_argument(
        "-f", "--config-file", metavar="FILE", help="the mkdocs.yml to read (default: ./mkdocs.yml)"
    )
    check.add_argument(
        "--validation", choices=MODES, help="default validation mode (overrides mkdocs.yml)"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `mkdocs-listtable` and `python -m mkdocs_listtable`; the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, and argparse's own usage errors.
        return stop.code if isinstance(stop.code, int) else 2
    try:
        return check(args.paths, args.config_file, args.validation, args.quiet)
    except UsageError as error:
        print(f"mkdocs-listtable check: error: {error}", file=sys.stderr)
        return 2
