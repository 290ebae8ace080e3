"""The bad-input corpus: every broken table or seed gets its exact message, nothing is written,
nothing crashes, and the rows that are still valid keep being served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.data.dataset import load_dataset
from tests.data.bad_cases import CASES, Case


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_corpus_is_large_enough():
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_exactly(case: Case, repo_copy: Path, capsys):
    case.edit(repo_copy)
    before = _tree_digest(repo_copy)
    dataset = load_dataset(repo_copy)
    messages = [str(p) for p in dataset.problems]
    assert case.expected in messages, "\n".join(messages)
    assert _tree_digest(repo_copy) == before, "checking must never write"
    assert main(["check", "--root", str(repo_copy)]) == 1
    out = capsys.readouterr()
    assert case.expected in out.out.splitlines()
    assert "problems" in out.err


def test_valid_rows_survive_a_bad_row(repo_copy: Path):
    """One broken cell costs its row, not the table."""
    shipped = len(load_dataset(repo_copy).figures)
    next(c for c in CASES if c.name == "unknown sector").edit(repo_copy)
    dataset = load_dataset(repo_copy)
    assert len(dataset.figures) == shipped - 1
    assert "kyiv-attack-before-talks-01" not in set(dataset.figures["figure_id"])


PACKAGE_BREAKS = {
    "missing": (
        lambda p: p.unlink(),
        "data/datapackage.json: cannot be read (No such file or directory)",
    ),
    "truncated": (
        lambda p: p.write_bytes(p.read_bytes()[:500]),
        "data/datapackage.json: is not valid JSON",
    ),
    "a resource gone": (
        lambda p: p.write_text(p.read_text().replace('"name": "figures"', '"name": "figs"')),
        "data/datapackage.json: declares no resource figures",
    ),
}


@pytest.mark.parametrize("case", list(PACKAGE_BREAKS))
def test_a_broken_datapackage_is_a_named_problem(case: str, repo_copy: Path, capsys, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.core.base.paths import ROOT
    from dashboard.core.data.dataset import DataUnavailable

    brk, expected = PACKAGE_BREAKS[case]
    brk(repo_copy / "data" / "datapackage.json")
    with pytest.raises(
        DataUnavailable, match=expected.split(": ", 1)[1].replace("(", r"\(").replace(")", r"\)")
    ):
        load_dataset(repo_copy)
    assert main(["check", "--root", str(repo_copy)]) == 1
    assert capsys.readouterr().out.startswith(expected)
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]  # its error page, not a traceback
    assert [t.value for t in at.title] == ["The data cannot be loaded"]
    assert "datapackage\\.json" in at.error[0].value
