"""Filter change and mark click, timed in headless Chromium: ours (the Overview's component) vs
the floor app (one multiselect, one plotly bar), alternating fresh servers in one run.

A filter change is made from the keyboard as a user makes it: ours, Space on a sector's checkbox
(ticking it, then unticking it); the floor, a sector typed into its multiselect + Enter, then
Backspace. In the page a capturing key listener stamps the action and a MutationObserver stamps
the last change inside the chart and the last change anywhere in the main area. Two figures per
change: *chart drawn* (last chart change - action) and *page settled* (last change anywhere -
action, which includes Python's rerun that follows ours). A change is over when the script has
finished and nothing has changed for QUIET ms (not counted). Then mark clicks on ours: mouse
press -> evidence panel drawn.

Usage: python bench/interaction.py [--rounds 3] [--changes 30] [--clicks 20] [--rows N] [--quick]
`--rows N` serves ours on the figures table grown to N rows (a temporary copy; scale.grow).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from harness import (
    APP,
    ARGS,
    CHROMIUM,
    PIDS,
    ROOT,
    SECTORS,
    floor_app,
    machine,
    pct,
    serving,
    settle,
    summary,
)

QUIET = 400  # ms without changes that mark the end of a change (not counted)
MAIN = "[data-testid='stMain']"
OURS_CHART, FLOOR_CHART = ".live-chart", ".js-plotly-plot"


def probe(start: str, chart: str) -> tuple[str, str]:
    """`start` (a listener) stamps window.__t0; a MutationObserver stamps window.__chart at each
    change inside `chart` and window.__page at each change inside the main area. The second
    script is true once the chart has changed, the app is idle and all is quiet for QUIET ms."""
    setup = f"""() => {{
  window.__t0 = 0; window.__chart = 0; window.__page = 0;
  document.addEventListener({start}, true);
  new MutationObserver(records => {{
    const now = performance.now();
    for (const r of records) {{
      const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      // plots drawn ahead while the page is idle, off screen (ours): nothing a person sees
      if (!t || !t.closest || t.closest('.live-stage, .live-store, .maplive-stage, .maplive-store')) continue;
      if (t.closest('{chart}')) window.__chart = now;
      if (t.closest("{MAIN}")) window.__page = now;
    }}
  }}).observe(document.body, {{subtree: true, childList: true, attributes: true, characterData: true}});
}}"""
    done = f"""() => window.__t0 > 0 && window.__chart > window.__t0
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && performance.now() - Math.max(window.__chart, window.__page) > {QUIET}"""
    return setup, done


KEYS = "'keydown', e => { if ([' ', 'Enter', 'Backspace'].includes(e.key)) window.__t0 = performance.now(); }"
OURS_PROBE, OURS_DONE = probe(KEYS, OURS_CHART)
FLOOR_PROBE, FLOOR_DONE = probe(KEYS, FLOOR_CHART)
CLICK_PROBE, CLICK_DONE = probe(
    "'mousedown', () => { window.__t0 = performance.now(); }", ".st-key-evidence"
)


def _measured(page: Page, done: str) -> tuple[float, float]:
    page.wait_for_function(done, timeout=60_000)
    chart, settled = page.evaluate(
        "() => [window.__chart - window.__t0, Math.max(window.__chart, window.__page) - window.__t0]"
    )
    page.evaluate("() => { window.__t0 = 0; window.__chart = 0; window.__page = 0; }")
    return float(chart), float(settled)


def change_ours(page: Page, step: int) -> tuple[float, float]:
    """Tick a sector (even steps) or untick it (odd): every change is a view to draw."""
    sector = SECTORS[(step // 2) % len(SECTORS)]
    page.locator(f".live-sectors input[value='{sector}']").focus()
    page.keyboard.press(" ")
    return _measured(page, OURS_DONE)


def change_floor(page: Page, step: int) -> tuple[float, float]:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    if step % 2 == 0:
        page.keyboard.type(SECTORS[(step // 2) % len(SECTORS)])
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Backspace")
    out = _measured(page, FLOOR_DONE)
    page.keyboard.press("Escape")
    return out


BARS = ".live-chart .barlayer .point path"


def click_mark(page: Page, step: int) -> float:
    """Click the next bar of the cost chart (another each time) until its evidence is drawn."""
    bars = page.locator(BARS)
    bar = bars.nth(step % bars.count())
    bar.scroll_into_view_if_needed()  # the evidence panel took focus and scrolled the page
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return _measured(page, CLICK_DONE)[1]


def ready(page: Page, url: str, views: int = len(SECTORS) + 1, minutes: float = 20) -> None:
    """Reload until the page gets every common view (no sector and each single sector): a
    server on many rows builds them for a while, so it is asked every few seconds, not in a
    tight loop that would compete with the building."""
    deadline = time.monotonic() + minutes * 60
    while time.monotonic() < deadline:
        page.wait_for_selector(".live-chart .main-svg", timeout=300_000)
        # read, not waited for: a slow server's rerun may remount the element meanwhile
        held = page.evaluate("() => document.querySelector('.live')?.dataset.views")
        if int(held or 0) >= views:
            # and has built the rest ahead (the other views, their marks' evidence): measured
            # while that runs, a change waits on the build, not on the app
            if url in PIDS:
                settle(PIDS[url])
            return
        page.wait_for_timeout(5_000)
        page.reload()
    raise RuntimeError("the server never sent its common views")


def session(url: str, ours: bool, changes: int, clicks: int) -> tuple[list, list[float]]:
    """One page: `changes` filter changes, then (ours) `clicks` mark clicks."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.goto(url)
        chart = OURS_CHART if ours else FLOOR_CHART
        if ours:  # a server that has built its common views (in a thread, once per data version)
            ready(page, url)
        page.wait_for_selector(f"{chart} .main-svg", timeout=60_000)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
        )
        page.evaluate(OURS_PROBE if ours else FLOOR_PROBE)
        change = change_ours if ours else change_floor
        out = [change(page, i) for i in range(changes)]
        marks = []
        if ours and clicks:  # a sector without cost figures moved the page to another tab
            page.get_by_role("tab", name="Cost figures").click()
            page.wait_for_selector(BARS, timeout=60_000)
            page.evaluate(CLICK_PROBE)
            marks = [click_mark(page, i) for i in range(clicks)]
        browser.close()
    return out, marks


def report(name: str, values: list[float], floor: list[float], target: float) -> None:
    ratio = pct(values, 0.95) / pct(floor, 0.95)
    print(f"  {name}: {summary(values)}")
    print(
        f"    ratio to the floor: p95 {ratio:.2f} (target <= {target}), "
        f"median {statistics.median(values) / statistics.median(floor):.2f}"
        f" -> {'met' if ratio <= target else 'NOT met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=30, help="filter changes per app and round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds: ours, floor")
    parser.add_argument("--clicks", type=int, default=20, help="mark clicks per round (ours)")
    parser.add_argument("--rows", type=int, default=0, help="grow ours to this many claim rows")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    changes, rounds, clicks = (4, 1, 4) if args.quick else (args.changes, args.rounds, args.clicks)
    changes += changes % 2  # an even number: every round ends with no filter, as it began
    env = {}
    if args.rows:
        from scale import grow

        tmp = Path(tempfile.mkdtemp(prefix="interaction-"))
        shutil.copytree(ROOT / "seeds", tmp / "seeds")
        shutil.copytree(ROOT / "data", tmp / "data")
        grow(tmp, args.rows)
        env = {"DASHBOARD_ROOT": str(tmp), "DASHBOARD_READ_ONLY": "1"}
    ours: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    marks: list[float] = []
    floor_script = floor_app()
    for _ in range(rounds):  # fresh servers each round, alternating
        with serving(APP, env) as url:
            changed, clicked = session(url, True, changes, clicks)
            ours += changed
            marks += clicked
        with serving(floor_script) as url:
            floor += session(url, False, changes, 0)[0]
    rows = f", ours on {args.rows:,} claim rows" if args.rows else ""
    print(
        f"filter change, ms; {rounds} rounds x {changes} changes on fresh servers, alternating"
        f"{rows} ({machine()})"
    )
    floor_chart = [c for c, _ in floor]
    floor_page = [p for _, p in floor]
    print(f"  floor chart drawn  : {summary(floor_chart)}")
    print(f"  floor page settled : {summary(floor_page)}")
    report("ours chart drawn  ", [c for c, _ in ours], floor_chart, 0.5)
    report("ours page settled ", [p for _, p in ours], floor_page, 1.0)
    print(f"mark click -> evidence drawn, ms; {rounds} rounds x {clicks} clicks on cost bars")
    report("ours vs the floor's filter change (page settled)", marks, floor_page, 1.0)


if __name__ == "__main__":
    main()
