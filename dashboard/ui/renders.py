"""Briefing renders off the page's thread: one job per request, progress per chart, and every
rendered chart kept per data version, filters and chart, so a repeated request costs nothing
and the page stays usable while Chromium draws. The jobs are drawn by the process's one render
service (core/output/rendering.py: one queue, a fixed number of browsers); the store too belongs
to the process, not to a cache that any client's "clear cache" would drop."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import astuple
from functools import partial
from typing import Any

from dashboard.core.base.i18n import _, keyed
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import plan_and_render_async, render_plans_async
from dashboard.core.output.plans import ChartPlan, RenderedChart
from dashboard.core.output.rendering import RenderFailed, RenderNotReady, render_service
from dashboard.core.visuals.views import ALL_DATES, Window

Key = tuple[str, tuple[tuple[str, ...], ...], str]  # data version, filters, chart
WAIT = 8.0  # seconds a click waits for its picture before saying where it stands (the
# download's own wait, ui/downloads.WAIT, is longer, so the sentence reaches the page)
KEEP = 64  # rendered charts kept (about 0.5 MB each): every chart of a dozen views
# Streamlit's logger for a deferred download that raised (ui/downloads.Guarded has logged it)
DEFERRED_LOGGER = "streamlit.runtime.backend_operation_handler"


class _Worded(logging.Filter):
    """Drops Streamlit's traceback for a picture not drawn yet or not drawable: the page has
    its sentence and the log its line (Guarded, the render service). Formatting each one ran
    on the server's event loop, which every session's messages go through: under a storm of
    "click again" it was a tenth of the event loop's time (py-spy, bench/storm.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, (RenderNotReady, RenderFailed))


logging.getLogger(DEFERRED_LOGGER).addFilter(_Worded())


class Renders:
    """Rendered charts shared by every session, and the charts being rendered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: OrderedDict[Key, RenderedChart] = OrderedDict()
        self.pending: set[Key] = set()
        self.failed: dict[Key, str] = {}
        self.jobs: dict[Key, tuple[Key, ...]] = {}  # the service's job drawing each pending chart

    def get(self, key: Key) -> RenderedChart | None:
        """A rendered chart, or None."""
        with self.lock:
            return self.done.get(key)

    def state(self, key: Key) -> str:
        """'ready', 'rendering', 'failed: ...' or 'not started'."""
        with self.lock:
            if key in self.done:
                return "ready"
            if key in self.failed:
                return f"failed: {self.failed[key]}"
            return "rendering" if key in self.pending else "not started"

    def where(self, key: Key) -> str:
        """Where a chart being rendered stands in the service's queue, in words."""
        with self.lock:
            job = self.jobs.get(key)
        return render_service().where(job) if job is not None else self.state(key)

    def submit(self, keys: dict[str, Key], plans: list[ChartPlan]) -> Future[None] | None:
        """Render the plans not rendered or rendering yet, in one job of the render service."""
        with self.lock:
            busy = set(self.done) | self.pending
            todo = [p for p in plans if keys[p.key] not in busy]
            for plan in todo:
                self.pending.add(keys[plan.key])
                self.failed.pop(keys[plan.key], None)
            if not todo:
                return None
            # under the lock: the job cannot finish before it is recorded
            job = tuple(keys[p.key] for p in todo)
            on_done = lambda chart: self._store(keys[chart.key], chart)  # noqa: E731
            future = render_service().submit(
                job, partial(render_plans_async, todo, on_done), keep=False
            )
            self.jobs.update((keys[p.key], job) for p in todo)
        future.add_done_callback(partial(self._finish, job))
        return future

    def submit_planned(
        self, key: Key, plan: Callable[[], ChartPlan]
    ) -> Future[RenderedChart] | None:
        """Render the chart `plan` makes, planned by the job itself, unless it is rendered or
        rendering already: a click on a drawn or queued picture builds no figure."""
        with self.lock:
            if key in self.done or key in self.pending:
                return None
            self.pending.add(key)
            self.failed.pop(key, None)
            job = (key,)
            on_done = partial(self._store, key)
            future = render_service().submit(
                job, partial(plan_and_render_async, plan, on_done), keep=False
            )
            self.jobs[key] = job
        future.add_done_callback(partial(self._finish, job))
        return future

    def render_now(
        self, key: Key, plan: ChartPlan | Callable[[], ChartPlan], wait: float | None = None
    ) -> RenderedChart:
        """One chart's images unless drawn before (the same bytes a brief of this view puts in
        its ZIP), waiting at most `wait` seconds: then RenderNotReady says where it stands.
        `plan` may be a function that plans the chart: it runs only if no job has drawn it."""
        wait = WAIT if wait is None else wait
        if isinstance(plan, ChartPlan):
            future = self.submit({plan.key: key}, [plan])
        else:
            future = self.submit_planned(key, plan)
        with self.lock:
            job = self.jobs.get(key)
        if future is None and job is not None:  # drawn by another request's job
            future = render_service().job(job)
        if future is not None:
            try:
                future.result(timeout=wait)
            except TimeoutError:
                where = render_service().where(job)
                raise RenderNotReady(
                    _(
                        "The picture is {where}; click again in a few seconds to download it."
                    ).format(where=where)
                ) from None
            except RenderFailed:
                pass  # said below, from what was recorded
        with self.lock:
            if key in self.done:
                return self.done[key]
            raise RenderFailed(self.failed.get(key, "The chart could not be drawn."))

    def _finish(self, job: tuple[Key, ...], future: Future[Any]) -> None:
        error = None if future.cancelled() else future.exception()  # cancelled: the server stops
        with self.lock:
            for key in job:
                if key in self.pending:  # a chart the job did not deliver
                    self.failed[key] = (
                        str(error) if isinstance(error, RenderFailed) else "it was not drawn"
                    )
                self.pending.discard(key)
                if self.jobs.get(key) == job:
                    del self.jobs[key]

    def _store(self, key: Key, chart: RenderedChart) -> None:
        with self.lock:
            self.done[key] = chart
            self.done.move_to_end(key)
            while len(self.done) > KEEP:
                self.done.popitem(last=False)
            self.pending.discard(key)


_RENDERS = Renders()  # the process's one store: not a cache any client's message can clear


def renders() -> Renders:
    """The one render store of this server."""
    return _RENDERS


def render_key(dataset: Dataset, filters: Filters, chart: str, window: Window = ALL_DATES) -> Key:
    """What a rendered chart depends on: the data version, the filters, the chart (with the
    Kyiv map's date window, when one is set)."""
    if window != ALL_DATES:
        chart = f"{chart}@{window[0]}..{window[1]}"
    return (keyed(dataset.version), astuple(filters), chart)
