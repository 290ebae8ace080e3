"""The Checks page's choice of check, its card and its chart, drawn in the browser by the
Overview's element (ui/component, live.js) under a key of its own.

Every check's view (its card, and its one-axis chart with title, source line, description and
marks) is built here by the page's own functions, once per data version and language, and sent
to the browser once: choosing another check shows its card and its kept plot in place, then
tells Python (state `choice`), whose fragment keeps the URL, the chart's files and the evidence
panel. A point of the chart, clicked or opened from its table, is the trigger `mark`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from dashboard.core.base.i18n import _, keyed
from dashboard.core.data.dataset import Dataset
from dashboard.core.evidence.checkcards import CheckCard, card_html
from dashboard.ui import component
from dashboard.ui.charts import chart_view
from dashboard.ui.checks import CHECK_HEIGHT, check_figure
from dashboard.ui.state import CHECK_PICK

KEY = component.CHECKS_KEY
CHART = "check"  # the one chart of a check's view (its ids: chart-title-check, ...)


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(_dataset: Dataset, version: str, check_id: str, _card: CheckCard) -> dict[str, Any]:
    """One check's view: its card over its chart (the chart's files follow under it).
    Shared between sessions: never mutate."""
    del version  # part of the cache key only (with the language: keyed)
    fig = check_figure(_dataset, check_id)
    return {
        "cards": card_html(_card, None),  # the page is the check's own: no link to it
        "story": "",
        "left_out": "",
        "empty": None,
        "tabs": [{"key": CHART, "label": _("Check")}],
        "charts": {CHART: chart_view(fig, CHART, CHECK_HEIGHT)},
    }


def _label(card: CheckCard) -> str:
    return f"{card.claim['figure_text']} ({card.claim['attributed_to']})"


def _on_choice() -> None:
    """The browser chose another check: Python's choice follows it."""
    values, _tab = component.choice(KEY)
    if values:
        st.session_state[CHECK_PICK] = values[0]


def payload(
    dataset: Dataset, cards: list[CheckCard], pick: str, seq: int, held: set[str]
) -> dict[str, Any]:
    """The element's data: every check's view it does not hold yet (a check's view is the
    same under any filter; the filters decide which checks are offered)."""
    version = keyed(dataset.version)
    views = {
        c.check_id: _view(dataset, version, c.check_id, c) for c in cards if c.check_id not in held
    }
    return {
        "version": version,
        "full": list(views),
        "id": KEY.replace("_", "-"),
        "plotly": component.PLOTLY_JS,
        "choice": "one",  # radios: one check at a time
        "tabs": False,  # one chart: no tab list
        # quotes and organisation names: the sources' words, in their language
        "sectors": [{"value": c.check_id, "label": _label(c), "lang": "en"} for c in cards],
        "words": {**component.words(), "sector": _("Check"), "hint": ""},
        "current": {"sectors": [pick], "tab": CHART},
        "seq": seq,
        "views": views,
    }


def show_checks_live(dataset: Dataset, cards: list[CheckCard], pick: str) -> None:
    """Mount the element with the checks offered, `pick` chosen."""
    version = keyed(dataset.version)
    data = payload(dataset, cards, pick, component.seq(KEY), component.held(version, KEY))
    component.mount(data, key=KEY, on_choice=_on_choice, on_mark=partial(component.open_mark, KEY))
    component.record(version, data["full"], KEY)
