"""In real Chromium: filter, click a mark, read the sentence; share the URL; nothing leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Requests, wait_for_app

pytestmark = pytest.mark.e2e

# One organisation's filter leaves one cost bar (no sector does since every cost claim of the
# seed reads as cross-sector): filter by whom the claim is attributed to.
CASES = {
    "World Bank": (
        "tens of billions of dollars annually",
        "They amplify losses measured in tens of billions of dollars annually.",
    ),
    "UNDP": (
        "exceeding $400 billion",
        "They created long-term reconstruction demands exceeding $400 billion.",
    ),
}


def choose_org(page: Page, org: str) -> None:
    """Pick one organisation in the sidebar multiselect, as a user does."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Attributed to"
    )
    box.click()
    page.get_by_role("option", name=org, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def cost_chart(page: Page):
    return page.locator(".live-panel")  # the Overview's chart, drawn by its component


@pytest.mark.parametrize("org", list(CASES))
def test_filter_click_mark_reads_the_sentence(page: tuple[Page, Requests], app_url: str, org: str):
    tab, requests = page
    tab.goto(app_url)
    wait_for_app(tab)
    choose_org(tab, org)
    in_url = org.replace(" ", "(\\+|%20)")  # a space as the browser encodes it
    expect(tab).to_have_url(
        re.compile(f"org={in_url}"), timeout=30_000
    )  # a fresh server loads its data
    chart = cost_chart(tab)
    bars = chart.locator("g.trace.bars path")
    expect(bars).to_have_count(1)
    bars.first.click(force=True)
    wait_for_app(tab)
    evidence = tab.locator("mark").filter(
        has_text=CASES[org][1].split(" measured")[0].split(" exceeding")[0]
    )
    expect(evidence.first).to_be_visible(timeout=15_000)
    expect(tab.locator("mark").first).to_have_text(CASES[org][1])
    expect(tab).to_have_url(re.compile("claim=kyiv-attack-before-talks-"))
    assert requests.off_machine() == []


def test_shared_url_reopens_the_same_view(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/?org=UNDP&claim=kyiv-attack-before-talks-15")
    wait_for_app(tab)
    sidebar = tab.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text("UNDP", exact=True)).to_be_visible()
    expect(tab.locator("mark").first).to_have_text(CASES["UNDP"][1])
    expect(cost_chart(tab).locator("g.trace.bars path")).to_have_count(1)
    assert requests.off_machine() == []


def test_reader_highlight_opens_its_evidence(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/sources")
    wait_for_app(tab)
    link = tab.locator("a.claim", has_text="transport corridors")
    expect(link).to_have_count(1)
    link.click()
    wait_for_app(tab)
    expect(tab.locator("a.claim.selected")).to_have_text("transport corridors")
    expect(tab.locator(".evidence mark")).to_have_text("transport corridors")
    assert requests.off_machine() == []


def test_unknown_url_value_is_a_notice_not_a_crash(page: tuple[Page, Requests], app_url: str):
    tab, _ = page
    tab.goto(f"{app_url}/?sector=nuclear&claim=no-such-claim")
    wait_for_app(tab)
    expect(tab.get_by_text("Ignored unknown sector in the link: nuclear")).to_be_visible()
    expect(
        tab.get_by_text("Nothing found for the selection claim 'no-such-claim'", exact=False)
    ).to_be_visible()
    expect(tab.locator("[data-testid='stException']")).to_have_count(0)


def test_assessments_tab_sets_the_400_billion_beside_rdna(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(app_url)
    wait_for_app(tab)
    tab.get_by_role("tab", name="Claims against assessments").click()
    wait_for_app(tab)
    expect(tab).to_have_url(re.compile("tab=assessments"))
    chart = tab.locator(".live-panel")
    # the title is HTML over the plot (it wraps with the column)
    expect(chart.locator(".chart-title").first).to_contain_text("Claims against assessments")
    # the page column draws the assessment points unlabelled (their labels collide there); the
    # chart's text alternative names them, with their values
    alternative = tab.get_by_text(re.compile(r"^Claims against assessments\. .* marks: "))
    for label in ("RDNA2 $411 bn", "RDNA5 almost $588 bn"):
        expect(alternative).to_contain_text(label)
    # the article's claim: find its trace by name in the plot's data, click its marker
    index = chart.locator(".js-plotly-plot").evaluate(
        "gd => gd.data.findIndex(t => (t.name || '').includes('exceeding $400 billion'))"
    )
    assert index >= 0
    marker = chart.locator(".scatterlayer .trace").nth(
        chart.locator(".js-plotly-plot").evaluate(
            f"gd => gd.data.slice(0, {index}).filter(t => t.type === 'scatter').length"
        )
    )
    marker.locator("path.point").first.click(force=True)
    wait_for_app(tab)
    expect(tab.locator("mark").first).to_have_text(CASES["UNDP"][1], timeout=15_000)
    assert requests.off_machine() == []
