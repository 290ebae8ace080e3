"""Retake the README's screenshots (assets/*.png) from the running app, in Debian's Chromium.

Starts the app the way `make run` does on a free loopback port, opens each view at 1600x1000
and saves it. Run after a visible change: `make screenshots` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# file name -> (path and query, what to wait for)
SHOTS = {
    "overview.png": ("/?sector=energy&claim=kyiv-attack-before-talks-05", "chart"),
    "assessments.png": ("/?tab=assessments&claim=fact:rdna2-all-needs", "chart"),
    "map.png": ("/map?claim=attack:2025-08-28&from=2025-04-24", "maps"),
    "sources.png": ("/sources?claim=kyiv-attack-before-talks-21", "text"),
    "checks.png": ("/checks?check=undp-400-billion", "chart"),
    "map-uk.png": ("/map?lang=uk", "maps"),
}
# Shots taller than the laptop's 1000 px: the Map's regions, then Kyiv's charts and evidence
TALL = {"map.png": 1900, "map-uk.png": 1900}
# Phone views (390x844, a phone's user agent): file name -> (path and query, what to wait for)
PHONE_SHOTS = {"phone-overview.png": ("/?sector=energy", "chart")}
PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1"
)
MAPS_IDLE = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd._fullLayout && gd._fullLayout.map)
  .every(gd => { const m = gd._fullLayout.map._subplot.map; return m.loaded() && !m.isMoving(); })"""


def _serve() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "dashboard", "serve", "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the app did not start")


def _settle(page: Page, wait: str) -> None:
    page.wait_for_selector("[data-testid='stMain'] h1")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    if wait in {"chart", "maps"}:
        # the Overview's chart is drawn by its component (.live-chart), the others by Streamlit
        page.wait_for_selector(
            "[data-testid='stPlotlyChart'] .main-svg, .live-chart .main-svg", timeout=60_000
        )
    if wait == "maps":
        page.wait_for_function(MAPS_IDLE)
        # the Kyiv charts, drawn by the Map's element (ui/maplive.js)
        page.wait_for_selector(".maplive-plot .main-svg", timeout=60_000)
    # a selection in the link scrolls to its evidence; the README shows each page from the top
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def main() -> None:
    """Retake every screenshot, or those named on the command line (`checks.png ...`)."""
    wanted = set(sys.argv[1:])
    shots = {k: v for k, v in SHOTS.items() if not wanted or k in wanted}
    phone_shots = {k: v for k, v in PHONE_SHOTS.items() if not wanted or k in wanted}
    proc, url = _serve()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            for name, (path, wait) in shots.items():
                page.set_viewport_size({"width": 1600, "height": TALL.get(name, 1000)})
                page.goto(url + path)
                _settle(page, wait)
                page.screenshot(path=str(ASSETS / name))
                print(ASSETS / name)
            phone = browser.new_page(
                viewport={"width": 390, "height": 844},
                user_agent=PHONE_AGENT,
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
            )
            for name, (path, wait) in phone_shots.items():
                phone.goto(url + path)
                _settle(phone, wait)
                phone.screenshot(path=str(ASSETS / name))
                print(ASSETS / name)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
