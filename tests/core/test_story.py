"""A sector's story: every claim of the sector, the newest reference figure per measure with the
earlier ones, the attacks that hit the sector; and the charts a view leaves out, with why."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.data import kyiv, schema
from dashboard.core.data.dataset import Dataset, load_dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.visuals import story as story_mod
from dashboard.core.visuals.story import (
    MEASURES,
    ClaimLine,
    build_story,
    claims_html,
    references_html,
)
from dashboard.core.visuals.views import empty_reasons


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def _href(ref: str) -> str:
    return f"?claim={ref}"


@pytest.mark.parametrize("sector", schema.sectors())
def test_the_story_lists_every_claim_of_the_sector_with_its_words(dataset: Dataset, sector):
    story = build_story(dataset, Filters(sector=(sector,)))
    claims = apply_filters(dataset.figures, Filters(sector=(sector,)))
    assert sorted(line.ref for line in story.claims) == sorted(
        f"claim:{f}" for f in claims["figure_id"]
    )
    quotes = dict(zip(claims["figure_id"], claims["quote"], strict=True))
    for line in story.claims:
        quote = quotes[line.ref.removeprefix("claim:")]
        assert line.words == quote or quote.startswith(line.words.removesuffix(" …"))
        assert line.sector == sector
    # those with an amount come first, each with its amount
    amounts = [line.amount is not None for line in story.claims]
    assert amounts == sorted(amounts, reverse=True)


@pytest.mark.parametrize("sector", schema.sectors())
def test_references_are_the_newest_of_each_measure_of_that_very_sector(dataset: Dataset, sector):
    facts = dataset.frames["assessment_figures"]
    scope = "all" if sector == "cross-sector" else sector  # cross-sector: the whole economy
    mine = facts[facts["sector"] == scope]
    groups = {m: mine[(mine["measure"] == m) & (mine["unit"] == "USD")] for m in MEASURES}
    groups |= {i: mine[mine["indicator"] == i] for i in mine["indicator"] if i}
    expected = {k: g.sort_values("published").iloc[-1] for k, g in groups.items() if not g.empty}
    story = build_story(dataset, Filters(sector=(sector,)))
    assert [line.measure for line in story.references] == list(expected)
    for line in story.references:
        newest = expected[line.measure]
        assert line.ref == f"fact:{newest['fact_id']}"
        assert line.assessment == newest["assessment"] and line.publishers
        if newest["qualifier"]:
            assert line.amount.startswith(str(newest["qualifier"]))  # the hedge is kept
        assert len(line.earlier) == len(groups[line.measure]) - 1
    money = [line for line in story.references if line.measure in MEASURES]
    assert len({line.measure for line in money}) == len(money)  # one line a measure, never summed


def test_energy_opens_on_rdna5_needs_with_its_publishers_and_the_older_editions(dataset: Dataset):
    story = build_story(dataset, Filters(sector=("energy",)))
    needs = next(line for line in story.references if line.measure == "needs")
    assert (needs.assessment, needs.amount, needs.published) == (
        "RDNA5",
        "nearly $91 bn",
        "Feb 2026",
    )
    assert "World Bank Group" in needs.publishers
    assert any(e.startswith("RDNA4, published Feb 2025") for e in needs.earlier)
    html = references_html(story.references, _href)
    assert (
        'RDNA5, Feb 2026; <span lang="en">Government of Ukraine' in html
        and 'href="?claim=fact:rdna5-energy-needs"' in html
    )


def test_a_measure_filter_narrows_the_references(dataset: Dataset):
    story = build_story(dataset, Filters(sector=("energy",), measure=("damage",)))
    assert {line.measure for line in story.references} == {"damage"}


def test_attacks_are_those_whose_reports_name_the_sector_with_hedged_counts(dataset: Dataset):
    attacks = dataset.frames["kyiv_attacks"]
    for sector in ("energy", "housing", "transport"):
        story = build_story(dataset, Filters(sector=(sector,)))
        expected = kyiv.attacks_in_view(attacks, (sector,))
        assert {a.ref for a in story.attacks} == {f"attack:{i}" for i in expected["attack_id"]}
        assert story.attack_words == kyiv.SECTOR_WORDS[sector]
    energy = build_story(dataset, Filters(sector=("energy",)))
    by_day = {a.day: a for a in energy.attacks}
    assert "drones nearly 500" in by_day["2025-12-27"].weapons  # the hedge, never dropped
    assert "killed not reported" in by_day["2025-10-10"].toll  # not reported is not 0
    assert build_story(dataset, Filters(sector=("humanitarian",))).attacks == ()


def test_story_html_escapes_source_words():
    line = ClaimLine(
        "claim:x",
        "energy",
        "needs",
        "<script>alert(1)</script>",
        "attributed to <b>",
        "US$1 bn",
        "consistent",
    )
    html = claims_html((line,), _href)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert "read as US$1 bn" in html and "check: consistent" in html


def test_dates_read_as_month_and_year():
    assert story_mod._month("2026-02-23") == "Feb 2026"
    assert story_mod._month("2025-02") == "Feb 2025"
    assert story_mod._month(pd.Timestamp("2024-06-01")) == "Jun 2024"
    assert story_mod._month("") == "date not stated"


def test_a_chart_with_nothing_to_draw_is_left_out_with_why(dataset: Dataset):
    keys = ["cost", "assessments", "impacts"]
    assert empty_reasons(dataset, Filters(), keys) == {}
    energy = empty_reasons(dataset, Filters(sector=("energy",)), keys)
    assert list(energy) == ["cost"] and "state no cost figure" in energy["cost"]
    for sector in schema.sectors():  # every sector opens on at least one chart with marks
        assert len(empty_reasons(dataset, Filters(sector=(sector,)), keys)) < len(keys), sector


def test_the_selected_claim_is_marked_in_the_list():
    lines = tuple(
        ClaimLine(
            f"claim:{i}", "energy", "risk", f"quote {i}", "the article's own claim", None, None
        )
        for i in "ab"
    )
    html = claims_html(lines, _href, selected="claim:b")
    assert html.count('aria-current="true"') == 1
    assert html.index('aria-current="true"') > html.index("quote a")


def test_a_story_of_many_claims_lists_the_first_and_says_how_many(dataset: Dataset, monkeypatch):
    """At scale the story lists MAX_CLAIMS claims (amounts first) and counts them all: a million
    claims are never turned into a million lines (the views are built for every sector)."""
    from dashboard.core.data.filters import Filters as F
    from dashboard.ui.story import story_html

    monkeypatch.setattr(story_mod, "MAX_CLAIMS", 2)
    story = build_story(dataset, F(sector=("energy",)))
    total = len(apply_filters(dataset.figures, F(sector=("energy",))))
    assert total > 2 and len(story.claims) == 2 and story.claims_in_view == total
    page = story_html(story, F(sector=("energy",)))
    assert f"{total} claims; a quote opens its sentence in context" in page
    assert f"The first 2 of {total} claims; the Data page lists them all." in page
