"""Shared pieces for the benchmarks: servers on loopback, Debian's Chromium, a floor app, stats."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SECTORS = ["energy", "housing", "transport", "cross-sector", "humanitarian"]
FLOOR_APP = """
import plotly.graph_objects as go
import streamlit as st

SECTORS = ["energy", "housing", "transport", "cross-sector", "humanitarian"]
chosen = st.sidebar.multiselect("Sector", SECTORS, key="filter_sector", placeholder="All")
shown = chosen or SECTORS
st.plotly_chart(go.Figure(go.Bar(x=shown, y=[len(s) for s in shown])), key="floor_chart")
"""
# The number of script-visible charts the two apps draw on their first page.
CHARTS_OURS, CHARTS_FLOOR = 3, 1
# Each serving() server's process id by its URL, for settle().
PIDS: dict[str, int] = {}


def floor_app() -> Path:
    """A one-file Streamlit app drawing one plotly bar chart with one multiselect: the floor."""
    path = Path(tempfile.mkdtemp(prefix="floor-")) / "floor.py"
    path.write_text(FLOOR_APP, encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(script: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start an app on a free loopback port; returns the process and its URL. Ours starts as
    `make run` starts it (`python -m dashboard serve`), any other script with `streamlit run`."""
    port = free_port()
    launch = ["dashboard", "serve"] if script == APP else ["streamlit", "run", str(script)]
    cmd = [
        sys.executable,
        "-m",
        *launch,
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
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"{url} not healthy after {timeout}s")


@contextmanager
def serving(script: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    proc, url = start(script, env)
    PIDS[url] = proc.pid
    try:
        wait_healthy(url)
        yield url
    finally:
        PIDS.pop(url, None)
        proc.terminate()
        proc.wait(timeout=20)


def _cpu_seconds(pid: int) -> float:
    """The process's CPU time so far, every thread's (utime + stime in /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, limit: float = 300.0) -> float:
    """Wait until the server is quiet: less than 5% of a core used over a second. It builds the
    Overview's views ahead in a thread once it has sent its first page (ui/live.py), and the
    evidence of their marks; measured while that runs, a change waits on the GIL for the build,
    not for the app. Returns the seconds waited (the limit if it never goes quiet)."""
    t0 = time.perf_counter()
    before = _cpu_seconds(pid)
    while time.perf_counter() - t0 < limit:
        time.sleep(1.0)
        now = _cpu_seconds(pid)
        if now - before < 0.05:
            break
        before = now
    return time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f}  p95 {pct(values, 0.95):7.1f}  min {min(values):7.1f}  max {max(values):7.1f}  (n={len(values)})"


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores, {model}, Python {sys.version.split()[0]}"
