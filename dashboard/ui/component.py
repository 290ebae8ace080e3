"""The Overview's browser element (Streamlit components v2): its script and style (live.js,
live.css), the plotly.js bundle it loads, and what its events do in Python.

Light on purpose (no pandas, no figure code): the first screen mounts it before the dataset is
loaded. ui/live.py builds what it draws."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.ui.state import FILTER_KEYS, OVERVIEW_CHART, OVERVIEW_TABS, SELECTION

HERE = Path(__file__).parent
KEY = "overview_live"  # the element's key: its identity, so new data reaches the same element
SENT = f"{KEY}_sent"  # the views sent in full to the element since it was mounted
HELD = f"{KEY}_held"  # the views the element's latest event says it holds in full
CHECKS_KEY = "checks_live"  # the Checks page's element (ui/checks.show_checks_live)
KEYS = (KEY, CHECKS_KEY)
PRELOAD_KEY = "live_preload"  # the container of the plotly.js preloader
PAYLOAD = "payload"  # the one field of the element's data: the payload as JSON text
# plotly.js's basic bundle (bar, pie, scatter) at the version Python's plotly emits figures for,
# served by Streamlit's static serving from dashboard/static/ (docs/performance.md).
PLOTLY_VERSION = "4.1.1"
PLOTLY_JS = f"app/static/plotly-basic-{PLOTLY_VERSION}.min.js"
PLOTLY_TRACES = frozenset({"bar", "pie", "scatter"})
ICON_URL = "/app/static/favicon.png"  # the app's icon, dashboard/static/favicon.png

_element = st.components.v2.component(
    "overview_live",
    js=(HERE / "elements.js").read_text(encoding="utf-8")
    + (HERE / "live.js").read_text(encoding="utf-8"),
    css=(HERE / "live.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # the page's fonts and focus rings; its CSS is scoped by class
)


# Starts loading plotly.js as soon as the page's first element is drawn, while Streamlit still
# draws the sidebar and the rest: the element's script (live.js) then finds it loading or loaded.
_PRELOAD = """<script>(() => {
  if (window.Plotly || document.querySelector('script[data-live-plotly]')) return;
  const tag = document.createElement('script');
  tag.src = new URL('%s', document.baseURI).href;
  tag.async = true;
  tag.dataset.livePlotly = '';
  tag.addEventListener('load', () => { window.Plotly = window.Plotly || window.moduleName; });
  tag.addEventListener('error', () => { tag.dataset.failed = ''; });
  document.head.appendChild(tag);
})();</script>"""


def preload() -> None:
    """Start loading the element's plotly.js (its own script, no data: nothing to escape)."""
    with st.container(key=PRELOAD_KEY):  # hidden (app.py's style): no gap in the page
        st.html(_PRELOAD % PLOTLY_JS, unsafe_allow_javascript=True)


def words() -> dict[str, str]:
    """The element's own words in the run's language (live.js sets them as text)."""
    return {
        "sector": _("Sector"),
        "hint": _("None ticked: every sector."),
        "charts": _("Charts"),
        "table": _("Chart as a table · open a mark's evidence by keyboard"),
        "series": _("series"),
        "mark": _("mark"),
        "evidence": _("evidence"),
        "open": _("Open"),
        # TRANSLATORS: the accessible name of a button in the chart's table; {label} is the mark
        "open_label": _("Open the evidence of {label}"),
        "updating": _("Updating the charts…"),
    }


def state(key: str = KEY) -> dict[str, Any]:
    """The element's state and trigger values as Python last received them."""
    value = st.session_state.get(key)
    return dict(value) if value else {}


def seq(key: str = KEY) -> int:
    """The number of the browser's latest change Python has seen (0 before any)."""
    number = (state(key).get("choice") or {}).get("seq", 0)
    return number if isinstance(number, int) else 0


def choice(key: str = KEY) -> tuple[list[str], Any]:
    """The choice (values ticked, tab) of the element's latest change, as Python received it;
    only strings among the values."""
    event = state(key).get("choice") or {}
    remember(key, event)
    values = event.get("sectors", [])
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else [], event.get(
        "tab"
    )


def _on_choice() -> None:
    """The browser changed the sector choice or the tab: Python's state follows it."""
    sectors, tab = choice(KEY)
    st.session_state[FILTER_KEYS["sector"]] = sectors
    if tab in OVERVIEW_TABS:
        st.session_state[OVERVIEW_CHART] = tab


def open_mark(key: str = KEY) -> None:
    """A mark was clicked, or opened from the marks table: its evidence is the selection."""
    event = state(key).get("mark") or {}
    remember(key, event)
    ref = event.get("ref") if isinstance(event, dict) else None
    if isinstance(ref, str) and ":" in ref:
        st.session_state[SELECTION] = ref  # as ui/selection.select does


def _on_mark() -> None:
    open_mark(KEY)


def remember(key: str, event: Any) -> None:
    """Keep the views an event says the element holds in full (its `held`, for its `version`):
    what it holds then, whatever Python sent before. A send can be lost on the way (a later
    rerun's message replaces a queued one for the same element): what it carried and the
    element does not name is sent again (a view in flight, twice, which does no harm)."""
    if isinstance(event, dict) and isinstance(event.get("held"), list):
        keys = {k for k in event["held"] if isinstance(k, str)}
        st.session_state[f"{key}_held"] = {"version": event.get("version"), "keys": sorted(keys)}
        st.session_state.pop(f"{key}_sent", None)


def held(version: str, key: str = KEY) -> set[str]:
    """The views the browser element holds in full for this data version: those its latest
    event named, and those Python sent it since. Python sends each once; an element that
    lacks its view anyway (mounted anew unseen, or a send lost) asks for it."""
    keys: set[str] = set()
    for known in (st.session_state.get(f"{key}_held"), st.session_state.get(f"{key}_sent")):
        if isinstance(known, dict) and known.get("version") == version:
            keys |= set(known.get("keys", ()))
    return keys


def record(version: str, keys: list[str], key: str = KEY) -> None:
    """Remember the views just sent in full to the mounted element."""
    sent = st.session_state.get(f"{key}_sent") or {}
    before = set(sent.get("keys", ())) if sent.get("version") == version else set()
    st.session_state[f"{key}_sent"] = {"version": version, "keys": sorted(before | set(keys))}


def forget(key: str = KEY) -> None:
    """Another page runs: the element is gone from the page, and what it held with it."""
    for name in (f"{key}_sent", f"{key}_held"):
        st.session_state.pop(name, None)


def leave_others(here: str | None) -> None:
    """Forget every element but the one keyed `here` (the page's own, None when it has none)."""
    for key in KEYS:
        if key != here:
            forget(key)


def mount(
    data: dict[str, Any],
    key: str = KEY,
    on_choice: Callable[[], None] = _on_choice,
    on_mark: Callable[[], None] = _on_mark,
) -> None:
    """Draw the element with `data` (ui/live.payload, or the first screen's copy of it), sent as
    one JSON text: Streamlit looks into each value of a dict it is given for a data frame, and
    that look imports pandas, numpy and pyarrow (0.8 s), which the first screen is drawn
    without. The Overview's element by default; another page's under its own `key`, with its
    own callbacks."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    _element(key=key, data={PAYLOAD: text}, on_choice_change=on_choice, on_mark_change=on_mark)


def sent(element_json: str) -> dict[str, Any]:
    """What `mount` sent, read back from the element's JSON (for tests and checks)."""
    return dict(json.loads(json.loads(element_json)[PAYLOAD]))
