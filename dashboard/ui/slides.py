"""A chart's slide pictures (PNG 1920x1080 and SVG) on any page, drawn on click by the process's
one render service (core/output/rendering.py), through the Briefing page's store (ui/renders.py)
for a chart of the brief.

A click waits a few seconds at most: a picture not drawn by then raises RenderNotReady, whose
sentence (where the job stands in the queue) the page shows; the job goes on, so the next click
gets the picture. The chart's figure is built by the job, once: a click on a picture drawn or
being drawn only looks it up (under a storm of clicks, building the figure on every click held
Python's lock for a quarter of the time the server held it).

A picture is drawn in the language of the page that offered it: the click's request is served
outside the page's run (a download's file is built by the server when asked for), where the
session's language is not known, so each slide keeps the language it was made in.

Imported by every page that shows a chart, so the renderer (kaleido, the deck and workbook
writers) is imported only when a picture is asked for, not on a page's first run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from dashboard.core.base.i18n import current_language, use_language
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.visuals.views import ALL_DATES, Window

if TYPE_CHECKING:  # the renderer is imported when a picture is asked for
    from dashboard.core.output.plans import ChartPlan

Slide = Callable[[str], bytes]  # "png" or "svg" -> the picture's bytes


def slide_pictures(
    dataset: Dataset, filters: Filters, chart: str, window: Window = ALL_DATES
) -> Slide:
    """A chart of the brief as slide pictures, drawn when asked for: the very bytes the
    Briefing page's ZIP holds for this view (and, for the Kyiv map, this date window). A chart
    with nothing to draw is a slide too: it says what the sources do not state."""
    lang = current_language()

    def picture(fmt: str) -> bytes:
        from dashboard.core.output.briefing import plan_charts
        from dashboard.ui.renders import render_key, renders

        def plan() -> ChartPlan:  # run by the render job, once, not on every click
            return plan_charts(dataset, filters, [chart], window)[0]

        with use_language(lang):  # the key and the job (rendering.py) take it from here
            done = renders().render_now(render_key(dataset, filters, chart, window), plan)
        return done.png if fmt == "png" else done.svg

    return picture


def figure_slide(
    dataset: Dataset, filters: Filters, chart: str, draw: Callable[[], go.Figure]
) -> Slide:
    """A chart outside the brief (the Kyiv timeline in a window, a check, the bill) as slide
    pictures: its figure at the slides' design size, with title, filters and source line, drawn
    on click by the shared renderer and kept in its store under `chart` (which names what the
    figure depends on beyond the data version and the filters), like the brief's charts."""
    lang = current_language()

    def picture(fmt: str) -> bytes:
        from dashboard.core.output.plans import figure_plan
        from dashboard.ui.renders import render_key, renders

        def plan() -> ChartPlan:  # run by the render job, once, not on every click
            return figure_plan(chart, draw())

        with use_language(lang):
            done = renders().render_now(render_key(dataset, filters, chart), plan)
        return done.png if fmt == "png" else done.svg

    return picture
