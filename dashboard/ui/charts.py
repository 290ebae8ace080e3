"""Showing a figure: one key per chart, clicks feed the evidence panel, toolbar downloads named."""

from __future__ import annotations

from dataclasses import astuple

import plotly.graph_objects as go
import streamlit as st

from dashboard.core.charts import for_screen
from dashboard.core.dataset import Dataset
from dashboard.core.filters import Filters
from dashboard.core.views import build_view
from dashboard.ui.evidence import selection_from_event

Key = tuple[tuple[str, ...], ...]


@st.cache_resource(max_entries=512, show_spinner=False)
def _screen_figure(
    _dataset: Dataset, version: str, chart: str, filters: Key, footer_chars: int, height: int
) -> go.Figure:
    """A chart of the view sized for the page, cached per data version, chart, filters and size:
    a view seen before costs no rebuilding. The figure is shared: never mutate it."""
    del version  # part of the cache key only: the dataset itself is not hashed
    fig = build_view(_dataset, Filters(*filters), [chart])[chart]
    return for_screen(fig, footer_chars).update_layout(height=height, width=None)


def view_figure(
    dataset: Dataset, filters: Filters, chart: str, *, height: int = 520, footer_chars: int = 95
) -> go.Figure:
    """The screen version of one chart of the current view, at page height (cached)."""
    return _screen_figure(dataset, dataset.version, chart, astuple(filters), footer_chars, height)


def show_chart(
    fig: go.Figure,
    key: str,
    *,
    height: int = 520,
    file_name: str | None = None,
    footer_chars: int | None = 95,
) -> None:
    """Render a figure; a click on a mark selects its evidence. footer_chars=None shows the
    figure as given (already sized by view_figure), else a screen-sized copy is made."""
    shown = (
        fig
        if footer_chars is None
        else for_screen(fig, footer_chars).update_layout(height=height, width=None)
    )
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_name or key,
            "width": 1920,
            "height": 1080,
            "scale": 1,
        },
    }
    st.plotly_chart(
        shown,
        theme=None,  # our own light theme, so the screen matches the export
        key=key,
        on_select=lambda: selection_from_event(key),
        selection_mode="points",
        width="stretch",
        config=config,
    )
