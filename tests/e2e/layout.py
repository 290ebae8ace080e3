"""What a person sees of a figure: plotly.js draws it in Chromium at a given size, and the
boxes of its text, marks, plot areas and map shapes are measured there (habit 15).

One page holds plotly.js (the copy the Python package ships, nothing fetched); each figure is
drawn into it afresh and measured by one script, so a figure costs a few tens of
milliseconds. `problems` turns the boxes into the sentences a designer would write.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import plotly
import plotly.graph_objects as go
from playwright.sync_api import Browser, Page

from dashboard.core.visuals.maps import OFFLINE_TOPOJSON_URL

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
MIN_MARK = 6  # pixels: a mark thinner than this cannot be seen or tapped
MIN_TEXT = 8  # pixels: a label shorter than this cannot be read
SLOP = 1.5  # pixels of rounding allowed at every edge

MEASURE = """async ([fig, width, height, topojson, head, foot]) => {
  const gd = document.getElementById('g');
  // the page's HTML around the plot (the screen's title, subtitle and source line), at the
  // column's width: it wraps there as in the app
  document.getElementById('column').style.width = width + 'px';
  document.getElementById('head').innerHTML = head;
  document.getElementById('foot').innerHTML = foot;
  fig.layout.width = width; fig.layout.height = height;
  Plotly.purge(gd);  // a fresh plot each time: react would diff against the last figure
  await Plotly.newPlot(gd, fig.data, fig.layout, {staticPlot: true, topojsonURL: topojson});
  const box = e => { const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  const traces = [...gd.querySelectorAll('g.trace')];
  const kind = t => {
    if (t.closest('g.xtick, g.ytick')) return 'tick';
    if (t.closest('.annotation')) return 'annotation';
    if (t.closest('g.textpoint')) return 'point:' + traces.indexOf(t.closest('g.trace'));
    if (t.closest('.legend')) return 'legend';
    if (t.closest('.colorbar')) return 'colorbar';
    if (t.closest('.gtitle') || t.classList.contains('gtitle')) return 'title';
    if (t.closest('.bartext')) return 'bartext';
    return 'other';
  };
  const axis = t => { const k = t.closest('g.xtick, g.ytick');
    return k ? (k.closest('g.subplot')?.getAttribute('class') || '') + ' ' + k.getAttribute('class') : ''; };
  const texts = [...gd.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .filter(t => getComputedStyle(t).opacity !== '0' && !t.closest('.hoverlayer'))
    .map(t => ({text: t.textContent.slice(0, 70), kind: kind(t), box: box(t),
                axis: axis(t)}));
  const s = gd._fullLayout._size;
  // plotly's own offsets count from the plot's corner; the page may hold HTML above it
  const o = gd.getBoundingClientRect();
  const plots = Object.values(gd._fullLayout._plots || {}).filter(p => p.xaxis && p.yaxis)
    .filter(p => p.xaxis.visible !== false || p.yaxis.visible !== false)
    .map(p => ({id: p.id, box: [o.left + p.xaxis._offset, o.top + p.yaxis._offset,
                o.left + p.xaxis._offset + p.xaxis._length,
                o.top + p.yaxis._offset + p.yaxis._length]}));
  const geos = Object.keys(gd._fullLayout).filter(k => /^geo\\d*$/.test(k)).map(k => {
    const d = gd._fullLayout[k].domain;
    return {id: k, box: [o.left + s.l + d.x[0] * s.w, o.top + s.t + (1 - d.y[1]) * s.h,
                         o.left + s.l + d.x[1] * s.w, o.top + s.t + (1 - d.y[0]) * s.h]}; });
  const shapes = [...gd.querySelectorAll('path.choroplethlocation')].map(box);
  const marks = [...gd.querySelectorAll('.bars .point path, .scatterlayer .points path.point')]
    .filter(p => getComputedStyle(p).opacity !== '0' && p.style.opacity !== '0')
    .map(p => ({box: box(p), trace: traces.indexOf(p.closest('g.trace'))}));
  const bars = [...gd.querySelectorAll('.colorbar')].map(box);
  const legends = [...gd.querySelectorAll('g.legend')].map(box);
  // each legend entry's words and symbol: an entry's words must not run into another entry
  const entries = [...gd.querySelectorAll('g.legend g.traces')].map(g => {
    const t = g.querySelector('text.legendtext'), s = g.querySelector('.legendsymbols');
    return {text: t ? t.textContent.slice(0, 70) : '', words: t ? box(t) : null,
            symbol: s ? box(s) : null}; });
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const captions = [...document.querySelectorAll('#head p, #foot p')].map(p => ({
    text: p.textContent.slice(0, 70), box: box(p), overflows: p.scrollWidth > p.clientWidth}));
  const col = document.getElementById('column').getBoundingClientRect();
  return {figure: [svg.left, svg.top, svg.right, svg.bottom], texts, plots, geos, shapes,
          marks, colorbars: bars, legends, entries, captions, column: [col.left, col.top, col.right, col.bottom]};
}"""


@dataclass
class Drawn:
    """The boxes of one figure as Chromium drew it: [left, top, right, bottom] in pixels."""

    figure: list[float]
    texts: list[dict]  # type: ignore[type-arg]
    plots: list[dict]  # type: ignore[type-arg]
    geos: list[dict]  # type: ignore[type-arg]
    shapes: list[list[float]]
    marks: list[dict]  # type: ignore[type-arg]
    colorbars: list[list[float]]
    legends: list[list[float]]
    entries: list[dict]  # type: ignore[type-arg]  # legend entries: their words and symbol
    captions: list[dict]  # type: ignore[type-arg]  # the HTML title, subtitle, source line
    column: list[float]  # the column holding the captions and the plot


def open_plot_page(browser: Browser) -> Page:
    """A blank page with plotly.js loaded from the Python package."""
    page = browser.new_page(viewport={"width": 1600, "height": 1200})
    page.set_content(
        "<html><body style='margin:0;font-family:sans-serif'><div id='column'>"
        "<div id='head'></div><div id='g'></div><div id='foot'></div></div></body></html>"
    )
    page.add_script_tag(path=str(PLOTLY_JS))
    return page


def draw(
    page: Page,
    fig: go.Figure,
    width: int,
    height: int | None = None,
    around: tuple[str, str] = ("", ""),
) -> Drawn:
    """Draw `fig` at `width` x `height` (its own height by default) in a column that width,
    with `around` (the HTML above and under it, as the page writes it), and measure it."""
    spec = json.loads(fig.to_json())
    h = height or fig.layout.height or 900
    args = [spec, width, h, OFFLINE_TOPOJSON_URL, *around]
    return Drawn(**page.evaluate(MEASURE, args))


def save_png(page: Page, path: Path) -> None:
    """The drawn figure as a picture, to look at."""
    page.locator("#g").screenshot(path=str(path))


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] >= outer[0] - SLOP
        and inner[1] >= outer[1] - SLOP
        and inner[2] <= outer[2] + SLOP
        and inner[3] <= outer[3] + SLOP
    )


def _overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > SLOP and min(a[3], b[3]) - max(a[1], b[1]) > SLOP


def _labels_apart(texts: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """Annotations, point labels and legend entries must not overlap one another; a tick label must not
    overlap another tick label of its axis."""
    out = []
    free = [
        t for t in texts if t["kind"] in ("annotation", "legend") or t["kind"].startswith("point")
    ]
    for a, b in itertools.combinations(free, 2):
        if a["kind"] == b["kind"] == "legend":  # a legend lays out its own entries
            continue
        if _overlap(a["box"], b["box"]):
            out.append(f"labels overlap: {a['text']!r} and {b['text']!r}")
    ticks = [t for t in texts if t["kind"].startswith("tick")]
    for a, b in itertools.combinations(ticks, 2):
        if a["axis"] == b["axis"] and _overlap(a["box"], b["box"]):
            out.append(f"tick labels overlap: {a['text']!r} and {b['text']!r}")
    return out


def _entries_apart(entries: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """A legend entry's words must not run into another entry's words or symbol (plotly lays
    entries out at a fixed width, and longer words run on)."""
    out = []
    for a, b in itertools.permutations(entries, 2):
        if a["words"] and any(
            box and _overlap(a["words"], box) for box in (b["words"], b["symbol"])
        ):
            out.append(f"legend entry {a['text']!r} runs into {b['text']!r}")
    return out


def _labels_off_marks(drawn: Drawn) -> list[str]:
    """A point label must not cover another point's mark (its own sits beside it)."""
    out = []
    for t in drawn.texts:
        if not t["kind"].startswith("point:"):
            continue
        for m in drawn.marks:
            inside_label = _overlap(t["box"], m["box"])
            if inside_label and not _near(t["box"], m["box"]):
                out.append(f"label {t['text']!r} covers a mark at {[round(v) for v in m['box']]}")
    return out


def _near(label: list[float], mark: list[float]) -> bool:
    """The mark a label belongs to: touching it at an edge, or holding it."""
    lx, ly = (label[0] + label[2]) / 2, (label[1] + label[3]) / 2
    if mark[0] <= lx <= mark[2] and mark[1] <= ly <= mark[3]:
        return True  # a count written inside its own mark
    cx, cy = (mark[0] + mark[2]) / 2, (mark[1] + mark[3]) / 2
    return not (label[0] + 2 < cx < label[2] - 2 and label[1] + 2 < cy < label[3] - 2)


def _labels_in_plots(drawn: Drawn) -> list[str]:
    """A point label stays within the width of a plot it labels (not in the margins)."""
    out = []
    for t in drawn.texts:
        if not t["kind"].startswith("point:") or not drawn.plots:
            continue
        left, _, right, _ = t["box"]
        if not any(left >= p["box"][0] - SLOP and right <= p["box"][2] + SLOP for p in drawn.plots):
            out.append(f"label {t['text']!r} runs past its plot at {[round(v) for v in t['box']]}")
    return out


def problems(drawn: Drawn, *, min_plot: float = 0, min_panel: float = 0) -> list[str]:
    """What a demanding reader would object to, in words; empty when the figure is clean."""
    out = [
        f"text outside the figure: {t['text']!r} at {[round(v) for v in t['box']]}"
        for t in drawn.texts
        if not _inside(t["box"], drawn.figure)
    ]
    out += [
        f"text {t['text']!r} only {t['box'][3] - t['box'][1]:.0f} px high"
        for t in drawn.texts
        if t["box"][3] - t["box"][1] < MIN_TEXT
    ]
    out += _labels_apart(drawn.texts)
    out += _entries_apart(drawn.entries)
    out += _labels_in_plots(drawn)
    out += _labels_off_marks(drawn)
    for mark in drawn.marks:
        w, h = mark["box"][2] - mark["box"][0], mark["box"][3] - mark["box"][1]
        if 0 < min(w, h) < MIN_MARK:
            out.append(f"a mark only {min(w, h):.1f} px across")
    for plot in drawn.plots:
        width = plot["box"][2] - plot["box"][0]
        if width < min_panel:
            out.append(f"panel {plot['id']} only {width:.0f} px wide")
    if drawn.plots:  # the panels side by side span at least `min_plot`
        span = max(p["box"][2] for p in drawn.plots) - min(p["box"][0] for p in drawn.plots)
        if span < min_plot:
            out.append(f"the plot only {span:.0f} px wide")
    for caption in drawn.captions:
        if caption["overflows"] or not _inside(caption["box"], drawn.column):
            out.append(f"caption {caption['text']!r} runs past its column")
        if _overlap(caption["box"], drawn.figure):
            out.append(f"caption {caption['text']!r} over the plot")
    for geo in drawn.geos:
        for shape in drawn.shapes:
            if not _inside(shape, geo["box"]):
                out.append(f"a region at {[round(v) for v in shape]} cut by the map's edge")
            for bar in drawn.colorbars:
                if _overlap(shape, bar):
                    out.append(f"a region at {[round(v) for v in shape]} under the colour bar")
            for legend in drawn.legends:
                if _overlap(shape, legend):
                    out.append(f"a region at {[round(v) for v in shape]} under the legend")
            for note in (t for t in drawn.texts if t["kind"] == "annotation"):
                if _overlap(shape, note["box"]):
                    out.append(f"a region at {[round(v) for v in shape]} under {note['text']!r}")
    return out
