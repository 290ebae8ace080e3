"""The briefing's cost against its floor: one trivial figure exported by kaleido, same run.

Targets (issue 15): the whole `brief` (5 charts, PNG and SVG, deck, ZIP) within 2.5x the floor;
a single chart (PNG, SVG, deck, ZIP) within 1.5x. Every measurement starts its own browser, as a
request does; runs alternate so a busy machine weighs on both alike. `--jobs` instead times each
image job (chart and format) one after another in one browser: where a slow brief spends it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.data.filters import Filters
from dashboard.core.output import briefing


def floor() -> None:
    """One trivial figure, PNG at the same size, in a browser of its own."""
    briefing.render_images({"bar": go.Figure(go.Bar(x=[1, 2], y=[3, 1]))})


def brief(dataset, keys: list[str] | None) -> None:
    """Plan, render, build the deck and the ZIP, as the Briefing page and the CLI do."""
    files = briefing.brief(dataset, Filters(), keys, date.today())
    briefing.zip_bytes(files)


async def _time_jobs(figures: dict[str, go.Figure]) -> None:
    start = time.perf_counter()
    async with briefing.launch_kaleido() as browser:
        print(f"{'browser start':22s} {time.perf_counter() - start:5.2f} s")
        for key, fig in figures.items():
            for fmt in ("png", "svg"):
                start = time.perf_counter()
                opts, topojson = briefing._opts(fmt), briefing.OFFLINE_TOPOJSON_URL
                await browser.calc_fig(fig, opts, topojson=topojson)  # type: ignore[arg-type]
                print(f"{key + ' ' + fmt:22s} {time.perf_counter() - start:5.2f} s")
        start = time.perf_counter()
    print(f"{'browser close':22s} {time.perf_counter() - start:5.2f} s")


def jobs(dataset) -> None:
    """Each image job of the whole brief, one at a time, after the floor's trivial figure."""
    start = time.perf_counter()
    plans = briefing.plan_charts(dataset, Filters())
    print(f"{'plan (Python)':22s} {time.perf_counter() - start:5.2f} s")
    figures = {"trivial": go.Figure(go.Bar(x=[1, 2], y=[3, 1]))}
    asyncio.run(_time_jobs(figures | {p.key: p.figure for p in plans if p.empty is None}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument("--jobs", action="store_true", help="time each image job instead")
    args = parser.parse_args()
    dataset = load_dataset_cached(ROOT)
    if args.jobs:
        jobs(dataset)
        return
    cases = {
        "floor": floor,
        "one chart": lambda: brief(dataset, ["cost"]),
        "whole brief": lambda: brief(dataset, None),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(1 if args.quick else args.runs):
        for name, case in cases.items():
            start = time.perf_counter()
            case()
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["floor"])
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:12s} median {median:6.2f} s  ({median / base:.2f}x the floor)  runs {[round(v, 1) for v in values]}"
        )


if __name__ == "__main__":
    main()
