"""Map: where the claims are (Ukraine's regions) and which Kyiv districts the attacks hit."""

from __future__ import annotations

import streamlit as st

from dashboard.core import kyiv
from dashboard.ui.charts import show_chart, view_figure
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.state import KYIV_DATES, MAP_BASEMAP, MAP_KEYS

dataset = get_dataset()
filters = st.session_state["filters"]
attacks = dataset.frames["kyiv_attacks"]

st.title("Map")
st.caption(
    "Drawn from local boundary files only (Natural Earth admin-1; district centroids from OpenStreetMap): no tiles, no web requests unless you turn the basemap on. Click a region or a district to read its evidence."
)

first, last = attacks["date"].min().date(), attacks["date"].max().date()
dates, tiles = st.columns([4, 1], vertical_alignment="bottom")
basemap = tiles.toggle(
    "Basemap (online)",
    key=MAP_BASEMAP,
    help="Streets and places from OpenStreetMap's tile server under the boundaries. Needs internet; off, the maps use nothing but the local files.",
)
start, end = dates.slider(
    "Attacks on Kyiv between",
    min_value=first,
    max_value=last,
    value=(first, last),
    key=KYIV_DATES,
    format="YYYY-MM-DD",
)

left, right = st.columns(2)
with left:
    fig = view_figure(dataset, filters, "regions", height=620, footer_chars=64, basemap=basemap)
    show_chart(fig, MAP_KEYS["regions"], file_name="regions")
with right:
    fig = view_figure(
        dataset, filters, "kyiv", height=620, footer_chars=64, window=(start, end), basemap=basemap
    )
    show_chart(fig, MAP_KEYS["kyiv"], file_name="kyiv-districts")

shown = kyiv.attacks_for_sectors(attacks, filters.sector)
unplaced = kyiv.attacks_without_districts(
    shown, dataset.frames["kyiv_attack_districts"], start, end
)
if not unplaced.empty:
    st.caption(
        f"{len(unplaced)} attacks in this window have no district reported: {', '.join(f'{d:%Y-%m-%d}' for d in unplaced['date'])}. Counts are as first reported; an empty count means not reported, never zero."
    )
render_evidence_panel(dataset, key="map_evidence")
