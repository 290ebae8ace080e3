"""A chart's data as CSV: one row per drawn mark, with the words the chart carries (its title,
the filters and dates it shows, its source line), so the file says what it is without the
picture."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.evidence.alternative import caption_markup, describe_chart, plain

COLUMNS = ["chart", "shown", "series", "mark", "at", "value", "unit", "evidence", "source"]


def chart_frame(fig: go.Figure) -> pd.DataFrame:
    """The marks the figure draws, one row each (hedges kept, as its hover boxes say them),
    where each is drawn and its value as the axes show them, and the evidence each opens; a
    chart that draws nothing gives one row saying so."""
    text = describe_chart(fig)
    shown = plain(caption_markup(fig)[0].partition("<br>")[2], " ")
    rows = [
        [text.title, shown, m.series, m.label, m.at, m.value, m.unit, m.ref, text.source]
        for m in text.marks
    ]
    if not rows:
        rows = [[text.title, shown, "", text.description, "", "", "", "", text.source]]
    return pd.DataFrame(rows, columns=COLUMNS)


def chart_csv(fig: go.Figure) -> bytes:
    """The chart's marks as UTF-8 CSV, formula-like cells neutralised like every export."""
    from dashboard.core.output.exports import to_csv_bytes  # openpyxl loads on click only

    return to_csv_bytes(chart_frame(fig))
