"""In real Chromium, offline: both maps draw from local geometry, Kyiv city opens its quotes,
the date slider changes the district counts, a timeline mark opens its attack's reports."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from dashboard.core.data.dataset import load_dataset
from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e
KYIV_BLUE = (0, 114, 178)
MAPS_IDLE = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd._fullLayout.map);
  return plots.length == 1 && plots.every(gd => {
    const m = gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
    return m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
  });
}"""  # the regions map (Kyiv's districts are drawn on plain axes, as SVG)
# the darkest step of the count scale: Kyiv city has the most claims


def _pixels_like(
    canvas: Locator, colour: tuple[int, int, int], tolerance: int = 18
) -> list[tuple[int, int]]:
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    width, height = image.size
    data = image.load()
    return [
        (x, y)
        for x in range(0, width, 2)
        for y in range(0, height, 2)
        if all(abs(a - b) <= tolerance for a, b in zip(data[x, y], colour, strict=True))
    ]


def _map_canvas(tab: Page, index: int) -> Locator:
    canvas = (
        tab.locator("[data-testid='stPlotlyChart']").nth(index).locator("canvas.maplibregl-canvas")
    )
    expect(canvas).to_be_visible(timeout=30_000)
    return canvas


def test_both_maps_draw_and_kyiv_city_opens_its_quotes(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    regions = _map_canvas(tab, 0)
    kyiv_map = tab.locator("[data-testid='stPlotlyChart']").nth(1)
    # MapLibre paints asynchronously: wait until both maps report every source loaded and idle.
    tab.wait_for_function(MAPS_IDLE, timeout=30_000)
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    blue = _pixels_like(regions, KYIV_BLUE)
    assert blue, "Kyiv city was not drawn on the regions map"
    # an outer district keeps its name on the map (the small central ones show their counts)
    expect(kyiv_map.locator("g.textpoint", has_text="Darnytskyi")).to_be_visible()
    expect(kyiv_map.locator("g.annotation-text-g", has_text="OpenStreetMap")).to_have_count(1)
    x = sum(p[0] for p in blue) / len(blue)
    y = sum(p[1] for p in blue) / len(blue)
    box = regions.bounding_box()
    assert box is not None
    tab.mouse.click(box["x"] + x, box["y"] + y)
    wait_for_app(tab)
    kyiv = (load_dataset().figures["geography"] == "kyiv-city").sum()
    expect(
        tab.get_by_text(f"Kyiv city (UA-30): {kyiv} claims in the current filters")
    ).to_be_visible(timeout=15_000)
    expect(tab.locator(".evidence mark").first).to_have_text(
        "Russia launched a large-scale missile and drone assault on Kyiv"
    )
    assert requests.off_machine() == []


def test_date_slider_changes_district_counts(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    darnytskyi = tab.locator("[data-testid='stButton'] button", has_text="Darnytskyi")
    expect(darnytskyi).to_have_text("Darnytskyi · 7")
    thumb = tab.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    tab.keyboard.press("End")  # start = the last attack's date: a one-night window
    wait_for_app(tab)
    expect(darnytskyi).to_have_text("Darnytskyi · 1", timeout=15_000)
    expect(tab.locator("[data-testid='stButton'] button", has_text="Pecherskyi")).to_have_text(
        "Pecherskyi · 0"
    )
    expect(tab).to_have_url(re.compile("from=2025-12-27"))
    assert requests.off_machine() == []


def test_a_timeline_mark_opens_its_attack(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map?from=2025-08-01&to=2025-08-31")
    wait_for_app(tab)
    timeline = tab.locator("[data-testid='stPlotlyChart']").nth(2)
    mark = timeline.locator("g.trace.scatter path.point").first  # the one attack: 2025-08-28
    expect(mark).to_be_visible(timeout=30_000)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    assert box is not None
    # plotly's drag layer sits over the marks: click where the mark is, as a user does
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(tab)
    evidence = tab.locator(".st-key-map_evidence")
    expect(evidence).to_contain_text("Large attack on Kyiv, 2025-08-28", timeout=15_000)
    expect(evidence).to_contain_text("killed 23 · injured 63")
    link = evidence.locator(".evidence a")
    expect(link).to_have_attribute("href", re.compile("news.liga.net"))
    expect(tab).to_have_url(re.compile("claim=attack%3A2025-08-28|claim=attack:2025-08-28"))
    kyiv_map = tab.locator("[data-testid='stPlotlyChart']").nth(1)
    expect(
        kyiv_map.locator("text.legendtext", has_text="districts hit on 2025-08-28")
    ).to_be_visible()
    assert requests.off_machine() == []


# The page position of the click-grid point of a district farthest from its name label: a
# click on the district's area, well away from the marker that carried clicks before.
AREA_POINT = """(district) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g.data && g.data.some(t => (t.name || '').includes('district area')));
  const grid = gd._fullData.find(t => (t.name || '').includes('district area'));
  const label = gd._fullData.find(t => t.mode === 'markers+text');
  const i = label.customdata.indexOf('district:' + district);
  let best = null, far = -1;
  grid.customdata.forEach((ref, k) => {
    if (ref !== 'district:' + district) return;
    const d = Math.hypot(grid.x[k] - label.x[i], grid.y[k] - label.y[i]);
    if (d > far) { far = d; best = k; }
  });
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.l2p(grid.x[best]), box.top + ya._offset + ya.l2p(grid.y[best])];
}"""


def test_a_click_inside_a_district_opens_its_attacks(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    kyiv_map = tab.locator("[data-testid='stPlotlyChart']").nth(1)
    expect(kyiv_map.locator("g.textpoint", has_text="Holosiivskyi")).to_be_visible(timeout=30_000)
    kyiv_map.scroll_into_view_if_needed()
    x, y = tab.evaluate(AREA_POINT, "Holosiivskyi")
    tab.mouse.click(x, y)
    wait_for_app(tab)
    expect(tab).to_have_url(re.compile("claim=district"))
    expect(tab.get_by_text(re.compile(r"^Holosiivskyi: \d+ large attacks"))).to_be_visible()
    assert requests.off_machine() == []
