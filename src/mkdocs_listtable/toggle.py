"""The "MDX source" toggle: a closed `<details>` holding a table's source, highlighted.

Highlighting follows the page's own settings when `pymdownx.highlight` is
enabled (so the toggle looks like every other code block of the site, and
Material's copy button finds it), else plain Pygments with the usual
`highlight` class.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape
from typing import Any

from markdown import Markdown
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

LANGUAGE = "jsx"
Highlighter = Callable[[str], str]

_HIGHLIGHT_PARAMETERS = (
    "guess_lang",
    "pygments_style",
    "use_pygments",
    "noclasses",
    "extend_pygments_lang",
    "linenums",
    "linenums_special",
    "linenums_style",
    "linenums_class",
    "language_prefix",
    "code_attr_on_pre",
    "auto_title",
    "auto_title_map",
    "line_spans",
    "anchor_linenums",
    "line_anchors",
    "pygments_lang_class",
    "stripnl",
    "default_lang",
    "title_mode",
)


@lru_cache(maxsize=4096)
def _pygments(source: str) -> str:
    try:
        lexer = get_lexer_by_name(LANGUAGE)
    except ClassNotFound:  # pragma: no cover - Pygments older than 2.17
        lexer = get_lexer_by_name("html")
    formatter = HtmlFormatter(cssclass="highlight", wrapcode=True)
    html: str = pygments_highlight(source, lexer, formatter)
    return html


def make_highlighter(md: Markdown) -> Highlighter:
    """A function that highlights a table's source the way `md` highlights code."""
    for extension in md.registeredExtensions:
        get_settings = getattr(extension, "get_pymdownx_highlight_settings", None)
        if get_settings is None:
            continue
        settings: dict[str, Any] = get_settings()
        highlighter_class = extension.get_pymdownx_highlighter()  # type: ignore[attr-defined]
        parameters = {name: settings[name] for name in _HIGHLIGHT_PARAMETERS if name in settings}
        return _cached(highlighter_class(md, **parameters), settings.get("css_class", "highlight"))
    return _pygments


def _cached(highlighter: Any, css_class: str) -> Highlighter:
    """`highlighter.highlight` for table sources, remembering each result."""
    cache: dict[str, str] = {}

    def highlight(source: str) -> str:
        if source not in cache:
            cache[source] = highlighter.highlight(source, LANGUAGE, css_class)
        return cache[source]

    return highlight


def toggle_html(source: str, label: str, highlighter: Highlighter, opened: bool = False) -> str:
    """The `<details>` block showing `source` under the summary `label`.

    The source is always shown as text: the highlighter escapes it, whatever
    it contains (`</details>`, `<script>`).
    """
    state = " open" if opened else ""
    return (
        f'<details class="listtable__source"{state} data-search-exclude>'
        f"<summary>{escape(label)}</summary>\n{highlighter(source)}\n</details>"
    )
