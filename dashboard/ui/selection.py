"""What is selected: the mark, row or highlight whose evidence the panel shows, kept in the
session (and the URL) as a reference such as `claim:ID`."""

from __future__ import annotations

import streamlit as st

from dashboard.core.evidence.refs import Ref, parse_ref
from dashboard.ui.state import SELECTION


def select(ref: str | None) -> None:
    """Make `ref` the current selection (None clears it)."""
    if ref:
        st.session_state[SELECTION] = ref
    else:
        st.session_state.pop(SELECTION, None)


def selection_from_event(state_key: str) -> None:
    """on_select callback: the first selected point's customdata becomes the selection."""
    event = st.session_state.get(state_key)
    points = getattr(getattr(event, "selection", None), "points", None) or (event or {}).get(
        "selection", {}
    ).get("points", [])
    for point in points:
        data = point.get("customdata")
        ref = data[0] if isinstance(data, list) and data else data
        if isinstance(ref, str) and parse_ref(ref):
            select(ref)
            return


def current_ref() -> Ref | None:
    """The current selection, parsed."""
    return parse_ref(st.session_state.get(SELECTION))
