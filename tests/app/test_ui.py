"""UI helpers that are not pages: the frozen figure that st.plotly_chart serialises once."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.ui.charts import FrozenFigure


def test_frozen_figure_serialises_once_and_identically():
    plain = go.Figure(go.Bar(x=[1, 2], y=[3, 4], customdata=["claim:a", "claim:b"]))
    frozen = FrozenFigure(plain)
    first = frozen.to_dict()
    assert frozen.to_dict() is first  # the dict st.plotly_chart asks for is made once
    assert pio.to_json(first, validate=False) == pio.to_json(plain.to_dict(), validate=False)


def test_single_sector_views_are_built_before_anyone_asks(monkeypatch):
    """After prepare_views, the component's data holds the view of no sector and of each single
    sector, built by the app's own chart code; a first visit of one builds nothing, and a view
    not built ahead (two sectors) is built on demand."""
    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.data.filters import Filters
    from dashboard.ui import charts, live

    dataset = load_dataset()
    monkeypatch.setattr(live, "_ready", {})
    before = live.payload(dataset, Filters(), "cost", 0)
    assert list(before["views"]) == [""]  # nothing built ahead yet: the current view only
    thread = live.prepare_views(dataset)
    assert thread is not None and live.prepare_views(dataset) is None  # once per data version
    thread.join(timeout=120)
    built: list[str] = []
    real = charts.build_view
    monkeypatch.setattr(
        charts, "build_view", lambda *a, **k: built.append(a[2][0]) or real(*a, **k)
    )
    sent = live.payload(dataset, Filters(), "cost", 0)
    sectors = sorted(set(dataset.figures["sector"]))
    assert set(sent["views"]) == {"", *sectors}
    assert built == []
    energy = sent["views"]["energy"]
    assert [t["key"] for t in energy["tabs"]] == list(energy["charts"])
    assert "cost" not in energy["charts"] and "Cost figures: left out" in energy["left_out"]
    # views the element holds already are not sent again; the current one is, if not held
    held = live.payload(dataset, Filters(), "cost", 1, {"", "energy"})
    assert set(held["views"]) == set(sectors) - {"energy"}
    assert set(held["full"]) == set(held["views"])
    two = live.payload(dataset, Filters(sector=("energy", "housing")), "impacts", 3)
    # several sectors: built when asked for (a round trip), sent beside the common views
    assert set(two["views"]) == {"energy,housing", "", *sectors}
    assert "energy,housing" not in two["full"]  # the open tab's chart only: sent again
    assert list(two["views"]["energy,housing"]["charts"]) == ["impacts"]
    assert built and set(built) <= {"assessments", "impacts", "cost"}
    assert two["current"] == {"sectors": ["energy", "housing"], "tab": "impacts"}
    assert two["seq"] == 3
    other = live.payload(dataset, Filters(org=("UNDP",)), "cost", 0)
    assert list(other["views"]) == [""]  # another filter: every change is a round trip


def test_every_wrapping_container_and_evidence_panel_is_styled():
    """app.py's style names its containers exactly (no `[class*=...]` match): a page's new
    `wrap*` container or evidence panel key must be listed, or its columns never wrap and its
    focus ring is missing."""
    import re

    from dashboard.core.base.paths import ROOT
    from dashboard.ui.state import EVIDENCE_PANELS, WRAP_NARROW, WRAP_WIDE

    sources = "\n".join(p.read_text() for p in (ROOT / "dashboard").rglob("*.py"))
    wraps = set(re.findall(r'key="(wrap(?:sm)?_\w+)"', sources))
    assert wraps and wraps == {*WRAP_WIDE, *WRAP_NARROW}
    assert all(k.startswith("wrapsm_") for k in WRAP_NARROW)
    assert not any(k.startswith("wrapsm_") for k in WRAP_WIDE)
    panels = set(re.findall(r'render_evidence_panel\(dataset, key="(\w+)"\)', sources))
    assert panels | {"evidence"} == set(EVIDENCE_PANELS)


def test_marks_table_is_an_escaped_html_table():
    from dashboard.core.evidence.alternative import Mark
    from dashboard.ui.charts import marks_table_html

    mark = Mark(series="<b>IEA</b>", label="a & b <script>x</script>", ref="claim:x")
    out = marks_table_html([mark])
    assert "<th scope='col'>series</th>" in out
    assert "<td>&lt;b&gt;IEA&lt;/b&gt;</td>" in out
    assert "a &amp; b &lt;script&gt;x&lt;/script&gt;" in out and "<script>" not in out


def test_the_shipped_bundle_is_the_version_python_emits_for_and_draws_every_trace():
    """dashboard/static/ holds plotly.js's basic bundle at the version Python's plotly emits
    figures for, with its licence; every trace of every view sent ahead (the Overview's, the Checks page's) is one it draws."""
    import plotly.offline

    from dashboard.core.base.paths import ROOT
    from dashboard.core.data.dataset import load_dataset
    from dashboard.ui import checklive, live
    from dashboard.ui.checks import get_cards

    static = ROOT / "dashboard" / "static"
    bundle = static / live.PLOTLY_JS.removeprefix("app/static/")
    head = bundle.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (basic - minified) v{live.PLOTLY_VERSION}" in head
    assert plotly.offline.get_plotlyjs_version() == live.PLOTLY_VERSION
    assert "MIT" in (static / "plotly-LICENSE.txt").read_text(encoding="utf-8")
    dataset = load_dataset()
    traces = set()
    views = [live.view_of(dataset, filters) for filters in live.common_filters(dataset)]
    # and the Checks page's element: every check's view
    views += checklive.payload(dataset, get_cards(dataset), "", 0, set())["views"].values()
    for view in views:
        for chart in view["charts"].values():
            traces |= {t.get("type", "scatter") for t in json.loads(chart["figure"])["data"]}
    assert traces and traces <= live.PLOTLY_TRACES, traces - live.PLOTLY_TRACES
