"""The shipped data: clean, anchored, complete, and consistent with the shared reference facts."""

from __future__ import annotations

import csv
import hashlib

import pytest
from frictionless import validate

from dashboard.cli import main
from dashboard.core.base.paths import DATA_DIR, ROOT, SEEDS_DIR
from dashboard.core.data.dataset import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


def test_frictionless_validates_the_package():
    report = validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_check_command_is_clean(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].endswith(": all anchored")
    assert out[-1].startswith(f"{len(load_dataset().figures)} figures, ")


def test_no_problems_and_every_row_served(dataset):
    assert dataset.problems == ()
    with (DATA_DIR / "figures.csv").open(encoding="utf-8", newline="") as fh:
        assert len(dataset.figures) == sum(1 for _ in csv.DictReader(fh))


def test_every_seed_has_a_source_row_with_its_hash():
    with (DATA_DIR / "sources.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    seeds = {f"seeds/{p.name}" for p in SEEDS_DIR.iterdir() if p.is_file()}
    assert seeds <= set(rows), "a seed without a source row"
    for path, row in rows.items():
        assert (ROOT / path).is_file(), f"a source row without its file: {path}"
        assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == row["sha256"], path


def test_seed_is_the_shared_article_byte_for_byte():
    digest = hashlib.sha256((SEEDS_DIR / "kyiv-attack-before-talks.txt").read_bytes()).hexdigest()
    assert digest == "dbdba6f227c7b0a8fb03d05f8743be743d4742dc1aa0af18128d11e7e78b5817"


@pytest.mark.parametrize(
    ("figure_text", "low", "high", "unit", "hedge", "per_year", "attributed_to"),
    [
        ("hundreds of billions of dollars", 1e11, 1e12, "USD", "hundreds of", False, "IEA"),
        ("millions", 1e6, 1e9, "people", "millions", False, "UNDP"),
        ("exceeding $400 billion", 4e11, None, "USD", "exceeding", False, "UNDP"),
        (
            "tens of billions of dollars annually",
            1e10,
            1e11,
            "USD",
            "tens of ... annually",
            True,
            "World Bank",
        ),
    ],
)
def test_every_quantitative_claim_is_an_anchored_interval(
    dataset, figure_text, low, high, unit, hedge, per_year, attributed_to
):
    rows = dataset.figures[dataset.figures["figure_text"] == figure_text]
    assert len(rows) == 1
    row = rows.iloc[0]
    text = dataset.seeds[row["source_id"]]
    assert text[row["start"] : row["end"]] == row["quote"]
    assert figure_text in row["quote"]
    assert row["value_low"] == low
    assert (row["value_high"] if row["value_high"] == row["value_high"] else None) == high
    assert (row["unit"], row["hedge"], bool(row["per_year"]), row["attributed_to"]) == (
        unit,
        hedge,
        per_year,
        attributed_to,
    )


def test_no_other_quantitative_claims(dataset):
    assert (dataset.figures["bound"] != "none").sum() == 4


@pytest.mark.parametrize(
    ("sector", "fragment"),
    [
        ("energy", "energy systems"),
        ("energy", "electricity, heating"),
        ("energy", "heat, electricity, and water"),
        ("energy", "power generation and transmission"),
        ("housing", "residential buildings"),
        ("cross-sector", "fires, structural collapses"),
        ("humanitarian", "emergency evacuations"),
        ("housing", "housing challenges"),
        ("transport", "transportation across parts of the city"),
        ("transport", "transport corridors"),
        ("cross-sector", "manufacturing, agriculture, and digital services"),
        ("cross-sector", "reconstruction costs"),
    ],
)
def test_every_qualitative_impact_listed_is_a_row(dataset, sector, fragment):
    rows = dataset.figures[
        (dataset.figures["sector"] == sector)
        & dataset.figures["quote"].str.contains(fragment, regex=False)
    ]
    assert len(rows) >= 1, f"{sector}: {fragment}"


def test_reference_values_match_the_shared_facts(dataset):
    """The tidy tables carry the same numbers as the researched facts (billions -> base units)."""
    facts = dataset.frames["assessment_figures"].set_index("fact_id")
    assert facts.loc["rdna2-all-needs", "value"] == 411e9
    assert facts.loc["rdna5-all-needs", "value"] == 588e9
    assert facts.loc["rdna5-all-needs", "qualifier"] == "almost"
    assert facts.loc["kse-damage-report-nov-2024-transport-damage", "value"] == 38.5e9
    # scaled exactly: USD 16.1 bn, not the float artefact 16100000000.000002
    assert "16100000000," in (DATA_DIR / "reference" / "assessment_figures.csv").read_text()
    attacks = dataset.frames["kyiv_attacks"].set_index("attack_id")
    with (DATA_DIR / "reference" / "kyiv_attacks.csv").open(encoding="utf-8", newline="") as fh:
        empty = sum(1 for r in csv.DictReader(fh) if r["killed"] == "")
    assert empty > 0 and attacks["killed"].isna().sum() == empty, (
        "empty counts stay unknown, never zero"
    )
    # 2024-08-26: the city reported no casualties, a reported zero, kept apart from "not reported"
    assert attacks.loc["2024-08-26", "killed"] == 0 and attacks.loc["2024-08-26", "injured"] == 0
    assert attacks.loc["2025-12-27", "drones"] == 500
    assert attacks.loc["2025-12-27", "drones_qualifier"] == "nearly"
    assert len(dataset.frames["kyiv_districts"]) == 10
