"""Ids on a page: those tables generate never collide, and an author's that collide are said.

A table generates ids for its own parts (its caption, and header cells where
screen readers need them), always through `render.element_id`. An author gives a
table its `id`. Both must be unique on the page: among the tables, and beside
the page's other ids, headings' anchors above all (the `toc` extension
renames a heading whose anchor a table already took: `revenue` becomes
`revenue_1`, and links to `page#revenue` land on the table).

`IdsTreeprocessor` runs once the page's tree is whole and its headings have
their anchors (after `toc`): it renames a generated id that collides (and the
references to it in its table), and reports an author's id that another
table or a heading also has, as `duplicate-id`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from .diagnostics import Diagnostic

GENERATED_ON = frozenset({"caption", "th", "td"})
"""Elements of a table whose ids the table generates (an author's go on `<table>`)."""
REFERENCES = ("aria-labelledby", "aria-describedby", "headers")
"""Attributes that name ids, space-separated."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_RENAMED_RE = re.compile(r"^(.+)_(\d+)$")


@dataclass(frozen=True)
class AuthorId:
    """An id an author gave a table, and where."""

    id: str
    line: int
    column: int | None
    name: str


class IdsTreeprocessor(Treeprocessor):
    """Makes generated ids unique and reports colliding author ids (see the module)."""

    def __init__(
        self,
        md: Markdown,
        has_tables: Callable[[], bool],
        author_ids: Callable[[], list[AuthorId]],
        report: Callable[[Diagnostic], None],
    ) -> None:
        super().__init__(md)
        self.has_tables = has_tables
        self.author_ids = author_ids
        self.report = report

    def run(self, root: etree.Element) -> None:
        if not self.has_tables():
            return  # Most pages: nothing to look at.
        found = [(element, value) for element in root.iter() if (value := element.get("id"))]
        if not found:
            return
        if len({value for _, value in found}) < len(found):
            self._unique(root, found)  # Some id is there twice: rare, and worth a closer look.
        headings: dict[str, etree.Element] = {}
        for element, value in found:
            if element.tag in HEADINGS:
                headings.setdefault(value, element)
        self._collisions(headings)

    def _unique(self, root: etree.Element, found: list[tuple[etree.Element, str]]) -> None:
        """Rename each generated id that another id has, in its table's references too."""
        owner: dict[etree.Element, etree.Element] = {}
        for wrapper in root.iter("div"):  # Outer first: an inner table's elements are its own.
            if wrapper.get("data-listtable") is not None:
                for element in wrapper.iter():
                    owner[element] = wrapper
        generated = [(e, v) for e, v in found if e.tag in GENERATED_ON and e in owner]
        ours = {id(e) for e, _ in generated}
        used = {v for e, v in found if id(e) not in ours}
        renames: dict[etree.Element, dict[str, str]] = {}
        for element, value in generated:
            if value not in used:
                used.add(value)
                continue
            suffix = 2
            while f"{value}-{suffix}" in used:
                suffix += 1
            new = f"{value}-{suffix}"
            used.add(new)
            element.set("id", new)
            renames.setdefault(owner[element], {})[value] = new
        for wrapper, names in renames.items():
            for element in wrapper.iter():
                if owner.get(element) is not wrapper:
                    continue
                for attribute in REFERENCES:
                    named = element.get(attribute)
                    if named:
                        element.set(attribute, " ".join(names.get(v, v) for v in named.split()))

    def _collisions(self, headings: dict[str, etree.Element]) -> None:
        """Report author ids that another table, or a heading's anchor, already has."""
        authors = self.author_ids()
        if not authors:
            return
        first: dict[str, AuthorId] = {}
        for author in authors:
            earlier = first.setdefault(author.id, author)
            if earlier is not author:
                self.report(
                    _duplicate(
                        author,
                        f"ListTable {earlier.name} on line {earlier.line} has this id too",
                    )
                )
        taken_by_heading = self._heading_anchors(headings, set(first))
        for value, author in first.items():
            element = headings.get(value)
            if element is not None:
                taken_by_heading.setdefault(value, _text(element))
            if value in taken_by_heading:
                heading = taken_by_heading[value]
                self.report(
                    _duplicate(author, f"the heading {heading!r} has this anchor on the page")
                )

    def _heading_anchors(self, headings: dict[str, etree.Element], ids: set[str]) -> dict[str, str]:
        """Author ids a heading would have had as anchor, had a table not taken it first.

        `toc` gives such a heading the anchor with `_1` added; the heading's own
        slug (by `toc`'s slugify) tells it from a heading whose text ends so.
        """
        registry = self.md.treeprocessors
        toc = registry["toc"] if "toc" in registry else None  # noqa: SIM401 - no .get()
        slugify = getattr(toc, "slugify", None)
        separator = getattr(toc, "sep", "-")
        found: dict[str, str] = {}
        for anchor, element in headings.items():
            match = _RENAMED_RE.match(anchor)
            if match is None or match.group(1) not in ids or slugify is None:
                continue
            text = _text(element)
            if slugify(text, separator) == match.group(1):
                found.setdefault(match.group(1), text)
        return found


def _text(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def _duplicate(author: AuthorId, what: str) -> Diagnostic:
    return Diagnostic(
        "duplicate-id",
        f"id {author.id!r} is not unique: {what}",
        "give the table an id of its own",
        author.line,
        author.column,
        table=author.name,
    )
