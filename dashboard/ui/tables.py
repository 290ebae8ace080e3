"""How the Data page shows a table: what a reader needs first, ids and offsets last, the
schema's titles as headers, dates without a time of day, money in words ("US$588 bn")."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.core.data import schema
from dashboard.core.evidence import provenance
from dashboard.core.output import narration

FIRST = {  # per table, the columns a reader looks at first; the rest follow, ids and offsets last
    "figures": [
        "sector",
        "measure",
        "figure_text",
        "amount",
        "hedge",
        "attributed_to",
        "geography",
        "quote",
    ],
    "assessment_figures": [
        "assessment",
        "sector",
        "measure",
        "shown",
        "qualifier",
        "published",
        "read_in",
    ],
}
LAST = (
    "figure_id",
    "fact_id",
    "attack_id",
    "assessment_id",
    "source_id",
    "start",
    "end",
    "value",
    "value_low",
    "value_high",
)


def shown_frame(
    name: str, frame: pd.DataFrame, places: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The table with display columns added (amount, money in words), places by their labels
    (`places`: geography code -> label, as the filter shows them), and reordered."""
    out = frame.copy()
    if places and "geography" in out.columns:
        out["geography"] = [places.get(code, code) for code in out["geography"]]
    if name == "figures" and len(out):
        out["amount"] = [provenance.amount_text(r) for r in out.to_dict("records")]
    if name == "assessment_figures" and len(out):
        out["shown"] = [narration.fact_value(r) for r in out.to_dict("records")]
    first = [c for c in FIRST.get(name, []) if c in out.columns]
    last = [c for c in LAST if c in out.columns and c not in first]
    middle = [c for c in out.columns if c not in first and c not in last]
    return out[first + middle + last]


def column_config(name: str, frame: pd.DataFrame) -> dict[str, object]:
    """Headers from the schema's titles with its descriptions as help; dates as dates."""
    fields = {f.name: f for f in schema.table(name).fields}
    titles = schema.field_titles(name)
    config: dict[str, object] = {
        "amount": st.column_config.TextColumn("Amount (number, with hedge)"),
        "shown": st.column_config.TextColumn("Value"),
    }
    for column in frame.columns:
        if column not in fields:
            continue
        field, title = fields[column], titles[column]
        if field.type == "date":
            config[column] = st.column_config.DateColumn(
                title, format="YYYY-MM-DD", help=field.description
            )
        elif column.endswith("url"):
            config[column] = st.column_config.LinkColumn(title, help=field.description)
        elif field.type == "number":
            config[column] = st.column_config.NumberColumn(
                title, format="%.4g", help=field.description
            )
        else:
            config[column] = st.column_config.Column(title, help=field.description)
    return config
