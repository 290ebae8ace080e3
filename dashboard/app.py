"""Entry point: page config, navigation, the shared sidebar filters and the footer.

Run with `make run` (or `streamlit run dashboard/app.py`). A plain visit's first run is drawn
from the first screen kept for these data files and this code (ui/front.py) before the dataset
and its libraries are imported; every other run loads the dataset (cached) as before.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st

from dashboard.core.base.i18n import _, use_language
from dashboard.core.base.paths import read_only
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui import component
from dashboard.ui.component import ICON_URL
from dashboard.ui.front import (
    data_summary,
    first_screen,
    footer,
    problems_notice,
    show_first_screen,
)
from dashboard.ui.language import start_language
from dashboard.ui.state import (
    CHECK_PICK,
    EVIDENCE_PANELS,
    MAP_LIVE,
    PAGE_PATH,
    WRAP_NARROW,
    WRAP_WIDE,
)

st.set_page_config(
    page_title="Ukraine infrastructure impact",
    # served by Streamlit's static serving (dashboard/static/): as a URL, Streamlit sends it as
    # is; `dashboard serve` then skips the numpy and Pillow imports that drawing it would need
    page_icon=ICON_URL,
    layout="wide",
)
language = start_language()  # ?lang=, the session or the browser's; the sidebar's switch

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
    f"[data-testid=stLayoutWrapper]:has(>.st-key-{component.PRELOAD_KEY}){{display:none}}"
    "</style>"
)


def load_dataset():
    """The dataset (cached), or the error page naming what is wrong (and the run stops)."""
    from dashboard.core.data.dataset import DataUnavailable
    from dashboard.ui.data import get_dataset

    try:
        return get_dataset()
    except DataUnavailable as err:  # no schema, no rows: say what is wrong and keep serving
        st.title("The data cannot be loaded")
        st.error(escape_markdown(str(err.problem)))
        st.caption(
            "Run `python -m dashboard check` for details; the app reloads the data once it is fixed."
        )
        st.stop()


screen = (
    first_screen() if language == "en" else None
)  # None unless a plain link's first run, and a screen kept for it
if screen is None:
    dataset = load_dataset()
    if st.query_params.get("view") == "brief":
        from dashboard.ui.brief import render_brief_view

        render_brief_view(dataset)
        st.stop()

# The default page is served at the root; its own pathname must still be unique, and
# /overview is taken by the page that opens it (_open_overview).
OVERVIEW_HOME = "home"
overview = st.Page(
    "app_pages/overview.py",
    title=_("Overview"),
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
    st.Page(_open_overview, title=_("Overview"), url_path="overview", visibility="hidden"),
    st.Page("app_pages/map.py", title=_("Map"), icon=":material/map:", url_path="map"),
    st.Page(
        "app_pages/sources.py", title=_("Sources"), icon=":material/article:", url_path="sources"
    ),
    st.Page(
        "app_pages/checks.py", title=_("Checks"), icon=":material/fact_check:", url_path="checks"
    ),
    st.Page("app_pages/data.py", title=_("Data"), icon=":material/table:", url_path="data"),
    st.Page(
        "app_pages/briefing.py",
        title=_("Briefing"),
        icon=":material/slideshow:",
        url_path="briefing",
    ),
]
if not read_only():  # DASHBOARD_READ_ONLY=1 hides the only page that writes
    pages.append(
        st.Page(
            "app_pages/curate.py", title=_("Curate"), icon=":material/edit_note:", url_path="curate"
        )
    )
page = st.navigation(pages)
on_overview = page.url_path in ("", OVERVIEW_HOME)
if on_overview:
    component.preload()  # its plotly.js loads while the rest of the page is drawn
if page.url_path != "checks":  # as its radio's was: a link's ?check= opens that check again
    st.session_state.pop(CHECK_PICK, None)
# an element not on this page has left it, and the views it held with it
component.leave_others(
    component.KEY if on_overview else component.CHECKS_KEY if page.url_path == "checks" else None
)
if page.url_path != "map":  # the Map page's element has left it, and the windows it held
    component.forget(MAP_LIVE)
# The page's own path, for the links under its charts (ui/share.py); the default page is "/".
st.session_state[PAGE_PATH] = "" if on_overview else page.url_path
if screen is not None and on_overview:
    show_first_screen(screen, page.run)
    st.stop()
if screen is not None:  # another page opened first: it draws from the dataset
    dataset = load_dataset()

from dashboard.core.data.dataset import REFERENCE_TABLES  # noqa: E402 (after the first screen)
from dashboard.core.data.filters import apply_filters  # noqa: E402
from dashboard.ui.data import get_filter_options, get_geo_labels  # noqa: E402
from dashboard.ui.filters import render_filters, show_notices, write_url  # noqa: E402
from dashboard.ui.live import prepare_views  # noqa: E402

# The Overview chooses its sector above its charts (drawn in the browser): not in the sidebar.
filters = render_filters(
    get_filter_options(dataset), get_geo_labels(dataset), sector=not on_overview
)
st.session_state["filters"] = filters
st.session_state["filtered"] = apply_filters(dataset.figures, filters)

show_notices()
problems_notice([str(p) for p in dataset.problems])

with use_language(language):
    page.run()
write_url(filters)
prepare_views(dataset)  # once per data version, after the first page has been sent
footer(
    dataset.version,
    data_summary(
        len(dataset.figures),
        len(dataset.frames["sources"]),
        sum(len(dataset.frames[name]) for name in REFERENCE_TABLES),
        len(dataset.problems),
    ),
)
