"""Claim checks on screen: the card (badge, quote, links, reasoning) and its one-axis chart."""

from __future__ import annotations

from datetime import date
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from dashboard.core.base.i18n import keyed
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.evidence import provenance
from dashboard.core.evidence.checkcards import CheckCard, card_for_claim, card_html, check_cards
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.charts import for_screen
from dashboard.core.visuals.checkcharts import (
    bill_for_screen,
    build_bill_view,
    build_check_chart,
    check_for_screen,
)
from dashboard.core.visuals.views import place_labels
from dashboard.ui.charts import FrozenFigure, chart_files, show_chart
from dashboard.ui.share import show_share
from dashboard.ui.slides import figure_slide

BILL_HEIGHT = 640  # two panels, one over the other, over the legend
CHECK_HEIGHT = 300  # one axis and the legend naming its points: a strip, not a full chart
CHECK_PLOT = 140  # the strip's own height


@st.cache_resource(max_entries=4, show_spinner=False)
def _cards(_dataset: Dataset, version: str) -> list[CheckCard]:
    del version  # cache key only
    return check_cards(_dataset)


def get_cards(dataset: Dataset) -> list[CheckCard]:
    """Every check joined to its rows (cached per data version)."""
    return _cards(dataset, keyed(dataset.version))


@st.cache_resource(max_entries=32, show_spinner=False)
def _check_figure(_dataset: Dataset, version: str, check_id: str) -> FrozenFigure:
    del version
    card = next(c for c in get_cards(_dataset) if c.check_id == check_id)
    sources = _dataset.frames["sources"]
    fig = build_check_chart(card, sources, provenance.as_of(sources, _dataset.version))
    screen = for_screen(check_for_screen(fig), height=CHECK_HEIGHT, min_plot=CHECK_PLOT)
    return FrozenFigure(screen)


@st.cache_resource(max_entries=64, show_spinner=False)
def _bill_figure(_dataset: Dataset, version: str, filters: Filters) -> FrozenFigure:
    del version
    figures = apply_filters(_dataset.figures, filters)
    described = filters.describe(places=place_labels(_dataset))
    fig = bill_for_screen(build_bill_view(_dataset, figures, described))
    return FrozenFigure(for_screen(fig, height=BILL_HEIGHT))


def check_figure(dataset: Dataset, check_id: str) -> FrozenFigure:
    """The check's one-axis chart as the screen shows it (cached per data version)."""
    return _check_figure(dataset, keyed(dataset.version), check_id)


def check_files(dataset: Dataset, card: CheckCard, *, key: str) -> None:
    """Under the check's chart (drawn by the page's element, ui/checklive): its slide pictures
    and data as files, and its share box."""
    fig = check_figure(dataset, card.check_id)
    slide = figure_slide(
        dataset, Filters(), f"check:{card.check_id}", partial(_check_slide, dataset, card)
    )
    chart_files(fig, key, card.check_id, slide)
    show_share(fig, key)


def claim_card_html(dataset: Dataset, figure_id: str) -> str | None:
    """Under a claim's evidence: its check's card when it has one (compact, no chart)."""
    card = card_for_claim(get_cards(dataset), figure_id)
    return None if card is None else card_html(card, f"checks?check={card.check_id}")


def show_bill_chart(dataset: Dataset, filters: Filters) -> None:
    """How the bill grew, for the current filters."""
    fig = _bill_figure(dataset, keyed(dataset.version), filters)
    figures = apply_filters(dataset.figures, filters)
    words = filters.describe(places=place_labels(dataset))
    show_chart(
        fig,
        "chart_bill",
        file_name=file_stem("bill", filters, date.today()),
        slide=figure_slide(
            dataset, filters, "bill", partial(build_bill_view, dataset, figures, words)
        ),
    )


def _check_slide(dataset: Dataset, card: CheckCard) -> go.Figure:
    """The check's chart at the slides' design size."""
    sources = dataset.frames["sources"]
    return build_check_chart(card, sources, provenance.as_of(sources, dataset.version))
