"""Amounts as intervals with their hedge (interim parser; the full extractor replaces it)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """An amount as an interval in base units, with the source's own hedge words."""

    low: float | None
    high: float | None
    unit: str
    hedge: str
    per_year: bool
    bound: str


@dataclass(frozen=True)
class QuantityMatch:
    """A figure expression found in a text, with its offsets."""

    start: int
    end: int
    text: str
    quantity: Quantity


SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
VAGUE = {
    "tens of billions": (1e10, 1e11),
    "hundreds of billions": (1e11, 1e12),
    "billions": (1e9, 1e12),
    "millions": (1e6, 1e9),
    "thousands": (1e3, 1e6),
    "hundreds of millions": (1e8, 1e9),
    "tens of millions": (1e7, 1e8),
}
AT_LEAST = ("exceeding", "more than", "over", "above", "at least")
PER_YEAR = re.compile(r"\b(annually|a year|per year|each year)\b", re.I)


def parse_amount(text: str) -> Quantity | None:
    """Parse one figure expression ('exceeding $400 billion', 'hundreds of billions of dollars')."""
    t = text.strip().lower()
    per_year = bool(PER_YEAR.search(t))
    unit = (
        "USD"
        if ("$" in t or "dollar" in t)
        else "people"
        if t in {"millions", "thousands"}
        else "count"
    )
    for phrase, (low, high) in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if t.startswith(phrase):
            words = phrase.split(" of ")[0] + " of" if " of " in phrase else phrase
            return Quantity(
                low,
                high,
                unit,
                f"{words} ... annually" if per_year else words,
                per_year,
                "interval",
            )
    m = re.search(
        r"(?P<hedge>exceeding|more than|over|above|at least|almost|nearly|about)?\s*\$?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|bn|trillion|tn)?",
        t,
    )
    if not m:
        return None
    value = float(m["num"].replace(",", "")) * SCALES.get(m["scale"] or "", 1.0)
    hedge = m["hedge"] or ""
    if hedge in AT_LEAST:
        return Quantity(value, None, unit, hedge, per_year, "at_least")
    if hedge in {"almost", "nearly"}:
        return Quantity(None, value, unit, hedge, per_year, "at_most")
    return Quantity(value, value, unit, hedge, per_year, "approximate" if hedge else "exact")


def _money(value: float, unit: str) -> str:
    symbol = {"USD": "US$", "EUR": "€", "GBP": "£"}.get(
        unit, f"{unit} " if unit not in {"people", "count"} else ""
    )
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"{symbol}{value / size:g} {word}".strip()
    return f"{symbol}{value:g}"


def format_quantity(q: Quantity) -> str:
    """Human form keeping the hedge: 'US$100 bn–1 tn (hundreds of)'."""
    suffix = " a year" if q.per_year else ""
    noun = f" {q.unit}" if q.unit in {"people", "count"} else ""
    if q.bound == "interval" and q.low is not None and q.high is not None:
        text = f"{_money(q.low, q.unit)}–{_money(q.high, q.unit).replace('US$', '')}{noun}{suffix}"
    elif q.bound == "at_least" and q.low is not None:
        text = f"{q.hedge or 'at least'} {_money(q.low, q.unit)}{noun}{suffix} (no upper bound)"
        return text
    elif q.bound == "at_most" and q.high is not None:
        text = f"{q.hedge or 'at most'} {_money(q.high, q.unit)}{noun}{suffix}"
        return text
    else:
        text = f"{q.hedge + ' ' if q.hedge else ''}{_money(q.low or 0.0, q.unit)}{noun}{suffix}"
        return text
    return f"{text} ({q.hedge})" if q.hedge else text
