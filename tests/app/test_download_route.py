"""The app's download route hands a file only to the browser it was made for, streams it from
disk, and says in one plain sentence why it will not: unknown, malformed or expired links 404,
another browser's link 403, a file still being written 409. It answers under a path prefix.
The root page is Streamlit's with the first screen's scripts asked for early; plotly.js is
served compressed once, kept on disk and kept by the browser."""

from __future__ import annotations

import asyncio
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.applications import Starlette
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

from dashboard import routes
from dashboard.core.base.paths import ROOT
from dashboard.core.output import handoff
from dashboard.ui import component

MINE = generate_xsrf_token_string(b"my-browser-token")
THEIRS = generate_xsrf_token_string(b"another-browsers")
BODY = b"quote,sector\n" + b"x,energy\n" * 50_000  # 450 KB: several chunks on the wire


def _get(
    path: str,
    cookie: str | None = None,
    base: str = "",
    served: list | None = None,
    headers: list[tuple[bytes, bytes]] | None = None,
    method: str = "GET",
) -> tuple[int, dict, bytes]:
    """One request through the route as uvicorn would call it: status, headers, body."""
    app = Starlette(routes=routes.download_routes(base) if served is None else served)
    headers = list(headers or [])
    headers += [(b"cookie", f"{handoff.XSRF_COOKIE}={cookie}".encode())] if cookie else []
    scope = {
        "type": "http", "method": method, "path": path, "raw_path": path.encode(),
        "query_string": b"", "headers": headers, "http_version": "1.1", "scheme": "http",
        "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": "",
    }  # fmt: skip
    sent: list[dict] = []
    asked: list[bool] = []

    async def receive() -> dict:  # the request once, then a client that stays connected
        if asked:
            await asyncio.Event().wait()
        asked.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    # in a thread of its own: an event loop may run in this one (Playwright's, in the same run)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = sent[0]
    heads = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    chunks = [m.get("body", b"") for m in sent[1:]]
    return start["status"], heads | {"chunks": str(len(chunks))}, b"".join(chunks)


@pytest.fixture
def store(tmp_path, monkeypatch) -> handoff.HandoffStore:
    store = handoff.HandoffStore(tmp_path)
    monkeypatch.setattr(handoff, "_STORE", store)
    return store


def _ready(store: handoff.HandoffStore, owner: str | None, name: str = "claims_all.csv"):
    job = store.submit(owner, name, "text/csv", 50_000, lambda out, progress: out.write(BODY))
    store._pool.submit(lambda: None).result(timeout=60)  # one worker: the file is written
    assert job.state == "ready"
    return job


def test_the_browser_that_asked_gets_the_file_streamed_from_disk(store):
    job = _ready(store, handoff.owner_of(MINE))
    status, heads, body = _get(f"/download/{job.token}/claims_all.csv", MINE)
    assert status == 200 and body == BODY
    assert int(heads["chunks"]) > 1  # sent a chunk at a time, not as one body
    assert heads["content-length"] == str(len(BODY)) and heads["content-type"].startswith(
        "text/csv"
    )
    assert heads["content-disposition"] == 'attachment; filename="claims_all.csv"'
    assert heads["cache-control"] == "no-store" and heads["content-encoding"] == "identity"


@pytest.mark.parametrize(
    "path",
    [
        "/download/{token}/other-name.csv",  # the token with another file's name
        "/download/{wrong}/claims_all.csv",  # a well-formed token nobody was given
        "/download/..%2F..%2Fetc%2Fpasswd/claims_all.csv",  # not a token at all
        "/download/<script>/claims_all.csv",
    ],
)
def test_unknown_and_malformed_links_are_404_in_a_plain_sentence(store, path):
    job = _ready(store, handoff.owner_of(MINE))
    wrong = "A" * 43
    status, heads, body = _get(path.format(token=job.token, wrong=wrong), MINE)
    assert status == 404 and heads["content-type"].startswith("text/plain")
    assert body.decode().startswith("This download link is unknown or has expired")
    assert b"<" not in body


def test_an_expired_link_is_404_and_its_file_is_gone(store):
    job = _ready(store, handoff.owner_of(MINE))
    job.expires = 0
    status, _, body = _get(f"/download/{job.token}/claims_all.csv", MINE)
    assert status == 404 and b"expired" in body and not job.path.exists()


@pytest.mark.parametrize("cookie", [THEIRS, None, "2|00|00|0"])
def test_another_browsers_link_is_refused(store, cookie):
    job = _ready(store, handoff.owner_of(MINE))
    status, _, body = _get(f"/download/{job.token}/claims_all.csv", cookie)
    assert status == 403 and body.decode().startswith(
        "This download link was made for another browser"
    )


def test_a_file_still_being_written_is_409(store):
    started, gate = threading.Event(), threading.Event()

    def slow(out, progress) -> None:
        started.set()
        gate.wait(60)

    job = store.submit(None, "big.csv", "text/csv", 10, slow)
    started.wait(60)
    try:
        status, _, body = _get(f"/download/{job.token}/big.csv")
        assert status == 409 and body.decode().startswith(
            "This file is still being written (Writing big.csv"
        )
    finally:
        gate.set()


def test_the_route_answers_under_a_path_prefix(store):
    job = _ready(store, None)
    assert _get(f"/ukraine/download/{job.token}/claims_all.csv", base="/ukraine/")[0] == 200
    assert _get(f"/download/{job.token}/claims_all.csv", base="ukraine")[0] == 404


@pytest.mark.parametrize("base", ["", "tools/dashboard"])
def test_the_root_page_asks_for_the_first_screens_scripts_in_its_head(base: str) -> None:
    """The Overview's page is Streamlit's, with plotly.js and the element's chunks asked for in
    its head (so they load while the script runs), each a file Streamlit serves."""
    from streamlit import file_util

    status, heads, body = _get(f"/{base}/" if base else "/", served=routes.page_routes(base))
    page = body.decode()
    assert status == 200 and heads["content-type"].startswith("text/html")
    assert heads["cache-control"] == "no-cache"  # Streamlit's own index is not cached either
    head = page[: page.index("</head>")]
    assert "data-live-plotly" in head and f'src="./{component.PLOTLY_JS}"' in head
    chunks = re.findall(r'rel="modulepreload" crossorigin href="\./(static/js/[^"]+)"', head)
    static = Path(file_util.get_static_dir())
    assert any("BidiComponent." in c for c in chunks)
    assert all((static / c).is_file() for c in chunks)
    assert len(chunks) == len(set(chunks))  # none asked for twice
    assert (ROOT / "dashboard" / component.PLOTLY_JS.removeprefix("app/")).is_file()
    # the rest is Streamlit's page, unchanged
    original = (static / "index.html").read_text(encoding="utf-8")
    assert page.replace(head, "") == original.replace(original[: original.index("</head>")], "")


PLOTLY_FILE = ROOT / "dashboard" / component.PLOTLY_JS.removeprefix("app/")


@pytest.mark.parametrize("base", ["", "tools/dashboard"])
def test_plotly_js_is_served_gzipped_once_and_kept_by_the_browser(base: str) -> None:
    """At the URL Streamlit's static serving gives it, answered by the app's route: gzipped
    when the browser accepts it (the bytes are the shipped file's), kept a year (its name
    carries plotly.js's version), never compressed again on the way out."""
    import gzip

    path = f"/{base}/{component.PLOTLY_JS}" if base else f"/{component.PLOTLY_JS}"
    served = routes.script_routes(base)
    gzipped = [(b"accept-encoding", b"gzip, deflate, br")]
    status, heads, body = _get(path, served=served, headers=gzipped)
    assert status == 200 and heads["content-type"].startswith("text/javascript")
    assert heads["content-encoding"] == "gzip"
    assert gzip.decompress(body) == PLOTLY_FILE.read_bytes()
    assert len(body) < PLOTLY_FILE.stat().st_size / 2
    assert heads["cache-control"] == "public, max-age=31536000, immutable"
    assert heads["vary"] == "Accept-Encoding"
    plain = _get(path, served=served)
    assert plain[1]["content-encoding"] == "identity" and plain[2] == PLOTLY_FILE.read_bytes()
    head = _get(path, served=served, headers=gzipped, method="HEAD")
    assert head[0] == 200 and head[2] == b"" and int(head[1]["content-length"]) == len(body)
    assert _get(f"/{component.PLOTLY_JS}x", served=served)[0] == 404


def test_plotly_js_is_compressed_once_and_kept_on_disk(tmp_path: Path, monkeypatch) -> None:
    """The gzipped bundle is written once under the data root's .cache/ and read back by the
    next start; a damaged copy is replaced; a read-only app keeps nothing."""
    import gzip

    monkeypatch.setenv("DASHBOARD_ROOT", str(tmp_path))
    kept = tmp_path / ".cache" / f"{PLOTLY_FILE.name}.gz"
    routes.plotly_bytes.cache_clear()
    try:
        raw, packed = routes.plotly_bytes()
        assert raw == PLOTLY_FILE.read_bytes() and gzip.decompress(packed) == raw
        assert kept.read_bytes() == packed
        assert not [p for p in kept.parent.iterdir() if p.name.endswith(".tmp")]
        kept.write_bytes(b"\x1f\x8b not a gzip stream")  # damaged: compressed again
        routes.plotly_bytes.cache_clear()
        assert routes.plotly_bytes()[1] == packed and kept.read_bytes() == packed
        other = gzip.compress(raw, compresslevel=1, mtime=0)  # what the next start reads
        kept.write_bytes(other)
        routes.plotly_bytes.cache_clear()
        assert routes.plotly_bytes()[1] == other
        kept.unlink()
        monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
        routes.plotly_bytes.cache_clear()
        assert gzip.decompress(routes.plotly_bytes()[1]) == raw and not kept.exists()
    finally:
        routes.plotly_bytes.cache_clear()
