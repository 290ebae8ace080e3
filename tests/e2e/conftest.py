"""Real-browser fixtures: the app served on 127.0.0.1, Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright drives /usr/bin/chromium (installed by .ci/run). Every
request the page makes is recorded so a test can prove nothing left the machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.core.base.paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
# The four widths every page is held at: a phone (an iPhone 13), a tablet held upright, a laptop, a screen.
SIZES = {"phone": (390, 844), "tablet": (768, 1024), "laptop": (1440, 900), "wide": (1920, 1080)}
STARTUP_SECONDS = 60
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling a server that is starting: not a test sleep
    raise RuntimeError(f"streamlit did not answer on {url} within {STARTUP_SECONDS}s")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The dashboard as `make run` serves it (webapp.py: app.py with the download route),
    started once for the session on a free loopback port."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "webapp.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; fails (never skips) when it is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium) or run .ci/run"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Requests(list[str]):
    """URLs the page asked for."""

    def off_machine(self) -> list[str]:
        """Requests to any host other than loopback (data: and blob: URLs stay local)."""
        return [
            u
            for u in self
            if urlparse(u).scheme in {"http", "https", "ws", "wss"}
            and urlparse(u).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[Page, Requests]]:
    """A fresh 16:9 page recording its requests; a screenshot is kept as an artefact."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requests = Requests()
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    yield page, requests
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_for_app(page: Page) -> None:
    """Until the script has run: the app frame is up and nothing is running."""
    page.wait_for_selector("[data-testid='stAppViewContainer']")
    page.wait_for_selector("[data-testid='stMain'] h1")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


@pytest.fixture(params=list(SIZES), scope="module")
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    """A page at one size: the phone one says it is a phone, as a real one does."""
    width, height = SIZES[request.param]
    options: dict[str, object] = {"viewport": {"width": width, "height": height}}
    if request.param == "phone":
        options.update(
            user_agent=(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1"
            ),
            is_mobile=True,
            has_touch=True,
        )
    context = browser.new_context(**options)
    yield request.param, context.new_page()
    context.close()
