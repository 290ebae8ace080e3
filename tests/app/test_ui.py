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
            charts.view_figure(dataset, filters, chart, height=height, compact=False)
    assert built == []
    charts.view_figure(dataset, Filters(sector=("energy", "housing")), "cost", compact=False)
    assert built == ["cost"]  # a view not built ahead is built on demand
