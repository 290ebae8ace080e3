"""The schema's constraints and the row rules, executed column by column.

Each column is factorised once (`RawTable.distinct`): every distinct cell is read once through
its frictionless field from data/datapackage.json, the one contract, and what it finds is spread
back to the rows holding that cell, each named by its row number. A million rows of a few
thousand distinct values cost a few thousand reads, not a million.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.base.problems import Problem
from dashboard.core.data.load import RawTable
from dashboard.core.data.schema import Table

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
            if isinstance(value, Decimal) and not value.is_finite():  # "NaN", "inf": no amount
                messages[i] = [f"'{cell}' is not a finite number (expected digits, e.g. 12.5)"]
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
    if len(raw.table.primary_key) > 1:  # a key of several columns: each combination once
        problems += _duplicate_keys(raw, raw.table.primary_key)
    return problems


def _duplicate_keys(raw: RawTable, key: tuple[str, ...]) -> list[Problem]:
    """Each repeated combination of a several-column primary key, naming its first row."""
    codes = {name: raw.distinct(name)[0] for name in key}
    frame = pd.DataFrame(codes)
    group = frame.groupby(list(key), sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(frame))).groupby(group).transform("first").to_numpy()
    problems = []
    for position in np.flatnonzero(frame.duplicated(keep="first").to_numpy()):
        cells = ", ".join(raw.distinct(n)[1][codes[n][position]] for n in key)
        problems.append(
            Problem(
                raw.file,
                int(raw.rows[position]),
                key[0],
                f"duplicate key ({cells}) (expected each {' and '.join(key)} combination once;"
                f" first in row {int(raw.rows[first[position]])})",
            )
        )
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


def spread(raw: RawTable, name: str, test: Callable[[str], bool]) -> np.ndarray:
    """Positions of the rows whose cell in `name` passes `test` (run once per distinct cell)."""
    codes, distinct = raw.distinct(name)
    return np.flatnonzero(np.fromiter(map(test, distinct), dtype=bool, count=len(distinct))[codes])


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
