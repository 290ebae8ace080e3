"""Domain rules for a curated claim (a row of data/figures.csv) that no schema can express."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.core.base.problems import Problem
from dashboard.core.text import anchors
from dashboard.core.text.quantities import Quantity, format_quantity, parse_amount

_WITH_NUMBER = {"exact", "approximate", "interval", "at_least", "at_most"}
# The cells each rule reads (beyond these a rule sees nothing): rows alike in them are checked
# once, so a million rows quoting the same sentence at the same offsets cost one check.
ANCHOR_CELLS = ("source_id", "start", "end", "quote")
INTERVAL_CELLS = ("bound", "value_low", "value_high", "unit", "figure_text", "hedge", "quote")
HEDGE_CELLS = ("hedge", "figure_text", "bound")
QUANTITY_CELLS = ("bound", "figure_text", "quote", "value_low", "value_high", "unit", "per_year")


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def check_anchor(file: str, row: int, rec: dict[str, str], text: str) -> list[Problem]:
    """The quote is the seed's text at [start, end); on drift, propose (never apply) a new anchor."""
    start, end, quote = int(rec["start"]), int(rec["end"]), rec["quote"]
    if end <= start:
        return [
            Problem(
                file, row, "end", f"end {end} is not after start {start} (expected end > start)"
            )
        ]
    if anchors.quote_matches(text, quote, start, end):
        return []
    found = text[start:end] if end <= len(text) else text[start:]
    msg = f"quote is not the seed text at [{start}, {end}), which reads '{_clip(found)}'"
    proposal = anchors.propose_anchor(text, quote)
    if proposal is None:
        return [
            Problem(
                file,
                row,
                "quote",
                f"{msg} (expected the quote verbatim; no similar passage in the seed)",
            )
        ]
    exactness = (
        "found verbatim"
        if proposal.score == 100.0
        else f"nearest match, similarity {proposal.score}"
    )
    return [
        Problem(
            file,
            row,
            "quote",
            f"{msg} (expected the quote verbatim; {exactness} at start={proposal.start} end={proposal.end}: "
            f"'{_clip(proposal.text)}' — not applied)",
        )
    ]


def _clip(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def check_interval(file: str, row: int, rec: dict[str, str]) -> list[Problem]:
    """Bounds agree with `bound`, are ordered, and carry a unit and a figure expression."""
    bound, low, high = rec["bound"], _number(rec["value_low"]), _number(rec["value_high"])
    has_low, has_high = rec["value_low"] != "", rec["value_high"] != ""
    problems = []

    def add(column: str, message: str) -> None:
        problems.append(Problem(file, row, column, message))

    if bound == "none":
        for column in ("value_low", "value_high", "unit", "figure_text", "hedge"):
            if rec[column]:
                add(
                    column,
                    f"'{rec[column]}' given for a claim with bound 'none' (expected empty, or a bound that fits)",
                )
        return problems
    if bound in {"exact", "approximate"} and (low is None or high is None or low != high):
        add(
            "value_high",
            f"{bound} needs value_low = value_high (got '{rec['value_low']}' and '{rec['value_high']}')",
        )
    if bound == "interval" and not (has_low and has_high):
        add(
            "value_high" if has_low else "value_low",
            "interval needs both bounds (expected value_low and value_high)",
        )
    if bound == "at_least" and (not has_low or has_high):
        add(
            "value_high" if has_high else "value_low",
            "at_least needs value_low and no value_high (expected an open upper bound)",
        )
    if bound == "at_most" and (not has_high or has_low):
        add(
            "value_low" if has_low else "value_high",
            "at_most needs value_high and no value_low (expected an open lower bound)",
        )
    if low is not None and high is not None and low > high:
        add(
            "value_low",
            f"value_low {rec['value_low']} is above value_high {rec['value_high']} (expected low <= high)",
        )
    if bound == "interval" and low is not None and high is not None and low == high:
        add("value_high", "interval with low = high (expected bound 'exact' or 'approximate')")
    if not rec["unit"]:
        add("unit", "a figure without a unit (expected a unit such as USD or people)")
    if not rec["figure_text"]:
        add(
            "figure_text",
            "a figure without its expression (expected the words of the quote that state it)",
        )
    elif rec["figure_text"] not in rec["quote"]:
        add(
            "figure_text",
            f"'{rec['figure_text']}' is not part of the quote (expected a substring of quote)",
        )
    return problems


def check_hedge(file: str, row: int, rec: dict[str, str]) -> list[Problem]:
    """The hedge is the source's own words: each part appears in the figure expression, in order."""
    hedge, figure = rec["hedge"], rec["figure_text"].lower()
    if not hedge:
        if rec["bound"] in {"interval", "at_least", "at_most", "approximate"}:
            return [
                Problem(
                    file,
                    row,
                    "hedge",
                    f"bound '{rec['bound']}' without a hedge (expected the source's words, e.g. 'exceeding', 'hundreds of')",
                )
            ]
        return []
    position = 0
    for part in (p.strip().lower() for p in hedge.split("...")):
        found = figure.find(part, position)
        if not part or found == -1:
            return [
                Problem(
                    file,
                    row,
                    "hedge",
                    f"'{hedge}' is not in the figure expression '{rec['figure_text']}' (expected the source's own words)",
                )
            ]
        position = found + len(part)
    return []


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


def check_quantity(file: str, row: int, rec: dict[str, str]) -> list[Problem]:
    """The row's interval, unit and per-year flag are what its figure expression says."""
    if rec["bound"] == "none" or not rec["figure_text"]:
        return []
    parsed = parse_amount(rec["figure_text"], rec["quote"])
    if parsed is None:
        return [
            Problem(
                file,
                row,
                "figure_text",
                f"'{rec['figure_text']}' is not a recognised amount (expected e.g. '$1.2bn', 'exceeding $400 billion', 'millions')",
            )
        ]
    reads = f"'{rec['figure_text']}' reads as {format_quantity(parsed)}"
    expected = {
        "value_low": (_number(rec["value_low"]), parsed.low),
        "value_high": (_number(rec["value_high"]), parsed.high),
    }
    problems = [
        Problem(
            file,
            row,
            column,
            f"{column} '{rec[column]}' disagrees: {reads} (expected {'empty' if want is None else f'{want:g}'})",
        )
        for column, (got, want) in expected.items()
        if not _same(got, want)
    ]
    for column, want in (
        ("unit", parsed.unit),
        ("bound", parsed.bound),
        ("per_year", str(parsed.per_year).lower()),
    ):
        if rec[column] != want:
            problems.append(
                Problem(
                    file,
                    row,
                    column,
                    f"{column} '{rec[column]}' disagrees: {reads} (expected '{want}')",
                )
            )
    return problems


def quantity_of(row: pd.Series) -> Quantity:
    """The row's interval as a Quantity (NaN bounds become None)."""
    low = None if pd.isna(row["value_low"]) else float(row["value_low"])
    high = None if pd.isna(row["value_high"]) else float(row["value_high"])
    return Quantity(low, high, row["unit"], row["hedge"], bool(row["per_year"]), row["bound"])
