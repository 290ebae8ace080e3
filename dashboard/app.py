"""Entry point: page config, navigation, the shared sidebar filters and the footer.

Run with `make run` (or `streamlit run dashboard/app.py`).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st

from dashboard.core.data import schema
from dashboard.core.data.changes import data_as_of, latest_changes
from dashboard.core.data.dataset import DataUnavailable
from dashboard.core.data.filters import apply_filters
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui.brief import render_brief_view
from dashboard.ui.data import get_changes, get_dataset, read_only
from dashboard.ui.filters import render_filters, show_notices, write_url
from dashboard.ui.state import EVIDENCE_PANELS, FOOTER_CHANGES, PAGE_PATH, WRAP_NARROW, WRAP_WIDE
from dashboard.ui.warm import warm_views

st.set_page_config(
    page_title="Ukraine infrastructure impact",
    page_icon=str(Path(__file__).resolve().parents[1] / "assets" / "favicon.png"),
    layout="wide",
)

# Keyboard focus is always visible (WCAG 2.4.7), including on the evidence panel that a
# selection moves focus to. Streamlit's own widgets keep their focus rings.
# Columns in the containers of WRAP_WIDE go one under the other when one would be narrower
# than 26rem (a map or a chart at a tablet's half page), in those of WRAP_NARROW below 20rem (a
# side panel of text): Streamlit itself stacks columns only below 640 px.
# Exact class selectors, not `[class*=...]`: a substring match on `class` is tested against
# every element whose classes change, and Streamlit restyles elements on every rerun.
COLUMN = "[data-testid=stLayoutWrapper]>[data-testid=stHorizontalBlock]"


def _classes(keys: tuple[str, ...], suffix: str = "") -> str:
    return ",".join(f".st-key-{key}{suffix}" for key in keys)


st.html(
    f"<style>{_classes(EVIDENCE_PANELS, ':focus')},a:focus-visible"
    "{outline:3px solid #0072B2;outline-offset:2px}"
    f"{_classes(WRAP_WIDE + WRAP_NARROW, '>' + COLUMN)}{{flex-wrap:wrap}}"
    f"{_classes(WRAP_WIDE, '>' + COLUMN + '>[data-testid=stColumn]')}{{min-width:min(100%,26rem)}}"
    f"{_classes(WRAP_NARROW, '>' + COLUMN + '>[data-testid=stColumn]')}{{min-width:min(100%,20rem)}}"
    "</style>"
)

try:
    dataset = get_dataset()
except DataUnavailable as err:  # no schema, no rows: say what is wrong and keep serving
    st.title("The data cannot be loaded")
    st.error(escape_markdown(str(err.problem)))
    st.caption(
        "Run `python -m dashboard check` for details; the app reloads the data once it is fixed."
    )
    st.stop()
if st.query_params.get("view") == "brief":
    render_brief_view(dataset)
    st.stop()

filters = render_filters(dataset)
st.session_state["filters"] = filters
st.session_state["filtered"] = apply_filters(dataset.figures, filters)

# The default page is served at the root; its own pathname must still be unique, and
# /overview is taken by the page that opens it (_open_overview).
OVERVIEW_HOME = "home"
overview = st.Page(
    "app_pages/overview.py",
    title="Overview",
    icon=":material/dashboard:",
    url_path=OVERVIEW_HOME,
    default=True,
)


def _open_overview() -> None:
    """/overview, the Overview's own name, opens it (a default page answers at / only),
    keeping the link's filters and tab."""
    st.switch_page(overview, query_params=st.query_params.to_dict())


pages = [
    overview,
    st.Page(_open_overview, title="Overview", url_path="overview", visibility="hidden"),
    st.Page("app_pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/article:", url_path="sources"),
    st.Page("app_pages/checks.py", title="Checks", icon=":material/fact_check:", url_path="checks"),
    st.Page("app_pages/data.py", title="Data", icon=":material/table:", url_path="data"),
    st.Page(
        "app_pages/briefing.py", title="Briefing", icon=":material/slideshow:", url_path="briefing"
    ),
]
if not read_only():  # DASHBOARD_READ_ONLY=1 hides the only page that writes
    pages.append(
        st.Page(
            "app_pages/curate.py", title="Curate", icon=":material/edit_note:", url_path="curate"
        )
    )
page = st.navigation(pages)
# The page's own path, for the links under its charts (ui/share.py); the default page is "/".
st.session_state[PAGE_PATH] = "" if page.url_path == OVERVIEW_HOME else page.url_path

show_notices()
if dataset.problems:
    with st.expander(
        f"⚠️ {len(dataset.problems)} data problems: the rows concerned are left out", expanded=False
    ):
        st.code("\n".join(str(p) for p in dataset.problems), language=None)

page.run()
write_url(filters)
warm_views(dataset)  # once per data version, after the first page has been sent

# Few elements (a rule with a caption, and the change log): the footer is redrawn on every rerun.
changes = get_changes()
as_of = data_as_of(changes)
st.html(
    "<hr style='margin:2rem 0 0.75rem;border:none;border-top:1px solid rgba(49,51,63,0.2)'><p style='font-size:0.875rem;color:rgba(20,20,20,0.6)'>"
    + html.escape(
        f"Last updated {as_of} (the change log's latest entry; a chart's own date is when its "
        f"sources were last accessed) · data version {dataset.version} · {dataset.summary()} · data licence "
        f"{schema.licence_title()} (curation; quotes remain their authors') · code MIT · "
        "every figure links to the sentence it came from."
    )
    + "</p>"
)
# The change log is data: everything taken from it is escaped before Markdown sees it.
with st.expander(f"Last updated {escape_markdown(as_of)} · What changed", key=FOOTER_CHANGES):
    shown = latest_changes(changes)
    for entry in shown:
        st.markdown(f"**{escape_markdown(entry.date)} · {escape_markdown(entry.title)}**")
        if entry.details:
            st.markdown(escape_markdown(entry.details))
    st.caption(
        escape_markdown(
            f"The latest {len(shown)} of {len(changes)} dated entries of data/CHANGES.md, newest "
            "first; the file in the repository holds them all."
            if changes
            else "No dated entry found in data/CHANGES.md: the data's date is not stated."
        )
    )
