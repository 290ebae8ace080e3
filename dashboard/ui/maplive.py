"""The Map page's date window, Kyiv district map and attack timeline, drawn in the browser
(maplive.js) as the Overview's charts are (ui/live.py).

The window snaps to the attacks' dates (twelve in the data: 78 windows). Python builds, once per
data version, language and sector choice, both charts of every window with the app's own
functions (`view_figure`, the timeline, `chart_view`: titles, source lines crediting the rows
behind the drawn marks, text alternatives, marks), pools their identical parts (the districts'
geometry, most of the layout: core/output/pool) and sends them once. Moving the window draws
both charts in place there (`Plotly.react`), then reaches Python as the element's state
`window`, whose fragment keeps the URL, the lists and the evidence panel (the chart files,
built on click, read the window then: `window_files`). A
mark (clicked, or opened from a chart's table) is the trigger `mark`.

The windows of a sector choice are built in a thread when the choice is first shown, those
nearest the window on screen first, each pooled as it is built; the thread steps aside while a
page runs (a round trip waiting for a window is not slowed by it). Until all are built, every
answer to the element (a move, or its asking now and then) carries the windows built since it
last got some, with only the parts they refer to; a window not built yet is built for the
answer that shows it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard.core.base.i18n import _, current_language, format_date, keyed, use_language
from dashboard.core.data import kyiv
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.chartdata import chart_csv
from dashboard.core.output.filenames import file_stem
from dashboard.core.output.pool import Pool, sparse
from dashboard.core.visuals.kyiv_charts import HIGHLIGHT, highlight_trace
from dashboard.core.visuals.views import draw_attack_timeline
from dashboard.ui import component
from dashboard.ui.charts import chart_view, show_chart, view_figure
from dashboard.ui.downloads import file_buttons
from dashboard.ui.kyiv import (
    highlighted,
    list_words,
    timeline_figure,
    window_list_rows,
    window_timeline,
)
from dashboard.ui.language import SCRIPT_THREAD
from dashboard.ui.selection import current_ref
from dashboard.ui.slides import figure_slide, slide_pictures
from dashboard.ui.state import KYIV_TIMELINE, KYIV_WINDOW, MAP_KEYS, MAP_LIVE

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
KEY = MAP_LIVE
MAP_HEIGHT, TIMELINE_HEIGHT = 700, 520
CHARTS = {"kyiv": MAP_KEYS["kyiv"], "timeline": KYIV_TIMELINE}  # the element's charts: keys
LISTED = "lists"  # a window's lists' rows (ui/kyiv.LISTS), drawn ahead by the lists' elements
SELECTED_SIZE = 20  # the selected attack's mark on the timeline (kyiv_charts.build_attack_timeline)

_element = st.components.v2.component(
    "map_live",
    js=(HERE / "elements.js").read_text(encoding="utf-8")
    + (HERE / "maplive.js").read_text(encoding="utf-8"),
    css=(HERE / "maplive.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # the page's fonts and focus rings; its CSS is scoped by class
)


def window_key(start: date, end: date) -> str:
    """The browser's name of a window (maplive.js windowKey)."""
    return f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"


def windows(dates: list[date]) -> list[tuple[date, date]]:
    """Every window on the attacks' dates, start on or before end."""
    return [(a, b) for i, a in enumerate(dates) for b in dates[i:]]


def _chart(fig: go.Figure, key: str, height: int) -> dict[str, Any]:
    view = chart_view(fig, key, height)
    return {**view, "figure": json.loads(view["figure"])}


@st.cache_resource(max_entries=2048, show_spinner=False)
def _window(
    _dataset: Dataset, version: str, sectors: tuple[str, ...], start: date, end: date
) -> dict[str, Any]:
    """Both charts of one window (figure as parsed JSON, words around it) and its lists' rows.
    The charts follow the sector filter alone, as their attacks do. Shared: never mutate."""
    del version  # part of the cache key only (with the language: keyed)
    filters, window = Filters(sector=sectors), (start, end)
    kyiv_map = view_figure(_dataset, filters, "kyiv", height=MAP_HEIGHT, window=window)
    timeline = window_timeline(_dataset, filters, window, None, height=TIMELINE_HEIGHT)
    return {
        "kyiv": _chart(kyiv_map, CHARTS["kyiv"], MAP_HEIGHT),
        "timeline": _chart(timeline, CHARTS["timeline"], TIMELINE_HEIGHT),
        LISTED: window_list_rows(_dataset, sectors, start, end),
    }


class Windows:
    """The windows of one sector choice, each pooled as it is built (its geometry and layout
    shared with those built before). Callers hold `_lock`."""

    def __init__(self) -> None:
        self._pool = Pool()
        self._views: dict[str, dict[str, Any]] = {}
        self.complete = False  # every window built

    def __contains__(self, key: str) -> bool:
        return key in self._views

    def add(self, key: str, view: dict[str, Any]) -> None:
        """Pool one window's view (once: a window built twice is the same)."""
        if key in self._views:
            return
        pooled_view = {
            **{
                name: {**view[name], "figure": self._pool.add(view[name]["figure"])}
                for name in CHARTS
            },
            LISTED: self._pool.add(view[LISTED]),  # an attack's row is the same in many windows
        }
        for name in CHARTS:  # the toolbar's config is the same in every window
            pooled_view[name].pop("config", None)
        self._views[key] = pooled_view

    def send(self, held: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """The windows not in `held` and the parts they refer to: {"parts", "windows"}."""
        lacking = {k: v for k, v in self._views.items() if k not in held}
        return {"parts": sparse(self._pool.parts, lacking), "windows": lacking}


def pooled(views: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Windows' views with their figures' identical parts sent once: {"parts", "windows"}."""
    out = Windows()
    for key, view in views.items():
        out.add(key, view)
    return out.send()


_windows: dict[str, Windows] = {}  # version|sectors -> the windows built so far, pooled
_started: set[str] = set()
_lock = threading.Lock()
RUN_WAIT = 2.0  # seconds the build waits, at most, for pages' runs before its next window


def _bundle_key(dataset: Dataset, sectors: tuple[str, ...]) -> str:
    return keyed(dataset.version) + "|" + ",".join(sorted(sectors))


def nearest_first(
    all_windows: list[tuple[date, date]], dates: list[date], around: tuple[date, date]
) -> list[tuple[date, date]]:
    """The windows in the order a reader reaches them from `around`: by the attack dates each
    end moves (a step of the slider is one), the window itself first."""
    at = {d: i for i, d in enumerate(dates)}
    start, end = at.get(around[0], 0), at.get(around[1], len(dates) - 1)
    return sorted(all_windows, key=lambda w: abs(at[w[0]] - start) + abs(at[w[1]] - end))


def _step_aside(limit: float = RUN_WAIT) -> None:
    """Wait while a page runs in any session (Streamlit's script threads), up to `limit`
    seconds: two threads of Python share one lock, and a round trip waiting for its window
    would take twice as long beside the build."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and any(
        t.name == SCRIPT_THREAD for t in threading.enumerate()
    ):
        time.sleep(0.01)


def prepare(
    dataset: Dataset, sectors: tuple[str, ...], around: tuple[date, date] | None = None
) -> threading.Thread | None:
    """Build every window of this sector choice in a thread, nearest `around` first (the
    window on screen), once per server process, data version and language; returns the
    thread when this call started one."""
    key, lang = _bundle_key(dataset, sectors), current_language()
    with _lock:
        if key in _started:
            return None
        _started.add(key)
        built = _windows.setdefault(key, Windows())
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    order = nearest_first(windows(dates), dates, around or (dates[0], dates[-1]))

    def build() -> None:
        try:
            with use_language(lang):
                version = keyed(dataset.version)
                for a, b in order:
                    _step_aside()
                    view = _window(dataset, version, sectors, a, b)
                    with _lock:
                        built.add(window_key(a, b), view)
            with _lock:
                built.complete = True
        except Exception:  # the page builds its window itself when asked
            logger.exception("building the Map's windows of data version %s", dataset.version)
            with _lock:
                _started.discard(key)

    thread = threading.Thread(target=build, name="warm-windows", daemon=True)
    add_script_run_ctx(thread, get_script_run_ctx())
    thread.start()
    return thread


def words(dates: list[date]) -> dict[str, Any]:
    """The element's own words in the run's language (maplive.js sets them as text)."""
    return {
        "window": _("Attacks on Kyiv between"),
        "from": _("From"),
        "to": _("To"),
        "dates": [format_date(d) for d in dates],
        "updating": _("Updating the charts…"),
        "table": _("Chart as a table · open a mark's evidence by keyboard"),
        "series": _("series"),
        "mark": _("mark"),
        "evidence": _("evidence"),
        "open": _("Open"),
        "open_label": _("Open the evidence of {label}"),
        "lists": list_words(),
    }


def highlight(dataset: Dataset) -> dict[str, Any]:
    """What the selection marks on both charts: the districts outlined on the map (a trace,
    the same in every window) and the attack's mark on the timeline."""
    ref = current_ref()
    out: dict[str, Any] = {"trace": None, "attack": None}
    if ref is None:
        return out
    if ref.kind == "attack":
        out["attack"] = {"ref": f"attack:{ref.value}", "size": SELECTED_SIZE, "color": HIGHLIGHT}
    chosen = highlighted(dataset)  # the page's own reading of the selection
    if chosen:
        trace = highlight_trace(list(chosen[0]), chosen[1])
        if trace is not None:
            out["trace"] = json.loads(pio.to_json(go.Figure(trace), validate=False))["data"][0]
    return out


def payload(
    dataset: Dataset,
    sectors: tuple[str, ...],
    window: tuple[date, date],
    seq: int,
    held: set[str] = frozenset(),
) -> dict[str, Any]:
    """The element's data: the windows built so far that it lacks (the one on screen built
    now when it is not yet), with the parts they refer to; none when it holds them all."""
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    version = _bundle_key(dataset, sectors)
    current = window_key(*window)
    with _lock:
        built = _windows.setdefault(version, Windows())
        missing = current not in held and current not in built
    if missing:  # cached: the build thread takes it from there when it comes to it
        view = _window(dataset, keyed(dataset.version), sectors, *window)
    with _lock:
        if missing:
            built.add(current, view)
        sent, complete = built.send(held), built.complete
    first = _window(dataset, keyed(dataset.version), sectors, dates[0], dates[-1])
    return {
        "version": version,
        "id": KEY.replace("_", "-"),
        "plotly": component.PLOTLY_JS,
        "dates": [f"{d:%Y-%m-%d}" for d in dates],
        "words": words(dates),
        "configs": {name: first[name]["config"] for name in CHARTS},
        "current": {"start": f"{window[0]:%Y-%m-%d}", "end": f"{window[1]:%Y-%m-%d}"},
        "highlight": highlight(dataset),
        "seq": seq,
        "complete": complete,  # every window built: the element stops asking once it holds them
        **sent,
    }


def _on_window() -> None:
    """The browser moved the window: Python's window follows it (the fragment then keeps the
    URL, the files, the lists and the evidence panel)."""
    event = component.state(KEY).get("window") or {}
    component.remember(KEY, event)
    try:
        start, end = date.fromisoformat(event["start"]), date.fromisoformat(event["end"])
    except (KeyError, TypeError, ValueError):
        return
    if start <= end:
        st.session_state[KYIV_WINDOW] = (start, end)


def seq() -> int:
    """The number of the browser's latest window change Python has seen (0 before any)."""
    number = (component.state(KEY).get("window") or {}).get("seq", 0)
    return number if isinstance(number, int) else 0


def show_map_live(dataset: Dataset, filters: Filters, window: tuple[date, date]) -> None:
    """Mount the element for the sector choice of `filters` and `window`; the other windows of
    that choice are built in a thread the first time it is shown."""
    sectors = tuple(filters.sector)
    prepare(dataset, sectors, window)
    version = _bundle_key(dataset, sectors)
    data = payload(dataset, sectors, window, seq(), component.held(version, KEY))
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    _element(
        key=KEY,
        data={component.PAYLOAD: text},
        on_window_change=_on_window,
        on_mark_change=partial(component.open_mark, KEY),
    )
    component.record(version, list(data["windows"]), KEY)


def sent(element_json: str) -> dict[str, Any]:
    """What `show_map_live` sent, read back from the element's JSON (for tests)."""
    return component.sent(element_json)


DayWindow = tuple[date, date]  # a window on the attacks' dates, both ends set


FILES_WINDOW = "map_files_window"  # session key: the window the element's files are built for


def hold_window(window: DayWindow, whole: bool) -> None:
    """Keep the window on screen where the element's files read it when clicked (the Kyiv
    part calls this on every run, a move's included)."""
    holder = st.session_state.setdefault(FILES_WINDOW, {})
    holder.update(window=window, whole=whole)  # the same dict: the buttons' callables hold it


def window_files(
    dataset: Dataset, filters: Filters, places: tuple[DeltaGenerator, DeltaGenerator]
) -> None:
    """The files of the Kyiv map and the timeline the element draws, for the window on screen
    when a button is clicked: drawn once, outside the Kyiv part, so a move (which reruns that
    part) does not send these buttons again (12 of its 28 messages). Streamlit runs a
    download's callable outside the page's run: each reads the window `hold_window` keeps and
    draws in the page's language. The slide states its dates; the file name does not.
    `places`: where the map's files and the timeline's go."""
    holder = st.session_state[FILES_WINDOW]
    lang = current_language()
    sector = Filters(sector=filters.sector)  # the attack charts follow the sector alone
    today = date.today()

    def map_slide(fmt: str) -> bytes:
        with use_language(lang):
            window = (None, None) if holder["whole"] else holder["window"]
            return slide_pictures(dataset, filters, "kyiv", window)(fmt)

    def map_csv() -> bytes:
        with use_language(lang):
            fig = view_figure(dataset, sector, "kyiv", height=MAP_HEIGHT, window=holder["window"])
            return chart_csv(fig)

    def timeline_slide(fmt: str) -> bytes:
        start, end = holder["window"]
        with use_language(lang):
            draw = partial(draw_attack_timeline, dataset, filters, (start, end))
            return figure_slide(dataset, filters, f"timeline@{start}..{end}", draw)(fmt)

    def timeline_csv() -> bytes:
        with use_language(lang):
            window = holder["window"]
            return chart_csv(window_timeline(dataset, sector, window, None, height=TIMELINE_HEIGHT))

    for place, chart, name, stem, slide, csv in (
        (places[0], "kyiv", _("Kyiv map"), "kyiv", map_slide, map_csv),
        (places[1], "timeline", _("Timeline"), "kyiv-timeline", timeline_slide, timeline_csv),
    ):
        with place:
            st.caption(_("Files of the chart: {chart}").format(chart=escape_markdown(name)))
            file_buttons(CHARTS[chart], file_stem(stem, filters, today), slide, csv)


@st.fragment
def window_files_part(dataset: Dataset, filters: Filters) -> None:
    """The files of the Kyiv map and the timeline, side by side (one under the other on a
    phone): a fragment, so a slide that was not ready says so here alone."""
    kyiv_map, timeline = st.container(key="wrapsm_kyivfiles").columns(2)
    window_files(dataset, filters, (kyiv_map, timeline))


def python_kyiv_map(dataset: Dataset, filters: Filters, window: DayWindow, whole: bool) -> None:
    """The Kyiv map over the online basemap, drawn by Streamlit (a rerun per window)."""
    fig = view_figure(
        dataset,
        filters,
        "kyiv",
        height=MAP_HEIGHT,
        window=window,
        basemap=True,
        highlight=highlighted(dataset),
    )
    show_chart(
        fig,
        CHARTS["kyiv"],
        file_name=file_stem("kyiv" if whole else "kyiv-window", filters, date.today()),
        slide=slide_pictures(dataset, filters, "kyiv", (None, None) if whole else window),
    )


def python_timeline(dataset: Dataset, filters: Filters, window: DayWindow) -> None:
    """The timeline drawn by Streamlit (the basemap's page), the selected attack marked."""
    fig = timeline_figure(dataset, filters, window, height=TIMELINE_HEIGHT)
    show_chart(
        fig,
        CHARTS["timeline"],
        file_name=file_stem("kyiv-timeline", filters, date.today()),
        slide=figure_slide(
            dataset,
            filters,
            f"timeline@{window[0]}..{window[1]}",
            partial(draw_attack_timeline, dataset, filters, window),
        ),
    )
