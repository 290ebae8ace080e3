"""Overview: headline cards per sector, the three charts, and the evidence panel."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.charts import show_chart, view_figure
from dashboard.ui.data import get_cards, get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.state import CHART_KEYS

dataset = get_dataset()
filters = st.session_state["filters"]
figures = st.session_state["filtered"]

st.title("What the strikes did to Ukraine's infrastructure")
st.caption(
    "Every number here is a quote from a source document or a cited reference figure. Click a mark to read its sentence."
)

if figures.empty:
    st.info("No claims match these filters. Clear a filter in the sidebar to see more.")
    st.stop()

cards = get_cards(dataset, filters)
for column, card in zip(st.columns(len(cards)), cards, strict=True):
    with column.container(border=True, key=f"card_{card.sector}"):
        st.html(card.html)


# Charts on the left; the evidence panel on the right follows the scroll (sticky), so a click on
# any chart shows its sentence beside it.
st.html("<style>.st-key-evidence{position:sticky;top:3.5rem;z-index:2;background:white}</style>")
charts_col, evidence_col = st.columns([2, 1])
with charts_col:
    # Each chart is built just before it is shown, so the first reaches the browser sooner.
    for key, height in (("cost", 520), ("assessments", 600), ("impacts", 520)):
        show_chart(
            view_figure(dataset, filters, key, height=height),
            CHART_KEYS[key],
            height=height,
            file_name=key,
            footer_chars=None,
        )
with evidence_col:
    render_evidence_panel(dataset)
    with st.container(border=True):
        st.markdown("**How to read these charts**")
        st.markdown(
            "- A bar spans the interval a claim states: *hundreds of billions* is \\$100 bn to \\$1 tn, never a point.\n"
            "- An arrow marks an open end: *exceeding \\$400 billion* has no upper bound.\n"
            "- Damage (assets destroyed), needs (cost to rebuild) and losses (economic flows) are different measures: "
            "they sit in separate panels and are never added up.\n"
            "- Assessment points are reference figures with their publisher, date and verification level."
        )
