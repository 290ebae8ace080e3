"""Quantity parsing: each expression form, each trap, and properties that must always hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.text.quantities import (
    Quantity,
    find_quantities,
    format_quantity,
    parse_amount,
)

B, M = 1e9, 1e6
CASES = [
    # money, exact
    ("$1.2bn", (1.2 * B, 1.2 * B, "USD", "", False, "exact")),
    ("$1.2 billion", (1.2 * B, 1.2 * B, "USD", "", False, "exact")),
    ("US$5 million", (5 * M, 5 * M, "USD", "", False, "exact")),
    ("€506 billion", (506 * B, 506 * B, "EUR", "", False, "exact")),
    ("EUR 506 bn", (506 * B, 506 * B, "EUR", "", False, "exact")),
    ("£3bn", (3 * B, 3 * B, "GBP", "", False, "exact")),
    ("UAH 5 billion", (5 * B, 5 * B, "UAH", "", False, "exact")),
    ("5 billion hryvnias", (5 * B, 5 * B, "UAH", "", False, "exact")),
    ("$411 billion", (411 * B, 411 * B, "USD", "", False, "exact")),
    ("$400bn", (400 * B, 400 * B, "USD", "", False, "exact")),
    ("$2.5 trillion", (2.5e12, 2.5e12, "USD", "", False, "exact")),
    # money, hedged
    ("exceeding $400 billion", (400 * B, None, "USD", "exceeding", False, "at_least")),
    ("more than $150 billion", (150 * B, None, "USD", "more than", False, "at_least")),
    ("almost $588 billion", (None, 588 * B, "USD", "almost", False, "at_most")),
    ("nearly €80 million", (None, 80 * M, "EUR", "nearly", False, "at_most")),
    ("about $10 billion", (10 * B, 10 * B, "USD", "about", False, "approximate")),
    ("some $45 million", (45 * M, 45 * M, "USD", "some", False, "approximate")),
    ("$3bn a year", (3 * B, 3 * B, "USD", "", True, "exact")),
    # vague magnitudes
    ("hundreds of billions of dollars", (1e11, 1e12, "USD", "hundreds of", False, "interval")),
    (
        "tens of billions of dollars annually",
        (1e10, 1e11, "USD", "tens of ... annually", True, "interval"),
    ),
    ("tens of billions", (1e10, 1e11, "count", "tens of", False, "interval")),
    ("hundreds of millions of euros", (1e8, 1e9, "EUR", "hundreds of", False, "interval")),
    ("millions", (1e6, 1e9, "count", "millions", False, "interval")),
    ("billions of dollars", (1e9, 1e12, "USD", "billions", False, "interval")),
    ("tens of thousands of people", (1e4, 1e5, "people", "tens of", False, "interval")),
    ("thousands of homes", (1e3, 1e6, "homes", "thousands", False, "interval")),
    ("dozens of substations", (12, 100, "substations", "dozens of", False, "interval")),
    # counts
    ("3,000 buildings", (3000, 3000, "buildings", "", False, "exact")),
    ("more than 3,000 buildings", (3000, None, "buildings", "more than", False, "at_least")),
    ("1.2 million people", (1.2 * M, 1.2 * M, "people", "", False, "exact")),
    ("half a million people", (5e5, 5e5, "people", "", False, "exact")),
    ("twelve schools", (12, 12, "schools", "", False, "exact")),
    ("over 2,600 residential buildings", (2600, None, "buildings", "over", False, "at_least")),
    ("187 kindergartens", (187, 187, "kindergartens", "", False, "exact")),
    # shares
    ("40%", (40, 40, "percent", "", False, "exact")),
    ("40 per cent", (40, 40, "percent", "", False, "exact")),
    ("about 40 percent", (40, 40, "percent", "about", False, "approximate")),
    ("two-thirds", (200 / 3, 200 / 3, "percent", "", False, "exact")),
    ("almost a third", (None, 100 / 3, "percent", "almost", False, "at_most")),
    ("half", (50, 50, "percent", "", False, "exact")),
    # capacity
    ("9 GW", (9, 9, "GW", "", False, "exact")),
    ("1,500 MW", (1500, 1500, "MW", "", False, "exact")),
    ("2.5 gigawatts", (2.5, 2.5, "GW", "", False, "exact")),
]
TRAPS = [
    "on 27 December 2025 the city",
    "published 2025-12-27",
    "on December 27, 2025",
    "since 2014",
    "in 2022 the war",
    "at 3:40 in the morning",
    "call +380 44 123 4567",
    "see page 12",
    "p. 4 of the annex",
    "section 3.2 of the plan",
    "the 3rd wave",
    "one of the largest attacks",
    "a one-off payment",
    "https://www.iea.org",
    "Kh-101 missiles",
    "Shahed-136 drones",
    "S-300 systems",
    "UA-30 is Kyiv city",
    "the 1990s",
    "in December 2025",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parse_amount(text, expected):
    # a share word is a figure only as "... of something": give it that context
    q = (
        parse_amount(text, f"{text} of the grid")
        if text.endswith(("third", "thirds", "half"))
        else parse_amount(text)
    )
    assert q is not None, text
    low, high, unit, hedge, per_year, bound = expected
    assert (q.unit, q.hedge, q.per_year, q.bound) == (unit, hedge, per_year, bound)
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None


@pytest.mark.parametrize("text", TRAPS)
def test_traps_are_not_figures(text):
    assert find_quantities(text) == []


def test_context_decides_a_bare_counts_unit():
    sentence = "these challenges have already displaced millions"
    assert parse_amount("millions", sentence).unit == "people"
    assert parse_amount("millions").unit == "count"


@pytest.mark.parametrize(
    ("q", "text"),
    [
        (
            Quantity(1e11, 1e12, "USD", "hundreds of", False, "interval"),
            "US$100 bn to US$1 tn (hundreds of)",
        ),
        (
            Quantity(4e11, None, "USD", "exceeding", False, "at_least"),
            "exceeding US$400 bn (no upper bound)",
        ),
        (
            Quantity(1e10, 1e11, "USD", "tens of ... annually", True, "interval"),
            "US$10 bn to US$100 bn a year (tens of ... annually)",
        ),
        (
            Quantity(None, 5.88e11, "USD", "almost", False, "at_most"),
            "almost US$588 bn (no lower bound)",
        ),
        (Quantity(40, 40, "percent", "about", False, "approximate"), "about 40%"),
    ],
)
def test_format_keeps_the_hedge(q, text):
    assert format_quantity(q) == text


HEDGES = st.sampled_from(["", "more than ", "almost ", "about ", "exceeding ", "nearly "])
SCALES = st.sampled_from(
    [("", 1.0), (" million", 1e6), (" billion", 1e9), ("bn", 1e9), (" trillion", 1e12)]
)
CURRENCY = st.sampled_from([("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("UAH ", "UAH")])


@given(
    hedge=HEDGES,
    number=st.integers(1, 999_999),
    decimals=st.integers(0, 99),
    scale=SCALES,
    currency=CURRENCY,
)
def test_any_money_expression_round_trips(hedge, number, decimals, scale, currency):
    amount = f"{number:,}.{decimals:02d}" if decimals else f"{number:,}"
    text = f"{hedge}{currency[0]}{amount}{scale[0]}"
    sentence = f"The report says {text} was needed."
    matches = find_quantities(sentence)
    assert len(matches) == 1
    m = matches[0]
    assert sentence[m.start : m.end] == m.text == text
    value = (number + decimals / 100) * scale[1]
    q = m.quantity
    assert q.unit == currency[1]
    assert (q.low if q.low is not None else q.high) == pytest.approx(value)
    if q.low is not None and q.high is not None:
        assert q.low <= q.high


@given(st.text(max_size=300))
def test_never_raises_and_offsets_slice_back(text):
    previous_end = 0
    for m in find_quantities(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # in order, no overlaps
        previous_end = m.end
        q = m.quantity
        assert q.low is None or q.high is None or q.low <= q.high
