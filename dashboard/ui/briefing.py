"""A chart of the brief on the Briefing page: the slide itself once drawn, with its downloads;
until then the screen version. The renders are kept by ui/renders.py."""

from __future__ import annotations

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.alternative import describe_chart
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.plans import ChartPlan, RenderedChart
from dashboard.ui.charts import show_chart, view_figure
from dashboard.ui.slides import slide_pictures


def show_preview(
    dataset: Dataset,
    filters: Filters,
    plan: ChartPlan,
    rendered: RenderedChart | None,
    stem: str,
) -> None:
    """A chart of the brief: the slide itself once drawn (a picture scales to any column, type
    and all) with its own downloads; until then the screen version, which fits any width."""
    if rendered is None:
        show_chart(
            view_figure(dataset, filters, plan.key),
            f"brief_preview_{plan.key}",
            file_name=stem,
            slide=slide_pictures(dataset, filters, plan.key) if plan.empty is None else None,
        )
        return
    description = describe_chart(plan.figure).description  # the slide's text alternative
    st.image(
        rendered.png,
        caption=_("The slide as downloaded (1920×1080)"),
        width="stretch",
        alt=description,
    )
    st.caption(escape_markdown(description))
    png, svg = st.columns(2)
    png.download_button(
        _("PNG"), rendered.png, f"{stem}.png", "image/png", key=f"png_{plan.key}", on_click="ignore"
    )
    svg.download_button(
        _("SVG"),
        rendered.svg,
        f"{stem}.svg",
        "image/svg+xml",
        key=f"svg_{plan.key}",
        on_click="ignore",
    )
