"""Screenshot mode (`?view=brief&chart=cost`): one chart at 16:9, no sidebar, no app chrome;
the Kyiv map follows the date window of the link (`from`, `to`) as the Map page does."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.core.data import kyiv
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import parse_query
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.charts import HEIGHT
from dashboard.core.visuals.views import ALL_DATES, CHARTS, build_view, filter_options
from dashboard.ui.charts import toolbar_config
from dashboard.ui.state import KYIV_URL

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
    window = ALL_DATES
    if key == "kyiv" and any(name in st.query_params for name in KYIV_URL):
        days = dataset.frames["kyiv_attacks"]["date"]
        asked = [st.query_params.get(name) for name in KYIV_URL]
        window, said = kyiv.parse_window(*asked, days.min().date(), days.max().date())
        notices += said
    for notice in notices:
        st.warning(escape_markdown(notice))
    fig = build_view(dataset, filters, [key], window=window)[key]
    st.plotly_chart(
        fig,
        theme=None,
        key="brief_chart",
        width="content",
        config=toolbar_config(file_stem(key, filters, date.today()), HEIGHT),
    )
