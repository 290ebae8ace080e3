"""Checks: is each cited figure what the cited organisation published, and is it current?"""

from __future__ import annotations

import html

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.core.evidence.checkcards import badge_html
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui.checklive import show_checks_live
from dashboard.ui.checks import check_files, get_cards, show_bill_chart
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.filters import write_url
from dashboard.ui.state import CHECK_PICK

dataset = get_dataset()
filters = st.session_state["filters"]
shown = set(st.session_state["filtered"]["figure_id"])

st.title(_("Claim checks"))
st.caption(
    _(
        "Each figure the article attributes to an organisation, set against that organisation's own "
        "publication and the newest edition of the same measure. A verdict says how the cited figure "
        "compares with the claim's interval; it does not say whether the article's wider argument holds."
    )
)

cards = [c for c in get_cards(dataset) if c.claim["figure_id"] in shown]
if not cards:
    st.info(_("No checked claims match these filters. Clear a filter in the sidebar to see more."))
    st.stop()

ids = [c.check_id for c in cards]
asked = st.query_params.get("check")
if asked and asked not in ids and CHECK_PICK not in st.session_state:
    st.warning(
        escape_markdown(
            _("Check '{check}' is not among the checks in these filters.").format(check=asked)
        )
    )
if CHECK_PICK not in st.session_state or st.session_state[CHECK_PICK] not in ids:
    st.session_state[CHECK_PICK] = asked if asked in ids else ids[0]
st.html(
    "<div style='display:flex;flex-wrap:wrap;gap:12px'>"
    + "".join(
        f"<span>{badge_html(c.verdict)} <span lang='en'>{html.escape(str(c.claim['figure_text']))}"
        f"</span> · {html.escape(str(c.claim['attributed_to']))}</span>"
        for c in cards
    )
    + "</div>"
)
by_id = {c.check_id: c for c in cards}


@st.fragment
def the_check() -> None:
    """The choice of check, its card and chart (the page's element: chosen and drawn in the
    browser, ui/checklive), its files, and the evidence panel: choosing another check (or a
    point of its chart) reruns this part only, not the sidebar, the bill and the footer."""
    if st.session_state.get(CHECK_PICK) not in by_id:  # a browser's value is checked, too
        st.session_state[CHECK_PICK] = ids[0]
    pick = st.session_state[CHECK_PICK]
    st.query_params["check"] = pick
    card_col, evidence_col = st.container(key="wrapsm_checks").columns([2, 1])
    with card_col:
        show_checks_live(dataset, cards, pick)
        check_files(dataset, by_id[pick], key="chart_check")
    with evidence_col:
        render_evidence_panel(dataset, key="checks_evidence")
    write_url(filters)  # a rerun of this part alone still keeps the URL up to date


the_check()

st.subheader(_("How the bill grew"), anchor=False)
st.caption(
    _(
        "The joint Rapid Damage and Needs Assessments (RDNA1 to RDNA5) by publication date, needs and "
        "damage in separate panels; the article's cost claims as bands. Click a point for its provenance."
    )
)
show_bill_chart(dataset, filters)
