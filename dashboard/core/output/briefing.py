"""Briefing exports: chart images (PNG, SVG), a PowerPoint deck, a ZIP, and citations.

Images are rendered server-side by kaleido, which drives the machine's Chromium (it finds
Debian's /usr/bin/chromium by itself; set BROWSER_PATH to point it at another browser). One
browser serves every image of a request, with two tabs drawing at once: starting Chromium is
most of the cost of an image, so a whole briefing costs little more than one picture. What
Python does meanwhile overlaps it: `brief` plans the charts while Chromium starts, and each
chart's slide picture is cut in a thread while the next images draw.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.output import exports, offline_browser
from dashboard.core.output.claimreview import claimreview_bytes
from dashboard.core.output.filenames import file_stem
from dashboard.core.output.narration import citations_markdown, escape_markdown_file
from dashboard.core.output.plans import IMAGE_SCALE, ChartPlan, RenderedChart
from dashboard.core.visuals.charts import HEIGHT, WIDTH
from dashboard.core.visuals.kyiv_charts import kyiv_map_for_slide
from dashboard.core.visuals.maps import OFFLINE_TOPOJSON_URL
from dashboard.core.visuals.views import (
    ALL_DATES,
    CHARTS,
    Window,
    caption_for,
    empty_reason,
    place_labels,
)

RENDER_TABS = 2  # one browser, two pages drawing at once: the machine's two cores
# A picture job of the server draws in one page: two pages take both cores (a tab each, each
# loading plotly.js first), the people's reruns' share too (bench/storm.py, docs/performance.md)
SERVER_TABS = 1
RENDER_TIMEOUT = 90  # seconds for any one image before kaleido gives up


def launch_kaleido(tabs: int = RENDER_TABS) -> kaleido.Kaleido:
    """The one place a browser for images is started: every option it runs with is here.
    Offline: no MathJax (kaleido would load it from a CDN; the charts use none) and no Chromium
    background services (see core/offline_browser.py)."""
    renderer = kaleido.Kaleido(n=tabs, timeout=RENDER_TIMEOUT, **offline_browser.kaleido_options())
    return offline_browser.track_page(renderer)  # its page folder, removed if the server stops


def _opts(fmt: str) -> dict[str, object]:
    # laid out at the 16:9 design size and scaled up, so the type keeps its proportions
    return {"format": fmt, "width": WIDTH, "height": HEIGHT, "scale": IMAGE_SCALE}


Done = Callable[[str, bytes, bytes], None]  # called with a key and its PNG and SVG


def _heaviest_first(figures: dict[str, go.Figure]) -> list[tuple[str, str]]:
    """(key, format) jobs, the figures with the most to draw first (each map's geometry is over
    twenty times a chart's JSON): a long job started last would leave the other tab idle."""
    size = {k: len(f.to_json()) for k, f in figures.items()}
    return [(k, fmt) for k in sorted(figures, key=lambda k: -size[k]) for fmt in ("png", "svg")]


async def _render_in(
    browser: kaleido.Kaleido, figures: dict[str, go.Figure], on_done: Done | None
) -> dict[str, tuple[bytes, bytes]]:
    images: dict[tuple[str, str], bytes] = {}

    async def one(key: str, fmt: str) -> None:
        # PNG and SVG are separate jobs, so both tabs can share the slowest figure;
        # topojson: the regions slide's geo subplot asks for a world map, answered offline
        fig, opts, topojson = figures[key], _opts(fmt), OFFLINE_TOPOJSON_URL
        images[key, fmt] = bytes(await browser.calc_fig(fig, opts, topojson=topojson))  # type: ignore[arg-type]
        other = (key, "svg" if fmt == "png" else "png")
        if on_done is not None and other in images:  # in a thread: the tabs go on drawing
            await asyncio.to_thread(on_done, key, images[key, "png"], images[key, "svg"])

    await asyncio.gather(*(one(k, fmt) for k, fmt in _heaviest_first(figures)))
    return {k: (images[k, "png"], images[k, "svg"]) for k in figures}


async def _render_all(
    figures: dict[str, go.Figure], on_done: Done | None, tabs: int = RENDER_TABS
) -> dict[str, tuple[bytes, bytes]]:
    async with launch_kaleido(tabs) as browser:
        return await _render_in(browser, figures, on_done)


def render_images(
    figures: dict[str, go.Figure], on_done: Done | None = None
) -> dict[str, tuple[bytes, bytes]]:
    """PNG (1920x1080) and SVG of every figure, by key, all drawn by one browser; `on_done`
    is called (in a worker thread) as each figure's two images are ready."""
    if not figures:
        return {}
    return asyncio.run(_render_all(figures, on_done))


def render_image(fig: go.Figure, fmt: str) -> bytes:
    """One image of one figure (PNG 1920x1080 or SVG), in a browser of its own (the command
    line and tests; the app draws through core/output/rendering.py's queue)."""
    return render_images({"one": fig})["one"][0 if fmt == "png" else 1]


async def figure_images(fig: go.Figure) -> tuple[bytes, bytes]:
    """PNG and SVG of one figure, in a browser of its own: a job for the render service."""
    return (await _render_all({"one": fig}, None, SERVER_TABS))["one"]


def plan_charts(
    dataset: Dataset,
    filters: Filters,
    keys: Iterable[str] | None = None,
    window: Window = ALL_DATES,
) -> list[ChartPlan]:
    """Every requested chart of the view (all by default), drawn but not rendered, with the
    claims, reference facts and attacks it shows, in declared order; `window` narrows the
    attacks on the Kyiv map (its subtitle states the dates either way)."""
    figures = apply_filters(dataset.figures, filters)
    wanted = set(keys or CHARTS)
    places = place_labels(dataset)
    plans = []
    for key, spec in CHARTS.items():
        if key not in wanted:
            continue
        caption = caption_for(spec, dataset, figures, filters, window)
        drawn = spec.drawn(dataset, figures, filters, window)  # what the source line credits
        inputs = {"claims": drawn.claims, "facts": drawn.facts, "attacks": drawn.attacks}
        fig = spec.draw(dataset, figures, caption, filters, window)
        if key == "assessments":  # publication years: one tick a year, never "2023 2023"
            fig.update_xaxes(dtick="M12")
        if key == "kyiv":
            fig = kyiv_map_for_slide(fig)
        plans.append(
            ChartPlan(key, caption, fig, **inputs, empty=empty_reason(key, drawn, filters, places))
        )
    return plans


def _collect(
    plans: list[ChartPlan], on_done: Callable[[RenderedChart], None] | None
) -> tuple[dict[str, RenderedChart], Done]:
    """Where rendered charts go, and the callback that puts them there: each chart's slide
    picture is cut as soon as its PNG is ready, then `on_done` gets the chart."""
    by_key = {p.key: p for p in plans}
    rendered: dict[str, RenderedChart] = {}

    def done(key: str, png: bytes, svg: bytes) -> None:
        chart = rendered[key] = RenderedChart(by_key[key], png, svg)
        _ = chart.slide_picture  # cut now, in the worker thread, while the tabs draw on
        if on_done is not None:
            on_done(chart)

    return rendered, done


def render_plans(
    plans: list[ChartPlan], on_done: Callable[[RenderedChart], None] | None = None
) -> list[RenderedChart]:
    """The planned charts with something to draw, rendered by one browser, in plan order;
    `on_done` gets each chart as soon as its images are ready."""
    return asyncio.run(render_plans_async(plans, on_done))


async def render_plans_async(
    plans: list[ChartPlan], on_done: Callable[[RenderedChart], None] | None = None
) -> list[RenderedChart]:
    """render_plans as a coroutine: a job for the render service (core/output/rendering.py)."""
    drawn = [p for p in plans if p.empty is None]
    if not drawn:
        return []
    rendered, done = _collect(drawn, on_done)
    await _render_all({p.key: p.figure for p in drawn}, done, SERVER_TABS)
    return [rendered[p.key] for p in drawn]


async def plan_and_render_async(
    plan: Callable[[], ChartPlan], on_done: Callable[[RenderedChart], None] | None = None
) -> RenderedChart:
    """One chart planned when its job runs (its figure built once, in the render service's
    thread, however often it was asked for), then drawn, with nothing to draw included: that
    slide says what the sources do not state."""
    planned = plan()
    rendered, done = _collect([planned], on_done)
    await _render_all({planned.key: planned.figure}, done, SERVER_TABS)
    return rendered[planned.key]


async def _plan_and_render(
    dataset: Dataset, filters: Filters, keys: Iterable[str] | None
) -> tuple[list[ChartPlan], list[RenderedChart]]:
    """Plan the charts in a thread while Chromium starts (the two overlap on two cores), then
    render those with something to draw."""
    planning = asyncio.create_task(asyncio.to_thread(plan_charts, dataset, filters, keys))
    async with launch_kaleido() as browser:
        plans = await planning
        drawn = [p for p in plans if p.empty is None]
        rendered, done = _collect(drawn, None)
        await _render_in(browser, {p.key: p.figure for p in drawn}, done)
    return plans, [rendered[p.key] for p in drawn]


def build_files(
    dataset: Dataset,
    filters: Filters,
    charts_: list[RenderedChart],
    left_out: list[ChartPlan],
    day: date,
) -> dict[str, bytes]:
    """Every file of a briefing, by name: deck, images, claims CSV, citations."""
    from dashboard.core.output.deck import build_deck  # python-pptx loads when a deck is asked for

    claims = exports.with_citations(
        apply_filters(dataset.figures, filters), dataset.frames["sources"]
    )
    files = {
        f"{file_stem('briefing', filters, day)}.pptx": build_deck(
            charts_, left_out, dataset, filters, day
        ),
        f"{file_stem('claims', filters, day)}.csv": exports.to_csv_bytes(claims),
        "citations.md": citations_markdown(charts_, dataset, filters, left_out).encode("utf-8"),
        "claimreview.json": claimreview_bytes(dataset),  # the claim checks, JSON-LD
    }
    for chart in charts_:
        stem = file_stem(chart.key, filters, day)
        files[f"{stem}.png"], files[f"{stem}.svg"] = chart.png, chart.svg
    return files


def brief(
    dataset: Dataset,
    filters: Filters,
    keys: Iterable[str] | None = None,
    day: date | None = None,
) -> dict[str, bytes]:
    """Plan, render and package a briefing of the view (what `python -m dashboard brief` writes)."""
    plans, drawn = asyncio.run(_plan_and_render(dataset, filters, keys))
    left_out = [p for p in plans if p.empty is not None]
    return build_files(dataset, filters, drawn, left_out, day or date.today())


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The briefing as one ZIP (the deck is left out: it has its own download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            if not name.endswith(".pptx"):
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


__all__ = ["citations_markdown", "escape_markdown_file"]  # citations live in narration.py
