"""Every check over seeds/ and data/: the schema's (column-wise, in columns.py) and the domain's.

The schema checks types, enums, patterns, keys. The domain checks what a schema cannot say: each
quote is in its seed at its offsets, intervals are ordered and agree with their hedge, hashes
match, every seed has a source row. All problems are collected; none stops the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from dashboard.core.base.problems import Problem
from dashboard.core.data.columns import spread
from dashboard.core.data.controls import find_control
from dashboard.core.data.formulas import is_formula
from dashboard.core.data.load import RawTable, relative
from dashboard.core.text import anchors


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
                for i in spread(raw, here, lambda v, known=known: v != "" and v not in known)
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
            for i in spread(raw, name, is_formula)
        ]
    return problems


def check_controls(raw: RawTable) -> list[Problem]:
    """Cells holding a control character (a form feed from a PDF, a line break, C1 codes)."""
    problems = []
    for name in raw.table.field_names:
        codes, cells = raw.distinct(name)
        problems += [
            Problem(raw.file, int(raw.rows[i]), name, f"cell {find_control(cells[codes[i]])}")
            for i in spread(raw, name, lambda v: find_control(v) is not None)
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


def problem_rows(problems: Iterable[Problem], file: str) -> set[int]:
    """Row numbers of one file that carry a problem."""
    return {p.row for p in problems if p.file == file and p.row is not None and p.row > 1}


# What each measure can carry (empty = no quantity at all): damage, needs and losses are money
# or counted assets; displacement counts people; targeting, risk and stake say what, never how much.
MONEY = ("USD", "EUR", "GBP", "UAH")
MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "damage": (*MONEY, "homes", "buildings", "households", "count", "percent", "GW", "MW"),
    "needs": (*MONEY, "homes", "buildings", "count"),
    "losses": (*MONEY, "percent", "GW", "MW"),
    "displacement": ("people", "households"),
    "disruption": ("people", "households", "homes", "buildings", "count", "percent", "GW", "MW"),
    "targeting": (),
    "risk": (),
    "stake": (),
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
