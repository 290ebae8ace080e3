"""The app's own HTTP routes, served beside Streamlit's (`webapp.py`): the Data page's files,
from disk, by the token the page handed out (core/output/handoff.py), the root page, and
plotly.js for the browser elements.

GET {base}/download/{token}/{file name}: the file, streamed from disk in chunks with its length
(a browser shows its progress and can resume), never compressed on the fly. Anything else is
one plain sentence: an unknown or expired link 404, a link made for another browser 403, a file
still being written 409.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.core.output.handoff import ROUTE, TOKEN, XSRF_COOKIE, handoff_store, owner_of

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

UNKNOWN = (
    "This download link is unknown or has expired (a link lasts {minutes} minutes after its"
    " file is ready): open the Data page and prepare the file again."
)
OTHER_BROWSER = (
    "This download link was made for another browser: open the Data page in this browser and"
    " prepare the file there."
)
NOT_READY = (
    "This file is still being written ({where}); the Data page shows the link once it is ready."
)


def _plain(status: int, sentence: str) -> Response:
    from starlette.responses import PlainTextResponse

    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return PlainTextResponse(sentence + "\n", status_code=status, headers=headers)


async def download(request: Request) -> Response:
    """The file behind a token, to the browser it was made for."""
    from starlette.responses import FileResponse

    from dashboard.core.output.handoff import where

    store = handoff_store()
    token, name = request.path_params["token"], request.path_params["name"]
    job = store.get(token) if TOKEN.fullmatch(token) else None
    gone = job is not None and job.state == "ready" and not job.path.exists()
    if job is None or job.name != name or job.state == "failed" or gone:
        return _plain(404, UNKNOWN.format(minutes=round(store.ttl / 60)))
    if job.owner is not None and owner_of(request.cookies.get(XSRF_COOKIE)) != job.owner:
        return _plain(403, OTHER_BROWSER)
    if job.state != "ready":
        return _plain(409, NOT_READY.format(where=where(job, store.ahead(job)).rstrip(".")))
    headers = {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        # Streamlit's gzip middleware would compress the file on the fly: hundreds of MB of
        # CPU on the server's two cores, and no length for the browser's progress bar.
        "Content-Encoding": "identity",
    }
    return FileResponse(job.path, media_type=job.mime, filename=job.name, headers=headers)


def download_routes(base_url: str | None = None) -> list[Route]:
    """The route under Streamlit's `server.baseUrlPath` (a proxy's path prefix)."""
    from starlette.routing import Route

    base = (base_url or "").strip("/")
    path = f"/{base}/{ROUTE}" if base else f"/{ROUTE}"
    return [Route(path + "/{token}/{name}", download, methods=["GET", "HEAD"])]


# The Overview's first screen needs plotly.js (ui/component.PLOTLY_JS) and Streamlit's chunk for
# a components-v2 element; Streamlit's own page asks for them only once the script's first
# element arrives. The page served at the app's root asks for them in its head instead, so they
# download (and plotly.js runs) while Streamlit's bundle starts and the script runs.
FIRST_CHUNKS = ("BidiComponent", "DownloadButton")  # the first screen's elements' chunks
_PLOTLY_TAG = (
    '<script async src="./{src}" data-live-plotly'
    ' onload="window.Plotly=window.Plotly||window.moduleName"'
    " onerror=\"this.dataset.failed=''\"></script>"
)


def _chunk_links(js_dir: Path, page: str) -> list[str]:
    """modulepreload links (as Streamlit's own) for the first screen's chunks and what they
    import, that the page does not ask for already."""
    import re

    todo = [c.name for stem in FIRST_CHUNKS for c in sorted(js_dir.glob(f"{stem}.*.js"))]
    names: list[str] = []
    while todo:
        name = todo.pop(0)
        if name in names or f"/{name}" in page or not (js_dir / name).is_file():
            continue
        names.append(name)
        text = (js_dir / name).read_text(encoding="utf-8", errors="replace")
        todo += re.findall(r'from"\./([\w.-]+\.js)"', text)
    return [f'<link rel="modulepreload" crossorigin href="./static/js/{n}">' for n in names]


@cache
def root_page() -> bytes:
    """Streamlit's index.html with the Overview's first needs asked for in its head (the page
    is Streamlit's own otherwise; without its index, Streamlit's is served unchanged)."""
    from streamlit import file_util

    from dashboard.ui.component import PLOTLY_JS

    static = Path(file_util.get_static_dir())
    page = (static / "index.html").read_text(encoding="utf-8")
    tags = [*_chunk_links(static / "static" / "js", page), _PLOTLY_TAG.format(src=PLOTLY_JS)]
    return page.replace("</head>", "\n".join(tags) + "\n</head>", 1).encode("utf-8")


async def index(request: Request) -> Response:
    from starlette.responses import Response

    del request  # the same page for every visit: the script reads the link's parameters
    return Response(root_page(), media_type="text/html", headers={"Cache-Control": "no-cache"})


# plotly.js for the browser elements, at the URL Streamlit's static serving gives it
# (ui/component.PLOTLY_JS), answered here first: Streamlit's gzip layer compresses whatever it
# serves under app/static on every request, level 9 (47 ms of CPU for plotly.js's 1.2 MB, while
# the server answers the page's dozens of other requests). Here it is compressed once and kept
# by the browser (the file's name carries plotly.js's version).
SCRIPT_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Vary": "Accept-Encoding",
}


@cache
def plotly_bytes() -> tuple[bytes, bytes]:
    """plotly.js's bundle as shipped and gzipped: compressed once and kept under the data
    root's .cache/ (41 ms of a core at level 9, which a server's start would spend while the
    browser loads Streamlit's scripts); a kept copy that does not unpack to the bundle is
    compressed again. Kept only where the app may write (paths.read_only)."""
    import gzip
    import zlib

    from dashboard.core.base.paths import data_root, read_only
    from dashboard.ui.component import PLOTLY_JS

    source = Path(__file__).parent / PLOTLY_JS.removeprefix("app/")
    raw = source.read_bytes()
    kept = data_root() / ".cache" / f"{source.name}.gz"
    try:
        packed = kept.read_bytes()
        if gzip.decompress(packed) == raw:
            return raw, packed
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        pass  # none kept yet, or damaged: compress again
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    if not read_only():
        _keep(kept, packed)
    return raw, packed


def _keep(path: Path, content: bytes) -> None:
    """Write `content` to `path` atomically (a reader sees no half file); a folder that cannot
    be written keeps nothing (the next start compresses again)."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except OSError:
        return


async def plotly_js(request: Request) -> Response:
    from starlette.responses import Response

    raw, packed = plotly_bytes()
    gzipped = "gzip" in request.headers.get("accept-encoding", "")
    # an encoding set here keeps Streamlit's gzip layer from compressing the body again
    headers = SCRIPT_HEADERS | {"Content-Encoding": "gzip" if gzipped else "identity"}
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(packed if gzipped else raw))
        return Response(b"", media_type="text/javascript", headers=headers)
    return Response(packed if gzipped else raw, media_type="text/javascript", headers=headers)


def script_routes(base_url: str | None = None) -> list[Route]:
    """plotly.js for the browser elements under Streamlit's `server.baseUrlPath`."""
    from starlette.routing import Route

    from dashboard.ui.component import PLOTLY_JS

    base = (base_url or "").strip("/")
    path = f"/{base}/{PLOTLY_JS}" if base else f"/{PLOTLY_JS}"
    return [Route(path, plotly_js, methods=["GET", "HEAD"])]


def page_routes(base_url: str | None = None) -> list[Route]:
    """The app's root page (the Overview) under Streamlit's `server.baseUrlPath`."""
    from starlette.routing import Route

    base = (base_url or "").strip("/")
    paths = [f"/{base}/", f"/{base}"] if base else ["/"]
    return [Route(path, index, methods=["GET", "HEAD"]) for path in paths]
