"""MkDocs hook of the demo: the Tools page shows the commands' real output.

The page holds example files as code blocks titled with a file name
(```` ```markdown title="webhooks.md" ````) and lines that say what to run:

- `<!-- run: mkdocs-listtable ARGS -->`: run the command (in a real process,
  in a temporary folder holding the example files) and show what it printed
  and its exit status;
- `<!-- show: NAME -->`: show the file as it is now (after `fix`, say);
- `<!-- render: mkdocs-listtable ARGS -->`: run the command and put what it
  printed into the page as Markdown, so the converted table is built.

The files are set up once per page and the commands run in order, so a `fix`
changes what a later `show` or `check` sees. Nothing is pasted by hand: the
output is whatever this version of the commands prints.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

FILE_RE = re.compile(
    r'^(?P<fence>```+)[^\n]*?title="(?P<name>[^"]+)"[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$',
    re.MULTILINE | re.DOTALL,
)
STEP_RE = re.compile(r"^<!-- (?P<what>run|show|render): (?P<args>[^\n]*?) -->$", re.MULTILINE)


def _run(folder: Path, args: str) -> tuple[str, int]:
    argv = shlex.split(args)
    if argv[:1] != ["mkdocs-listtable"]:
        return f"not a mkdocs-listtable command: {args}", 2
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_listtable", *argv[1:]],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout, result.returncode


def _fenced(text: str, info: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Event `page_markdown`: the steps of the page replaced by their output."""
    if not STEP_RE.search(markdown):
        return markdown
    with tempfile.TemporaryDirectory(prefix="listtable-demo-") as name:
        folder = Path(name)
        for match in FILE_RE.finditer(markdown):
            path = folder / match["name"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(match["body"], encoding="utf-8")

        def step(match: re.Match[str]) -> str:
            what, args = match["what"], match["args"]
            if what == "show":
                text = (folder / args).read_text(encoding="utf-8")
                return _fenced(text, f' title="{args}, after"')
            output, status = _run(folder, args)
            if what == "render":
                return output
            shown = f"$ {args}\n{output}".rstrip() + f"\n[exit status {status}]"
            return _fenced(shown, " text")

        return STEP_RE.sub(step, markdown)
