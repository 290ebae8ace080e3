"""The Overview's component in a real browser (AppTest cannot run its script): the sector choice
and the tab draw in place and reach the URL, a link reopens the same view, a mark opens its
evidence by mouse and by keyboard, the phone gets the narrow layout, another filter still works
(through Python), and the bundle that draws is the plotly.js Python's plotly emits for."""

from __future__ import annotations

import re

import plotly.offline
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from dashboard.core.base.paths import ROOT
from dashboard.ui.component import ICON_URL
from dashboard.ui.live import PLOTLY_VERSION
from tests.e2e.conftest import SIZES, Requests, wait_for_app
from tests.e2e.test_usable import WCAG_TAGS

pytestmark = pytest.mark.e2e

LIVE = ".live"
# Python follows the browser: on a server just started, its first rerun imports and loads the
# data (the first screen went out without them), so the URL may take seconds there.
FOLLOW = 30_000
WORLD_BANK = "They amplify losses measured in tens of billions of dollars annually."


def drawn(page: Page, view: str, tab: str) -> None:
    """Until the component shows `view` (its sector key) on `tab`."""
    expect(page.locator(LIVE)).to_have_attribute(
        "data-drawn", re.compile(f"^{re.escape(view)}\\|{tab}$"), timeout=30_000
    )


def chip(page: Page, sector: str):
    return page.locator(f".live-sectors input[value='{sector}']")


def test_a_sector_and_a_tab_draw_in_place_and_reach_the_url(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(app_url)
    wait_for_app(tab)
    drawn(tab, "", "cost")
    chart = tab.locator(".live-chart")
    handle = chart.element_handle()  # the same element after every change: drawn in place
    chip(tab, "energy").check()
    drawn(tab, "energy", "assessments")  # energy states no cost: the first chart that draws
    expect(tab).to_have_url(re.compile(r"sector=energy"), timeout=FOLLOW)
    expect(tab.locator(".live-left-out")).to_contain_text("Cost figures: left out")
    expect(tab.locator(".live-story")).to_contain_text("What the article says")
    tab.get_by_role("tab", name="Impacts by sector").click()
    drawn(tab, "energy", "impacts")
    expect(tab).to_have_url(re.compile(r"tab=impacts"), timeout=FOLLOW)
    expect(tab.get_by_role("tab", name="Impacts by sector")).to_have_attribute(
        "aria-selected", "true"
    )
    chip(tab, "transport").check()  # two sectors: not sent ahead, Python sends it
    drawn(tab, "energy,transport", "impacts")
    expect(tab).to_have_url(
        re.compile(
            r"sector=(energy%2Ctransport|transport%2Cenergy|energy,transport|transport,energy)"
        )
    )
    chip(tab, "transport").uncheck()
    chip(tab, "energy").uncheck()
    drawn(tab, "", "impacts")
    expect(tab).not_to_have_url(re.compile(r"sector="), timeout=FOLLOW)
    # drawn in place: the chart element the page opened with is the one still shown
    assert handle.evaluate("e => e.isConnected && e === document.querySelector('.live-chart')")
    assert requests.off_machine() == []


def test_a_shared_link_reopens_the_view_and_its_evidence(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/?sector=cross-sector&tab=assessments&claim=kyiv-attack-before-talks-21")
    wait_for_app(tab)
    drawn(tab, "cross-sector", "assessments")
    expect(chip(tab, "cross-sector")).to_be_checked()
    expect(chip(tab, "energy")).not_to_be_checked()
    expect(tab.locator(".st-key-evidence mark")).to_have_text(WORLD_BANK)
    # the sidebar keeps the other filters; the sector is chosen above the charts
    sidebar = tab.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text("Sector: chosen above the charts.")).to_be_visible()


def test_clicking_a_bar_opens_its_evidence_with_focus(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(app_url)
    wait_for_app(tab)
    drawn(tab, "", "cost")
    bar = tab.locator(".live-chart .barlayer .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None and min(box["width"], box["height"]) >= 6
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = tab.locator(".st-key-evidence")
    expect(panel.locator("mark")).to_have_count(1, timeout=20_000)
    expect(panel).to_be_focused()
    expect(tab).to_have_url(re.compile(r"claim=kyiv-attack-before-talks-"), timeout=FOLLOW)


def test_the_keyboard_chooses_a_sector_a_tab_and_a_marks_evidence(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    wait_for_app(page)
    drawn(page, "", "cost")
    chip(page, "cross-sector").focus()
    page.keyboard.press(" ")
    drawn(page, "cross-sector", "cost")
    expect(page).to_have_url(re.compile(r"sector=cross-sector"), timeout=FOLLOW)
    page.get_by_role("tab", name="Cost figures").focus()
    page.keyboard.press("ArrowRight")
    drawn(page, "cross-sector", "assessments")
    expect(page.get_by_role("tab", name="Claims against assessments")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    drawn(page, "cross-sector", "cost")
    summary = page.locator(".live-marks summary")
    summary.focus()
    page.keyboard.press("Enter")
    opener = page.get_by_role(
        "button", name=re.compile("Open the evidence of .*annually.*World Bank")
    )
    expect(opener).to_be_visible()
    page.keyboard.press("Tab")
    for _ in range(20):  # Tab along the table's buttons to the World Bank's
        if opener.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.locator(".st-key-evidence")
    expect(panel.locator("mark")).to_have_text(WORLD_BANK, timeout=20_000)
    expect(panel).to_be_focused()
    context.close()


def test_the_chart_is_named_and_described_and_its_toolbar_is_out_of_the_tab_order(
    page: tuple[Page, Requests], app_url: str
):
    tab, _ = page
    tab.goto(f"{app_url}/?tab=impacts")
    wait_for_app(tab)
    drawn(tab, "", "impacts")
    chart = tab.get_by_role("figure", name=re.compile("^Impacts by sector"))
    expect(chart).to_have_count(1)
    described = chart.get_attribute("aria-describedby")
    expect(tab.locator(f"#{described}")).to_contain_text("marks:")
    assert chart.locator(".modebar a, .modebar button").evaluate_all(
        "els => els.every(e => e.tabIndex === -1)"
    )
    chart.hover()  # the toolbar shows: no button sends the chart anywhere
    expect(chart.locator(".modebar-btn")).not_to_have_count(0)
    expect(chart.locator(".modebar-btn[data-title='Share chart...']")).to_have_count(0)
    expect(chart.locator(".modebar-btn[data-title='Download plot as a PNG']")).to_have_count(0)
    assert chart.locator("svg.main-svg").evaluate_all(
        "els => els.every(e => e.getAttribute('aria-hidden') === 'true')"
    )


def test_another_filter_goes_through_python_and_still_draws(
    page: tuple[Page, Requests], app_url: str
):
    tab, _ = page
    tab.goto(f"{app_url}/?org=UNDP")
    wait_for_app(tab)
    drawn(tab, "", "cost")
    assert tab.locator(LIVE).get_attribute("data-views") == "1"  # no view sent ahead
    chip(tab, "humanitarian").check()
    drawn(tab, "humanitarian", r"\w+")
    expect(tab).to_have_url(
        re.compile(r"org=UNDP.*sector=humanitarian|sector=humanitarian.*org=UNDP")
    )


def test_the_phone_gets_the_narrow_layout_and_the_page_fits(browser: Browser, app_url: str):
    width, height = SIZES["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{app_url}/?sector=energy")
    wait_for_app(page)
    drawn(page, "energy", "assessments")
    # the title is HTML over the plot: it wraps inside the column, as the plot fits it
    head = page.locator(".live-head .chart-title").bounding_box()
    assert head is not None and head["x"] >= 0 and head["x"] + head["width"] <= width
    assert page.locator(".live-chart .modebar").count() == 0  # no toolbar over a phone's panels
    fit = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,"
        " chart: document.querySelector('.live-chart').getBoundingClientRect().width,"
        " chips: [...document.querySelectorAll('.live-chip')].map(c => c.getBoundingClientRect())"
        ".map(r => [r.left, r.right, r.height])})"
    )
    assert fit["scroll"] <= 0
    assert fit["chart"] >= 300
    assert all(left >= 0 and right <= width and h >= 24 for left, right, h in fit["chips"])
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    context.close()


def test_the_bundle_drawing_the_charts_is_the_plotly_js_python_emits_for(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(app_url)
    wait_for_app(tab)
    drawn(tab, "", "cost")
    assert tab.evaluate("() => window.Plotly.version") == PLOTLY_VERSION
    assert plotly.offline.get_plotlyjs_version() == PLOTLY_VERSION
    assert any(u.endswith(f"/app/static/plotly-basic-{PLOTLY_VERSION}.min.js") for u in requests)


def test_a_change_shows_the_plot_drawn_ahead_at_the_columns_width(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    wait_for_app(page)
    drawn(page, "", "cost")
    expect(page.locator(LIVE)).to_have_attribute("data-predrawn", re.compile(r"^\d+$"))
    first = page.locator(".live-chart > .live-plot").element_handle()
    ahead = page.evaluate_handle(
        "() => document.querySelector('.live').__live.plots.get('housing|cost').div"
    )
    assert ahead.evaluate("d => d.closest('.live-store') !== null && !!d.closest('[inert]')")
    page.set_viewport_size({"width": 1100, "height": 900})  # the column narrows while it waits
    chip(page, "housing").check()
    drawn(page, "housing", "cost")
    shown = page.locator(".live-chart > .live-plot")
    expect(shown).to_have_count(1)
    assert shown.element_handle().evaluate("(d, a) => d === a", ahead)  # shown, not drawn again
    fit = shown.evaluate(
        "d => [d.querySelector('svg.main-svg').getBoundingClientRect().width,"
        " document.querySelector('.live-chart').clientWidth]"
    )
    assert abs(fit[0] - fit[1]) <= 2, fit  # resized to the column it is shown in
    bar = page.locator(".live-chart .barlayer .point path").first  # a plot drawn ahead answers
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".st-key-evidence mark")).to_have_count(1, timeout=20_000)
    chip(page, "housing").uncheck()
    drawn(page, "", "cost")
    assert (
        page.locator(".live-chart > .live-plot")
        .element_handle()
        .evaluate("(d, a) => d === a", first)
    )
    context.close()


def test_back_from_another_page_the_overview_draws_again(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/?sector=housing")
    wait_for_app(tab)
    drawn(tab, "housing", "cost")
    nav = tab.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Map").click()
    expect(tab.locator(LIVE)).to_have_count(0, timeout=30_000)
    nav.get_by_role("link", name="Overview").click()
    drawn(tab, "housing", "cost")  # a new element: Python sends the views again
    expect(tab.locator(".live-status")).to_have_text("")
    chip(tab, "transport").check()
    chip(tab, "housing").uncheck()
    drawn(tab, "transport", "assessments")


@pytest.mark.parametrize("path", ["", "map"])
def test_the_tab_shows_the_apps_icon(page: tuple[Page, Requests], app_url: str, path: str):
    """The icon is a URL of Streamlit's static serving (sent without numpy and Pillow): the
    browser's tab shows the app's icon, on the Overview and on another page."""
    tab, _ = page
    tab.goto(f"{app_url}/{path}")
    wait_for_app(tab)
    href = tab.evaluate("() => document.querySelector(\"link[rel~='icon']\").href")
    assert href.startswith(app_url) and href.endswith(ICON_URL)
    shown = tab.request.get(href)
    assert shown.ok and shown.body() == (ROOT / "dashboard" / "static" / "favicon.png").read_bytes()
