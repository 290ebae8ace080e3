"""Every chart exports (slide PNG and SVG, data as CSV) with its filters and date window."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.state import CHART_KEYS, KYIV_TIMELINE, MAP_KEYS
from tests.app.test_pages import _app

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
    at = _app("map", **WINDOW)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert ["2025-06-01 to 2025-11-30" in t for t in titles] == [False, True, True]
    assert all("All claims" not in t for t in titles[1:])  # attack charts draw attacks


def test_the_checks_charts_export():
    at = _app("checks")
    assert not at.exception
    assert _files("chart_check") | _files("chart_bill") <= _keys(at)


def test_the_overview_chart_exports():
    at = _app()
    assert _files(CHART_KEYS["cost"]) <= _keys(at)


def test_the_brief_view_of_kyiv_honours_the_window():
    at = _app(view="brief", chart="kyiv", **WINDOW)
    assert not at.exception
    (chart,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert "attacks from 2025-06-01 to 2025-11-30" in chart["layout"]["title"]["text"]
    whole = _app(view="brief", chart="kyiv")
    assert json.loads(whole.get("plotly_chart")[0].proto.spec)["data"] != chart["data"]
