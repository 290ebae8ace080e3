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


def test_served_the_data_page_writes_its_file_and_shows_a_link_with_name_and_size(
    tmp_path, monkeypatch
):
    """Behind `python -m dashboard serve` the buttons hand files over by link: a click queues
    the file, the page says where it stands, then shows its name and size as a link."""
    from dashboard.core.output import handoff

    store = handoff.HandoffStore(tmp_path)
    monkeypatch.setattr(handoff, "_STORE", store)
    monkeypatch.setattr(handoff, "served", lambda: True)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.switch_page("app_pages/data.py")
    at.query_params["sector"] = "housing"
    at.run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == [
        "Claim checks (schema.org ClaimReview JSON-LD)"  # small: still Streamlit's button
    ]
    at.button(key="dl_csv").click().run()
    assert not at.exception
    store._pool.submit(lambda: None).result(timeout=60)  # one worker: the CSV is written
    at.run()
    links = [h.proto.body for h in at.get("html") if "handoff-link" in h.proto.body]
    assert len(links) == 1
    (job,) = [j for j in store._jobs.values()]
    assert job.name.startswith("claims_housing_") and job.state == "ready"
    assert f'href="download/{job.token}/{job.name}"' in links[0]
    assert f">Download {job.name} ({handoff.size_words(job.size)})</a>" in links[0]
    import pandas as pd

    from dashboard.core.data.dataset import load_dataset_cached

    written = pd.read_csv(job.path)
    figures = load_dataset_cached(ROOT).figures
    assert list(written.columns[:3]) == ["quote", "sector", "measure"]
    assert set(written["sector"]) == {"housing"}
    assert len(written) == (figures["sector"] == "housing").sum()
