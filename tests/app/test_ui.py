"""UI helpers that are not pages: the frozen figure that st.plotly_chart serialises once."""

from __future__ import annotations

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
    """After warm_views, a first visit of each single-sector Overview view builds nothing:
    the figure a page asks for with the sidebar's filters is already in the cache."""
    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.data.filters import Filters
    from dashboard.ui import charts, warm
    from dashboard.ui.state import OVERVIEW_HEIGHTS

    dataset = load_dataset()
    monkeypatch.setattr(warm, "_started", set())
    thread = warm.warm_views(dataset)
    assert thread is not None and warm.warm_views(dataset) is None  # once per data version
    thread.join(timeout=120)
    built: list[str] = []
    real = charts.build_view
    monkeypatch.setattr(
        charts, "build_view", lambda *a, **k: built.append(a[2][0]) or real(*a, **k)
    )
    sectors = [f.sector for f in warm.likely_filters(dataset)]
    assert () in sectors and ("energy",) in sectors and ("housing",) in sectors
    for sector in sectors:  # as the sidebar makes them: a tuple per filter
        filters = Filters(**{"sector": tuple(sector)})
        for chart, height in OVERVIEW_HEIGHTS.items():
            charts.view_figure(dataset, filters, chart, height=height)
    assert built == []
    charts.view_figure(dataset, Filters(sector=("energy", "housing")), "cost")
    assert built == ["cost"]  # a view not built ahead is built on demand


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
