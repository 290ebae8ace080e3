"""Column-wise validation: the schema's constraints executed over whole columns (each distinct
cell once), held equal to frictionless's own row-by-row validator, with every problem at its
file, row and field; domain rules run once per distinct combination of the cells they read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from frictionless import Resource
from frictionless import Schema as FrictionlessSchema
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.data import claims, load, schema
from dashboard.core.data.columns import _cell_message, _string_reader, check_schema
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.load import RawTable, read_table

FIG = "data/figures.csv"


def _rewrite(root: Path, rel: str, edit) -> None:
    path = root / rel
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set(rows: list[list[str]], row: int, column: str, value: str) -> None:
    """Set a cell by its row number as problems name it (header = 1)."""
    rows[row - 1][rows[0].index(column)] = value


def _raw(root: Path, name: str) -> RawTable:
    return read_table(root, schema.tables(root / "data" / "datapackage.json")[name])


def _row_by_row(raw: RawTable) -> set[tuple[int, str, str]]:
    """What frictionless's row-by-row validator finds: (row, field, message) per cell error,
    (row, field, 'duplicate') per unique error (its note counts records, not rows)."""
    descriptor = {k: v for k, v in raw.table.descriptor["schema"].items() if k != "foreignKeys"}
    names = raw.table.field_names
    data = [names, *(list(r.values()) for r in raw.records())]
    report = Resource(data=data, schema=FrictionlessSchema.from_descriptor(descriptor)).validate(
        limit_errors=100_000
    )
    found = set()
    for error in report.tasks[0].errors:
        row = int(raw.rows[error.row_number - 2])
        if error.type == "type-error":
            found.add(
                (
                    row,
                    error.field_name,
                    _cell_message(raw.table, error.field_name, error.cell, "type", ""),
                )
            )
        elif error.type == "constraint-error":
            message = _cell_message(raw.table, error.field_name, error.cell, "c", error.note)
            found.add((row, error.field_name, message))
        elif error.type == "unique-error":
            found.add((row, error.field_name, "duplicate"))
    return found


def _columnar(raw: RawTable) -> set[tuple[int, str, str]]:
    return {
        (p.row, p.column, "duplicate" if p.message.startswith("duplicate value") else p.message)
        for p in check_schema(raw)
    }


BREAKS = {
    "figures": [
        (2, "start", "zero"),
        (3, "start", "-4"),
        (4, "end", " 7"),
        (5, "sector", "energi"),
        (6, "figure_id", "Bad Id"),
        (7, "figure_id", "kyiv-attack-before-talks-02"),
        (8, "value_low", "1e3"),
        (9, "value_high", "-1"),
        (10, "per_year", "yes"),
        (11, "per_year", "True"),
        (12, "quote", ""),
        (13, "unit", "usd"),
        (14, "attributed_url", "ftp://x"),
        (15, "start", "1.0"),
        (16, "figure_id", "kyiv-attack-before-talks-02"),
    ],
    "sources": [(2, "accessed", "2025-13-01"), (3, "kind", "book"), (4, "sha256", "abc")],
    "kyiv_districts": [(2, "centroid_lat", "49"), (3, "centroid_lon", "x"), (4, "bank", "")],
    "kyiv_attacks": [(2, "drones", "-1"), (3, "date", "2025-1-1"), (4, "attack_id", "2025-12-27")],
}


@pytest.mark.parametrize("table", list(BREAKS))
def test_columns_find_what_the_row_validator_finds(table: str, repo_copy: Path):
    rel = f"data/{schema.table(table).path}"
    _rewrite(repo_copy, rel, lambda rows: [_set(rows, *b) for b in BREAKS[table]])
    raw = _raw(repo_copy, table)
    expected = _row_by_row(raw)
    assert len(expected) >= len(BREAKS[table]) // 2  # some edits are valid (" 7", "1e3", "True")
    assert _columnar(raw) == expected


def test_every_bad_row_is_named_with_its_field(repo_copy: Path):
    _rewrite(repo_copy, FIG, lambda rows: [_set(rows, r, "sector", "energi") for r in (3, 9, 30)])
    problems = [p for p in load_dataset(repo_copy).problems if p.file == FIG]
    assert [(p.row, p.column) for p in problems] == [(3, "sector"), (9, "sector"), (30, "sector")]
    assert {p.message for p in problems} == {
        "'energi' is not a known sector (expected one of: energy, housing, transport, cross-sector, humanitarian)"
    }


def test_rows_keep_their_line_numbers_past_skipped_lines(repo_copy: Path):
    """A short row and a blank line are not records: later problems still name the real row,
    and a duplicate names the real row it repeats."""
    path = repo_copy / FIG
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4:4] = ["kyiv-attack-before-talks-99,short", ""]  # rows 5 and 6
    cells = next(csv.reader([lines[9]]))
    cells[5] = "housin"  # row 10's sector
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[9] = out.getvalue()
    lines[11] = lines[2]  # row 12 repeats row 3
    path.write_text("\n".join(lines), encoding="utf-8")
    messages = {str(p) for p in load_dataset(repo_copy).problems}
    assert f"{FIG}:5: row has 2 cells (expected 19)" in messages
    assert any(m.startswith(f"{FIG}:10:sector: 'housin' is not a known sector") for m in messages)
    assert (
        f"{FIG}:12:figure_id: duplicate value 'kyiv-attack-before-talks-02' (expected a unique figure_id; first in row 3)"
        in messages
    )


def test_a_blank_record_is_one_blank_row_to_the_schema(repo_copy: Path):
    """Frictionless reports a record whose every cell is empty as a blank row and nothing else."""
    _rewrite(repo_copy, "data/geographies.csv", lambda rows: rows.insert(2, [""] * len(rows[0])))
    raw = _raw(repo_copy, "geographies")
    assert _row_by_row(raw) == set() == _columnar(raw)


EDGE = [
    "",
    " ",
    "a",
    "a-b",
    "a--b",
    "A",
    "abc\n",
    "\n",
    "١٢",
    "x" * 300,
    "not stated",
    "UA-30",
    "UA-3",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(EDGE), st.text(max_size=12)), min_size=1, max_size=8))
def test_the_string_fast_path_reads_as_frictionless_does(values: list[str]):
    for table in schema.tables().values():
        descriptor = {k: v for k, v in table.descriptor["schema"].items() if k != "foreignKeys"}
        fields = FrictionlessSchema.from_descriptor(descriptor).fields
        for field in fields:
            fast = _string_reader(field)
            if fast is None:
                continue
            slow = field.create_cell_reader()
            for value in values:
                assert fast(value) == slow(value), (table.name, field.name, value)


def test_every_string_field_of_the_schema_takes_the_fast_path():
    fields = [
        f
        for t in schema.tables().values()
        for f in FrictionlessSchema.from_descriptor(
            {k: v for k, v in t.descriptor["schema"].items() if k != "foreignKeys"}
        ).fields
        if f.type == "string"
    ]
    assert fields and all(_string_reader(f) is not None for f in fields)


def test_domain_rules_run_once_per_distinct_combination(repo_copy: Path, monkeypatch):
    """2,000 rows quoting the same sentences at the same offsets check each anchor once; a
    broken one is still reported at every row that carries it."""

    def grow(rows: list[list[str]]) -> None:
        base = rows[1:]
        rows[1:] = [list(base[i % len(base)]) for i in range(2_000)]
        for i, row in enumerate(rows[1:]):
            row[0] = f"kyiv-attack-before-talks-copy-{i:04d}"
        for row in rows[1:]:
            if row[rows[0].index("start")] == "0":
                row[rows[0].index("start")], row[rows[0].index("end")] = "1", "64"

    shipped = len(list(csv.reader((repo_copy / FIG).open()))) - 1  # each shipped anchor is distinct
    _rewrite(repo_copy, FIG, grow)
    calls = []
    check_anchor = claims.check_anchor
    monkeypatch.setattr(claims, "check_anchor", lambda *a: calls.append(a) or check_anchor(*a))
    dataset = load_dataset(repo_copy)
    distinct = len({(r[1], r[3], r[4], r[2]) for r in csv.reader((repo_copy / FIG).open())}) - 1
    assert len(calls) == distinct == shipped
    broken = [p for p in dataset.problems if p.file == FIG and p.column == "quote"]
    rows = [r for r, line in enumerate(csv.reader((repo_copy / FIG).open()), 1) if line[3] == "1"]
    assert [p.row for p in broken] == rows
    assert len(rows) == len(range(0, 2_000, shipped))  # every copy of the first claim
    assert {p.message.split(" (")[0] for p in broken} == {
        "quote is not the seed text at [1, 64), which reads 'ussia launched a large-scale missile and drone assault on K…'"
    }


def test_crlf_split_across_read_blocks_is_found(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(load, "SCAN_BLOCK", 4)
    path = tmp_path / "t.csv"
    path.write_bytes(b"abc\r\ndef\n")  # the \r ends the first block, the \n starts the second
    assert load._scan(path) == (True, False, True)
    path.write_bytes(b"abc\rxdef\n")
    assert load._scan(path) == (True, False, False)


def test_numbers_are_read_as_frictionless_reads_them_and_must_be_finite(repo_copy: Path):
    """A number frictionless accepts ("...\\u00a0", "1_000" style) loads as that number, never a
    crash after validation; "inf" is no amount: a problem at its row and field."""
    rows = list(csv.reader((repo_copy / FIG).open(encoding="utf-8")))
    col = rows[0].index("value_low")
    numbered = [i for i, r in enumerate(rows[1:], 2) if r[col]]
    spaced, absent = numbered[0], numbered[1]
    before = load_dataset(repo_copy).figures.set_index("figure_id")["value_low"]
    _rewrite(
        repo_copy,
        FIG,
        lambda rows: [
            _set(rows, spaced, "value_low", rows[spaced - 1][col] + "\u00a0"),
            _set(rows, absent, "value_low", "inf"),
        ],
    )
    dataset = load_dataset(repo_copy)
    spaced_id, absent_id = rows[spaced - 1][0], rows[absent - 1][0]
    assert dataset.figures.set_index("figure_id")["value_low"][spaced_id] == before[spaced_id]
    problems = [p for p in dataset.problems if p.file == FIG]
    assert [(p.row, p.column) for p in problems] == [(absent, "value_low")], problems
    assert "not a finite number" in str(problems[0])
    assert absent_id not in set(dataset.figures["figure_id"])


def test_a_repeated_combination_of_a_several_column_key_is_named(repo_copy: Path):
    """kyiv_attack_districts is keyed by (attack_id, district): the same pair twice is a
    problem at the repeat's row, naming the first; the first is kept."""
    rel = "data/reference/kyiv_attack_districts.csv"
    rows = list(csv.reader((repo_copy / rel).open(encoding="utf-8")))
    _rewrite(repo_copy, rel, lambda rows: rows.append(list(rows[1])))
    problems = [p for p in load_dataset(repo_copy).problems if p.file == rel]
    assert [(p.row, p.column) for p in problems] == [(len(rows) + 1, "attack_id")], problems
    assert "first in row 2" in problems[0].message and rows[1][0] in problems[0].message
