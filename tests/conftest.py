"""Shared test helpers: HTML normalisation, golden files, whole-site builds."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden cases in tests/cases/ from the current output.",
    )


def normalize_html(html: str) -> str:
    """HTML re-serialised so that whitespace between tags does not matter."""
    soup = BeautifulSoup(html, "html.parser")
    for text in soup.find_all(string=True):
        if not text.strip() and text.parent is not None and text.parent.name not in ("pre", "code"):
            text.extract()
    return soup.prettify().strip()


@pytest.fixture
def caplog_listtable(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Log records of the listtable loggers, at WARNING and above."""
    caplog.set_level(logging.WARNING)
    yield caplog


FIXTURES = Path(__file__).parent
