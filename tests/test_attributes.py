"""The opening tag: where it ends, and what its attributes mean."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_listtable.attributes import KNOWN_ATTRIBUTES, parse_tag, tag_end
from mkdocs_listtable.diagnostics import Diagnostic
from mkdocs_listtable.model import Options

from .conftest import reached, reaches


def parse(attributes: str) -> tuple[Options, list[Diagnostic]]:
    """Parse `<ListTable {attributes}>` standing at line 1, column 1."""
    options, diagnostics, _ = parse_tag(f"<ListTable {attributes}>", 1)
    return options, diagnostics


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]


# --- tag_end ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("<ListTable>\n- - a", "<ListTable>"),
        ("<ListTable headerRows={1}>rest", "<ListTable headerRows={1}>"),
        ('<ListTable caption="a > b">x', '<ListTable caption="a > b">'),
        ("<ListTable caption='a > b'>x", "<ListTable caption='a > b'>"),
        ('<ListTable caption={"a } > b"}>x', '<ListTable caption={"a } > b"}>'),
        ("<ListTable caption={'}>'}>x", "<ListTable caption={'}>'}>"),
        ('<ListTable caption={"say \\"}>\\""}>x', '<ListTable caption={"say \\"}>\\""}>'),
        ("<ListTable widths={[1, {a: 2}]}>x", "<ListTable widths={[1, {a: 2}]}>"),
        (
            "<ListTable\n  headerRows={1}\n  caption='x'\n>\n- - a",
            "<ListTable\n  headerRows={1}\n  caption='x'\n>",
        ),
        ("<ListTable />\n", "<ListTable />"),
        ('<ListTable caption="x"/>\n', '<ListTable caption="x"/>'),
    ],
)
def test_tag_end(text: str, end: str) -> None:
    assert tag_end(text) == len(end)


def test_tag_end_from_an_offset() -> None:
    text = 'Intro > text\n<ListTable caption="a>b">\n- - a\n'
    start = text.index("<ListTable")
    assert text[start : tag_end(text, start)] == '<ListTable caption="a>b">'


@pytest.mark.parametrize(
    "text",
    ["<ListTable", "<ListTable headerRows={1}\n- - a", '<ListTable caption="a > b"'],
)
def test_tag_end_without_closing_bracket(text: str) -> None:
    assert tag_end(text) is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        # The quote never closes: the first `>` that ends a line ends the tag.
        ('<ListTable caption="oops>\n- - a > b\n</ListTable>\n', '<ListTable caption="oops>'),
        ("<ListTable headerRows={1>\n- - a\n", "<ListTable headerRows={1>"),
        # A blank line ends an open quote, so a later quote cannot close it.
        ('<ListTable caption="a>\n\n- - "b">\n', '<ListTable caption="a>'),
        # No `>` ends a line: any `>` will do.
        ('<ListTable caption="a>b', '<ListTable caption="a>'),
    ],
)
def test_tag_end_falls_back_when_a_value_is_unclosed(text: str, end: str) -> None:
    assert tag_end(text) == len(end)


def test_tag_end_unclosed_without_any_bracket() -> None:
    assert tag_end('<ListTable caption="oops') is None


# --- value forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "field", "value"),
    [
        ("headerRows={2}", "header_rows", 2),
        ("headerRows={ 2 }", "header_rows", 2),
        ('headerRows="2"', "header_rows", 2),
        ("headerRows='2'", "header_rows", 2),
        ('headerRows={"2"}', "header_rows", 2),
        ("headerRows={0}", "header_rows", 0),
        ("headerColumns={1}", "header_columns", 1),
        ("footerRows={3}", "footer_rows", 3),
        ('caption="Quarterly *revenue*"', "caption", "Quarterly *revenue*"),
        ("caption='It is \"fine\"'", "caption", 'It is "fine"'),
        ('caption={"He said \\"hi\\""}', "caption", 'He said "hi"'),
        ("caption={'it\\'s'}", "caption", "it's"),
        ("caption={`template`}", "caption", "template"),
        ('caption={"tab\\there \\u00e9 \\u{1F600}"}', "caption", "tab\there \u00e9 \U0001f600"),
        ('caption={"bad \\uD800 code"}', "caption", "bad \ufffd code"),
        ('caption="back\\slash"', "caption", "back\\slash"),
        ('caption="A &amp; B"', "caption", "A &amp; B"),
        ('caption="multi\n  line"', "caption", "multi\n  line"),
        ('caption=""', "caption", None),
        ('className="wide"', "class_name", "wide"),
        ('className="  wide  -x _y-2 "', "class_name", "wide -x _y-2"),
        ("className={'a b'}", "class_name", "a b"),
        ('className=""', "class_name", None),
        ('id="revenue"', "id", "revenue"),
        ('id="a1_b:c.d-e"', "id", "a1_b:c.d-e"),
        ('validation="strict"', "validation", "strict"),
        ("validation='off'", "validation", "off"),
        ('validation={"warn"}', "validation", "warn"),
        ('validation="Strict"', "validation", "strict"),
        ('widths="1,2,1"', "widths", [1, 2, 1]),
        ('widths="1 2 1"', "widths", [1, 2, 1]),
        ('widths="1, 2,  3"', "widths", [1, 2, 3]),
        ("widths={[1,2,1]}", "widths", [1, 2, 1]),
        ("widths={[ 3, 1 ]}", "widths", [3, 1]),
        ('widths={["1", "2"]}', "widths", [1, 2]),
        ('widths="auto"', "widths", None),
        ('widths="AUTO"', "widths", None),
        ('aligns="l,c,r,d"', "aligns", ["left", "center", "right", None]),
        (
            'aligns="left center Right justify default"',
            "aligns",
            ["left", "center", "right", "justify", None],
        ),
        ('aligns="j"', "aligns", ["justify"]),
        ('aligns={["l", "r"]}', "aligns", ["left", "right"]),
        ("showSource", "show_source", True),
        ("showSource={true}", "show_source", True),
        ("showSource={false}", "show_source", False),
        ('showSource="false"', "show_source", False),
        ('showSource="true"', "show_source", True),
    ],
)
def test_value_forms(attributes: str, field: str, value: Any) -> None:
    options, diagnostics = parse(attributes)
    assert diagnostics == []
    assert getattr(options, field) == value
    assert list(options.attribute_lines) == [attributes.split("=")[0]]


def test_defaults() -> None:
    options, diagnostics, self_closing = parse_tag("<ListTable>", 1)
    assert (options, diagnostics, self_closing) == (Options(), [], False)


@pytest.mark.parametrize(
    "tag",
    [
        "<ListTable headerRows={1} caption='x'>",
        "<ListTable headerRows = {1}\n\tcaption =\n 'x'>",
        "<ListTable\nheaderRows={1}caption='x'\n>",
    ],
)
def test_whitespace_around_attributes(tag: str) -> None:
    options, diagnostics, _ = parse_tag(tag, 1)
    assert diagnostics == []
    assert (options.header_rows, options.caption) == (1, "x")


@pytest.mark.parametrize(
    ("tag", "self_closing"),
    [
        ("<ListTable />", True),
        ("<ListTable/>", True),
        ("<ListTable headerRows={1}\n/>", True),
        ("<ListTable showSource />", True),
        ("<ListTable>", False),
        ('<ListTable caption="a/>">', False),
    ],
)
def test_self_closing(tag: str, self_closing: bool) -> None:
    _, diagnostics, closing = parse_tag(tag, 1)
    assert diagnostics == []
    assert closing is self_closing


def test_seed_tag() -> None:
    tag = (
        '<ListTable headerRows={1} headerColumns={1} caption="Webhook event types"'
        ' validation="strict">'
    )
    options, diagnostics, _ = parse_tag(tag, 7)
    assert diagnostics == []
    assert options == Options(
        header_rows=1,
        header_columns=1,
        caption="Webhook event types",
        validation="strict",
        attribute_lines={"headerRows": 7, "headerColumns": 7, "caption": 7, "validation": 7},
    )


# --- lines and columns -----------------------------------------------------------------------

MULTI_LINE = """<ListTable
  headerRows={1}
  caption="Revenue"   id="rev"
  widths={[1,
           2]}
  headerRow={2}
  aligns="x"
>"""


def test_multi_line_tag_attribute_lines() -> None:
    options, _, _ = parse_tag(MULTI_LINE, 10, 5)
    assert options.attribute_lines == {
        "headerRows": 11,
        "caption": 12,
        "id": 12,
        "widths": 13,
        "headerRow": 15,
        "aligns": 16,
    }
    assert options.widths == [1, 2]


def test_multi_line_tag_diagnostics_point_at_names() -> None:
    _, diagnostics, _ = parse_tag(MULTI_LINE, 10, 5)
    assert [(d.kind, d.line, d.column) for d in diagnostics] == [
        ("unknown-attribute", 15, 3),
        ("bad-attribute", 16, 3),
    ]
    assert all(d.table == "" and d.row is None and d.col is None for d in diagnostics)


def test_first_line_column_counts_from_the_tag_column() -> None:
    _, diagnostics, _ = parse_tag("<ListTable  foo>", 3, 5)
    assert (only(diagnostics).line, only(diagnostics).column) == (3, 17)


# --- problems --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "field", "default", "quoted"),
    [
        ("headerRows={abc}", "header_rows", 0, "{abc}"),
        ("headerRows={-1}", "header_rows", 0, "{-1}"),
        ("headerRows={1.5}", "header_rows", 0, "{1.5}"),
        ("headerRows={true}", "header_rows", 0, "{true}"),
        ("headerRows", "header_rows", 0, "a bare name"),
        ('headerColumns="one"', "header_columns", 0, '"one"'),
        ("footerRows={12345678}", "footer_rows", 0, "{12345678}"),
        ("caption={42}", "caption", None, "{42}"),
        ("caption={`a ${b}`}", "caption", None, "{`a ${b}`}"),
        ("caption", "caption", None, "a bare name"),
        ('className="a<b"', "class_name", None, '"a<b"'),
        ('className="x" onclick="y"', "class_name", "x", None),
        ('className="1abc"', "class_name", None, '"1abc"'),
        ("className={cls}", "class_name", None, "{cls}"),
        ('id="1x"', "id", None, '"1x"'),
        ('id="a b"', "id", None, '"a b"'),
        ('id=""', "id", None, '""'),
        ('validation="loud"', "validation", None, '"loud"'),
        ("validation", "validation", None, "a bare name"),
        ('widths="1,0"', "widths", None, '"1,0"'),
        ('widths="1,x"', "widths", None, '"1,x"'),
        ('widths=""', "widths", None, '""'),
        ("widths={[1,-2]}", "widths", None, "{[1,-2]}"),
        ("widths={3}", "widths", None, "{3}"),
        ('aligns="l,q"', "aligns", None, '"l,q"'),
        ('aligns=""', "aligns", None, '""'),
        ('showSource="yes"', "show_source", None, '"yes"'),
        ("showSource={1}", "show_source", None, "{1}"),
    ],
)
def test_bad_values(attributes: str, field: str, default: Any, quoted: str | None) -> None:
    options, diagnostics = parse(attributes)
    assert getattr(options, field) == default
    if quoted is None:  # the bad attribute is another one
        assert only(diagnostics).kind == "unknown-attribute"
        return
    problem = only(diagnostics)
    name = attributes.split("=")[0]
    assert problem.kind == "bad-attribute"
    assert problem.message.startswith(f"{name} must be ")
    assert quoted in problem.message
    assert problem.hint.startswith(f"write {name}=")
    assert (problem.line, problem.column) == (1, 12)


def test_validation_message_names_the_allowed_values() -> None:
    _, diagnostics = parse('validation="loud"')
    assert all(mode in only(diagnostics).message for mode in ("strict", "warn", "off"))


def test_header_rows_hint() -> None:
    _, diagnostics = parse("headerRows={abc}")
    assert only(diagnostics).hint == "write headerRows={1}"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("headerrows", "headerRows"),
        ("headerRow", "headerRows"),
        ("class", "className"),
        ("classname", "className"),
        ("header-rows", "headerRows"),
        ("stub-columns", "headerColumns"),
        ("footer_rows", "footerRows"),
        ("width", "widths"),
        ("align", "aligns"),
        ("showsource", "showSource"),
        ("validate", "validation"),
        ("name", "id"),
    ],
)
def test_unknown_attribute_suggests_closest(name: str, suggestion: str) -> None:
    options, diagnostics = parse(f"{name}={{1}}")
    problem = only(diagnostics)
    assert problem.kind == "unknown-attribute"
    assert repr(name) in problem.message
    assert problem.hint.startswith(f"did you mean {suggestion}?")
    assert options.attribute_lines == {name: 1}


def test_unknown_attribute_with_nothing_close_lists_known_names() -> None:
    _, diagnostics = parse('style="color: red"')
    problem = only(diagnostics)
    assert problem.kind == "unknown-attribute"
    assert all(name in problem.hint for name in KNOWN_ATTRIBUTES)


def test_case_matters() -> None:
    options, diagnostics = parse("HeaderRows={1}")
    assert options.header_rows == 0
    assert "case-sensitive" in only(diagnostics).hint


def test_duplicate_keeps_the_first_value() -> None:
    options, diagnostics, _ = parse_tag("<ListTable\n  headerRows={1}\n  headerRows={2}\n>", 5)
    assert options.header_rows == 1
    assert options.attribute_lines == {"headerRows": 6}
    problem = only(diagnostics)
    assert (problem.kind, problem.line, problem.column) == ("bad-attribute", 7, 3)
    assert "given twice" in problem.message
    assert "line 6" in problem.message


@pytest.mark.parametrize(
    ("tag", "message", "line", "column"),
    [
        ('<ListTable caption="oops>', 'the value of caption, "oops, has no closing "', 1, 12),
        ("<ListTable caption='oops>", "the value of caption, 'oops, has no closing '", 1, 12),
        ("<ListTable headerRows={1>", "the value of headerRows, {1, has no closing }", 1, 12),
        ('<ListTable caption={"a}>', 'the value of caption, {"a}, has no closing }', 1, 12),
        ("<ListTable caption=>", "caption= has no value", 1, 12),
        ("<ListTable caption = />", "caption= has no value", 1, 12),
        ("<ListTable\n  caption=\n>", "caption= has no value", 2, 3),
        (
            "<ListTable headerRows=1>",
            "the value of headerRows, 1, is not in quotes or braces",
            1,
            12,
        ),
        ("<ListTable headerRows={1}, caption='x'>", "unexpected ',' in the tag", 1, 26),
        ("<ListTable\n  = {1}>", "unexpected '=' in the tag", 2, 3),
        ('<ListTable "floating">', '"floating" has no attribute name', 1, 12),
        ("<ListTable {...props}>", "{...props} has no attribute name", 1, 12),
        ("<ListTable #!>", "unexpected '#!' in the tag", 1, 12),
    ],
)
def test_syntax_errors(tag: str, message: str, line: int, column: int) -> None:
    _, diagnostics, _ = parse_tag(tag, 1)
    problem = diagnostics[0]
    assert problem.kind == "bad-attribute"
    assert problem.message == message
    assert problem.hint
    assert (problem.line, problem.column) == (line, column)


def test_parsing_goes_on_after_a_problem() -> None:
    tag = "<ListTable headerRows={1}, caption='x' foo {oops} footerRows={1}>"
    options, diagnostics, _ = parse_tag(tag, 1)
    assert (options.header_rows, options.caption, options.footer_rows) == (1, "x", 1)
    kinds = [d.kind for d in diagnostics]
    assert kinds == ["bad-attribute", "unknown-attribute", "bad-attribute"]


def test_an_unclosed_value_does_not_swallow_the_next_lines() -> None:
    tag = '<ListTable\n  caption="oops\n  headerRows={1}\n  widths={[1,2]\n  id="x"\n>'
    options, diagnostics, _ = parse_tag(tag, 1)
    assert (options.header_rows, options.id, options.caption, options.widths) == (
        1,
        "x",
        None,
        None,
    )
    assert [(d.kind, d.line) for d in diagnostics] == [("bad-attribute", 2), ("bad-attribute", 4)]


def test_an_unclosed_stray_value_does_not_swallow_the_next_lines() -> None:
    options, diagnostics, _ = parse_tag("<ListTable {oops\n  headerRows={1}\n>", 1)
    assert options.header_rows == 1
    assert [(d.kind, d.line, d.column) for d in diagnostics] == [("bad-attribute", 1, 12)]


def test_a_string_may_still_span_lines() -> None:
    options, diagnostics = parse('caption="A long caption\n  wrapped over lines" headerRows={1}')
    assert diagnostics == []
    assert options.caption == "A long caption\n  wrapped over lines"
    assert options.header_rows == 1


def test_unknown_and_malformed_both_reported() -> None:
    _, diagnostics = parse("bar=1")
    assert [d.kind for d in diagnostics] == ["bad-attribute", "unknown-attribute"]


def test_nothing_odd_reaches_html_attributes() -> None:
    options, diagnostics = parse('className="x&quot; onload=&quot;y" id="a\'b"')
    assert (options.class_name, options.id) == (None, None)
    assert len(diagnostics) == 2


# --- never raises ----------------------------------------------------------------------------

TAG_PIECES = st.sampled_from(
    ["<ListTable", " ", "\n", "\n\n", "=", '"', "'", "`", "{", "}", "[", "]", ",", ">", "/",
     "\\", "headerRows", "caption", "widths", "aligns", "showSource", "1", "-1", "true", "x",
     "${", "\\u{110000}", "\\uD800", "\\x00", "#"]
)  # fmt: skip


def _check_tag_end(text: str, start: int) -> None:
    end = tag_end(text, start)
    if end is not None:
        assert 0 < end <= len(text) and text[end - 1] == ">"
        reached("end")


# Any text, with the characters that end a tag or open a value common enough to matter.
ANY_TEXT = st.lists(st.characters() | st.sampled_from(">\"'{}\n"), max_size=60).map("".join)


@reaches(end=5)
@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, st.integers(-5, 50))
def test_tag_end_never_raises(text: str, start: int) -> None:
    _check_tag_end(text, start)


@reaches(end=5)
@settings(max_examples=400, deadline=None)
@given(st.lists(TAG_PIECES, max_size=40).map("".join), st.integers(-5, 50))
def test_tag_end_on_tag_like_text_never_raises(text: str, start: int) -> None:
    _check_tag_end(text, start)


@reaches(diagnostic=50)
@settings(max_examples=400, deadline=None)
@given(st.text(), st.integers(-3, 100), st.integers(-3, 100))
def test_parse_tag_never_raises(tag: str, line: int, column: int) -> None:
    options, diagnostics, self_closing = parse_tag(tag, line, column)
    assert isinstance(options, Options)
    assert isinstance(self_closing, bool)
    for d in diagnostics:
        assert d.kind in ("bad-attribute", "unknown-attribute")
        reached("diagnostic")


@reaches(diagnostic=100, attribute=50)
@settings(max_examples=600, deadline=None)
@given(st.lists(TAG_PIECES, max_size=40).map("".join))
def test_parse_tag_on_tag_like_text_never_raises(body: str) -> None:
    text = "<ListTable " + body + "\n>\n- - a\n</ListTable>\n"
    end = tag_end(text)
    tag = text[:end] if end else text
    options, diagnostics, _ = parse_tag(tag, 1)
    lines = tag.count("\n") + 1
    for d in diagnostics:
        assert 1 <= d.line <= lines and (d.column or 0) >= 1
        reached("diagnostic")
    for line in options.attribute_lines.values():
        assert 1 <= line <= lines
        reached("attribute")
