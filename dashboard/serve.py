"""`python -m dashboard serve [streamlit options]`: `streamlit run dashboard/app.py`, warmed.

Streamlit runs the app script only when a browser connects, so the first visitor pays for every
import (pandas, plotly's figure classes, this package) and the first figure build: about 0.6 s
on the reference machine. Here a background thread does that work as soon as the server is
listening, while the browser is still fetching and starting Streamlit's front end.
"""

from __future__ import annotations

import sys
import threading
import time

from dashboard.core.paths import ROOT

APP = ROOT / "dashboard" / "app.py"
WAIT_SECONDS = 60  # give up warming (harmlessly) if the server has not started by then


def _server_started() -> bool:
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    return Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL


def warm_up() -> None:
    """Once the server listens, import and exercise what the first page needs."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not _server_started():  # never compete with the server's own start for the CPU
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)
    from dashboard.core.data.dataset import DataUnavailable, load_dataset_cached
    from dashboard.core.data.filters import Filters
    from dashboard.core.paths import data_root, read_only
    from dashboard.core.visuals.views import build_view
    from dashboard.ui import brief, charts, data, evidence, filters, slides, warm  # noqa: F401

    try:
        dataset = load_dataset_cached(data_root(), write=not read_only())
    except DataUnavailable:
        return  # the app's error page says what is wrong; there is nothing to warm
    build_view(dataset, Filters(), ["cost"])


def serve(streamlit_args: list[str]) -> int:
    """Start the warm-up thread, then hand over to `streamlit run` (which does not return)."""
    from streamlit.web import cli

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *streamlit_args]
    return int(cli.main() or 0)
