"""Filter change -> every visible chart re-rendered, in headless Chromium; ours vs the floor app.

The sector multiselect is driven from the keyboard as a user would (type a sector + Enter, or
Backspace to drop the last one). In the page, a capturing key listener stamps the action and a
MutationObserver stamps the last change inside any plotly chart; a change is done when the
script has finished and no chart has changed for QUIET ms. Latency = last chart change - action.
Then clicks on chart marks until their evidence is drawn (ours). Also prints the server-side
script time per rerun (AppTest).  Usage: python bench/interaction.py
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import Page, sync_playwright

from harness import APP, ARGS, CHROMIUM, SECTORS, floor_app, machine, pct, serving, summary

QUIET = 400  # ms without chart changes that mark the end of a re-render (not counted)


def _probe(start: str, region: str, t0: str, last: str) -> tuple[str, str]:
    """In-page timing: `start` (a JS listener expression) stamps window[t0]; a MutationObserver
    stamps window[last] at each change inside `region` (a CSS selector). The second script is
    true once the app has finished and `region` has not changed for QUIET ms."""
    probe = f"""() => {{
  window.{t0} = 0; window.{last} = 0;
  document.addEventListener({start}, true);
  new MutationObserver(records => {{
    if (records.some(r => r.target.closest && r.target.closest('{region}'))) window.{last} = performance.now();
  }}).observe(document.body, {{subtree: true, childList: true, attributes: true, characterData: true}});
}}"""
    done = f"""() => window.{t0} > 0 && window.{last} > window.{t0}
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && performance.now() - window.{last} > {QUIET}"""
    return probe, done


PROBE, DONE = _probe(
    "'keydown', e => { if (e.key === 'Enter' || e.key === 'Backspace') window.__t0 = performance.now(); }",
    ".js-plotly-plot",
    "__t0",
    "__last",
)


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


# A click on a mark: stamped at the mouse press, done when the evidence panel has stopped
# changing for QUIET ms and the script has finished.
CLICK_PROBE, CLICK_DONE = _probe(
    "'mousedown', () => { window.__c0 = performance.now(); }", ".st-key-evidence", "__c0", "__clast"
)
BARS = "[data-testid='stPlotlyChart'] .barlayer .point path"


def _click(page: Page, step: int) -> float:
    """Click the next bar of the cost chart (a different one each time: a second click on a
    selected bar would clear it) and time until its evidence is drawn."""
    bars = page.locator(BARS)
    bar = bars.nth(step % bars.count())
    bar.scroll_into_view_if_needed()  # the evidence panel took focus and scrolled the page
    page.evaluate("() => { window.__c0 = 0; window.__clast = 0; }")
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(CLICK_DONE, timeout=60_000)
    latency = page.evaluate("() => window.__clast - window.__c0")
    page.evaluate("() => { window.__c0 = 0; window.__clast = 0; }")
    return float(latency)


def browser_latencies(url: str, changes: int, clicks: int = 0) -> tuple[list[float], list[float]]:
    """Filter changes, then (ours) clicks on chart marks, in one page."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.goto(url)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
        page.evaluate(PROBE)
        out = [_change(page, i) for i in range(changes)]
        marks = []
        if clicks:
            page.evaluate(CLICK_PROBE)
            page.wait_for_selector(BARS, timeout=60_000)
            marks = [_click(page, i) for i in range(clicks)]
        browser.close()
    return out, marks


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
        "--rounds", type=int, default=3, help="alternating rounds: ours, floor, ..."
    )
    parser.add_argument("--clicks", type=int, default=20, help="mark clicks per round (ours)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    changes, rounds, clicks = (4, 1, 4) if args.quick else (args.changes, args.rounds, args.clicks)
    changes += changes % 2  # an even number: every round ends with no filter, as it began
    ours: list[float] = []
    floor: list[float] = []
    marks: list[float] = []
    floor_script = floor_app()
    for _ in range(rounds):  # a fresh server each round: first visits are counted every time
        with serving(APP) as url:
            changed, clicked = browser_latencies(url, changes, clicks)
            ours += changed
            marks += clicked
        with serving(floor_script) as url:
            floor += browser_latencies(url, changes)[0]
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
    print(f"mark click -> evidence drawn, ms; {rounds} rounds x {clicks} clicks on cost bars")
    print(f"  ours : {summary(marks)}")
    print(
        f"  ratio of p95 to the floor's filter change p95: {pct(marks, 0.95) / pct(floor, 0.95):.2f}"
        " (target <= 1.5)"
    )
    print(f"  server-side script time per rerun (AppTest, ours): {summary(server)}")


if __name__ == "__main__":
    main()
