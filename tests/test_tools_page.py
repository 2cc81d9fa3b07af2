"""The demo's Tools page: its outputs come from running the commands while it builds."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).parent.parent


def hook() -> ModuleType:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (path,) = config["hooks"]
    assert {"Tools": "tools.md"} in config["nav"]
    spec = importlib.util.spec_from_file_location("demo_tools_hook", ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_step_is_replaced_by_real_output() -> None:
    page = (ROOT / "demo_site" / "tools.md").read_text(encoding="utf-8")
    steps = re.findall(r"^<!-- (run|show|render): (.*?) -->$", page, re.MULTILINE)
    assert len(steps) >= 10
    built = hook().on_page_markdown(page, page=None)
    assert "<!-- run:" not in built and "<!-- show:" not in built and "<!-- render:" not in built
    statuses = re.findall(
        r"^\$ (mkdocs-listtable .*)\n(?:.*\n)*?\[exit status (\d)\]$", built, re.M
    )
    assert statuses == [
        ("mkdocs-listtable check webhooks.md", "1"),
        ("mkdocs-listtable check --format github webhooks.md", "1"),
        ("mkdocs-listtable check --format json webhooks.md", "1"),
        ("mkdocs-listtable fix --diff webhooks.md", "1"),
        ("mkdocs-listtable fix webhooks.md", "1"),
        ("mkdocs-listtable fix --check webhooks.md", "1"),
        ("mkdocs-listtable convert plans.html", "0"),
        ("mkdocs-listtable convert regions.csv --header-rows 1 --header-columns 1", "0"),
        ("mkdocs-listtable convert --in-place limits.md", "0"),
    ]
    # What the page's text says about the output holds.
    assert "webhooks.md:10:3: fixed missing-placeholder" in built
    assert "would fix 0 problems in 0 files; 1 problem left" in built
    assert (
        built.count('<ListTable headerRows={1} headerColumns={1} caption="Plans" id="plans">') == 2
    )
    assert '<ListTable headerRows={1} aligns="l,r,d">' in built
