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
    strip = tab.locator("[data-testid='stPlotlyChart']").first
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


def test_bill_chart_point_opens_the_edition_it_stands_for(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(f"{app_url}/checks")
    wait_for_app(tab)
    bill = tab.locator("[data-testid='stPlotlyChart']").nth(1)
    bill.scroll_into_view_if_needed()
    needs = bill.locator("g.trace.scatter").first.locator("path.point")
    expect(needs).to_have_count(5, timeout=30_000)  # RDNA1 to RDNA5
    needs.first.click(force=True)
    wait_for_app(tab)
    evidence = tab.locator(".evidence.reference")
    expect(evidence).to_contain_text("RDNA1")
    expect(evidence).to_contain_text("$349 bn")
    assert requests.off_machine() == []
