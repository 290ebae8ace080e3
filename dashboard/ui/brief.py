"""Screenshot mode (`?view=brief&chart=cost`): one chart at 16:9, no sidebar, no app chrome."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import parse_query
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.charts import HEIGHT
from dashboard.core.visuals.views import CHARTS, build_view, filter_options
from dashboard.ui.charts import toolbar_config

# Hide everything but the chart; keep the page at a clean 16:9 for screenshots.
CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer,
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 0.5rem 1rem !important; max-width: 100% !important;}
</style>
"""


def render_brief_view(dataset: Dataset) -> None:
    """Draw the chosen chart alone, filtered by the URL; unknown values are named, not fatal."""
    st.html(CHROME_CSS)
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    filters, notices = parse_query(params, filter_options(dataset))
    key = st.query_params.get("chart", "cost")
    if key not in CHARTS:
        notices.append(
            f"Unknown chart '{key}' (expected one of: {', '.join(CHARTS)}); showing cost"
        )
        key = "cost"
    for notice in notices:
        st.warning(escape_markdown(notice))
    fig = build_view(dataset, filters, [key])[key]
    st.plotly_chart(
        fig,
        theme=None,
        key="brief_chart",
        width="content",
        config=toolbar_config(file_stem(key, filters, date.today()), HEIGHT),
    )
