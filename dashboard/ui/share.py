"""Share, embed, cite under a chart: the current view's link, an iframe of the chart-only view
and a citation with the data's date and version (words from core/output/sharing.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.core.data import schema
from dashboard.core.data.filters import FILTER_COLUMNS, Filters, to_query
from dashboard.core.output.sharing import (
    BASE_URL_VARIABLE,
    DEFAULT_BASE_URL,
    chart_citation,
    embed_snippet,
    embed_url,
    view_url,
)
from dashboard.ui.state import CHART_KEYS, MAP_KEYS, PAGE_PATH

if TYPE_CHECKING:  # light at import: the Overview's first screen draws this box too
    import plotly.graph_objects as go

# A chart's widget key -> its chart-only view (?view=brief&chart=KEY); others have none.
EMBEDDABLE = {v: k for k, v in (CHART_KEYS | MAP_KEYS).items()}


def _where() -> tuple[str, str]:
    """(base, page path): the public base URL when set, else the host in the browser."""
    path = str(st.session_state.get(PAGE_PATH, ""))
    public = os.environ.get(BASE_URL_VARIABLE, "").strip()
    if public:
        return public.rstrip("/"), path
    seen = urlparse(str(st.context.url or ""))
    if seen.scheme in ("http", "https") and seen.netloc:
        return f"{seen.scheme}://{seen.netloc}", path
    return DEFAULT_BASE_URL, path


def _chart_of(key: str) -> str | None:
    """The chart-only view a chart widget has: its overview or map chart, or a brief preview's."""
    preview = key.removeprefix("brief_preview_")
    return preview if preview != key and preview in CHART_KEYS | MAP_KEYS else EMBEDDABLE.get(key)


def _filters() -> dict[str, str]:
    filters = st.session_state.get("filters")
    return to_query(filters) if isinstance(filters, Filters) else {}


def _query(key: str) -> dict[str, str]:
    """The view's parameters: the URL's own (check, claim, dates), the Overview's tab for its
    charts, and the active filters."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k not in FILTER_COLUMNS}
    overview = EMBEDDABLE.get(key)
    if overview in CHART_KEYS:
        params.pop("tab", None)
        if overview != "cost":  # the Overview opens on cost
            params["tab"] = overview
    return params | _filters()


def chart_title(fig: go.Figure) -> str:
    """The chart's title in plain words (its first line), for the embed and the citation."""
    from dashboard.core.visuals.charts import screen_caption

    return screen_caption(fig).title or "Chart"


def show_share(fig: go.Figure, key: str, widget: str | None = None) -> None:
    """Under a chart, folded: copy link, embed snippet (when it has a chart-only view), cite.
    `widget` keys the box when it is not the chart's own key (share_box)."""

    def about() -> tuple[str, str]:
        from dashboard.core.evidence import provenance
        from dashboard.ui.data import get_dataset

        dataset = get_dataset()
        return chart_title(fig), provenance.as_of(dataset.frames["sources"], dataset.version)

    share_box(key, about, widget)


def share_key(key: str) -> str:
    """The widget key of the share box under the chart keyed `key` (its state: open or not)."""
    return f"share_{key}"


def share_box(key: str, about: Callable[[], tuple[str, str]], widget: str | None = None) -> None:
    """The folded box of the chart keyed `key`; `about` gives its title and the date its data
    are as of (asked only when the box is open). The box's own key is `widget`'s when given
    (the Overview keeps one box for all its charts), else the chart's."""
    # built only when open (a closed box is one element to redraw, not seven: a filter change
    # redraws the chart's part of the page, this box included)
    box = st.expander(
        _("Share, embed, cite"),
        icon=":material/share:",
        key=share_key(widget or key),
        on_change="rerun",
    )
    if not box.open:
        return
    title, as_of = about()
    chart = _chart_of(key)
    base, path = _where()
    link = view_url(base, path, _query(key))
    publisher = str(schema.load_package().get("title", "this project"))
    with box:
        st.caption(_("Link to this view (copy with the button at the right)"))
        st.code(link, language=None, wrap_lines=True)
        if chart is not None:
            st.caption(_("Embed the chart alone (HTML)"))
            snippet = embed_snippet(embed_url(base, chart, _filters()), title)
            st.code(snippet, language="html", wrap_lines=True)
        st.caption(_("Cite this chart"))
        citation = chart_citation(title, publisher, as_of, link, date.today())
        st.code(citation, language=None, wrap_lines=True)
