"""Load: N concurrent sessions changing the sector filter for D seconds against one server.

Protocol-level clients (Streamlit's own websocket protocol, as the browser speaks it): each
opens /_stcore/stream, runs the page, finds the sector multiselect's widget id in the reply,
then sends reruns with a new selection and times each until the server's script_finished.
Twenty browsers would measure Chromium on 2 cores, not the server. Errors: an exception element,
a non-successful finish, or a dropped connection. The same client alone gives the
single-session figure.  Usage: python bench/load.py [--sessions 20] [--seconds 60] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness import APP, SECTORS, floor_app, machine, pct, serving


async def _run(ws, widget: tuple[str, list[str]] | None) -> tuple[float, dict[str, str], int]:
    """Send one rerun; wait for its end. Returns (ms, multiselect ids by label, errors)."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    if widget is not None:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget[0]
        state.string_array_value.data.extend(widget[1])
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    ids: dict[str, str] = {}
    errors = 0
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await ws.recv())
        kind = fm.WhichOneof("type")
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            element = fm.delta.new_element
            if element.WhichOneof("type") == "multiselect":
                ids[element.multiselect.label] = element.multiselect.id
            errors += element.WhichOneof("type") == "exception"
        if kind == "script_finished":
            if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                errors += 1
            return (time.perf_counter() - t0) * 1000, ids, errors


async def session(
    url: str, seconds: float, latencies: list[float], errors: list[int], index: int
) -> None:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            _, ids, bad = await _run(ws, None)
            errors.append(bad)
            widget = ids["Sector"]
            deadline = time.perf_counter() + seconds
            step = index
            while time.perf_counter() < deadline:
                chosen = [] if step % 2 else [SECTORS[(step // 2) % len(SECTORS)]]
                ms, _, bad = await _run(ws, (widget, chosen))
                latencies.append(ms)
                errors.append(bad)
                step += 1
    except (OSError, websockets.WebSocketException, KeyError) as err:
        print(f"  session {index}: {type(err).__name__}: {err}")
        errors.append(1)


async def load(url: str, sessions: int, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors: list[int] = []
    await asyncio.gather(*(session(url, seconds, latencies, errors, i) for i in range(sessions)))
    return latencies, sum(errors)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sessions, seconds = (5, 10) if args.quick else (args.sessions, args.seconds)
    print(
        f"load: {sessions} protocol-level sessions x {seconds:g} s against one server ({machine()})"
    )
    for name, script in (("ours", APP), ("floor", floor_app())):
        with serving(script) as url:
            single, single_errors = asyncio.run(load(url, 1, min(seconds, 20)))
            many, many_errors = asyncio.run(load(url, sessions, seconds))
        print(
            f"  {name:5} 1 session  : {len(single):5} reruns, p50 {statistics.median(single):5.0f} ms, p95 {pct(single, 0.95):5.0f} ms, errors {single_errors}"
        )
        print(
            f"  {name:5} {sessions} sessions: {len(many):5} reruns, p50 {statistics.median(many):5.0f} ms, p95 {pct(many, 0.95):5.0f} ms, errors {many_errors}, {len(many) / seconds:.1f} reruns/s"
        )
        print(
            f"  {name:5} p95 ratio {pct(many, 0.95) / pct(single, 0.95):.1f}x single-session (target <= 3x; errors must be 0)"
        )


if __name__ == "__main__":
    main()
