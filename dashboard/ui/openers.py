"""Lists of evidence openers as one browser element each (Streamlit components v2): a title and
a row per item, a native button (its label) with its details beside it. A date window's change
redraws one element per list, not a button and a caption per row; the keyboard reaches every
button as before. The list goes to the browser as one JSON text, and the script sets every
text as text (openers.js). Another element may draw a list's rows ahead of Python (the Map's,
on a move of its date window): `seq` is that element's change Python's rows are for."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

_element = st.components.v2.component(
    "evidence_openers",
    js=(HERE / "elements.js").read_text(encoding="utf-8")
    + (HERE / "openers.js").read_text(encoding="utf-8"),
    css=(HERE / "openers.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # the page's fonts; its CSS is scoped by class
)


def opener_list(
    key: str,
    title: str,
    rows: list[tuple[str, str, str]],
    on_open: Callable[[str], None],
    empty: str = "None.",
    note: str = "",
    seq: int | None = None,
) -> None:
    """Draw the list keyed `key`: `rows` of (label, details, reference), `note` under its title;
    a button's click calls `on_open` with its reference before the rerun (as a Streamlit
    button's on_click would). `seq`: the number of the change these rows are for, when another
    element draws them ahead (older rows do not replace newer ones)."""

    def opened() -> None:
        value = st.session_state.get(key) or {}
        ref = value.get("open") if isinstance(value, dict) else None
        if isinstance(ref, str) and ":" in ref:
            on_open(ref)

    sent = {"key": key, "title": title, "rows": [list(r) for r in rows], "empty": empty}
    text = json.dumps(
        sent | ({"note": note} if note else {}) | ({"seq": seq} if seq is not None else {}),
        ensure_ascii=False,
    )
    _element(key=key, data={"payload": text}, on_open_change=opened)


def sent(element_json: str) -> dict:
    """What `opener_list` sent, read back from the element's JSON (for tests)."""
    return dict(json.loads(json.loads(element_json)["payload"]))
