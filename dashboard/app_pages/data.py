"""Data: the filtered claims and reference tables, the data dictionary, and downloads."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.core.data import schema
from dashboard.core.data.dataset import REFERENCE_TABLES
from dashboard.core.evidence import provenance
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output import exports
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.views import place_labels
from dashboard.ui import tables
from dashboard.ui.data import get_dataset
from dashboard.ui.downloads import claimreview_download, deferred_download, show_failure
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.selection import select
from dashboard.ui.state import DATA_TABLE

dataset = get_dataset()
figures = st.session_state["filtered"]
filters = st.session_state["filters"]

places = place_labels(dataset)  # people read "Kyiv city", not "kyiv-city"
st.title("Data")
st.caption(
    f"{len(figures)} of {len(dataset.figures)} claims · {escape_markdown(filters.describe(places=places))}. Select a row to read its sentence."
)

shown = tables.shown_frame("figures", figures, places)
event = st.dataframe(
    shown,
    key=DATA_TABLE,
    hide_index=True,
    width="stretch",
    column_config=tables.column_config("figures", shown),
    on_select="rerun",
    selection_mode="single-row",
)
rows = event.selection.rows if event is not None else []
if rows:
    figure_id = figures.iloc[rows[0]]["figure_id"]
    if st.session_state.get("selection") != f"claim:{figure_id}":
        select(f"claim:{figure_id}")
render_evidence_panel(dataset, key="data_evidence")

today = date.today()
view = exports.view_tables(dataset.frames, figures)
about = exports.about_rows(
    dataset.version,
    provenance.as_of(dataset.frames["sources"], dataset.version),
    filters.describe(places=places),
    f"{today:%Y-%m-%d}",
)
claims = view["figures"][1]
stem = file_stem("claims", filters, today)
st.subheader("Download the filtered claims", anchor=False)
st.caption(
    "CSV keeps the machine column names (for scripts); the Excel-friendly CSV is the same file with a byte-order mark so Excel reads it as UTF-8. "
    "The workbook has every table with readable headers, a data dictionary and an About sheet; the JSON is a Frictionless Data Package with its schema. "
    "Cells starting with =, +, -, @, a tab or a carriage return (plain numbers aside) are neutralised for spreadsheets; the tables above have no download of their own."
)
show_failure()
c1, c2, c3, c4 = st.columns(4)
c1.download_button(
    "CSV", exports.to_csv_bytes(claims), f"{stem}.csv", "text/csv", key="dl_csv", width="stretch"
)
data_stem = file_stem("data", filters, today)
tables_ = {k: v[1] for k, v in view.items()}
made_on_click = [  # a failure is said in a sentence (ui/downloads.py)
    (
        "dl_csv_excel",
        "CSV for Excel",
        partial(exports.to_csv_bytes, claims, excel=True),
        "_excel.csv",
    ),
    ("dl_xlsx", "Excel workbook", partial(exports.to_workbook, view, about), ".xlsx"),
    (
        "dl_json",
        "JSON (Data Package)",
        partial(exports.to_datapackage_json, tables_, about),
        ".json",
    ),
]
for column, (key, label, make, end) in zip((c2, c3, c4), made_on_click, strict=True):
    name = (stem if end == "_excel.csv" else data_stem) + end
    deferred_download(column, label, make, name, key=key)

claimreview_download(dataset)  # links start at $DASHBOARD_BASE_URL when it is set

st.subheader("Reference tables", anchor=False)
for tab, name in zip(
    st.tabs([schema.table(n).title for n in REFERENCE_TABLES]), REFERENCE_TABLES, strict=True
):
    with tab:
        frame = tables.shown_frame(name, dataset.frames[name], places)
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key=f"ref_{name}",
            column_config=tables.column_config(name, frame),
        )

st.subheader("Data dictionary", anchor=False)
for table in schema.tables().values():
    with st.expander(escape_markdown(f"{table.title} — data/{table.path}")):
        st.table(pd.DataFrame(schema.dictionary_rows(table)))  # a table wraps: nothing cut
