"""Startup: process start -> first chart drawn in headless Chromium, ours vs a bare floor app.

Runs alternate (ours, floor, ours, ...) so both see the same machine state. Ours starts as a
server that has run before starts: with the first screen it kept for these data files and this
code (a warm-up run, not counted, makes sure of it). Prints medians, p95 and the ratio of
medians ours/floor (target <= 0.9).  Usage: python bench/startup.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

from harness import APP, ARGS, CHROMIUM, ROOT, floor_app, machine, start, summary, wait_healthy

FLOOR_CHART = "[data-testid='stPlotlyChart'] .main-svg"
OURS_CHART = ".live-chart .main-svg"
KEEP_SCREEN = (
    "from dashboard.core.data.dataset import load_dataset; from dashboard.ui import live; "
    "live.keep_first_screen(load_dataset())"
)


def one_run(browser, script) -> float:
    t0 = time.perf_counter()
    proc, url = start(script)
    try:
        wait_healthy(url)
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(OURS_CHART if script == APP else FLOOR_CHART, timeout=60_000)
        elapsed = (time.perf_counter() - t0) * 1000
        context.close()
        return elapsed
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    floor = floor_app()
    ours: list[float] = []
    bare: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        one_run(browser, APP)  # warm the OS file cache once, not counted
        subprocess.run([sys.executable, "-c", KEEP_SCREEN], cwd=ROOT, check=True)
        for _ in range(runs):
            ours.append(one_run(browser, APP))
            bare.append(one_run(browser, floor))
        browser.close()
    print(f"startup to first chart, ms ({machine()})")
    print(f"  ours : {summary(ours)}")
    print(f"  floor: {summary(bare)}")
    print(
        "  runs in order, ours / floor, s: "
        + "  ".join(f"{o / 1000:.2f}/{b / 1000:.2f}" for o, b in zip(ours, bare, strict=True))
    )
    print(
        f"  ratio of medians ours/floor: {statistics.median(ours) / statistics.median(bare):.2f} (target <= 0.9)"
    )


if __name__ == "__main__":
    main()
