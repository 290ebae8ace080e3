"""The other pages' interactions, timed as interaction.py times the Overview's: the Kyiv map's
date window (its From range moved by one attack date from the keyboard) and the Checks page's
check (the next one chosen by an arrow key), each against the floor app's filter change in the
same run. Both are drawn in the browser (ui/maplive.js, ui/live.js), then Python's fragment
reruns (URL, files, lists, evidence). Prints medians, p95 and the ratio of p95s.

`--fresh` times the Map on a server that has just started instead: the page opened at once,
then a move a second (a reader's pace, to windows not seen yet) while the server builds the 78
windows of the page's sector choice; each move printed with when it came, what it waited for,
and the windows the element held then.

Usage: python bench/pages.py [--rounds 3] [--changes 20] [--quick] [--fresh]
"""

from __future__ import annotations

import argparse
import random
import time

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


HELD = "() => Number(document.querySelector('.st-key-map_live .maplive')?.dataset.windows || 0)"
IN_PLACE = 150  # ms: a move drawn by the browser from a window it holds (30-50 ms when idle)


def walk(moves: int, count: int, seed: int = 7) -> list[tuple[int, str]]:
    """A reader exploring the window: per move, which thumb (0 From, 1 To) and which key,
    to a window not seen yet where one is a step away (a fixed seed: every run the same)."""
    rng = random.Random(seed)
    start, end, seen, out = 0, count - 1, {(0, count - 1)}, []
    for _ in range(moves):
        steps = [
            (t, key, w)
            for t, key, w in [
                (0, "ArrowRight", (start + 1, end)),
                (0, "ArrowLeft", (start - 1, end)),
                (1, "ArrowRight", (start, end + 1)),
                (1, "ArrowLeft", (start, end - 1)),
            ]
            if 0 <= w[0] <= w[1] < count
        ]
        fresh = [step for step in steps if step[2] not in seen]
        thumb, key, (start, end) = rng.choice(fresh or steps)
        seen.add((start, end))
        out.append((thumb, key))
    return out


def fresh_map(url: str, moves: int) -> list[tuple[float, float, float, int]]:
    """The Map opened on a server that has just started, then a move a second (`walk`): per
    move, the seconds since the page was drawn, chart drawn and page settled (ms), and the
    windows the element held before it."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.goto(url + "/map")
        page.wait_for_selector(".st-key-map_live .maplive[data-drawn]", timeout=120_000)
        opened = time.perf_counter()
        page.evaluate(MAP_PROBE)
        thumbs = page.locator(".st-key-map_live .maplive-range input[type='range']")
        out = []
        for thumb, key in walk(moves, int(thumbs.first.get_attribute("max") or 0) + 1):
            page.wait_for_timeout(1000)  # a reader's pace
            held = int(page.evaluate(HELD))
            at = time.perf_counter() - opened
            thumbs.nth(thumb).focus()
            page.keyboard.press(key)
            chart, settled = _measured(page, MAP_DONE)
            out.append((at, chart, settled, held))
        browser.close()
    return out


def report_fresh(rounds: list[list[tuple[float, float, float, int]]]) -> None:
    print(f"the Map on a fresh server: a move a second after the page is drawn ({machine()})")
    for n, moves in enumerate(rounds, 1):
        line = " ".join(f"{at:.0f}s:{settled:.0f}ms({held})" for at, _, settled, held in moves)
        print(f"  round {n}, when: page settled (windows held) {line}")
    settled = [m[2] for moves in rounds for m in moves]
    waited = [m for moves in rounds for m in moves if m[1] > IN_PLACE]
    print(f"  page settled        : {summary(settled)}")
    print(
        f"  moves waiting on Python (chart drawn > {IN_PLACE} ms): {len(waited)} of {len(settled)}"
    )
    if waited:
        print(f"  those, page settled : {summary([m[2] for m in waited])}")
        print(f"  the last of them came {max(m[0] for m in waited):.0f} s after the page was drawn")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="the Map on a server just started")
    args = parser.parse_args()
    rounds, changes = (1, 4) if args.quick else (args.rounds, args.changes)
    if args.fresh:
        found_fresh = []
        for _ in range(rounds):
            with serving(APP) as url:
                found_fresh.append(fresh_map(url, changes))
        report_fresh(found_fresh)
        return
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
