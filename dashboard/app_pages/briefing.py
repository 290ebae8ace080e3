"""Briefing: tick charts, preview them, download a deck or a ZIP of images, data and citations."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from dashboard.core.briefing import build_files, zip_bytes
from dashboard.core.charts import HEIGHT
from dashboard.core.filters import to_query
from dashboard.core.reader import escape_markdown
from dashboard.core.views import CHARTS, build_view
from dashboard.ui.charts import is_phone, show_chart, toolbar_config, view_figure
from dashboard.ui.data import get_dataset
from dashboard.ui.state import BRIEF_CHARTS, BRIEF_FILES

dataset = get_dataset()
filters = st.session_state["filters"]

st.title("Briefing")
st.caption(
    f"The current view ({escape_markdown(filters.describe())}), ready for slides: every chart carries its title, filters, units, source line and data date."
)

chosen = st.multiselect(
    "Charts",
    list(CHARTS),
    default=list(CHARTS),
    key=BRIEF_CHARTS,
    format_func=lambda k: CHARTS[k].title,
)
if not chosen:
    st.info("Tick at least one chart.")
    st.stop()

view = build_view(dataset, filters, chosen)
signature = (tuple(chosen), filters, dataset.version)
if st.button("Prepare downloads", key="brief_prepare", type="primary"):
    with st.spinner("Rendering 1920×1080 images and the deck…"):
        st.session_state[BRIEF_FILES] = (signature, build_files(dataset, filters, chosen))
ready = st.session_state.get(BRIEF_FILES)
if ready and ready[0] == signature:
    files = ready[1]
    c1, c2 = st.columns(2)
    c1.download_button(
        "Deck (PowerPoint)", files["deck.pptx"], "briefing.pptx", key="dl_deck", width="stretch"
    )
    c2.download_button(
        "ZIP: PNG, SVG, CSV, citations",
        zip_bytes(files),
        "briefing.zip",
        "application/zip",
        key="dl_zip",
        width="stretch",
    )
elif ready:
    st.caption("The filters or charts changed since the last preparation: prepare again.")

for key, fig in view.items():
    st.subheader(escape_markdown(CHARTS[key].title), anchor=False)
    link = "?" + urlencode({**to_query(filters), "view": "brief", "chart": key})
    st.markdown(f"[Open as a clean 16:9 screenshot]({link})")
    if is_phone():  # a slide's type does not fit a phone: preview the screen version
        show_chart(view_figure(dataset, filters, key), f"brief_preview_{key}", file_name=key)
        continue
    st.plotly_chart(
        fig,
        theme=None,
        key=f"brief_preview_{key}",
        width="stretch",
        config=toolbar_config(key, HEIGHT),
    )
