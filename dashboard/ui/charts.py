"""Showing a figure: one key per chart, clicks feed the evidence panel, toolbar downloads named."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard.core.charts import for_screen
from dashboard.ui.evidence import selection_from_event


def show_chart(
    fig: go.Figure,
    key: str,
    *,
    height: int = 520,
    file_name: str | None = None,
    footer_chars: int = 95,
) -> None:
    """Render a figure at page height; a click on a mark selects its evidence."""
    shown = for_screen(fig, footer_chars).update_layout(height=height, width=None)
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
