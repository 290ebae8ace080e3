"""Every sector opens on its story, at every width, as a person sees it in Chromium.

For each sector value, `/?sector=` at 390 (a phone), 768, 1440 and 1920 px: the opening view draws
marks big enough to see and tap, no chart stands empty with a notice in its place, a reference
figure is shown with its publisher, and every claim of the sector is listed with its quote
without a click; a quote is a link that opens its evidence. Nothing scrolls sideways; axe finds
no serious violation.
"""

from __future__ import annotations

import html

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from dashboard.core.data import schema
from dashboard.core.data.dataset import Dataset, load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.visuals.story import build_story
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_usable import WCAG_TAGS, _settle

pytestmark = pytest.mark.e2e

# The smallest side of a drawn mark (bar or point): 6 px to see it; a phone's finger wants 24,
# which the hit area of a plotly point gets from its hover radius, not its drawn size.
MIN_MARK = 6
MARKS = """() => [...document.querySelectorAll('.live-chart .point')]
  .map(p => p.getBoundingClientRect()).filter(r => r.width > 0 || r.height > 0)
  .map(r => Math.min(r.width, r.height))"""
SIDEWAYS = """() => document.documentElement.scrollWidth - document.documentElement.clientWidth"""
EMPTY_NOTICES = ("No cost figures in this selection", "nothing drawn in this selection")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.mark.parametrize("sector", schema.sectors())
def test_a_sector_opens_on_its_story(
    sized: tuple[str, Page], app_url: str, dataset: Dataset, sector: str
):
    size, page = sized
    page.goto(f"{app_url}/?sector={sector}")
    _settle(page)
    story = page.locator(".sector-story")
    expect(story).to_be_visible()
    # every claim of the sector, with its quote, without a click
    expected = build_story(dataset, Filters(sector=(sector,)))
    quotes = story.locator(".story-claims li a")
    expect(quotes).to_have_count(len(expected.claims))
    shown = quotes.all_inner_texts()
    for line in expected.claims:
        assert f"“{line.words}”" in shown, line.ref
    # a reference figure with its publisher (the article states a cost for none of these alone)
    references = story.locator(".story-references li")
    assert references.count() == len(expected.references) >= 1
    first = expected.references[0]
    expect(references.first).to_contain_text(first.amount)
    expect(references.first).to_contain_text(first.publishers[0])
    # the opening view draws marks, big enough to see; no empty chart with a notice
    page.locator(".live-chart").scroll_into_view_if_needed()
    expect(page.locator(".live-chart .point").first).to_be_attached(timeout=20_000)
    sides = page.evaluate(MARKS)
    assert sides and max(sides) >= MIN_MARK, f"{sector} at {size}: marks {sides[:10]}"
    body = page.locator("[data-testid=stMain]").inner_text()
    assert not [n for n in EMPTY_NOTICES if n in body], f"{sector} at {size}"
    assert page.evaluate(SIDEWAYS) <= 0, f"{sector} scrolls sideways at {size}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sector-{sector}-{size}.png"))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"axe on {sector} at {size}: {serious}"


def test_a_quote_opens_its_sentence_in_context(browser: Browser, app_url: str, dataset: Dataset):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/?sector=energy")
    _settle(page)
    line = build_story(dataset, Filters(sector=("energy",))).claims[1]
    link = page.locator(".story-claims li a").nth(1)
    link.focus()  # the keyboard path: a link takes focus and opens with Enter
    page.keyboard.press("Enter")
    _settle(page)
    panel = page.locator(".st-key-evidence")
    quote = dataset.figures.set_index("figure_id").loc[line.ref.removeprefix("claim:"), "quote"]
    expect(panel.locator("mark")).to_have_text(html.unescape(quote), timeout=20_000)
    expect(page.locator(".sector-story")).to_be_visible()  # still on the energy story
    context.close()
