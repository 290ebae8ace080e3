"""A chart planned for export, and the chart with its images: what the briefing, its deck and
its words (narration) share, so none of them imports another to know what a chart is."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.visuals.charts import HEIGHT, WIDTH, Caption

IMAGE_SIZE = (1920, 1080)  # 16:9, crisp at slide size
IMAGE_SCALE = IMAGE_SIZE[0] / WIDTH  # the 1600x900 design, drawn at 1920x1080 pixels


@dataclass(frozen=True)
class ChartPlan:
    """A chart of the view before rendering: its figure, caption, and the evidence it shows.
    Figures and tables stay out of its repr (as images out of RenderedChart's): plotly
    pretty-prints a whole figure, the maps' geometry in 2 s, and asyncio.run in the main thread
    reprs its coroutine's result as it returns (restoring SIGINT, a partial holding the task)."""

    key: str
    caption: Caption
    figure: go.Figure = field(repr=False)
    claims: pd.DataFrame = field(repr=False)
    # the reference figures drawn beside the claims; the attacks on Kyiv drawn (empty if none)
    facts: pd.DataFrame = field(repr=False)
    attacks: pd.DataFrame = field(repr=False)
    empty: str | None  # why the sources give this chart nothing to draw, or None

    @property
    def title(self) -> str:
        """The chart's title."""
        return self.caption.title


@dataclass(frozen=True)
class RenderedChart:
    """A planned chart with its two images."""

    plan: ChartPlan
    png: bytes = field(repr=False)
    svg: bytes = field(repr=False)

    @property
    def key(self) -> str:
        """The chart's key (cost, assessments, ...)."""
        return self.plan.key

    @property
    def title(self) -> str:
        """The chart's title."""
        return self.plan.title

    @cached_property
    def slide_picture(self) -> bytes:
        """The PNG cut for its slide (deck_picture), made once."""
        return deck_picture(self)


UNDER_AXIS = 58  # design pixels from the plot's bottom edge to the source line (charts.finish)


def deck_picture(chart: RenderedChart) -> bytes:
    """The chart's PNG without its title band and source line: the slide shows both as text."""
    from PIL import Image  # loads when a slide picture is cut, not with the briefing

    margin = chart.plan.figure.layout.margin
    top = round((margin.t or 0) * IMAGE_SCALE)
    bottom = round((HEIGHT - (margin.b or 0) + UNDER_AXIS) * IMAGE_SCALE)
    with Image.open(io.BytesIO(chart.png)) as image:
        out = io.BytesIO()
        image.crop((0, top, image.width, min(bottom, image.height))).save(out, "PNG")
    return out.getvalue()
