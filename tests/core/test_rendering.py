"""The render service: one queue, a fixed number of workers (never asyncio's default pool), a
timeout per job, one retry, plain sentences, a job asked for twice drawn once."""

from __future__ import annotations

import asyncio
import threading

import pytest

from dashboard.core.output import rendering
from dashboard.core.output.rendering import (
    RenderFailed,
    RenderNotReady,
    RenderService,
    render_service,
)


def _gate() -> tuple[threading.Event, list[str]]:
    return threading.Event(), []


def _job(name: str, release: threading.Event, ran: list[str], result: object = None):
    async def job() -> object:
        ran.append(f"{name}@{threading.current_thread().name}")
        await asyncio.to_thread(release.wait, 30)
        return result if result is not None else name

    return job


def test_jobs_wait_their_turn_and_say_where_they_stand():
    service = RenderService(browsers=1, timeout=60)
    release, ran = _gate()
    first = service.submit("a", _job("a", release, ran))
    service.submit("b", _job("b", release, ran))
    service.submit("c", _job("c", release, ran))
    while not ran:  # the first job has started in its worker
        threading.Event().wait(0.01)
    assert service.position("a") == 0 and service.where("a") == "being drawn now"
    assert service.position("c") == 2
    assert service.where("c") == "in the queue, 2 picture jobs ahead of it"
    with pytest.raises(
        RenderNotReady, match="in the queue, 2 picture jobs ahead of it; click again"
    ):
        service.result("c", _job("c", release, ran), wait=0.05)
    release.set()
    assert first.result(timeout=30) == "a"
    assert service.result("c", _job("c", release, ran), wait=30) == "c"
    # one at a time, in order, each in the service's own worker thread, never the default pool
    assert [r.split("@")[0] for r in ran] == ["a", "b", "c"]
    assert all(r.split("@")[1].startswith("render") for r in ran)
    assert service.where("c") == "finished"


def test_a_job_asked_for_again_is_drawn_once():
    service = RenderService(browsers=1, timeout=60)
    release, ran = _gate()
    release.set()
    futures = [service.submit("same", _job("same", release, ran)) for _ in range(5)]
    assert {f.result(timeout=30) for f in futures} == {"same"}
    assert service.result("same", _job("same", release, ran), wait=1) == "same"  # kept
    assert len(ran) == 1


def test_no_more_jobs_run_at_once_than_browsers():
    service = RenderService(browsers=2, timeout=60)
    running, most, lock = [0], [0], threading.Lock()

    async def job() -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        await asyncio.sleep(0.05)  # the job's own work, inside the service, not a test wait
        with lock:
            running[0] -= 1

    futures = [service.submit(i, job) for i in range(8)]
    for future in futures:
        future.result(timeout=30)
    assert most[0] == 2


def test_a_job_past_its_timeout_fails_in_a_sentence_and_is_not_kept():
    service = RenderService(browsers=1, timeout=0.2)
    forever = threading.Event()

    async def stuck() -> None:
        await asyncio.to_thread(forever.wait, 5)

    with pytest.raises(RenderFailed) as failure:
        service.submit("slow", stuck).result(timeout=30)
    forever.set()
    assert str(failure.value) == (
        "The picture took longer than 0.2 seconds to draw and was given up; try again later."
    )

    async def quick() -> str:
        return "drawn"

    assert service.submit("slow", quick).result(timeout=30) == "drawn"  # tried again


def test_a_failing_job_is_tried_twice_then_says_one_plain_sentence(caplog):
    service = RenderService(browsers=1, timeout=30)
    tries = []

    async def broken() -> None:
        tries.append(1)
        raise RuntimeError("ReferenceError: kaleido_scopes is not defined")

    with pytest.raises(RenderFailed) as failure:
        service.submit("broken", broken).result(timeout=30)
    assert len(tries) == 2
    assert str(failure.value) == (
        "The picture could not be drawn; the details are in the server's log."
    )
    assert "kaleido_scopes" not in str(failure.value)
    assert "kaleido_scopes" in caplog.text  # the details go to the log


def test_a_flaky_job_succeeds_on_its_second_try():
    service = RenderService(browsers=1, timeout=30)
    tries = []

    async def flaky() -> str:
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("the browser went away")
        return "drawn"

    assert service.submit("flaky", flaky).result(timeout=30) == "drawn"


@pytest.mark.parametrize(
    ("browsers", "timeout", "expected"),
    [
        (None, None, (1, 180.0)),
        ("2", "60", (2, 60.0)),
        ("99", "1", (4, 5.0)),  # clamped: at most four browsers, at least five seconds
        ("two", "soon", (1, 180.0)),  # unreadable: the defaults
    ],
)
def test_the_service_is_one_per_process_configured_by_the_environment(
    monkeypatch, browsers, timeout, expected
):
    for name, value in ((rendering.BROWSERS_ENV, browsers), (rendering.TIMEOUT_ENV, timeout)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.setattr(rendering, "_SERVICE", None)
    service = render_service()
    assert (service.browsers, service.timeout) == expected
    assert render_service() is service


def test_closing_cancels_the_running_job_and_drops_the_queued_ones():
    """The server's shutdown closes the service: the job drawing is cancelled (its browser is
    closed by its own context manager), the queued ones never start, and nothing new is taken."""
    service = RenderService(browsers=1, timeout=60)
    release, ran = _gate()

    async def drawing() -> None:  # as a browser draws: awaiting, cancellable
        ran.append(f"a@{threading.current_thread().name}")
        await asyncio.sleep(60)

    running = service.submit("a", drawing)
    queued = service.submit("b", _job("b", release, ran))
    while not ran:  # the first job has started in its worker
        threading.Event().wait(0.01)
    service.close()
    assert running.done() and queued.cancelled()
    with pytest.raises(asyncio.CancelledError):
        running.result()
    assert ran == ["a@render_0"]
    with pytest.raises(RenderFailed, match=r"^The picture could not be drawn"):
        service.submit("c", _job("c", release, ran))
