"""The "MDX source" toggle: a closed `<details>` holding a table's source, highlighted.

The source is highlighted with Pygments and our own small lexer (see
`lexer.py`), in the CSS class the page's `pymdownx.highlight` uses, so the
toggle wears the site's code style and Material's copy button finds it. A
site that highlights in the browser (`use_pygments: false`) gets a plain
`language-jsx` code block instead.

Where a toggle goes, the conversion leaves a marker: an empty `<div>` whose
attribute holds a key no author can guess. Not an HTML comment, which
`pymdownx.striphtml` and minifiers remove; matched whatever quotes a minifier
leaves on the attribute. The toggle replaces it after rendering, once search
has indexed the page.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from markdown import Markdown
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

from .lexer import ListTableLexer

Highlighter = Callable[[str], str]

MARKER_ATTRIBUTE = "data-listtable-toggle"
"""The attribute of a toggle's marker element; its value is the toggle's key."""
MARKER_RE = re.compile(
    rf"<div\s+{MARKER_ATTRIBUTE}\s*=\s*[\"']?([0-9a-f]{{16}}-[0-9]+)[\"']?\s*>\s*</div>"
)
"""A marker as serialised, or as a minifier left it (quotes dropped, spaces changed)."""

_LEXER = ListTableLexer()


@lru_cache(maxsize=4096)
def _highlight(source: str, css_class: str, noclasses: bool, style: str) -> str:
    formatter = HtmlFormatter(cssclass=css_class, wrapcode=True, noclasses=noclasses, style=style)
    html: str = pygments_highlight(source, _LEXER, formatter)
    return html


def _plain(source: str, css_class: str) -> str:
    return (
        f'<pre class="{escape(css_class)}"><code class="language-jsx">{escape(source)}</code></pre>'
    )


def highlight_settings(md: Markdown) -> dict[str, Any]:
    """The page's `pymdownx.highlight` settings, or an empty dict."""
    for extension in md.registeredExtensions:
        get_settings = getattr(extension, "get_pymdownx_highlight_settings", None)
        if get_settings is not None:
            settings: dict[str, Any] = get_settings()
            return settings
    return {}


@lru_cache(maxsize=64)
def _known_style(name: str) -> str:
    """`name` if Pygments has that style, else `"default"`, said once per name."""
    try:
        get_style_by_name(name)
    except ClassNotFound:
        logging.getLogger("mkdocs.plugins.listtable").warning(
            "listtable: Pygments has no style %r (pygments_style of pymdownx.highlight); "
            "the source toggles use the default style",
            name,
        )
        return "default"
    return name


def make_highlighter(md: Markdown) -> Highlighter:
    """A function that highlights a table's source in the code style `md` uses."""
    settings = highlight_settings(md)
    css_class = str(settings.get("css_class") or "highlight")
    if not settings.get("use_pygments", True):
        return lambda source: _plain(source, css_class)
    noclasses = bool(settings.get("noclasses", False))
    style = _known_style(str(settings.get("pygments_style") or "default"))
    return lambda source: _highlight(source, css_class, noclasses, style)


@dataclass(frozen=True)
class Toggle:
    """A table's source toggle, waiting for its marker to be replaced.

    Attributes:
        source: The exact block, dedented.
        label: The summary text.
        highlighter: Highlights the source in the code style of the conversion.
        opened: Whether it starts open (a table that was not rendered).
    """

    source: str
    label: str
    highlighter: Highlighter
    opened: bool = False

    def html(self) -> str:
        """The `<details>` block."""
        return toggle_html(self.source, self.label, self.highlighter, self.opened)


def new_nonce() -> str:
    """A random key prefix: markers an author writes can never match a real one."""
    return secrets.token_hex(8)


def place_toggles(html: str, toggles: Mapping[str, Toggle]) -> tuple[str, set[str]]:
    """Replace each marker of `toggles` in `html` by its toggle.

    Markers of other keys are left as they are: they are not ours to remove.

    Returns:
        The new HTML, and the keys whose markers were found.
    """
    placed: set[str] = set()
    if not toggles:
        return html, placed

    def replace(match: re.Match[str]) -> str:
        toggle = toggles.get(match.group(1))
        if toggle is None:
            return match.group(0)
        placed.add(match.group(1))
        return toggle.html()

    return MARKER_RE.sub(replace, html), placed


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
