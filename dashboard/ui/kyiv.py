"""The Kyiv part of the Map page: the shared date window (in the URL), the timeline, and the
ranking and attack lists as buttons, so every mark that opens evidence is reachable by keyboard."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.core.base.i18n import _, keyed, ngettext
from dashboard.core.data import kyiv
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.data.names import district_name
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.visuals.charts import for_screen
from dashboard.core.visuals.views import Window, draw_attack_timeline
from dashboard.ui.charts import FrozenFigure
from dashboard.ui.openers import opener_list
from dashboard.ui.selection import current_ref, select
from dashboard.ui.state import KYIV_DATES, KYIV_URL, KYIV_WINDOW


def saved_window(dates: list[date]) -> tuple[date, date]:
    """The window on the attacks' dates: the one kept while other pages were shown, or the
    URL's (`from`, `to`), its ends moved inward to attack dates with a visible notice."""
    saved = st.session_state.get(KYIV_WINDOW)
    if saved is None or saved[0] not in dates or saved[1] not in dates:
        raw = [st.query_params.get(name) for name in KYIV_URL]
        saved, notices = kyiv.parse_window(raw[0], raw[1], dates[0], dates[-1], dates)
        for notice in notices:
            st.warning(escape_markdown(notice), icon="⚠️")
        st.session_state[KYIV_WINDOW] = saved
    return saved


def window_to_url(start: date, end: date, dates: list[date]) -> None:
    """The window in the URL, an end at the first or last attack left out (a short link)."""
    st.session_state[KYIV_WINDOW] = (start, end)
    for name, day, bound in zip(KYIV_URL, (start, end), (dates[0], dates[-1]), strict=True):
        if day == bound:  # the whole range is the default: keep the link short
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != day.isoformat():
            st.query_params[name] = day.isoformat()


def date_window(container: object, dates: list[date]) -> tuple[date, date]:
    """The basemap's window (the page in Python): a slider over the attacks' dates, started
    from the saved window; the chosen window is written back to the URL."""
    saved = saved_window(dates)
    start, end = container.select_slider(  # type: ignore[attr-defined]
        _("Attacks on Kyiv between"),
        options=dates,
        value=saved,
        key=KYIV_DATES,
        format_func=lambda day: f"{day:%Y-%m-%d}",
    )
    window_to_url(start, end, dates)
    return start, end


def highlighted(dataset: Dataset) -> tuple[tuple[str, ...], str] | None:
    """Districts to outline on the Kyiv map: the selected attack's, or the selected district."""
    ref = current_ref()
    if ref is not None and ref.kind == "attack":
        hit = kyiv.districts_of(dataset.frames["kyiv_attack_districts"], ref.value)
        label = _("districts hit on {attack}").format(attack=ref.value)
        return (tuple(hit), label) if hit else None
    if ref is not None and ref.kind == "district":
        return (ref.value,), _("selected: {district}").format(district=district_name(ref.value))
    return None


@st.cache_resource(max_entries=256, show_spinner=False)
def _timeline(
    _dataset: Dataset,
    version: str,
    filters: tuple[tuple[str, ...], ...],
    window: Window,
    selected: str | None,
    height: int,
) -> go.Figure:
    """The screen timeline, cached like the other charts. Shared: never mutate it."""
    del version  # cache key only
    fig = draw_attack_timeline(_dataset, Filters(*filters), window, selected)
    return FrozenFigure(for_screen(fig, height=height, copy=False))  # drawn for this call


def timeline_figure(
    dataset: Dataset, filters: Filters, window: Window, *, height: int
) -> go.Figure:
    """The timeline of the attacks in the window, the selected attack marked."""
    ref = current_ref()
    selected = ref.value if ref is not None and ref.kind == "attack" else None
    return window_timeline(dataset, filters, window, selected, height=height)


def window_timeline(
    dataset: Dataset, filters: Filters, window: Window, selected: str | None, *, height: int
) -> go.Figure:
    """The timeline of the attacks in the window (cached; `selected` marked)."""
    return _timeline(dataset, keyed(dataset.version), astuple(filters), window, selected, height)


Rows = tuple[tuple[str, str, str], ...]  # an opener list's (label, details, reference)


@st.cache_resource(max_entries=1024, show_spinner=False)
def _window_lists(
    _dataset: Dataset, version: str, sectors: tuple[str, ...], start: date, end: date
) -> tuple[Rows, Rows, tuple[str, ...]]:
    """The window's ranking and attack rows and its attacks without a district, cached
    per data version and language, sector choice and window: moving the window reruns the
    page's Kyiv part, and reading the frames again cost it 30 ms. Shared: never mutate."""
    del version  # part of the cache key only (with the language: keyed)
    attacks, links = _dataset.frames["kyiv_attacks"], _dataset.frames["kyiv_attack_districts"]
    shown = kyiv.attacks_in_view(attacks, sectors, start, end)
    counts = kyiv.count_attacks_by_district(shown, links, _dataset.frames["kyiv_districts"])
    ranked = counts.sort_values(["attacks", "district"], ascending=[False, True])
    ranking = tuple(
        (
            f"{district_name(row.district)} · {row.attacks}",
            row.dates or _("none reported"),
            f"district:{row.district}",
        )
        for row in ranked.itertuples()
    )
    listed = tuple(
        (
            f"{attack['date']:%Y-%m-%d}",
            f"{kyiv.weapons_text(attack)} · {kyiv.toll_text(attack)}",
            f"attack:{attack['attack_id']}",
        )
        for attack in shown.sort_values("date", ascending=False).to_dict("records")
    )
    return ranking, listed, _unplaced_dates(kyiv.attacks_without_districts(shown, links))


def window_rows(
    dataset: Dataset, sectors: tuple[str, ...], start: date, end: date
) -> tuple[Rows, Rows, tuple[str, ...]]:
    """The window's ranking rows, attack rows and unplaced attacks (cached: built ahead with its charts)."""
    return _window_lists(dataset, keyed(dataset.version), sectors, start, end)


LISTS = ("kyiv_districts_list", "kyiv_attacks_list")  # the lists' keys: ranking, attacks


def list_words() -> dict[str, dict[str, str]]:
    """Each list's title and what it says when empty, in the run's language."""
    return {
        LISTS[0]: {
            "title": _("Districts by attacks reported in the window"),
            "empty": _("No district reported in this window."),
        },
        LISTS[1]: {
            "title": _("Attacks in the window (counts as first reported)"),
            "empty": _("No large attack reported in this window."),
        },
    }


def window_list_rows(
    dataset: Dataset, sectors: tuple[str, ...], start: date, end: date
) -> dict[str, dict[str, Any]]:
    """Each list's rows in the window, [label, details, reference], and the ranking's note on
    the window's attacks without a district (the Map's element holds them for every window)."""
    ranking, listed, unplaced = window_rows(dataset, sectors, start, end)
    return {
        LISTS[0]: {"rows": [list(r) for r in ranking], "note": unplaced_text(unplaced)},
        LISTS[1]: {"rows": [list(r) for r in listed], "note": ""},
    }


def window_lists(
    dataset: Dataset,
    sectors: tuple[str, ...],
    start: date,
    end: date,
    *,
    side: bool = True,
    seq: int | None = None,
) -> None:
    """Under the Kyiv charts: the district ranking (with the note on attacks without a district)
    and the attacks as buttons that open their reports, `side` by side (else one under the
    other, as in a narrow column: no columns to send again on every move of the window). `seq`:
    the Map element's change these rows are for (it draws them ahead, openers.js)."""
    rows, words = window_list_rows(dataset, sectors, start, end), list_words()
    places = [st.container(), st.container()]
    if side:
        places = list(st.container(key="wrap_lists").columns(2))
    for key, place in zip(LISTS, places, strict=True):
        with place:
            opener_list(key, words[key]["title"], rows[key]["rows"], select,
                        empty=words[key]["empty"], note=rows[key]["note"], seq=seq)  # fmt: skip


def _unplaced_dates(unplaced: pd.DataFrame) -> tuple[str, ...]:
    """The dates of the attacks in the window with no district reported."""
    return tuple(f"{d:%Y-%m-%d}" for d in unplaced["date"])


def unplaced_text(dates: tuple[str, ...]) -> str:
    """The attacks in the window with no district reported, by date ("" when none)."""
    if not dates:
        return ""
    return ngettext(
        "{n} attack in this window has no district reported: {dates}. Counts are as first reported; an empty count means not reported, never zero.",
        "{n} attacks in this window have no district reported: {dates}. Counts are as first reported; an empty count means not reported, never zero.",
        len(dates),
    ).format(n=len(dates), dates=", ".join(dates))
