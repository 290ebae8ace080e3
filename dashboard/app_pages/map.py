"""Map: where the claims are (Ukraine's regions) and which Kyiv districts the attacks hit."""

from __future__ import annotations

import streamlit as st

from dashboard.core import kyiv
from dashboard.core.maps import SCREEN_ZOOM_STEP
from dashboard.core.views import CHARTS, caption_for, draw_kyiv_map, draw_region_map
from dashboard.ui.charts import show_chart
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.state import KYIV_DATES, MAP_KEYS

dataset = get_dataset()
filters = st.session_state["filters"]
figures = st.session_state["filtered"]
attacks = dataset.frames["kyiv_attacks"]

st.title("Map")
st.caption(
    "Drawn from local boundary files only (Natural Earth admin-1; district centroids from OpenStreetMap): no tiles, no web requests. Click a region or a district to read its evidence."
)

first, last = attacks["date"].min().date(), attacks["date"].max().date()
start, end = st.slider(
    "Attacks on Kyiv between",
    min_value=first,
    max_value=last,
    value=(first, last),
    key=KYIV_DATES,
    format="YYYY-MM-DD",
)

left, right = st.columns(2)
with left:
    fig = draw_region_map(
        dataset, figures, caption_for(CHARTS["regions"], dataset, figures, filters), filters
    )
    fig.update_layout(map={"zoom": fig.layout.map.zoom - SCREEN_ZOOM_STEP})
    show_chart(fig, MAP_KEYS["regions"], height=560, file_name="regions", footer_chars=70)
with right:
    fig = draw_kyiv_map(
        dataset,
        figures,
        caption_for(CHARTS["kyiv"], dataset, figures, filters),
        filters,
        (start, end),
    )
    fig.update_layout(map={"zoom": fig.layout.map.zoom - SCREEN_ZOOM_STEP})
    show_chart(fig, MAP_KEYS["kyiv"], height=560, file_name="kyiv-districts", footer_chars=70)

shown = kyiv.attacks_for_sectors(attacks, filters.sector)
unplaced = kyiv.attacks_without_districts(
    shown, dataset.frames["kyiv_attack_districts"], start, end
)
if not unplaced.empty:
    st.caption(
        f"{len(unplaced)} attacks in this window have no district reported: {', '.join(f'{d:%Y-%m-%d}' for d in unplaced['date'])}. Counts are as first reported; an empty count means not reported, never zero."
    )
render_evidence_panel(dataset, key="map_evidence")
