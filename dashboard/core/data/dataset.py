"""Load everything the app shows, validated: valid rows served, every problem reported."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.base.i18n import _
from dashboard.core.base.paths import ROOT
from dashboard.core.base.problems import Problem
from dashboard.core.data import checks, claims, commit, schema
from dashboard.core.data.columns import check_schema, per_distinct
from dashboard.core.data.load import RawTable, read_table, to_frame
from dashboard.core.data.stamp import data_files as _files
from dashboard.core.data.stamp import journal_stamp as _journal_stamp
from dashboard.core.data.validate import (
    MEASURE_UNIT_CELLS,
    check_controls,
    check_foreign_keys,
    check_formulas,
    check_measure_unit,
    check_sources,
    problem_rows,
)


class DataUnavailable(RuntimeError):
    """The data cannot be loaded at all (no readable schema): one named problem, no rows."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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
        counts = {
            "figures": len(self.figures),
            "sources": len(self.frames["sources"]),
            "reference": reference,
            "problems": len(self.problems),
        }
        if not self.problems:
            said = _(
                "{figures} figures, {sources} sources, {reference} reference rows: all anchored"
            )
        else:
            said = _(
                "{figures} figures, {sources} sources, {reference} reference rows valid; {problems} problems"
            )
        return said.format(**counts)


HASH_BLOCK = 1 << 24  # bytes hashed at a time


def data_version(root: Path = ROOT) -> str:
    """Content hash of the data files and seeds, shown as the data version (12 hex digits)."""
    digest = hashlib.sha256()
    for p in _files(root):
        digest.update(p.relative_to(root).as_posix().encode() + b"\0")
        with p.open("rb") as fh:  # a block at a time: the same hash, never the whole file
            while block := fh.read(HASH_BLOCK):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _check_figures(
    raw: RawTable, seeds: dict[str, str], sources: set[str], bad: set[int]
) -> list[Problem]:
    """The domain rules, each run once per distinct combination of the cells it reads (a
    million rows quoting the same sentence at the same offsets check one anchor)."""
    # Schema problems first: domain checks on a mistyped row only add noise.
    keep = ~np.isin(raw.rows, np.fromiter(bad, dtype=np.int64, count=len(bad)))

    def anchor(file: str, row: int, rec: dict[str, str]) -> list[Problem]:
        text = seeds.get(rec["source_id"])
        if text is not None:
            return claims.check_anchor(file, row, rec, text)
        if rec["source_id"] in sources:
            # Unverifiable is not shown: a figure is served only when its quote is anchored.
            return [
                Problem(
                    file,
                    row,
                    "source_id",
                    f"the text of '{rec['source_id']}' cannot be read, so the quote cannot be verified (expected a readable seed; see that source's problem)",
                )
            ]
        return []

    rules = [
        (claims.ANCHOR_CELLS, anchor),
        (claims.INTERVAL_CELLS, claims.check_interval),
        (claims.HEDGE_CELLS, claims.check_hedge),
        (claims.QUANTITY_CELLS, claims.check_quantity),
        (MEASURE_UNIT_CELLS, check_measure_unit),
    ]
    problems: list[Problem] = []
    for columns, rule in rules:
        problems += per_distinct(raw, keep, columns, rule)
    return problems


PACKAGE = "data/datapackage.json"
REQUIRED = ("sources", "figures", "geographies", *REFERENCE_TABLES)


def _declared_tables(root: Path) -> dict[str, schema.Table]:
    """The tables datapackage.json declares, or DataUnavailable naming what is wrong with it."""
    try:
        declared = schema.tables(root / PACKAGE)
    except OSError as err:
        reason = f"cannot be read ({err.strerror})"
    except ValueError as err:  # json.JSONDecodeError: typically a truncated file
        reason = f"is not valid JSON ({err})"
    except (KeyError, TypeError) as err:
        reason = f"is not a Data Package descriptor (missing {err})"
    else:
        missing = [name for name in REQUIRED if name not in declared]
        if not missing:
            return declared
        reason = f"declares no resource {', '.join(missing)}"
    raise DataUnavailable(
        Problem(
            PACKAGE, None, None, f"{reason} (expected the project's schema; restore it with git)"
        )
    )


def _whole_file_problems(root: Path, raws: dict[str, RawTable]) -> list[Problem]:
    problems = []
    for name in ("sources", "figures"):
        raw = raws[name]
        if not len(raw) and not raw.unusable:
            problems.append(
                Problem(
                    raw.file,
                    2,
                    None,
                    f"no rows under the header (expected at least one {name[:-1]})",
                )
            )
    if commit.pending(root):
        try:
            commit.read_journal(root)
            message = "a save was interrupted before it completed (run `python -m dashboard check` or restart the app to complete it)"
        except commit.JournalDamaged as err:
            message = str(err)
        problems.append(Problem(commit.JOURNAL, None, None, message))
    return problems


def load_dataset(root: Path = ROOT, *, version: str | None = None) -> Dataset:
    """Read and check every table and seed under `root`; never raises on bad rows, only
    DataUnavailable when the schema itself cannot be read. `version`: the data version when
    the caller has just computed it (hashing a million rows twice costs a second)."""
    raws = {name: read_table(root, table) for name, table in _declared_tables(root).items()}
    problems: list[Problem] = _whole_file_problems(root, raws)
    for raw in raws.values():
        problems += raw.problems + check_schema(raw) + check_formulas(raw) + check_controls(raw)
    problems += check_foreign_keys(raws)
    source_problems, seeds = check_sources(raws["sources"], root)
    problems += source_problems
    fig = raws["figures"]
    seed_ids = {r["source_id"] for r in raws["sources"].records() if r["kind"] == "seed"}
    problems += _check_figures(fig, seeds, seed_ids, problem_rows(problems, fig.file))
    if "checks" in raws:  # verdicts against the numbers, after the rows they link are checked
        problems += checks.check_claim_checks(
            raws["checks"],
            fig,
            raws["assessment_figures"],
            problem_rows(problems, raws["checks"].file),
            raws.get("assessment_publishers"),
        )
    problems = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    frames = {name: to_frame(raw, problem_rows(problems, raw.file)) for name, raw in raws.items()}
    return Dataset(
        frames=frames,
        seeds=seeds,
        problems=tuple(problems),
        version=version or data_version(root),
    )


def _code_version() -> str:
    """Hash of the checking code: a cached result is reused only by the code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):  # all of core/
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_digest(folder: Path, meta: dict[str, object]) -> str:
    """sha256 over the cache's JSON (its digest aside) and its tables' bytes, in order."""
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    for name in meta["tables"]:  # type: ignore[attr-defined]
        digest.update((folder / f"{name}.parquet").read_bytes())
    return digest.hexdigest()


def _write_cache(dataset: Dataset, folder: Path) -> None:
    """The dataset as Parquet tables plus a JSON file: data formats, nothing that can run code."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        for name, frame in dataset.frames.items():
            frame.to_parquet(tmp / f"{name}.parquet")
        meta: dict[str, object] = {
            "version": dataset.version,
            "tables": list(dataset.frames),
            "seeds": dataset.seeds,
            "problems": [[p.file, p.row, p.column, p.message] for p in dataset.problems],
        }
        meta["digest"] = _cache_digest(tmp, meta)
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder)  # a directory rename: readers see all of it or none
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # only left when the rename did not happen


def _read_cache(folder: Path, version: str) -> Dataset:
    """The cached dataset, or ValueError when any byte of it differs from what was written (a
    cache that lost its tables or its problems would take the app down or hide them)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    digest = meta.pop("digest", None) if isinstance(meta, dict) else None
    if digest is None or meta.get("version") != version or _cache_digest(folder, meta) != digest:
        raise ValueError(f"{folder}: the cache is not as written")
    frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in meta["tables"]}
    problems = tuple(Problem(*p) for p in meta["problems"])
    return Dataset(frames=frames, seeds=meta["seeds"], problems=problems, version=meta["version"])


def load_dataset_cached(root: Path = ROOT, *, write: bool = True) -> Dataset:
    """load_dataset, memoised on disk under .cache/ by data content and code version, so a new
    process skips validation when neither changed (a changed CSV or seed is a new key). With
    write=False (read-only mode) an existing cache is read but nothing is written."""
    version = data_version(root)
    cache = root / ".cache" / f"dataset-{version}-{_code_version()}-{_journal_stamp(root)}"
    if (cache / "meta.json").is_file():
        try:
            return _read_cache(cache, version)
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged cache is rebuilt, never trusted (pyarrow's errors are ValueErrors).
            shutil.rmtree(cache, ignore_errors=True)
    dataset = load_dataset(root, version=version)
    if write:
        # A read-only checkout still serves, it just validates each start.
        with contextlib.suppress(OSError):
            _write_cache(dataset, cache)
    return dataset
