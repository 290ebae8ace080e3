"""In real Chromium: hostile link values show as text; the tables' own toolbar offers no raw CSV
download (formula cells would leave unneutralised); the Data page's buttons are the way out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e


def test_the_table_toolbar_has_no_download(app_url: str, page: tuple) -> None:
    tab, requests = page
    requests: Requests
    tab.goto(f"{app_url}/data")
    wait_for_app(tab)
    tab.locator("[data-testid='stDataFrame']").first.hover()
    toolbar = tab.locator("[data-testid='stElementToolbar']").first
    expect(toolbar).to_be_visible()  # the toolbar is there (search, full screen)...
    expect(toolbar.get_by_role("button")).not_to_have_count(0)
    expect(tab.get_by_role("button", name="Download as CSV")).to_have_count(0)  # ...no download
    expect(tab.get_by_role("button", name="CSV", exact=True)).to_be_visible()  # the safe one
    assert requests.off_machine() == []


HOSTILE = (
    "?view=%5BClick%20here%5D(https://evil.example)%20**bold**%20mail@evil.example"
    "&claim=group:!%5Bx%5D(https://evil.example/p.png)"
)


def test_hostile_link_values_render_as_text(app_url: str, page: tuple) -> None:
    tab, requests = page
    tab.goto(f"{app_url}/{HOSTILE}")
    wait_for_app(tab)
    expect(tab.get_by_text("Ignored unknown view in the link: [Click here]")).to_be_visible()
    expect(tab.locator("a[href*='evil'], img[src*='evil']")).to_have_count(0)
    assert requests.off_machine() == []
