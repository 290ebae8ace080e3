"""Map: where the claims are (Ukraine's regions), which Kyiv districts the attacks hit, and when."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.core.base.i18n import N_, _
from dashboard.core.data import kyiv
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.maps import REGIONS_HEIGHT
from dashboard.ui import maplive
from dashboard.ui.charts import show_chart, view_figure
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.filters import write_url
from dashboard.ui.kyiv import date_window, saved_window, window_lists, window_to_url
from dashboard.ui.slides import slide_pictures
from dashboard.ui.state import MAP_BASEMAP, MAP_KEYS

dataset = get_dataset()
filters = st.session_state["filters"]
attacks = dataset.frames["kyiv_attacks"]

INTRO = N_(
    "Drawn from local boundary files only (regions: Natural Earth admin-1, public domain; Kyiv's districts: © OpenStreetMap contributors, ODbL): no tiles, no web requests unless you turn the basemap on. Click a region, a district or an attack to read its evidence; the buttons under the charts do the same from the keyboard."
)
BASEMAP_HELP = N_(
    "Streets and places from OpenStreetMap's tile server under the boundaries. Needs internet; off, the maps use nothing but the local files."
)
st.title(_("Map"))
st.caption(_(INTRO))


@st.fragment
def maps_and_evidence() -> None:
    """Everything under the title: a click on a region or the basemap reruns only this part; a
    filter change reruns it all. The Kyiv part is a fragment of its own (kyiv_part)."""
    dates = kyiv.attack_dates(attacks)
    row, tiles = st.columns([4, 1], vertical_alignment="bottom")
    basemap = tiles.toggle(_("Basemap (online)"), key=MAP_BASEMAP, help=_(BASEMAP_HELP))
    # the window is in the browser (ui/maplive) without the basemap, whose tiles need plotly.js's
    # map traces: with it, the page draws in Python, a rerun per window
    window = date_window(row, dates) if basemap else None
    if window is None:  # the regions with their files beside, then Kyiv with its evidence beside
        chart, side = st.container(key="wrapsm_regions").columns(2)
        with chart:
            regions_map(basemap, side)
        kyiv_part()
        maplive.window_files_part(dataset, filters)
        return
    left, right = st.container(key="wrap_maps").columns(2)
    with left:
        regions_map(basemap)
    start, end = window
    with right:
        maplive.python_kyiv_map(dataset, filters, window, window == (dates[0], dates[-1]))
    timeline_in_python(start, end)
    attack_lists(start, end)
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


@st.fragment
def kyiv_part() -> None:
    """The evidence panel, the window with the Kyiv map and timeline drawn in the browser and
    the lists (the element draws a window's lists too, ahead of this rerun): moving the window,
    or a click on a district or an attack, reruns only this part (the regions map and the
    charts' files, which read the window when clicked, stay)."""
    dates = kyiv.attack_dates(attacks)
    start, end = saved_window(dates)
    window_to_url(start, end, dates)
    maplive.hold_window((start, end), (start, end) == (dates[0], dates[-1]))
    # the charts beside the evidence and the lists (one under the other on a phone)
    charts, side = st.container(key="wrapsm_kyiv").columns([3, 2])
    with side:
        render_evidence_panel(dataset, key="map_evidence")
    with charts:
        maplive.show_map_live(dataset, filters, (start, end))
    with side:
        attack_lists(start, end, side=False, seq=maplive.seq())  # the element draws them ahead
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


def regions_map(basemap: bool, side: DeltaGenerator | None = None) -> None:
    """Where the claims are: Ukraine's regions, with the chart's files and text alternative
    under it or in `side`."""
    fig = view_figure(dataset, filters, "regions", height=REGIONS_HEIGHT, basemap=basemap)
    show_chart(
        fig,
        MAP_KEYS["regions"],
        file_name=file_stem("regions", filters, date.today()),
        slide=slide_pictures(dataset, filters, "regions"),
        side=side,
    )


def attack_lists(start: date, end: date, *, side: bool = True, seq: int | None = None) -> None:
    """The district and attack buttons (with the note on attacks without a district)."""
    window_lists(dataset, tuple(filters.sector), start, end, side=side, seq=seq)


def timeline_in_python(start: date, end: date) -> None:
    """The timeline beside the evidence panel, drawn by Streamlit (the basemap's page)."""
    timeline, panel = st.container(key="wrapsm_timeline").columns([3, 2])
    with timeline:
        maplive.python_timeline(dataset, filters, (start, end))
    with panel:
        render_evidence_panel(dataset, key="map_evidence")


maps_and_evidence()
