"""Find and read a site's Markdown pages the way MkDocs does, for the command-line tools.

MkDocs walks `docs_dir` following symbolic links, then drops the files its
default exclusions (`templates/`, hidden files and folders) and `exclude_docs`
rule out, and a `README.md` that an `index.md` of the same folder replaces.
`Finder` walks the same way, but notices what MkDocs' walk does not: a link
loop (MkDocs would descend until the system refuses) and a folder it cannot
read. The exclusions are MkDocs' own code (`mkdocs.structure.files`), fed with
the site's `exclude_docs`, so `check` and `fix` see exactly the pages
`mkdocs build` renders.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs.structure.files import File, InclusionLevel, set_exclusions
from mkdocs.utils.meta import get_data

from .model import page_reports

SUFFIXES = (".md", ".markdown")
LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|\Z)")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})  # Outside a site; and hidden ones.
TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps.


class UsageError(Exception):
    """A problem with the command line or mkdocs.yml: nothing is done, exit status 2."""


@dataclass
class Site:
    """What MkDocs would take as the site's pages: its docs folder and its exclusions.

    Attributes:
        docs_dir: The folder of the pages.
        exclude_docs: The site's `exclude_docs` patterns (gitignore syntax), or None.
    """

    docs_dir: Path
    exclude_docs: Any = None

    @classmethod
    def from_config(cls, docs_dir: Path, exclude_docs: object) -> Site:
        """The site of a mkdocs.yml, its `exclude_docs` read as MkDocs reads it.

        Raises:
            UsageError: `exclude_docs` is not a valid list of patterns.
        """
        spec = None
        if exclude_docs is not None:
            try:
                spec = config_options.PathSpec().run_validation(exclude_docs)
            except ValidationError as error:
                raise UsageError(f"exclude_docs: {error}") from None
        return cls(docs_dir, spec)

    def excluded(self, files: Sequence[Path]) -> set[Path]:
        """Those of `files` that MkDocs leaves out of the site (files outside `docs_dir` stay)."""
        docs = os.path.abspath(self.docs_dir)
        config = {"exclude_docs": self.exclude_docs, "draft_docs": None, "not_in_nav": None}
        inside: dict[Path, File] = {}
        for path in files:
            uri = os.path.relpath(os.path.abspath(path), docs)
            if uri != os.curdir and not uri.startswith(os.pardir + os.sep):
                inside[path] = File(uri, docs, "site", use_directory_urls=True)
        set_exclusions(inside.values(), config)  # type: ignore[arg-type]
        left_out: set[Path] = set()
        by_page: dict[str, Path] = {}  # MkDocs keeps one source per page: index.md over README.md.
        for path, file in inside.items():
            if file.inclusion == InclusionLevel.EXCLUDED:
                left_out.add(path)
            elif (other := by_page.setdefault(file.dest_uri, path)) != path:
                first, second = sorted((other, path), key=_page_order)
                left_out.add(first)
                by_page[file.dest_uri] = second
        return left_out

    def contains(self, path: Path) -> bool:
        """Whether `path` is in `docs_dir` (or is it)."""
        uri = os.path.relpath(os.path.abspath(path), os.path.abspath(self.docs_dir))
        return not uri.startswith(os.pardir + os.sep) and uri != os.pardir


def _page_order(path: Path) -> tuple[bool, str]:
    """MkDocs' order of a folder's files: `index` and `README` first, then by name."""
    return (path.stem not in ("index", "README"), path.name)


@dataclass
class Finder:
    """The Markdown files of some paths, and what could not be read on the way.

    Attributes:
        site: The site whose exclusions apply to files under its `docs_dir`, if any.
        unreadable: `(path, reason)` of each folder or file that could not be read.
    """

    site: Site | None = None
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    def files(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Each Markdown file of `paths` once, directories walked in sorted order.

        Raises:
            UsageError: A symbolic link loops (`a.md -> b.md -> a.md`, or a folder
                linking to one above it).
        """
        seen: set[str] = set()
        for path in paths:
            found = list(self._walk(path)) if path.is_dir() else [path]
            if self.site is not None:
                skipped = self.site.excluded(found)
                found = [file for file in found if file not in skipped]
            for file in found:
                key = _real(file)
                if key not in seen:
                    seen.add(key)
                    yield file

    def _walk(self, top: Path) -> Iterator[Path]:
        """The Markdown files under `top`, following links to folders as MkDocs does."""
        in_site = self.site is not None and self.site.contains(top)
        yield from self._walk_dir(top, {_real(top)}, in_site)

    def _walk_dir(self, folder: Path, ancestors: set[str], in_site: bool) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            self.unreadable.append((folder, error.strerror or str(error)))
            return
        folders = []
        for entry in entries:
            path = Path(folder, entry.name)
            try:
                is_dir = entry.is_dir()  # Follows links, as MkDocs' walk does.
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(path)
            elif entry.name.lower().endswith(SUFFIXES) and not entry.name.startswith("."):
                yield path
        for path in folders:
            # Outside a site nothing decides for us: hidden folders and tool folders are not pages.
            if not in_site and (path.name.startswith(".") or path.name in SKIPPED_DIRS):
                continue
            real = _real(path)
            if real in ancestors:
                raise UsageError(f"{path}: symbolic link loop (it leads back to {real})")
            yield from self._walk_dir(path, ancestors | {real}, in_site)


def _real(path: Path) -> str:
    """The path with every link resolved.

    Raises:
        UsageError: The links loop.
    """
    try:
        os.stat(path)
    except OSError as error:
        if error.errno is not None and error.errno == getattr(os, "ELOOP", 40):
            raise UsageError(f"{path}: symbolic link loop") from None
    return os.path.realpath(path)


def read_text(path: Path) -> str:
    """The text of a regular file, decoded as MkDocs decodes pages (UTF-8, BOM kept).

    Raises:
        OSError: The file cannot be read, or is not a regular file (a FIFO would
            block forever, a device never end).
        UnicodeDecodeError: The file is not UTF-8.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(0, "not a regular file")
    return path.read_bytes().decode("utf-8")


def page_source(text: str) -> tuple[str, int, bool]:
    """A page's Markdown as MkDocs converts it.

    Args:
        text: The file's text (a BOM at its start is dropped, as MkDocs does).

    Returns:
        The Markdown (front matter removed, newlines `\\n`), the file line of
        its first line, and whether the page's problems are reported: not when
        its front matter says `listtable: {report: false}`, as in the build.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    markdown, meta = get_data(text)  # Front matter goes, as in MkDocs; its lines still count.
    skipped = len(text) - len(markdown) if text.endswith(markdown) else 0
    return markdown, text.count("\n", 0, skipped) + 1, page_reports(meta)


def page_lines(text: str) -> tuple[list[str], int, bool]:
    """A page's Markdown lines as the extension sees them, as `page_source` reads them."""
    markdown, first_line, reports = page_source(text)
    # Python-Markdown's normalize_whitespace: no STX/ETX, tabs expanded, blank lines empty.
    markdown = markdown.replace("\x02", "").replace("\x03", "").expandtabs(TAB_LENGTH)
    lines = [line if line.strip(" ") else "" for line in markdown.split("\n")]
    return lines, first_line, reports


@dataclass
class Source:
    """A file's text as lines, every byte kept: its BOM, each line's own ending."""

    bom: str
    lines: list[str]
    endings: list[str]

    @classmethod
    def parse(cls, text: str) -> Source:
        """Split `text` on `\\r\\n`, `\\r` and `\\n` (as MkDocs counts lines), keeping them."""
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        lines: list[str] = []
        endings: list[str] = []
        for match in LINE_RE.finditer(text, len(bom)):
            if match.start() == len(text) and (lines or not text[len(bom) :]) and not match[0]:
                break
            lines.append(match[1])
            endings.append(match[2])
            if not match[2]:
                break
        return cls(bom, lines, endings)

    def text(self) -> str:
        """The file's text again."""
        return self.bom + "".join(self.with_endings())

    def replaced(self, changes: Iterable[tuple[int, int, Sequence[str]]]) -> Source:
        """A copy with, for each `(first, last, new)`, lines `first` to `last` (excluded)
        replaced by `new`; the changes must not overlap.

        New lines end as the lines they replace do (the last keeps the last one's
        ending); lines inserted (`first == last`) end as the line before them.
        """
        lines, endings = list(self.lines), list(self.endings)
        for first, last, new in sorted(changes, key=lambda c: (c[0], c[1]), reverse=True):
            ending = endings[last - 1] if last > first else endings[first - 1] if first else "\n"
            new_endings = [ending] * len(new)
            if last > first and new:
                new_endings[-1] = endings[last - 1]
            lines[first:last] = new
            endings[first:last] = new_endings
        return Source(self.bom, lines, endings)

    def with_endings(self) -> list[str]:
        """Each line with its own line ending."""
        return [line + end for line, end in zip(self.lines, self.endings, strict=True)]

    def expanded(self, index: int) -> str:
        """Line `index` as the checks read it: tabs expanded."""
        return self.lines[index].expandtabs(TAB_LENGTH)


def display(path: Path) -> str:
    """`path` relative to the current directory when it is under it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
