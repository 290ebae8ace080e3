"""The one render service of a process: every picture the app draws (a slide's PNG or SVG, the
charts of a deck or ZIP) is a job in one queue, drawn by a fixed number of browsers.

Each worker thread of its own executor (never asyncio's default pool, which Streamlit uses to
build every download) runs one job at a time, and a job starts one browser: so at most
`BROWSERS` Chromiums run at once however many people click. A job is a coroutine run under a
timeout (the browser is closed when it is cancelled); a job that fails is tried once more (a
browser can fail at random, as kaleido's tabs sometimes do), then fails with one plain sentence
while the details go to the log. Jobs are known by a key: asking again for a job that is queued,
running or kept returns that one, so a second click on a picture does not draw it twice.

The service belongs to the process (`render_service()`, a module-level instance), not to a
cache a client can clear.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from dashboard.core.base.i18n import _, current_language, ngettext, use_language

LOG = logging.getLogger(__name__)

NICE_ENV = "DASHBOARD_RENDER_NICE"  # how much lower the render browsers run (0 to 19; default 10)
NICE = 10  # a browser drawing waits for the CPU behind people's page reruns
IDLE_ENV = "DASHBOARD_RENDER_IDLE"  # 1: the render browsers run under SCHED_IDLE (0: nice only)
IDLE = 1  # a rerun that wakes takes the core from a drawing browser at once
BROWSERS_ENV = "DASHBOARD_RENDER_BROWSERS"  # browsers drawing at once (1 to 4; default 1)
TIMEOUT_ENV = "DASHBOARD_RENDER_TIMEOUT"  # seconds a job may take (default 180)
BROWSERS = 1  # two Chromiums on two cores would only slow each other down
TIMEOUT = 180.0  # a whole brief takes about 10 s idle; a loaded machine several times that
KEEP = 16  # finished results kept for a second click (a slide's PNG and SVG, about 1 MB)
FAILED = "The picture could not be drawn; the details are in the server's log."

Job = Callable[[], Coroutine[Any, Any, Any]]


class RenderNotReady(Exception):
    """A picture still queued or drawing; the message says where it stands, in words."""


class RenderFailed(Exception):
    """A picture that could not be drawn; the message is one plain sentence for the page."""


def setting(name: str, default: float, low: float, high: float) -> float:
    """A number from the environment, within [low, high]; the default when unset or unreadable."""
    raw = os.environ.get(name, "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        LOG.warning("%s=%r is not a number; using %s", name, raw, default)
        return default
    return min(max(value, low), high)


class RenderService:
    """One queue, `browsers` workers, a timeout per job, results kept by key."""

    def __init__(self, browsers: int = BROWSERS, timeout: float = TIMEOUT, keep: int = KEEP):
        self.browsers, self.timeout, self._keep = browsers, timeout, keep
        self._pool = ThreadPoolExecutor(max_workers=browsers, thread_name_prefix="render")
        self._lock = threading.Lock()
        self._waiting: list[Hashable] = []  # in queue order
        self._running: set[Hashable] = set()
        self._jobs: dict[Hashable, Future[Any]] = {}  # queued or running
        self._kept: OrderedDict[Hashable, Future[Any]] = OrderedDict()
        # each running job's event loop and task, so close() can cancel it from another thread
        self._tasks: dict[Hashable, tuple[asyncio.AbstractEventLoop, asyncio.Task[Any]]] = {}
        self._closed = False

    def submit(self, key: Hashable, job: Job, *, keep: bool = True) -> Future[Any]:
        """Queue `job` under `key`, unless that job is queued, running or kept already."""
        with self._lock:
            known = self._jobs.get(key) or self._kept.get(key)
            if known is not None:
                return known
            if self._closed:
                raise RenderFailed(FAILED)
            self._waiting.append(key)
            # The job draws in the submitter's language (a thread does not inherit it).
            future = self._pool.submit(self._run_in, current_language(), key, job, keep)
            self._jobs[key] = future
            return future

    def _run_in(self, lang: str, key: Hashable, job: Job, keep: bool) -> Any:
        with use_language(lang):
            return self._run(key, job, keep)

    def job(self, key: Hashable) -> Future[Any] | None:
        """The job under `key` while it is queued or running, else None."""
        with self._lock:
            return self._jobs.get(key)

    def position(self, key: Hashable) -> int | None:
        """0 while the job draws, n while n jobs are ahead of it; None when it is not queued."""
        with self._lock:
            if key in self._running:
                return 0
            if key in self._waiting:
                return len(self._running) + self._waiting.index(key)
            return None

    def where(self, key: Hashable) -> str:
        """Where a job stands, in words."""
        ahead = self.position(key)
        if ahead is None:
            return _("finished")
        if ahead == 0:
            return _("being drawn now")
        return ngettext(
            "in the queue, {n} picture job ahead of it",
            "in the queue, {n} picture jobs ahead of it",
            ahead,
        ).format(n=ahead)

    def result(self, key: Hashable, job: Job, wait: float) -> Any:
        """The job's result, waiting at most `wait` seconds: RenderNotReady (saying where it
        stands) if it is not done by then, RenderFailed if it failed."""
        future = self.submit(key, job)
        try:
            return future.result(timeout=wait)
        except FutureTimeout:
            raise RenderNotReady(
                _("The picture is {where}; click again in a few seconds to download it.").format(
                    where=self.where(key)
                )
            ) from None

    def busy(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return len(self._jobs)

    def _run(self, key: Hashable, job: Job, keep: bool) -> Any:
        with self._lock:
            self._waiting.remove(key)
            self._running.add(key)
        done = False
        try:
            result = self._attempts(key, job)
            done = True
            return result
        finally:
            with self._lock:
                self._running.discard(key)
                future = self._jobs.pop(key)
                if keep and done:  # a failure is not kept: the next click tries again
                    self._kept[key] = future
                    while len(self._kept) > self._keep:
                        self._kept.popitem(last=False)

    def _attempts(self, key: Hashable, job: Job) -> Any:
        for attempt in (1, 2):
            try:
                return asyncio.run(self._timed(key, job))
            except TimeoutError:
                LOG.error("render job %r took longer than %s s", key, self.timeout)
                raise RenderFailed(
                    _(
                        "The picture took longer than {seconds} seconds to draw and was given up; try again later."
                    ).format(seconds=f"{self.timeout:g}")
                ) from None
            except Exception:
                LOG.exception("render job %r failed (attempt %d of 2)", key, attempt)
        raise RenderFailed(FAILED)

    async def _timed(self, key: Hashable, job: Job) -> Any:
        """The job under the timeout, known to close() while it runs."""
        task = asyncio.current_task()
        assert task is not None  # asyncio.run runs this as a task
        with self._lock:
            if self._closed:  # closed while the job was queued
                raise asyncio.CancelledError
            self._tasks[key] = (asyncio.get_running_loop(), task)
        try:
            return await asyncio.wait_for(job(), self.timeout)
        finally:
            with self._lock:
                self._tasks.pop(key, None)

    def close(self, wait: float = 10.0) -> None:
        """Stop: drop the queued jobs, cancel the running ones (each closes its browser, which
        removes its profile folder) and wait up to `wait` seconds for them to have done so.
        The server's shutdown calls it (dashboard/webapp.py): uvicorn then re-raises the
        SIGTERM it caught, and a browser left drawing would outlive the server."""
        with self._lock:
            self._closed = True
            running = list(self._tasks.values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for loop, task in running:
            loop.call_soon_threadsafe(task.cancel)
        for thread in list(getattr(self._pool, "_threads", ())):
            thread.join(wait)


_SERVICE: RenderService | None = None
_SERVICE_LOCK = threading.Lock()


def render_service() -> RenderService:
    """The process's one render service, made on first use with the environment's settings."""
    global _SERVICE
    with _SERVICE_LOCK:
        if _SERVICE is None:
            browsers = int(setting(BROWSERS_ENV, BROWSERS, 1, 4))
            _SERVICE = RenderService(browsers, setting(TIMEOUT_ENV, TIMEOUT, 5, 3600))
        return _SERVICE


def close_service() -> None:
    """Close the process's render service if it was made (the served app's shutdown)."""
    with _SERVICE_LOCK:
        service = _SERVICE
    if service is not None:
        service.close()
