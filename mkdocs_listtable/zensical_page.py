"""The page a conversion belongs to under Zensical, which runs the extension without the plugin.

Zensical builds a `Markdown` instance per page and registers on it, as on
every instance built inside it (mkdocstrings' and markdown-exec's, which it
hands the same extensions), a preprocessor named `rendering_context`. That
preprocessor holds the page (`page.path`, relative to the docs folder) and
Zensical's configuration (`root_dir`, `docs_dir`): Zensical's own extensions
find the page there, and so does this one. Zensical strips the page's front
matter before Python-Markdown reads the page; how many lines it took is
measured on the file, by the rule Zensical reads it with.

The first conversion that begins for a page is the page's own: Zensical
converts the page, and whatever else is converted for it happens inside that
conversion. Its lines are the file's, after the front matter; the others name
the page with lines in their own text. All of them share one `PageContext`,
which lives as long as Zensical's page object, and reads the page's front
matter (Zensical's `page.meta`) as the plugin does: `listtable: {report: false}`.
"""

from __future__ import annotations

import contextlib
import re
import weakref
from collections.abc import Callable
from pathlib import Path

from markdown import Markdown

from .context import Origin, PageContext
from .model import page_reports

CONTEXT_NAME = "rendering_context"
"""The name Zensical registers its page context under, in `Markdown.preprocessors`."""
FRONT_MATTER_RE = re.compile(r"-{3}[ \t]*\r?\n(?:.*?\r?\n)?(?:\.{3}|-{3})[ \t]*\r?\n\n*", re.DOTALL)
"""Zensical's front matter: YAML between `---` and `---` (or `...`), and empty lines after."""

_pages: weakref.WeakKeyDictionary[object, PageContext] = weakref.WeakKeyDictionary()
"""The context of each page Zensical is converting, by its page object (gone with it)."""


def zensical_origin(md: Markdown, has_tables: Callable[[], bool]) -> Origin | None:
    """Where the text `md` converts comes from, when Zensical runs it; else `None`.

    Args:
        md: The conversion's `Markdown` instance.
        has_tables: Whether the text has tables: only then is the file read
            again, to measure its front matter.
    """
    if CONTEXT_NAME not in md.preprocessors:
        return None
    context = md.preprocessors[CONTEXT_NAME]
    page = getattr(context, "page", None)
    path = getattr(page, "path", None)
    if page is None or not isinstance(path, str):
        return None
    shared = _pages.get(page)
    if shared is not None:
        return Origin(path, None, shared)
    meta = getattr(page, "meta", None)
    shared = PageContext(reports=page_reports(meta) if isinstance(meta, dict) else True)
    with contextlib.suppress(TypeError):  # A page that cannot be referred to weakly: no sharing.
        _pages[page] = shared
    config = getattr(context, "config", None)
    offset = _front_matter_lines(config, path) if has_tables() else 0
    return Origin(path, offset, shared)


def _front_matter_lines(config: object, path: str) -> int:
    """Lines of the page's file before the Markdown Zensical converts (0 when unreadable)."""
    if not isinstance(config, dict):
        return 0
    docs = Path(str(config.get("root_dir") or ".")) / str(config.get("docs_dir") or "docs")
    try:
        with (docs / path).open(encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return 0
    match = FRONT_MATTER_RE.match(text)
    return text.count("\n", 0, match.end()) if match else 0
