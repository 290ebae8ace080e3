"""Load everything the app shows, validated: valid rows served, every problem reported."""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.core import claims, schema
from dashboard.core.load import RawTable, read_table, to_frame
from dashboard.core.paths import ROOT
from dashboard.core.problems import Problem
from dashboard.core.validate import (
    check_foreign_keys,
    check_formulas,
    check_measure_unit,
    check_schema,
    check_sources,
    problem_rows,
)

REFERENCE_TABLES = (
    "assessment_figures",
    "assessment_publishers",
    "kyiv_attacks",
    "kyiv_attack_districts",
    "kyiv_districts",
)


@dataclass(frozen=True)
class Dataset:
    """Typed tables (valid rows only), seed texts by source id, and all problems found."""

    frames: dict[str, pd.DataFrame]
    seeds: dict[str, str]
    problems: tuple[Problem, ...]
    version: str

    @property
    def figures(self) -> pd.DataFrame:
        """Curated claims."""
        return self.frames["figures"]

    def summary(self) -> str:
        """One line: counts, and whether everything is anchored."""
        reference = sum(len(self.frames[name]) for name in REFERENCE_TABLES)
        head = f"{len(self.figures)} figures, {len(self.frames['sources'])} sources, {reference} reference rows"
        return (
            f"{head}: all anchored"
            if not self.problems
            else f"{head} valid; {len(self.problems)} problems"
        )


def _files(root: Path) -> list[Path]:
    data = sorted(
        p for p in (root / "data").rglob("*") if p.is_file() and p.suffix in {".csv", ".json"}
    )
    return data + sorted(p for p in (root / "seeds").glob("*") if p.is_file())


def fingerprint(root: Path = ROOT) -> str:
    """Cheap change detector for caches: names, sizes and modification times of the data files."""
    parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in _files(root)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def data_version(root: Path = ROOT) -> str:
    """Content hash of the data files and seeds, shown as the data version (12 hex digits)."""
    digest = hashlib.sha256()
    for p in _files(root):
        digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _check_figures(
    raw: RawTable, seeds: dict[str, str], sources: set[str], bad: set[int]
) -> list[Problem]:
    problems: list[Problem] = []
    for rec, row in zip(raw.records, raw.rows, strict=True):
        if row in bad:
            continue  # schema problems first: domain checks on a mistyped row only add noise
        text = seeds.get(rec["source_id"])
        if text is not None:
            problems += claims.check_anchor(raw.file, row, rec, text)
        elif rec["source_id"] in sources:
            # Unverifiable is not shown: a figure is served only when its quote is anchored.
            problems.append(
                Problem(
                    raw.file,
                    row,
                    "source_id",
                    f"the text of '{rec['source_id']}' cannot be read, so the quote cannot be verified (expected a readable seed; see that source's problem)",
                )
            )
        problems += claims.check_interval(raw.file, row, rec)
        problems += claims.check_hedge(raw.file, row, rec)
        problems += claims.check_quantity(raw.file, row, rec)
        problems += check_measure_unit(raw.file, row, rec)
    return problems


def load_dataset(root: Path = ROOT) -> Dataset:
    """Read and check every table and seed under `root`; never raises on bad data."""
    package = root / "data" / "datapackage.json"
    raws = {name: read_table(root, table) for name, table in schema.tables(package).items()}
    problems: list[Problem] = []
    for raw in raws.values():
        problems += raw.problems + check_schema(raw) + check_formulas(raw)
    problems += check_foreign_keys(raws)
    source_problems, seeds = check_sources(raws["sources"], root)
    problems += source_problems
    fig = raws["figures"]
    seed_ids = {r["source_id"] for r in raws["sources"].records if r["kind"] == "seed"}
    problems += _check_figures(fig, seeds, seed_ids, problem_rows(problems, fig.file))
    problems = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    frames = {name: to_frame(raw, problem_rows(problems, raw.file)) for name, raw in raws.items()}
    return Dataset(frames=frames, seeds=seeds, problems=tuple(problems), version=data_version(root))


def _code_version() -> str:
    """Hash of the checking code: a cached result is reused only by the code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_dataset_cached(root: Path = ROOT) -> Dataset:
    """load_dataset, memoised on disk under .cache/ by data content and code version, so a new
    process skips validation when neither changed (a changed CSV or seed is a new key)."""
    cache = root / ".cache" / f"dataset-{data_version(root)}-{_code_version()}.pickle"
    if cache.is_file():
        try:
            with cache.open("rb") as fh:
                dataset = pickle.load(fh)  # our own file, written below
            if isinstance(dataset, Dataset):
                return dataset
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a damaged cache is rebuilt, never trusted
    dataset = load_dataset(root)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only checkout still serves, it just validates each start
    return dataset
