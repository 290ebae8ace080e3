"""In real Chromium: the Data page shows the claims a page at a time, the page in the link, and a
click on a row of a later page opens that row's claim (not the same row of the first page)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e
HEADER, ROW = 35, 35  # pixels: the grid's header and row heights (Streamlit's defaults)


def test_a_row_of_the_second_page_opens_its_own_claim(app_url: str, page: tuple) -> None:
    tab, requests = page
    requests: Requests
    tab.goto(f"{app_url}/data?rows=25&page=2")
    wait_for_app(tab)
    figures = load_dataset_cached(ROOT).figures
    expect(
        tab.get_by_text(f"Rows 26–{len(figures)} of {len(figures)} (page 2 of 2)")
    ).to_be_visible()
    grid = tab.locator("[data-testid='stDataFrame']").first
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    assert box is not None
    # the row's selection box, at the grid's left edge, in the first row under the header
    tab.mouse.click(box["x"] + 15, box["y"] + HEADER + ROW / 2)
    claim = figures.iloc[25]["figure_id"]  # the 26th claim: first row of page 2
    panel = tab.locator(".st-key-data_evidence")
    expect(panel.get_by_text(claim, exact=True)).to_be_visible(timeout=30_000)
    expect(tab).to_have_url(re.compile(rf"claim={re.escape(claim)}"))
    expect(tab).to_have_url(re.compile(r"page=2"))
    assert requests.off_machine() == []
