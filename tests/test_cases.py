"""Golden cases: each `tests/cases/**/*.yml` holds Markdown and the HTML it must become.

A case file has `input` (Markdown), `output` (HTML, compared after
normalisation), and optionally `extensions` (added to `listtable`),
`config` (the extension's options) and `warnings` (log lines, each a
substring of one message, in order). `pytest --update-goldens` rewrites
`output` and `warnings` from what the code produces now.

Every case runs twice: with `pymdownx.superfences`, and with MkDocs' default
`fenced_code` in its place. Where the two give different HTML (code blocks
are marked up differently), the case holds the second as `output-fenced_code`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import normalize_html

CASES = Path(__file__).parent / "cases"
DEFAULT_EXTENSIONS = ["pymdownx.superfences", "admonition", "attr_list"]
FENCES = ("superfences", "fenced_code")


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def _extensions(case: dict[str, Any], fences: str) -> list[str]:
    """The case's extensions; for `fenced_code`, with it in place of superfences."""
    extensions = ["listtable", *case.get("extensions", DEFAULT_EXTENSIONS)]
    if fences == "fenced_code":
        extensions = [e for e in extensions if e != "pymdownx.superfences"] + ["fenced_code"]
    return extensions


def _convert(
    case: dict[str, Any], caplog: pytest.LogCaptureFixture, fences: str
) -> tuple[str, list[str]]:
    extensions = _extensions(case, fences)
    configs = {"listtable": {"raise_on_error": False, **case.get("config", {})}}
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        html = markdown.markdown(case["input"], extensions=extensions, extension_configs=configs)
    warnings = [record.getMessage() for record in caplog.records]
    return html, warnings


@pytest.mark.parametrize("fences", FENCES)
@pytest.mark.parametrize(
    "path", sorted(CASES.rglob("*.yml")), ids=lambda p: str(p.relative_to(CASES).with_suffix(""))
)
def test_case(
    path: Path, fences: str, caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    html, warnings = _convert(case, caplog, fences)
    # Whatever the fences' extension: never a block of code inside a paragraph.
    assert not BeautifulSoup(html, "html.parser").select("p pre, p div")
    key = "output" if fences == "superfences" else "output-fenced_code"
    if request.config.getoption("--update-goldens"):
        output = normalize_html(html) + "\n"
        if key == "output":
            case["output"] = _Literal(output)
        elif output.strip() != normalize_html(case["output"]).strip():
            case[key] = _Literal(output)
        else:
            case.pop(key, None)
        case["output"] = _Literal(case["output"])
        case["input"] = _Literal(case["input"])
        if warnings:
            case["warnings"] = warnings
        else:
            case.pop("warnings", None)
        path.write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
        )
        return
    assert normalize_html(html) == normalize_html(case.get(key, case["output"]))
    expected = case.get("warnings", [])
    assert len(warnings) == len(expected), warnings
    for message, wanted in zip(warnings, expected, strict=True):
        assert wanted in message
