"""The Python-Markdown extension: holds the options and registers the processors.

It stands alone (`markdown.markdown(text, extensions=["listtable"])`, and
Zensical, which runs Markdown extensions but no MkDocs plugins). A program
that knows the page — the MkDocs plugin — hands itself to the constructor as
the `host` (see `context.py`); nothing else is set from outside.

One extension object may serve any number of `Markdown` instances (MkDocs
passes the same list of extensions to every plugin that builds its own):
each instance gets a `Conversion` of its own, so none sees another's tables.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .codewords import CodeWordsTreeprocessor
from .context import Host, ListTableError
from .conversion import Conversion, Settings
from .ids import IdsTreeprocessor
from .model import MODES, as_mode
from .processors import (
    ListTableBlockProcessor,
    ListTablePostprocessor,
    ListTablePreprocessor,
    LooseTagPostprocessor,
    TreeDoneTreeprocessor,
)

__all__ = ["EXTENSION_NAMES", "ListTableError", "ListTableExtension", "makeExtension"]

EXTENSION_NAMES = ("listtable", "mkdocs_listtable.extension", "mkdocs_listtable")
"""The names mkdocs.yml may list the extension under."""


class ListTableExtension(Extension):
    """`<ListTable>` blocks as HTML tables.

    | registered      | priority | why there                                          |
    | --------------- | -------- | -------------------------------------------------- |
    | preprocessor    | 29       | after `normalize_whitespace` (30), before `meta`   |
    |                 |          | (27), fenced code (25) and `html_block` (20): it   |
    |                 |          | needs the raw lines                                |
    | block processor | 76       | right before pipe tables (75), ahead of everything |
    |                 |          | that could claim a line of text                    |
    | treeprocessor   | 19       | right after the inline pass (20): the code spans   |
    |                 |          | of cells are made; their words get spans           |
    |                 |          | (codewords.py)                                     |
    | treeprocessor   | 3.5      | after `toc` (5), headings have their anchors, and  |
    |                 |          | mkdocstrings' id prefixing (4): generated ids made |
    |                 |          | unique, `duplicate-id` (ids.py)                    |
    | treeprocessor   | -100     | last, after `toc` (5) and `unescape` (0): notes    |
    |                 |          | that the postprocessors' next run is the document's|
    | postprocessor   | 30.5     | right before raw HTML is restored: shows stray     |
    |                 |          | ListTable tags as text                             |
    | postprocessor   | 0.5      | last, after raw HTML is restored: gives back       |
    |                 |          | unused placeholders, ends the conversion           |
    """

    def __init__(self, host: Host | None = None, **kwargs: Any) -> None:
        """Args:
        host: What receives each conversion's problems and toggles and says
            which page is converted (the MkDocs plugin). Without one, each
            conversion logs its problems and places its toggles itself.
        **kwargs: The options (see `config`).
        """
        self.config = {
            "validation": ["warn", "Validation mode of tables that set none: strict, warn or off."],
            "source_toggle": [False, "Emit an 'MDX source' toggle after each table."],
            "source_label": ["MDX source", "Summary text of the source toggles."],
            "raise_on_error": [
                True,
                "Raise ListTableError after conversion when a strict-mode table has problems.",
            ],
        }
        unknown = sorted(set(kwargs) - set(self.config))
        if unknown:
            raise ValueError(
                f"listtable: unknown option {', '.join(map(repr, unknown))}"
                f" (options: {', '.join(self.config)})"
            )
        super().__init__(**kwargs)
        mode = as_mode(self.getConfig("validation"))
        if mode is None:
            raise ValueError(f"listtable: validation must be one of {', '.join(MODES)}")
        self.setConfig("validation", mode)
        self.host = host

    def settings(self) -> Settings:
        """The options, typed."""
        return Settings(
            validation=as_mode(self.getConfig("validation")) or "warn",
            source_toggle=bool(self.getConfig("source_toggle")),
            source_label=str(self.getConfig("source_label")),
            raise_on_error=bool(self.getConfig("raise_on_error")),
        )

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        # This instance's own state, shared by its processors only. Not registered for
        # `md.reset()`: each conversion starts afresh and hands everything over as it ends.
        conversion = Conversion(md, self.settings(), self.host)
        md.preprocessors.register(ListTablePreprocessor(md, conversion), "listtable", 29)
        md.parser.blockprocessors.register(
            ListTableBlockProcessor(md.parser, conversion), "listtable", 76
        )
        # Last: `toc` (5) runs the postprocessors on its fragment before.
        md.treeprocessors.register(TreeDoneTreeprocessor(md, conversion), "listtable", -100)
        # After toc (5) and mkdocstrings' id prefixing (4): the ids are final.
        md.treeprocessors.register(IdsTreeprocessor(md, conversion), "listtable-ids", 3.5)
        # After the inline pass (20): the code spans are made.
        md.treeprocessors.register(
            CodeWordsTreeprocessor(md, lambda: bool(conversion.blocks)), "listtable-code-words", 19
        )
        # Right before raw_html (30) puts the stashed HTML back.
        md.postprocessors.register(
            LooseTagPostprocessor(md, conversion), "listtable-loose-tags", 30.5
        )
        md.postprocessors.register(ListTablePostprocessor(md, conversion), "listtable", 0.5)


def makeExtension(**kwargs: Any) -> ListTableExtension:  # Python-Markdown's name
    """Entry point for `markdown.markdown(text, extensions=["mkdocs_listtable.extension"])`."""
    return ListTableExtension(**kwargs)
