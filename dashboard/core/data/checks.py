"""Claim checks: is a cited figure what the cited organisation published, and is it current?

A check (data/checks.csv) links one claim to the cited organisation's closest reference figure
and to the newest edition of the same measure, with a verdict. The rules here recompute what the
verdict may be from the numbers, so `python -m dashboard check` catches a verdict the rows do
not support, and a difference in what is measured (damage, needs, losses; per year or
cumulative; unit; sector) that the row does not name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.core.base.problems import Problem
from dashboard.core.data.load import RawTable
from dashboard.core.data.mentions import unheld

CONSISTENT = "consistent"
DATED = "consistent but dated"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
NOT_FOUND = "not found at the cited organisation"
NOT_CHECKABLE = "not checkable"
# Every verdict, in the order the docs list them. ClaimReview carries the words only (as
# alternateName): a number on a 1-5 scale would read "not checkable" as "half true".
VERDICTS = (CONSISTENT, DATED, OVERSTATED, UNDERSTATED, NOT_FOUND, NOT_CHECKABLE)
# Badge colours, each with white text at WCAG AA contrast or better (tested).
VERDICT_COLOURS = {
    CONSISTENT: "#1B5E20",
    DATED: "#7A4F01",
    OVERSTATED: "#B71C1C",
    UNDERSTATED: "#4A148C",
    NOT_FOUND: "#8E3200",
    NOT_CHECKABLE: "#455A64",
}
MONEY_MEASURES = ("damage", "needs", "losses")
# A claim's sector as the reference tables name the same scope.
SECTOR_SCOPE = {"cross-sector": "all"}
# Differences that make two numbers incomparable; a sector difference is named but still compared.
BLOCKING = ("measure", "basis", "unit")
# The source's hedges that make a figure a lower bound: the value is this or more, with no top.
# ("almost", "about", "some" ... stay points: they hedge a value, not a range.)
LOWER_BOUNDS = ("at least", "more than", "over", "exceeding")


@dataclass(frozen=True)
class Claim:
    """What a check needs of a claim: its interval, unit, measure, basis and sector."""

    low: float | None
    high: float | None
    unit: str
    measure: str
    per_year: bool
    sector: str

    def position(self, value: float) -> str:
        """Where `value` lies against the interval [low, high): below, inside or above."""
        if self.low is not None and value < self.low:
            return "below"
        if self.high is not None and value >= self.high and not value == self.low == self.high:
            return "above"
        return "inside"


def fact_position(claim: Claim, fact: Mapping[str, object]) -> str:
    """Where a reference figure lies against the claim: below, inside, above or undetermined.

    A lower bound ("at least $30 bn") lies above the claim only if it reaches the claim's upper
    end, and inside only if the claim has no upper end either; otherwise the true value could
    lie inside or outside the claim's interval, and the bound neither confirms nor refutes it.
    """
    value = float(fact["value"])  # type: ignore[arg-type]
    if str(fact.get("qualifier") or "") not in LOWER_BOUNDS:
        return claim.position(value)
    if claim.high is not None and value >= claim.high:
        return "above"
    if claim.high is None and claim.low is not None and value >= claim.low:
        return "inside"
    return "undetermined"


def _number(text: object) -> float | None:
    if text is None or text == "" or (isinstance(text, float) and pd.isna(text)):
        return None
    return float(text)  # type: ignore[arg-type]


def claim_of(row: Mapping[str, object]) -> Claim:
    """A figures row (as read, or typed) as a Claim."""
    per_year = row["per_year"]
    return Claim(
        low=_number(row["value_low"]),
        high=_number(row["value_high"]),
        unit=str(row["unit"]),
        measure=str(row["measure"]),
        per_year=per_year == "true" if isinstance(per_year, str) else bool(per_year),
        sector=str(row["sector"]),
    )


def mismatches(claim: Claim, fact: Mapping[str, object]) -> dict[str, str]:
    """Every way the claim and a reference fact measure different things, kind -> description."""
    found: dict[str, str] = {}
    if fact["measure"] in MONEY_MEASURES and claim.measure != fact["measure"]:
        found["measure"] = f"the claim is {claim.measure}, the figure {fact['measure']}"
    if claim.per_year:
        found["basis"] = "the claim is per year, the figure cumulative"
    if claim.unit != fact["unit"]:
        found["unit"] = f"the claim is in {claim.unit}, the figure in {fact['unit']}"
    if SECTOR_SCOPE.get(claim.sector, claim.sector) != fact["sector"]:
        found["sector"] = f"the claim is about {claim.sector}, the figure covers {fact['sector']}"
    return found


def expected_verdict(claim: Claim, cited: Mapping[str, object] | None, newer_exists: bool) -> str:
    """The verdict the numbers support (not found and not checkable are decided by the rows)."""
    if cited is None:
        return NOT_FOUND
    if set(mismatches(claim, cited)) & set(BLOCKING):
        return NOT_CHECKABLE
    position = fact_position(claim, cited)
    if position == "undetermined":
        return NOT_CHECKABLE
    if position == "below":
        return OVERSTATED
    if position == "above":
        return UNDERSTATED
    return DATED if newer_exists else CONSISTENT


def _scope(fact: Mapping[str, object]) -> tuple[object, ...]:
    return (fact["measure"], fact["indicator"], fact["sector"], fact["unit"], fact["geography"])


def newest_edition(
    fact: Mapping[str, object], facts: Mapping[str, Mapping[str, object]]
) -> Mapping[str, object]:
    """The latest-published fact of the same measure, indicator, sector, unit and place."""
    same = [f for f in facts.values() if _scope(f) == _scope(fact)]
    return max(same, key=lambda f: str(f["published"]))


def verdict_problems(
    check: Mapping[str, str],
    claim: Claim,
    facts: Mapping[str, Mapping[str, object]],
) -> list[tuple[str, str]]:
    """(column, message) for every rule one check breaks; empty when its verdict is supported."""
    cited = facts.get(check["cited_fact_id"])
    newest = facts.get(check["newest_fact_id"])
    problems = _newest_problems(check, cited, newest, facts)
    newer = bool(cited and newest and str(newest["published"]) > str(cited["published"]))
    if cited is not None:
        for kind, text in mismatches(claim, cited).items():
            if kind not in check["mismatch"].lower():
                problems.append(
                    (
                        "mismatch",
                        f"{text} ({check['cited_fact_id']}): name it (expected the mismatch column to say '{kind}: ...')",
                    )
                )
    expected = expected_verdict(claim, cited, newer)
    if check["verdict"] != expected:
        problems.append(("verdict", _why(check, claim, cited, expected)))
    return problems


def _newest_problems(
    check: Mapping[str, str],
    cited: Mapping[str, object] | None,
    newest: Mapping[str, object] | None,
    facts: Mapping[str, Mapping[str, object]],
) -> list[tuple[str, str]]:
    base = cited or newest
    if base is None:
        return []
    latest = newest_edition(base, facts)
    if newest is None:
        if latest["fact_id"] != base["fact_id"]:
            return [
                (
                    "newest_fact_id",
                    f"empty, but {latest['fact_id']} (published {latest['published']}) is a later edition of the same measure (expected newest_fact_id {latest['fact_id']})",
                )
            ]
        return []
    if _scope(newest) != _scope(base):
        return [
            (
                "newest_fact_id",
                f"{newest['fact_id']} is not the same measure, sector, unit and place as {base['fact_id']} (expected an edition of the cited figure's measure)",
            )
        ]
    if str(latest["published"]) > str(newest["published"]):
        return [
            (
                "newest_fact_id",
                f"{latest['fact_id']} (published {latest['published']}) is newer than {newest['fact_id']} (expected the newest edition)",
            )
        ]
    return []


def _why(
    check: Mapping[str, str], claim: Claim, cited: Mapping[str, object] | None, expected: str
) -> str:
    said = f"verdict '{check['verdict']}'"
    if cited is None:
        return f"{said} needs a cited figure, but cited_fact_id is empty (expected '{NOT_FOUND}')"
    if check["verdict"] == NOT_FOUND:
        return f"{said}, but cited_fact_id {check['cited_fact_id']} is a figure found at the cited organisation (expected '{expected}')"
    blocking = {k: v for k, v in mismatches(claim, cited).items() if k in BLOCKING}
    if blocking:
        named = "; ".join(f"{k}: {v}" for k, v in blocking.items())
        return f"{said} compares figures that measure different things ({named}) (expected '{NOT_CHECKABLE}')"
    value = float(cited["value"])  # type: ignore[arg-type]
    where = fact_position(claim, cited)
    interval = f"[{_fmt(claim.low)}, {_fmt(claim.high)})"
    if where == "undetermined":
        return f"{said}, but {check['cited_fact_id']} is a lower bound ('{cited['qualifier']}' {value:,.0f}) that neither reaches past nor settles inside the claim's interval {interval}: it neither confirms nor refutes it (expected '{NOT_CHECKABLE}')"
    return f"{said}, but {check['cited_fact_id']} = {value:,.0f} lies {where} the claim's interval {interval} (expected '{expected}')"


def _fmt(value: float | None) -> str:
    return "open" if value is None else f"{value:,.0f}"


def check_claim_checks(
    checks: RawTable,
    figures: RawTable,
    facts: RawTable,
    bad: set[int],
    publishers: RawTable | None = None,
) -> list[Problem]:
    """Every check's verdict against its linked rows, and its reasoning against the reference
    tables (data/mentions.py); rows with schema problems are skipped."""
    records = checks.records()
    # Only the claims the checks link to become dicts (the last row wins, as in a dict of all).
    linked = figures.cells[figures.cells["figure_id"].isin({r["figure_id"] for r in records})]
    claims = {r["figure_id"]: r for r in linked.to_dict("records")}
    known = {r["fact_id"]: r for r in facts.records()}
    problems = []
    for record, row in zip(records, checks.rows.tolist(), strict=True):
        claim_row = claims.get(record["figure_id"])
        if row in bad or claim_row is None:
            continue  # reported already: a schema or foreign-key problem
        try:
            claim = claim_of(claim_row)
            found = verdict_problems(record, claim, known)
        except (ValueError, KeyError):
            continue  # an unreadable number is reported by the schema check of its own table
        held = [] if publishers is None else list(publishers.cells.get("publisher", []))
        bounds = [b for b in (claim.low, claim.high) if b is not None]
        for name in unheld(record["reasoning"], known.values(), held, bounds):
            found.append(
                (
                    "reasoning",
                    f"names {name}, which the reference tables do not hold (expected only figures, editions and organisations in data/reference/)",
                )
            )
        if claim_row["bound"] == "none":
            found.append(
                ("figure_id", "the claim states no amount (expected a claim with a figure)")
            )
        problems += [Problem(checks.file, row, column, message) for column, message in found]
    return problems
