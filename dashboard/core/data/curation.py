"""Adding a source and its claims without ever breaking provenance.

One function writes seeds/, data/sources.csv and data/figures.csv together: it validates the
whole result first (nothing is written when anything is wrong), refuses to overwrite a table
that changed since the user loaded it, and appends a dated entry to data/CHANGES.md. All of it
happens under one write lock and reaches disk through one commit point (see core/commit.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.core.base.problems import Problem
from dashboard.core.data import commit, schema
from dashboard.core.data.controls import find_control, one_line
from dashboard.core.data.dataset import load_dataset
from dashboard.core.text.extract import Candidate, candidates_to_records, propose_claims

MAX_SEED_BYTES = 2_000_000  # a long report as text is ~1 MB; more is almost surely not prose
SOURCE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SOURCE_ID = 80  # ids become file names and figure-id prefixes; 255 bytes is the name limit
URL = re.compile(r"^https?://[^\s/?#]+\S*$")  # the schema's pattern for sources.url, plus a host
LOCK_WAIT = 5.0  # seconds a second saver waits for the first before being told to try again
TABLES = ("data/sources.csv", "data/figures.csv")


class CurationError(ValueError):
    """A refused addition, with a message for the user."""


@dataclass(frozen=True)
class Change:
    """What to write: new seed files (path -> bytes) and the full new text of each table."""

    seeds: dict[str, bytes] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    summary: str = ""


@dataclass(frozen=True)
class SaveResult:
    """Outcome of a save: written paths, or the problems / conflicts that stopped it."""

    written: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    conflicts: tuple[str, ...] = ()
    busy: str = ""  # another save held the lock for longer than we waited
    error: str = ""  # the OS refused a write (disk full, read-only folder), in plain words

    @property
    def ok(self) -> bool:
        """True when everything was written."""
        return bool(self.written) and not (
            self.problems or self.conflicts or self.busy or self.error
        )


def file_hash(path: Path) -> str:
    """sha256 of a file, or '' when it does not exist."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def table_hashes(root: Path) -> dict[str, str]:
    """Hashes of the curated tables, taken when the user starts editing."""
    return {rel: file_hash(root / rel) for rel in TABLES}


def check_seed_bytes(data: bytes, source_id: str, root: Path) -> str:
    """The text of a new seed, or CurationError naming what is wrong with it."""
    if len(source_id) > MAX_SOURCE_ID:
        raise CurationError(
            f"source id is {len(source_id)} characters long (expected at most {MAX_SOURCE_ID})"
        )
    if not SOURCE_ID.match(source_id):
        raise CurationError(
            f"source id '{source_id}' must be lower-case letters, digits and single hyphens (expected e.g. 'kse-damage-2024')"
        )
    if not data.strip():
        raise CurationError("the text is empty (expected the document's text)")
    if len(data) > MAX_SEED_BYTES:
        raise CurationError(too_big(len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CurationError(
            f"the text is not UTF-8 (byte 0x{data[err.start]:02x} at {err.start}); re-save it as UTF-8"
        ) from err
    digest = hashlib.sha256(data).hexdigest()
    for row in _rows(root / "data" / "sources.csv"):
        if row["sha256"] == digest:
            raise CurationError(
                f"this exact text is already source '{row['source_id']}' ({row['path']})"
            )
        if row["source_id"] == source_id:
            raise CurationError(
                f"source id '{source_id}' is taken (ids are never reused; pick another)"
            )
    return text


def check_url(url: str) -> None:
    """CurationError unless `url` is an http(s) address or 'not stated' (never javascript:, data:)."""
    if url != "not stated" and not URL.match(url):
        raise CurationError(
            f"URL '{url}' is not an http(s) address (expected https://... or 'not stated')"
        )


def check_fields(source: dict[str, str]) -> None:
    """CurationError naming the first source field that holds a control character."""
    for name, value in source.items():
        if (found := find_control(str(value))) is not None:
            raise CurationError(f"{name} {found}")


def read_limited(path: Path) -> bytes:
    """A file's bytes, refusing one over MAX_SEED_BYTES before reading it (CurationError)."""
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise CurationError(too_big(size))
        with path.open("rb") as fh:
            data = fh.read(MAX_SEED_BYTES + 1)  # it may have grown since stat
    except OSError as err:
        raise CurationError(f"cannot read the file ({err.strerror})") from err
    if len(data) > MAX_SEED_BYTES:
        raise CurationError(too_big(len(data)))
    return data


def too_big(size: int) -> str:
    """The refusal of a text of `size` bytes."""
    return f"the text is {size:,} bytes (expected at most {MAX_SEED_BYTES:,}; split the document or keep the relevant part)"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _table_text(rows: list[dict[str, str]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{k: row.get(k, "") for k in fields} for row in rows])
    return buffer.getvalue()


def plan_addition(
    root: Path, source: dict[str, str], text_bytes: bytes, figures: list[dict[str, str]]
) -> Change:
    """The change that adds one seed, its source row and its claims (ids assigned here)."""
    check_seed_bytes(text_bytes, source["source_id"], root)
    check_url(source.get("url", "not stated"))
    check_fields(source)
    seed_path = f"seeds/{source['source_id']}.txt"
    sources_fields = schema.table("sources").field_names
    figure_fields = schema.table("figures").field_names
    row = {
        **source,
        "kind": "seed",
        "path": seed_path,
        "sha256": hashlib.sha256(text_bytes).hexdigest(),
    }
    row.setdefault("accessed", date.today().isoformat())
    existing = _rows(root / "data" / "figures.csv")
    numbered = [
        {**fig, "source_id": source["source_id"], "figure_id": f"{source['source_id']}-{i:02d}"}
        for i, fig in enumerate(figures, start=1)
    ]
    return Change(
        seeds={seed_path: text_bytes},
        tables={
            "data/sources.csv": _table_text(
                [*_rows(root / "data/sources.csv"), row], sources_fields
            ),
            "data/figures.csv": _table_text(existing + numbered, figure_fields),
        },
        summary=f"added source {source['source_id']} ({source.get('title', 'not stated')}) with {len(numbered)} claims",
    )


def validate_change(root: Path, change: Change) -> list[Problem]:
    """All problems the data would have after the change, checked on a private copy."""
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp)
        shutil.copytree(root / "seeds", trial / "seeds")
        shutil.copytree(root / "data", trial / "data")
        for rel, data in change.seeds.items():
            (trial / rel).write_bytes(data)
        for rel, text in change.tables.items():
            (trial / rel).write_text(text, encoding="utf-8", newline="")
        return list(load_dataset(trial).problems)


def _payload(root: Path, change: Change) -> dict[str, bytes]:
    payload = dict(change.seeds) | {rel: t.encode("utf-8") for rel, t in change.tables.items()}
    log = root / "data" / "CHANGES.md"
    payload["data/CHANGES.md"] = (
        log.read_bytes() if log.exists() else b"# Data changes\n\n"
    ) + f"- {date.today():%Y-%m-%d}: {one_line(change.summary)}\n".encode()
    return payload


def _save_locked(root: Path, change: Change, loaded: dict[str, str] | None) -> SaveResult:
    conflicts = tuple(
        rel
        for rel, digest in (loaded or {}).items()
        if rel in change.tables and file_hash(root / rel) != digest
    )
    if conflicts:
        return SaveResult(conflicts=conflicts)
    problems = validate_change(root, change)
    if problems:
        return SaveResult(problems=tuple(problems))
    payload = _payload(root, change)
    commit.commit(root, payload)
    return SaveResult(written=tuple(payload))


def save_change(
    root: Path, change: Change, loaded: dict[str, str] | None, *, wait: float = LOCK_WAIT
) -> SaveResult:
    """Under the write lock: refuse conflicts with `loaded` (table hashes when the user started;
    None skips the check), validate, then commit every file or none."""
    return _locked_save(root, wait, lambda: _save_locked(root, change, loaded))


def _locked_save(root: Path, wait: float, save: Callable[[], SaveResult]) -> SaveResult:
    """`save` under the write lock after completing any interrupted save; the ways a save can
    fail (busy, a damaged journal, a failed commit, the disk) as a result with its message."""
    try:
        with commit.write_lock(root, wait):
            commit.recover_locked(root)
            return save()
    except commit.SaveBusy as err:
        return SaveResult(busy=str(err))
    except commit.JournalDamaged as err:  # never applied; the message says how to go on
        return SaveResult(problems=(Problem(commit.JOURNAL, None, None, str(err)),))
    except commit.SaveFailed as err:
        return SaveResult(error=str(err))
    except OSError as err:
        return SaveResult(error=commit.describe_os_error(err))


def save_addition(
    root: Path,
    source: dict[str, str],
    text_bytes: bytes,
    figures: list[dict[str, str]],
    loaded: dict[str, str] | None,
    *,
    wait: float = LOCK_WAIT,
) -> SaveResult:
    """plan_addition and save_change in one hold of the lock, so the plan is made from the
    tables as they are when it is written (CurationError when the addition is refused)."""

    def save() -> SaveResult:
        change = plan_addition(root, source, text_bytes, figures)
        return _save_locked(root, change, loaded)

    return _locked_save(root, wait, save)


def review_frame(text: str, source_id: str) -> pd.DataFrame:
    """The proposed claims of a text as the Curate page's editable table, quantitative ones
    ticked; declared columns even when nothing was found (the checkbox needs a bool column)."""
    records = candidates_to_records(propose_claims(text), source_id)
    frame = pd.DataFrame(records, columns=["source_id", *Candidate.__dataclass_fields__])
    frame.insert(0, "accept", frame["kind"].eq("quantitative").astype(bool))
    frame["geography"], frame["note"] = None, ""
    return frame


def _cell(value: object) -> str:
    """A CSV cell: '' for missing, integral floats without '.0', booleans as true/false."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


FIGURE_COLUMNS = (
    "quote",
    "start",
    "end",
    "sector",
    "measure",
    "value_low",
    "value_high",
    "unit",
    "bound",
    "hedge",
    "per_year",
    "geography",
    "attributed_to",
    "attributed_url",
    "attribution_basis",
    "note",
)


def candidate_to_figure(record: dict[str, object], text: str) -> dict[str, str]:
    """A reviewed candidate as a figures.csv row (ids are assigned when the change is planned)."""
    row = {name: _cell(record.get(name)) for name in FIGURE_COLUMNS}
    start, end = record.get("figure_start"), record.get("figure_end")
    has_figure = (
        isinstance(start, int | float)
        and isinstance(end, int | float)
        and start == start
        and end == end
    )
    row["figure_text"] = text[int(start) : int(end)] if has_figure else ""  # type: ignore[arg-type]
    if not row["bound"]:
        row["bound"] = "none"
    if not row["per_year"]:
        row["per_year"] = "false"
    return row


# Choices a reviewed row cannot be saved without: never guessed into the table by default.
REVIEW_CHOICES = {
    "sector": "choose a sector",
    "measure": "choose a measure (none was proposed: the words do not say whether it is damage, needs, losses or another measure)",
    "geography": "choose where the claim applies (places are never guessed)",
}


# A quote is the pasted text's own words: it is mended there, not in the table.
PASTED = "; the quote is the pasted text's: replace it there and propose again"


@dataclass(frozen=True)
class RowProblem:
    """A problem in the review table, at the row number the user sees (from 1) and its field."""

    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "Table"
        return f"{where} · {self.field}: {self.message}"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) == ""


def check_review(rows: dict[int, dict[str, object]]) -> list[RowProblem]:
    """Accepted rows (by on-screen number) with a choice still to make, or a control character
    in a cell (a form feed the pasted text carried into a quote)."""
    return [
        RowProblem(number, name, message)
        for number, record in rows.items()
        for name, message in REVIEW_CHOICES.items()
        if _blank(record.get(name))
    ] + [
        RowProblem(number, name, found + (PASTED if name == "quote" else ""))
        for number, record in rows.items()
        for name in FIGURE_COLUMNS
        if isinstance(record.get(name), str)
        and (found := find_control(str(record[name]))) is not None
    ]


def figure_rows(root: Path) -> int:
    """Rows in data/figures.csv now (the header not counted): saved claims are appended after."""
    return len(_rows(root / "data" / "figures.csv"))


def screen_problems(problems: list[Problem], existing: int, numbers: list[int]) -> list[RowProblem]:
    """Save problems on the appended figures.csv rows, at the review table's row numbers
    (`numbers[i]` is the on-screen number of the i-th accepted row); others keep their file."""
    out = []
    for p in problems:
        index = (p.row or 0) - 2 - existing  # the header is row 1
        if p.file == "data/figures.csv" and 0 <= index < len(numbers):
            out.append(RowProblem(numbers[index], p.column or "row", p.message))
        else:
            out.append(RowProblem(None, p.column or p.file, str(p)))
    return out


# What a reviewer decides comes first; offsets and machine fields are kept but hidden.
REVIEW_COLUMNS = [
    "accept",
    "sector",
    "measure",
    "value_low",
    "value_high",
    "unit",
    "hedge",
    "attributed_to",
    "attribution_basis",
    "geography",
    "quote",
    "note",
    "attributed_url",
    "bound",
    "per_year",
    "kind",
    "confidence",
]
