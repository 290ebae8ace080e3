"""Read the curated CSV tables and seed texts as they are on disk, reporting what is unreadable.

Reading never raises on bad input: it returns what could be read plus a list of problems, so
one broken cell costs one row, not the whole dashboard.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.core.data.schema import Table
from dashboard.core.problems import Problem

BOM = b"\xef\xbb\xbf"
# Cells longer than this are almost certainly a broken quote swallowing the file.
MAX_CELL = 1_000_000


@dataclass
class RawTable:
    """A table as read: declared columns in order, records as strings, and reading problems."""

    table: Table
    file: str
    records: list[dict[str, str]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # row number of each record (header = 1)
    problems: list[Problem] = field(default_factory=list)
    unusable: bool = False  # the file as a whole cannot be read (missing, empty, no header)

    def bad_rows(self) -> set[int]:
        """Row numbers that carry a problem."""
        return {p.row for p in self.problems if p.row is not None and p.row > 1}


def relative(path: Path, root: Path) -> str:
    """Path for messages: relative to the repository root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _decode(raw: RawTable, data: bytes) -> str:
    if data.startswith(BOM):
        raw.problems.append(
            Problem(
                raw.file,
                1,
                None,
                "file starts with a UTF-8 byte-order mark (expected UTF-8 without BOM; re-save without it)",
            )
        )
        data = data[len(BOM) :]
    if b"\r\n" in data:
        raw.problems.append(
            Problem(raw.file, 1, None, "line endings are CRLF (expected LF, as committed)")
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raw.problems.append(
            Problem(
                raw.file,
                line,
                None,
                f"byte 0x{data[err.start]:02x} at byte {err.start} is not valid UTF-8 (expected UTF-8 text)",
            )
        )
        return data.decode("utf-8", errors="replace")


def _check_header(raw: RawTable, header: list[str]) -> bool:
    declared = raw.table.field_names
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raw.problems.append(
                Problem(
                    raw.file,
                    1,
                    name,
                    "column appears twice in the header (expected each column once)",
                )
            )
            ok = False
        seen.add(name)
        if name not in declared:
            raw.problems.append(
                Problem(raw.file, 1, name, f"unknown column (expected only: {', '.join(declared)})")
            )
    for name in declared:
        if name not in seen:
            raw.problems.append(
                Problem(
                    raw.file,
                    1,
                    name,
                    f"column missing from the header (expected columns: {', '.join(declared)})",
                )
            )
            ok = False
    return ok


def read_table(root: Path, table: Table) -> RawTable:
    """Read one declared table; problems for anything unreadable, records for the rest."""
    path = root / "data" / table.path
    raw = RawTable(table=table, file=relative(path, root))
    if not path.is_file():
        raw.problems.append(
            Problem(
                raw.file,
                None,
                None,
                "file not found (expected the table declared in data/datapackage.json)",
            )
        )
        raw.unusable = True
        return raw
    data = path.read_bytes()
    if not data.strip():
        raw.problems.append(
            Problem(
                raw.file,
                None,
                None,
                f"file is empty (expected a header row: {','.join(table.field_names)})",
            )
        )
        raw.unusable = True
        return raw
    text = _decode(raw, data)
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        if not _check_header(raw, header):
            raw.unusable = True
            return raw
        _read_records(raw, reader, header)
    except csv.Error as err:
        raw.problems.append(
            Problem(
                raw.file,
                reader.line_num,
                None,
                f"CSV cannot be parsed: {err} (expected RFC 4180 quoting)",
            )
        )
        raw.unusable = not raw.records
    return raw


def _read_records(raw: RawTable, reader: csv._reader, header: list[str]) -> None:
    row = 1
    for cells in reader:
        row += 1
        if not cells:
            continue  # a trailing blank line is not a record
        if len(cells) != len(header):
            raw.problems.append(
                Problem(raw.file, row, None, f"row has {len(cells)} cells (expected {len(header)})")
            )
            continue
        record = dict(zip(header, cells, strict=True))
        bad = [k for k, v in record.items() if "\ufffd" in v]
        for name in bad:
            raw.problems.append(
                Problem(
                    raw.file,
                    row,
                    name,
                    "cell holds bytes that are not valid UTF-8 (expected UTF-8 text)",
                )
            )
        raw.records.append({name: record[name] for name in raw.table.field_names})
        raw.rows.append(row)


def to_frame(raw: RawTable, exclude_rows: set[int] | None = None) -> pd.DataFrame:
    """Typed DataFrame of the records whose rows carry no problem (strings stay '' when empty)."""
    exclude = exclude_rows or set()
    keep = [rec for rec, row in zip(raw.records, raw.rows, strict=True) if row not in exclude]
    frame = pd.DataFrame(keep, columns=raw.table.field_names, dtype=object)
    for f in raw.table.fields:
        col = frame[f.name]
        if f.type == "integer":
            frame[f.name] = pd.to_numeric(col.replace("", None)).astype("Int64")
        elif f.type == "number":
            frame[f.name] = pd.to_numeric(col.replace("", None)).astype("float64")
        elif f.type == "boolean":
            frame[f.name] = col.eq("true").astype(bool)
        elif f.type == "date":
            frame[f.name] = pd.to_datetime(col.replace("", None), format="%Y-%m-%d")
        else:
            frame[f.name] = col.astype(str)
    return frame
