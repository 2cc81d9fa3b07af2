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

Another treeprocessor may rename every id after ours are made: mkdocstrings
prefixes a docstring's ids with its object's (`shapes--listtable-2-caption`),
but not the `headers` and `aria-labelledby` that name them. This one runs
after it (priority 3.5, below mkdocstrings' 4) and makes a renamed table's
references follow its ids (`Stamp`).

A page may be converted in pieces: its own text, and the docstrings or blog
excerpts other plugins convert into it, each by a `Markdown` instance of its
own. `PageIds`, which the host hands to every conversion of the page, keeps
the ids of the pieces converted so far: a later piece renames its generated
ids clear of them, and reports an author's id that an earlier piece has (or
an earlier table's id that a heading of this piece takes, about that table).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field, replace
from typing import Protocol

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
    element: etree.Element | None = field(default=None, compare=False)
    """The `<table>`: another step may rename its id (mkdocstrings prefixes it)."""

    @property
    def now(self) -> str:
        """The id as the page has it now."""
        return self.id if self.element is None else self.element.get("id", self.id)


@dataclass(frozen=True)
class Holder:
    """What holds an id on the page, as a message names it.

    Attributes:
        what: `ListTable "x" on line 9`, `the heading 'Revenue'`.
        author: The table's id as its author gave it, when a table holds it.
        origin: Where that table's conversion read it (the host's `Origin`),
            to report about that table from a later conversion.
    """

    what: str
    author: AuthorId | None = None
    origin: object = None


@dataclass(eq=False)
class PageIds:
    """The ids of a page's conversions that ended, so that the next ones keep clear of them.

    Attributes:
        taken: Each id, with what holds it (`None`: an element no message names,
            a generated id among them).
        watch: Every conversion of the page adds its ids, even one without a
            table (the host knows the page has tables); else only those with tables.
    """

    taken: dict[str, Holder | None] = field(default_factory=dict)
    watch: bool = False


@dataclass(frozen=True)
class Stamp:
    """An element of a table given a generated id, to tell whether another step renamed them.

    Attributes:
        wrapper: The table's wrapper.
        element: Its first element with a generated id (the caption, a header cell).
        id: The id it was given.
    """

    wrapper: etree.Element
    element: etree.Element
    id: str


def stamp(wrapper: etree.Element) -> Stamp | None:
    """The stamp of a rendered table: its caption, else a header cell of its first row."""
    table = wrapper[0][0]
    caption = table.find("caption")
    if caption is not None:
        return Stamp(wrapper, caption, caption.get("id", ""))
    for section in table:
        if section.tag in ("thead", "tbody"):
            for cell in section[0] if len(section) else ():
                if value := cell.get("id"):
                    return Stamp(wrapper, cell, value)
            return None  # A table with header ids has them in its first row.
    return None


class Conversion(Protocol):
    """What the treeprocessor reads of its conversion (`conversion.Conversion` is one)."""

    @property
    def author_ids(self) -> list[AuthorId]:
        """The ids authors gave the conversion's tables."""
        ...

    @property
    def stamps(self) -> list[Stamp]:
        """The stamps of its tables with generated ids."""
        ...

    @property
    def origin(self) -> object:
        """Its origin, kept with its tables' ids (see `Holder`)."""
        ...

    def has_tables(self) -> bool:
        """Whether it has tables."""
        ...

    def page_ids(self) -> PageIds:
        """The ids of the page's conversions that ended."""
        ...

    def place(self, line: int) -> str:
        """`on line 9`: where a line of this conversion is, for messages."""
        ...

    def report_id(self, diagnostic: Diagnostic, holder: Holder | None) -> None:
        """Keep a problem: found in this conversion, or (with a holder) about an earlier one's."""
        ...


class IdsTreeprocessor(Treeprocessor):
    """Makes generated ids unique and reports colliding author ids (see the module)."""

    def __init__(self, md: Markdown, conversion: Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, root: etree.Element) -> None:
        state = self.conversion
        page = state.page_ids()
        tables = state.has_tables()
        if not tables and not page.watch:
            return  # Most pages: nothing to look at.
        for mark in state.stamps:
            renamed = mark.element.get("id", "")
            if renamed != mark.id and renamed.endswith(mark.id):
                _follow(mark.wrapper, renamed[: -len(mark.id)])
        found = [(element, value) for element in root.iter() if (value := element.get("id"))]
        if not found:
            return
        taken = page.taken
        headings: dict[str, etree.Element] = {}
        for element, value in found:
            if element.tag in HEADINGS:
                headings.setdefault(value, element)
        if tables:
            clash = taken and any(value in taken for _, value in found)
            if clash or len({value for _, value in found}) < len(found):
                # Some id is there twice: rare, and worth a closer look.
                found = self._unique(root, found, taken)
            self._collisions(headings, taken)
        for value, element in headings.items():
            holder = taken.get(value)
            if holder is not None and holder.author is not None:
                # A table converted earlier took this heading's anchor.
                what = f"the heading {_text(element)!r} has this anchor on the page"
                state.report_id(_duplicate(holder.author, what), holder)
        self._keep(found, headings, taken)

    def _keep(
        self,
        found: list[tuple[etree.Element, str]],
        headings: dict[str, etree.Element],
        taken: dict[str, Holder | None],
    ) -> None:
        """Add this conversion's ids to the page's, with what holds them."""
        state = self.conversion
        authors = {id(author.element): author for author in state.author_ids}
        for element, value in found:
            if value in taken:
                continue
            holder = None
            if element.tag == "table" and id(element) in authors:
                author = authors[id(element)]
                what = f"ListTable {author.name} {state.place(author.line)}"
                # Its id as the page has it, and not its table: the page keeps no tree.
                holder = Holder(what, replace(author, id=value, element=None), state.origin)
            elif value in headings:
                holder = Holder(f"the heading {_text(element)!r}")
            taken[value] = holder

    def _unique(
        self,
        root: etree.Element,
        found: list[tuple[etree.Element, str]],
        taken: dict[str, Holder | None],
    ) -> list[tuple[etree.Element, str]]:
        """Rename each generated id that another id has, in its table's references too.

        Returns:
            `found`, with the new ids.
        """
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
            if value not in used and value not in taken:
                used.add(value)
                continue
            suffix = 2
            while f"{value}-{suffix}" in used or f"{value}-{suffix}" in taken:
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
        return [(element, element.get("id") or value) for element, value in found]

    def _collisions(
        self, headings: dict[str, etree.Element], taken: dict[str, Holder | None]
    ) -> None:
        """Report author ids that another table, or a heading's anchor, already has."""
        state = self.conversion
        authors = state.author_ids
        if not authors:
            return
        first: dict[str, AuthorId] = {}
        for author in authors:
            earlier = first.setdefault(author.now, author)
            if earlier is not author:
                what = f"ListTable {earlier.name} {state.place(earlier.line)} has this id too"
                state.report_id(_duplicate(author, what), None)
        for value, author in first.items():
            if value in taken:  # Held by a piece of the page converted earlier.
                holder = taken[value]
                if holder is None:
                    what = "an element converted earlier for this page has this id"
                elif holder.author is None:
                    what = f"{holder.what} has this anchor on the page"
                else:
                    what = f"{holder.what} has this id too"
                state.report_id(_duplicate(author, what), None)
        taken_by_heading = self._heading_anchors(headings, set(first))
        for value, author in first.items():
            element = headings.get(value)
            if element is not None:
                taken_by_heading.setdefault(value, _text(element))
            if value in taken_by_heading:
                heading = taken_by_heading[value]
                state.report_id(
                    _duplicate(author, f"the heading {heading!r} has this anchor on the page"),
                    None,
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


def _follow(wrapper: etree.Element, prefix: str) -> None:
    """Prefix the ids a renamed table's references name, as its ids were prefixed."""
    ids = {value for element in wrapper.iter() if (value := element.get("id"))}
    for element in wrapper.iter():
        for attribute in REFERENCES:
            named = element.get(attribute)
            if named:
                fixed = (f"{prefix}{v}" if f"{prefix}{v}" in ids else v for v in named.split())
                element.set(attribute, " ".join(fixed))


def _text(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def _duplicate(author: AuthorId, what: str) -> Diagnostic:
    return Diagnostic(
        "duplicate-id",
        f"id {author.now!r} is not unique: {what}",
        "give the table an id of its own",
        author.line,
        author.column,
        table=author.name,
    )
