"""The MkDocs plugin: wires the Markdown extension into a site.

The extension does the work. The plugin adds what only MkDocs has: the page's
path and the front matter's length for messages, logging that fails
`mkdocs build --strict`, the stylesheet, and source toggles added after the
page is rendered, so no search index fills up with raw `- - [r2]` markup.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .config import ListTableConfig
from .extension import EXTENSION_NAMES, ListTableExtension, TableRecord
from .model import page_reports

log = get_plugin_logger("listtable")

CSS_PATH = Path(__file__).parent / "assets" / "listtable.css"
CSS_URI = "assets/listtable/listtable.css"


class ListTablePlugin(BasePlugin[ListTableConfig]):
    """`<ListTable>` blocks as HTML tables, with source toggles."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension: ListTableExtension | None = None
        self.tables: dict[str, list[TableRecord]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Register the extension, once, even if mkdocs.yml also lists it."""
        if not self.config.enabled:
            return config
        config.markdown_extensions = [
            name
            for name in config.markdown_extensions
            if not (name in EXTENSION_NAMES or isinstance(name, ListTableExtension))
        ]
        for name in EXTENSION_NAMES:
            config.mdx_configs.pop(name, None)
        extension = ListTableExtension(
            validation=self.config.validation,
            source_toggle=self.config.source_toggle,
            source_label=self.config.source_label,
            raise_on_error=False,
        )
        extension.plugin_mode = True
        extension.logger = log
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        self.extension = extension
        self.tables = {}
        if self.config.include_css and CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the stylesheet to the site."""
        # A site may ship the stylesheet itself (for Zensical, which runs no plugin).
        if self.config.enabled and self.config.include_css and CSS_URI not in files.src_uris:
            files.append(File.generated(config, CSS_URI, abs_src_path=str(CSS_PATH)))
        return files

    # Runs last, so the line offset is measured on the Markdown that is converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Tell the extension which page comes, and where its Markdown starts in the file."""
        if self.extension is None:
            return markdown
        self.extension.path = page.file.src_path
        # Only pages with a table need the offset, and measuring it reads the file again.
        has_table = "ListTable" in markdown
        self.extension.line_offset = _front_matter_lines(page, markdown) if has_table else 0
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Log the page's problems, and keep its tables for the toggles."""
        extension = self.extension
        if extension is None:
            return html
        extension.flush(report=page_reports(page.meta))
        if extension.state.tables:
            self.tables[page.file.src_uri] = extension.state.tables
            extension.highlighter()  # Made now, while this page's Markdown instance is current.
        else:
            self.tables.pop(page.file.src_uri, None)
        extension.path = None
        extension.line_offset = 0
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each table's source toggle after it, once search has indexed the page."""
        records = self.tables.get(page.file.src_uri)
        if not records or self.extension is None:
            return output  # Pages without tables pay nothing here.
        return self.extension.insert_toggles(output, records)


def _front_matter_lines(page: Page, markdown: str) -> int:
    """Lines of the file before `markdown` starts (its YAML front matter)."""
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return 0
    if source.endswith(markdown):
        start = len(source) - len(markdown)
    else:  # Another plugin changed the Markdown: find where it starts, if it can be found.
        start = source.find(markdown[:200])
    return source.count("\n", 0, start) if start > 0 else 0
