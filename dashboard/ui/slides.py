"""A chart's slide picture on any page, drawn on click by the Briefing page's renderer
(ui/renders.py).

Imported by every page that shows a chart of the brief, so the renderer (kaleido, the deck and
workbook writers) is imported only when a picture is asked for, not on a page's first run."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters


def slide_png(dataset: Dataset, filters: Filters, chart: str) -> Callable[[], bytes]:
    """The chart's slide picture (1920x1080 PNG), drawn when asked for: the very bytes the
    Briefing page's ZIP holds for this view, from the same store."""

    def png() -> bytes:
        from dashboard.core.output.briefing import plan_charts, render_image
        from dashboard.ui.renders import render_key, renders

        plan = plan_charts(dataset, filters, [chart])[0]
        if plan.empty is not None:  # the slide says what the sources do not state
            return render_image(plan.figure, "png")
        return renders().render_now(render_key(dataset, filters, chart), plan).png

    return png
