"""Showing a figure: one key per chart, clicks feed the evidence panel, toolbar downloads named."""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import astuple
from functools import partial
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.core.base.i18n import _, keyed
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.alternative import Mark, describe_chart
from dashboard.core.output.chartdata import chart_csv
from dashboard.core.visuals.charts import HEIGHT, for_screen, screen_caption_html
from dashboard.core.visuals.kyiv_charts import highlight_districts, kyiv_map_for_screen
from dashboard.core.visuals.maps import (
    OFFLINE_TOPOJSON_URL,
    SCREEN_ZOOM_OUT,
    region_map_for_screen,
    with_basemap,
)
from dashboard.core.visuals.views import (
    ALL_DATES,
    Window,
    build_view,
    draw_kyiv_tiles_map,
    draw_region_tiles_map,
)
from dashboard.ui.downloads import file_buttons
from dashboard.ui.selection import select, selection_from_event
from dashboard.ui.share import show_share

Key = tuple[tuple[str, ...], ...]


class FrozenFigure(go.Figure):
    """A figure built once and shown on many reruns. st.plotly_chart turns a figure into a dict
    (a deep copy plus base64 packing of every array) on each call; here that dict is made once.
    Like every cached figure it is shared between sessions: never mutate it."""

    def to_dict(self) -> dict:  # type: ignore[type-arg]
        frozen = self.__dict__.get("_frozen_dict")
        if frozen is None:
            frozen = self.__dict__["_frozen_dict"] = super().to_dict()
        return frozen


@st.cache_resource(max_entries=256, show_spinner=False)
def _built(_dataset: Dataset, version: str, chart: str, filters: Key, window: Window) -> go.Figure:
    """One chart of the view as built, before it is sized for a screen (cached per data
    version, chart, filters and date window). Shared: never mutate it; copy it."""
    del version  # part of the cache key only: the dataset itself is not hashed
    return build_view(_dataset, Filters(*filters), [chart], window=window)[chart]


@st.cache_resource(max_entries=512, show_spinner=False)
def _screen_figure(
    _dataset: Dataset,
    version: str,
    chart: str,
    filters: Key,
    window: Window,
    height: int,
    basemap: bool,
    highlight: tuple[tuple[str, ...], str] | None = None,
) -> go.Figure:
    """A chart of the view sized for the page, cached per data version, chart, filters, date
    window, size, basemap and outlined districts: a view seen before costs no rebuilding.
    Shared: never mutate it."""
    if chart == "kyiv" and basemap:
        fig = draw_kyiv_tiles_map(_dataset, Filters(*filters), window)
    elif chart == "regions" and basemap:  # MapLibre: tiles can lie under it
        fig = draw_region_tiles_map(_dataset, Filters(*filters))
    else:  # a copy of the chart as built (cached: a view seen before costs no building)
        fig = go.Figure(_built(_dataset, version, chart, filters, window))
    if chart == "regions" and not basemap:  # SVG, fitted to the column's width
        fig = region_map_for_screen(fig)
    if chart == "kyiv" and not basemap:
        fig = kyiv_map_for_screen(fig)
        if highlight:
            highlight_districts(fig, list(highlight[0]), highlight[1])
    if fig.layout.map.zoom is not None:  # maps: the page's columns are narrower than a slide
        fig.update_layout(map={"zoom": fig.layout.map.zoom - SCREEN_ZOOM_OUT[chart]})
        if basemap:
            with_basemap(fig)
    return FrozenFigure(for_screen(fig, height=height, copy=False))  # fig is this call's own


def view_figure(
    dataset: Dataset,
    filters: Filters,
    chart: str,
    *,
    height: int = 520,
    window: Window = ALL_DATES,
    basemap: bool = False,
    highlight: tuple[tuple[str, ...], str] | None = None,
) -> go.Figure:
    """The screen version of one chart or map of the current view, at page height (cached);
    `basemap` puts online tiles under a map; `highlight` outlines districts on the Kyiv map
    (names, legend label). One layout for every width: its words wrap as HTML (show_chart)."""
    return _screen_figure(
        dataset, keyed(dataset.version), chart, astuple(filters), window, height, basemap, highlight
    )


def toolbar_config(file_name: str, height: int) -> dict[str, object]:
    """Plotly config: no logo, and a toolbar download that is a 1920x1080 PNG of the chart as
    laid out on screen (16:9 at the chart's height, scaled up), named after the chart."""
    width = round(height * 16 / 9)
    return {
        "displaylogo": False,
        "topojsonURL": OFFLINE_TOPOJSON_URL,  # a geo subplot (the regions slide) fetches nothing
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_name,
            "width": width,
            "height": height,
            "scale": 1920 / width,
        },
    }


def chart_view(fig: go.Figure, name: str, height: int) -> dict[str, Any]:
    """What the element draws of one screen figure (ui/charts.view_figure, or another page's):
    the figure as JSON text (parsed by the browser when drawn), its title and source line as
    HTML around it (escaped; ids named by `name`), its name, description and marks, and the
    toolbar's config (the PNG under `name`)."""
    head, foot = screen_caption_html(fig, name)
    text = describe_chart(fig)
    config = toolbar_config(name, int(fig.layout.height or height))
    # the slide PNG is a button under the chart; plotly.js 4's "Share chart..." would upload
    # the chart (its quotes included) to Plotly Cloud: never offered
    config["modeBarButtonsToRemove"] = ["toImage", "sendChartToCloud"]
    config["showSendToCloud"] = False
    return {
        "figure": pio.to_json(fig, validate=False),
        "head": head,
        "foot": foot,
        "title": text.title,
        "description": text.description,
        "marks": [[m.series, m.label, m.ref] for m in text.marks],
        "config": config,
    }


def show_chart(
    fig: go.Figure,
    key: str,
    *,
    file_name: str | None = None,
    slide: Callable[[str], bytes] | None = None,
    side: DeltaGenerator | None = None,
) -> None:
    """Render a figure made by for_screen: its title and subtitle above it and its source line
    under it as HTML, wrapping by the column's width; a click on a mark selects its evidence.
    Under it (or in `side`, a column beside it), its files: the slide pictures (PNG 1920x1080
    and SVG, drawn on click by `slide`, the Briefing ZIP's own for a chart of the brief) and its
    marks as CSV; then its text alternative, tied to the chart as its accessible description."""
    stem = file_name or key
    config = toolbar_config(stem, int(fig.layout.height or HEIGHT))
    if slide is not None:  # the camera would save the screen layout, not the slide
        config["modeBarButtonsToRemove"] = ["toImage"]
    head, foot = screen_caption_html(fig, key)
    st.html(head)
    st.plotly_chart(
        fig,
        theme=None,  # our own light theme, so the screen matches the export
        key=key,
        on_select=lambda: selection_from_event(key),
        selection_mode="points",
        width="stretch",
        config=config,
    )
    if foot:
        st.html(foot)
    with side if side is not None else nullcontext():
        chart_files(fig, key, stem, slide)
        show_alternative(fig, key)
        show_share(fig, key)


def chart_files(fig: go.Figure, key: str, stem: str, slide: Callable[[str], bytes] | None) -> None:
    """The chart's downloads in a row: slide PNG and SVG (when it has a slide), data as CSV
    (ui/downloads.file_buttons: a fragment of its own)."""
    file_buttons(key, stem, slide, partial(chart_csv, fig))


def show_alternative(fig: go.Figure, key: str) -> None:
    """The chart's text alternative under it, named as the chart's description (a script ties
    the chart to it), and in an expander its marks as a table and as a list the keyboard can
    open evidence from (a mouse click on a mark does the same)."""
    text = describe_chart(fig)
    st.html(
        f"<p id='{DESCRIPTION}{key}' style='{DESCRIPTION_STYLE}'>"
        f"{html.escape(text.description)}</p>"
    )
    st.html(name_chart_script(key, text.title), unsafe_allow_javascript=True)
    if not text.marks:
        return
    # Not lazy: a lazy expander reruns the page when opened, and keyboard focus is lost.
    with st.expander(_("Chart as a table · open a mark's evidence by keyboard")):
        # The list first: one Tab from the expander reaches it, before the table's toolbar.
        labels = {m.ref: _option(m) for m in text.marks if m.ref}
        st.selectbox(
            _("Open the evidence of"),
            list(labels),
            index=None,
            format_func=lambda ref: labels[ref],
            placeholder=_("Choose a mark (type to search)"),
            key=f"{key}_keyboard",
            filter_mode="contains",  # "World Bank" finds its claim; fuzzy ranks long labels out
            on_change=_select_from_list,
            args=(f"{key}_keyboard",),
        )
        # A plain HTML table, one element: read by screen readers as a table, and light to
        # redraw (a data grid is a canvas; `st.table` styles every cell, about 9 ms a redraw).
        # Source words are data: escaped.
        st.html(marks_table_html(text.marks))


DESCRIPTION = "chart-description-"  # + the chart's key: the id of its text alternative
# A caption's look (smaller, grey), darker than Streamlit's caption grey: 7:1 on white.
DESCRIPTION_STYLE = "font-size:0.875rem;color:#555867;margin:0"
# The chart, once plotly has drawn it (and again whenever it redraws its toolbar), is named by
# its title and described by its text alternative; the toolbar's buttons, shown only on mouse
# hover, leave the tab order (its functions are under the chart as buttons, or by mouse).
NAME_CHART = """<script>
(() => {
  const key = %(key)s, title = %(title)s, described = %(described)s;
  const apply = () => {
    const plot = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
    if (!plot) return false;
    // a figure, not an img: an img's children must not be focusable (axe nested-interactive),
    // and the toolbar's buttons stay reachable by mouse
    plot.setAttribute('role', 'figure');
    plot.setAttribute('aria-label', title);
    if (document.getElementById(described)) plot.setAttribute('aria-describedby', described);
    // the drawing's own text (ticks, labels run together) is not read out: the name is
    plot.querySelectorAll('svg.main-svg').forEach((g) => g.setAttribute('aria-hidden', 'true'));
    plot.querySelectorAll('.modebar a, .modebar button, .modebar [tabindex]').forEach(
      (b) => b.setAttribute('tabindex', '-1'));
    return true;
  };
  const watch = () => {
    const box = document.querySelector('.st-key-' + key);
    if (!box) return false;
    const seen = window.__chartNames = window.__chartNames || {};
    if (seen[key] && seen[key].box === box) { apply(); return true; }
    if (seen[key]) seen[key].observer.disconnect();
    const observer = new MutationObserver(() => { observer.disconnect(); apply();
      observer.observe(box, {childList: true, subtree: true}); });
    seen[key] = {box, observer};
    apply();
    observer.observe(box, {childList: true, subtree: true});
    return true;
  };
  let tries = 0;
  const start = () => { if (!watch() && tries++ < 100) setTimeout(start, 100); };
  start();
})();
</script>"""


def name_chart_script(key: str, title: str) -> str:
    """The script naming the chart keyed `key` by `title` and describing it by its text
    alternative (values written as JSON strings, so no source word can end the script)."""
    values = {"key": key, "title": title, "described": f"{DESCRIPTION}{key}"}
    return NAME_CHART % {k: json.dumps(v).replace("<", "\\u003c") for k, v in values.items()}


def marks_table_html(marks: Sequence[Mark]) -> str:
    """The chart's marks as an HTML table (series, mark), every cell escaped."""
    rows = "".join(
        f"<tr><td>{html.escape(m.series)}</td><td>{html.escape(m.label)}</td></tr>" for m in marks
    )
    series, mark = html.escape(_("series")), html.escape(_("mark"))
    return (
        f"<style>{_TABLE_CSS}</style><table class='chart-marks'>"
        f"<thead><tr><th scope='col'>{series}</th><th scope='col'>{mark}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


_TABLE_CSS = (
    ".chart-marks{border-collapse:collapse;width:100%;font-size:0.875rem}"
    ".chart-marks th,.chart-marks td{text-align:left;vertical-align:top;padding:0.25rem 0.5rem;"
    "border-bottom:1px solid rgba(49,51,63,0.2)}"
    ".chart-marks th{font-weight:600}"
)


def _option(mark: Mark) -> str:
    """The mark as a list entry (plain text: options are not Markdown), who said it included."""
    said = (
        mark.label
        if not mark.series or mark.series in mark.label
        else f"{mark.series}: {mark.label}"
    )
    return textwrap.shorten(said, 160, placeholder=" …")


def _select_from_list(state_key: str) -> None:
    select(st.session_state.get(state_key))
