"""In real Chromium: the clean screenshot mode and the downloads a briefer uses."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Download, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import ARTIFACTS, Requests, wait_for_app
from tests.e2e.test_usable import WCAG_TAGS

pytestmark = pytest.mark.e2e


def test_brief_view_has_no_sidebar_and_a_16_9_chart(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/?view=brief&chart=cost&sector=housing")
    wait_for_app_chart(tab)
    expect(tab.locator("[data-testid='stSidebar']")).to_be_hidden()
    box = tab.locator("[data-testid='stPlotlyChart']").bounding_box()
    assert box is not None and abs(box["width"] / box["height"] - 16 / 9) < 0.05
    expect(tab.locator(".gtitle")).to_contain_text("Cost figures stated in the source")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "brief-view-cost.png"))
    assert requests.off_machine() == []


def test_brief_view_draws_the_regions_slide_as_svg_offline(
    page: tuple[Page, Requests], app_url: str
):
    """The regions slide is a geo subplot: its regions are SVG paths, and plotly's request for
    its world topojson is answered by the empty data: one, never the CDN."""
    tab, requests = page
    tab.goto(f"{app_url}/?view=brief&chart=regions")
    wait_for_app_chart(tab)
    chart = tab.locator("[data-testid='stPlotlyChart']")
    expect(chart.locator(".geo .choroplethlocation").first).to_be_attached(timeout=15_000)
    assert chart.locator(".geo .choroplethlocation").count() == 27  # every region, no basemap
    expect(chart.locator(".gtitle")).to_contain_text("Where the claims are")
    assert not any("cdn.plot.ly" in u for u in requests)
    assert requests.off_machine() == []


def wait_for_app_chart(tab: Page) -> None:
    tab.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")


def test_toolbar_download_yields_a_png(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/?view=brief&chart=impacts")
    wait_for_app_chart(tab)
    chart = tab.locator("[data-testid='stPlotlyChart']")
    chart.hover()
    with tab.expect_download() as info:
        chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = info.value
    assert download.suggested_filename == f"impacts_all_{date.today():%Y-%m-%d}.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(data)).size == (1920, 1080)
    assert requests.off_machine() == []


def test_briefing_page_downloads_a_deck(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/briefing?sector=energy&tab=impacts")
    wait_for_app(tab)
    tab.get_by_role("button", name="Prepare downloads").click()
    # the page stays usable while the chart renders: its preview is there, not greyed out
    expect(tab.locator("[data-testid='stPlotlyChart'] .main-svg").first).to_be_visible()
    deck_button = tab.get_by_role("button", name="Deck (PowerPoint)")
    expect(deck_button).to_be_visible(timeout=120_000)
    with tab.expect_download() as info:
        deck_button.click()
    assert info.value.suggested_filename == f"briefing_energy_{date.today():%Y-%m-%d}.pptx"
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"
    assert requests.off_machine() == []


def click_for_slide(tab: Page, label: str, clicks: int = 20) -> Download:
    """Click a slide button as a person does: a picture not drawn within seconds is said to be
    queued or being drawn, and the next click gets it."""
    told = tab.get_by_text(re.compile(r"^The picture is .*click again in a few seconds"))
    for _ in range(clicks):
        try:
            with tab.expect_download(timeout=15_000) as info:
                tab.get_by_role("button", name=label).first.click()
            return info.value
        except PlaywrightTimeout:
            expect(told.first).to_be_visible()  # never silence: the page says where it stands
    raise AssertionError(f"{label}: no picture after {clicks} clicks")


def test_a_charts_slide_png_is_the_zips_picture(page: tuple[Page, Requests], app_url: str):
    """The Overview's PNG download and the Briefing ZIP's PNG of the same view: same bytes."""
    tab, requests = page
    tab.goto(f"{app_url}/?sector=energy&tab=impacts")
    tab.wait_for_selector(".live-chart .main-svg")
    chart = tab.locator(".live-chart")
    chart.hover()  # the toolbar's camera would save the screen layout: it is not offered
    expect(chart.locator(".modebar-btn[data-title='Download plot as a PNG']")).to_have_count(0)
    download = click_for_slide(tab, "PNG for slides (1920×1080)")
    stem = f"impacts_energy_{date.today():%Y-%m-%d}"
    assert download.suggested_filename == f"{stem}.png"
    slide = Path(download.path()).read_bytes()
    assert Image.open(io.BytesIO(slide)).size == (1920, 1080)

    tab.goto(f"{app_url}/briefing?sector=energy&tab=impacts")
    wait_for_app(tab)
    zip_button = tab.get_by_role("button", name="ZIP: PNG, SVG, CSV, citations")
    expect(zip_button).to_be_visible(timeout=30_000)  # drawn already: served from the store
    preview = tab.locator("[data-testid='stImage'] img").first
    expect(preview).to_be_visible()
    # the picture's text alternative is the chart's, not a file name
    expect(preview).to_have_attribute("alt", re.compile(r"^Impacts by sector\. .* marks?: "))
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"axe on the Briefing page with its slides drawn: {serious}"
    with tab.expect_download() as info:
        zip_button.click()
    with zipfile.ZipFile(info.value.path()) as archive:
        assert archive.read(f"{stem}.png") == slide
    assert requests.off_machine() == []
