"""In real Chromium, offline: both maps draw from local geometry, Kyiv city opens its quotes,
the date slider changes the district counts."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e
KYIV_BLUE = (0, 114, 178)
MAPS_IDLE = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd._fullLayout.map);
  return plots.length == 2 && plots.every(gd => {
    const m = gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
    return m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
  });
}"""  # the darkest step of the count scale: Kyiv city has the most claims


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
    kyiv_map = _map_canvas(tab, 1)
    # MapLibre paints asynchronously: wait until both maps report every source loaded and idle.
    tab.wait_for_function(MAPS_IDLE, timeout=30_000)
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    blue = _pixels_like(regions, KYIV_BLUE)
    assert blue, "Kyiv city was not drawn on the regions map"
    assert _pixels_like(kyiv_map, (0xD5, 0x5E, 0x00), tolerance=40), "no district marker drawn"
    x = sum(p[0] for p in blue) / len(blue)
    y = sum(p[1] for p in blue) / len(blue)
    box = regions.bounding_box()
    assert box is not None
    tab.mouse.click(box["x"] + x, box["y"] + y)
    wait_for_app(tab)
    expect(tab.get_by_text("Kyiv city (UA-30): 11 claims in the current filters")).to_be_visible(
        timeout=15_000
    )
    expect(tab.locator(".evidence mark").first).to_have_text(
        "Russia launched a large-scale missile and drone assault on Kyiv"
    )
    assert requests.off_machine() == []


def test_date_slider_changes_district_counts(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    listing = (
        tab.locator("[data-testid='stPlotlyChart']")
        .nth(1)
        .locator("g.annotation-text-g", has_text="attacks reported hitting each district")
    )
    expect(listing).to_contain_text("Darnytskyi: 7")
    thumb = tab.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    tab.keyboard.press("End")  # start = the last attack's date: a one-night window
    wait_for_app(tab)
    expect(listing).to_contain_text("Darnytskyi: 1", timeout=15_000)
    expect(listing).to_contain_text("Pecherskyi: 0")
    assert requests.off_machine() == []
