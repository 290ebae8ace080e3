"""Filter change -> every visible chart re-rendered, in headless Chromium; ours vs the floor app.

The sector multiselect is driven from the keyboard as a user would (type a sector + Enter, or
Backspace to drop the last one). In the page, a capturing key listener stamps the action and a
MutationObserver stamps the last change inside any plotly chart; a change is done when the
script has finished and no chart has changed for QUIET ms. Latency = last chart change - action.
Also prints the server-side script time per rerun (AppTest).  Usage: python bench/interaction.py
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import Page, sync_playwright

from harness import APP, ARGS, CHROMIUM, SECTORS, floor_app, machine, pct, serving, summary

QUIET = 400  # ms without chart changes that mark the end of a re-render (not counted)
PROBE = """() => {
  window.__t0 = 0; window.__last = 0;
  document.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === 'Backspace') window.__t0 = performance.now(); }, true);
  new MutationObserver(records => {
    if (records.some(r => r.target.closest && r.target.closest('.js-plotly-plot'))) window.__last = performance.now();
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
DONE = f"""() => window.__t0 > 0 && window.__last > window.__t0
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && performance.now() - window.__last > {QUIET}"""


def _change(page: Page, step: int) -> float:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    if step % 2 == 0:
        page.keyboard.type(SECTORS[(step // 2) % len(SECTORS)])
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Backspace")
    page.wait_for_function(DONE, timeout=60_000)
    latency = page.evaluate("() => window.__last - window.__t0")
    page.keyboard.press("Escape")
    page.evaluate("() => { window.__t0 = 0; window.__last = 0; }")
    return float(latency)


def browser_latencies(url: str, changes: int) -> list[float]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.goto(url)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
        page.evaluate(PROBE)
        out = [_change(page, i) for i in range(changes)]
        browser.close()
    return out


def script_times(changes: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    times = []
    for i in range(changes):
        chosen = [] if i % 2 else [SECTORS[(i // 2) % len(SECTORS)]]
        at.multiselect(key="filter_sector").set_value(chosen)
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=40, help="filter changes per app and round")
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternating rounds: ours, floor, ..."
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    changes, rounds = (4, 1) if args.quick else (args.changes, args.rounds)
    ours: list[float] = []
    floor: list[float] = []
    floor_script = floor_app()
    for _ in range(rounds):  # a fresh server each round: first visits are counted every time
        with serving(APP) as url:
            ours += browser_latencies(url, changes)
        with serving(floor_script) as url:
            floor += browser_latencies(url, changes)
    server = script_times(changes)
    print(
        f"filter change -> all visible charts re-rendered, ms; {rounds} rounds x {changes} changes"
        f" on fresh servers, the first visit of each view included ({machine()})"
    )
    print(f"  ours : {summary(ours)}")
    print(f"  floor: {summary(floor)}")
    print(
        f"  ratio of p95 ours/floor: {pct(ours, 0.95) / pct(floor, 0.95):.2f} (target <= 1.5);"
        f" ratio of medians {statistics.median(ours) / statistics.median(floor):.2f}"
    )
    first = {r * changes + i for r in range(rounds) for i in range(0, 2 * len(SECTORS), 2)}
    seen = [v for i, v in enumerate(ours) if i not in first]
    print(f"  ours, views seen before only (no figure to build): {summary(seen)}")
    print(f"  server-side script time per rerun (AppTest, ours): {summary(server)}")


if __name__ == "__main__":
    main()
