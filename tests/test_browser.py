"""The demo site and a small site of our own in a real browser (Chromium under Playwright).

The demo (top-level mkdocs.yml, Material theme) is built once per session and
served on the loopback interface; every page is looked at in the light and the
dark palette: screenshots into test-artifacts/browser/, an axe-core audit, the
geometry of merged cells, the source toggles.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from .browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    THEME_CASES,
    THEME_PAGES,
    THEME_SITES,
    build_demo,
    built_pages,
    demo_pages,
    require_chromium,
    serve,
)
from .sites import REVENUE_TABLE, build_site
from .test_headers import check_headers

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

PAGES = demo_pages()
SCHEMES = ["light", "dark"]
# Material's name for each palette, on <body data-md-color-scheme>.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
SHOTS = ARTIFACTS / "browser"
# A laptop and a phone.
WIDTHS = [1280, 390]
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

# Colours of each ListTable's table as the palette draws them; backgrounds as
# seen, that is of the first element behind with one (the table is transparent).
TABLE_COLOURS = """
() => Array.from(document.querySelectorAll('.listtable > .listtable__scroll table'), table => {
  const style = el => el ? getComputedStyle(el) : null;
  const seen = el => {
    while (el && style(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
    return el ? style(el).backgroundColor : 'rgb(255, 255, 255)';
  };
  const td = table.querySelector('td'), th = table.querySelector('th');
  return {
    background: seen(table),
    text: style(td || th).color,
    header: th ? seen(th) : null,
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


# Where each ListTable block stands against the content column, and whether the page scrolls.
FIT = """
() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  return {
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    outside: Array.from(document.querySelectorAll('.md-content .listtable'), block => {
      const box = block.getBoundingClientRect();
      if (box.width === 0) return null;  // in a content tab not shown
      return box.left < column.left - 1 || box.right > column.right + 1
        ? block.textContent.trim().slice(0, 40) : null;
    }).filter(Boolean),
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_every_table_fits_the_page(open_page: Any, path: str, scheme: str, width: int) -> None:
    """On a laptop and on a phone, no table pushes out of the text column or scrolls the page,
    and no word or identifier in a cell is broken across lines.

    The screenshots go to test-artifacts/browser/, for a person to look at.
    """
    page = open_page(path, scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(50)
    found = page.evaluate(FIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{_page_id(path)}-{scheme}-{width}.png", full_page=True)
    assert found["page"][0] <= found["page"][1], "the page scrolls sideways"
    assert found["outside"] == [], "tables outside the text column"
    for table in page.locator(".md-content .listtable > .listtable__scroll table").all():
        assert table.evaluate(BROKEN_WORDS) == [], "a word or identifier broken across lines"


@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_demo_tables_name_the_right_headers(demo: Served, path: str) -> None:
    """The HTML standard's header-cell algorithm, over every table of the demo."""
    tables = demo.soup(path).select("div.listtable table")
    for table in tables:
        check_headers(table)


def test_the_demo_shows_the_looks(demo: Served) -> None:
    """A table wider than a phone and one with multi-level headers, for the tests below."""
    soup = demo.soup("looks/")
    assert soup.select("div.listtable table th[scope=colgroup]")
    assert soup.select("div.listtable table th[scope=rowgroup]")
    assert soup.select("div.listtable table td[headers]")


def test_a_wide_demo_table_scrolls_on_a_phone(open_page: Any) -> None:
    page = open_page("looks/")
    page.set_viewport_size({"width": 390, "height": 800})
    region = page.locator(".listtable__scroll").first
    region.scroll_into_view_if_needed()
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1]
    assert region.get_attribute("tabindex") == "0"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "looks-phone.png", full_page=True)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_picture_follows_the_palette(open_page: Any, scheme: str) -> None:
    """The demo's picture is dark on a dark page and light on a light one."""
    page = open_page("rich-content/", scheme)
    image = page.locator("img[src$='merged-cells.svg']").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    box = image.bounding_box()
    assert box is not None
    picture = _luminance(tuple(_mean_colour(page, box)))
    page_colour = _rgba(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert abs(picture - _luminance(page_colour)) < 0.35, f"{picture:.2f} on a {scheme} page"


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

        # The toggle hangs under the table as part of the same block; opened, the
        # source may take the column's whole width.
        table = block.locator(":scope > .listtable__scroll").bounding_box()
        box = toggle.bounding_box()
        assert table is not None and box is not None
        assert box["x"] == pytest.approx(table["x"], abs=TOLERANCE)
        assert box["width"] >= table["width"] - TOLERANCE
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
    # background, in code blocks of cells; excused only where the code keeps that
    # background (see WHERE). The source toggles' colours are ours.
    "color-contrast": ".highlight code span:not(.listtable__source *)",
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
  let element = document.querySelector(selector);
  // A word of code of several words (codewords.py) draws nothing of its own:
  // it is judged as its code.
  while (element !== null && element.matches('code > span:not([class])')
         && getComputedStyle(element).color === getComputedStyle(element.parentElement).color
         && getComputedStyle(element).backgroundColor === 'rgba(0, 0, 0, 0)')
    element = element.parentElement;
  if (element === null || element.closest('.listtable') === null) return 'page';
  const backdrop = el => {
    while (el && getComputedStyle(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
    return el ? getComputedStyle(el).backgroundColor : null;
  };
  if (rule === 'color-contrast') {
    // Colours that stay the same without our stylesheet are the theme's (its link
    // colour on its own row stripe, its warning admonition's title).
    const seen = () => [getComputedStyle(element).color, backdrop(element)].join();
    const ours = Array.from(document.styleSheets).filter(
      sheet => sheet.href && /\\/listtable\\.css(\\?|$)/.test(sheet.href));
    const drawn = seen();
    ours.forEach(sheet => { sheet.disabled = true; });
    const without = seen();
    ours.forEach(sheet => { sheet.disabled = false; });
    if (ours.length && drawn === without) return 'theme';
    // Colours the theme gives the same element outside our tables (its inline
    // code, say) are the theme's: the same text on the same background.
    const colour = getComputedStyle(element).color, under = backdrop(element);
    for (const other of document.getElementsByTagName(element.tagName))
      if (other.closest('.listtable') === null && getComputedStyle(other).color === colour
          && backdrop(other) === under) return 'theme';
  }
  if (excused === null || !element.matches(excused)) return 'ours';
  if (rule !== 'color-contrast') return 'theme';
  // Code colours are the theme's only on the theme's own code background.
  const probe = document.createElement('div');
  probe.style.background = 'var(--md-code-bg-color)';
  document.querySelector('.md-typeset').append(probe);
  const theirs = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return backdrop(element) === theirs ? 'theme' : 'ours';
}
"""


def _audit(page: Page, opened: bool = True) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run axe over the whole page; split its violations into ours and the rest.

    With `opened`, the source toggles are opened first: their code is part of what a reader sees.
    """
    from axe_playwright_python.sync_playwright import Axe

    if opened:
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
    """With the toggles opened, on a laptop and on a phone."""
    page = open_page(path, scheme)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(50)
        ours, others = _audit(page)
        report = ARTIFACTS / "axe" / f"{_page_id(path)}-{scheme}-{width}.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps({"ours": ours, "others": others}, indent=2), encoding="utf-8")
        assert ours == [], f"axe violations inside .listtable at {width} px (all: {report})"


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


# ---- Every theme: the same page in Material (light, dark), mkdocs (light, dark), readthedocs ----


@pytest.fixture(scope="session")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Served]]:
    """THEME_PAGES built once per theme, each site served for the session."""
    with ExitStack() as stack:
        served = {}
        for name, theme in THEME_SITES.items():
            root = tmp_path_factory.mktemp(f"theme-{name}")
            build_site(root, THEME_PAGES, theme=theme["name"], extra={"theme": theme})
            served[name] = Served(root / "site", stack.enter_context(serve(root / "site")))
        yield served


@pytest.fixture
def theme_page(browser: Browser, themed: dict[str, Served]) -> Iterator[Any]:
    """Open a page of THEME_PAGES (THEME_PAGE by default) in a theme and palette at a width.

    Everything opened is closed after the test.
    """
    contexts: list[BrowserContext] = []

    def open_theme(case: str, width: int = 1280, path: str = "", **options: Any) -> Page:
        site, scheme = THEME_CASES[case]
        served = themed[site]
        context = _context(
            browser, served.url, scheme, viewport={"width": width, "height": 900}, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(served.url + path)
        page.wait_for_load_state("load")
        # The themes' scripts (wrapping, classes) and ours have run.
        page.wait_for_function("document.querySelector('.listtable table') !== null")
        page.wait_for_timeout(100)
        return page

    yield open_theme
    for context in contexts:
        context.close()


# Computed styles a reader sees (`props`) of the first element each selector finds,
# the theme's own and ours; with the backgrounds behind it, innermost first, to be
# composited (a transparent cell on a white page is a white cell).
STYLES = """
([props, theirSelector, ourSelector]) => {
  const layers = el => {
    const found = [];
    for (let e = el; e; e = e.parentElement) found.push(getComputedStyle(e).backgroundColor);
    return found;
  };
  const pick = el => {
    const style = getComputedStyle(el);
    return {...Object.fromEntries(props.map(p => [p, style[p]])), backgrounds: layers(el)};
  };
  return [pick(document.querySelector(theirSelector)), pick(document.querySelector(ourSelector))];
}
"""
CELL_PROPS = [
    *("fontFamily", "fontSize", "fontWeight", "fontStyle", "color", "lineHeight"),
    *("paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "verticalAlign", "textAlign"),
    *("borderTopStyle", "borderTopColor", "borderBottomStyle", "borderBottomColor"),
    *("minWidth", "boxShadow", "textTransform", "letterSpacing"),
    *("whiteSpace", "wordBreak", "overflowWrap"),
]
CAPTION_PROPS = [
    *("fontFamily", "fontSize", "fontStyle", "fontWeight", "color", "lineHeight", "textAlign"),
    *("captionSide", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft"),
    *("textTransform", "letterSpacing"),
]


def _composite(layers: list[str]) -> tuple[float, float, float]:
    """The colour a stack of backgrounds shows, innermost first, over white."""
    colour = (255.0, 255.0, 255.0)
    for css in reversed(layers):
        r, g, b, a = _rgba(css)
        colour = (
            r * a + colour[0] * (1 - a),
            g * a + colour[1] * (1 - a),
            b * a + colour[2] * (1 - a),
        )
    return colour


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
@pytest.mark.parametrize(
    ("pipe", "ours"),
    [
        ("table:not(.listtable table) thead th", ".listtable table thead th:not([colspan])"),
        ("table:not(.listtable table) tbody td", ".listtable table tbody td:not([rowspan])"),
        (
            "table:not(.listtable table) tbody tr:nth-child(2) td",
            ".listtable table tbody tr:nth-child(2) td",
        ),
    ],
    ids=["header", "cell", "second-row"],
)
def test_a_listtable_looks_like_the_themes_own_table(
    theme_page: Any, case: str, pipe: str, ours: str, width: int
) -> None:
    """A pipe table and the same ListTable: header, cell and the next row's stripe alike."""
    theirs, mine = theme_page(case, width).evaluate(STYLES, [CELL_PROPS, pipe, ours])
    assert _composite(mine.pop("backgrounds")) == pytest.approx(
        _composite(theirs.pop("backgrounds")), abs=1
    )
    assert mine == theirs


# Where a block's caption stands against its table's rows and the toggle.
CAPTION_PLACE = """
block => {
  const box = el => el.getBoundingClientRect().toJSON();
  const table = block.querySelector(':scope > .listtable__scroll table');
  const rows = Array.from(table.rows);
  return {
    caption: box(table.caption), table: box(table),
    rowsTop: box(rows[0]).top, rowsBottom: box(rows[rows.length - 1]).bottom,
    toggleTop: box(block.querySelector(':scope > details')).top,
    side: getComputedStyle(table.caption).captionSide,
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_the_caption_is_the_themes_and_stays_put(theme_page: Any, case: str, width: int) -> None:
    """A caption is drawn as the theme draws its own tables' captions, and never moves.

    Material draws none: there the caption is a title over the table, at the
    start of the line, bold, in the muted text colour at 4.5:1 at least.
    """
    page = theme_page(case, width)
    theirs, ours = page.evaluate(
        STYLES,
        [CAPTION_PROPS, "table:not(.listtable table) > caption", ".listtable table > caption"],
    )
    if THEME_CASES[case][0] == "material":
        assert ours["captionSide"] == "top" and ours["textAlign"] in ("start", "left")
        assert ours["fontWeight"] == "700"
        assert ours["fontSize"] == page.evaluate(
            "getComputedStyle(document.querySelector('.listtable table')).fontSize"
        )
        assert _contrast(ours["color"], ours["backgrounds"]) >= 4.5
    else:
        assert _composite(ours.pop("backgrounds")) == pytest.approx(
            _composite(theirs.pop("backgrounds")), abs=1
        )
        assert ours == theirs
    blocks = page.locator(".listtable:not(.listtable--error):has(> .listtable__scroll caption)")
    assert blocks.count() >= 2
    for block in blocks.all():
        block.scroll_into_view_if_needed()
        before = block.evaluate(CAPTION_PLACE)
        # On its side of the rows, across the table, clear of the toggle.
        caption, table = before["caption"], before["table"]
        if before["side"] == "top":
            assert caption["bottom"] <= before["rowsTop"] + TOLERANCE
        else:
            assert caption["top"] >= before["rowsBottom"] - TOLERANCE
        assert caption["left"] == pytest.approx(table["left"], abs=TOLERANCE)
        assert caption["right"] == pytest.approx(table["right"], abs=TOLERANCE)
        assert caption["bottom"] <= before["toggleTop"] + TOLERANCE
        summary = block.locator(":scope > details > summary")
        summary.click()
        block.locator(":scope > details pre").wait_for(state="visible")
        opened = block.evaluate(CAPTION_PLACE)
        summary.click()
        closed = block.evaluate(CAPTION_PLACE)
        for key in ("x", "y", "width", "height"):
            assert opened["caption"][key] == pytest.approx(caption[key], abs=0.5), key
            assert closed["caption"][key] == pytest.approx(caption[key], abs=0.5), key


# Each word outside code blocks under `root`, as [text, range] (a JavaScript
# function, put inside the functions below).
WORDS = """
  const words = root => {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('pre')) continue;
      // Prose may break after a hyphen ("Python-/Markdown"), as it does everywhere
      // on the page; code never does.
      const pattern = node.parentElement.closest('code') ? /\\S+/g : /[^\\s-]+-*|-+/g;
      for (const match of node.data.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        found.push([match[0], range]);
      }
    }
    return found;
  };
"""

# Every word and every piece of inline code in the cells of a table, with the
# number of line boxes it takes (a word broken across lines takes two).
BROKEN_WORDS = (
    "table => {"
    + WORDS
    + """
  const broken = [];
  for (const [word, range] of words(table)) {
    const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
    if (lines.size > 1) broken.push(word);
  }
  // Code of several words wraps between them (each word is checked above).
  for (const code of table.querySelectorAll('td code, th code')) {
    if (code.closest('pre') || /\\s/.test(code.textContent.trim())) continue;
    const lines = new Set(Array.from(code.getClientRects(), r => Math.round(r.top)));
    if (lines.size > 1) broken.push(code.textContent);
  }
  return broken;
}
"""
)

# Who scrolls: the scroll region, and every element between it and the table.
SCROLLERS = """
region => {
  const table = region.querySelector('table');
  const chain = [];
  for (let e = table.parentElement; e !== region; e = e.parentElement)
    chain.push({cls: e.className, scrolls: e.scrollWidth > e.clientWidth + 1,
                overflow: getComputedStyle(e).overflowX});
  return {
    region: [region.scrollWidth, region.clientWidth],
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    wrappers: chain,
  };
}
"""


def _wide_region(page: Any) -> Any:
    """The theme page's wide table's scroll region, scrolled into view."""
    region = page.locator(".listtable__scroll").filter(has_text="commentsConnection")
    region.scroll_into_view_if_needed()
    return region


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_a_wide_table_scrolls_in_its_region_and_keeps_its_words(
    theme_page: Any, case: str, width: int
) -> None:
    page = theme_page(case, width)
    wide = _wide_region(page)
    for table in page.locator(".listtable table").all():
        assert table.evaluate(BROKEN_WORDS) == [], "a word or identifier broken across lines"
    found = wide.evaluate(SCROLLERS)
    assert found["region"][0] > found["region"][1], "the wide table overflows its region"
    assert found["page"][0] <= found["page"][1], "the page does not scroll sideways"
    # The theme's wrappers between the region and the table do not scroll on their own.
    assert [w for w in found["wrappers"] if w["overflow"] != "visible"] == []
    # The region that scrolls is a named, focusable region.
    assert wide.get_attribute("tabindex") == "0" and wide.get_attribute("role") == "region"


# Each column of each table (cells spanning one column): the width of its
# cells' content box; the widest word or identifier in them (`word`); what the
# cells need at the least once each code of several words may wrap between
# its words (`need`: the content laid out as narrow as it goes, each such code
# cut to its longest word, so a cell that does not wrap keeps its line); `cap`
# is 40ch of the cell's font. With `squeezed`, the table is laid out as narrow
# as it can be (min-content), which is what a column takes at the least.
COLUMN_NEEDS = (
    "(table, squeezed) => {"
    + WORDS
    + """
  const need = cell => {
    // A span: a div would be block content, which a theme's stylesheet may tell apart.
    const probe = document.createElement('span');
    probe.style.cssText = 'display:block;position:absolute;visibility:hidden;width:min-content';
    for (const child of cell.childNodes) probe.append(child.cloneNode(true));
    for (const code of probe.querySelectorAll('code:not(pre code)')) {
      const words = code.textContent.trim().split(/\\s+/);
      if (words.length > 1)
        code.textContent = words.reduce((a, b) => (b.length > a.length ? b : a));
    }
    cell.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  if (squeezed) { table.style.width = '0'; table.style.minWidth = '0'; }
  const columns = {};
  const taken = new Set();  // "row,col" slots covered by a cell from a row above
  Array.from(table.rows).forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r},${col}`)) col++;
      const at = col;
      for (let dr = 1; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${at + dc}`);
      col += cell.colSpan;
      if (cell.colSpan !== 1) continue;
      const style = getComputedStyle(cell);
      const content = cell.getBoundingClientRect().width
        - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const probe = document.createElement('span');
      probe.style.cssText = 'display:inline-block;width:40ch';
      cell.appendChild(probe);
      const cap = probe.getBoundingClientRect().width;
      probe.remove();
      let word = 0, text = '';
      for (const [found, range] of words(cell)) {
        const w = range.getBoundingClientRect().width;
        if (w > word) { word = w; text = found; }
      }
      for (const code of cell.querySelectorAll('code:not(pre code)'))
        if (!/\\s/.test(code.textContent.trim()) && code.getBoundingClientRect().width > word) {
          word = code.getBoundingClientRect().width;
          text = code.textContent;
        }
      const c = columns[at] ||= {content: Infinity, word: 0, text: '', need: 0, cap: 0};
      c.content = Math.min(c.content, content);
      if (word > c.word) { c.word = word; c.text = text; }
      c.need = Math.max(c.need, need(cell));
      c.cap = Math.max(c.cap, cap);
    }
  });
  if (squeezed) { table.style.width = ''; table.style.minWidth = ''; }
  return Object.values(columns);
}
"""
)

# The words of code of several words (codewords.py) in a table's cells: each must
# draw nothing of its own, so that the code looks as the theme draws it.
CODE_WORDS = """
table => Array.from(
  table.querySelectorAll('td code:not(pre code) > span, th code:not(pre code) > span'),
  span => {
    const own = getComputedStyle(span), code = getComputedStyle(span.parentElement);
    return {
      text: span.textContent,
      className: span.className,
      color: own.color === code.color,
      font: own.font === code.font,
      background: own.backgroundColor,
      boxes: [own.paddingLeft, own.paddingRight, own.borderLeftWidth, own.borderRightWidth,
              own.marginLeft, own.marginRight],
    };
  })
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_columns_keep_their_words_up_to_a_cap(theme_page: Any, case: str, width: int) -> None:
    """Long code (whole messages) wraps between its words and does not widen its column.

    No column is narrower than its widest word or identifier, nor, at its
    narrowest, wider than the cap unless its cells need it (an identifier, or
    a line the theme does not wrap). The diagnostics of the validation page
    are messages in code; their words draw nothing of their own.
    """
    page = theme_page(case, width, "validation/")
    tables = page.locator(".listtable > .listtable__scroll table").all()
    assert len(tables) >= 3
    split = 0
    for table in tables:
        assert table.evaluate(BROKEN_WORDS) == [], "a word or identifier broken across lines"
        for column in table.evaluate(COLUMN_NEEDS, False):
            assert column["content"] >= column["word"] - TOLERANCE, column
        for column in table.evaluate(COLUMN_NEEDS, True):
            assert column["content"] <= max(column["cap"], column["need"]) + TOLERANCE, column
        for word in table.evaluate(CODE_WORDS):
            split += 1
            assert word["className"] == "" and word["color"] and word["font"], word
            assert word["background"] == "rgba(0, 0, 0, 0)", word
            assert word["boxes"] == ["0px"] * 6, word
    assert split > 50, "the messages are in code of several words"


def _mean_colour(page: Page, clip: dict[str, float]) -> list[float]:
    """The mean colour of a part of the screen, as the browser draws it."""
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    return list(ImageStat.Stat(image).mean)


def _edge_shade(page: Page, region: Any, side: str) -> float:
    """How far a strip along one edge of the region is from the region's middle (0-255).

    Measured with the table's content hidden (its layout kept): what is left is
    what the region draws behind it, the edge shadows.
    """
    box = region.bounding_box()
    assert box is not None
    strip = {"y": box["y"] + 2, "width": 4.0, "height": box["height"] - 4}
    edge = _mean_colour(
        page, {**strip, "x": box["x"] + (box["width"] - 5 if side == "right" else 1)}
    )
    middle = _mean_colour(page, {**strip, "x": box["x"] + box["width"] / 2})
    return max(abs(a - b) for a, b in zip(edge, middle, strict=True))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_a_shadow_shows_there_is_more_to_scroll(theme_page: Any, case: str, width: int) -> None:
    page = theme_page(case, width)
    region = _wide_region(page)
    region.evaluate("el => { el.querySelector('table').style.visibility = 'hidden'; }")
    at_start = _edge_shade(page, region, "right"), _edge_shade(page, region, "left")
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_timeout(50)
    at_end = _edge_shade(page, region, "right"), _edge_shade(page, region, "left")
    assert at_start[0] > at_end[0] + 4, "a shade on the right while more is to the right"
    assert at_end[1] > at_start[1] + 4, "a shade on the left once scrolled"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("case", THEME_CASES)
def test_only_a_table_that_scrolls_is_a_tab_stop(
    theme_page: Any, case: str, javascript: bool, width: int
) -> None:
    page = theme_page(case, width, java_script_enabled=javascript)
    regions = page.locator(".listtable__scroll")
    stops = {
        region.evaluate("el => el.querySelector('th, td').textContent.trim()"): (
            region.get_attribute("tabindex"),
            region.get_attribute("role"),
            region.evaluate("el => el.scrollWidth > el.clientWidth + 1"),
        )
        for region in regions.all()
    }
    assert stops["Field"] == ("0", "region", True)
    for tabindex, role, scrolls in stops.values():
        # Without scripts every table is reachable (and scrollable) from the keyboard.
        expected = ("0", "region") if scrolls or not javascript else (None, None)
        assert (tabindex, role) == expected
    if width == 1280:
        assert stops["Name"][2] is False, "a table that fits, to take out of the tab order"


# The theme's accent colour: Material's accent, Bootstrap's primary, readthedocs' links.
_PROBE = """() => { const p = document.createElement('span'); p.style.color = 'var(%s)';
  document.body.append(p); const c = getComputedStyle(p).color; p.remove(); return c; }"""
ACCENT = {
    "material": _PROBE % "--md-accent-fg-color",
    "mkdocs": _PROBE % "--bs-primary",
    "mkdocs-dark": _PROBE % "--bs-primary",
    "readthedocs": "() => getComputedStyle(document.querySelector('footer a:not(.btn)')).color",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_focus_ring_is_the_themes_accent(theme_page: Any, case: str, width: int) -> None:
    page = theme_page(case, width)
    region = _wide_region(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the scroll region of the wide table")
    ring = region.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    accent = page.evaluate(ACCENT[THEME_CASES[case][0]])
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 1
    assert _rgba(ring[2])[:3] == _rgba(accent)[:3]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_opening_a_toggle_moves_no_table(theme_page: Any, case: str, width: int) -> None:
    page = theme_page(case, width)
    for block in page.locator(".listtable:not(.listtable--error)").all():
        region, toggle = (
            block.locator(":scope > .listtable__scroll"),
            block.locator(":scope > details"),
        )
        block.scroll_into_view_if_needed()
        before = region.evaluate("el => el.getBoundingClientRect().toJSON()")
        closed = toggle.bounding_box()
        toggle.locator("summary").click()
        toggle.locator("pre").wait_for(state="visible")
        after = region.evaluate("el => el.getBoundingClientRect().toJSON()")
        opened = toggle.bounding_box()
        for key in ("x", "y", "width", "height"):
            assert after[key] == pytest.approx(before[key], abs=0.5), key
        assert closed is not None and opened is not None
        # Closed, the toggle hangs under the table at its width; opened, it may take the column.
        assert closed["width"] == pytest.approx(before["width"], abs=TOLERANCE)
        assert opened["width"] >= closed["width"] - TOLERANCE
        toggle.locator("summary").click()
        again = region.evaluate("el => el.getBoundingClientRect().toJSON()")
        assert again["width"] == pytest.approx(before["width"], abs=0.5)


# The opened toggle's code: its padding, and each highlighted token's colour on the
# background it is drawn on.
TOKENS = """
details => {
  const code = details.querySelector('pre code');
  const layers = el => {
    const found = [];
    for (let e = el; e; e = e.parentElement) found.push(getComputedStyle(e).backgroundColor);
    return found;
  };
  const text = document.createRange();
  text.selectNodeContents(code);
  const tokens = Array.from(code.querySelectorAll('span'), span => ({
    text: span.textContent, cls: span.className, color: getComputedStyle(span).color,
    backgrounds: layers(span),
  })).filter(t => t.text.trim());
  return {
    inset: text.getClientRects()[0].left - details.getBoundingClientRect().left,
    top: text.getClientRects()[0].top - details.querySelector('pre').getBoundingClientRect().top,
    tokens,
    plain: {color: getComputedStyle(code).color, backgrounds: layers(code)},
  };
}
"""


def _contrast(fg: str, layers: list[str]) -> float:
    back = _composite(layers)
    fore = _rgba(fg)
    over = tuple(f * fore[3] + b * (1 - fore[3]) for f, b in zip(fore[:3], back, strict=True))
    lum = sorted([_luminance((*over, 1.0)), _luminance((*back, 1.0))])
    return (lum[1] + 0.05) / (lum[0] + 0.05)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", THEME_CASES)
def test_source_is_padded_and_highlighted_legibly(theme_page: Any, case: str, width: int) -> None:
    page = theme_page(case, width)
    toggle = page.locator(".listtable:not(.listtable--error) > details").first
    toggle.locator("summary").click()
    found = toggle.evaluate(TOKENS)
    assert found["inset"] >= 8, "the code does not touch the toggle's border"
    assert found["top"] >= 4
    colours = {t["color"] for t in found["tokens"]}
    assert len(colours) >= 4, f"highlighted: {colours}"
    for token in [*found["tokens"], found["plain"]]:
        ratio = _contrast(token["color"], token["backgrounds"])
        assert ratio >= 4.5, f"{token.get('cls')} {token.get('text')!r}: {ratio:.2f}:1"


# The error panel and the theme's own warning admonition, as drawn.
WARNINGS = """
() => {
  const style = (el, pseudo) => {
    const s = getComputedStyle(el, pseudo);
    return ['backgroundColor', 'color', 'borderLeftColor', 'borderLeftStyle', 'borderLeftWidth',
            'fontWeight', 'content', 'maskImage', 'webkitMaskImage', 'fontFamily', 'paddingLeft']
      .reduce((o, p) => (o[p] = s[p], o), {});
  };
  const pair = box => {
    const title = box.querySelector('.admonition-title');
    return {box: style(box), title: style(title), icon: style(title, '::before')};
  };
  return [pair(document.querySelector('.admonition.warning:not(.listtable__errors)')),
          pair(document.querySelector('.listtable__errors'))];
}
"""


@pytest.mark.parametrize("case", THEME_CASES)
def test_the_error_panel_is_the_themes_warning(theme_page: Any, case: str) -> None:
    theirs, ours = theme_page(case).evaluate(WARNINGS)
    assert ours == theirs
    title = ours["title"]
    assert title["fontWeight"] in ("700", "bold")


@pytest.mark.parametrize("case", THEME_CASES)
def test_print_shows_whole_tables_without_toggles(theme_page: Any, case: str) -> None:
    page = theme_page(case, 800)
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('.listtable'), block => {
          const region = block.querySelector(':scope > .listtable__scroll');
          const toggle = block.querySelector(':scope > details');
          const table = region && region.querySelector('table');
          return {
            toggle: toggle ? getComputedStyle(toggle).display : 'none',
            clipped: region ? region.scrollWidth > region.clientWidth + 1 : false,
            overflow: region ? getComputedStyle(region).overflowX : 'visible',
            right: table ? table.getBoundingClientRect().right : 0,
            head: table && table.tHead
              ? getComputedStyle(table.tHead).display : 'table-header-group',
          };
        })"""
    )
    width = page.evaluate("document.documentElement.clientWidth")
    for block in found:
        assert block["toggle"] == "none"
        assert not block["clipped"] and block["overflow"] == "visible"
        assert block["right"] <= width + 1, "the table fits the paper"
        assert block["head"] == "table-header-group", "header rows repeat on every page"


@pytest.mark.parametrize("path", ["", "validation/"], ids=["tables", "validation"])
@pytest.mark.parametrize("opened", [False, True], ids=["closed", "opened"])
@pytest.mark.parametrize("case", THEME_CASES)
def test_axe_finds_nothing_of_ours_in_any_theme(
    theme_page: Any, case: str, opened: bool, path: str
) -> None:
    for width in WIDTHS:
        ours, _ = _audit(theme_page(case, width, path), opened=opened)
        assert ours == [], f"at {width} px"


# ---- Sorting with Material's tablesort recipe -------------------------------------


@pytest.fixture(scope="session")
def tablesort() -> Path:
    """The `tablesort` package from npm, installed once into a cache folder."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is missing: the sorting test installs the tablesort package with it")
    cache = Path(tempfile.gettempdir()) / "mkdocs-listtable-tests" / "npm"
    script = cache / "node_modules" / "tablesort" / "dist" / "tablesort.min.js"
    if not script.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(cache),
                "tablesort@5",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0 or not script.is_file():
            pytest.fail(f"npm install tablesort failed:\n{result.stderr[-2000:]}")
    return script


SORT_PAGE = """\
# Sorting

| Name | Size |
| --- | --- |
| beta | 20 |
| alpha | 3 |
| gamma | 100 |

<ListTable headerRows={1}>
- - Name
  - Size
- - beta
  - 20
- - alpha
  - 3
- - gamma
  - 100
</ListTable>

<ListTable headerRows={1}>
- - Group
  - Name
- - [r2] first
  - beta
- - _
  - alpha
- - second
  - gamma
</ListTable>
"""

# Material's documented recipe (reference/data-tables, "Sortable tables").
RECIPE = """\
document$.subscribe(function() {
  var tables = document.querySelectorAll("article table:not([class])")
  tables.forEach(function(table) {
    new Tablesort(table)
  })
})
"""


def test_tablesort_sorts_simple_listtables_and_leaves_spanned_ones(
    browser: Browser, tablesort: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs" / "javascripts"
    docs.mkdir(parents=True)
    shutil.copy(tablesort, docs / "tablesort.min.js")
    (docs / "tablesort.js").write_text(RECIPE, encoding="utf-8")
    build_site(
        tmp_path,
        {"index.md": SORT_PAGE},
        theme="material",
        extra={"extra_javascript": ["javascripts/tablesort.min.js", "javascripts/tablesort.js"]},
    )
    rows = (
        "table => Array.from(table.tBodies,"
        " b => Array.from(b.rows, r => r.textContent.trim().split(/\\s+/)))"
    )
    with serve(tmp_path / "site") as url:
        context = _context(browser, url, "light")
        try:
            page = _open(context, url)
            tables = page.locator("article table")
            assert tables.count() == 3
            pipe, simple, spanned = (tables.nth(i) for i in range(3))
            before = spanned.evaluate(rows)
            for header in (1, 0):
                for table in (pipe, simple):
                    table.locator("thead th").nth(header).click()
                assert simple.evaluate(rows) == pipe.evaluate(rows)
            assert simple.evaluate(rows) != [[["beta", "20"], ["alpha", "3"], ["gamma", "100"]]]
            for header in spanned.locator("thead th").all():
                header.click()
            assert spanned.evaluate(rows) == before, "a table with row spans is never scrambled"
            assert spanned.locator("[aria-sort]").count() == 0
        finally:
            context.close()
