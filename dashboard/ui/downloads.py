"""Downloads built when clicked, that say so in a sentence when one cannot be made.

Streamlit runs a deferred download's callable in a server thread when the button is clicked,
and reruns the page at the same moment. If the callable raises, the browser gets nothing and
the rerun wipes the button's own notice: the user is left waiting with no word. So the callable
records its failure, and the click's callback (run before the page on that rerun) waits for the
build to finish and puts the sentence where the page shows it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import streamlit as st

from dashboard.core.data.dataset import Dataset
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output.claimreview import BaseUrlError, claimreview_bytes
from dashboard.ui.state import DOWNLOAD_FAILED

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
        except Exception:
            LOG.exception("download %s failed", self._what)
            self._error = f"The {self._what} could not be made for this selection, so nothing was downloaded; try another format."
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
    container, label: str, make: Callable[[], bytes], file_name: str, *, key: str
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
        mime_type(file_name),
        key=key,
        width="stretch",
        on_click=after_click,
    )


def show_failure() -> None:
    """The sentence of a download that failed on the last click, once."""
    if message := st.session_state.pop(DOWNLOAD_FAILED, None):
        st.error(escape_markdown(message), icon=":material/error:")


def claimreview_download(dataset: Dataset) -> None:
    """The checks as ClaimReview JSON-LD; a public base URL that is not http(s) is said, not
    raised (it comes from $DASHBOARD_BASE_URL)."""
    try:
        data = claimreview_bytes(dataset)
    except BaseUrlError as err:
        st.error(escape_markdown(f"Claim checks cannot be downloaded: {err}."))
        return
    st.download_button(
        "Claim checks (schema.org ClaimReview JSON-LD)",
        data,
        "claimreview.json",
        "application/ld+json",
        key="dl_claimreview",
    )
