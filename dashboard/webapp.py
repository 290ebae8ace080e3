"""The app as served: `streamlit run dashboard/webapp.py` (what `python -m dashboard serve`,
so `make run`, starts) finds `app` below and serves the very same script, `app.py`, with the
same configuration and every /_stcore endpoint, plus the app's own download route (routes.py).
Streamlit 1.67's `st.App` takes extra Starlette routes. `streamlit run dashboard/app.py` still
serves the app without that route: the Data page then falls back to Streamlit's own download
buttons, which hold each file in the server's memory.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from streamlit import config

from dashboard.core.base.paths import ROOT
from dashboard.core.output.handoff import close_store, mark_served
from dashboard.core.output.rendering import close_service
from dashboard.routes import download_routes, page_routes, script_routes


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """Delete the prepared files and close the render browsers when the server stops: uvicorn
    re-raises the SIGTERM or SIGINT it caught once it has shut down, so exit handlers never run
    (and a browser left drawing, with its profile folder, would outlive the server)."""
    try:
        yield
    finally:
        close_store()
        close_service()  # cancels the picture jobs: each closes its browser if it can
        # then any browser or folder a cancelled start left (no browser if never imported:
        # importing it here would only slow the server's start)
        browsers = sys.modules.get("dashboard.core.output.offline_browser")
        if browsers is not None:
            browsers.stop_all()


mark_served()
BASE = config.get_option("server.baseUrlPath")
app = st.App(
    ROOT / "dashboard" / "app.py",
    routes=[*page_routes(BASE), *script_routes(BASE), *download_routes(BASE)],
    lifespan=lifespan,
)
