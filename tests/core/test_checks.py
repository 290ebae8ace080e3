"""Claim checks: every verdict has a row it accepts and a row it refuses; mismatches are named."""

from __future__ import annotations

import pytest

from dashboard.core.data import checks
from dashboard.core.data.checks import Claim, verdict_problems
from dashboard.core.data.dataset import load_dataset

NEEDS_400 = Claim(4e11, None, "USD", "needs", False, "cross-sector")  # "exceeding $400 billion"
HUNDREDS = Claim(1e11, 1e12, "USD", "needs", False, "cross-sector")  # "hundreds of billions"
ANNUAL = Claim(1e10, 1e11, "USD", "losses", True, "cross-sector")  # "tens of billions annually"


def _fact(fact_id: str, value: float, published: str, measure: str = "needs") -> dict:
    return {
        "fact_id": fact_id,
        "measure": measure,
        "indicator": "",
        "sector": "all",
        "unit": "USD",
        "geography": "ukraine",
        "value": value,
        "published": published,
    }


FACTS = {
    f["fact_id"]: f
    for f in (
        _fact("old-411", 411e9, "2023-03-23"),
        _fact("new-588", 588e9, "2026-02-23"),
        _fact("losses-252", 252e9, "2022-09-09", "losses"),
    )
}
ONLY_OLD = {"old-411": FACTS["old-411"]}


def _check(verdict: str, cited: str = "", newest: str = "", mismatch: str = "") -> dict:
    return {
        "cited_fact_id": cited,
        "newest_fact_id": newest,
        "verdict": verdict,
        "mismatch": mismatch,
    }


# (verdict, claim, check, facts, passes): one accepted and one refused row per verdict.
CASES = [
    ("consistent", NEEDS_400, _check("consistent", "old-411", "old-411"), ONLY_OLD, True),
    ("consistent", NEEDS_400, _check("consistent", "old-411", "new-588"), FACTS, False),
    ("dated", NEEDS_400, _check(checks.DATED, "old-411", "new-588"), FACTS, True),
    ("dated", NEEDS_400, _check(checks.DATED, "old-411", "old-411"), ONLY_OLD, False),
    (
        "overstated",
        Claim(5e11, None, "USD", "needs", False, "cross-sector"),
        _check(checks.OVERSTATED, "old-411", "old-411"),
        ONLY_OLD,
        True,
    ),
    ("overstated", NEEDS_400, _check(checks.OVERSTATED, "old-411", "old-411"), ONLY_OLD, False),
    (
        "understated",
        Claim(1e11, 4e11, "USD", "needs", False, "cross-sector"),
        _check(checks.UNDERSTATED, "old-411", "old-411"),
        ONLY_OLD,
        True,
    ),
    ("understated", HUNDREDS, _check(checks.UNDERSTATED, "old-411", "old-411"), ONLY_OLD, False),
    ("not found", HUNDREDS, _check(checks.NOT_FOUND, "", "new-588"), FACTS, True),
    ("not found", HUNDREDS, _check(checks.NOT_FOUND, "old-411", "new-588"), FACTS, False),
    (
        "not checkable",
        ANNUAL,
        _check(checks.NOT_CHECKABLE, "losses-252", "", "basis: per year vs cumulative"),
        FACTS,
        True,
    ),
    ("not checkable", HUNDREDS, _check(checks.NOT_CHECKABLE, "old-411", "new-588"), FACTS, False),
]


@pytest.mark.parametrize(("verdict", "claim", "check", "facts", "passes"), CASES)
def test_verdict_rules(verdict, claim, check, facts, passes):
    problems = verdict_problems(check, claim, facts)
    assert (problems == []) is passes, problems
    if not passes:
        assert any(column == "verdict" for column, _ in problems)


def test_every_verdict_has_a_passing_and_a_failing_case():
    declared = {
        checks.CONSISTENT,
        checks.DATED,
        checks.OVERSTATED,
        checks.UNDERSTATED,
        checks.NOT_FOUND,
        checks.NOT_CHECKABLE,
    }
    assert declared == set(checks.VERDICTS)
    for verdict in declared:
        outcomes = {passes for _, _, check, _, passes in CASES if check["verdict"] == verdict}
        assert outcomes == {True, False}, verdict


def test_an_unnamed_measure_mismatch_is_a_problem_naming_it():
    problems = verdict_problems(_check(checks.NOT_CHECKABLE, "losses-252"), ANNUAL, FACTS)
    assert problems == [
        (
            "mismatch",
            "the claim is per year, the figure cumulative (losses-252): name it (expected the mismatch column to say 'basis: ...')",
        )
    ]


def test_comparing_damage_with_needs_must_be_not_checkable():
    damage = Claim(1e11, 1e12, "USD", "damage", False, "cross-sector")
    problems = verdict_problems(
        _check(checks.CONSISTENT, "old-411", "new-588", "measure: damage vs needs"), damage, FACTS
    )
    assert [c for c, _ in problems] == ["verdict"]
    assert "measure: the claim is damage, the figure needs" in problems[0][1]
    assert "expected 'not checkable'" in problems[0][1]


def test_a_stale_newest_edition_is_named():
    problems = verdict_problems(_check(checks.DATED, "old-411", "old-411"), NEEDS_400, FACTS)
    assert ("newest_fact_id", problems[0][1]) == problems[0]
    assert "new-588" in problems[0][1]


def test_sector_scope_must_be_named_but_does_not_block_a_comparison():
    housing = Claim(4e11, None, "USD", "needs", False, "housing")
    unnamed = verdict_problems(_check(checks.DATED, "old-411", "new-588"), housing, FACTS)
    assert [c for c, _ in unnamed] == ["mismatch"]
    named = _check(checks.DATED, "old-411", "new-588", "sector scope: all sectors, not housing")
    assert verdict_problems(named, housing, FACTS) == []


def test_the_shipped_checks_pass_and_cover_the_four_seed_claims():
    dataset = load_dataset()
    assert not [p for p in dataset.problems if p.file == "data/checks.csv"]
    rows = dataset.frames["checks"].set_index("figure_id")
    assert rows["verdict"].to_dict() == {
        "kyiv-attack-before-talks-11": checks.NOT_CHECKABLE,
        "kyiv-attack-before-talks-14": checks.DATED,
        "kyiv-attack-before-talks-15": checks.DATED,
        "kyiv-attack-before-talks-21": checks.NOT_CHECKABLE,
    }
    reasoning = rows.loc["kyiv-attack-before-talks-15", "reasoning"]
    assert "$411 bn" in reasoning and "$588 bn" in reasoning


def test_a_wrong_verdict_in_the_csv_is_reported_with_file_row_and_field(tmp_path):
    import shutil

    from dashboard.core.base.paths import ROOT

    for name in ("data", "seeds"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "data" / "checks.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('not checkable,"basis', 'consistent,"basis', 1),
        encoding="utf-8",
    )
    problems = [str(p) for p in load_dataset(tmp_path).problems]
    assert len(problems) == 1
    assert problems[0].startswith("data/checks.csv:5:verdict: verdict 'consistent' compares")
    assert "basis: the claim is per year" in problems[0]


BOUND_30 = {**_fact("iea-30", 30e9, "2024-09-19"), "sector": "energy", "qualifier": "at least"}
BOUND_2T = {**BOUND_30, "fact_id": "bound-2t", "value": 2e12}
BOUND_450 = {**BOUND_30, "fact_id": "bound-450", "value": 450e9}


@pytest.mark.parametrize(
    ("claim", "fact", "verdict"),
    [
        (HUNDREDS, BOUND_30, checks.NOT_CHECKABLE),  # at least $30 bn vs [$100 bn, $1 tn)
        (HUNDREDS, BOUND_450, checks.NOT_CHECKABLE),  # inside, but the true value may be above
        (HUNDREDS, BOUND_2T, checks.UNDERSTATED),  # at least $2 tn: above the claim's top
        (NEEDS_400, BOUND_450, checks.CONSISTENT),  # both open above, the bound past the claim's
        (NEEDS_400, BOUND_30, checks.NOT_CHECKABLE),
    ],
)
def test_a_lower_bound_settles_a_claim_only_when_it_reaches_past_it(claim, fact, verdict):
    facts = {fact["fact_id"]: fact}
    check = _check(verdict, fact["fact_id"], fact["fact_id"], "sector: all vs energy")
    assert verdict_problems(check, claim, facts) == []
    wrong = _check(checks.CONSISTENT if verdict != checks.CONSISTENT else checks.NOT_CHECKABLE)
    wrong.update(cited_fact_id=fact["fact_id"], newest_fact_id=fact["fact_id"])
    wrong["mismatch"] = "sector: all vs energy"
    problems = verdict_problems(wrong, claim, facts)
    assert [c for c, _ in problems] == ["verdict"]
    assert f"(expected '{verdict}')" in problems[0][1]


def test_verdict_badges_meet_aa_contrast_with_white_text():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for verdict, colour in checks.VERDICT_COLOURS.items():
        assert (1.05) / (luminance(colour) + 0.05) >= 4.5, verdict
