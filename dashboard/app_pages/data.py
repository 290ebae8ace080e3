"""Data: the filtered claims and reference tables, the data dictionary, and downloads."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from dashboard.core.base.i18n import _, format_integer, ngettext
from dashboard.core.evidence import provenance
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output import exports, handoff
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.views import place_labels
from dashboard.ui import tables
from dashboard.ui.data import get_dataset
from dashboard.ui.downloads import (
    claimreview_download,
    deferred_download,
    handed_over,
    in_memory,
    show_failure,
)
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.selection import select

dataset = get_dataset()
figures = st.session_state["filtered"]
filters = st.session_state["filters"]

places = place_labels(dataset)  # people read "Kyiv city", not "kyiv-city"
st.title(_("Data"))
st.caption(
    escape_markdown(
        ngettext(
            "{shown} of {total} claim · {filters}. Select a row to read its sentence.",
            "{shown} of {total} claims · {filters}. Select a row to read its sentence.",
            len(dataset.figures),
        ).format(
            shown=format_integer(len(figures)),
            total=format_integer(len(dataset.figures)),
            filters=filters.describe(places=places),
        )
    )
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


written = exports.download_tables(dataset.frames, figures)  # citations joined as written
rows = exports.table_rows(written)
stem = file_stem("claims", filters, today)
data_stem = file_stem("data", filters, today)
st.subheader(_("Download the filtered claims"), anchor=False)
st.caption(
    escape_markdown(
        _(
            "CSV keeps the machine column names (for scripts); the Excel-friendly CSV is the same file with a byte-order mark so Excel reads it as UTF-8. "
            "The workbook has every table with readable headers, a data dictionary and an About sheet; the JSON is a Frictionless Data Package with its schema. "
            "Cells starting with =, +, -, @, a tab or a carriage return (plain numbers aside) are neutralised for spreadsheets; the tables above have no download of their own."
        )
    )
)
show_failure()
claims = partial(exports.write_csv, figures, prepare=written["figures"][2])
files = [  # (key, label, file name, rows, how it is written: to a file, a chunk at a time)
    ("dl_csv", _("CSV"), f"{stem}.csv", len(figures), claims),
    (
        "dl_csv_excel",
        _("CSV for Excel"),
        f"{stem}_excel.csv",
        len(figures),
        partial(claims, excel=True),
    ),
    (
        "dl_xlsx",
        _("Excel workbook"),
        f"{data_stem}.xlsx",
        rows,
        lambda out, progress: exports.write_workbook(written, about(), out, progress),
    ),
    (
        "dl_json",
        _("JSON (Data Package)"),
        f"{data_stem}.json",
        rows,
        lambda out, progress: exports.write_datapackage_json(written, about(), out, progress),
    ),
]
if len(figures) >= exports.EXCEL_ROWS:  # said before the click, and in the workbook's About sheet
    said = _(
        "{claims} claims are more than one Excel sheet holds ({rows} rows under its header): the workbook carries them on over further Claims sheets."
    )
    rows_ = format_integer(exports.EXCEL_ROWS - 1)
    st.caption(escape_markdown(said.format(claims=format_integer(len(figures)), rows=rows_)))
what = f"{dataset.version}|{filters!r}"  # a link is offered for the selection it was made for
for column, (key, label, name, count, write) in zip(st.columns(4), files, strict=True):
    if handoff.served():  # written to disk, handed over by link (python -m dashboard serve)
        handed_over(column, label, write, name, key=key, rows=count, what=what)
    else:  # streamlit run app.py, AppTest: no route of ours, Streamlit's button in memory
        deferred_download(column, label, partial(in_memory, write), name, key=key)
claimreview_download(st, dataset)  # links start at $DASHBOARD_BASE_URL when it is set

tables.show_reference_tables(dataset.frames, places)
tables.show_dictionary()
