"""lamarkdown's ``la.list_tables``, made to load under current Python-Markdown.

lamarkdown 0.10.1 (the latest release) parses its ``{-list-table}`` directive with
``AttrListTreeprocessor().assign_attrs``, built without a ``Markdown`` instance, and
expects a valueless attribute to come back as ``name="name"``. Current Markdown reads
``self.md.output_format`` there (so every list table raises ``AttributeError``) and
keeps a valueless attribute as ``None`` (so the directive would be ignored). This
module replaces that one helper with the historic behaviour and otherwise leaves the
extension untouched, so the benchmark measures lamarkdown's own table code.

Use it in ``markdown_extensions`` as ``lamarkdown_compat`` (with this folder on
``sys.path``) instead of ``la.list_tables``.
"""

from __future__ import annotations

import re
from typing import Any

from lamarkdown.ext import util
from lamarkdown.ext.list_tables import ListTablesExtension
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name


def _set_attributes(element: Any, attrs: str | re.Match[str] | None) -> None:
    """``lamarkdown.ext.util.set_attributes`` as it behaved with Markdown < 3.8."""
    if isinstance(attrs, re.Match):
        attrs = attrs.group("attr")
    if attrs is None:
        return
    pairs, _ = get_attrs_and_remainder(attrs)
    for key, value in pairs:
        if key == ".":
            classes = element.get("class")
            element.set("class", f"{classes} {value}" if classes else value)
        else:
            name = sanitize_name(key)
            element.set(name, name if value is None else value)


util.set_attributes = _set_attributes


def makeExtension(**kwargs: Any) -> ListTablesExtension:
    """Return lamarkdown's list-tables extension (Python-Markdown's loader calls this)."""
    return ListTablesExtension(**kwargs)
