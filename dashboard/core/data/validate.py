"""Every check over seeds/ and data/: the schema's (frictionless, column-wise) and the domain's.

The schema checks types, enums, patterns, keys. The domain checks what a schema cannot say: each
quote is in its seed at its offsets, intervals are ordered and agree with their hedge, hashes
match, every seed has a source row. All problems are collected; none stops the others.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.data.formulas import is_formula
from dashboard.core.data.load import RawTable, relative
from dashboard.core.data.schema import Table
from dashboard.core.problems import Problem
from dashboard.core.reading import anchors

_EXPECT = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date as YYYY-MM-DD",
}


def _cell_message(table: Table, name: str, cell: str, kind: str, note: str) -> str:
    """The readable message for one frictionless cell note (a type or a constraint error)."""
    if kind == "type":
        ftype = table.field(name).type
        return f"'{cell}' is not {_EXPECT.get(ftype, ftype)} (expected {_EXPECT.get(ftype, ftype)})"
    return _constraint_message(table, name, cell, note)


def _constraint_message(table: Table, name: str, cell: object, note: str) -> str:
    field = table.field(name)
    if '"required"' in note:
        return "value is missing (expected a value)"
    if '"enum"' in note and field.enum:
        return f"'{cell}' is not a known {name} (expected one of: {', '.join(field.enum)})"
    constraints = next(f for f in table.descriptor["schema"]["fields"] if f["name"] == name).get(
        "constraints", {}
    )
    if '"pattern"' in note:
        return (
            f"'{cell}' does not match the expected form (expected pattern {constraints['pattern']})"
        )
    if '"minimum"' in note:
        return f"{cell} is below the minimum (expected at least {constraints['minimum']})"
    if '"maximum"' in note:
        return f"{cell} is above the maximum (expected at most {constraints['maximum']})"
    return f"'{cell}' breaks a constraint ({note})"


@dataclass(frozen=True)
class _Column:
    """One column read through its frictionless field: each distinct cell read once."""

    codes: np.ndarray  # per row: its index into the distinct cells
    messages: dict[int, list[str]]  # per distinct cell with problems: what is wrong
    values: list[object] | None  # per distinct cell: the typed value (for unique fields only)
    missing: np.ndarray  # per distinct cell: a missing value (not a type error)


def _read_column(raw: RawTable, field: Any) -> _Column:
    codes, distinct = raw.distinct(field.name)
    reader = _string_reader(field) or field.create_cell_reader()
    messages: dict[int, list[str]] = {}
    values: list[object] = []
    missing = np.zeros(len(distinct), dtype=bool)
    for i, cell in enumerate(distinct):
        value, notes = reader(cell)
        if notes:
            notes = dict(notes)
            type_note = notes.pop("type", None)
            found = (
                [_cell_message(raw.table, field.name, cell, "type", type_note)] if type_note else []
            )
            found += [
                _cell_message(raw.table, field.name, cell, "constraint", n) for n in notes.values()
            ]
            messages[i] = found
        else:
            type_note = None
        missing[i] = value is None and type_note is None
        values.append(value)
    unique = bool(field.constraints.get("unique"))
    return _Column(codes, messages, values if unique else None, missing)


def _string_reader(field: Any) -> Callable[[str], tuple[object, dict[str, str] | None]] | None:
    """Frictionless's cell reader for a plain string field, without its per-call overhead (a
    column of a million ids is a million distinct cells). Same missing values, same constraint
    notes, the pattern anchored and matched as frictionless does; a test holds the two equal.
    None for any other field: those are read by frictionless itself."""
    constraints = field.constraints
    if field.type != "string" or field.format != "default":
        return None
    if set(constraints) - {"required", "pattern", "enum", "unique"}:
        return None
    missing = set(
        field.missing_values if field.has_defined("missing_values") else field.schema.missing_values
    )
    required = (
        {"required": f'constraint "required" is "{constraints["required"]}"'}
        if constraints.get("required")
        else None
    )
    pattern = re.compile(f"^{constraints['pattern']}$") if "pattern" in constraints else None
    enum = constraints.get("enum")

    def read(cell: str) -> tuple[object, dict[str, str] | None]:
        if cell in missing:
            return None, required
        notes = {}
        if pattern is not None and not pattern.match(cell):
            notes["pattern"] = f'constraint "pattern" is "{constraints["pattern"]}"'
        if enum is not None and cell not in enum:
            notes["enum"] = f'constraint "enum" is "{enum}"'
        return cell, notes or None

    return read


def check_schema(raw: RawTable) -> list[Problem]:
    """Types, enums, patterns, ranges, required and unique fields, as data/datapackage.json
    declares them: each column is read through its frictionless field, one distinct cell at a
    time, and the results are spread back over the rows (the row-by-row validator, column-wise)."""
    if raw.unusable or not len(raw):
        return []
    from frictionless import Schema as FrictionlessSchema  # imported when validating only

    descriptor = {k: v for k, v in raw.table.descriptor["schema"].items() if k != "foreignKeys"}
    fields = FrictionlessSchema.from_descriptor(descriptor).fields
    columns = {f.name: _read_column(raw, f) for f in fields}
    # Frictionless reports a row whose every cell is missing as one blank-row error, nothing else.
    blank = np.logical_and.reduce([c.missing[c.codes] for c in columns.values()])
    problems = []
    for name, column in columns.items():
        flagged = np.zeros(len(column.missing), dtype=bool)
        flagged[list(column.messages)] = True
        for position in np.flatnonzero(flagged[column.codes] & ~blank):
            row = int(raw.rows[position])
            problems += [
                Problem(raw.file, row, name, message)
                for message in column.messages[int(column.codes[position])]
            ]
        if column.values is not None:
            problems += _duplicates(raw, name, column)
    return problems


def _duplicates(raw: RawTable, name: str, column: _Column) -> list[Problem]:
    """Each repeated (typed) value, naming the row where it last appeared before."""
    values = column.values or []
    identity, _ = pd.factorize(pd.Series(values, dtype=object))
    keys = identity[column.codes]
    present = np.flatnonzero(np.array([v is not None for v in values], dtype=bool)[column.codes])
    order = present[np.argsort(keys[present], kind="stable")]
    repeat = np.flatnonzero(keys[order][1:] == keys[order][:-1]) + 1
    return [
        Problem(
            raw.file,
            int(raw.rows[order[i]]),
            name,
            f"duplicate value '{values[column.codes[order[i]]]}' (expected a unique {name}; first in row {int(raw.rows[order[i - 1]])})",
        )
        for i in repeat
    ]


def _spread(raw: RawTable, name: str, test: Callable[[str], bool]) -> np.ndarray:
    """Positions of the rows whose cell in `name` passes `test` (run once per distinct cell)."""
    codes, distinct = raw.distinct(name)
    return np.flatnonzero(np.fromiter(map(test, distinct), dtype=bool, count=len(distinct))[codes])


def check_foreign_keys(raws: dict[str, RawTable]) -> list[Problem]:
    """Every foreign key declared in the schema points at an existing row."""
    problems = []
    for raw in raws.values():
        for fk in raw.table.foreign_keys:
            target = raws.get(fk["reference"]["resource"])
            if target is None or target.unusable:
                continue
            (here,), (there,) = fk["fields"], fk["reference"]["fields"]
            known = set(target.distinct(there)[1])
            cells = raw.distinct(here)[1]
            codes = raw.distinct(here)[0]
            problems += [
                Problem(
                    raw.file,
                    int(raw.rows[i]),
                    here,
                    f"'{cells[codes[i]]}' is not in {target.file} (expected an existing {there})",
                )
                for i in _spread(raw, here, lambda v, known=known: v != "" and v not in known)
            ]
    return problems


def check_formulas(raw: RawTable) -> list[Problem]:
    """Cells a spreadsheet would execute (CSV/formula injection)."""
    problems = []
    for name in raw.table.field_names:
        codes, cells = raw.distinct(name)
        problems += [
            Problem(
                raw.file,
                int(raw.rows[i]),
                name,
                f"cell begins with {cells[codes[i]][0]!r} and would run as a spreadsheet formula (expected plain text, or a plain number)",
            )
            for i in _spread(raw, name, is_formula)
        ]
    return problems


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_sources(raw: RawTable, root: Path) -> tuple[list[Problem], dict[str, str]]:
    """Files exist, hashes match, seeds decode; returns problems and the seed texts by source id."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    listed: set[Path] = set()
    for rec, row in zip(raw.records(), raw.rows.tolist(), strict=True):
        path = (root / rec["path"]).resolve()
        if not path.is_relative_to(root.resolve()):
            problems.append(
                Problem(
                    raw.file,
                    row,
                    "path",
                    f"'{rec['path']}' points outside the repository (expected seeds/... or data/geo/...)",
                )
            )
            continue
        listed.add(path)
        if not path.is_file():
            problems.append(
                Problem(
                    raw.file,
                    row,
                    "path",
                    f"'{rec['path']}' does not exist (expected the committed copy of the document)",
                )
            )
            continue
        actual = sha256_of(path)
        if rec["sha256"] and actual != rec["sha256"]:
            problems.append(
                Problem(
                    raw.file,
                    row,
                    "sha256",
                    f"file hashes to {actual}, not {rec['sha256']} (expected an unchanged file; a changed document needs a new source id)",
                )
            )
        if rec["kind"] == "seed":
            text, seed_problems = read_seed(path, root)
            problems += seed_problems
            if text is not None:
                texts[rec["source_id"]] = text
    problems += _unlisted(root, listed)
    return problems, texts


def _unlisted(root: Path, listed: set[Path]) -> list[Problem]:
    found = [
        *sorted((root / "seeds").glob("*")),
        *sorted((root / "data" / "geo").glob("*.geojson")),
    ]
    return [
        Problem(
            relative(p, root),
            None,
            None,
            "document has no row in data/sources.csv (expected one row per file, with its sha256)",
        )
        for p in found
        if p.is_file() and not p.name.startswith(".") and p.resolve() not in listed
    ]


def read_seed(path: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """Decode a seed strictly; problems for empty, BOM-prefixed or non-UTF-8 files."""
    name = relative(path, root)
    data = path.read_bytes()
    if not data.strip():
        return None, [Problem(name, None, None, "seed is empty (expected the document's text)")]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                name,
                None,
                None,
                "seed starts with a UTF-8 byte-order mark (expected UTF-8 without BOM: offsets would be off by one)",
            )
        ]
    try:
        return anchors.read_text(path), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                None,
                f"byte 0x{data[err.start]:02x} at byte {err.start} is not valid UTF-8 (expected UTF-8 text)",
            )
        ]


def per_distinct(
    raw: RawTable,
    keep: np.ndarray,
    columns: tuple[str, ...],
    rule: Callable[[str, int, dict[str, str]], list[Problem]],
) -> list[Problem]:
    """Run a row rule once per distinct combination of the cells it reads, over the rows `keep`
    selects, and give its problems to every such row holding that combination."""
    positions = np.flatnonzero(keep)
    if not len(positions):
        return []
    key = np.zeros(len(positions), dtype=np.int64)
    for name in columns:
        codes, distinct = raw.distinct(name)
        key, _ = pd.factorize(key * len(distinct) + codes[positions])  # renumbered: no overflow
    first = positions[np.unique(key, return_index=True)[1]]  # group g's first row, g = 0, 1, ...
    samples = [
        {name: raw.distinct(name)[1][raw.distinct(name)[0][i]] for name in columns} for i in first
    ]
    found = {g: rule(raw.file, 0, rec) for g, rec in enumerate(samples)}
    found = {g: problems for g, problems in found.items() if problems}
    if not found:
        return []
    hit = np.flatnonzero(np.isin(key, np.fromiter(found, dtype=np.int64)))
    return [
        Problem(raw.file, int(raw.rows[positions[i]]), p.column, p.message)
        for i in hit
        for p in found[int(key[i])]
    ]


def problem_rows(problems: Iterable[Problem], file: str) -> set[int]:
    """Row numbers of one file that carry a problem."""
    return {p.row for p in problems if p.file == file and p.row is not None and p.row > 1}


# What each measure can carry (empty = no quantity at all): damage, needs and losses are money
# or counted assets; displacement counts people; targeting and risk say what, never how much.
MONEY = ("USD", "EUR", "GBP", "UAH")
MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "damage": (*MONEY, "homes", "buildings", "households", "count", "percent", "GW", "MW"),
    "needs": (*MONEY, "homes", "buildings", "count"),
    "losses": (*MONEY, "percent", "GW", "MW"),
    "displacement": ("people", "households"),
    "disruption": ("people", "households", "homes", "buildings", "count", "percent", "GW", "MW"),
    "targeting": (),
    "risk": (),
}
# Stocks are levels at a date (assets destroyed, cost to rebuild, people displaced): a
# per-year amount of a stock is a contradiction. Losses and disruption are flows.
STOCK_MEASURES = ("damage", "needs", "displacement")
# The cells check_measure_unit reads: rows alike in these are checked once.
MEASURE_UNIT_CELLS = (
    "measure",
    "unit",
    "bound",
    "value_low",
    "value_high",
    "figure_text",
    "per_year",
)


def check_measure_unit(file: str, row: int, rec: dict[str, str]) -> list[Problem]:
    """A value only on a measure that carries one, in a unit that fits it, per year only on a flow."""
    measure, unit = rec["measure"], rec["unit"]
    allowed = MEASURE_UNITS.get(measure)
    if allowed is None:
        return []  # an unknown measure is the schema's problem
    has_value = rec["bound"] != "none" or rec["value_low"] or rec["value_high"]
    problems = []
    if not allowed and has_value:
        with_value = [m for m, units in MEASURE_UNITS.items() if units]
        problems.append(
            Problem(
                file,
                row,
                "measure",
                f"measure '{measure}' carries no quantity, but the row states '{rec['figure_text'] or rec['value_low'] or rec['value_high']}' (expected bound 'none' and no value, or a measure with a quantity: {', '.join(with_value)})",
            )
        )
    elif unit and allowed and unit not in allowed:
        kind = "money" if unit in MONEY else f"a count of {unit}"
        problems.append(
            Problem(
                file,
                row,
                "unit",
                f"'{unit}' is {kind}, which measure '{measure}' cannot be (expected one of: {', '.join(allowed)})",
            )
        )
    if rec["per_year"] == "true" and measure in STOCK_MEASURES:
        problems.append(
            Problem(
                file,
                row,
                "per_year",
                f"per_year 'true' on '{measure}', a stock (expected false; only flows such as losses or disruption are per year)",
            )
        )
    return problems
