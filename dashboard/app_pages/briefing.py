"""Briefing: tick charts, preview them, download a deck or a ZIP of images, data and citations.

Rendering runs in the background (see ui/renders.py): the page shows each chart's progress and
stays usable; a view rendered before is served from the store at once."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.core.data.filters import to_query
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.briefing import build_files, plan_charts, zip_bytes
from dashboard.core.output.filenames import file_stem
from dashboard.core.visuals.views import CHARTS, place_labels
from dashboard.ui.briefing import show_preview
from dashboard.ui.data import get_dataset
from dashboard.ui.downloads import deferred_download, show_failure
from dashboard.ui.renders import render_key, renders
from dashboard.ui.state import BRIEF_CHARTS, OVERVIEW_CHART

dataset = get_dataset()
filters = st.session_state["filters"]
today = date.today()

st.title(_("Briefing"))
st.caption(
    _(
        "The current view ({filters}), ready for slides: every chart carries its title, filters, units, source line and data date."
    ).format(filters=escape_markdown(filters.describe(places=place_labels(dataset))))
)

chosen = st.multiselect(
    _("Charts"),
    list(CHARTS),
    default=[st.session_state.get(OVERVIEW_CHART, "cost")],  # the chart the user was reading
    key=BRIEF_CHARTS,
    format_func=lambda k: _(CHARTS[k].title),
)
if not chosen:
    st.info(_("Tick at least one chart."))
    st.stop()

plans = plan_charts(dataset, filters, chosen)
store = renders()
keys = {p.key: render_key(dataset, filters, p.key) for p in plans}
drawn = [p for p in plans if p.empty is None]
left_out = [p for p in plans if p.empty is not None]
LEFT_OUT = _("{chart}: left out of the downloads, because {why}.")
for plan in left_out:
    st.info(escape_markdown(LEFT_OUT.format(chart=plan.title, why=plan.empty)))


@st.fragment(run_every=1.0)
def progress() -> None:
    """Each chart's state, refreshed every second until all are drawn."""
    states = {p.key: store.state(keys[p.key]) for p in drawn}
    ready = sum(s == "ready" for s in states.values())
    st.progress(
        ready / len(drawn),
        text=_("Rendering: {ready} of {n} charts ready").format(ready=ready, n=len(drawn)),
    )
    for plan in drawn:  # where each chart stands in the server's one picture queue
        where = store.where(keys[plan.key]) if states[plan.key] == "rendering" else states[plan.key]
        st.caption(escape_markdown(f"{plan.title}: {where}"))
    if all(s != "rendering" for s in states.values()):
        st.rerun(scope="app")


def files() -> dict[str, bytes]:
    """The deck's or ZIP's files; a chart the store let go since (it keeps the newest 64) is
    drawn again, and one that cannot be says so instead of a deck without it."""
    store.submit(keys, [p for p in drawn if store.get(keys[p.key]) is None])  # one job for all
    charts = [store.get(keys[p.key]) or store.render_now(keys[p.key], p) for p in drawn]
    return build_files(dataset, filters, charts, left_out, today)


def deck_bytes() -> bytes:
    return next(v for k, v in files().items() if k.endswith(".pptx"))


def zip_file() -> bytes:
    return zip_bytes(files())


states = {p.key: store.state(keys[p.key]) for p in drawn}
show_failure()
if any(s == "rendering" for s in states.values()):
    progress()
elif drawn and all(s == "ready" for s in states.values()):
    c1, c2 = st.columns(2)
    stem = file_stem("briefing", filters, today)
    deferred_download(c1, _("Deck (PowerPoint)"), deck_bytes, f"{stem}.pptx", key="dl_deck")
    zipped = _("ZIP: PNG, SVG, CSV, citations")
    deferred_download(c2, zipped, zip_file, f"{stem}.zip", key="dl_zip")
elif drawn:
    for key, state in states.items():
        if state.startswith("failed"):
            st.error(escape_markdown(f"{_(CHARTS[key].title)}: {state}"))
    if st.button(_("Prepare downloads"), key="brief_prepare", type="primary"):
        store.submit(keys, drawn)
        st.rerun()

for plan in plans:
    st.subheader(escape_markdown(plan.title), anchor=False)
    link = "?" + urlencode({**to_query(filters), "view": "brief", "chart": plan.key})
    words = _("Open as a clean 16:9 screenshot")
    st.markdown(f"[{escape_markdown(words)}]({link})")  # urlencoded: no markup left
    rendered = store.get(keys[plan.key]) if plan.empty is None else None
    show_preview(dataset, filters, plan, rendered, file_stem(plan.key, filters, today))
