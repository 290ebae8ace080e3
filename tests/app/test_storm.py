"""A storm of picture requests: eight sessions ask for slide pictures at once (charts of the
brief, charts with nothing to draw, the Kyiv timeline) while a viewer reruns the app. However
many ask, no more browsers run than the render service is configured for, every session gets
its picture (clicking again while told where it stands, as a person would), and the viewer's
reruns all finish. The viewer's speed under the storm is measured by bench/storm.py, not here."""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.data.filters import Filters
from dashboard.core.output import rendering
from dashboard.core.output.rendering import RenderNotReady
from dashboard.core.visuals.views import draw_attack_timeline
from dashboard.ui import renders, slides
from dashboard.ui.state import FILTER_KEYS

BROWSERS = 2  # configured for this test: more than one, far fewer than the eight asking
PNG = b"\x89PNG\r\n\x1a\n"


def _chromium(args: list[str]) -> bool:
    name = os.path.basename(args[0])
    return "chrom" in name and "crashpad" not in name


def chromium_browsers(root: int) -> int:
    """Chromium browsers under process `root`, read from /proc: a Chromium started by `root`
    itself or by kaleido's launcher (choreographer's pipe wrapper). Its renderers, zygotes and
    helpers carry --type=, and the copies it forks on the way to its crash handler have a
    Chromium for a parent: none of them is a browser."""
    children: dict[int, list[int]] = {}
    argv: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            argv[int(entry.name)] = (entry / "cmdline").read_bytes().decode().split("\0")
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while being read
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [(pid, root) for pid in children.get(root, [])]
    while todo:
        pid, parent = todo.pop()
        todo.extend((child, pid) for child in children.get(pid, []))
        args, launcher = argv.get(pid, [""]), " ".join(argv.get(parent, []))
        if _chromium(args) and (parent == root or "chromium_wrapper" in launcher):
            found.append((pid, parent))
    # The table is read one process at a time: a browser that closed while it was read (its job
    # done, the next one's browser started) is no longer there, nor under the same parent.
    return sum(_parent(pid) == parent for pid, parent in found)


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


@pytest.fixture
def service(monkeypatch):
    """A fresh render service of this process, configured for BROWSERS browsers."""
    monkeypatch.setenv(rendering.BROWSERS_ENV, str(BROWSERS))
    monkeypatch.setattr(rendering, "_SERVICE", None)
    monkeypatch.setattr(renders, "_RENDERS", renders.Renders())
    return rendering.render_service()


def _sessions() -> list[partial]:
    """Eight pictures nobody has asked for yet, by three paths."""
    dataset = load_dataset_cached(ROOT)
    brief = [
        ("energy", "impacts"),
        ("housing", "impacts"),
        ("transport", "impacts"),
        ("cross-sector", "cost"),
        ("energy", "cost"),  # nothing to draw: the slide says what is not stated
        ("housing", "cost"),  # the same
    ]
    asks = [slides.slide_pictures(dataset, Filters(sector=(s,)), c) for s, c in brief]
    for window in ((date(2025, 1, 1), date(2025, 12, 31)), (date(2024, 1, 1), date(2026, 12, 31))):
        asks.append(
            slides.figure_slide(
                dataset,
                Filters(),
                f"timeline@{window[0]}..{window[1]}",
                partial(draw_attack_timeline, dataset, Filters(), window),
            )
        )
    return [partial(ask, "png") for ask in asks]


def _click_until_drawn(ask: partial, out: list[bytes], told: list[str]) -> None:
    while True:
        try:
            out.append(ask())
            return
        except RenderNotReady as waiting:  # the sentence a person reads, then clicks again
            told.append(str(waiting))


def test_eight_sessions_asking_for_pictures_run_at_most_the_configured_browsers(service):
    pictures: list[bytes] = []
    told: list[str] = []
    sessions = [
        threading.Thread(target=_click_until_drawn, args=(ask, pictures, told), name=f"session-{i}")
        for i, ask in enumerate(_sessions())
    ]
    most, stop = [0], threading.Event()

    def watch() -> None:
        while not stop.wait(0.05):  # sampling the process table, not waiting for a result
            most[0] = max(most[0], chromium_browsers(os.getpid()))

    watcher = threading.Thread(target=watch, name="browser-count")
    watcher.start()
    viewer = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    for session in sessions:
        session.start()
    sectors, reruns = ["energy", "housing", "transport", "cross-sector"], 0
    while any(s.is_alive() for s in sessions):  # the viewer reruns while the storm lasts
        # the Overview's sector, as its component's choice sets it (ui/component._on_choice)
        viewer.session_state[FILTER_KEYS["sector"]] = [sectors[reruns % 4]]
        viewer.run()
        assert not viewer.exception
        reruns += 1
    for session in sessions:
        session.join()
    stop.set()
    watcher.join()

    assert len(pictures) == 8 and all(p.startswith(PNG) for p in pictures)
    assert 1 <= most[0] <= BROWSERS, f"{most[0]} browsers ran at once"
    assert reruns >= 1
    # those told to wait were told where their picture stood, in words
    assert all(
        t.startswith("The picture is ")
        and t.endswith("click again in a few seconds to download it.")
        for t in told
    )
    assert any("in the queue" in t for t in told)
    assert service.busy() == 0


def test_clearing_streamlits_caches_keeps_the_renders_and_the_one_service():
    """Any websocket client can send "clear cache": the store and the service are the process's,
    so every session's pictures stay and no second set of browsers starts."""
    import streamlit as st

    store, queue = renders.renders(), rendering.render_service()
    st.cache_resource.clear()
    st.cache_data.clear()
    assert renders.renders() is store
    assert rendering.render_service() is queue


def test_a_click_on_a_picture_queued_or_drawn_builds_no_figure(service, monkeypatch):
    """The chart is planned by its job, once: clicks while it waits in the queue, and after it
    is drawn, only look it up (under a storm of clicks, planning on every click held Python's
    lock for a quarter of the server's time: bench/storm.py, docs/performance.md)."""
    from dashboard.core.output import briefing

    planned: list[str] = []
    plan_charts = briefing.plan_charts

    def counted(*args, **kwargs):
        planned.append(args[2][0])
        return plan_charts(*args, **kwargs)

    monkeypatch.setattr(briefing, "plan_charts", counted)
    release = threading.Event()
    busy = [  # every browser of the service drawing something else
        service.submit(f"busy {i}", partial(asyncio.to_thread, release.wait, 60))
        for i in range(BROWSERS)
    ]
    picture = slides.slide_pictures(
        load_dataset_cached(ROOT), Filters(sector=("energy",)), "impacts"
    )
    monkeypatch.setattr(renders, "WAIT", 0.05)
    for _ in range(3):  # clicks while another job draws: told where it stands, nothing planned
        with pytest.raises(RenderNotReady, match=f"in the queue, {BROWSERS} picture jobs ahead"):
            picture("png")
    assert planned == []
    release.set()
    for job in busy:
        job.result(timeout=60)
    png = _drawn(picture)
    assert png.startswith(PNG) and picture("svg").startswith(b"<svg") and picture("png") == png
    assert planned == ["impacts"]


def _drawn(picture) -> bytes:
    out: list[bytes] = []
    _click_until_drawn(partial(picture, "png"), out, [])
    return out[0]


@pytest.mark.parametrize("error", [RenderNotReady("queued"), rendering.RenderFailed("failed")])
def test_streamlit_logs_no_traceback_for_a_picture_not_ready_or_failed(error, caplog):
    """Streamlit logs a traceback for every deferred download that raised; formatting one per
    "click again" ran on the event loop every session's messages go through. The page has the
    sentence and the log its line already (ui/downloads.Guarded), so these are dropped there,
    and any other error is still logged."""
    import logging

    logger = logging.getLogger(renders.DEFERRED_LOGGER)
    logger.addHandler(caplog.handler)
    try:
        for raised in (error, ValueError("a bug")):
            try:
                raise raised
            except Exception:
                logger.exception("Error executing deferred callable for file_id %s", "x")
    finally:
        logger.removeHandler(caplog.handler)
    assert [r.exc_info[1] for r in caplog.records if r.exc_info] == [raised]
