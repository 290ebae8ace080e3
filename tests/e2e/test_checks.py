"""In real Chromium: open a check by link, switch checks, click a point to read its provenance."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e


def test_check_link_opens_it_and_a_point_opens_its_provenance(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(f"{app_url}/checks?check=undp-400-billion")
    wait_for_app(tab)
    main = tab.locator("[data-testid='stMain']")
    expect(main.locator(".check-card .verdict")).to_have_text("consistent but dated")
    expect(main.locator(".check-card blockquote")).to_contain_text(
        "They created long-term reconstruction demands exceeding $400 billion."
    )
    strip = tab.locator(".st-key-checks_live .live-chart")  # drawn by the page's element
    expect(strip).to_have_attribute("role", "figure")
    expect(strip).to_have_accessible_name(re.compile(".+"))
    points = strip.locator("g.points path.point")
    # the cited organisation's figure and the newest edition; plotly may draw late on a busy machine
    expect(points).to_have_count(2, timeout=30_000)
    points.first.click(force=True)
    wait_for_app(tab)
    evidence = tab.locator(".evidence.reference")
    expect(evidence).to_contain_text("RDNA2")
    expect(evidence.get_by_role("link", name="UNDP press release")).to_be_visible()
    expect(tab).to_have_url(re.compile(r"check=undp-400-billion.*claim=fact"))

    tab.get_by_text("millions (UNDP)", exact=True).click()
    wait_for_app(tab)
    expect(main.locator(".check-card")).to_contain_text("5.4 million people")
    expect(tab).to_have_url(re.compile("check=undp-displaced-millions"))
    assert requests.off_machine() == []


def test_checks_are_chosen_and_their_points_opened_by_keyboard(
    page: tuple[Page, Requests], app_url: str
):
    """The checks are radios (an arrow key chooses the next), and the chart's table opens a
    point's evidence with the keyboard, focus moving to it."""
    tab, _requests = page
    tab.goto(f"{app_url}/checks?check=iea-reconstruction-costs")
    wait_for_app(tab)
    element = tab.locator(".st-key-checks_live")
    radios = element.get_by_role("radio")
    expect(radios).to_have_count(4)
    expect(element.get_by_role("radio", checked=True)).to_have_accessible_name(
        "hundreds of billions of dollars (IEA)"
    )
    element.get_by_role("radio", checked=True).focus()
    tab.keyboard.press("ArrowRight")
    expect(element.get_by_role("radio", checked=True)).to_have_accessible_name("millions (UNDP)")
    expect(element.locator(".check-card")).to_contain_text("5.4 million people")
    wait_for_app(tab)
    expect(tab).to_have_url(re.compile("check=undp-displaced-millions"))
    table = element.locator(".live-marks")
    table.locator("summary").focus()
    tab.keyboard.press("Enter")
    opener = table.get_by_role("button").first
    opener.focus()
    tab.keyboard.press("Enter")
    wait_for_app(tab)
    panel = tab.locator(".st-key-checks_evidence")
    expect(panel).to_be_focused()
    expect(panel.locator(".evidence").first).to_be_visible()


def test_bill_chart_point_opens_the_edition_it_stands_for(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(f"{app_url}/checks")
    wait_for_app(tab)
    bill = tab.locator("[data-testid='stPlotlyChart']").first  # the check's is the element's
    bill.scroll_into_view_if_needed()
    needs = bill.locator("g.trace.scatter").first.locator("path.point")
    expect(needs).to_have_count(5, timeout=30_000)  # RDNA1 to RDNA5
    needs.first.click(force=True)
    wait_for_app(tab)
    evidence = tab.locator(".evidence.reference")
    expect(evidence).to_contain_text("RDNA1")
    expect(evidence).to_contain_text("$349 bn")
    assert requests.off_machine() == []
