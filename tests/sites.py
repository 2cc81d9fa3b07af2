"""Build small MkDocs sites in a temporary folder and read them back."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

DEFAULT_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "footnotes",
    "abbr",
    "pymdownx.highlight",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
]


REVENUE_TABLE = """\
<ListTable headerRows={1} headerColumns={1} caption="Quarterly revenue">
- - Quarter
  - [c2] Revenue
  - _
- - [r2] H1
  - Sales
  - Services
- - _
  - $5,000
  - $3,000
</ListTable>
"""
"""A table with a header row, a header column, a colspan and a rowspan."""

BROKEN_TABLE = """\
<ListTable caption="Broken">
- - a
  - [r3] b
</ListTable>
"""
"""A rowspan past the last row: one `rowspan-overflow` problem, on the table's line 3."""


class Records(logging.Handler):
    """Keeps every log record it is given."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@dataclass
class Site:
    """A built site: its folder and what MkDocs logged while building it."""

    root: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def page(self, name: str = "index") -> BeautifulSoup:
        """The built page of `docs/<name>.md`, parsed."""
        path = self.root / "site" / ("index.html" if name == "index" else f"{name}/index.html")
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """What was logged at `level` or above (MkDocs' own chatter included)."""
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def listtable_messages(self, level: int = logging.WARNING) -> list[str]:
        """What the plugin logged at `level` or above."""
        return [
            r.getMessage()
            for r in self.records
            if r.levelno >= level and r.name.startswith("mkdocs.plugins.listtable")
        ]

    def search_index(self) -> dict[str, Any]:
        """The search index MkDocs (or Material) wrote."""
        data: dict[str, Any] = json.loads(
            (self.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        return data


LEFTOVER_RE = re.compile(r"listtable-source|data-listtable-toggle|listtable:\d|wzxhzdk|[\x02\x03]")
"""A marker or placeholder of ours, or a block Python-Markdown stashed and never gave back."""


def html_files(site_dir: Path) -> dict[str, str]:
    """Every HTML file of a built site, by its path under `site_dir`."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*.html"))
    }


def check_no_leftovers(pages: dict[str, str]) -> None:
    """No page holds a marker, a placeholder, or a ListTable tag as raw HTML."""
    for path, html in pages.items():
        found = LEFTOVER_RE.findall(html)
        assert not found, f"{path}: {found[:3]}"
        assert "<ListTable" not in html, f"{path}: a ListTable tag reached the page as raw HTML"


def run_module(
    root: Path, module: str, *args: str, timeout: float
) -> subprocess.CompletedProcess[str]:
    """`python -m module args` in `root`, with this interpreter (and so this checkout)."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def listtable(root: Path, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`mkdocs-listtable argv…` run in `root`: the real command, in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_listtable", *argv],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def write_site(
    root: Path,
    pages: dict[str, str],
    *,
    theme: str = "mkdocs",
    plugins: list[Any] | None = None,
    extensions: list[Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write `mkdocs.yml` and the pages (`{"index.md": text}`) under `root`; return the config."""
    docs = root / "docs"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = {
        "site_name": "Test",
        "theme": {"name": theme},
        "markdown_extensions": DEFAULT_EXTENSIONS if extensions is None else extensions,
        "plugins": ["search", "listtable"] if plugins is None else plugins,
        **(extra or {}),
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    return config_file


def build_site(root: Path, pages: dict[str, str], **options: Any) -> Site:
    """Write and build a site in-process, capturing every log record of MkDocs."""
    config_file = write_site(root, pages, **options)
    handler = Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(root / "site"))
        build(config)
    finally:
        logger.removeHandler(handler)
    return Site(root, handler.records)
