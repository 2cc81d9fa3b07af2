"""`mkdocs serve` keeps serving while an author breaks a table and fixes it again.

A real `mkdocs serve` (live reload on: it is what rebuilds on a change) runs on
a free loopback port. The page is edited from valid to broken in each way
that matters (a warning, a strict-mode error panel, a table that cannot be
built) and back to valid; after each rebuild the server must still answer,
the page must show the table or the panel, and the log must name the file
and line. Every wait is bounded; the server is always stopped.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .sites import write_site

START_SECONDS = 60.0
STEP_SECONDS = 30.0
BUILT = re.compile(r"Documentation built in|Reloading browsers")
"""The last line MkDocs logs for a build: the first one, then each rebuild."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """`mkdocs serve` in a subprocess, its log (stderr) read line by line by a thread."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.rstrip("\n"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)

    def fetch(self) -> str | None:
        """The page's HTML, or None while the server does not answer."""
        try:
            with urllib.request.urlopen(self.url, timeout=5) as response:
                html: str = response.read().decode("utf-8")
                return html
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait(self, condition: Callable[[], bool], seconds: float, what: str) -> None:
        """Poll `condition` until it holds; fail if the server dies or time runs out."""
        limit = time.monotonic() + seconds
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve exited ({self.process.returncode}) waiting for {what}")
            if time.monotonic() > limit:
                pytest.fail(f"no {what} after {seconds} s; log:\n" + "\n".join(self.log[-30:]))
            time.sleep(0.2)

    def page_with(self, marker: str, seconds: float = STEP_SECONDS) -> BeautifulSoup:
        """The page once it shows `marker`, i.e. once the rebuild of that version is served."""
        found: list[str] = []

        def shows() -> bool:
            html = self.fetch()
            if html is not None and marker in html:
                found.append(html)
            return bool(found)

        self.wait(shows, seconds, f"page showing {marker!r}")
        return BeautifulSoup(found[0], "html.parser")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[], Server]]:
    servers: list[Server] = []

    def start() -> Server:
        servers.append(Server(tmp_path))
        return servers[-1]

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


@dataclass(frozen=True)
class Step:
    """One version of the page and what the served page and the log must then show."""

    marker: str
    page: str
    table: bool
    panel: str | None
    log: str | None


TABLE = "<ListTable>\n- - alpha\n  - bravo\n- - charlie\n  - delta\n</ListTable>\n"
ORPHAN = "<ListTable>\n- - alpha\n  - bravo\n- - charlie\n  - _\n</ListTable>\n"
STRICT = ORPHAN.replace("<ListTable>", '<ListTable validation="strict">')
UNCLOSED = "<ListTable>\n- - alpha\n  - bravo\n\nNo closing tag.\n"
STEPS = [
    Step("version-1-valid", TABLE, table=True, panel=None, log=None),
    Step(
        "version-2-warning",
        ORPHAN,
        table=True,
        panel=None,
        log=r"WARNING +- +listtable: index\.md:10:5: .*orphan-placeholder",
    ),
    Step(
        "version-3-strict",
        STRICT,
        table=False,
        panel="orphan-placeholder",
        log=r"ERROR +- +listtable: index\.md:10:5: .*orphan-placeholder",
    ),
    Step(
        "version-4-unclosed",
        UNCLOSED,
        table=False,
        panel="unclosed",
        log=r"WARNING +- +listtable: index\.md:6:1: .*unclosed",
    ),
    Step("version-5-fixed", TABLE, table=True, panel=None, log=None),
]


def _page(step: Step) -> str:
    # Front matter, so the lines in messages must be the file's, not the Markdown's.
    return f"---\ntitle: Live\n---\n{step.marker}\n\n{step.page}"


def _run(
    tmp_path: Path, server_start: Callable[[], Server], steps: list[Step], seconds: float
) -> None:
    """Serve the first version, then write each next one; check the page and log each time."""
    write_site(tmp_path, {"index.md": _page(steps[0])}, plugins=["listtable"], extensions=[])
    docs = tmp_path / "docs" / "index.md"
    server = server_start()
    for number, step in enumerate(steps):
        start = len(server.log)
        if number:
            # Replaced in one step, so the watcher never sees a half-written file.
            staged = tmp_path / "staged.md"  # Outside docs/: not watched.
            staged.write_text(_page(step), encoding="utf-8")
            staged.replace(docs)
        soup = server.page_with(step.marker, seconds if number else START_SECONDS)
        # The page is served once the build is done; its log lines come just before.
        server.wait(lambda at=start: any(BUILT.search(x) for x in server.log[at:]), 10, "build end")
        lines = server.log[start:]
        assert (soup.select_one("div.listtable table") is not None) == step.table, step.marker
        panel = soup.select_one("div.listtable--error .listtable__errors")
        if step.panel is None:
            assert panel is None, step.marker
        else:
            assert panel is not None and step.panel in panel.get_text(), step.marker
        main = soup.select_one("[role=main]")
        assert main is not None and "alpha" in main.get_text() and "bravo" in main.get_text()
        ours = [line for line in lines if "listtable:" in line]
        if step.log is None:
            assert ours == [], ours
        else:
            assert ours and all(re.search(step.log, line) for line in ours), lines
        assert server.fetch() is not None, "the server stopped answering"
    assert server.process.poll() is None


def test_serve_survives_broken_tables_and_reports_their_lines(
    tmp_path: Path, serve: Callable[[], Server]
) -> None:
    _run(tmp_path, serve, STEPS, STEP_SECONDS)


OPEN_FENCE = "<ListTable>\n- - alpha\n  - ```\n    bravo\n</ListTable>\n"


def test_serve_survives_a_code_fence_left_open_in_a_cell(
    tmp_path: Path, serve: Callable[[], Server]
) -> None:
    """A fence left open in a cell once made the rebuild loop forever in the toggle's lexer."""
    steps = [
        STEPS[0],
        Step("version-2-open-fence", OPEN_FENCE, table=True, panel=None, log=None),
        Step("version-3-fixed", TABLE, table=True, panel=None, log=None),
    ]
    _run(tmp_path, serve, steps, seconds=10)
