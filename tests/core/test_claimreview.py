"""ClaimReview JSON-LD and the check charts: parse, required fields, verbatim quotes, the numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.data import checks
from dashboard.core.data.dataset import load_dataset
from dashboard.core.evidence import provenance
from dashboard.core.evidence.checkcards import card_html, check_cards
from dashboard.core.output.claimreview import BaseUrlError, claimreview_bytes
from dashboard.core.visuals.checkcharts import build_bill_view, build_check_chart


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def reviews(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("cr") / "claimreview.json"
    assert main(["claimreview", "--out", str(out), "--base-url", "https://example.org/app"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def test_every_item_has_the_required_fields(reviews, dataset):
    assert len(reviews) == len(dataset.frames["checks"])
    checks_table = dataset.frames["checks"]
    checked = dict(zip(checks_table["check_id"], checks_table["checked"], strict=True))
    for item in reviews:
        assert item["@type"] == "ClaimReview"
        assert item["url"].startswith("https://example.org/app/checks?check=")
        assert item["itemReviewed"]["@type"] == "Claim"
        # the claim was made by the article, whose outlet the text does not name
        assert item["itemReviewed"]["author"] == {"@type": "Organization", "name": "unknown"}
        assert item["itemReviewed"]["appearance"]["name"]
        rating = item["reviewRating"]
        assert rating["alternateName"] in checks.VERDICTS
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)  # words only
        day = checked[item["url"].split("check=")[1]]
        assert item["author"]["name"] and item["datePublished"] == f"{pd.Timestamp(day):%Y-%m-%d}"


def test_the_attribution_stays_in_the_claim_text(reviews):
    text = {i["url"].split("check=")[1]: i["claimReviewed"] for i in reviews}
    assert text["iea-reconstruction-costs"].endswith("(attributed by its paragraph to IEA)")
    assert text["undp-displaced-millions"].endswith("(attributed in the same sentence to UNDP)")
    assert all(i["claimReviewed"].startswith(i["itemReviewed"]["text"]) for i in reviews)


def test_the_base_url_comes_from_the_environment_when_not_given(dataset, monkeypatch):
    monkeypatch.setenv("DASHBOARD_BASE_URL", "https://checks.example.net/ua/")
    document = json.loads(claimreview_bytes(dataset))
    assert {i["url"].split("?")[0] for i in document["@graph"]} == {
        "https://checks.example.net/ua/checks"
    }
    monkeypatch.setenv("DASHBOARD_BASE_URL", "ftp://nowhere")
    with pytest.raises(BaseUrlError, match="DASHBOARD_BASE_URL 'ftp://nowhere' is not an http"):
        claimreview_bytes(dataset)


def test_a_bad_base_url_writes_nothing_and_says_why(tmp_path, capsys):
    out = tmp_path / "cr.json"
    assert main(["claimreview", "--out", str(out), "--base-url", "example.org"]) == 2
    assert "--base-url 'example.org' is not an http(s) address" in capsys.readouterr().err
    assert not out.exists()


def test_every_quote_is_verbatim_seed_text_at_its_offsets(reviews, dataset):
    figures = dataset.figures.set_index("quote")
    for item in reviews:
        quote = item["itemReviewed"]["text"]
        row = figures.loc[quote]
        text = dataset.seeds[row["source_id"]]
        assert text[row["start"] : row["end"]] == quote


def test_every_verdict_is_declared_and_agrees_with_the_numbers(reviews, dataset):
    facts = {f["fact_id"]: f for f in dataset.frames["assessment_figures"].to_dict("records")}
    by_url = {c.check_id: c for c in check_cards(dataset)}
    for item in reviews:
        card = by_url[item["url"].split("check=")[1]]
        verdict = item["reviewRating"]["alternateName"]
        assert verdict in checks.VERDICTS
        claim = checks.claim_of(card.claim)
        assert checks.verdict_problems(card.check, claim, facts) == []


def test_evidence_urls_are_the_linked_facts(reviews):
    cited = {i["url"].split("check=")[1]: [c.get("url") for c in i["citation"]] for i in reviews}
    assert cited["undp-400-billion"] == [
        "https://www.undp.org/ukraine/press-releases/costs-rebuild-ukraine-increase-sharply",
        "https://www.miragenews.com/ukraine-recovery-needs-assessment-updated-1624649",
    ]
    assert cited["iea-reconstruction-costs"] == [
        "https://news.az/news/ukraine-will-face-significant-challenge-in-winter-iae-says",
        "https://www.brusselstimes.com/eu-affairs/1987756/ukraines-recovery-costs-climb-to-588bn-triple-the-projected-gdp/",
    ]


def test_the_bytes_are_the_same_document_as_the_command_writes(dataset, reviews):
    document = json.loads(claimreview_bytes(dataset, "https://example.org/app"))
    assert document["@graph"] == reviews


def test_card_escapes_source_text(dataset):
    card = check_cards(dataset)[0]
    hostile = {**card.check, "reasoning": "<script>alert(1)</script> $x$ *y*"}
    html = card_html(type(card)(hostile, card.claim, card.source, None, None, {}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "none found" in html


def test_check_chart_draws_band_cited_and_newest_and_credits_exactly_them(dataset):
    card = next(c for c in check_cards(dataset) if c.check_id == "undp-400-billion")
    sources = dataset.frames["sources"]
    fig = build_check_chart(card, sources, provenance.as_of(sources, dataset.version))
    data = {t.customdata[0]: t for t in fig.data}
    assert set(data) == {
        "claim:kyiv-attack-before-talks-15",
        "fact:rdna2-all-needs",
        "fact:rdna5-all-needs",
    }
    assert list(data["fact:rdna2-all-needs"].x) == [411e9]
    assert list(data["fact:rdna5-all-needs"].x) == [588e9]
    assert fig.layout.xaxis.type == "log"
    footer = fig.layout.annotations[-1].text.replace("<br>", " ")
    assert "RDNA2, RDNA5 (" in footer and "UNDP press release" in footer
    assert "RDNA3" not in footer and "KSE" not in footer


def test_bill_chart_has_a_panel_per_measure_and_bands_for_the_claims(dataset):
    fig = build_bill_view(dataset, dataset.figures, "All claims")
    series = {t.name: t for t in fig.data if t.name.startswith("RDNA")}
    assert [round(v) for v in series["RDNA needs, all sectors"].y] == [349, 411, 486, 524, 588]
    assert [round(v) for v in series["RDNA damage, all sectors"].y] == [97, 152, 176, 195]
    assert series["RDNA needs, all sectors"].xaxis != series["RDNA damage, all sectors"].xaxis
    refs = {c for t in fig.data for c in t.customdata}
    assert "claim:kyiv-attack-before-talks-15" in refs and "fact:rdna1-all-needs" in refs
    # the per-year losses claim has no panel here, so no band and no credit
    assert "claim:kyiv-attack-before-talks-21" not in refs
    footer = fig.layout.annotations[-1].text.replace("<br>", " ")
    assert "World Bank" not in footer.split("Reference:")[0]
