"""A chart planned for export, and the chart with its images: what the briefing, its deck and
its words (narration) share, so none of them imports another to know what a chart is."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.visuals.charts import HEIGHT, WIDTH, Caption, screen_caption

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
LINE = 1.3  # an annotation line's height, in font sizes
GAP = 4  # design pixels kept above the highest panel title


def _plot_box(figure: go.Figure) -> tuple[float, float]:
    """Top and bottom of the plot area, in design pixels from the figure's top."""
    margin = figure.layout.margin
    return margin.t or 0, (figure.layout.height or HEIGHT) - (margin.b or 0)


def panel_titles(plan: ChartPlan) -> dict[str, tuple[float, float]]:
    """The words the picture holds in annotations placed on the page (panel titles such as
    Needs, Damage, Losses; notes), by text: their top and bottom in design pixels. The source
    line is left out: the slide carries it as text."""
    top, bottom = _plot_box(plan.figure)
    size = plan.figure.layout.font.size or 16
    out = {}
    for note in plan.figure.layout.annotations:
        if note.name == "footer" or note.yref != "paper" or note.y is None:
            continue
        y = top + (1 - note.y) * (bottom - top) - (note.yshift or 0)
        height = (note.font.size or size) * LINE * (str(note.text).count("<br>") + 1)
        shift = {"bottom": height, "top": 0}.get(note.yanchor, height / 2)
        out[str(note.text)] = (y - shift, y - shift + height)
    return out


def crop_band(plan: ChartPlan) -> tuple[float, float]:
    """The band of the chart a slide shows, in design pixels: from under the title and subtitle
    (the slide's text) or above the highest panel title, down to just above the source line."""
    top, bottom = _plot_box(plan.figure)
    above = [y0 - GAP for y0, _ in panel_titles(plan).values() if y0 < top]
    return min([top, *above]), bottom + UNDER_AXIS


def deck_picture(chart: RenderedChart) -> bytes:
    """The chart's PNG without its title band and source line: the slide shows both as text."""
    from PIL import Image  # loads when a slide picture is cut, not with the briefing

    top, bottom = (round(v * IMAGE_SCALE) for v in crop_band(chart.plan))
    with Image.open(io.BytesIO(chart.png)) as image:
        out = io.BytesIO()
        image.crop((0, max(top, 0), image.width, min(bottom, image.height))).save(out, "PNG")
    return out.getvalue()


def figure_plan(key: str, figure: go.Figure) -> ChartPlan:
    """A chart outside the brief (the timeline in a window, a check, the bill) planned for
    rendering only: its words from the figure itself, no evidence tables (no deck holds it)."""
    words = screen_caption(figure)
    none = pd.DataFrame()
    caption = Caption(words.title, words.subtitle, words.source, "")
    return ChartPlan(key, caption, figure, none, none, none, empty=None)
