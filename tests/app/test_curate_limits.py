"""Curate refuses at input, with a message for every refusal, and never raises."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data import commit
from dashboard.core.data.curation import MAX_SEED_BYTES, MAX_SOURCE_ID
from dashboard.core.evidence.reader import escape_markdown


def _curate(monkeypatch, root: Path) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.switch_page("app_pages/curate.py")
    return at.run()


def test_a_text_with_no_claim_proposes_nothing_without_error(repo_copy, monkeypatch):
    at = _curate(monkeypatch, repo_copy)
    at.text_area(key="curate_text").set_value("Nothing to count here at all.\n").run()
    at.button(key="curate_propose").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("No claim was found in this text" in i.value for i in at.info)
    assert at.session_state["curate_candidates"]["accept"].dtype == bool


def test_an_oversized_paste_is_refused_before_any_work(repo_copy, monkeypatch):
    at = _curate(monkeypatch, repo_copy)
    at.text_area(key="curate_text").set_value("word " * (MAX_SEED_BYTES // 5 + 1)).run()
    assert not at.exception
    assert any(
        escape_markdown(f"(expected at most {MAX_SEED_BYTES:,}") in e.value for e in at.error
    )
    assert "curate_propose" not in [b.key for b in at.button]  # nothing to press


def test_a_very_long_source_id_is_cut_at_input_and_never_crashes(repo_copy, monkeypatch):
    at = _curate(monkeypatch, repo_copy)
    at.text_area(key="curate_text").set_value("Strikes hit 3 plants.\n")
    at.text_input(key="curate_source_id").set_value("a" * 250).run()
    assert at.text_input(key="curate_source_id").value == "a" * MAX_SOURCE_ID  # the limit
    at.button(key="curate_propose").click().run()
    at.button(key="curate_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error  # the other missing fields are named; nothing was written
    assert not list((repo_copy / "seeds").glob("aaa*"))


def test_a_busy_lock_is_a_message_and_the_edits_stay(repo_copy, monkeypatch):
    at = _curate(monkeypatch, repo_copy)
    at.text_area(key="curate_text").set_value("Strikes damaged 3 substations.\n")
    at.text_input(key="curate_source_id").set_value("busy-test").run()
    at.button(key="curate_propose").click().run()
    monkeypatch.setattr("dashboard.core.data.curation.LOCK_WAIT", 0.2)
    # The proposal leaves its place blank (never guessed) and a blank blocks the save before
    # the lock is asked for; here the reviewer's choices are taken as made.
    monkeypatch.setattr("dashboard.core.data.curation.check_review", lambda rows: [])
    with commit.write_lock(repo_copy, wait=1):  # another saver holds the folder
        at.button(key="curate_save").click().run()
    assert any(escape_markdown(commit.BUSY) in e.value for e in at.error), at.error
    assert at.text_area(key="curate_text").value == "Strikes damaged 3 substations.\n"
    assert not (repo_copy / "seeds" / "busy-test.txt").exists()
