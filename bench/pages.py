"""The other pages' interactions, timed as interaction.py times the Overview's: the Kyiv map's
date window (its From range moved by one attack date from the keyboard) and the Checks page's
check (the next one chosen by an arrow key), each against the floor app's filter change in the
same run. Both are drawn in the browser (ui/maplive.js, ui/live.js), then Python's fragment
reruns (URL, files, lists, evidence). Prints medians, p95 and the ratio of p95s.

Usage: python bench/pages.py [--rounds 3] [--changes 20] [--quick]
"""

from __future__ import annotations

import argparse

from playwright.sync_api import Page, sync_playwright

from harness import APP, ARGS, CHROMIUM, PIDS, floor_app, machine, serving, settle, summary
from interaction import FLOOR_CHART, KEYS, _measured, change_floor, probe, report

MAIN = '[data-testid="stMain"]'  # inside the probe's single quotes
ARROWS = (
    "'keydown', e => { if (['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(e.key))"
    " window.__t0 = performance.now(); }"
)
PAGE_PROBE, PAGE_DONE = probe(ARROWS, MAIN)
MAP_PROBE, MAP_DONE = probe(ARROWS, ".st-key-map_live .maplive-figure")  # chart drawn: both
FLOOR_PROBE, FLOOR_DONE = probe(KEYS, FLOOR_CHART)


def change_map(page: Page, step: int) -> tuple[float, float]:
    """Move the date window's start one attack date later (even steps) or back (odd)."""
    page.locator(".st-key-map_live .maplive-range input[type='range']").first.focus()
    page.keyboard.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")
    return _measured(page, MAP_DONE)


def change_check(page: Page, step: int) -> tuple[float, float]:
    """Choose the next check (even steps) or the one before (odd) with the arrow keys."""
    page.locator(".st-key-checks_live .live-sectors input:checked").first.focus()
    page.keyboard.press("ArrowDown" if step % 2 == 0 else "ArrowUp")
    return _measured(page, PAGE_DONE)


PAGES = {
    # every window held: a move draws in the browser (the element asks until Python built them)
    "map": ("/map", change_map, ".st-key-map_live .maplive[data-windows='78']"),
    "checks": ("/checks", change_check, ".st-key-checks_live .live-sectors input"),
}


def session(url: str, name: str, changes: int) -> list[tuple[float, float]]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        if name == "floor":
            page.goto(url)
            page.wait_for_selector(f"{FLOOR_CHART} .main-svg", timeout=60_000)
            setup, change = FLOOR_PROBE, change_floor
        else:
            path, change, ready = PAGES[name]
            page.goto(url + path)
            page.wait_for_selector(ready, timeout=150_000)  # the map: its windows built
            page.wait_for_selector(".main-svg", timeout=60_000)
            settle(PIDS[url])  # the views it builds ahead, built (as bench/interaction.ready)
            setup = MAP_PROBE if name == "map" else PAGE_PROBE
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
        )
        page.evaluate(setup)
        out = [change(page, i) for i in range(changes)]
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds, changes = (1, 4) if args.quick else (args.rounds, args.changes)
    floor_script = floor_app()
    found: dict[str, list[tuple[float, float]]] = {"floor": [], "map": [], "checks": []}
    for _ in range(rounds):  # fresh servers each round, alternating
        for name in PAGES:
            with serving(APP) as url:
                found[name] += session(url, name, changes)
        with serving(floor_script) as url:
            found["floor"] += session(url, "floor", changes)
    print(f"page settled, ms; {rounds} rounds x {changes} changes, alternating ({machine()})")
    floor = [p for _, p in found["floor"]]
    print(f"  floor filter change : {summary(floor)}")
    report("map date window     ", [p for _, p in found["map"]], floor, 1.0)
    print(f"  map, charts drawn   : {summary([c for c, _ in found['map']])}")
    report("checks, next check  ", [p for _, p in found["checks"]], floor, 1.0)


if __name__ == "__main__":
    main()
