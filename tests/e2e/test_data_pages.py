"""In real Chromium: the Data page shows the claims a page at a time, the page in the link, and a
click on a row of a later page opens that row's claim (not the same row of the first page)."""

from __future__ import annotations

import csv
import re
import urllib.error
import urllib.request

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


def test_the_csv_is_handed_over_by_link_and_opens(app_url: str, page: tuple) -> None:
    """The CSV is written on the server and downloaded through the app's own route: the link
    names the file and its size, and the file holds the header and every claim the page counts."""
    tab, requests = page
    tab.goto(f"{app_url}/data?sector=energy")
    wait_for_app(tab)
    counted = tab.get_by_text(re.compile(r"^\d+ of \d+ claims")).first.inner_text()
    shown = int(counted.split(" of ")[0])
    tab.locator(".st-key-dl_csv button").click()
    link = tab.locator("a.handoff-link").first
    expect(link).to_be_visible(timeout=60_000)
    name = link.get_attribute("download")
    assert name and name.startswith("claims_energy_") and name.endswith(".csv")
    expect(link).to_have_text(re.compile(rf"^Download {re.escape(name)} \(\d+(\.\d)? KB\)$"))
    assert re.fullmatch(
        r"download/[A-Za-z0-9_-]{43}/" + re.escape(name), link.get_attribute("href") or ""
    )
    with tab.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == name
    with open(download.path(), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["quote", "sector", "measure"]
    assert len(rows) - 1 == shown and {r[1] for r in rows[1:]} == {"energy"}
    # the same link from another browser (no cookie of this one) is refused in a sentence
    other = urllib.request.Request(f"{app_url}/{link.get_attribute('href')}")
    try:
        urllib.request.urlopen(other, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == 403 and "another browser" in body
    assert requests.off_machine() == []
