"""Shared test helpers: HTML normalisation, golden files, whole-site builds."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden cases in tests/cases/ from the current output.",
    )
    parser.addoption(
        "--fuzz",
        action="store_true",
        help="Run the fuzz tests with 20,000 examples per property (as LISTTABLE_FUZZ=1 does).",
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


class Hang(BaseException):
    """A test body ran past its deadline. Not an `Exception`, so no `except Exception` hides it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `Hang` in the body when it runs longer than `seconds`.

    A loop that never ends then fails one test instead of stalling the run.
    Needs SIGALRM: on other platforms, or off the main thread, there is no limit.
    """
    import signal
    import threading

    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fuzz: property tests; `--fuzz` (or LISTTABLE_FUZZ=1) runs them at length"
    )
    if config.getoption("--fuzz"):
        os.environ["LISTTABLE_FUZZ"] = "1"
