"""Extraction: the seed's four figures recovered exactly; precision and recall on a test article."""

from __future__ import annotations

import csv

import pytest

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset
from dashboard.core.text.extract import (
    candidates_to_records,
    guess_figure_measure,
    guess_sector,
    propose_claims,
)
from dashboard.core.text.quantities import find_quantities
from dashboard.core.text.sentences import split_sentences

DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def seed():
    dataset = load_dataset()
    return dataset.seeds["kyiv-attack-before-talks"], dataset.figures


def test_seed_recall_matches_the_curated_rows(seed):
    text, figures = seed
    candidates = [c for c in propose_claims(text) if c.kind == "quantitative"]
    curated = figures[figures["bound"] != "none"]
    assert len(candidates) == len(curated) == 4
    for _, row in curated.iterrows():
        figure_start = int(row["start"]) + row["quote"].index(row["figure_text"])
        match = [c for c in candidates if c.figure_start == figure_start]
        assert len(match) == 1, row["figure_text"]
        c = match[0]
        assert text[c.figure_start : c.figure_end] == row["figure_text"]
        assert (
            c.start <= row["start"] and row["end"] <= c.end
        )  # the curated quote lies in the candidate sentence
        assert (c.value_low, c.unit, c.hedge, c.per_year, c.bound) == (
            row["value_low"],
            row["unit"],
            row["hedge"],
            row["per_year"],
            row["bound"],
        )
        assert c.value_high == (
            None if row["value_high"] != row["value_high"] else row["value_high"]
        )
        assert (c.attributed_to, c.attributed_url, c.attribution_basis) == (
            row["attributed_to"],
            row["attributed_url"],
            row["attribution_basis"],
        )


def test_seed_qualitative_impacts_are_proposed_by_sector(seed):
    text, _ = seed
    qualitative = {c.quote: c.sector for c in propose_claims(text) if c.kind == "qualitative"}
    assert (
        qualitative[
            "It disrupted electricity, heating, and transportation across parts of the city."
        ]
        == "energy"
    )
    assert (
        qualitative[
            "Urban districts across Kyiv experienced fires, structural collapses, and emergency evacuations."
        ]
        == "housing"
    )
    assert (
        qualitative[
            "In Ukraine’s case, energy disruptions ripple into manufacturing, agriculture, and digital services."
        ]
        == "cross-sector"
    )


def test_precision_and_recall_on_the_test_article(capsys):
    text = (DATA / "extraction_article.txt").read_text(encoding="utf-8")
    with (DATA / "extraction_expected.csv").open(encoding="utf-8", newline="") as fh:
        gold = {r["text"]: r for r in csv.DictReader(fh)}
    found = find_quantities(text)
    correct = 0
    for m in found:
        g = gold.get(m.text)
        if g is None:
            continue
        low = float(g["low"]) if g["low"] else None
        high = float(g["high"]) if g["high"] else None
        q = m.quantity
        same_low = (low is None and q.low is None) or (
            low is not None and q.low is not None and abs(low - q.low) <= 1e-9 * max(1.0, low)
        )
        same_high = (high is None and q.high is None) or (
            high is not None and q.high is not None and abs(high - q.high) <= 1e-9 * max(1.0, high)
        )
        correct += q.unit == g["unit"] and same_low and same_high
    precision, recall = correct / len(found), correct / len(gold)
    with capsys.disabled():
        print(
            f"\nextraction on tests/data/extraction_article.txt: {len(gold)} gold figures, {len(found)} found, {correct} correct; precision {precision:.2f}, recall {recall:.2f}"
        )
    assert len(gold) >= 20
    assert precision >= 0.9 and recall >= 0.9


def test_sentences_have_exact_offsets_and_headings_stand_alone(seed):
    text, _ = seed
    spans = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert any(s.text == "Escalation in Kyiv amid diplomatic pressure" for s in spans)
    assert not any("pressure\nThe timing" in s.text for s in spans)


def test_guess_sector_and_records():
    assert guess_sector("Rail bridges and the port were hit.") == "transport"
    records = candidates_to_records(
        propose_claims("Strikes damaged 40 residential buildings."), "x"
    )
    assert records[0]["source_id"] == "x" and records[0]["unit"] == "buildings"


PARAGRAPH = (
    "The city administration said the strikes damaged three substations. Restoring them will "
    "cost $1.2 billion, and the Ministry of Energy put the equipment destroyed at €800 million.\n"
    "Shelling hit the depot, costing $5 million.\n"
)


def _by_figure(text: str) -> dict[str, object]:
    return {text[c.figure_start : c.figure_end]: c for c in propose_claims(text) if c.figure_start}


def test_money_is_proposed_by_its_own_words_never_as_targeting():
    found = _by_figure(PARAGRAPH)
    assert found["$1.2 billion"].measure == "needs"  # cost of restoring
    assert found["€800 million"].measure == "damage"  # equipment destroyed
    assert found["$5 million"].measure == ""  # 'costing' alone: the curator chooses
    assert all(c.measure != "targeting" for c in found.values())


def test_attribution_says_where_the_organisation_was_named():
    found = _by_figure(PARAGRAPH)
    assert (found["€800 million"].attributed_to, found["€800 million"].attribution_basis) == (
        "Ministry of Energy",
        "sentence",
    )
    # the Ministry is named in the other clause: the repair cost is the city's, by paragraph
    assert (found["$1.2 billion"].attributed_to, found["$1.2 billion"].attribution_basis) == (
        "city administration",
        "paragraph",
    )
    said = _by_figure("Repairs will cost $3 billion, according to the World Bank.\n")
    assert said["$3 billion"].attributed_to == "World Bank"
    assert (found["$5 million"].attributed_to, found["$5 million"].attribution_basis) == (
        "unattributed",
        "none",
    )
    lone = _by_figure("The city administration counted the cost.\nIt reached $2 billion.\n")
    assert lone["$2 billion"].attributed_to == "unattributed"  # another paragraph
    same = _by_figure("The city administration counted the cost. It reached $2 billion.\n")
    assert (same["$2 billion"].attributed_to, same["$2 billion"].attribution_basis) == (
        "city administration",
        "paragraph",
    )


@pytest.mark.parametrize(
    ("sentence", "unit", "expected"),
    [
        ("Repair costs reached $3 billion.", "USD", "needs"),
        ("Lost revenue reached $3 billion.", "USD", "losses"),
        ("Damaged plants are worth $3 billion.", "USD", "damage"),
        ("Strikes targeted plants worth $3 billion.", "USD", ""),
        ("12 people were killed.", "people", ""),
        ("Two million people were displaced.", "people", "displacement"),
    ],
)
def test_figure_measure_rules(sentence: str, unit: str, expected: str):
    assert guess_figure_measure(sentence, unit) == expected
