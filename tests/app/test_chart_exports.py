"""Every chart exports (slide PNG and SVG, data as CSV) with its filters and date window."""

from __future__ import annotations

import json
from datetime import date
from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.checkcards import check_cards
from dashboard.core.output.rendering import RenderNotReady
from dashboard.core.visuals.views import draw_attack_timeline
from dashboard.ui import maplive
from dashboard.ui.checks import _check_slide
from dashboard.ui.renders import render_key, renders
from dashboard.ui.share import share_key
from dashboard.ui.slides import figure_slide
from dashboard.ui.state import KYIV_TIMELINE, MAP_KEYS, MAP_LIVE, OVERVIEW_FILES
from tests.app.test_pages import _app, _choose

WINDOW = {"from": "2025-06-01", "to": "2025-11-30"}


def _keys(at: AppTest) -> set[str]:
    return {b.key for b in at.get("download_button")}


def _files(key: str) -> set[str]:
    return {f"{key}_slide_png", f"{key}_slide_svg", f"{key}_csv"}


@pytest.mark.parametrize("params", [{}, WINDOW])
def test_every_map_page_chart_exports_under_a_date_window(params):
    at = _app("map", **params)
    assert not at.exception
    for key in (MAP_KEYS["regions"], MAP_KEYS["kyiv"], KYIV_TIMELINE):
        assert _files(key) <= _keys(at), key


def test_the_map_page_charts_state_the_window():
    at = _app("map", **WINDOW)  # snapped inward to the attacks' dates: 2025-06-17 to 2025-11-29
    # on the page the title line is HTML over the plot: the figure keeps it in its meta
    specs = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    (regions,) = [layout["meta"]["caption"]["title"] for layout in specs]
    assert "2025-06-17 to 2025-11-29" not in regions
    (element,) = [e for e in at.get("bidi_component") if e.proto.id.endswith(MAP_LIVE)]
    sent = maplive.sent(element.proto.json)
    view = sent["windows"]["2025-06-17..2025-11-29"]
    for chart in ("kyiv", "timeline"):  # attack charts draw attacks, in the window
        assert "attacks from 2025-06-17 to 2025-11-29" in view[chart]["head"]
        assert "All claims" not in view[chart]["head"]


def test_the_checks_charts_export():
    at = _app("checks")
    assert not at.exception
    assert _files("chart_check") | _files("chart_bill") <= _keys(at)


def test_the_overview_chart_exports():
    at = _app()
    assert _files(OVERVIEW_FILES) <= _keys(at)


def _overview_widgets(at: AppTest) -> dict[str, str]:
    """The Overview's downloads and share box: their keys and their element ids."""
    share = share_key(OVERVIEW_FILES)
    found = {b.key: b.proto.id for b in at.get("download_button")}
    found |= {e.proto.id: e.proto.id for e in at.expander if e.proto.id.endswith(share)}
    return found


def test_the_overview_files_keep_their_widgets_across_charts():
    """A tab switch changes the files in place: the same widgets (a new key would remove the
    old ones and add new ones, each a remount in the browser), holding the new chart's files."""
    at = _app()
    before = _overview_widgets(at)
    assert _files(OVERVIEW_FILES) <= set(before)
    assert any(share_key(OVERVIEW_FILES) in key for key in before)
    for tab in ("impacts", "assessments"):
        _choose(at, tab=tab)
        assert not at.exception
        assert _overview_widgets(at) == before, tab


def test_the_brief_view_of_kyiv_honours_the_window():
    at = _app(view="brief", chart="kyiv", **WINDOW)
    assert not at.exception
    (chart,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert "attacks from 2025-06-01 to 2025-11-30" in chart["layout"]["title"]["text"]
    whole = _app(view="brief", chart="kyiv")
    assert json.loads(whole.get("plotly_chart")[0].proto.spec)["data"] != chart["data"]


def _clicked_until_drawn(slide, fmt: str, clicks: int = 30) -> bytes:
    """A slide picture as a person gets it: a click waits 8 s at most, and one not drawn by
    then says so and is asked again (the job goes on meanwhile; on a loaded machine the
    render browser, started niced, can take longer than one click's wait)."""
    for _ in range(clicks - 1):
        try:
            return slide(fmt)
        except RenderNotReady:
            continue
    return slide(fmt)


@pytest.mark.parametrize("chart", ["timeline", "check"])
def test_timeline_and_check_slides_are_kept_in_the_shared_render_store(chart):
    """Their slide pictures are drawn by the Briefing page's renderer and kept in its store,
    like every chart of the brief: asked again (by any session), the same bytes come back
    without a second drawing."""
    dataset = load_dataset()
    if chart == "timeline":
        filters, name = Filters(sector=("energy",)), f"timeline@{WINDOW['from']}..{WINDOW['to']}"
        window = (date(2025, 6, 1), date(2025, 11, 30))
        draw = partial(draw_attack_timeline, dataset, filters, window)
    else:
        card = check_cards(dataset)[0]
        filters, name = Filters(), f"check:{card.check_id}"
        draw = partial(_check_slide, dataset, card)
    slide = figure_slide(dataset, filters, name, draw)
    png = _clicked_until_drawn(slide, "png")
    kept = renders().get(render_key(dataset, filters, name))
    assert kept is not None and kept.png == png and png.startswith(b"\x89PNG")
    assert slide("svg") == kept.svg and b"<svg" in kept.svg[:500]
