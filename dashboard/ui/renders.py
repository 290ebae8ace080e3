"""Briefing renders off the page's thread: one job per request, progress per chart, and every
rendered chart kept per data version, filters and chart, so a repeated request costs nothing
and the page stays usable while Chromium draws."""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import astuple

import streamlit as st

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import render_plans
from dashboard.core.output.plans import ChartPlan, RenderedChart
from dashboard.core.visuals.views import ALL_DATES, Window

Key = tuple[str, tuple[tuple[str, ...], ...], str]  # data version, filters, chart
RENDER_TIMEOUT = 300  # seconds a download waits for its chart: far beyond a whole brief
KEEP = 64  # rendered charts kept (about 0.5 MB each): every chart of a dozen views


class Renders:
    """Rendered charts shared by every session, and the charts being rendered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: OrderedDict[Key, RenderedChart] = OrderedDict()
        self.pending: set[Key] = set()
        self.failed: dict[Key, str] = {}
        self.jobs: dict[Key, Future[None]] = {}  # the job drawing each pending chart
        # one job at a time: two Chromiums on two cores would only slow each other down
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing")

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

    def submit(self, keys: dict[str, Key], plans: list[ChartPlan]) -> None:
        """Render the plans not rendered or rendering yet, in one browser, in the background."""
        with self.lock:
            busy = set(self.done) | self.pending
            todo = [p for p in plans if keys[p.key] not in busy]
            for plan in todo:
                self.pending.add(keys[plan.key])
                self.failed.pop(keys[plan.key], None)
            if todo:  # under the lock: the job cannot finish before it is recorded
                job = self.pool.submit(self._run, keys, todo)
                self.jobs.update((keys[p.key], job) for p in todo)

    def render_now(self, key: Key, plan: ChartPlan) -> RenderedChart:
        """One chart's images, drawn now (in turn with the background jobs, which share the one
        browser slot) unless drawn before: the same bytes a brief of this view puts in its ZIP."""
        self.submit({plan.key: key}, [plan])
        with self.lock:
            job = self.jobs.get(key)
        if job is not None:
            job.result(timeout=RENDER_TIMEOUT)
        with self.lock:
            if key in self.done:
                return self.done[key]
            raise RuntimeError(self.failed.get(key, "the chart was not rendered"))

    def _run(self, keys: dict[str, Key], plans: list[ChartPlan]) -> None:
        try:
            render_plans(plans, lambda chart: self._store(keys[chart.key], chart))
        except Exception as error:
            with self.lock:
                for plan in plans:
                    if keys[plan.key] in self.pending:
                        self.failed[keys[plan.key]] = f"{type(error).__name__}: {error}"
        finally:
            with self.lock:
                self.pending.difference_update(keys[p.key] for p in plans)
                for plan in plans:
                    self.jobs.pop(keys[plan.key], None)

    def _store(self, key: Key, chart: RenderedChart) -> None:
        with self.lock:
            self.done[key] = chart
            self.done.move_to_end(key)
            while len(self.done) > KEEP:
                self.done.popitem(last=False)
            self.pending.discard(key)


@st.cache_resource
def renders() -> Renders:
    """The one render store of this server."""
    return Renders()


def render_key(dataset: Dataset, filters: Filters, chart: str, window: Window = ALL_DATES) -> Key:
    """What a rendered chart depends on: the data version, the filters, the chart (with the
    Kyiv map's date window, when one is set)."""
    if window != ALL_DATES:
        chart = f"{chart}@{window[0]}..{window[1]}"
    return (dataset.version, astuple(filters), chart)
