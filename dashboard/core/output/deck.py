"""The briefing deck: a title slide, then one slide per chart with something to draw.

Each slide has one title (the picture is cropped below the chart's own title band, keeping the
panel titles above the plot, and above its source line, which the slide carries as text), the
picture's sources in its footer, sized to show whole, the chart's text alternative as the
picture's alt text, and notes a presenter can read aloud.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.core.base.i18n import _, current_language, format_date
from dashboard.core.base.palette import NEUTRAL
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import provenance
from dashboard.core.output import narration
from dashboard.core.output.plans import ChartPlan, RenderedChart
from dashboard.core.output.storydeck import add_story_slides
from dashboard.core.visuals.views import place_labels

SLIDE_HEIGHT = 7.5  # inches
SLIDE = (Inches(13.333), Inches(SLIDE_HEIGHT))
TITLE_TOP, TITLE_SIZE, SUBTITLE_SIZE = 0.25, 28, 14  # inches, points, points
GAP = 0.05  # inches between the subtitle's box and the picture
PICTURE_WIDTH = 12.53
FOOTER = (0.5, 12.3)  # the source line's left edge and width, in inches
BOTTOM = 0.15  # inches kept clear under the source line
# The source line must show whole: it credits every source the chart draws, so it is sized to
# its length rather than cut. A character averages about half a point size in the deck's sans
# fonts (Calibri, Carlito, DejaVu Sans); 0.6 leaves room for a wider fallback font.
CHAR_WIDTH = 0.6
FOOTER_SIZES = (10, 9)  # points: the largest at which the line takes at most MAX_LINES lines
MAX_LINES = 6  # past it, at 9 points, the box grows and the picture gives way
INSET = 0.1  # inches: a text box's top and bottom insets together (python-pptx's default)


def _lines(text: str, size: int) -> int:
    """Lines `text` takes at `size` points in a box FOOTER[1] inches wide (as LibreOffice and
    PowerPoint wrap it, with CHAR_WIDTH's room for a wider font)."""
    width = FOOTER[1] * 72 - 14  # points, less the box's side insets
    return sum(max(1, math.ceil(len(p) * size * CHAR_WIDTH / width)) for p in text.splitlines())


def _height(text: str, size: int) -> float:
    """The height in inches of a box holding `text` at `size` points."""
    return _lines(text, size) * size * 1.2 / 72 + INSET


def footer_layout(text: str) -> tuple[int, float]:
    """The source line's point size and the height of its box, in inches."""
    for size in FOOTER_SIZES:
        if _lines(text, size) <= MAX_LINES:
            break
    return size, _height(text, size)


def heading_layout(title: str, subtitle: str) -> tuple[float, float, float]:
    """The subtitle's top and height and the picture's top, in inches: each under the one
    before, however many lines the title and subtitle take (a two-line subtitle ran into the
    Kyiv map's picture when all three had fixed places)."""
    subtitle_top = TITLE_TOP + _height(title, TITLE_SIZE)
    subtitle_height = _height(subtitle, SUBTITLE_SIZE)
    return subtitle_top, subtitle_height, subtitle_top + subtitle_height + GAP


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
    heading = _("Strikes on Ukraine's infrastructure: what the sources say")
    _text(slide, (0.5, 1.8, 12.3, 1.2), heading, 36, bold=True)  # left edge as the chart slides
    lines = [
        _("Filters: {filters}").format(filters=filters.describe(places=place_labels(dataset))),
        _("Data as of {date}").format(date=as_of),
        _("Prepared {date}. Every figure is quoted from its source; see the speaker notes.").format(
            date=f"{day:%Y-%m-%d}" if current_language() == "en" else format_date(day)
        ),
    ]
    if current_language() != "en":
        lines.append(
            _("Quotes, organisation names and source titles are given in the original English.")
        )
    lines += [
        _("Not in this deck: {chart}: {why}.").format(chart=p.title, why=p.empty) for p in left_out
    ]
    _text(slide, (0.5, 3.2, 12.3, 3.6), "\n".join(lines), 18)


def _chart_slide(deck, chart: RenderedChart, dataset: Dataset) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    caption = chart.plan.caption
    subtitle_top, subtitle_height, picture_top = heading_layout(chart.title, caption.subtitle)
    title_height = subtitle_top - TITLE_TOP
    _text(slide, (0.5, TITLE_TOP, 12.3, title_height), chart.title, TITLE_SIZE, bold=True)
    _text(
        slide,
        (0.5, subtitle_top, 12.3, subtitle_height),
        caption.subtitle,
        SUBTITLE_SIZE,
        grey=True,
    )
    # the date on a line of its own: never broken at a hyphen
    footer = _("Source: {source}").format(source=caption.source) + "\n"
    footer += _("Data as of {date}").format(date=caption.as_of)
    size, height = footer_layout(footer)
    footer_top = SLIDE_HEIGHT - BOTTOM - height
    box = (Inches(PICTURE_WIDTH), Inches(footer_top - GAP - picture_top))
    picture = slide.shapes.add_picture(io.BytesIO(chart.slide_picture), 0, Inches(picture_top))
    scale = min(box[0] / picture.width, box[1] / picture.height)
    picture.width, picture.height = (
        Emu(int(picture.width * scale)),
        Emu(int(picture.height * scale)),
    )
    picture.left = int((SLIDE[0] - picture.width) / 2)
    picture.name = chart.title
    picture._element.nvPicPr.cNvPr.set("descr", narration.alt_text(chart.plan, dataset))
    _text(slide, (FOOTER[0], footer_top, FOOTER[1], height), footer, size, grey=True)
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
