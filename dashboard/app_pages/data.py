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

dataset = get_dataset()
figures = st.session_state["filtered"]
filters = st.session_state["filters"]

places = place_labels(dataset)  # people read "Kyiv city", not "kyiv-city"
st.title("Data")
st.caption(
    f"{len(figures)} of {len(dataset.figures)} claims · {escape_markdown(filters.describe(places=places))}. Select a row to read its sentence."
)

page = tables.pager(len(figures))  # a page of rows at a time: a million never travel whole
tables.show_page("figures", figures, page, places, lambda figure_id: select(f"claim:{figure_id}"))
render_evidence_panel(dataset, key="data_evidence")

today = date.today()
about = partial(  # built on click with the file, like every download here
    exports.about_rows,
    dataset.version,
    provenance.as_of(dataset.frames["sources"], dataset.version),
    filters.describe(places=places),
    f"{today:%Y-%m-%d}",
)


def view() -> dict[str, tuple[str, pd.DataFrame]]:
    return exports.view_tables(dataset.frames, figures)


def claims_csv(excel: bool = False) -> bytes:  # citations joined a chunk at a time
    sources = dataset.frames["sources"]
    return exports.to_csv_bytes(
        figures, excel=excel, prepare=partial(exports.claims_table, sources=sources)
    )


stem = file_stem("claims", filters, today)
st.subheader("Download the filtered claims", anchor=False)
st.caption(
    "CSV keeps the machine column names (for scripts); the Excel-friendly CSV is the same file with a byte-order mark so Excel reads it as UTF-8. "
    "The workbook has every table with readable headers, a data dictionary and an About sheet; the JSON is a Frictionless Data Package with its schema. "
    "Cells starting with =, +, -, @, a tab or a carriage return (plain numbers aside) are neutralised for spreadsheets; the tables above have no download of their own."
)
show_failure()
c1, c2, c3, c4 = st.columns(4)
data_stem = file_stem("data", filters, today)
made_on_click = [  # built when clicked, never on a rerun; a failure is said (ui/downloads.py)
    ("dl_csv", "CSV", claims_csv, f"{stem}.csv"),
    ("dl_csv_excel", "CSV for Excel", partial(claims_csv, excel=True), f"{stem}_excel.csv"),
    (
        "dl_xlsx",
        "Excel workbook",
        lambda: exports.to_workbook(view(), about()),
        f"{data_stem}.xlsx",
    ),
    (
        "dl_json",
        "JSON (Data Package)",
        lambda: exports.to_datapackage_json({k: v[1] for k, v in view().items()}, about()),
        f"{data_stem}.json",
    ),
]
for column, (key, label, make, name) in zip((c1, c2, c3, c4), made_on_click, strict=True):
    deferred_download(column, label, make, name, key=key)
claimreview_download(st, dataset)  # links start at $DASHBOARD_BASE_URL when it is set

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
