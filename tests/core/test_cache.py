"""The validated-dataset cache: data formats only (nothing that can run code), none when read-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset, load_dataset_cached


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_cache_is_parquet_and_json_and_reads_back_equal(repo_copy: Path):
    fresh = load_dataset(repo_copy)
    load_dataset_cached(repo_copy)
    files = sorted((repo_copy / ".cache").rglob("*"))
    kinds = {p.suffix for p in files if p.is_file()}
    assert kinds == {".parquet", ".json"}, files
    assert all(p.read_bytes()[:4] == b"PAR1" for p in files if p.suffix == ".parquet")
    cached = load_dataset_cached(repo_copy)
    assert cached.version == fresh.version and cached.problems == fresh.problems
    assert cached.seeds == fresh.seeds
    for name, frame in fresh.frames.items():
        pd.testing.assert_frame_equal(cached.frames[name], frame)


def test_a_tampered_cache_is_rebuilt_not_trusted(repo_copy: Path):
    load_dataset_cached(repo_copy)
    for table in (repo_copy / ".cache").rglob("figures.parquet"):
        table.write_bytes(b"\x80\x04cos\nsystem\n(S'touch /tmp/pwned'\ntR.")  # a pickle payload
    dataset = load_dataset_cached(repo_copy)
    assert len(dataset.figures) == len(load_dataset(repo_copy).figures)


def test_no_module_in_the_app_unpickles():
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py")]
    assert not any("import pickle" in text or "pickle.load" in text for text in sources)


def test_read_only_writes_nothing_under_the_data_root(repo_copy: Path, monkeypatch):
    (repo_copy / "seeds" / ".stray.txt.x.tmp").write_bytes(b"left by a crash")  # not cleaned
    before = _tree(repo_copy)
    load_dataset_cached(repo_copy, write=False)
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert _tree(repo_copy) == before


def test_a_tampered_cache_is_replaced_by_a_good_one(repo_copy: Path):
    load_dataset_cached(repo_copy)
    (table,) = (repo_copy / ".cache").rglob("figures.parquet")
    table.write_bytes(b"not parquet")
    load_dataset_cached(repo_copy)  # rebuilds and writes a fresh cache
    assert table.read_bytes()[:4] == b"PAR1"
