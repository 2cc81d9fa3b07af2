"""A page converted as `mkdocs build` converts it: for the problems only a build finds.

`check` reads the tables themselves without building (`cli.PageCheck`), but
some problems exist only once the page's Markdown is read around them: a
`:::` admonition in a cell of a site without the `admonition` extension, a
table that Markdown takes for code or raw HTML after all, a tag in running
text that reaches the page as raw HTML, a table's `id` that a heading's anchor
already has. For those, the page is converted by Python-Markdown with the
site's `markdown_extensions` (after MkDocs' own `toc`, `tables` and
`fenced_code`) and this extension, and the problems the build would log are
collected instead of logged.

The site's plugins do not run (they may not be installed where `check` runs,
as in pre-commit): what a plugin changes in a page is not seen. An extension
that cannot be loaded is left out, as is the conversion of a page that fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.yaml import yaml_load

from .context import Origin, Outcome, PageContext, Problem
from .extension import EXTENSION_NAMES, ListTableExtension
from .model import Mode

BUILTINS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs loads for every site, before those of `markdown_extensions`."""


def extension_entries(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """`(name, options)` of each entry of a `markdown_extensions` list (or mapping)."""
    if isinstance(value, dict):
        value = [{name: options} for name, options in value.items()]
    entries: list[tuple[str, dict[str, Any]]] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str):
            entries.append((entry, {}))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            entries.append((str(name), options if isinstance(options, dict) else {}))
    return entries


def configured_extensions(config_file: Path, plain: Any) -> list[tuple[str, dict[str, Any]]]:
    """The `markdown_extensions` of `config_file`, with MkDocs' own reading of its tags.

    `!!python/name:` values (a custom fence's formatter) are objects only when
    MkDocs' loader imports them; where it cannot (a package not installed),
    `plain` (the file read with unknown tags as plain values) is used instead.
    """
    try:
        with config_file.open("rb") as file:
            data = yaml_load(file)
    except Exception:  # An import that fails, in a tag: the plain reading will do.
        data = plain
    return extension_entries(data.get("markdown_extensions") if isinstance(data, dict) else None)


@dataclass
class _Collector:
    """The extension's host here: the page's own conversion, and what each conversion found."""

    line_offset: int = 0
    claimed: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    page: PageContext = field(default_factory=PageContext)
    """What the page's conversions share, as the plugin hands it to each."""

    def start(self, line_offset: int) -> None:
        """A page starts: where its Markdown starts in its file."""
        self.line_offset, self.claimed, self.outcomes = line_offset, False, []
        self.page = PageContext()

    def begin(self) -> Origin:
        if self.claimed:  # Another conversion during the page's: not the file's own lines.
            return Origin(None, None, self.page)
        self.claimed = True
        return Origin(None, self.line_offset, self.page)

    def end(self, outcome: Outcome) -> bool:
        self.outcomes.append(outcome)
        return True  # Toggles are of no interest here: not placed at all.


@dataclass
class SiteMarkdown:
    """The site's Markdown extensions, loaded once, converting pages for their problems.

    Attributes:
        extensions: `(name, options)` of the site's extensions, MkDocs' own first.
        mode: The default validation mode of the tables.
        left_out: The extensions that could not be loaded.
    """

    extensions: Sequence[tuple[str, dict[str, Any]]] = ()
    mode: Mode = "warn"
    left_out: list[str] = field(default_factory=list, init=False)
    _md: markdown.Markdown | None = field(default=None, init=False)
    _host: _Collector = field(default_factory=_Collector, init=False)
    _broken: bool = field(default=False, init=False)

    def _markdown(self) -> markdown.Markdown | None:
        """The Markdown instance, made on first use; `None` when none can be made."""
        if self._md is not None or self._broken:
            return self._md
        wanted: dict[str, dict[str, Any]] = {name: {} for name in BUILTINS}
        for name, options in self.extensions:
            if name not in EXTENSION_NAMES:
                wanted[name] = {**wanted.get(name, {}), **options}
        usable: dict[str, dict[str, Any]] = {}
        for name, options in wanted.items():
            try:  # One at a time: a package missing here must not hide the others.
                markdown.Markdown(extensions=[name], extension_configs={name: options})
            except Exception:
                self.left_out.append(name)
            else:
                usable[name] = options
        ours = ListTableExtension(host=self._host, validation=self.mode, raise_on_error=False)
        try:
            self._md = markdown.Markdown(extensions=[*usable, ours], extension_configs=usable)
        except Exception:
            self._broken = True
        return self._md

    def problems(self, source: str, first_line: int) -> list[Problem]:
        """The problems a build logs for the page whose Markdown is `source`.

        Args:
            source: The page's Markdown, front matter removed, as MkDocs converts it.
            first_line: The file line of the first line of `source`.

        Returns:
            The problems of the page's own conversion, at their lines in the file.
        """
        md = self._markdown()
        if md is None or "ListTable" not in source:
            return []
        host = self._host
        host.start(first_line - 1)
        try:
            md.reset()
            md.convert(source)
        except Exception:  # Another extension failing on the page: the build would stop there.
            return []
        finally:
            outcomes, host.outcomes = host.outcomes, []
        return [
            Problem(problem.diagnostic.shifted(offset), problem.error)
            for outcome in outcomes
            for problem in outcome.problems
            if (offset := (problem.origin or outcome.origin).line_offset) is not None
        ]
