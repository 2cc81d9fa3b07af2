"""The README's first command works on a fresh machine.

Its install step runs, as written, in a new virtual environment; then the demo
is built there with `mkdocs build --strict` (a build where the README serves),
so a dependency the demo needs and the command does not install fails here.
pip's own cache is used, so this costs seconds, not a download of everything.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).parent.parent


def first_command() -> list[list[str]]:
    """The README's first shell command, as its `&&`-joined parts, each split into words."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    line = next(ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#"))
    return [shlex.split(part) for part in line.split("&&")]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_readme_first_command_installs_what_the_demo_needs(tmp_path: Path) -> None:
    install, serve = first_command()
    assert install[:3] == ["pip", "install", "-e"], install
    assert serve == ["mkdocs", "serve"], serve

    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    installed = _run([str(bin_dir / "python"), "-m", *install], cwd=ROOT)
    assert installed.returncode == 0, installed.stderr[-3000:]

    site = tmp_path / "site"
    built = _run([str(bin_dir / "mkdocs"), "build", "--strict", "-d", str(site)], cwd=ROOT)
    assert built.returncode == 0, built.stderr[-3000:]
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select("div.listtable table") and index.select("details.listtable__source")
    assert index.select_one("link[href$='assets/listtable/listtable.css']") is not None
