"""Read the curated CSV tables and seed texts as they are on disk, reporting what is unreadable.

Reading never raises on bad input: it returns what could be read plus a list of problems, so
one broken cell costs one row, not the whole dashboard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.core.base.problems import Problem
from dashboard.core.data.schema import Field, Table

BOM = b"\xef\xbb\xbf"
# Cells longer than this are almost certainly a broken quote swallowing the file.
MAX_CELL = 1_000_000
# Records are turned into Arrow columns this many at a time: enough to amortise the
# conversion, few enough that the Python lists in between stay small (~10 MB).
BLOCK_ROWS = 50_000
SCAN_BLOCK = 1 << 24  # bytes read at a time when looking for a BOM, CRLF and any text
# Arrow's default allocator (mimalloc) keeps the pages it frees: building a million rows' columns
# left ~200 MB behind. The system allocator returns them. Only the reading uses it: for the
# app's own work on the frames mimalloc is faster (a first visit of a view took twice the CPU).
READ_POOL = pa.system_memory_pool()


@dataclass
class RawTable:
    """A table as read, column by column: each declared column as strings (one row per record,
    no per-row Python objects), each record's row number, and the reading problems."""

    table: Table
    file: str
    cells: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    problems: list[Problem] = field(default_factory=list)
    unusable: bool = False  # the file as a whole cannot be read (missing, empty, no header)
    _distinct: dict[str, tuple[np.ndarray, list[str]]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def distinct(self, name: str) -> tuple[np.ndarray, list[str]]:
        """A column as codes: each row's index into the column's distinct cells, and those cells.
        Computed once per column; every column-wise check reads each distinct cell once."""
        if name not in self._distinct:
            codes, cells = pd.factorize(self.cells[name])
            self._distinct[name] = (codes.astype(np.int32), cells.tolist())
        return self._distinct[name]

    def records(self) -> list[dict[str, str]]:
        """Each record as a dict of strings: for the small tables (sources, checks, facts)."""
        return self.cells.to_dict("records") if len(self) else []

    def bad_rows(self) -> set[int]:
        """Row numbers that carry a problem."""
        return {p.row for p in self.problems if p.row is not None and p.row > 1}


def relative(path: Path, root: Path) -> str:
    """Path for messages: relative to the repository root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _bom_problem(file: str) -> Problem:
    return Problem(
        file,
        1,
        None,
        "file starts with a UTF-8 byte-order mark (expected UTF-8 without BOM; re-save without it)",
    )


def _crlf_problem(file: str) -> Problem:
    return Problem(file, 1, None, "line endings are CRLF (expected LF, as committed)")


def _decode(raw: RawTable, data: bytes) -> str:
    """The whole file as text, undecodable bytes replaced: the slow path for a broken file."""
    if data.startswith(BOM):
        raw.problems.append(_bom_problem(raw.file))
        data = data[len(BOM) :]
    if b"\r\n" in data:
        raw.problems.append(_crlf_problem(raw.file))
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


def _scan(path: Path) -> tuple[bool, bool, bool]:
    """(has text, starts with a BOM, has CRLF) from one pass over the bytes, a block at a time."""
    has_text = crlf = False
    last = b""
    with path.open("rb") as fh:
        bom = fh.read(len(BOM)) == BOM
        fh.seek(0)
        while block := fh.read(SCAN_BLOCK):
            has_text = has_text or bool(block.strip())
            crlf = crlf or b"\r\n" in block or (last == b"\r" and block.startswith(b"\n"))
            last = block[-1:]
    return has_text, bom, crlf


def read_table(root: Path, table: Table) -> RawTable:
    """Read one declared table; problems for anything unreadable, records for the rest."""
    path = root / "data" / table.path
    raw = RawTable(table=table, file=relative(path, root))
    raw.cells = _empty_cells(table)
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
    has_text, bom, crlf = _scan(path)
    if not has_text:
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
    try:
        # Streamed: the text is never held whole (a million rows are ~370 MB of UTF-8).
        with path.open(encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            _parse(raw, fh)
    except UnicodeDecodeError:
        # Rare and broken: redo it from the whole file to name the first bad byte's place.
        raw.problems.clear()
        raw.cells, raw.rows, raw.unusable = _empty_cells(table), np.empty(0, np.int64), False
        _parse(raw, io.StringIO(_decode(raw, path.read_bytes()), newline=""))
        return raw
    if bom:
        raw.problems.insert(0, _bom_problem(raw.file))
    if crlf:
        raw.problems.insert(int(bom), _crlf_problem(raw.file))
    return raw


def _parse(raw: RawTable, lines: Iterable[str]) -> None:
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(lines, strict=True)
    columns = _Columns(raw.table.field_names)
    try:
        header = next(reader)
        if not _check_header(raw, header):
            raw.unusable = True
            return
        columns.header = header
        _read_records(raw, reader, columns)
    except csv.Error as err:
        raw.problems.append(
            Problem(
                raw.file,
                reader.line_num,
                None,
                f"CSV cannot be parsed: {err} (expected RFC 4180 quoting)",
            )
        )
        raw.unusable = not columns.count
    finally:
        raw.cells, raw.rows = columns.frame(), np.asarray(columns.rows, dtype=np.int64)
    _flag_replacement_characters(raw)


class _Columns:
    """Records gathered a block at a time into Arrow string columns (no dict per record)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.header: list[str] = names
        self.block: list[list[str]] = []
        self.chunks: dict[str, list[pa.Array]] = {name: [] for name in names}
        self.rows: list[int] = []

    @property
    def count(self) -> int:
        return len(self.rows)

    def flush(self) -> None:
        if not self.block:
            return
        grid = np.array(self.block, dtype=object)  # one 2-D array: the cheapest transpose
        self.block = []
        for name in self.names:
            column = grid[:, self.header.index(name)]
            self.chunks[name].append(
                pa.array(column, type=pa.large_string(), from_pandas=True, memory_pool=READ_POOL)
            )

    def frame(self) -> pd.DataFrame:
        self.flush()
        # pd.array wraps the Arrow chunks as they are: no copy.
        return pd.DataFrame(
            {
                name: pd.array(
                    pa.chunked_array(self.chunks.pop(name), type=pa.large_string()), dtype="str"
                )
                for name in self.names
            },
            columns=self.names,
        )


def _empty_cells(table: Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array([], dtype="str") for name in table.field_names})


def _read_records(raw: RawTable, reader: Iterator[list[str]], columns: _Columns) -> None:
    width = len(columns.header)
    block, rows = columns.block, columns.rows  # the loop runs per record: no lookups in it
    row = 1
    for cells in reader:
        row += 1
        if not cells:
            continue  # a trailing blank line is not a record
        if len(cells) != width:
            raw.problems.append(
                Problem(raw.file, row, None, f"row has {len(cells)} cells (expected {width})")
            )
            continue
        block.append(cells)
        rows.append(row)
        if len(block) == BLOCK_ROWS:
            columns.flush()
            block = columns.block


def _flag_replacement_characters(raw: RawTable) -> None:
    """Cells holding U+FFFD: what undecodable bytes became (or were already)."""
    for name in raw.table.field_names:
        codes, cells = raw.distinct(name)
        replaced = np.fromiter(("\ufffd" in c for c in cells), dtype=bool, count=len(cells))
        raw.problems += [
            Problem(
                raw.file,
                int(row),
                name,
                "cell holds bytes that are not valid UTF-8 (expected UTF-8 text)",
            )
            for row in raw.rows[replaced[codes]]
        ]


def _typed(f: Field, cells: list[str]) -> pd.Series:
    col = pd.Series(cells, dtype=object)
    if f.type in {"integer", "number"}:
        # Python's own parsers, as frictionless reads a cell: spaces around the digits (a no-break
        # space too) and "1_000" are numbers to it, so they must not fail here after validation
        parse = int if f.type == "integer" else (lambda c: float(Decimal(c)))
        values = pd.Series([parse(c) if c else None for c in cells], dtype=object)
        return pd.to_numeric(values).astype("Int64" if f.type == "integer" else "float64")
    if f.type == "boolean":
        return col.eq("true").astype(bool)
    return pd.to_datetime(col.replace("", None), format="%Y-%m-%d")


def to_frame(raw: RawTable, exclude_rows: set[int] | None = None) -> pd.DataFrame:
    """Typed DataFrame of the records whose rows carry no problem (strings stay '' when empty).
    Each distinct cell is converted once; string columns are the cells as read, not copied."""
    keep = ~np.isin(raw.rows, np.fromiter(exclude_rows or (), dtype=np.int64))
    whole = bool(keep.all())
    typed = {}
    for f in raw.table.fields:
        if f.type in {"integer", "number", "boolean", "date"}:
            codes, cells = raw.distinct(f.name)
            # Only the cells of kept rows: a rejected row's cell may not convert at all.
            used, kept = np.unique(codes if whole else codes[keep], return_inverse=True)
            values = _typed(f, [cells[i] for i in used])
            typed[f.name] = values.take(kept).reset_index(drop=True)
        else:
            column = raw.cells[f.name] if whole else raw.cells[f.name][keep]
            typed[f.name] = column.astype(str).reset_index(drop=True)
    return pd.DataFrame(typed, columns=raw.table.field_names)
