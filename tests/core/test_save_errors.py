"""OS errors during a save: each in plain words, nothing half-written, nothing lost."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.data import commit
from dashboard.core.data.curation import save_addition
from tests.core.test_commit import _state
from tests.core.test_curation import SOURCE, TEXT, _claim


def _failing(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


# Each OS function a save calls before its commit point, and the error it meets there.
BREAKS = {
    "disk full at fsync": ("fsync", errno.ENOSPC, "the disk is full"),
    "quota at fsync": ("fsync", errno.EDQUOT, "the disk quota is used up"),
    "no permission to create": ("mkstemp", errno.EACCES, "permission denied"),
    "read-only at the commit rename": ("replace", errno.EROFS, "read-only file system"),
}


def _break(monkeypatch, name: str) -> None:
    func, code, _ = BREAKS[name]
    owner = tempfile if func == "mkstemp" else os
    monkeypatch.setattr(owner, func, _failing(code))


@pytest.mark.parametrize("name", list(BREAKS))
def test_an_os_error_is_said_plainly_and_nothing_changes(name: str, repo_copy: Path, monkeypatch):
    before = _state(repo_copy)
    _break(monkeypatch, name)
    result = save_addition(repo_copy, SOURCE, TEXT, [_claim()], None)
    monkeypatch.undo()
    assert not result.ok
    assert BREAKS[name][2] in result.error.split(";")[0], result.error
    assert "nothing was saved" in result.error
    assert _state(repo_copy) == before  # no staged file, no journal left behind
    assert save_addition(repo_copy, SOURCE, TEXT, [_claim()], None).ok  # the same save, later


def test_add_source_says_the_disk_is_full(repo_copy: Path, tmp_path: Path, monkeypatch, capsys):
    doc = tmp_path / "r.txt"
    doc.write_bytes(TEXT)
    before = _state(repo_copy)
    _break(monkeypatch, "disk full at fsync")
    args = ["add-source", str(doc), "--title", "R", "--publisher", "P", "--url", "not stated"]
    code = main([*args, "--published", "2026-01", "--root", str(repo_copy)])
    monkeypatch.undo()
    assert code == 1
    assert "add-source: the disk is full; nothing was saved" in capsys.readouterr().err
    assert _state(repo_copy) == before


def test_an_os_error_after_the_commit_point_is_completed_later(repo_copy: Path, monkeypatch):
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("figures.csv"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = save_addition(repo_copy, SOURCE, TEXT, [_claim()], None)
    monkeypatch.undo()
    assert "read-only file system while completing the save" in result.error
    assert commit.pending(repo_copy)
    assert main(["check", "--root", str(repo_copy)]) == 0  # completed: wholly after
    assert "test-report-01" in (repo_copy / "data" / "figures.csv").read_text()


@pytest.mark.parametrize("where", ["a folder", "under a file", "an unwritable folder"])
def test_claimreview_to_a_path_it_cannot_write_is_one_line(
    tmp_path: Path, where: str, capsys, monkeypatch
):
    out = {"a folder": tmp_path, "under a file": tmp_path / "f" / "c.json"}.get(
        where, tmp_path / "c.json"
    )
    (tmp_path / "f").write_text("")
    if where == "an unwritable folder":  # tests may run as root, for whom every folder is
        monkeypatch.setattr(Path, "write_bytes", _failing(errno.EACCES))
    assert main(["claimreview", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 or "warning" in err[0], err
    assert err[-1].startswith(f"claimreview: {out}: cannot write (")
