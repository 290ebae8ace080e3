"""Usable everywhere: every page at four sizes, axe-clean, and the keyboard path.

Every page the app registers is visited at 390x844 (an iPhone 13: Chromium with a phone's
user agent and touch), 768x1024 (a tablet held upright, no phone user agent), 1440x900 and
1920x1080. Nothing may scroll sideways or draw chart text past the screen or past its own
chart's edge (where plotly cuts it), charts keep at least 300 px on the phone, and axe-core
finds no serious or critical WCAG 2.2 AA violation. Screenshots of each are kept in
test-artifacts/ to be looked at.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from dashboard.core.base.paths import ROOT
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.e2e

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_PHONE_CHART = 300


def app_pages() -> list[str]:
    """The url_path of every page app.py registers (so a new page is tested without a list)."""
    source = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    return re.findall(r'url_path="([a-z-]+)"', source)


def page_url(app_url: str, path: str) -> str:
    """Where a page is: the default one (the Overview) at the root, as its nav link says."""
    return f"{app_url}/" if path == "overview" else f"{app_url}/{path}"


def test_every_registered_page_is_listed():
    assert {"overview", "map", "sources", "data", "briefing", "curate"} <= set(app_pages())


def _settle(page: Page) -> None:
    wait_for_app(page)
    # Streamlit shows grey placeholders while elements arrive: test the page once they are gone
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')"
        " && document.querySelectorAll('[data-testid=stSidebar] [data-testid=stMultiSelect]').length > 0",
        timeout=30_000,
    )
    if page.locator(".live").count():  # the Overview's component draws once its script loaded
        expect(page.locator(".live-chart .main-svg").first).to_be_attached(timeout=20_000)
    if page.locator(".maplive").count():  # the Map page's element: both Kyiv charts drawn
        expect(page.locator(".maplive[data-drawn]")).to_be_attached(timeout=30_000)
    charts = page.locator("[data-testid='stPlotlyChart']")
    for i in range(charts.count()):
        expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=20_000)


OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  // chart text past the screen, or past its own chart's edge (where plotly cuts it off)
  const past = [...document.querySelectorAll('.main-svg text')]
    .filter(t => {
      const chart = t.closest('[data-testid=stPlotlyChart], .live-chart, .maplive-figure');
      if (!chart) return false;  // a plot the Overview drew ahead, kept off the page
      const r = t.getBoundingClientRect();
      const c = chart.getBoundingClientRect();
      return r.width > 0 && (r.right > Math.min(vw, c.right) + 1 || r.left < c.left - 1);
    })
    .map(t => t.textContent.slice(0, 60));
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart], .live-chart, .maplive-figure')]
    .map(c => Math.round(c.getBoundingClientRect().width));
  return {scroll: document.documentElement.scrollWidth - vw,
          main: (m => m ? m.scrollWidth - m.clientWidth : 0)(document.querySelector('[data-testid=stMain]')),
          past, charts};
}"""


@pytest.mark.parametrize("path", app_pages())
def test_page_fits_and_is_axe_clean(sized: tuple[str, Page], app_url: str, path: str):
    size, page = sized
    page.goto(page_url(app_url, path))
    _settle(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"usable-{path}-{size}.png"))
    fit = page.evaluate(OVERFLOW)
    assert fit["scroll"] <= 0 and fit["main"] <= 0, f"{path} scrolls sideways at {size}: {fit}"
    assert fit["past"] == [], f"chart text past the screen on {path} at {size}: {fit['past']}"
    if size == "phone":
        assert all(w >= MIN_PHONE_CHART for w in fit["charts"]), fit["charts"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"axe on {path} at {size}: {serious}"


def test_every_tab_click_selects_its_tab(sized: tuple[str, Page], app_url: str):
    _, page = sized
    page.goto(app_url)
    _settle(page)
    sequence = ["Claims against assessments", "Impacts by sector", "Cost figures"] * 2
    for name in sequence:
        page.get_by_role("tab", name=name).click()
        wait_for_app(page)
        expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
        # Streamlit draws a chart once it scrolls into view (below the cards on a phone)
        page.get_by_role("tablist").evaluate("e => e.scrollIntoView({block: 'start'})")
        expect(page.locator(".live-panel .chart-title").first).to_contain_text(
            # a phone wraps the title into lines: words may meet without a space
            re.compile(
                r"\s*".join(
                    map(
                        re.escape,
                        (name if name != "Cost figures" else "Cost figures stated").split(),
                    )
                )
            )
        )


def test_keyboard_reaches_a_claims_evidence(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    _settle(page)
    # Tab from the chart's text alternative to its table, open it with Enter...
    summary = page.locator("summary").filter(has_text="Chart as a table")
    summary.focus()
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    # ...then Tab along the marks' buttons to the World Bank's and press Enter.
    opener = page.get_by_role("button", name=re.compile("Open the evidence of .*World Bank"))
    expect(opener).to_be_visible()
    for _ in range(20):
        page.keyboard.press("Tab")
        if opener.evaluate("e => e === document.activeElement"):
            break
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.locator(".st-key-evidence")
    expect(panel.locator("mark")).to_have_text(
        "They amplify losses measured in tens of billions of dollars annually.", timeout=20_000
    )
    # Focus moved to the evidence, for a screen reader to read it next.
    expect(panel).to_be_focused()
    context.close()


def test_arrow_keys_switch_tabs_and_keep_focus_on_them(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    _settle(page)
    page.get_by_role("tab", name="Cost figures").focus()
    for name in ["Claims against assessments", "Impacts by sector"]:
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
        tab = page.get_by_role("tab", name=name)
        expect(tab).to_have_attribute("aria-selected", "true")
        expect(tab).to_be_focused()  # not sent back to the top of the page by the rerun
    context.close()
