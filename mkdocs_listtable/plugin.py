"""The MkDocs plugin: wires the Markdown extension into a site.

The extension does the work. The plugin is its host (see `context.py`): it
tells each conversion which page it belongs to and where the page's Markdown
starts in its file, logs the problems so that `mkdocs build --strict` fails on
them, ships the stylesheet, and places the source toggles after the page is
rendered, so no search index fills up with raw `- - [r2]` markup.

Options may be written in two places, and combine by one rule:

- the options under `markdown_extensions: - listtable:` are the base;
- those written under `plugins: - listtable:` override them, with a warning
  when both places give one option different values;
- an option given in neither takes the plugin's default.

`raise_on_error: true`, an extension option, has no meaning with the plugin
(problems are logged, and `--strict` fails on them): a warning says so.
(`raise_on_error: false`, which a site built by Zensical too may need, is what
the plugin does anyway.)

Conversions of a page: the first one after `on_page_markdown` is the page's
own (MkDocs converts the page right after that event); every other one until
the page is written — a docstring mkdocstrings renders, a blog excerpt — is
another plugin's, reported with the page's path and the line in its own text.
All of them share one `PageContext`, kept from `on_page_markdown` to
`on_post_page`: their tables are numbered, and their ids kept unique, across
the page. On the pages of a Material blog, the context carries the blog's
excerpt separator, which a table never holds (see `cuts.py`).
Text converted again while pages are written, once every page's own
conversion is done (Material's blog excerpts of its posts), reports only the
problems the pages' own conversions did not.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from .config import ListTableConfig
from .context import Origin, Outcome, PageContext, Reporter
from .diagnostics import Diagnostic
from .extension import EXTENSION_NAMES, ListTableExtension
from .ids import PageIds
from .model import as_mode, page_reports
from .toggle import Toggle, place_toggles

log = get_plugin_logger("listtable")

CSS_PATH = Path(__file__).parent / "assets" / "listtable.css"
CSS_URI = "assets/listtable/listtable.css"
# The small script shipped with the stylesheet: a table that fits is no tab stop.
JS_PATH = CSS_PATH.with_suffix(".js")
JS_URI = "assets/listtable/listtable.js"

SHARED_OPTIONS = ("validation", "source_toggle", "source_label")
"""Options both the plugin and the extension have."""
REWRITERS = ("minify", "htmlmin", "pymdownx.striphtml")
"""Names of plugins and extensions that rewrite pages: the likely cause of a lost marker."""


class ListTablePlugin(BasePlugin[ListTableConfig]):
    """`<ListTable>` blocks as HTML tables, with source toggles."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.given: frozenset[str] = frozenset()
        """The options written under `plugins: - listtable:` (not defaulted)."""
        self._page: Page | None = None
        self._page_claimed = True
        self._line_offset = 0
        self._reporter = Reporter(log)
        self._toggles: dict[str, dict[str, Toggle]] = {}
        """Each page's toggles waiting for `on_post_page`, by key."""
        self._expected: dict[str, set[str]] = {}
        """Keys of the toggles of each page's own conversion: they must be placed."""
        self._rewriters: list[str] = []
        self._rendering = False
        """Between `on_page_context` and `on_post_page`: every page's own conversion is done."""
        self._reported: set[tuple[object, ...]] = set()
        """The problems of the pages' own conversions, wherever they stand (see `end`)."""
        self._contexts: dict[str, PageContext] = {}
        """Each page's context, from its own conversion until it is written, by page."""
        self._blogs: list[tuple[str, str]] = []
        """`(folder, separator)` of each Material blog: the pages whose excerpts it cuts."""

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[Any, Any]:
        """Read the options, remembering which were written (MkDocs' own step, extended)."""
        self.given = frozenset(options)
        return super().load_config(options, config_file_path)

    # Host interface (`context.Host`): called by the extension as conversions start and end.

    def begin(self) -> Origin:
        """A conversion starts: the page's own, another plugin's during a page, or neither."""
        page = self._page
        if page is None:
            return Origin()
        context = self._contexts[page.file.src_uri]
        if not self._page_claimed:
            self._page_claimed = True
            return Origin(page.file.src_path, self._line_offset, context)
        return Origin(page.file.src_path, None, context)

    def end(self, outcome: Outcome) -> bool:
        """A conversion ended: log its problems; keep its toggles for `on_post_page`.

        Returns:
            Whether the toggles are placed here later (not for text converted
            outside any page, which cannot be found again).
        """
        if outcome.origin.own:
            self._reported.update(_identity(p.diagnostic) for p in outcome.problems)
        elif self._rendering:
            # Text converted again once every page is (a blog excerpt of a post): what
            # the post's own conversion reported already is not reported twice.
            kept = [p for p in outcome.problems if _identity(p.diagnostic) not in self._reported]
            outcome = replace(outcome, problems=kept)
        self._reporter.log(outcome)
        page = self._page
        if page is None or not outcome.toggles:
            return page is not None
        uri = page.file.src_uri
        self._toggles.setdefault(uri, {}).update(outcome.toggles)
        if outcome.origin.own:
            self._expected.setdefault(uri, set()).update(outcome.toggles)
        return True

    # MkDocs events

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Register the extension, once, with the options of both places combined."""
        if not self.config.enabled:
            return config
        base = _take_extension_options(config)
        for key in SHARED_OPTIONS:
            if key not in base:
                continue
            if key not in self.given:
                self.config[key] = base[key]
            elif base[key] != self.config[key]:
                log.warning(
                    f"'{key}' is set under both markdown_extensions ({base[key]!r}) and "
                    f"plugins ({self.config[key]!r}) for listtable: the plugin's value is used"
                )
        if base.get("raise_on_error"):
            log.warning(
                "markdown_extensions: listtable: 'raise_on_error: true' has no effect with the "
                "listtable plugin: problems are logged, and 'mkdocs build --strict' fails on them"
            )
        extension = ListTableExtension(
            host=self,
            validation=self.config.validation,
            source_toggle=self.config.source_toggle,
            source_label=self.config.source_label,
            raise_on_error=False,
        )
        # In place: plugins that kept the list (mkdocstrings) then load the extension too.
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        self._page, self._page_claimed = None, True
        self._toggles, self._expected, self._reported = {}, {}, set()
        self._contexts, self._blogs = {}, []
        names = [*config.plugins, *(e for e in config.markdown_extensions if isinstance(e, str))]
        self._rewriters = [n for n in names if any(r in n for r in REWRITERS)]
        if self.config.include_css and CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if self.config.include_css and JS_URI not in map(str, config.extra_javascript):
            config.extra_javascript.append(JS_URI)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Learn the excerpt separator of each Material blog, once every plugin is configured."""
        self._blogs = []
        for plugin in config.plugins.values():
            options = getattr(plugin, "config", None)
            separator = getattr(options, "post_excerpt_separator", None)
            if isinstance(separator, str) and separator and getattr(options, "enabled", True):
                folder = posixpath.normpath(str(getattr(options, "blog_dir", ".")))
                self._blogs.append((folder, separator))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the stylesheet and its script to the site."""
        if not (self.config.enabled and self.config.include_css):
            return files
        # A site may ship them itself (for Zensical, which runs no plugin).
        for uri, path in ((CSS_URI, CSS_PATH), (JS_URI, JS_PATH)):
            if uri not in files.src_uris:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    # Last, so no plugin converts Markdown of its own between this and the page's conversion.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The page's conversion comes next: where its Markdown starts in its file."""
        tables = "ListTable" in markdown
        self._contexts[page.file.src_uri] = PageContext(
            PageIds(watch=tables), cut_marks=self._cut_marks(page)
        )
        self._start(page, own=True)
        # Only pages with a table need the offset, and measuring it reads the file again.
        self._line_offset = _front_matter_lines(page) if tables else 0
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The page is converted: count the problems not shown."""
        self._stop(page)
        return html

    # First, so that excerpts other plugins convert for this page (Material's blog,
    # at -100) are known to be the page's.
    @event_priority(100)
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        """The page's template is rendered next: conversions until it is written are its."""
        self._start(page, own=False)
        return context

    # Early, so minifiers after this see the toggles (the markers survive them anyway).
    @event_priority(50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each table's source toggle after it, once search has indexed the page."""
        self._stop(page)
        uri = page.file.src_uri
        self._contexts.pop(uri, None)
        toggles = self._toggles.pop(uri, None)
        expected = self._expected.pop(uri, set())
        if not toggles:
            return output  # Pages without toggles pay nothing here.
        output, placed = place_toggles(output, toggles)
        if missing := len(expected - placed):
            cause = ", ".join(self._rewriters) or "a plugin that rewrites HTML"
            log.warning(
                f"{page.file.src_path}: {missing} of {len(expected)} ListTable source toggles "
                f"could not be placed: their markers were removed from the page after it was "
                f"converted (likely cause: {cause})"
            )
        return output

    def _cut_marks(self, page: Page) -> tuple[str, ...]:
        """The separators of the blogs whose folder holds the page (its posts and views)."""
        uri = page.file.src_uri
        return tuple(
            separator
            for folder, separator in self._blogs
            if folder == "." or uri.startswith(f"{folder}/")
        )

    def _start(self, page: Page, own: bool) -> None:
        uri = page.file.src_uri
        if uri not in self._contexts:  # A page MkDocs did not convert itself.
            self._contexts[uri] = PageContext(cut_marks=self._cut_marks(page))
        self._page, self._page_claimed, self._rendering = page, not own, not own
        self._reporter = Reporter(log, quiet=not page_reports(page.meta))

    def _stop(self, page: Page) -> None:
        self._reporter.close(page.file.src_path)
        self._page, self._page_claimed, self._rendering = None, True, False
        self._reporter = Reporter(log)


def _take_extension_options(config: MkDocsConfig) -> dict[str, Any]:
    """Remove the extension from `markdown_extensions`; return the options given to it there.

    MkDocs has already loaded the extension with them: unknown options and bad
    values stopped the build as configuration errors.
    """
    given: dict[str, Any] = {}
    kept = []
    for entry in config.markdown_extensions:
        if isinstance(entry, ListTableExtension) and isinstance(entry.host, ListTablePlugin):
            continue  # Registered by an earlier `on_config` of this build (mkdocs-static-i18n).
        if isinstance(entry, ListTableExtension):
            defaults = ListTableExtension().getConfigs()
            given |= {k: v for k, v in entry.getConfigs().items() if v != defaults[k]}
        elif entry in EXTENSION_NAMES:
            given |= config.mdx_configs.pop(entry, {}) or {}
        else:
            kept.append(entry)
    config.markdown_extensions[:] = kept
    for name in EXTENSION_NAMES:
        config.mdx_configs.pop(name, None)
    if "validation" in given:
        given["validation"] = as_mode(given["validation"])
    return given


def _identity(problem: Diagnostic) -> tuple[object, ...]:
    """A problem, wherever its text stands: the same table converted again has the same one."""
    return (problem.kind, problem.message, problem.hint, problem.row, problem.col, problem.table)


def _front_matter_lines(page: Page) -> int:
    """Lines of the page's file before its Markdown starts (its front matter).

    Measured on the file as MkDocs reads it, whatever other plugins do to
    the Markdown before this one sees it.
    """
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return 0
    markdown, _ = get_data(source)
    return source.count("\n", 0, len(source) - len(markdown))
