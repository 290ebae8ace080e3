"""Briefing exports: chart images (PNG, SVG), a PowerPoint deck, a ZIP, and citations.

Images are rendered server-side by kaleido, which drives the machine's Chromium (it finds
Debian's /usr/bin/chromium by itself; set BROWSER_PATH to point it at another browser). One
browser is kept warm for a whole batch: the first image costs ~2 s, the next ~0.2 s.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import kaleido
import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Inches, Pt

from dashboard.core import exports, provenance
from dashboard.core.charts import HEIGHT, WIDTH
from dashboard.core.dataset import Dataset
from dashboard.core.filters import Filters, apply_filters
from dashboard.core.kyiv import format_count
from dashboard.core.views import CHARTS, build_view, credit_for

IMAGE_SIZE = (1920, 1080)  # 16:9, crisp at slide size
IMAGE_SCALE = IMAGE_SIZE[0] / WIDTH  # the 1600x900 design, drawn at 1920x1080 pixels
SLIDE = (Inches(13.333), Inches(7.5))


@dataclass(frozen=True)
class RenderedChart:
    """A chart of the view with its images and the evidence behind it."""

    key: str
    title: str
    figure: go.Figure
    png: bytes
    svg: bytes
    claims: pd.DataFrame
    facts: pd.DataFrame  # the reference figures drawn beside the claims (empty if none)
    attacks: pd.DataFrame  # the attacks on Kyiv drawn (empty if none)
    source: str  # the chart's source line, credited from the rows above


@contextmanager
def warm_browser() -> Iterator[None]:
    """Keep one kaleido browser running for a batch of images."""
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def render_image(fig: go.Figure, fmt: str) -> bytes:
    """PNG (1920x1080 pixels) or SVG of a figure, laid out at its 16:9 design size and scaled
    up, so the type keeps the proportions it was designed with."""
    return bytes(
        kaleido.calc_fig_sync(
            fig, opts={"format": fmt, "width": WIDTH, "height": HEIGHT, "scale": IMAGE_SCALE}
        )
    )


def render_charts(
    dataset: Dataset, filters: Filters, keys: list[str] | None = None
) -> list[RenderedChart]:
    """Every requested chart of the view, drawn and rendered, with the claims it shows."""
    figures = apply_filters(dataset.figures, filters)
    view = build_view(dataset, filters, keys)
    out = []
    with warm_browser():
        for key, fig in view.items():
            spec = CHARTS[key]
            drawn = spec.drawn(dataset, figures, filters, (None, None))
            out.append(
                RenderedChart(
                    key,
                    spec.title,
                    fig,
                    render_image(fig, "png"),
                    render_image(fig, "svg"),
                    drawn.claims,
                    drawn.facts,
                    drawn.attacks,
                    credit_for(spec, dataset, figures, filters).line(),
                )
            )
    return out


def _claim_note(row: pd.Series, source: dict[str, object] | None) -> str:
    url = f" <{row['attributed_url']}>" if row["attributed_url"] else ""
    cite = provenance.citation_text(source) if source else row["source_id"]
    return f"• \u201c{row['quote']}\u201d ({provenance.amount_text(row.to_dict())}; attributed to {row['attributed_to']}{url}; characters {row['start']}–{row['end']}). Source: {cite}"


def speaker_notes(chart: RenderedChart, dataset: Dataset) -> str:
    """The quotes behind a chart with their citations and URLs, for the presenter."""
    sources = dataset.frames["sources"].set_index("source_id")
    lines = [f"{chart.title}: what it draws, quoted verbatim. Source: {chart.source}."]
    for _, row in chart.claims.iterrows():
        source = (
            sources.loc[row["source_id"]].to_dict() | {"source_id": row["source_id"]}
            if row["source_id"] in sources.index
            else None
        )
        lines.append(_claim_note(row, source))
    if not chart.facts.empty:
        lines.append(
            "Reference figures: " + "; ".join(_fact_line(f) for f in chart.facts.to_dict("records"))
        )
    lines += [_attack_note(a) for a in chart.attacks.to_dict("records")]
    return "\n".join(lines)


def _attack_note(attack: dict[str, object]) -> str:
    """One attack drawn, its counts with their hedges ('nearly 500'), never a bare number."""

    def count(name: str) -> str:
        return format_count(attack[name], attack.get(f"{name}_qualifier"))

    return (
        f"• Attack of {attack['date']:%Y-%m-%d}: {count('drones')} drones, {count('missiles')} missiles; "
        f"killed {count('killed')}, injured {count('injured')} ({attack['casualty_scope'] or 'scope not stated'}); "
        f"hit: {attack['what_was_hit']}. Read in {attack['read_in']} {attack['url'] or '(address not kept)'}"
    )


def _fact_line(fact: dict[str, object]) -> str:
    qualifier = f"{fact['qualifier']} " if fact["qualifier"] else ""
    return f"{fact['assessment']} {fact['sector']} {fact['measure']} {qualifier}${float(fact['value']) / 1e9:,.4g} bn (published {fact['published']}, read in {fact['read_in']}, {fact['verification']}) {fact['url'] or 'address not kept'}"


def _text(
    slide, box: tuple[float, float, float, float], text: str, size: int, bold: bool = False
) -> None:
    frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold


def build_deck(charts: list[RenderedChart], dataset: Dataset, filters: Filters) -> bytes:
    """A 16:9 deck: a title slide with filters and date, then one slide per chart with notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE
    blank = deck.slide_layouts[6]
    as_of = provenance.as_of(dataset.frames["sources"], dataset.version)
    title = deck.slides.add_slide(blank)
    _text(
        title,
        (0.8, 2.4, 11.7, 1.2),
        "Strikes on Ukraine's infrastructure: what the sources say",
        36,
        bold=True,
    )
    _text(
        title,
        (0.8, 3.7, 11.7, 1.6),
        f"Filters: {filters.describe()}\nData as of {as_of}\nPrepared {date.today():%Y-%m-%d}. Every figure is quoted from its source; see the speaker notes.",
        18,
    )
    for chart in charts:
        slide = deck.slides.add_slide(blank)
        _text(slide, (0.5, 0.2, 12.3, 0.6), chart.title, 26, bold=True)
        picture = slide.shapes.add_picture(
            io.BytesIO(chart.png), Inches(0.9), Inches(0.85), height=Inches(6.0)
        )
        picture.left = int((SLIDE[0] - picture.width) / 2)
        _text(slide, (0.5, 6.9, 12.3, 0.5), f"Source: {chart.source}. Data as of {as_of}.", 10)
        slide.notes_slide.notes_text_frame.text = speaker_notes(chart, dataset)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def citations_markdown(charts: list[RenderedChart], dataset: Dataset, filters: Filters) -> str:
    """citations.md: every claim shown, quoted, with its locator and source; then the reference."""
    lines = [
        "# Citations",
        "",
        f"Filters: {filters.describe()}  ",
        f"Data as of {provenance.as_of(dataset.frames['sources'], dataset.version)}",
        "",
    ]
    for chart in charts:
        lines += [
            f"## {chart.title}",
            "",
            f"Source: {chart.source}.",
            "",
            *(line.replace("•", "-", 1) for line in speaker_notes(chart, dataset).splitlines()[1:]),
            "",
        ]
    lines += ["## Sources", ""]
    lines += [
        f"- `{s['source_id']}`: {provenance.citation_text(s)}"
        for s in dataset.frames["sources"].to_dict("records")
    ]
    return "\n".join(lines) + "\n"


def build_files(
    dataset: Dataset, filters: Filters, keys: list[str] | None = None
) -> dict[str, bytes]:
    """Every file of a briefing, by name: deck, images, claims CSV, citations."""
    charts = render_charts(dataset, filters, keys)
    claims = exports.with_citations(
        apply_filters(dataset.figures, filters), dataset.frames["sources"]
    )
    files = {
        "deck.pptx": build_deck(charts, dataset, filters),
        "claims.csv": exports.to_csv_bytes(claims),
        "citations.md": citations_markdown(charts, dataset, filters).encode("utf-8"),
    }
    for chart in charts:
        files[f"{chart.key}.png"], files[f"{chart.key}.svg"] = chart.png, chart.svg
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The briefing as one ZIP (the deck is left out: it has its own download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            if name != "deck.pptx":
                archive.writestr(name, data)
    return buffer.getvalue()


def write_files(files: dict[str, bytes], out: Path) -> list[Path]:
    """Write the briefing files into `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written
