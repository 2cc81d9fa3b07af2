"""The demo site and a small site of our own in a real browser (Chromium under Playwright).

The demo (top-level mkdocs.yml, Material theme) is built once per session and
served on the loopback interface; every page is looked at in the light and the
dark palette: screenshots into test-artifacts/browser/, an axe-core audit, the
geometry of merged cells, the source toggles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from .browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    build_demo,
    built_pages,
    demo_pages,
    require_chromium,
    serve,
)
from .sites import REVENUE_TABLE, build_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

PAGES = demo_pages()
SCHEMES = ["light", "dark"]
# Material's name for each palette, on <body data-md-color-scheme>.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
SHOTS = ARTIFACTS / "browser"
# A box edge may fall on a half pixel either way in the collapsed-border model.
TOLERANCE = 1.5


def _page_id(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


@dataclass
class Served:
    """A built site and the URL it is served at."""

    site_dir: Path
    url: str

    def soup(self, path: str) -> BeautifulSoup:
        html = (self.site_dir / path / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")


# ---- Fixtures --------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; never a browser of Playwright's own."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo site, built once and served on 127.0.0.1 for the session."""
    site_dir = tmp_path_factory.mktemp("demo") / "site"
    build_demo(site_dir)
    with serve(site_dir) as url:
        yield Served(site_dir, url)


def _context(browser: Browser, base_url: str, scheme: str, **options: Any) -> BrowserContext:
    """A context that reaches only the local server (Material's web fonts are refused)."""
    settings: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(color_scheme=scheme, **settings)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(base_url) else route.abort()
        ),
    )
    return context


@pytest.fixture(scope="module")
def contexts(browser: Browser, demo: Served) -> Iterator[dict[str, BrowserContext]]:
    """One browser context per palette. The demo's palettes follow `prefers-color-scheme`."""
    made = {scheme: _context(browser, demo.url, scheme) for scheme in SCHEMES}
    yield made
    for context in made.values():
        context.close()


def _open(context: BrowserContext, url: str, scheme: str | None = None) -> Page:
    page = context.new_page()
    page.goto(url)
    if scheme is not None:
        # Material's script picks the palette whose media query matches.
        page.wait_for_function(
            "scheme => document.body.dataset.mdColorScheme === scheme", arg=MATERIAL_SCHEME[scheme]
        )
    return page


@pytest.fixture
def open_page(contexts: dict[str, BrowserContext], demo: Served) -> Iterator[Any]:
    """Open a demo page in a palette; every page opened is closed after the test."""
    pages: list[Page] = []

    def open_page(path: str, scheme: str = "light") -> Page:
        page = _open(contexts[scheme], demo.url + path, scheme)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


# ---- In-page measurements ----------------------------------------------------

# For every cell with a rowspan or colspan in a ListTable (or in a table nested
# in one of its cells): its box, and the box of the rows and columns it covers.
# A column's edges are taken from the cells of span 1 that stand in it.
SPANNED_CELLS = """
() => {
  const found = [];
  for (const table of document.querySelectorAll('.listtable__scroll table')) {
    const rows = Array.from(table.rows);
    const grid = rows.map(() => []);
    const placed = [];
    rows.forEach((tr, r) => {
      let c = 0;
      for (const cell of tr.cells) {
        while (grid[r][c]) c++;
        for (let i = 0; i < cell.rowSpan && r + i < rows.length; i++)
          for (let j = 0; j < cell.colSpan; j++) grid[r + i][c + j] = cell;
        placed.push({cell, r, c});
        c += cell.colSpan;
      }
    });
    const single = placed.filter(p => p.cell.colSpan === 1);
    const column = c => {
      const boxes = single.filter(p => p.c === c).map(p => p.cell.getBoundingClientRect());
      if (!boxes.length) return null;
      const lefts = boxes.map(b => b.left), rights = boxes.map(b => b.right);
      return {left: Math.min(...lefts), right: Math.max(...rights)};
    };
    for (const {cell, r, c} of placed) {
      if (cell.rowSpan === 1 && cell.colSpan === 1) continue;
      const box = cell.getBoundingClientRect();
      const first = column(c), last = column(c + cell.colSpan - 1);
      found.push({
        text: cell.textContent.trim().slice(0, 40),
        rowspan: cell.rowSpan,
        colspan: cell.colSpan,
        top: box.top, bottom: box.bottom, left: box.left, right: box.right,
        rowsTop: rows[r].getBoundingClientRect().top,
        rowsBottom: rows[Math.min(r + cell.rowSpan, rows.length) - 1]
          .getBoundingClientRect().bottom,
        colsLeft: first && first.left,
        colsRight: last && last.right,
      });
    }
  }
  return found;
}
"""

# Colours of each ListTable's table as the palette draws them.
TABLE_COLOURS = """
() => Array.from(document.querySelectorAll('.listtable > .listtable__scroll table'), table => {
  const style = el => el ? getComputedStyle(el) : null;
  const td = table.querySelector('td'), th = table.querySelector('th');
  return {
    background: style(table).backgroundColor,
    text: style(td || th).color,
    header: th ? style(th).backgroundColor : null,
    border: style(table).borderTopColor,
  };
})
"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    """`rgb(…)`/`rgba(…)` as four numbers, alpha last."""
    values = [float(v) for v in css[css.index("(") + 1 : -1].split(",")]
    return (*values[:3], values[3] if len(values) == 4 else 1.0)  # type: ignore[return-value]


def _luminance(colour: tuple[float, ...], over: tuple[float, ...] = (255, 255, 255)) -> float:
    """WCAG relative luminance of `colour` composited over the opaque `over`."""
    alpha = colour[3] if len(colour) == 4 else 1.0
    channels = []
    for value, under in zip(colour[:3], over[:3], strict=True):
        c = (value * alpha + under * (1 - alpha)) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


# ---- The demo, page by page --------------------------------------------------


def test_every_built_page_is_checked(demo: Served) -> None:
    """The pages parametrised below are all the pages the demo builds."""
    assert built_pages(demo.site_dir) == sorted(PAGES)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_screenshot(open_page: Any, path: str, scheme: str) -> None:
    page = open_page(path, scheme)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{_page_id(path)}-{scheme}.png", full_page=True)


@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_merged_cells_cover_their_rows_and_columns(open_page: Any, path: str) -> None:
    cells = open_page(path).evaluate(SPANNED_CELLS)
    for cell in cells:
        where = f"{cell['text']!r} (rowspan {cell['rowspan']}, colspan {cell['colspan']})"
        assert cell["top"] == pytest.approx(cell["rowsTop"], abs=TOLERANCE), where
        assert cell["bottom"] == pytest.approx(cell["rowsBottom"], abs=TOLERANCE), where
        if cell["colsLeft"] is not None:
            assert cell["left"] == pytest.approx(cell["colsLeft"], abs=TOLERANCE), where
        if cell["colsRight"] is not None:
            assert cell["right"] == pytest.approx(cell["colsRight"], abs=TOLERANCE), where


def test_the_demo_shows_merged_cells(open_page: Any) -> None:
    """The page about merged cells has both kinds, so the geometry check above means something."""
    cells = open_page("merged-cells/").evaluate(SPANNED_CELLS)
    assert any(c["rowspan"] == 2 and c["colspan"] == 1 for c in cells)
    assert any(c["colspan"] == 2 and c["rowspan"] == 1 for c in cells)
    tall = next(c for c in cells if c["rowspan"] == 2 and c["colspan"] == 1)
    assert tall["bottom"] - tall["top"] > 1.8 * 16, "two rows of text at the least"


def _a_toggle(demo: Served) -> tuple[str, int]:
    """A closed source toggle under a table in the demo (the shortest one): page and index."""
    found = []
    for path in PAGES:
        toggles = demo.soup(path).select("div.listtable > details.listtable__source")
        for index, toggle in enumerate(toggles):
            if not toggle.has_attr("open") and "listtable--error" not in toggle.parent["class"]:
                found.append((len(toggle.get_text()), path, index))
    if not found:
        pytest.fail("no demo page has a source toggle under a table")
    _, path, index = min(found)
    return path, index


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_toggle_opens_on_the_source(browser: Browser, demo: Served, javascript: bool) -> None:
    path, index = _a_toggle(demo)
    context = _context(browser, demo.url, "light", java_script_enabled=javascript)
    try:
        page = _open(context, demo.url + path)
        toggle = page.locator("div.listtable > details.listtable__source").nth(index)
        block = toggle.locator("xpath=..")
        code = toggle.locator("pre code").first
        block.scroll_into_view_if_needed()
        assert toggle.get_attribute("open") is None
        assert not code.is_visible()

        toggle.locator("summary").click()
        assert toggle.get_attribute("open") is not None
        code.wait_for(state="visible")
        source = code.inner_text().strip()
        assert source.startswith("<ListTable") and source.endswith("</ListTable>")

        # The toggle hangs under the table as part of the same block.
        table = block.locator(":scope > .listtable__scroll").bounding_box()
        box = toggle.bounding_box()
        assert table is not None and box is not None
        assert box["x"] == pytest.approx(table["x"], abs=TOLERANCE)
        assert box["width"] == pytest.approx(table["width"], abs=TOLERANCE)
        assert box["y"] == pytest.approx(table["y"] + table["height"], abs=2 * TOLERANCE)
        if javascript:
            # Clipped from the whole page, so that Material's sticky header stays out of it.
            scroll = page.evaluate("[window.scrollX, window.scrollY]")
            area = block.bounding_box()
            assert area is not None
            area["x"] += scroll[0]
            area["y"] += scroll[1]
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / "toggle-open.png", full_page=True, clip=area)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_dark_palette_applies_to_tables(open_page: Any, path: str) -> None:
    light = open_page(path, "light").evaluate(TABLE_COLOURS)
    dark_page = open_page(path, "dark")
    dark = dark_page.evaluate(TABLE_COLOURS)
    assert len(dark) == len(light)
    page_bg = _rgba(dark_page.evaluate("getComputedStyle(document.body).backgroundColor"))
    for number, (day, night) in enumerate(zip(light, dark, strict=True), start=1):
        where = f"table {number} on {path or 'home'}"
        assert night["background"] != day["background"], where
        assert night["text"] != day["text"], where
        assert night["border"] != day["border"], where
        if night["header"] is not None:
            assert night["header"] != day["header"], where
        background = _rgba(night["background"])
        under = background if background[3] == 1 else page_bg
        assert _luminance(under) < 0.1, f"{where}: dark background"
        assert _luminance(_rgba(night["text"]), under) > 0.4, f"{where}: light text"


# ---- axe-core ------------------------------------------------------------------

# Findings inside a ListTable block that are not ours: markup and colours that
# the theme or another extension gives the same element everywhere on the page,
# in or out of a table. Each is still written to the report, as the theme's.
NOT_OURS = {
    # Material's syntax colours (--md-code-hl-*), some under 4.5:1 on its code
    # background; excused only where the code keeps that background (see WHERE).
    "color-contrast": ".highlight code span",
    # Material puts an unlabelled <nav class="md-code__nav"> in every code block.
    "landmark-unique": "nav.md-code__nav",
    # pymdownx.tasklist's checkboxes carry no label, in a cell as in a paragraph.
    "label": ".task-list-item > input[type=checkbox]",
    # Material tells links from text by colour alone, in a cell as in a paragraph.
    "link-in-text-block": "a",
}

# Where an axe node (its target's last selector) is: "ours" inside a ListTable
# block, "theme" inside one but excused by NOT_OURS, "page" elsewhere.
WHERE = """
([selector, rule, excused]) => {
  const element = document.querySelector(selector);
  if (element === null || element.closest('.listtable') === null) return 'page';
  if (excused === null || !element.matches(excused)) return 'ours';
  if (rule !== 'color-contrast') return 'theme';
  // Code colours are the theme's only on the theme's own code background.
  const probe = document.createElement('div');
  probe.style.background = 'var(--md-code-bg-color)';
  document.querySelector('.md-typeset').append(probe);
  const theirs = getComputedStyle(probe).backgroundColor;
  probe.remove();
  let backdrop = element;
  while (backdrop && getComputedStyle(backdrop).backgroundColor === 'rgba(0, 0, 0, 0)')
    backdrop = backdrop.parentElement;
  return backdrop && getComputedStyle(backdrop).backgroundColor === theirs ? 'theme' : 'ours';
}
"""


def _audit(page: Page) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run axe over the whole page; split its violations into ours and the rest."""
    from axe_playwright_python.sync_playwright import Axe

    # The code in the toggles is part of what a reader sees: audit it opened.
    page.evaluate(
        "document.querySelectorAll('details.listtable__source').forEach(d => d.open = true)"
    )
    results = Axe().run(page)
    ours, others = [], []
    for violation in results.response["violations"]:
        rule = violation["id"]
        for node in violation["nodes"]:
            target = node["target"][-1]
            selector = target if isinstance(target, str) else target[-1]
            where = page.evaluate(WHERE, [selector, rule, NOT_OURS.get(rule)])
            finding = {
                "rule": rule,
                "impact": node.get("impact") or violation["impact"],
                "where": where,
                "selector": selector,
                "html": node["html"][:200],
                "summary": node.get("failureSummary", ""),
            }
            (ours if where == "ours" else others).append(finding)
    return ours, others


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_axe_finds_nothing_in_our_tables_and_toggles(
    open_page: Any, path: str, scheme: str
) -> None:
    ours, others = _audit(open_page(path, scheme))
    report = ARTIFACTS / "axe" / f"{_page_id(path)}-{scheme}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"ours": ours, "others": others}, indent=2), encoding="utf-8")
    assert ours == [], f"axe violations inside .listtable (all findings: {report})"


# ---- A small site of our own ---------------------------------------------------


# Eight header columns, each at least 5em wide: wider than a phone.
WIDE = (
    "<ListTable headerRows={1}>\n"
    + "".join(
        "- " + "".join(f"{'- ' if n == 0 else '  - '}{word} {n}\n" for n in range(8))
        for word in ("Column", "cell", "cell")
    )
    + "</ListTable>\n"
)


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A Material site with a known [r2]/[c2] table and a table wider than a phone."""
    root = tmp_path_factory.mktemp("own")
    build_site(
        root,
        {"index.md": f"# Tables\n\n{REVENUE_TABLE}\n{WIDE}"},
        theme="material",
    )
    with serve(root / "site") as url:
        yield Served(root / "site", url)


def test_r2_is_two_rows_tall_and_c2_two_columns_wide(browser: Browser, own_site: Served) -> None:
    context = _context(browser, own_site.url, "light")
    try:
        page = _open(context, own_site.url)
        table = page.locator(".listtable table").first
        rows = [table.locator("tbody tr").nth(i).bounding_box() for i in range(2)]
        h1 = table.locator("th[rowspan='2']").bounding_box()
        revenue = table.locator("th[colspan='2']").bounding_box()
        sales = table.get_by_text("Sales", exact=True).bounding_box()
        services = table.get_by_text("Services", exact=True).bounding_box()
        assert None not in (*rows, h1, revenue, sales, services)
        assert h1["y"] == pytest.approx(rows[0]["y"], abs=TOLERANCE)
        assert h1["height"] == pytest.approx(rows[0]["height"] + rows[1]["height"], abs=TOLERANCE)
        assert revenue["x"] == pytest.approx(sales["x"], abs=TOLERANCE)
        assert revenue["x"] + revenue["width"] == pytest.approx(
            services["x"] + services["width"], abs=TOLERANCE
        )
    finally:
        context.close()


def test_wide_table_scrolls_in_its_wrapper_on_a_phone(browser: Browser, own_site: Served) -> None:
    context = _context(browser, own_site.url, "light", viewport={"width": 375, "height": 800})
    try:
        page = _open(context, own_site.url)
        scroll = page.locator(".listtable__scroll").nth(1)
        scroll.scroll_into_view_if_needed()
        widths = scroll.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert widths[0] > widths[1], "the wide table overflows its wrapper"
        page_widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert page_widths[0] <= page_widths[1], "the page itself does not scroll sideways"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "phone-wide-table.png", full_page=True)
    finally:
        context.close()


def test_axe_finds_nothing_in_a_table_that_scrolls(browser: Browser, own_site: Served) -> None:
    context = _context(browser, own_site.url, "light", viewport={"width": 375, "height": 800})
    try:
        ours, _ = _audit(_open(context, own_site.url))
        assert ours == []
    finally:
        context.close()
