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
