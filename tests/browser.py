"""Browser test helpers: Debian's Chromium under Playwright, a local server, the demo site.

Nothing here downloads a browser: Playwright drives `/usr/bin/chromium`, which
`.ci/run` installs with apt-get. Without it the browser tests are skipped on a
developer's machine and fail under CI (the `CI` variable is set), so a CI run
can never pass by skipping them.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .sites import REVENUE_TABLE

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = ROOT / "mkdocs.yml"
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail under CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests may not be skipped)")
    pytest.skip(reason)


def require_chromium() -> None:
    """Stop the test here unless Playwright and Debian's Chromium are both installed."""
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing: `apt-get install chromium` (as .ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable('Playwright is missing: pip install -e ".[test]"')


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving the `!!python/name:` and `!ENV` tags it may hold."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def demo_config() -> dict[str, Any]:
    """The demo's mkdocs.yml as data (Python and environment tags read as None)."""
    config = yaml.load(DEMO_CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    return config if isinstance(config, dict) else {}


def demo_pages() -> list[str]:
    """URL paths of the demo's pages, from the Markdown files of its docs_dir ("" is home)."""
    docs = DEMO_CONFIG.parent / demo_config().get("docs_dir", "docs")
    paths = []
    for source in sorted(docs.rglob("*.md")):
        parts = list(source.relative_to(docs).with_suffix("").parts)
        if parts[-1] in ("index", "README"):
            parts.pop()
        paths.append("".join(f"{part}/" for part in parts))
    return paths


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of every page of a built site (each `index.html`; Material's 404 is not one)."""
    return sorted(
        "" if path.parent == site_dir else f"{path.parent.relative_to(site_dir).as_posix()}/"
        for path in site_dir.rglob("index.html")
    )


def build_demo(site_dir: Path) -> None:
    """Build the top-level mkdocs.yml into `site_dir`, as `mkdocs build -d site_dir` would.

    Not strict: the demo shows strict-mode error panels on purpose, which are
    logged as errors; the browser tests look at the pages, not at the log.
    """
    # MkDocs logs each table problem the demo shows on purpose; keep them out of the output.
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        build(load_config(str(DEMO_CONFIG), site_dir=str(site_dir)))
    finally:
        logger.setLevel(level)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="demo-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---- The same page in every theme --------------------------------------------

THEME_SITES: dict[str, dict[str, Any]] = {
    "material": {
        "name": "material",
        "palette": [
            {"media": "(prefers-color-scheme: light)", "scheme": "default"},
            {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
        ],
    },
    "mkdocs": {"name": "mkdocs"},
    "mkdocs-dark": {"name": "mkdocs", "color_mode": "dark"},
    "readthedocs": {"name": "readthedocs"},
}
"""Theme settings of each site THEME_PAGE is built with."""

THEME_CASES: dict[str, tuple[str, str]] = {
    "material-light": ("material", "light"),
    "material-dark": ("material", "dark"),
    "mkdocs-light": ("mkdocs", "light"),
    "mkdocs-dark": ("mkdocs-dark", "dark"),
    "readthedocs": ("readthedocs", "light"),
}
"""Each theme and palette looked at: its site, and the colour scheme the browser prefers."""

_WIDE_COLUMNS = [
    ("Field", "`commentsConnection`", "`authentication`"),
    ("Type", "`CommentConnection!`", "`AuthenticationPayload`"),
    ("Arguments", "`first: Int`, `after: String`", "none"),
    ("Description", "The comments of the post, newest first.", "Who is asking."),
    ("Defined in", "`webhooks.md:42:5`", "`schema/viewer.graphql:7`"),
    ("Deprecated", "no", "since `v2.4.0-beta.1`"),
    ("Resolver", "`resolve_comments_connection`", "`resolve_authentication`"),
    ("Cost", "`O(first)`", "`O(1)`"),
]

THEME_PAGE = (
    "# Tables\n\n"
    '!!! warning "Warning"\n\n    A warning admonition of the theme, for comparison.\n\n'
    "| Name | Type | Notes |\n| --- | --- | --- |\n"
    "| `comments` | `Comment` | The comments on a post |\n"
    "| `author` | `User` | Who wrote it |\n\n"
    "<ListTable headerRows={1}>\n"
    "- - Name\n  - Type\n  - Notes\n"
    "- - `comments`\n  - `Comment`\n  - The comments on a post\n"
    "- - `author`\n  - `User`\n  - Who wrote it\n"
    "</ListTable>\n\n"
    "<table>\n<caption>A table of the theme</caption>\n"
    "<thead><tr><th>Name</th><th>Type</th></tr></thead>\n"
    "<tbody><tr><td>comments</td><td>Comment</td></tr></tbody>\n</table>\n\n"
    + REVENUE_TABLE
    + '\n<ListTable headerRows={1} headerColumns={1} caption="GraphQL fields">\n'
    + "".join(
        "- "
        + "".join(
            f"{'- ' if n == 0 else '  - '}{column[row]}\n" for n, column in enumerate(_WIDE_COLUMNS)
        )
        for row in range(3)
    )
    + "</ListTable>\n\n"
    + '<ListTable validation="strict">\n- - a\n  - [c3] b\n</ListTable>\n'
)
"""A pipe table and the same ListTable, an HTML table with a caption (as the
theme draws one), merged cells, a table wider than a laptop's column, a
strict-mode error panel and the theme's own warning."""


THEME_PAGES = {
    "index.md": THEME_PAGE,
    "validation.md": (
        DEMO_CONFIG.parent / demo_config().get("docs_dir", "docs") / "validation.md"
    ).read_text(encoding="utf-8"),
}
"""The pages of each theme's site: THEME_PAGE at its root, and the demo's
validation page, whose table of diagnostics holds long messages in code."""
