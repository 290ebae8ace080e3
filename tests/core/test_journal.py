"""A damaged journal is a named problem with a way out, and only a table's staged file is ever
renamed from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.data import commit
from dashboard.core.data.curation import save_addition
from dashboard.core.data.dataset import load_dataset, load_dataset_cached
from tests.core.test_commit import _state
from tests.core.test_curation import SOURCE, TEXT, _claim

STAGED = "data/.sources.csv.abc123.tmp"
JOURNALS = {
    "a list": "[]",
    "renames a number": '{"renames": 5}',
    "a pair of one": '{"renames": [["data/.sources.csv.abc123.tmp"]]}',
    "truncated": '{"renames": [["data/.sources.csv.abc123.tmp", "data/sour',
    "not UTF-8": b'{"renames": "\xff"}',
    "the schema as target": '{"renames": [["data/.datapackage.json.abc123.tmp", "data/datapackage.json"]]}',
    "a table over a table": '{"renames": [["data/figures.csv", "data/sources.csv"]]}',
    "another file's staging": '{"renames": [["data/.figures.csv.abc123.tmp", "data/sources.csv"]]}',
    "outside data": '{"renames": [["data/.x.abc123.tmp", "x"]]}',
    "over a seed": '{"renames": [["seeds/.kyiv-attack-before-talks.txt.abc123.tmp", "seeds/kyiv-attack-before-talks.txt"]]}',
}


def _damage(root: Path, journal: str | bytes) -> None:
    for staged in (
        STAGED,
        "data/.datapackage.json.abc123.tmp",
        "data/.figures.csv.abc123.tmp",
        "data/.x.abc123.tmp",
        "seeds/.kyiv-attack-before-talks.txt.abc123.tmp",
    ):
        (root / staged).write_bytes(b"{}\n")  # what a tampered journal would rename
    data = journal.encode() if isinstance(journal, str) else journal
    (root / commit.JOURNAL).write_bytes(data)


@pytest.mark.parametrize("name", list(JOURNALS))
def test_a_damaged_journal_is_named_never_applied_and_has_a_true_way_out(
    name: str, repo_copy: Path, capsys
):
    _damage(repo_copy, JOURNALS[name])
    before = _state(repo_copy)
    assert main(["check", "--root", str(repo_copy)]) == 1
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(commit.JOURNAL)]
    assert len(lines) == 1 and "delete data/.journal.json and run" in lines[0], lines
    assert _state(repo_copy) == before  # nothing renamed, nothing removed
    result = save_addition(repo_copy, SOURCE, TEXT, [_claim()], None)
    assert not result.ok and [p.file for p in result.problems] == [commit.JOURNAL]
    assert _state(repo_copy) == before
    (repo_copy / commit.JOURNAL).unlink()  # the advice, followed
    assert main(["check", "--root", str(repo_copy)]) == 0
    assert not list((repo_copy / "data").glob(".*.tmp"))
    assert save_addition(repo_copy, SOURCE, TEXT, [_claim()], None).ok


def test_a_wrong_shaped_journal_keeps_the_app_up(repo_copy: Path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.core.base.paths import ROOT

    _damage(repo_copy, "[]")
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_journal_problem_leaves_with_the_journal_not_with_the_cache(repo_copy: Path):
    _damage(repo_copy, JOURNALS["truncated"])
    assert any(p.file == commit.JOURNAL for p in load_dataset_cached(repo_copy).problems)
    (repo_copy / commit.JOURNAL).unlink()
    assert not any(p.file == commit.JOURNAL for p in load_dataset_cached(repo_copy).problems)


def test_a_sound_journal_is_still_completed(repo_copy: Path):
    text = (repo_copy / "data/sources.csv").read_text(encoding="utf-8") + "\n"
    (repo_copy / STAGED).write_text(text, encoding="utf-8")
    (repo_copy / commit.JOURNAL).write_text(f'{{"renames": [["{STAGED}", "data/sources.csv"]]}}')
    assert any("interrupted" in p.message for p in load_dataset(repo_copy).problems)
    assert commit.recover(repo_copy) == ["completed an interrupted save (data/sources.csv)"]
    assert (repo_copy / "data/sources.csv").read_text(encoding="utf-8") == text
