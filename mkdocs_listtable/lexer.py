"""A small Pygments lexer for ListTable blocks, for the source toggles.

Pygments' JSX lexer takes about 7 ms for a 150-line table (it lexes the
Markdown as JavaScript); a site with hundreds of tables would spend most of a
build highlighting. This lexer knows only what a ListTable holds — the tags
and their attributes, the row and cell bullets, span markers, placeholders
and code fences, leaving the cells' Markdown plain — and is many times faster.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)


class ListTableLexer(RegexLexer):
    """`<ListTable>` blocks: MDX tags around nested Markdown lists."""

    name = "MDX ListTable"
    aliases: ClassVar[list[str]] = ["mdx-listtable"]
    filenames: ClassVar[list[str]] = []

    tokens: ClassVar[dict[str, list]] = {  # type: ignore[type-arg]
        "root": [
            (r"(</)(ListTable)(\s*)(>)", bygroups(Punctuation, Name.Tag, Whitespace, Punctuation)),
            (r"(<)(ListTable)", bygroups(Punctuation, Name.Tag), "tag"),
            (
                r"^([ \t]*)(```+|~~~+)(.*\n)",
                bygroups(Whitespace, String.Backtick, Name.Label),
                "fence",
            ),
            (r"^([ \t]*)((?:[-*+](?: +|$))+)", bygroups(Whitespace, Keyword)),
            (r"(?<=[-*+] )(```+|~~~+)(.*\n)", bygroups(String.Backtick, Name.Label), "fence"),
            (r"(?<=[-*+] )\[ *(?:r-?\d+)? *(?:c-?\d+)? *\](?![(\[:])", Name.Decorator),
            (r"(?<=[-*+] )_[ \t]*$", Comment.Special),
            # The rest of a line is the cell's Markdown, one token: lexing it is what costs.
            (r"[^\n]+\n?|\n", Text),
        ],
        "tag": [
            (r"\s+", Whitespace),
            (r"[A-Za-z_][\w-]*", Name.Attribute),
            (r"=", Operator),
            (r'"[^"]*"|\'[^\']*\'', String),
            (r"\{\s*-?\d+(?:\.\d+)?\s*\}", Number),
            (r"\{\s*(?:true|false)\s*\}", Keyword.Constant),
            (r"\{[^}]*\}", String),
            (r"/?>", Punctuation, "#pop"),
            (r".", Text),
        ],
        "fence": [
            (
                r"^([ \t]*)(```+|~~~+)([ \t]*\n?)",
                bygroups(Whitespace, String.Backtick, Whitespace),
                "#pop",
            ),
            (r".+\n?|\n", String),  # Never an empty match: Pygments would not advance.
        ],
    }
