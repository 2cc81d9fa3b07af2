"""Golden cases: each `tests/cases/**/*.yml` holds Markdown and the HTML it must become.

A case file has `input` (Markdown), `output` (HTML, compared after
normalisation), and optionally `extensions` (added to `listtable`),
`config` (the extension's options) and `warnings` (log lines, each a
substring of one message, in order). `pytest --update-goldens` rewrites
`output` and `warnings` from what the code produces now.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from .conftest import normalize_html

CASES = Path(__file__).parent / "cases"
DEFAULT_EXTENSIONS = ["pymdownx.superfences", "admonition", "attr_list"]


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def _convert(case: dict[str, Any], caplog: pytest.LogCaptureFixture) -> tuple[str, list[str]]:
    extensions = ["listtable", *case.get("extensions", DEFAULT_EXTENSIONS)]
    configs = {"listtable": {"raise_on_error": False, **case.get("config", {})}}
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        html = markdown.markdown(case["input"], extensions=extensions, extension_configs=configs)
    warnings = [record.getMessage() for record in caplog.records]
    return html, warnings


@pytest.mark.parametrize(
    "path", sorted(CASES.rglob("*.yml")), ids=lambda p: str(p.relative_to(CASES).with_suffix(""))
)
def test_case(path: Path, caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    html, warnings = _convert(case, caplog)
    if request.config.getoption("--update-goldens"):
        case["output"] = _Literal(normalize_html(html) + "\n")
        case["input"] = _Literal(case["input"])
        if warnings:
            case["warnings"] = warnings
        else:
            case.pop("warnings", None)
        path.write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
        )
        return
    assert normalize_html(html) == normalize_html(case["output"])
    expected = case.get("warnings", [])
    assert len(warnings) == len(expected), warnings
    for message, wanted in zip(warnings, expected, strict=True):
        assert wanted in message
