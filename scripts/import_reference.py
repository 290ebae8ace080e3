"""Bring the researched reference facts (../shared/reference) into data/reference as tidy tables.

One value per cell: the multi-valued `publisher` and `districts` columns become link tables,
amounts in "USD bn" become base units (USD), and described indicators get their own column so
`measure` stays an enum. Run once when the shared facts change: python scripts/import_reference.py
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference"
OUT = ROOT / "data" / "reference"
MEASURES = {"damage", "needs", "losses"}
# Decimal, not float: 16.1 x 1e9 in floating point is 16100000000.000002.
SCALE = {"USD bn": Decimal("1e9"), "million people": Decimal("1e6")}
BASE_UNIT = {"USD bn": "USD", "million people": "people"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _read(name: str) -> list[dict[str, str]]:
    with (SHARED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# Facts the project researched itself for the claim checks (data/CHANGES.md, 2026-11-27), not in
# the shared folder: kept as they are in data/reference when the shared facts are imported again.
PROJECT_FACTS = ("rdna1-", "rdna3-humanitarian-internally-displaced-people")
PROJECT_ASSESSMENTS = ("rdna1",)


def _kept(name: str, column: str, keep: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of the current data/reference table that the project added (see PROJECT_FACTS)."""
    path = OUT / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r[column].startswith(keep)]


def _write(name: str, fields: list[str], rows: list[dict[str, object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def import_assessments() -> None:
    """Split assessments.csv into figures and publishers."""
    figures, publishers, seen = [], [], set()
    for row in _read("assessments.csv"):
        assessment_id = _slug(row["assessment"])
        measure = row["measure"] if row["measure"] in MEASURES else "indicator"
        unit = row["unit"]
        value = Decimal(row["value"]) * SCALE.get(unit, Decimal(1))
        indicator = "" if measure != "indicator" else row["measure"]
        fact_id = "-".join([assessment_id, row["sector"], _slug(indicator or measure)])
        figures.append(
            {
                "fact_id": fact_id,
                "assessment_id": assessment_id,
                "assessment": row["assessment"],
                "sector": row["sector"],
                "measure": measure,
                "indicator": indicator,
                "value": _number(value),
                "unit": BASE_UNIT.get(unit, unit),
                "qualifier": row["qualifier"],
                "period_end": row["period_end"],
                "geography": _slug(row["geography"]),
                "published": row["published"],
                "read_in": row["read_in"],
                "url": row["url"],
                "verification": row["verification"],
                "note": row["note"],
            }
        )
        for publisher in row["publisher"].split(";"):
            key = (assessment_id, publisher.strip())
            if key not in seen:
                seen.add(key)
                publishers.append({"assessment_id": key[0], "publisher": key[1]})
    shared_ids = {f["fact_id"] for f in figures}
    figures += [
        r
        for r in _kept("assessment_figures.csv", "fact_id", PROJECT_FACTS)
        if r["fact_id"] not in shared_ids
    ]
    publishers += _kept("assessment_publishers.csv", "assessment_id", PROJECT_ASSESSMENTS)
    _write("assessment_figures.csv", list(figures[0]), figures)
    _write("assessment_publishers.csv", ["assessment_id", "publisher"], publishers)


def import_attacks() -> None:
    """Split kyiv_attacks.csv into attacks and the districts each hit."""
    attacks, links = [], []
    for row in _read("kyiv_attacks.csv"):
        districts = [d for d in row.pop("districts").split(";") if d]
        attack = {"attack_id": row["date"], **row}
        attacks.append(attack)
        links += [{"attack_id": row["date"], "district": d} for d in districts]
    _write("kyiv_attacks.csv", list(attacks[0]), attacks)
    _write("kyiv_attack_districts.csv", ["attack_id", "district"], links)


def import_districts() -> None:
    """Copy kyiv_districts.csv unchanged (already one value per cell)."""
    rows = _read("kyiv_districts.csv")
    _write("kyiv_districts.csv", list(rows[0]), rows)


if __name__ == "__main__":
    if not SHARED.is_dir():
        sys.exit(f"import_reference: {SHARED} not found (it holds the researched facts)")
    OUT.mkdir(parents=True, exist_ok=True)
    import_assessments()
    import_attacks()
    import_districts()
