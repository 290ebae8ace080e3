"""A download made on click that fails says so in one plain sentence, instead of silence."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.ui.downloads import Guarded
from dashboard.ui.state import DOWNLOAD_FAILED


def _broken() -> bytes:
    raise ValueError("cannot convert float NaN to integer")


def test_a_failed_build_raises_and_leaves_one_sentence():
    guarded = Guarded(_broken, "Excel workbook")
    with pytest.raises(ValueError):
        guarded.build()
    message = guarded.failure(timeout=0)
    assert message and message.startswith("The Excel workbook could not be made")
    assert message.count(". ") == 0 and "NaN" not in message  # one sentence, no traceback words


def test_a_good_build_returns_its_bytes_and_no_failure():
    guarded = Guarded(lambda: b"ok", "CSV for Excel")
    assert guarded.build() == b"ok" and guarded.failure(timeout=0) is None


def test_the_click_waits_for_a_build_running_in_another_thread():
    gate = threading.Event()

    def slow() -> bytes:
        gate.wait(5)
        return _broken()

    guarded = Guarded(slow, "JSON (Data Package)")

    def click() -> None:
        with pytest.raises(ValueError):
            guarded.build()

    worker = threading.Thread(target=click)
    worker.start()
    gate.set()
    assert guarded.failure(timeout=5) is not None  # the sentence is there when the page reruns
    worker.join()


@pytest.mark.parametrize("page", ["data", "briefing"])
def test_the_page_shows_the_sentence_once(page: str):
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.switch_page(f"app_pages/{page}.py")
    at.session_state[DOWNLOAD_FAILED] = "The Excel workbook could not be made for this selection."
    at.run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # escaped: shown as typed
    assert shown == ["The Excel workbook could not be made for this selection."]
    at.run()
    assert not at.error  # said once, not on every rerun
