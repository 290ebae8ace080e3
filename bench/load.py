"""Load: N concurrent sessions changing a sidebar filter for D seconds against one server.

Protocol-level clients (Streamlit's own websocket protocol, as the browser speaks it): each
opens /_stcore/stream, runs the page, finds a filter multiselect's widget id in the reply,
then sends reruns with a new selection and times each until the server's script_finished.
Ours changes the Overview's Measure filter (its sector is chosen in the browser, and a filter
the browser holds no view for is a whole rerun of the page in Python: the heavier case); the
floor changes its one multiselect, the sector.
Twenty browsers would measure Chromium on 2 cores, not the server. Errors: an exception element,
a non-successful finish, or a dropped connection. The same client alone gives the
single-session figure.

Each session reads for a while between changes, as an analyst does: a think time drawn
uniformly from 0.5x to 1.5x `--think` seconds (default 2 s; seeded, so runs repeat). The same
run with no think time at all (`closed loop`) is printed too: a stress figure that saturates any
server (latency = sessions / throughput), the floor's included, so it shows capacity, not the
experience. Every figure is taken with a warm cache: a first pass visits each view once, so the
single session and the twenty pay alike (the first-visit cost is in bench/interaction.py).
Usage: python bench/load.py [--sessions 20] [--seconds 60] [--think 2] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import random
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


FILTERS = {"ours": ("Measure", ["damage", "needs", "losses"]), "floor": ("Sector", SECTORS)}


async def session(
    url: str,
    seconds: float,
    think: float,
    latencies: list[float],
    errors: list[int],
    index: int,
    name: str,
) -> None:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            _, ids, bad = await _run(ws, None)
            errors.append(bad)
            label, values = FILTERS[name]
            widget = ids[label]
            deadline = time.perf_counter() + seconds
            step = index
            rng = random.Random(index)
            while time.perf_counter() < deadline:
                chosen = [] if step % 2 else [values[(step // 2) % len(values)]]
                ms, _, bad = await _run(ws, (widget, chosen))
                latencies.append(ms)
                errors.append(bad)
                step += 1
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # the analyst reads
    except (OSError, websockets.WebSocketException, KeyError) as err:
        print(f"  session {index}: {type(err).__name__}: {err}")
        errors.append(1)


async def load(
    url: str, sessions: int, seconds: float, think: float = 0.0, name: str = "ours"
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors: list[int] = []
    await asyncio.gather(
        *(session(url, seconds, think, latencies, errors, i, name) for i in range(sessions))
    )
    return latencies, sum(errors)


def _line(label: str, latencies: list[float], errors: int, seconds: float) -> str:
    return (
        f"{label}: {len(latencies):5} reruns, p50 {statistics.median(latencies):5.0f} ms, "
        f"p95 {pct(latencies, 0.95):5.0f} ms, errors {errors}, {len(latencies) / seconds:.1f} reruns/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between changes")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sessions, seconds = (5, 10) if args.quick else (args.sessions, args.seconds)
    print(
        f"load: {sessions} protocol-level sessions x {seconds:g} s against one server, "
        f"think time {args.think:g} s (0.5-1.5x) ({machine()})"
    )
    for name, script in (("ours", APP), ("floor", floor_app())):
        with serving(script) as url:
            asyncio.run(load(url, 1, 3, 0.0, name))  # warm pass: every view once (not counted)
            # one session runs twice as long as the twenty, for enough samples (about 55)
            single, single_errors = asyncio.run(load(url, 1, 2 * seconds, args.think, name))
            many, many_errors = asyncio.run(load(url, sessions, seconds, args.think, name))
            closed, closed_errors = asyncio.run(load(url, sessions, min(seconds, 30), 0.0, name))
        print(f"  {name:5} {_line('1 session  ', single, single_errors, 2 * seconds)}")
        print(f"  {name:5} {_line(f'{sessions} sessions', many, many_errors, seconds)}")
        print(
            f"  {name:5} p95 ratio {pct(many, 0.95) / pct(single, 0.95):.1f}x single-session "
            f"(target <= 3x; errors must be 0)"
        )
        print(
            f"  {name:5} {_line(f'{sessions} sessions, closed loop (no think time)', closed, closed_errors, min(seconds, 30))}"
        )


if __name__ == "__main__":
    main()
