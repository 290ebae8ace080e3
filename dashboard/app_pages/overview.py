"""Overview: the sector choice, headline cards, the sector story and the charts in tabs, drawn
in the browser (ui/live.py), with the chart's downloads and the evidence panel beside them."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.core.output.filenames import file_stem
from dashboard.ui.charts import chart_files, view_figure
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.filters import current_filters, write_url
from dashboard.ui.live import show_live
from dashboard.ui.slides import slide_pictures
from dashboard.ui.state import CHART_KEYS, OVERVIEW_HEIGHTS

# A plain box in Streamlit's bordered-container look (static text, no source words).
HOW_TO_READ = """<div style="border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:1rem">
<p><strong>How to read these charts</strong></p>
<ul style="margin-bottom:0">
<li>A bar spans the interval a claim states: <em>hundreds of billions</em> is $100 bn to $1 tn, never a point.</li>
<li>An arrow marks an open end: <em>exceeding $400 billion</em> has no upper bound.</li>
<li>Damage (assets destroyed), needs (cost to rebuild) and losses (economic flows) are different measures:
they sit in separate panels and are never added up.</li>
<li>Assessment points are reference figures with their publisher, date and verification level.</li>
</ul></div>"""

dataset = get_dataset()

st.title("What the strikes did to Ukraine's infrastructure")
st.caption(
    "Every number here is a quote from a source document or a cited reference figure. Click a mark to read its sentence."
)


@st.fragment
def overview() -> None:
    """The component, the open chart's files and the evidence panel. A change in the component
    (drawn in the browser first) or a mark reruns only this part; the URL follows."""
    filters = current_filters()
    charts_col, evidence_col = st.container(key="wrapsm_overview").columns([2, 1])
    with charts_col:
        chart = show_live(dataset, filters)
        if chart:
            chart_files(
                view_figure(dataset, filters, chart, height=OVERVIEW_HEIGHTS[chart], compact=False),
                CHART_KEYS[chart],
                file_stem(chart, filters, date.today()),
                slide_pictures(dataset, filters, chart),
            )
    with evidence_col:
        render_evidence_panel(dataset)
        st.html(HOW_TO_READ)  # one element, not a container and its text: both redrawn per change
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


overview()
