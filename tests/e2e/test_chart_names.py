"""Charts for screen readers: each is named by its title and described by its text alternative,
and the keyboard never lands on the toolbar's buttons, which only a mouse hover shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e

MAP_CHARTS = {
    "map_regions": "Where the claims are",
    # drawn in the browser by the Map page's element (ui/maplive.js)
    ".maplive-chart[data-chart=kyiv]": "Large attacks on Kyiv by district",
    ".maplive-chart[data-chart=timeline]": "Large attacks on Kyiv in time",
}
TABS = 60  # Tab presses: past every chart of the page and its buttons


def _named(page: Page, key: str, title: str) -> None:
    """`key`: the chart's Streamlit key, or a CSS selector of the box holding it (`.live-panel`:
    the Overview's chart, drawn by its component)."""
    box = key if key.startswith(".") else f".st-key-{key}"
    # the element named: the plot itself, or the Overview's figure holding the plot on screen
    plot = page.locator(f"{box} [role=figure]")
    expect(plot).to_have_attribute("aria-label", title, timeout=30_000)
    expect(plot).to_have_attribute("role", "figure")
    described = plot.get_attribute("aria-describedby")
    assert described
    text = page.locator(f"#{described}").inner_text()
    assert text.startswith(f"{title}. ") and " · " not in text
    # one figure, named by the title: no tick text run together in it
    snapshot = page.locator(box).aria_snapshot()
    assert f'- figure "{title}"' in snapshot, snapshot[:300]
    assert not [line for line in snapshot.splitlines() if "- img:" in line], snapshot[:300]
    # the toolbar's buttons are out of the tab order
    loose = plot.evaluate(
        "p => [...p.querySelectorAll('.modebar a, .modebar button')]"
        ".filter(b => b.getAttribute('tabindex') !== '-1').length"
    )
    assert loose == 0


def _tab_never_reaches_the_toolbar(page: Page) -> None:
    page.locator("[data-testid='stMain'] h1").click()
    for _ in range(TABS):
        page.keyboard.press("Tab")
        assert not page.evaluate("() => !!document.activeElement.closest('.modebar')")


def test_the_overview_chart_is_named_and_described(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/")
    wait_for_app(tab)
    _named(tab, ".live-panel", "Cost figures stated in the source")
    _tab_never_reaches_the_toolbar(tab)


def test_the_map_charts_are_named_and_described(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/map?from=2025-06-17&to=2025-11-29")
    wait_for_app(tab)
    for key, title in MAP_CHARTS.items():
        _named(tab, key, title)
    # under a date window, the Kyiv map still offers its slide
    expect(tab.locator(".st-key-map_kyiv_slide_png button")).to_be_visible()
    _tab_never_reaches_the_toolbar(tab)


def test_overview_is_the_overviews_address(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/overview?sector=energy")
    wait_for_app(tab)
    expect(tab.locator("h1").first).to_have_text("What the strikes did to Ukraine's infrastructure")
    expect(tab.get_by_text("Page not found")).to_have_count(0)
