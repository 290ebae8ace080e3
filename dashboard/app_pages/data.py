"""Data: the filtered claims and reference tables, the data dictionary, and downloads."""

from __future__ import annotations

import streamlit as st

from dashboard.core import exports, schema
from dashboard.core.claimreview import claimreview_bytes
from dashboard.core.dataset import REFERENCE_TABLES
from dashboard.core.reader import escape_markdown
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel, select
from dashboard.ui.state import DATA_TABLE

dataset = get_dataset()
figures = st.session_state["filtered"]
filters = st.session_state["filters"]

st.title("Data")
st.caption(
    f"{len(figures)} of {len(dataset.figures)} claims · {escape_markdown(filters.describe())}. Select a row to read its sentence."
)

NUMBER = st.column_config.NumberColumn
LINK = st.column_config.LinkColumn
claim_columns = {
    "value_low": NUMBER(
        "low", format="%.3g", help=schema.table("figures").field("value_low").description
    ),
    "value_high": NUMBER(
        "high", format="%.3g", help=schema.table("figures").field("value_high").description
    ),
    "attributed_url": LINK("attributed URL"),
    "start": NUMBER("start", format="%d"),
    "end": NUMBER("end", format="%d"),
}
event = st.dataframe(
    figures,
    key=DATA_TABLE,
    hide_index=True,
    width="stretch",
    column_config=claim_columns,
    on_select="rerun",
    selection_mode="single-row",
)
rows = event.selection.rows if event is not None else []
if rows:
    figure_id = figures.iloc[rows[0]]["figure_id"]
    if st.session_state.get("selection") != f"claim:{figure_id}":
        select(f"claim:{figure_id}")
render_evidence_panel(dataset, key="data_evidence")

export = exports.with_citations(figures, dataset.frames["sources"])
st.subheader("Download the filtered claims", anchor=False)
st.caption(
    "Each row carries its quote, offsets and source citation. Cells starting with =, +, -, @, a tab or a carriage return (plain numbers aside) are neutralised for spreadsheets; the tables above have no download of their own."
)
c1, c2, c3 = st.columns(3)
c1.download_button(
    "CSV", exports.to_csv_bytes(export), "claims.csv", "text/csv", key="dl_csv", width="stretch"
)
c2.download_button(
    "Excel",
    exports.to_excel_bytes(export),
    "claims.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="dl_xlsx",
    width="stretch",
)
c3.download_button(
    "JSON",
    exports.to_json_bytes(export),
    "claims.json",
    "application/json",
    key="dl_json",
    width="stretch",
)

st.download_button(
    "Claim checks (schema.org ClaimReview JSON-LD)",
    claimreview_bytes(dataset),
    "claimreview.json",
    "application/ld+json",
    key="dl_claimreview",
)

st.subheader("Reference tables", anchor=False)
for tab, name in zip(
    st.tabs([schema.table(n).title for n in REFERENCE_TABLES]), REFERENCE_TABLES, strict=True
):
    with tab:
        st.dataframe(
            dataset.frames[name],
            hide_index=True,
            width="stretch",
            key=f"ref_{name}",
            column_config={"url": LINK("url"), "value": NUMBER("value", format="%.4g")},
        )

st.subheader("Data dictionary", anchor=False)
for table in schema.tables().values():
    with st.expander(escape_markdown(f"{table.title} — data/{table.path}")):
        st.dataframe(
            schema.dictionary_rows(table),
            hide_index=True,
            width="stretch",
            key=f"dict_{table.name}",
        )
