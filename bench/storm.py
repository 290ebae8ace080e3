"""Storm: eight sessions ask for slide pictures at once while a viewer changes the measure filter.

One server (`python -m dashboard serve`, DASHBOARD_RENDER_BROWSERS browsers); protocol-level
clients as in bench/load.py. Each picture session opens the Overview on a view of its own (a
sector and a chart tab), finds the chart's "PNG for slides" button and asks for its file as the
browser does (a deferred-file request); told the picture is queued, it asks again two seconds
later, as a person clicks again. The viewer's reruns are timed alone first (idle), then during
the storm, then alone again (other jobs on a shared machine move the idle figure). The browsers under the server are counted in /proc all along.
Target: the viewer's p95 within 3x its idle p95; never more browsers than configured.
Usage: python bench/storm.py [--browsers 1] [--sessions 8] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import threading
import time

import websockets
from load import FILTERS, _run
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness import APP, ROOT, SECTORS, machine, pct, settle, start, wait_healthy

sys.path.insert(0, str(ROOT))
from tests.app.test_storm import chromium_browsers

LABEL = "PNG for slides (1920×1080)"
VIEWS = list(itertools.product(SECTORS, ["impacts", "assessments", "cost"]))
AGAIN = 2.0  # seconds before a person told "click again" clicks again


async def _open(ws, query: str) -> tuple[str | None, str]:
    """Run the page for `query`: the slide button's deferred file id (None if the page has no
    such button) and the session's id (a file request names it)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    await ws.send(msg.SerializeToString())
    found, session = None, ""
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await ws.recv())
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            session = fm.new_session.initialize.session_id
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            element = fm.delta.new_element
            if element.WhichOneof("type") == "download_button":
                button = element.download_button
                if button.label == LABEL and button.deferred_file_id and found is None:
                    found = button.deferred_file_id
        if kind == "script_finished":
            return found, session


async def _ask(ws, file_id: str, session: str, request: int) -> bool:
    """One click's file request; True when the server made the file."""
    msg = BackMsg()
    msg.backend_operation_request.request_id = str(request)
    msg.backend_operation_request.session_id = session
    msg.backend_operation_request.deferred_file.file_id = file_id
    await ws.send(msg.SerializeToString())
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await ws.recv())
        if fm.WhichOneof("type") == "backend_operation_response":
            return not fm.backend_operation_response.error_msg


async def picture(
    url: str, view: tuple[str, str], done: list[float], told: list[int], opened: list[float]
) -> None:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
        file_id, session = await _open(ws, f"sector={view[0]}&tab={view[1]}")
        opened.append(time.perf_counter())
        if file_id is None:
            print(f"  no slide button for {view}")
            return
        t0 = time.perf_counter()
        for request in itertools.count():
            if await _ask(ws, file_id, session, request):
                done.append(time.perf_counter() - t0)
                return
            told.append(1)
            if len(told) > 400:  # a request that can never succeed: say so, do not hang
                raise RuntimeError("picture requests keep failing; see the server's log")
            await asyncio.sleep(AGAIN)  # the person reads the sentence, then clicks again


async def viewer(
    url: str,
    latencies: list[float],
    until: asyncio.Event | None,
    n: int,
    when: list[float] | None = None,
) -> None:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
        _, ids, _ = await _run(ws, None)
        label, values = FILTERS["ours"]  # the Overview's sector is its element's, not a widget
        widget = ids[label]
        for step in itertools.count():
            if (until is not None and until.is_set()) or (until is None and step >= n):
                return
            chosen = [] if step % 2 else [values[(step // 2) % len(values)]]
            started = time.perf_counter()
            ms, _, _ = await _run(ws, (widget, chosen))
            latencies.append(ms)
            if when is not None:
                when.append(started)
            await asyncio.sleep(0.5)  # a reader's pause between changes, as in bench/load.py


async def storm(url: str, sessions: int) -> tuple[list[float], list[float], int, list[str]]:
    """The viewer's reruns during the storm, each picture's wait, the clicks told to click
    again, and the slowest reruns with when they started (seconds into the storm; the picture
    sessions' own page loads are over at the time printed first)."""
    done: list[float] = []
    told: list[int] = []
    latencies: list[float] = []
    when: list[float] = []
    opened: list[float] = []
    finished = asyncio.Event()
    t0 = time.perf_counter()
    watching = asyncio.create_task(viewer(url, latencies, finished, 0, when))
    await asyncio.gather(
        *(picture(url, VIEWS[i % len(VIEWS)], done, told, opened) for i in range(sessions))
    )
    finished.set()
    await watching
    slowest = sorted(zip(latencies, when, strict=True), reverse=True)[:6]
    notes = [f"pages opened by {max(opened, default=t0) - t0:.1f} s"]
    notes += [f"{ms:.0f} ms at {at - t0:.1f} s" for ms, at in slowest]
    return latencies, done, len(told), notes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--browsers", type=int, default=1)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="four picture sessions")
    args = parser.parse_args()
    if args.quick:
        args.sessions = 4
    proc, url = start(APP, {"DASHBOARD_RENDER_BROWSERS": str(args.browsers)})
    most, stop = [0], threading.Event()

    def watch() -> None:
        while not stop.wait(0.05):
            most[0] = max(most[0], chromium_browsers(proc.pid))

    try:
        wait_healthy(url)
        asyncio.run(viewer(url, [], None, 6))  # warm: each view of the viewer once
        waited = settle(proc.pid)
        idle: list[float] = []
        asyncio.run(viewer(url, idle, None, 40))
        threading.Thread(target=watch, daemon=True).start()
        t0 = time.perf_counter()
        busy, done, told, notes = asyncio.run(storm(url, args.sessions))
        seconds = time.perf_counter() - t0
        after: list[float] = []  # idle again: the other jobs on the machine move the baseline
        asyncio.run(viewer(url, after, None, 40))
    finally:
        stop.set()
        proc.terminate()
        proc.wait(timeout=30)
    print(f"storm: {args.sessions} picture sessions, {args.browsers} browser(s) ({machine()})")
    print(f"  the server was quiet (its views built ahead) {waited:.0f} s after the first pages")
    print(
        f"  pictures {len(done)} of {args.sessions} in {seconds:.0f} s; each waited"
        f" median {sorted(done)[len(done) // 2]:.1f} s, longest {max(done):.1f} s;"
        f" {told} clicks told to click again"
    )
    print(f"  browsers at once: at most {most[0]} (configured {args.browsers})")
    print(
        f"  viewer idle: p50 {pct(idle, 0.5):.0f} ms, p95 {pct(idle, 0.95):.0f} ms (n={len(idle)});"
        f" during the storm: p50 {pct(busy, 0.5):.0f} ms, p95 {pct(busy, 0.95):.0f} ms"
        f" (n={len(busy)}); p95 ratio {pct(busy, 0.95) / pct(idle, 0.95):.1f}x (target <= 3x)"
    )
    both = idle + after  # the storm bracketed: the machine's drift on either side
    print(
        f"  viewer idle after the storm: p50 {pct(after, 0.5):.0f} ms,"
        f" p95 {pct(after, 0.95):.0f} ms (n={len(after)}); idle before and after pooled:"
        f" p95 {pct(both, 0.95):.0f} ms, p95 ratio {pct(busy, 0.95) / pct(both, 0.95):.1f}x"
    )
    print(f"  slowest reruns in the storm ({notes[0]}): {', '.join(notes[1:])}")
    print(f"  load average: {os.getloadavg()[0]:.1f} (1 min) at the end")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
