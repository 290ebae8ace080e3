"""The views a user opens next, built once per data version off the request path.

A first visit of a view builds its figure (tens of milliseconds); a filter change is the
commonest action. After the first page of a new data version has been sent, one thread builds
the Overview's charts and cards for no filter and for each single sector into the same caches
the pages read, so those first visits cost what a view seen before costs."""

from __future__ import annotations

import logging
import threading

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.ui.charts import view_figure
from dashboard.ui.data import get_cards_html, get_filter_options
from dashboard.ui.state import OVERVIEW_HEIGHTS

logger = logging.getLogger(__name__)
_started: set[str] = set()
_lock = threading.Lock()


def warm_views(dataset: Dataset) -> threading.Thread | None:
    """Start building the likely next views of this data version, once per server process;
    returns the thread when this call started one."""
    with _lock:
        if dataset.version in _started:
            return None
        _started.add(dataset.version)
    thread = threading.Thread(target=_build, args=(dataset,), name="warm-views", daemon=True)
    add_script_run_ctx(thread, get_script_run_ctx())  # the caches need no page: no warnings
    thread.start()
    return thread


def likely_filters(dataset: Dataset) -> list[Filters]:
    """No filter, then each sector alone: what a first filter change most often asks for."""
    return [Filters(), *(Filters(sector=(s,)) for s in get_filter_options(dataset)["sector"])]


def build_ahead(dataset: Dataset, filters: Filters, charts: tuple[str, ...] = ()) -> None:
    """One Overview view into the caches its page reads: the cards and each chart (all by
    default) in the laptop layout, with the dict a page sends made (and kept) here too."""
    get_cards_html(dataset, filters)
    for chart in charts or tuple(OVERVIEW_HEIGHTS):
        view_figure(
            dataset,
            filters,
            chart,
            height=OVERVIEW_HEIGHTS[chart],
        ).to_dict()


def _build(dataset: Dataset) -> None:
    try:
        for filters in likely_filters(dataset):
            build_ahead(dataset, filters)
    except Exception:  # a page builds the view itself; say why it was not ready
        logger.exception("building the likely views of data version %s", dataset.version)
