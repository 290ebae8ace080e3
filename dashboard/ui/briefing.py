"""Briefing renders off the page's thread: one job per request, progress per chart, and every
rendered chart kept per data version, filters and chart, so a repeated request costs nothing
and the page stays usable while Chromium draws."""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple

import streamlit as st

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import ChartPlan, RenderedChart, render_plans

Key = tuple[str, tuple[tuple[str, ...], ...], str]  # data version, filters, chart
KEEP = 64  # rendered charts kept (about 0.5 MB each): every chart of a dozen views


class Renders:
    """Rendered charts shared by every session, and the charts being rendered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: OrderedDict[Key, RenderedChart] = OrderedDict()
        self.pending: set[Key] = set()
        self.failed: dict[Key, str] = {}
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
        if todo:
            self.pool.submit(self._run, keys, todo)

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


def render_key(dataset: Dataset, filters: Filters, chart: str) -> Key:
    """What a rendered chart depends on: the data version, the filters, the chart."""
    return (dataset.version, astuple(filters), chart)
