"""How the command-line tools print problems: for people, for GitHub Actions, for programs.

- `text`: the build log's own line (`Diagnostic.format`), compiler-like, so
  editors and CI problem matchers read it;
- `github`: workflow commands (`::warning file=…,line=…::…`), shown by GitHub
  on the pull request's diff;
- `json`: one JSON object per line and problem, for editors and scripts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .diagnostics import Diagnostic

FORMATS = ("text", "github", "json")


@dataclass(frozen=True)
class Finding:
    """One problem found in one file.

    Attributes:
        path: The file, as shown to the user.
        problem: What is wrong, where.
        end_line: The last line of what is wrong (the table's last line for a
            problem of the whole table, else the problem's own line).
        error: Whether the build reports it as an error (a `strict` table) rather than a warning.
        fixable: Whether `mkdocs-listtable fix` repairs it.
        in_table: Whether it is about a table (else about the file: unreadable).
    """

    path: str
    problem: Diagnostic
    end_line: int | None = None
    error: bool = False
    fixable: bool = False
    in_table: bool = True

    def text(self) -> str:
        """The line the build log shows, with the file's path."""
        if self.in_table:
            return self.problem.format(self.path)
        where = self.problem.place(self.path) if self.problem.line else self.path
        return f"{where}: {self.problem.kind}: {self.problem.advice()}"

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the file's line."""
        problem = self.problem
        level = "error" if self.error else "warning"
        properties = {"file": self.path, "line": problem.line or 1}
        if problem.column is not None:
            properties["col"] = problem.column
        if self.end_line is not None and self.end_line != problem.line:
            properties["endLine"] = self.end_line
        properties["title"] = f"listtable {problem.kind}"
        fields = ",".join(f"{key}={_escape(str(value), True)}" for key, value in properties.items())
        subject = f"{problem.subject()}: " if self.in_table else ""
        return f"::{level} {fields}::{_escape(subject + problem.advice(), False)}"

    def json(self) -> str:
        """One JSON object on one line."""
        problem = self.problem
        table = problem.table
        if len(table) > 1 and table[0] == table[-1] == '"':
            table = table[1:-1]  # Names are quoted for messages only.
        data = {
            "file": self.path,
            "line": problem.line or None,
            "column": problem.column,
            "end_line": self.end_line if self.end_line is not None else (problem.line or None),
            "kind": problem.kind,
            "severity": "error" if self.error else "warning",
            "table": table or None,
            "row": problem.row,
            "col": problem.col,
            "message": problem.message,
            "hint": problem.hint or None,
            "fixable": self.fixable,
        }
        return json.dumps(data, ensure_ascii=False)

    def render(self, form: str) -> str:
        """The finding in `form`, one of `FORMATS`."""
        if form == "github":
            return self.github()
        if form == "json":
            return self.json()
        return self.text()


def _escape(value: str, is_property: bool) -> str:
    """A value escaped as GitHub's workflow commands require."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
