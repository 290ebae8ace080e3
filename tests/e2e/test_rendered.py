"""Every chart looked at as a person sees it (habit 15): drawn by plotly.js in Chromium on the
slide (1600x900) and in the page columns charts really get: 700 px (a half-width column of a
1440 laptop), 560 (a 1024 laptop with the sidebar open), 390 and 360 (phones), with the HTML
title, subtitle and source line around the plot as the page writes them; under no filter, every
sector and a sample of the other filters; each figure drawn once per width and its boxes
measured (tests/e2e/layout.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import plotly.graph_objects as go
import pytest
from playwright.sync_api import Browser, Page

from dashboard.core.data import schema
from dashboard.core.data.dataset import Dataset, load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import provenance
from dashboard.core.evidence.checkcards import check_cards
from dashboard.core.visuals import checkcharts, views
from dashboard.core.visuals.charts import for_screen, screen_caption_html
from dashboard.core.visuals.kyiv_charts import kyiv_map_for_screen, kyiv_map_for_slide
from dashboard.core.visuals.maps import REGIONS_HEIGHT, region_map_for_screen
from dashboard.ui.checks import BILL_HEIGHT, CHECK_HEIGHT, CHECK_PLOT
from tests.e2e.layout import draw, open_plot_page, problems

pytestmark = pytest.mark.e2e

SIZES = {"slide": 1600, "column": 700, "sidebar": 560, "phone": 390, "small phone": 360}
# the plot keeps this many pixels of width at each size, whatever stands beside it
MIN_PLOT = {"slide": 800, "column": 360, "sidebar": 300, "phone": 220, "small phone": 200}
# one of several panels side by side
MIN_PANEL = {"slide": 250, "column": 110, "sidebar": 90, "phone": 80, "small phone": 70}
# every sector alone, and a sample of the other single-value filters
FILTERS = [
    Filters(),
    *(Filters(sector=(s,)) for s in schema.sectors()),
    Filters(measure=("damage",)),
    Filters(measure=("needs",)),
    Filters(geography=("kyiv-city",)),
    Filters(geography=("east-south",)),
    Filters(org=("IEA",)),
    Filters(org=("UNDP",)),
    Filters(source=("kyiv-attack-before-talks",)),
]
SUMMER_TO_AUTUMN = (date(2025, 6, 1), date(2025, 11, 30))


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def plot_page(browser: Browser) -> Iterator[Page]:
    page = open_plot_page(browser)
    yield page
    page.close()


def sized(key: str, fig: go.Figure, size: str) -> go.Figure:
    """The figure as each place shows it: the slide as exported, the page's screen copy (one
    for every width, as ui/charts.py and ui/checks.py make it)."""
    if size == "slide":
        return kyiv_map_for_slide(go.Figure(fig)) if key == "kyiv" else fig
    if key.startswith("check"):  # a strip: one axis
        strip = checkcharts.check_for_screen(go.Figure(fig))
        return for_screen(strip, height=CHECK_HEIGHT, min_plot=CHECK_PLOT)
    if key == "bill":
        return for_screen(checkcharts.bill_for_screen(go.Figure(fig)), height=BILL_HEIGHT)
    if key == "regions":
        return for_screen(region_map_for_screen(go.Figure(fig)), height=REGIONS_HEIGHT)
    screen = kyiv_map_for_screen(go.Figure(fig)) if key == "kyiv" else fig
    return for_screen(screen)


def look(page: Page, figures: dict[str, go.Figure]) -> list[str]:
    """Every figure at every size, drawn once each: what is wrong with it, named. On a slide
    the title is drawn in the picture; on the page it is the HTML above the plot."""
    found = []
    for key, fig in figures.items():
        for size, width in SIZES.items():
            shown = sized(key, fig, size)
            around = ("", "") if size == "slide" else screen_caption_html(shown, "chart")
            drawn = draw(page, shown, width, around=around)
            titled = [t for t in drawn.texts if t["kind"] == "title"] or [
                c for c in drawn.captions if c["text"]
            ]
            seen = problems(drawn, min_plot=MIN_PLOT[size], min_panel=MIN_PANEL[size]) + (
                [] if titled else ["no title"]
            )
            found += [f"{key} at {size}: {p}" for p in seen]
    return found


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_every_chart_fits_and_its_labels_stand_apart(plot_page, dataset, filters):
    figures = views.build_view(dataset, filters)
    figures["timeline"] = views.draw_attack_timeline(dataset, filters)
    assert look(plot_page, figures) == []


def test_kyiv_charts_fit_in_a_date_window(plot_page, dataset):
    window = SUMMER_TO_AUTUMN
    figures = views.build_view(dataset, Filters(), ["kyiv"], window=window)
    figures["timeline"] = views.draw_attack_timeline(dataset, Filters(), window)
    assert look(plot_page, figures) == []


def test_check_charts_fit_and_label_inside_the_plot(plot_page, dataset):
    sources = dataset.frames["sources"]
    as_of = provenance.as_of(sources, dataset.version)
    figures = {
        f"check {card.check_id}": checkcharts.build_check_chart(card, sources, as_of)
        for card in check_cards(dataset)
    }
    figures["bill"] = checkcharts.build_bill_view(dataset, dataset.figures, "All claims")
    assert look(plot_page, figures) == []
