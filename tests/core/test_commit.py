"""One writer, one commit point: real processes saving at once, and a crash at every step."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.base.paths import ROOT
from dashboard.core.data import commit
from dashboard.core.data.commit import BUSY
from dashboard.core.data.curation import save_addition, table_hashes
from dashboard.core.data.dataset import load_dataset
from tests.core.test_curation import SOURCE, TEXT, _claim

FORK = multiprocessing.get_context("fork")  # children share the parent's imports: cheap starts


def _state(root: Path) -> dict[str, str]:
    """Every file under seeds/ and data/ with its hash (the writer's empty lock file aside)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("seeds", "data")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file() and p.name != ".write.lock"
    }


def _source(n: int, source_id: str = "") -> tuple[dict[str, str], bytes]:
    text = TEXT + f"Appendix {n}.\n".encode()
    return {**SOURCE, "source_id": source_id or f"report-{n}"}, text


def _save_in_child(root: Path, n: int, loaded: dict[str, str], same_id: bool, barrier, results):
    source, text = _source(n, "report-same" if same_id else "")
    barrier.wait()  # both sessions press Save at the same moment
    try:
        result = save_addition(root, source, text, [_claim()], loaded)
        results.put((n, "saved" if result.ok else f"refused {result.conflicts} {result.busy}"))
    except Exception as err:  # a refusal names itself; the test shows which
        results.put((n, f"refused {err}"))


@pytest.mark.parametrize("same_id", [False, True])
def test_two_sessions_saving_at_once_lose_nothing(repo_copy: Path, same_id: bool):
    loaded = table_hashes(repo_copy)  # both proposed from the same tables
    barrier, results = FORK.Barrier(2), FORK.Queue()
    children = [
        FORK.Process(target=_save_in_child, args=(repo_copy, n, loaded, same_id, barrier, results))
        for n in (1, 2)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
    outcome = dict(results.get(timeout=5) for _ in children)
    saved = [n for n, said in outcome.items() if said == "saved"]
    assert len(saved) == 1, outcome  # the other was told, and keeps its edits on screen
    lost = 3 - saved[0]
    refusal = "is taken" if same_id else "refused ('data/sources.csv', 'data/figures.csv')"
    assert refusal in outcome[lost]
    dataset = load_dataset(repo_copy)
    assert dataset.problems == ()
    winner, text = _source(saved[0], "report-same" if same_id else "")
    assert f"{winner['source_id']}-01" in set(dataset.figures["figure_id"])
    assert (repo_copy / "seeds" / f"{winner['source_id']}.txt").read_bytes() == text
    assert not (repo_copy / "seeds" / f"report-{lost}.txt").exists()
    shipped = len(load_dataset(ROOT).frames["sources"])
    assert len(dataset.frames["sources"]) == shipped + 1  # one added


def test_four_concurrent_add_source_commands_all_land(repo_copy: Path, tmp_path: Path):
    runs = []
    for n in range(4):
        doc = tmp_path / f"doc{n}.txt"
        doc.write_bytes(_source(n)[1])
        args = ["--title", f"Doc {n}", "--publisher", "P", "--url", "https://example.org/"]
        args += ["--published", "2026-01", "--root", str(repo_copy)]
        runs.append(
            subprocess.Popen(
                [sys.executable, "-m", "dashboard", "add-source", str(doc), *args],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], outputs
    dataset = load_dataset(repo_copy)
    assert dataset.problems == ()
    assert {f"doc-{n}" for n in range(4)} <= set(dataset.frames["sources"]["source_id"])
    changes = (repo_copy / "data" / "CHANGES.md").read_text()
    assert all(f"added source doc-{n} " in changes for n in range(4))


def _hold_lock(root: Path, held, release) -> None:
    with commit.write_lock(root, wait=5):
        held.set()
        release.wait(30)


def test_a_second_saver_waits_then_is_told_to_try_again(repo_copy: Path):
    held, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(repo_copy, held, release))
    holder.start()
    try:
        assert held.wait(30)
        before = _state(repo_copy)
        result = save_addition(repo_copy, SOURCE, TEXT, [_claim()], None, wait=0.3)
        assert (
            not result.ok and result.busy == BUSY == "someone else is saving; try again in a moment"
        )
        assert _state(repo_copy) == before
    finally:
        release.set()
        holder.join(30)
    assert save_addition(repo_copy, SOURCE, TEXT, [_claim()], None, wait=5).ok  # once free


def _save_and_crash(root: Path, crash_at: int, steps) -> None:
    def checkpoint(step: str) -> None:
        steps.put(step)
        if steps.qsize() >= crash_at:
            os.kill(os.getpid(), signal.SIGKILL)  # as `kill -9` of the server mid-save

    commit.checkpoint = checkpoint
    save_addition(root, SOURCE, TEXT, [_claim()], None)


def _run_save(root: Path, crash_at: int) -> tuple[list[str], int | None]:
    steps = FORK.Queue()
    child = FORK.Process(target=_save_and_crash, args=(root, crash_at, steps))
    child.start()
    child.join(60)
    seen = []
    while not steps.empty():
        seen.append(steps.get(timeout=1))
    return seen, child.exitcode


def test_a_crash_at_every_step_leaves_the_data_wholly_before_or_after(tmp_path: Path):
    import shutil

    def fresh(name: str) -> Path:
        root = tmp_path / name
        for folder in ("seeds", "data"):
            shutil.copytree(ROOT / folder, root / folder)
        return root

    clean = fresh("clean")
    before = _state(clean)
    steps, code = _run_save(clean, crash_at=10**6)
    assert code == 0 and steps[-1] == "journal removed", steps
    after = _state(clean)
    assert len(steps) >= 11  # 4 files staged, journal staged and committed, 4 renames, removed
    for k, step in enumerate(steps, start=1):
        root = fresh(f"crash-{k}")
        _, code = _run_save(root, crash_at=k)
        assert code == -signal.SIGKILL, f"step {k} ({step}) did not crash"
        if commit.pending(root):  # any load before recovery names the interrupted save
            assert any(p.file == commit.JOURNAL for p in load_dataset(root).problems)
        assert main(["check", "--root", str(root)]) == 0, f"check after a crash at {step}"
        state = _state(root)
        expected = after if k >= steps.index("journal committed") + 1 else before
        assert state == expected, f"crash at step {k} ({step}): neither wholly before nor after"


def test_stray_temp_files_are_removed_on_start(repo_copy: Path):
    before = _state(repo_copy)
    (repo_copy / "seeds" / ".x.txt.abc.tmp").write_bytes(b"half a seed")
    (repo_copy / "data" / ".CHANGES.md.q1.tmp").write_bytes(b"half a log")
    assert main(["check", "--root", str(repo_copy)]) == 0
    assert _state(repo_copy) == before


def test_saves_keep_file_modes(repo_copy: Path):
    figures = repo_copy / "data" / "figures.csv"
    figures.chmod(0o640)  # an administrator's choice survives a save
    (repo_copy / "data" / "sources.csv").chmod(0o644)
    assert save_addition(repo_copy, SOURCE, TEXT, [_claim()], None).ok

    def mode(rel: str) -> int:
        return stat.S_IMODE((repo_copy / rel).stat().st_mode)

    assert mode("data/figures.csv") == 0o640
    assert mode("data/sources.csv") == 0o644
    assert mode("seeds/test-report.txt") == 0o644
    assert mode("data/CHANGES.md") == stat.S_IMODE((ROOT / "data" / "CHANGES.md").stat().st_mode)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "seeds/../../x"])
def test_a_tampered_journal_renames_nothing_outside_the_data(repo_copy: Path, bad: str):
    (repo_copy / commit.JOURNAL).write_text(f'{{"renames": [["{bad}", "data/sources.csv"]]}}')
    before = _state(repo_copy)
    assert commit.recover(repo_copy) == []
    assert _state(repo_copy) == before
