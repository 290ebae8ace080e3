"""Overview: headline cards per sector, the charts in tabs, and the evidence panel beside them."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.filenames import file_stem
from dashboard.ui.charts import show_chart, view_figure
from dashboard.ui.data import get_cards_html, get_dataset, get_left_out
from dashboard.ui.evidence import keep_tab_focus, render_evidence_panel
from dashboard.ui.filters import write_url
from dashboard.ui.slides import slide_pictures
from dashboard.ui.state import (
    CHART_KEYS,
    OVERVIEW_CHART,
    OVERVIEW_HEIGHTS,
    OVERVIEW_TAB,
    OVERVIEW_TABS,
)
from dashboard.ui.story import render_story

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
filters = st.session_state["filters"]
figures = st.session_state["filtered"]

st.title("What the strikes did to Ukraine's infrastructure")
st.caption(
    "Every number here is a quote from a source document or a cited reference figure. Click a mark to read its sentence."
)

if figures.empty:
    st.info("No claims match these filters. Clear a filter in the sidebar to see more.")
    st.stop()

st.html(get_cards_html(dataset, filters))


@st.fragment
def charts_and_evidence() -> None:
    """The story, the charts and the evidence panel: a click on a mark, a tab or the keyboard
    list reruns only this part, not the cards and filters above it; a filter change reruns it all."""
    charts_col, evidence_col = st.container(key="wrapsm_overview").columns([2, 1])
    with charts_col:
        render_story(dataset, filters, st.session_state.get(OVERVIEW_CHART))
        # Only charts with something to draw get a tab; the others are named, with why.
        left_out = get_left_out(dataset, filters, tuple(OVERVIEW_TABS))
        shown = {k: v for k, v in OVERVIEW_TABS.items() if k not in left_out}
        if left_out:
            st.caption(
                escape_markdown(
                    " ".join(f"{OVERVIEW_TABS[k]}: left out, {why}." for k, why in left_out.items())
                )
            )
        if not shown:
            return
        # Lazy tabs: only the open tab's chart is built and sent, so a filter change redraws one
        # chart, not three. The chosen tab survives page changes and lives in the URL (?tab=).
        # The widget's state, not its `default`, carries the choice: a default that changes from
        # one rerun to the next makes a new widget, and the click that caused it is lost.
        chosen = st.session_state.get(OVERVIEW_CHART, "cost")
        if chosen not in shown:  # the page opens on a chart that draws something
            chosen = next(iter(shown))
            st.session_state.pop(OVERVIEW_TAB, None)
        if st.session_state.get(OVERVIEW_TAB) not in shown.values():
            st.session_state[OVERVIEW_TAB] = shown[chosen]
        tabs = st.tabs(list(shown.values()), key=OVERVIEW_TAB, on_change="rerun")
        label = st.session_state[OVERVIEW_TAB]
        chart = next(k for k, v in shown.items() if v == label)
        if chart != chosen:  # a tab changed by key or click: keep keyboard focus on it
            keep_tab_focus("wrapsm_overview")
        st.session_state[OVERVIEW_CHART] = chart
        for tab, key in zip(tabs, shown, strict=True):
            if tab.open:
                with tab:
                    show_chart(
                        view_figure(dataset, filters, key, height=OVERVIEW_HEIGHTS[key]),
                        CHART_KEYS[key],
                        file_name=file_stem(key, filters, date.today()),
                        slide=slide_pictures(dataset, filters, key),
                    )
    with evidence_col:
        render_evidence_panel(dataset)
        st.html(HOW_TO_READ)  # one element, not a container and its text: both redrawn per change
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


charts_and_evidence()
