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


def _meta(repo_copy: Path) -> Path:
    (meta,) = (repo_copy / ".cache").rglob("meta.json")
    return meta


def test_a_cache_hiding_problems_is_rebuilt(repo_copy: Path):
    import json

    figures = repo_copy / "data" / "figures.csv"
    figures.write_text(figures.read_text().replace(",energy,", ",enrgy,", 1))
    expected = load_dataset(repo_copy).problems
    assert expected
    load_dataset_cached(repo_copy)
    meta = _meta(repo_copy)
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "problems": []}))
    assert load_dataset_cached(repo_copy).problems == expected
    assert json.loads(_meta(repo_copy).read_text())["problems"]  # the good one is back


def test_a_cache_listing_no_tables_is_rebuilt(repo_copy: Path):
    import json

    load_dataset_cached(repo_copy)
    meta = _meta(repo_copy)
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "tables": [], "seeds": 5}))
    dataset = load_dataset_cached(repo_copy)
    assert len(dataset.figures) == len(load_dataset(repo_copy).figures)
    assert isinstance(dataset.seeds, dict) and dataset.seeds


def test_a_cache_of_another_shape_is_rebuilt(repo_copy: Path):
    load_dataset_cached(repo_copy)
    _meta(repo_copy).write_text('["not", "a", "cache"]')
    assert len(load_dataset_cached(repo_copy).figures) == len(load_dataset(repo_copy).figures)
