"""The Overview's page body, its footer, and its first screen.

A plain visit of the Overview (no link parameters, a session's first run) is drawn from the first
screen the app kept for these data files and this code (core/data/stamp.py): the same elements
the page draws, from stored values, before pandas, plotly's figure code or the dataset are
imported. Every later run, a fragment's included, draws from the dataset. So this module imports
only light modules at the top; the dataset-backed parts are imported when first needed."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core.base.i18n import N_, _, ngettext
from dashboard.core.base.paths import data_root
from dashboard.core.data import schema
from dashboard.core.data.changes import ChangeEntry, data_as_of, latest_changes, read_changes
from dashboard.core.data.stamp import read_first_screen
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui import component
from dashboard.ui.downloads import file_buttons
from dashboard.ui.filters import render_filters
from dashboard.ui.share import share_box, show_share
from dashboard.ui.state import (
    CHART_KEYS,
    EVIDENCE_HINT,
    FILTER_KEYS,
    FOOTER_CHANGES,
    NOTICES,
    OVERVIEW_FILES,
    URL_LOADED,
)

FIRST = "first_screen"  # session key: the stored first screen, during the run that draws it
first_sent = threading.Event()  # set once a first screen has been sent (serve's warm-up waits)

TITLE = N_("What the strikes did to Ukraine's infrastructure")
CAPTION = N_(
    "Every number here is a quote from a source document or a cited reference figure. "
    "Click a mark to read its sentence."
)
HOW_TO_READ_ITEMS = (
    N_(
        "A bar spans the interval a claim states: <em>hundreds of billions</em> is $100 bn to "
        "$1 tn, never a point."
    ),
    N_("An arrow marks an open end: <em>exceeding $400 billion</em> has no upper bound."),
    N_(
        "Damage (assets destroyed), needs (cost to rebuild) and losses (economic flows) are "
        "different measures: they sit in separate panels and are never added up."
    ),
    N_(
        "Assessment points are reference figures with their publisher, date and verification level."
    ),
)


def how_to_read() -> str:
    """A plain box in Streamlit's bordered-container look (static text of ours, no source words;
    the English examples in <em> are the article's hedges)."""
    items = "".join(f"<li>{_(item)}</li>" for item in HOW_TO_READ_ITEMS)
    heading = html.escape(_("How to read these charts"))
    return (
        '<div style="border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:1rem">'
        f"<p><strong>{heading}</strong></p>"
        f'<ul style="margin-bottom:0">{items}</ul></div>'
    )


def overview_head() -> None:
    st.title(_(TITLE))
    st.caption(_(CAPTION))


@st.fragment
def overview_body() -> None:
    """The component, the open chart's files and the evidence panel. A change in the component
    (drawn in the browser first) or a mark reruns only this part; the URL follows."""
    screen = st.session_state.get(FIRST)
    charts_col, evidence_col = st.container(key="wrapsm_overview").columns([2, 1])
    if screen is not None:  # the first screen: stored values, the same elements
        with charts_col:
            component.mount(screen["payload"])
            component.record(screen["payload"]["version"], screen["payload"]["full"])
            file_buttons(
                OVERVIEW_FILES,
                f"{screen['stem']}_{date.today():%Y-%m-%d}",
                partial(_first_slide, "cost"),
                partial(_first_csv, "cost"),
            )
            share = screen["share"]
            share_box(CHART_KEYS["cost"], lambda: (share["title"], share["as_of"]), OVERVIEW_FILES)
        with evidence_col:
            with st.container(border=True, key="evidence"):
                st.markdown(EVIDENCE_HINT)
            st.html(how_to_read())
        return
    from dashboard.core.output.filenames import file_stem
    from dashboard.ui.charts import chart_files, view_figure
    from dashboard.ui.data import get_dataset
    from dashboard.ui.evidence import render_evidence_panel
    from dashboard.ui.filters import current_filters, write_url
    from dashboard.ui.live import show_live
    from dashboard.ui.slides import slide_pictures
    from dashboard.ui.state import OVERVIEW_HEIGHTS

    dataset = get_dataset()
    filters = current_filters()
    st.session_state["filters"] = filters  # as app.py sets it: a fragment's rerun follows too
    with charts_col:
        chart = show_live(dataset, filters)
        if chart:
            fig = view_figure(dataset, filters, chart, height=OVERVIEW_HEIGHTS[chart])
            chart_files(
                fig,
                OVERVIEW_FILES,
                file_stem(chart, filters, date.today()),
                slide_pictures(dataset, filters, chart),
            )
            show_share(fig, CHART_KEYS[chart], OVERVIEW_FILES)
    with evidence_col:
        render_evidence_panel(dataset)
        st.html(how_to_read())  # one element, not a container and its text: both redrawn per change
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


def _first_slide(chart: str, fmt: str) -> bytes:
    """A slide picture asked for from the first screen: the page's own, from the dataset."""
    from dashboard.core.data.filters import Filters
    from dashboard.ui.data import get_dataset
    from dashboard.ui.slides import slide_pictures

    return slide_pictures(get_dataset(), Filters(), chart)(fmt)


def _first_csv(chart: str) -> bytes:
    from dashboard.core.data.filters import Filters
    from dashboard.core.output.chartdata import chart_csv
    from dashboard.ui.charts import view_figure
    from dashboard.ui.data import get_dataset
    from dashboard.ui.state import OVERVIEW_HEIGHTS

    fig = view_figure(get_dataset(), Filters(), chart, height=OVERVIEW_HEIGHTS[chart])
    return chart_csv(fig)


@st.cache_resource(max_entries=4, show_spinner=False)
def _changes(path: str, stamp: tuple[int, int]) -> tuple[ChangeEntry, ...]:
    del stamp  # cache key only
    return tuple(read_changes(Path(path)))


def get_changes() -> list[ChangeEntry]:
    """The entries of data/CHANGES.md under the data root (cached by the file's size and time;
    the data fingerprint leaves Markdown out, so the log is keyed by its own)."""
    path = data_root() / "data" / "CHANGES.md"
    stat = path.stat() if path.is_file() else None
    return list(_changes(str(path), (stat.st_size, stat.st_mtime_ns) if stat else (0, 0)))


def data_summary(figures: int, sources: int, reference: int, problems: int) -> str:
    """'35 figures, 4 sources, 134 reference rows: all anchored', in the run's language."""
    counts = ", ".join(
        [
            ngettext("{n} figure", "{n} figures", figures).format(n=figures),
            ngettext("{n} source", "{n} sources", sources).format(n=sources),
            ngettext("{n} reference row", "{n} reference rows", reference).format(n=reference),
        ]
    )
    if not problems:
        return _("{counts}: all anchored").format(counts=counts)
    return ngettext("{counts} valid; {n} problem", "{counts} valid; {n} problems", problems).format(
        counts=counts, n=problems
    )


def footer(version: str, summary: str) -> None:
    """The rule with the data's date, version, size and licences, and the change log under it
    (few elements: the footer is redrawn on every rerun). The change log is data: escaped."""
    changes = get_changes()
    as_of = data_as_of(changes)
    st.html(
        "<hr style='margin:2rem 0 0.75rem;border:none;border-top:1px solid rgba(49,51,63,0.2)'><p style='font-size:0.875rem;color:rgba(20,20,20,0.6)'>"
        + html.escape(
            _(
                "Last updated {as_of} (the change log's latest entry; a chart's own date is when "
                "its sources were last accessed) · data version {version} · {summary} · data "
                "licence {licence} (curation; quotes remain their authors') · code MIT · every "
                "figure links to the sentence it came from."
            ).format(as_of=as_of, version=version, summary=summary, licence=schema.licence_title())
        )
        + "</p>"
    )
    # built only when open: a closed log is one element for every rerun of every page to redraw
    box = st.expander(
        _("Last updated {as_of} · What changed").format(as_of=escape_markdown(as_of)),
        key=FOOTER_CHANGES,
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        shown = latest_changes(changes)
        # the log's entries are data, escaped, in the language they were written in (English:
        # marked, so a Ukrainian page's screen reader reads them as English); one element
        st.html(
            '<div lang="en" class="change-log">'
            + "".join(
                f"<p><strong>{html.escape(entry.date)} · {html.escape(entry.title)}</strong>"
                + (f"<br>{html.escape(entry.details)}" if entry.details else "")
                + "</p>"
                for entry in shown
            )
            + "</div>"
        )
        st.caption(
            escape_markdown(
                _(
                    "The latest {shown} of {total} dated entries of data/CHANGES.md, newest "
                    "first; the file in the repository holds them all."
                ).format(shown=len(shown), total=len(changes))
                if changes
                else _("No dated entry found in data/CHANGES.md: the data's date is not stated.")
            )
        )


def problems_notice(problems: list[str]) -> None:
    if problems:
        words = ngettext(
            "⚠️ {n} data problem: the rows concerned are left out",
            "⚠️ {n} data problems: the rows concerned are left out",
            len(problems),
        )
        with st.expander(escape_markdown(words.format(n=len(problems))), expanded=False):
            st.code("\n".join(problems), language=None)


def first_screen() -> dict[str, Any] | None:
    """The stored first screen when this run may show it: the session's first run, a plain
    link (no parameters), and a screen kept for these data files and this code."""
    if st.session_state.get(URL_LOADED) or len(st.query_params):
        return None
    return read_first_screen(data_root())


def show_first_screen(screen: dict[str, Any], run_page: Callable[[], None]) -> None:
    """Draw the Overview's plain visit from `screen`, as the dataset-backed run draws it.
    `run_page` is the Overview page's `run` (st.navigation's): the page draws its part as every
    later run does, under its own script hash, so its elements have the ids of the next run's
    and the first change updates them in place instead of removing and adding them."""
    for key in FILTER_KEYS.values():  # what an empty link sets (ui/filters.load_url_once)
        st.session_state[key] = []
    st.session_state[NOTICES] = []
    st.session_state[URL_LOADED] = True
    render_filters(screen["options"], screen["geo_labels"], sector=False)
    problems_notice(screen["problems"])
    st.session_state[FIRST] = screen
    try:
        run_page()  # app_pages/overview.py: overview_head(), overview_body()
    finally:
        del st.session_state[FIRST]  # every later run, this fragment's included, reads the data
    footer(screen["version"], screen["summary"])
    first_sent.set()
