"""The briefing deck: a title slide, then one slide per chart with something to draw.

Each slide has one title (the picture is cropped below the chart's own title band and above
its source line, which the slide carries as text), the picture's sources in its footer, the
chart's text alternative as the picture's alt text, and notes a presenter can read aloud.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.core.base.palette import NEUTRAL
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import provenance
from dashboard.core.output import narration
from dashboard.core.output.plans import ChartPlan, RenderedChart
from dashboard.core.output.storydeck import add_story_slides

SLIDE = (Inches(13.333), Inches(7.5))
PICTURE_BOX = (Inches(0.4), Inches(1.25), Inches(12.53), Inches(5.35))  # left, top, width, height


def _text(slide, box: tuple[float, float, float, float], text: str, size: int, **style) -> None:
    frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), style.get("bold", False)
            if style.get("grey"):
                run.font.color.rgb = RGBColor.from_string(NEUTRAL.lstrip("#"))


def _title_slide(deck, left_out: list[ChartPlan], dataset: Dataset, filters: Filters, day) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    as_of = provenance.as_of(dataset.frames["sources"], dataset.version)
    heading = "Strikes on Ukraine's infrastructure: what the sources say"
    _text(slide, (0.8, 1.8, 11.7, 1.2), heading, 36, bold=True)
    lines = [
        f"Filters: {filters.describe()}",
        f"Data as of {as_of}",
        f"Prepared {day:%Y-%m-%d}. Every figure is quoted from its source; see the speaker notes.",
    ]
    lines += [f"Not in this deck: {p.title}: {p.empty}." for p in left_out]
    _text(slide, (0.8, 3.2, 11.7, 3.6), "\n".join(lines), 18)


def _chart_slide(deck, chart: RenderedChart, dataset: Dataset) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, (0.5, 0.25, 12.3, 0.6), chart.title, 28, bold=True)
    _text(slide, (0.5, 0.8, 12.3, 0.4), chart.plan.caption.subtitle, 14, grey=True)
    picture = slide.shapes.add_picture(io.BytesIO(chart.slide_picture), *PICTURE_BOX[:2])
    scale = min(PICTURE_BOX[2] / picture.width, PICTURE_BOX[3] / picture.height)
    picture.width, picture.height = (
        Emu(int(picture.width * scale)),
        Emu(int(picture.height * scale)),
    )
    picture.left = int((SLIDE[0] - picture.width) / 2)
    picture.name = chart.title
    picture._element.nvPicPr.cNvPr.set("descr", narration.alt_text(chart.plan, dataset))
    _text(slide, (0.5, 6.65, 12.3, 0.8), chart.plan.caption.footer(), 10, grey=True)
    slide.notes_slide.notes_text_frame.text = narration.speaker_notes(chart.plan, dataset)


def build_deck(
    charts: list[RenderedChart], left_out: list[ChartPlan], dataset: Dataset, filters: Filters, day
) -> bytes:
    """A 16:9 deck: a title slide (filters, date, charts left out and why), the chosen sectors'
    story, then the charts."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE
    _title_slide(deck, left_out, dataset, filters, day)
    add_story_slides(deck, dataset, filters)  # a chosen sector's story, as on the Overview
    for chart in charts:
        _chart_slide(deck, chart, dataset)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
