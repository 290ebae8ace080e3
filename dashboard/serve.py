"""`python -m dashboard serve [streamlit options]`: `streamlit run dashboard/webapp.py` (the app
script `app.py` with the app's own download route), warmed.

Streamlit runs the app script only when a browser connects. When a first screen is kept for
these data files and this code (core/data/stamp.py), the first page needs no dataset: the server
starts at once, and a thread loads the data and builds the views once that page has been sent.
Otherwise the first page's modules are imported before the server listens (alongside the
browser's page load they held Python's lock while the server answered its requests for
scripts), and the thread fills the caches that page reads while the browser starts Streamlit's
front end.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

from dashboard.core.base.paths import ROOT

APP = ROOT / "dashboard" / "app.py"
WEBAPP = ROOT / "dashboard" / "webapp.py"  # app.py served with the download route (st.App)
WAIT_SECONDS = 60
FIRST_SCREEN_WAIT = 10  # seconds the warm-up waits for a kept first screen to be sent
# Streamlit warns when a thread without a page touches a cache ("missing ScriptRunContext ...
# can be ignored in bare mode"); the warm-up threads do so on purpose.
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
WARM_THREADS = ("warm-up", "warm-views")
# /_stcore/metrics lists the server's caches and sessions to anyone who asks, and Streamlit 1.67
# has no option to turn it off: the server is built without it unless this is set to 1.
METRICS_ENV = "DASHBOARD_METRICS"


def _quiet_warm_threads(record: logging.LogRecord) -> bool:
    return (
        record.threadName not in WARM_THREADS
    )  # give up warming (harmlessly) if the server has not started by then


def _server_started() -> bool:
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    return Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL


def preload() -> None:
    """The imports of the first page, before the server listens: done alongside the browser's
    page load they held Python's lock while the server answered its dozens of requests for
    scripts, and the page took longer to load than the imports take (measured: bench/startup.py)."""
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from dashboard.core.data import dataset  # noqa: F401
    from dashboard.core.visuals import views  # noqa: F401
    from dashboard.ui import brief, charts, data, evidence, filters, front, live, slides  # noqa: F401


def warm_up(screen_kept: bool = False) -> None:
    """Once the server listens, fill the caches the first page reads (once a kept first screen
    has been sent, when there is one)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not _server_started():  # never compete with the server's own start for the CPU
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)
    from dashboard.routes import plotly_bytes

    plotly_bytes()  # read (or compressed) before the first page asks for it
    if screen_kept:  # the first page needs no dataset: let it go out before the imports
        from dashboard.ui.front import first_sent

        first_sent.wait(FIRST_SCREEN_WAIT)
    from dashboard.core.data.dataset import DataUnavailable
    from dashboard.ui.data import get_dataset
    from dashboard.ui.live import prepare_views

    try:  # into the caches the first page reads: its script then finds them filled
        dataset = get_dataset()
    except DataUnavailable:
        return  # the app's error page says what is wrong; there is nothing to warm
    prepare_views(dataset)  # the first page's view first, then each single sector's


def hide_metrics() -> bool:
    """/_stcore/metrics answers 404 unless DASHBOARD_METRICS is 1; True when hidden. Streamlit
    1.67 builds its Starlette routes from one function per group and has no setting for this
    one: the metrics group is replaced by a route answering 404 at its path (without a route
    there, the path would fall through to the app's page, 200)."""
    if os.environ.get(METRICS_ENV, "") == "1":
        return False
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from streamlit.web.server.starlette import starlette_app, starlette_routes

    async def not_found(request: object) -> PlainTextResponse:
        return PlainTextResponse("Not found", status_code=404)

    def no_metrics(runtime: object, base_url: str | None) -> list[Route]:
        path = starlette_routes._with_base(starlette_routes.ROUTE_METRICS, base_url)
        return [Route(path, not_found, methods=["GET", "OPTIONS"])]

    starlette_app.create_metrics_routes = no_metrics
    return True


def skip_direct_run_check() -> bool:
    """Streamlit checks once a process, at its first element, whether it runs in a Python REPL
    (to warn that an app runs with `streamlit run`): `inspect.stack()` from the script thread,
    which reads the source line of every frame and looks each frame's module up among all
    loaded ones, 80-170 ms in the first page's run (py-spy, bench/startup.py). This server is
    `streamlit run`: the check is marked done. False when Streamlit no longer has the flag."""
    from streamlit import delta_generator

    if not hasattr(delta_generator, "_use_warning_has_been_displayed"):
        return False
    delta_generator._use_warning_has_been_displayed = True
    return True


def send_static_icon_as_is() -> bool:
    """A page icon at a URL of Streamlit's static serving is sent to the browser as is, but
    Streamlit first imports numpy and Pillow to do so (`image_to_url` imports them before it
    looks at its argument): 80 ms of the first page's run. Here such a URL skips them. False
    when Streamlit no longer has the function."""
    from streamlit.commands import page_config

    original = getattr(page_config, "_get_favicon_string", None)
    if original is None:
        return False

    def favicon_string(page_icon: object) -> str:
        if isinstance(page_icon, str) and page_icon.startswith("/app/static/"):
            return page_icon
        return str(original(page_icon))

    page_config._get_favicon_string = favicon_string
    return True


def serve(streamlit_args: list[str]) -> int:
    """Import what the first page needs, then hand over to `streamlit run` (which does not
    return) with a thread that loads the data and builds the first chart once it listens."""
    from streamlit.web import cli

    from dashboard.core.base.paths import data_root
    from dashboard.core.data.stamp import read_first_screen

    screen_kept = read_first_screen(data_root()) is not None
    if not screen_kept:  # the first page builds from the dataset: import what it needs now
        preload()
    hide_metrics()
    skip_direct_run_check()
    send_static_icon_as_is()
    logging.getLogger(CONTEXT_LOGGER).addFilter(_quiet_warm_threads)
    threading.Thread(target=warm_up, args=(screen_kept,), name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(WEBAPP), *streamlit_args]
    return int(cli.main() or 0)
