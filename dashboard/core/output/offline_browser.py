"""The Chromium kaleido renders with, kept off the network: it loads a local page and plotly.js
from the installed plotly package, and must look up no host at all.

Kaleido's defaults would fetch MathJax from cdnjs.cloudflare.com (our charts use no LaTeX), and
Chromium by itself calls its update, accounts, optimisation-guide and search services. Kaleido
passes its keyword arguments to choreographer's Browser, which takes the browser class: ours
appends the flags below to choreographer's own (which already include --disable-component-update
and --disable-sync).
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from choreographer.browsers import Chromium

OFFLINE_FLAGS = [
    "--disable-background-networking",  # update checks, safe-browsing lists, variations seed
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-gaia-services",  # no accounts.google.com ListAccounts
    # One --disable-features only: Chromium keeps the last one it is given.
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,"
    "NetworkTimeServiceQuerying,SearchEnginePreconnector,SearchEnginePreconnect2",
    # Belt and braces: any name still looked up resolves nowhere (loopback aside).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Tests add flags here (e.g. --log-net-log=FILE) to observe the browser itself.
EXTRA_FLAGS: list[str] = []


def nice_prefix() -> list[str]:
    """`nice -n N` before the browser's command (N from DASHBOARD_RENDER_NICE, default 10), so
    the browser and its wrapper wait for the CPU behind people's page reruns: on two cores a
    browser drawing at full speed took half of it. Only the processes are niced, never a Python
    thread of the server, which would hold Python's lock while it waits for the CPU.

    Before it, `chrt --idle 0` (DASHBOARD_RENDER_IDLE=1, the default; 0 leaves it out): Linux's
    SCHED_IDLE, under which the browser runs only on a core nothing else wants, and a waking
    rerun takes the core at once (a niced browser may keep it for the rest of its time slice,
    at every one of a rerun's many wake-ups). Where `chrt` is missing, `nice` alone."""
    from dashboard.core.output.rendering import IDLE, IDLE_ENV, NICE, NICE_ENV, setting

    prefix = []
    idle, chrt = int(setting(IDLE_ENV, IDLE, 0, 1)), shutil.which("chrt")
    if idle and chrt:
        prefix = [chrt, "--idle", "0"]
    nice, command = int(setting(NICE_ENV, NICE, 0, 19)), shutil.which("nice")
    return [*prefix, command, "-n", str(nice)] if nice and command else prefix


# Browsers started and not cleaned up yet, and kaleido's pages: what stop_all() ends. A job
# cancelled while its browser starts leaves both behind (choreographer turns the cancellation
# into an error before its context manager is entered, so nothing closes them).
_LIVE: set[OfflineChromium] = set()
_PAGES: weakref.WeakSet[Any] = weakref.WeakSet()
_LOCK = threading.Lock()


class OfflineChromium(Chromium):
    """choreographer's Chromium with the network-quiet flags appended, started niced."""

    def get_cli(self) -> Sequence[str]:
        """choreographer's command line plus OFFLINE_FLAGS (and any EXTRA_FLAGS), under nice."""
        return [*nice_prefix(), *super().get_cli(), *OFFLINE_FLAGS, *EXTRA_FLAGS]

    def pre_open(self) -> None:
        """Make the profile folder (choreographer's), and remember the browser until cleaned."""
        super().pre_open()
        with _LOCK:
            _LIVE.add(self)

    def clean(self) -> None:
        """Delete the profile folder (choreographer's); the browser is closed by then."""
        super().clean()
        with _LOCK:
            _LIVE.discard(self)


def track_page(renderer: Any) -> Any:
    """Remember a kaleido renderer, whose page (index.html) is in a folder of its own."""
    with _LOCK:
        _PAGES.add(renderer)
    return renderer


def _processes_with(argument: str) -> list[int]:
    """Processes whose command line holds `argument` (a browser's own profile folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and argument in (entry / "cmdline").read_bytes().decode():
                found.append(int(entry.name))
        except OSError:
            continue  # a process that ended while being read
    return found


def _ended(pids: list[int], within: float) -> bool:
    """Whether the processes have ended (waiting at most `within` seconds)."""
    deadline = time.monotonic() + within
    while any(_running(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)  # the kernel ends them in its own time
    return True


def _running(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None  # ended meanwhile


def _remove_singleton(profile: Path) -> None:
    """Delete the folder Chromium keeps its singleton socket in (org.chromium.Chromium.*, in the
    temporary folder, linked from the profile): a killed browser leaves it behind."""
    try:
        socket = Path(os.readlink(profile / "SingletonSocket"))
    except OSError:
        return  # never made, or removed by the browser itself
    if socket.parent.name.startswith("org.chromium.Chromium."):
        shutil.rmtree(socket.parent, ignore_errors=True)


def stop_all(wait: float = 10.0) -> None:
    """End every render browser still running and delete its profile folder and kaleido's page
    folder: the server's shutdown (dashboard/webapp.py), after the render service's jobs were
    cancelled. A browser runs in a session of its own (choreographer's wrapper leads it), so
    its process group is ended whole; SIGKILL, because Chromium drawing may take seconds to
    heed SIGTERM and the server is stopping."""
    with _LOCK:
        live, pages = list(_LIVE), list(_PAGES)
    for browser in live:
        profile = Path(browser.tmp_dir.path)
        pids = _processes_with(f"--user-data-dir={profile}")
        for group in {_group(pid) for pid in pids} - {None}:
            try:
                os.killpg(group, signal.SIGKILL)  # a server that stops does not wait on a drawing
            except OSError:
                continue  # ended meanwhile
        _ended(pids, wait)
        _remove_singleton(profile)
        browser.clean()
    for page in pages:
        folder = getattr(page, "_html_tmp_dir", None)  # kaleido's; no public way to reach it
        if folder is not None:
            folder.clean()


def kaleido_options() -> dict[str, Any]:
    """Keyword arguments for kaleido.start_sync_server: no MathJax, the offline browser."""
    # enable_extensions=False: choreographer adds --disable-extensions (no extension updates).
    return {"mathjax": False, "browser_cls": OfflineChromium, "enable_extensions": False}
