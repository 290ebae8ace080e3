"""A server stopped by SIGTERM (as systemd, docker or `kill` stop it) leaves nothing behind: the
Data page's prepared files and their folder are deleted, and a render browser that was drawing
is ended with its profile folder, kaleido's page and Chromium's singleton folder. The server is
`python -m dashboard serve`, spoken to over Streamlit's websocket protocol as bench/storm.py
does, with its temporary folder pointed at the test's own so anything left is seen."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.core.base.paths import ROOT
from tests.app.test_storm import chromium_browsers
from tests.e2e.conftest import _free_port, _wait_healthy

SLIDE = "PNG for slides (1920×1080)"
EXIT_SECONDS = 120  # generous: the shutdown waits for nothing slow, but the machine is shared


async def _run(ws, page: str = "", query: str = "", press: str = "") -> tuple[list, str]:
    """One run of the script (`press`: a button's id, clicked): its elements and session id."""
    msg = BackMsg()
    msg.rerun_script.page_name, msg.rerun_script.query_string = page, query
    if press:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id, state.trigger_value = press, True
    await ws.send(msg.SerializeToString())
    elements, session = [], ""
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await ws.recv())
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            session = fm.new_session.initialize.session_id
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            elements.append(fm.delta.new_element)
        if kind == "script_finished":
            return elements, session


async def _prepare_csv_and_ask_for_a_slide(url: str, server: int) -> None:
    """Click the Data page's CSV (written to disk by the handoff store), then ask for a slide
    picture and return once its browser runs (the request is left unanswered)."""
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
        elements, _ = await _run(ws, "data")
        csv = [e.button.id for e in elements if e.WhichOneof("type") == "button"]
        csv = [i for i in csv if i.endswith("-dl_csv")]
        assert csv, "the Data page has no CSV button"
        await _run(ws, "data", press=csv[0])
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
        elements, session = await _run(ws, query="sector=energy&tab=impacts")
        files = [
            e.download_button.deferred_file_id
            for e in elements
            if e.WhichOneof("type") == "download_button" and e.download_button.label == SLIDE
        ]
        assert files, "the Overview has no slide button"
        ask = BackMsg()
        ask.backend_operation_request.request_id = "1"
        ask.backend_operation_request.session_id = session
        ask.backend_operation_request.deferred_file.file_id = files[0]
        await ws.send(ask.SerializeToString())
        deadline = time.monotonic() + EXIT_SECONDS
        while not chromium_browsers(server):  # polling for the browser to start, not a wait
            assert time.monotonic() < deadline, "no render browser started"
            await asyncio.sleep(0.05)


def _descendants(root: int) -> list[int]:
    """Every process under `root`, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # not a process, or one that ended while being read
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_sigterm_deletes_the_prepared_files_and_ends_the_render_browsers(tmp_path):
    port = _free_port()
    cmd = [sys.executable, "-m", "dashboard", "serve", "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # every temporary folder of the server here
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        asyncio.run(_prepare_csv_and_ask_for_a_slide(url, proc.pid))
        downloads = list(tmp_path.glob("dashboard-downloads-*/*"))
        assert downloads, "the CSV was not prepared on disk"
        children = _descendants(proc.pid)
        assert chromium_browsers(proc.pid) == 1
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=EXIT_SECONDS)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert [pid for pid in children if _alive(pid)] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []
