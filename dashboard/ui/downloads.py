"""Downloads built when clicked, that say so in a sentence when one cannot be made.

Streamlit runs a deferred download's callable in a server thread when the button is clicked,
and reruns the page at the same moment. If the callable raises, the browser gets nothing and
the rerun wipes the button's own notice: the user is left waiting with no word. So the callable
records its failure, and the click's callback (run before the page on that rerun) waits for the
build to finish and puts the sentence where the page shows it.
"""

from __future__ import annotations

import html
import io
import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import quote

import streamlit as st

from dashboard.core.base.i18n import _
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output import handoff
from dashboard.core.output.rendering import RenderFailed, RenderNotReady
from dashboard.ui.state import DOWNLOAD_FAILED

if TYPE_CHECKING:  # light at import: the Overview's first screen uses these buttons
    from dashboard.core.data.dataset import Dataset

LOG = logging.getLogger(__name__)
WAIT = 10.0  # seconds the click's rerun waits at most for the file (the workbook takes 0.2)


class Guarded:
    """One deferred build of a file: `build` for the button, `failure` once it has run."""

    def __init__(self, make: Callable[[], bytes], what: str) -> None:
        self._make, self._what = make, what
        self._done = threading.Event()
        self._error: str | None = None

    def build(self) -> bytes:
        """Make the file; on failure remember a sentence for the page, then raise (no file
        is better than a wrong one)."""
        try:
            return self._make()
        except (RenderNotReady, RenderFailed) as error:  # already a sentence for the page
            LOG.info("download %s: %s", self._what, error)
            self._error = str(error)
            raise
        except Exception:
            LOG.exception("download %s failed", self._what)
            self._error = _(
                "The {what} could not be made for this selection, so nothing was downloaded; try another format."
            ).format(what=self._what)
            raise
        finally:
            self._done.set()

    def failure(self, timeout: float = WAIT) -> str | None:
        """The sentence if the build failed; None if it succeeded or has not run in time."""
        self._done.wait(timeout)
        return self._error


MIME_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "zip": "application/zip",
}


def mime_type(file_name: str) -> str:
    """The media type of a download, by its file name's ending."""
    return MIME_TYPES[file_name.rsplit(".", 1)[-1]]


def deferred_download(
    container,
    label: str,
    make: Callable[[], bytes],
    file_name: str,
    *,
    key: str,
    mime: str | None = None,
) -> None:
    """A download button whose file is made on click; a failure is shown by show_failure."""
    guarded = Guarded(make, label)

    def after_click() -> None:
        if message := guarded.failure():
            st.session_state[DOWNLOAD_FAILED] = message

    container.download_button(
        label,
        guarded.build,
        file_name,
        mime or mime_type(file_name),
        key=key,
        width="stretch",
        on_click=after_click,
    )


def handed_over(
    container,
    label: str,
    write: handoff.Writer,
    file_name: str,
    *,
    key: str,
    rows: int,
    what: str,
) -> None:
    """A file the server writes to disk on click and hands over by link (core/output/handoff.py,
    served by dashboard/routes.py): a button, then where the file stands (its place in the
    queue, the rows written), then a plain link with its name and size. `what` names the
    selection: a link made for another selection is not offered."""
    store = handoff.handoff_store()
    held = st.session_state.get(f"{key}_handoff")
    job = store.get(held[1]) if held and held[0] == what else None
    if container.button(label, key=key, width="stretch", icon=":material/download:"):
        if job is not None:
            store.drop(job.token)  # a new version of the same file replaces the old one
        owner = handoff.owner_of(st.context.cookies.get(handoff.XSRF_COOKIE))
        job = store.submit(owner, file_name, mime_type(file_name), rows, write)
        st.session_state[f"{key}_handoff"] = (what, job.token)
    if job is None:
        return
    with container:
        if job.state in {"queued", "writing"}:
            _standing(job.token)
        elif job.state == "failed":
            st.error(escape_markdown(job.error), icon=":material/error:")
        else:
            st.html(link_html(job))


def in_memory(write: handoff.Writer) -> bytes:
    """A file's writer run into memory, for Streamlit's own download button where the app's
    route is not served (`streamlit run dashboard/app.py`, AppTest)."""
    buffer = io.BytesIO()
    write(buffer, lambda rows: None)
    return buffer.getvalue()


def link_html(job: handoff.Handoff) -> str:
    """The link to a ready file: relative to the page ({base}/data), so it follows any path
    prefix the app is served under; the name and size escaped like all text we draw."""
    href = f"{handoff.ROUTE}/{job.token}/{quote(job.name)}"
    name = html.escape(job.name)
    size = handoff.size_words(job.size)
    words = html.escape(_("Download {name} ({size})").format(name=job.name, size=size))
    return f'<a class="handoff-link" href="{html.escape(href)}" download="{name}">{words}</a>'


@st.fragment(run_every=1.0)  # only while a file is written: the page then shows its link
def _standing(token: str) -> None:
    store = handoff.handoff_store()
    job = store.get(token)
    if job is None or job.state in {"ready", "failed"}:
        st.rerun()
    st.caption(escape_markdown(handoff.where(job, store.ahead(job))))


def show_failure() -> None:
    """The sentence of a download that failed on the last click, once."""
    if message := st.session_state.pop(DOWNLOAD_FAILED, None):
        st.error(escape_markdown(message), icon=":material/error:")


@st.fragment  # a slide click reruns these buttons only, to say where its picture stands
def file_buttons(
    key: str,
    stem: str,
    slide: Callable[[str], bytes] | None,
    csv: Callable[[], bytes],
) -> None:
    """A chart's downloads in a row, built on click: its slide PNG and SVG (when it has a
    slide; `slide` takes "png" or "svg", drawn by the render service) and its marks as CSV;
    under them, when a slide picture was not ready or failed, the sentence saying so."""
    row = st.container(horizontal=True)  # buttons at their own width, wrapping when narrow
    said = f"{key}_slide_said"
    if slide is not None:
        for fmt, label, mime in (
            ("png", _("PNG for slides (1920×1080)"), "image/png"),
            ("svg", _("SVG for slides"), "image/svg+xml"),
        ):
            picture = Guarded(partial(slide, fmt), label)

            def after_click(picture: Guarded = picture) -> None:
                if message := picture.failure():
                    st.session_state[said] = message

            row.download_button(
                label,
                picture.build,
                f"{stem}.{fmt}",
                mime,
                key=f"{key}_slide_{fmt}",
                on_click=after_click,
                icon=":material/download:",
            )
    row.download_button(
        _("Chart data (CSV)"),
        csv,
        f"{stem}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    if message := st.session_state.pop(said, None):
        st.info(escape_markdown(message), icon=":material/hourglass_top:")


def claimreview_download(container, dataset: Dataset) -> None:
    """The checks as ClaimReview JSON-LD, built on click; a public base URL that is not
    http(s) is said, not raised (it comes from $DASHBOARD_BASE_URL)."""
    from dashboard.core.output.claimreview import BaseUrlError, base_url, claimreview_bytes

    try:
        base_url()
    except BaseUrlError as err:
        container.error(
            escape_markdown(_("Claim checks cannot be downloaded: {error}.").format(error=err))
        )
        return
    deferred_download(
        container,
        _("Claim checks (schema.org ClaimReview JSON-LD)"),
        partial(claimreview_bytes, dataset),
        "claimreview.json",
        key="dl_claimreview",
        mime="application/ld+json",
    )
