"""The Overview's interaction in the browser: one Streamlit component (components v2) holding the
sector choice, the cards, the sector story, the chart tabs and the chart (live.js).

Python stays the one source of truth: every view is built here by the app's own functions (the
cards, the story, `view_figure`, `describe_chart`), once per data version, and sent to the
browser. A sector or tab change draws in place there and then reaches Python as the component's
state `choice`; a mark (clicked, or opened from the marks table by keyboard) is its trigger
`mark`. The views of no sector and of each single sector are built ahead in a thread; any other
view (several sectors, other filters) is built when asked for and waits for the round trip.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import astuple
from datetime import date
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard.core.base.i18n import _, current_language, keyed, use_language
from dashboard.core.base.paths import data_root, read_only
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.data.names import sector_name
from dashboard.core.data.stamp import read_first_screen, write_first_screen
from dashboard.core.evidence import provenance
from dashboard.core.output.filenames import file_stem
from dashboard.ui import component
from dashboard.ui.charts import chart_view, view_figure
from dashboard.ui.data import (
    get_cards_html,
    get_filter_options,
    get_geo_labels,
    get_left_out,
    get_story,
)
from dashboard.ui.evidence import warm
from dashboard.ui.filters import views_version
from dashboard.ui.share import chart_title
from dashboard.ui.state import OVERVIEW_CHART, OVERVIEW_HEIGHTS, OVERVIEW_TABS
from dashboard.ui.story import story_html

logger = logging.getLogger(__name__)

PLOTLY_JS = component.PLOTLY_JS
PLOTLY_TRACES = component.PLOTLY_TRACES
PLOTLY_VERSION = component.PLOTLY_VERSION


@st.cache_resource(max_entries=512, show_spinner=False)
def _chart(
    _dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...], tab: str
) -> dict[str, Any]:
    """One chart of a view: the figure (JSON text, parsed by the browser when drawn), its title
    and source line as HTML around it (escaped; they wrap by the column's width), its name,
    description and marks, and the toolbar's config. Shared: never mutate."""
    del version  # part of the cache key only
    dataset, chosen, height = _dataset, Filters(*filters), OVERVIEW_HEIGHTS[tab]
    return chart_view(view_figure(dataset, chosen, tab, height=height), tab, height)


@st.cache_resource(max_entries=256, show_spinner=False)
def _view(_dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """What the component draws for one filter choice but the charts: the cards, the story,
    the tabs and what is left out. Shared between sessions: never mutate it."""
    del version  # part of the cache key only (with the language: ui/live.keyed)
    chosen = Filters(*filters)
    figures_left = get_left_out(_dataset, chosen, tuple(OVERVIEW_TABS))
    shown = [k for k in OVERVIEW_TABS if k not in figures_left]
    cards = get_cards_html(_dataset, chosen)
    return {
        "cards": cards,
        "story": story_html(get_story(_dataset, chosen), chosen) if chosen.sector else "",
        "left_out": " ".join(
            _("{chart}: left out, {why}.").format(chart=_(OVERVIEW_TABS[k]), why=why)
            for k, why in figures_left.items()
        ),
        "empty": None
        if shown
        else _("No claims match these filters. Untick a sector or clear a filter in the sidebar."),
        "tabs": [{"key": k, "label": _(OVERVIEW_TABS[k])} for k in shown],
    }


def view_key(sectors: tuple[str, ...] | list[str]) -> str:
    """The browser's name of a sector choice (live.js viewKey): sorted, comma-joined."""
    return ",".join(sorted(sectors))


def view_of(
    dataset: Dataset, filters: Filters, tabs: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """The component's view of `filters` with the charts of `tabs` (every tab it shows by
    default; a view built on demand carries the open tab's only, and another tab is a round
    trip). Made of cached parts: a chart or view seen before costs no building."""
    key, version = astuple(filters), keyed(dataset.version)
    view = _view(dataset, version, key)
    shown = [t["key"] for t in view["tabs"]]
    wanted = [t for t in shown if tabs is None or t in tabs]
    return {**view, "charts": {t: _chart(dataset, version, key, t) for t in wanted}}


_ready: dict[str, set[str]] = {}  # data version@language -> keys of the common views built
_lock = threading.Lock()


def common_filters(dataset: Dataset) -> list[Filters]:
    """No filter, then each sector alone: the views every browser gets once they are built."""
    return [Filters(), *(Filters(sector=(s,)) for s in get_filter_options(dataset)["sector"])]


def build_common_views(dataset: Dataset) -> list[dict[str, Any]]:
    """Build the common views of this data version in the run's language (cached parts: a
    view built before costs nothing) and mark each ready to be sent; returns them."""
    version = keyed(dataset.version)
    built = []
    for filters in common_filters(dataset):
        built.append(view_of(dataset, filters))
        with _lock:
            _ready.setdefault(version, set()).add(view_key(filters.sector))
    return built


def prepare_views(dataset: Dataset, lang: str | None = None) -> threading.Thread | None:
    """Build the common views of this data version in `lang` (the run's language by default)
    in a thread, once per server process and language; returns the thread when this call
    started one. The first screen is kept from the English views."""
    lang = lang or current_language()
    with use_language(lang):
        version = keyed(dataset.version)
    with _lock:
        if version in _ready:
            return None
        _ready[version] = set()

    def build() -> None:
        try:
            with use_language(lang):
                for view in build_common_views(dataset):
                    # the evidence its marks open, so a click finds it built
                    warm(
                        dataset, [m[2] for c in view["charts"].values() for m in c["marks"] if m[2]]
                    )
            # kept once per data files and code: rewriting it on every start cost the first
            # changes of a fresh server their speed (its JSON holds every common view)
            if lang == "en" and read_first_screen(data_root()) is None:
                keep_first_screen(dataset)
            # what is built now lives as long as the server (the dataset, its views, caches):
            # frozen out of the collector's reach, a full collection during a later rerun does
            # not walk it all again (a pause the rerun, and so the change, would wait for)
            gc.collect()
            gc.freeze()
        except Exception:  # a page builds the view itself when asked; say why it was not ready
            logger.exception("building the Overview's views of data version %s", dataset.version)

    thread = threading.Thread(target=build, name="warm-views", daemon=True)  # serve.WARM_THREADS
    add_script_run_ctx(thread, get_script_run_ctx())  # the caches need no page: no warnings
    thread.start()
    return thread


def first_screen_content(dataset: Dataset) -> dict[str, Any]:
    """What a plain visit's first run draws (ui/front.show_first_screen), from this dataset:
    with every common view, also when kept outside a server (bench/startup.py), where no
    thread has built them (a screen of one view made each plain visit's first change a round
    trip, and stayed kept until the data or the code changed)."""
    build_common_views(dataset)
    return {
        "version": dataset.version,
        "summary": dataset.summary(),
        "problems": [str(p) for p in dataset.problems],
        "options": get_filter_options(dataset),
        "geo_labels": get_geo_labels(dataset),
        "payload": payload(dataset, Filters(), "cost", 0),
        "stem": file_stem("cost", Filters(), date.today()).rsplit("_", 1)[0],
        "share": {
            "title": chart_title(
                view_figure(dataset, Filters(), "cost", height=OVERVIEW_HEIGHTS["cost"])
            ),
            "as_of": provenance.as_of(dataset.frames["sources"], dataset.version),
        },
    }


def keep_first_screen(dataset: Dataset) -> None:
    """Store the first screen for the next server process (nothing when the data root cannot
    be written: a read-only checkout builds its first page as before)."""
    if read_only():
        return
    try:
        write_first_screen(data_root(), first_screen_content(dataset))
    except OSError as err:
        logger.warning("the first screen could not be kept: %s", err)


def payload(
    dataset: Dataset,
    filters: Filters,
    tab: str,
    seq: int,
    held: set[str] = frozenset(),
    chosen: str | None = None,
) -> dict[str, Any]:
    """The component's data: the current view, and the common views already built when no
    filter but the sector is set (any other filter makes every view a round trip); views the
    element `held` already are not sent again. `full` names the views sent with every tab.
    `tab` is the chart shown, `chosen` the tab chosen (the same unless the view lacks it)."""
    common = filters == Filters(sector=filters.sector)
    with _lock:
        ready = set(_ready.get(keyed(dataset.version), ())) if common else set()
    current = view_key(filters.sector)
    views, full = {}, []
    if current not in held:
        views[current] = view_of(dataset, filters, None if current in ready else (tab,))
        if current in ready:
            full.append(current)
    if common:
        for other in common_filters(dataset):
            key = view_key(other.sector)
            if key in ready and key not in views and key not in held:
                views[key] = view_of(dataset, other)
                full.append(key)
    return {
        "version": views_version(dataset, filters),
        "full": full,
        "id": component.KEY.replace("_", "-"),
        "plotly": PLOTLY_JS,
        "sectors": [
            {"value": s, "label": sector_name(s)} for s in get_filter_options(dataset)["sector"]
        ],
        "words": component.words(),
        "current": {"sectors": list(filters.sector), "tab": chosen or tab},
        "seq": seq,
        "views": views,
    }


def show_live(dataset: Dataset, filters: Filters) -> str:
    """Mount the component for `filters`; returns the open tab's chart key ("" when none): the
    tab chosen, or the view's first when it lacks that chart (the choice itself stays, and the
    element opens the next view that has it on it)."""
    chosen = tab = st.session_state.get(OVERVIEW_CHART, "cost")
    shown = [t["key"] for t in _view(dataset, keyed(dataset.version), astuple(filters))["tabs"]]
    if shown and tab not in shown:
        tab = shown[0]
    version = views_version(dataset, filters)
    data = payload(dataset, filters, tab, component.seq(), component.held(version), chosen=chosen)
    component.mount(data)
    component.record(version, data["full"])
    return tab if shown else ""
