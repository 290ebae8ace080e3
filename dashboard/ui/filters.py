"""Sidebar filters, mirrored in the URL so a copied link reopens the same view."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.core.base.i18n import N_, _, keyed
from dashboard.core.data.filters import Filters, parse_query, to_query
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui.state import (
    FILTER_KEYS,
    NOTICES,
    OVERVIEW_CHART,
    OVERVIEW_TABS,
    SELECTION,
    URL_LOADED,
)

if TYPE_CHECKING:  # the first screen imports this module, and pandas with a dataset
    from dashboard.core.data.dataset import Dataset

LABELS = {
    "sector": N_("Sector"),
    "measure": N_("Measure"),
    "geography": N_("Place"),
    "org": N_("Attributed to"),
    "source": N_("Source document"),
}
# Options shown by their name in the interface's language (the URL keeps the codes).
NAMED = {"sector": sector_name, "measure": measure_name}
# URL parameters owned by other features, kept when the filters rewrite the URL.
PASSTHROUGH = ("lang", "view", "chart", "region", "district", "from", "to", "check", "page", "rows")


def load_url_once(options: dict[str, list[str]]) -> None:
    """On a session's first run, copy the URL's filters and selection into widget state."""
    if st.session_state.get(URL_LOADED):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    filters, notices = parse_query(params, options)
    for name, key in FILTER_KEYS.items():
        st.session_state[key] = list(getattr(filters, name))
    claim = st.query_params.get("claim")
    if claim:
        from dashboard.core.evidence.refs import parse_ref  # pandas: only when a link names one

        ref = parse_ref(claim)
        if ref is None:
            notices.append(
                _("Ignored an unreadable selection in the link: {value}").format(value=claim)
            )
        else:
            st.session_state[SELECTION] = f"{ref.kind}:{ref.value}"
    view = st.query_params.get("view")
    if view and view != "brief":  # "brief" never reaches here: app.py draws that view alone
        notices.append(
            _("Ignored unknown view in the link: {view} (expected: brief)").format(view=view)
        )
    tab = st.query_params.get("tab")
    if tab in OVERVIEW_TABS:
        st.session_state[OVERVIEW_CHART] = tab
    elif tab:
        notices.append(
            _("Ignored unknown tab in the link: {tab} (expected one of: {tabs})").format(
                tab=tab, tabs=", ".join(OVERVIEW_TABS)
            )
        )
    st.session_state[NOTICES] = notices
    st.session_state[URL_LOADED] = True


def render_filters(
    options: dict[str, list[str]], geo_labels: dict[str, str], *, sector: bool = True
) -> Filters:
    """Draw the sidebar filters from each filter's `options` (places shown by `geo_labels`);
    returns the current selection. `sector=False` leaves the sector out of the sidebar (the
    Overview chooses it above its charts) and keeps its value."""
    load_url_once(options)
    with st.sidebar:
        st.subheader(_("Filters"))
        for name, key in FILTER_KEYS.items():
            if name == "sector" and not sector:
                # not drawn here: re-set, so Streamlit keeps it while no widget holds it
                st.session_state[key] = list(st.session_state.get(key, []))
                st.caption(_("Sector: chosen above the charts."))
                continue
            fmt = (lambda v: geo_labels.get(v, v)) if name == "geography" else NAMED.get(name, str)
            st.multiselect(
                _(LABELS[name]), options[name], key=key, format_func=fmt, placeholder=_("All")
            )
        if st.button(_("Clear filters"), key="clear_filters", width="stretch"):
            for key in FILTER_KEYS.values():
                st.session_state[key] = []
            st.rerun()
    return current_filters()


def current_filters() -> Filters:
    """The filters as they stand in the session (a fragment's rerun reads them here)."""
    return Filters(
        **{name: tuple(st.session_state.get(key, [])) for name, key in FILTER_KEYS.items()}
    )


def write_url(filters: Filters) -> None:
    """Mirror the filters, the Overview's tab and the selection into the URL, keeping other
    features' parameters."""
    params: dict[str, str] = {k: st.query_params[k] for k in PASSTHROUGH if k in st.query_params}
    params.update(to_query(filters))
    chart = st.session_state.get(OVERVIEW_CHART, "cost")
    if chart != "cost":
        params["tab"] = chart
    selection = st.session_state.get(SELECTION)
    if selection:
        params["claim"] = selection.removeprefix("claim:")
    if params != {k: st.query_params[k] for k in st.query_params}:
        st.query_params.from_dict(params)


def show_notices() -> None:
    """Say what the URL held that could not be used (never silently dropped)."""
    for notice in st.session_state.get(NOTICES, []):
        st.warning(escape_markdown(notice), icon="⚠️")


def views_version(dataset: Dataset, filters: Filters) -> str:
    """What the element's views are views of: the data version and the filters other than the
    sector (its views are named by their sectors alone). The element drops every view it holds
    when this changes, and Python counts what it holds within one of these only."""
    others = {k: v for k, v in to_query(filters).items() if k != "sector"}
    return keyed(dataset.version) + ("|" + json.dumps(others, sort_keys=True) if others else "")
