"""The HTML that README.md and CONTRIBUTING.md show is the HTML the extension emits.

README's first table is compared whole (its toggle's highlighted source
aside). CONTRIBUTING's contract is a schema: each element it shows stands in
the emitted HTML at the same place, in the same order (others may stand
between), with the attributes shown; `…` stands for any text, and a value in
parentheses or a text between two `…` is prose.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent


def _fences(path: str, language: str) -> list[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def _emitted(source: str) -> BeautifulSoup:
    html = markdown.markdown(
        source,
        extensions=["listtable"],
        extension_configs={"listtable": {"source_toggle": True, "raise_on_error": False}},
    )
    return BeautifulSoup(html, "html.parser")


def _elements(tag: Tag) -> list[Tag]:
    return [child for child in tag.children if isinstance(child, Tag)]


def _words(text: str) -> str:
    return " ".join(text.split())


def _fits(pattern: str, value: str) -> bool:
    pattern = _words(pattern)
    if pattern.startswith("(") or re.fullmatch(r"….+…", pattern):
        return True  # Prose: "(the author's className only)", "…highlighted source…".
    regex = ".*".join(re.escape(part) for part in _words(pattern).split("…"))
    return re.fullmatch(regex, _words(value), re.S) is not None


def _embedded(schema: Tag, real: Tag) -> bool:
    """`schema` (with its children, in order) stands in `real`, as the module says."""
    return _missing(schema, real) is None


def _missing(schema: Tag, real: Tag) -> str | None:
    """The first part of `schema` that does not stand in `real`, or None."""
    if schema.name != real.name:
        return f"<{schema.name}> is <{real.name}>"
    for name, want in schema.attrs.items():
        got = real.attrs.get(name)
        if got is None:
            return f"<{schema.name} {name}> is missing"
        pattern, value = (" ".join(v) if isinstance(v, list) else v for v in (want, got))
        if not _fits(pattern, value):
            return f"<{schema.name} {name}={value!r}>, not {pattern!r}"
    children = _elements(schema)
    mixed = any(s.strip() for s in schema.find_all(string=True, recursive=False))
    if (not children or mixed) and not _fits(schema.get_text(), real.get_text()):
        return f"<{schema.name}> says {_words(real.get_text())[:80]!r}"
    remaining = iter(_elements(real))
    for child in children:
        if not any(_embedded(child, other) for other in remaining):
            return f"no {str(child)[:100]!r} in {str(real)[:100]!r}"
    return None


def _same(a: Tag) -> tuple[object, ...]:
    """An element as comparable data: tag, attributes, children; whitespace collapsed."""
    children: list[object] = []
    for child in a.children:
        if isinstance(child, Tag):
            children.append(_same(child))
        elif text := _words(str(child)):
            children.append(text)
    attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in a.attrs.items()}
    return (a.name, sorted(attrs.items()), children)


def test_readme_first_table_is_what_is_emitted() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"## A first table\n\n```mdx\n(.*?)```\n\nbecomes\n\n```html\n(.*?)```", readme, re.S
    )
    assert found, "README's first table and its HTML"
    shown = BeautifulSoup(found.group(2), "html.parser")
    emitted = _emitted(found.group(1))
    for part in ("div.listtable__scroll", "details > summary"):
        mine, theirs = emitted.select_one(part), shown.select_one(part)
        assert mine is not None and theirs is not None, part
        assert _same(mine) == _same(theirs), part
    block, shown_block = emitted.select_one("div.listtable"), shown.select_one("div.listtable")
    assert block is not None and shown_block is not None
    assert block.attrs == shown_block.attrs
    assert emitted.select_one("details").attrs == shown.select_one("details").attrs


# Tables that show every part of CONTRIBUTING's contract.
TABLE = """\
<ListTable headerRows={2} headerColumns={1} footerRows={1} caption="Sales" aligns="l,r,r"
  className="wide" id="sales">
- - [r2] Quarter
  - [c2] Revenue
  - _
- - _
  - Goods
  - Services
- - [r2] H1
  - 1
  - 2
- - _
  - 3
  - 4
- - Total
  - 4
  - 6
</ListTable>
"""

# The page's second table; its second problem is at line 12, row 3, col 2.
BROKEN = """\
<ListTable>
- - a
  - b
</ListTable>

<ListTable validation="strict" caption="Contacts">
- - a
  - b
- - c
  - d
- - _
  - _
</ListTable>
"""


def test_contributing_contract_is_what_is_emitted() -> None:
    shown = _fences("CONTRIBUTING.md", "html")
    schemas = [BeautifulSoup(html, "html.parser").find("div") for html in shown]
    table = _emitted(TABLE).find("div")
    broken = _emitted(BROKEN).find("div", class_="listtable--error")
    assert isinstance(table, Tag) and isinstance(broken, Tag)
    assert isinstance(schemas[0], Tag) and "listtable--error" not in schemas[0]["class"]
    assert _missing(schemas[0], table) is None, _diagnose(schemas[0], table)
    error = next(s for s in schemas if isinstance(s, Tag) and "listtable--error" in s["class"])
    assert _missing(error, broken) is None, _diagnose(error, broken)


def _diagnose(schema: Tag, real: Tag) -> str:
    """Where the schema first parts from the HTML, down the elements that match by name."""
    for child in _elements(schema):
        others = [o for o in _elements(real) if o.name == child.name]
        if others and not any(_embedded(child, o) for o in others):
            return _diagnose(child, others[0])
    return _missing(schema, real) or ""
