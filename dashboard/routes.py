"""The app's own HTTP route, served beside Streamlit's (`webapp.py`): the Data page's files,
from disk, by the token the page handed out (core/output/handoff.py).

GET {base}/download/{token}/{file name}: the file, streamed from disk in chunks with its length
(a browser shows its progress and can resume), never compressed on the fly. Anything else is
one plain sentence: an unknown or expired link 404, a link made for another browser 403, a file
still being written 409.
"""

from __future__ import annotations

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
