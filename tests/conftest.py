"""Shared test helpers: HTML normalisation, golden files, whole-site builds."""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings


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


_REACHED: ContextVar[Counter[str] | None] = ContextVar("reached", default=None)


def reached(name: str) -> None:
    """Count one pass through the conditional check `name` of the running property test."""
    counter = _REACHED.get()
    if counter is not None:
        counter[name] += 1


def reaches(**least: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Fail a property test whose examples reach its conditional checks too rarely.

    A check behind an `if` (or over a list that may be empty) can be skipped by
    every example Hypothesis happens to draw, and the test then passes having
    checked nothing. The test calls `reached(name)` where it checks; after the
    whole run, each `name` must have been reached at least `least[name]` times.
    Put it above `@given`.
    """

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(test)
        def run(*args: Any, **kwargs: Any) -> None:
            counter: Counter[str] = Counter()
            token = _REACHED.set(counter)
            try:
                test(*args, **kwargs)
            finally:
                _REACHED.reset(token)
            rare = {name: counter[name] for name, times in least.items() if counter[name] < times}
            assert not rare, f"checks reached fewer times than {least}: {rare}"

        return run

    return decorate


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
    # Property tests draw the same examples on every run, so a run is repeatable and a
    # `reaches` floor met once is met always; fuzzing draws new examples each time.
    fuzzing = os.environ.get("LISTTABLE_FUZZ", "") not in ("", "0")
    settings.register_profile("listtable", derandomize=not fuzzing)
    settings.load_profile("listtable")
