"""/_stcore/metrics lists the server's caches to anyone: the server `make run` starts answers it
with 404 unless DASHBOARD_METRICS=1 asks for it. That server also skips Streamlit's once-a-process
REPL check and serves plotly.js compressed by the app's own route."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

from dashboard import serve
from dashboard.core.base.paths import ROOT
from dashboard.ui import component
from tests.e2e.conftest import _free_port, _wait_healthy


def test_the_served_app_answers_metrics_with_404_and_still_serves_its_page():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != serve.METRICS_ENV}
    cmd = [sys.executable, "-m", "dashboard", "serve", "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        try:
            urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10)
            status, body = 200, b""
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        assert status == 404
        assert b"cache" not in body
        with urllib.request.urlopen(url, timeout=10) as page:  # the app itself is served
            assert page.status == 200
        asked = urllib.request.Request(
            f"{url}/{component.PLOTLY_JS}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(asked, timeout=10) as script:  # the app's route, first
            assert script.headers["Content-Encoding"] == "gzip"
            assert "immutable" in script.headers["Cache-Control"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_metrics_stay_when_asked_for(monkeypatch):
    from streamlit.web.server.starlette import starlette_app

    original = starlette_app.create_metrics_routes
    monkeypatch.setenv(serve.METRICS_ENV, "1")
    assert serve.hide_metrics() is False
    assert starlette_app.create_metrics_routes is original


def test_the_served_app_skips_streamlits_repl_check(monkeypatch):
    """Streamlit looks at the whole stack (`inspect.stack()`, 80-170 ms) at a process's first
    element to tell a REPL from `streamlit run`; the served app is `streamlit run`."""
    from streamlit import delta_generator, env_util

    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    looked: list[bool] = []
    monkeypatch.setattr(env_util, "is_repl", lambda: looked.append(True) or False)
    assert serve.skip_direct_run_check() is True
    delta_generator._maybe_print_use_warning()
    assert looked == []
