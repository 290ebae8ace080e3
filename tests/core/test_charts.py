"""Charts as data: intervals drawn as stated, measures never mixed, captions inside the figure."""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.base.i18n import use_language
from dashboard.core.base.palette import sector_colour
from dashboard.core.data import schema
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.alternative import describe_chart
from dashboard.core.text.quantities import Quantity, short_quantity
from dashboard.core.visuals.charts import (
    MAX_BARS,
    Caption,
    build_cost_chart,
    build_impact_chart,
    distinct_costs,
    for_screen,
    money_ticks,
    screen_caption,
    screen_caption_html,
)
from dashboard.core.visuals.comparison import build_assessment_chart
from dashboard.core.visuals.overview import REFERENCE_STYLE, cards_row_html, sector_cards
from dashboard.core.visuals.views import build_view, reference_facts

CAPTION = Caption(
    "Cost figures", "All claims", "Quotes from the seed", "2026-11-25 (data version x)"
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _bars(fig) -> dict[str, tuple[float, float, str]]:
    """figure_id -> (low, high, text) for every interval bar."""
    return {
        fid: (base, base + width, text)
        for t in fig.data
        if t.type == "bar"
        for fid, base, width, text in zip(t.y, t.base, t.x, t.text, strict=True)
    }


def test_cost_bars_span_the_stated_intervals(dataset):
    fig = build_cost_chart(dataset.figures, CAPTION)
    bars = _bars(fig)
    assert set(bars) == {
        "kyiv-attack-before-talks-11",
        "kyiv-attack-before-talks-15",
        "kyiv-attack-before-talks-21",
    }
    assert bars["kyiv-attack-before-talks-11"][:2] == (1e11, 1e12)  # hundreds of billions
    assert bars["kyiv-attack-before-talks-21"][:2] == (1e10, 1e11)  # tens of billions a year
    low, high, text = bars["kyiv-attack-before-talks-15"]  # exceeding $400 billion
    assert low == 4e11 and text == "no upper<br>bound →"  # two lines: legible in a short bar
    assert high >= 10 ** fig.layout.xaxis.range[1]  # runs off the axis: never a closed bar


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_cost_chart_names_each_sector_once_in_its_legend_in_either_language(dataset, lang):
    """Cross-sector bars sit in both panels; the legend says "cross-sector" once (in Ukrainian
    it said "міжсекторальне" twice, the two entries overlapping at 390 px)."""
    with use_language(lang):
        fig = build_cost_chart(dataset.figures, CAPTION)
    shown = [t.name for t in fig.data if t.type == "bar" and t.showlegend is not False]
    assert len(shown) == len(set(shown)) == 2


def test_cost_chart_is_log_dollars_with_per_year_claims_apart(dataset):
    fig = build_cost_chart(dataset.figures, CAPTION)
    panels = [a.text for a in fig.layout.annotations if a.name != "footer"]
    assert panels == ["Losses · USD per year", "Needs · USD"]
    assert {fig.layout.xaxis.type, fig.layout.xaxis2.type} == {"log"}
    assert "US dollars (log scale)" in fig.layout.xaxis2.title.text
    hovers = " ".join(h for t in fig.data for h in t.hovertext)
    assert "hedge: exceeding" in hovers and "attributed to: UNDP" in hovers


def test_cost_chart_carries_title_subtitle_source_and_date(dataset):
    fig = build_cost_chart(dataset.figures, CAPTION)
    assert "Cost figures" in fig.layout.title.text and "All claims" in fig.layout.title.text
    footer = next(a.text for a in fig.layout.annotations if a.name == "footer")
    assert footer.startswith("Source: Quotes from the seed")
    assert "Data as of 2026-11-25" in footer
    assert (fig.layout.width, fig.layout.height) == (1600, 900)  # 16:9


def test_figures_ship_no_full_plotly_template(dataset):
    # The named plotly templates embed ~8 KB of defaults in every figure, resent on each rerun.
    for key, fig in build_view(dataset, Filters(), ["cost", "assessments", "impacts"]).items():
        spec = fig.to_json()
        assert "barpolar" not in spec, key
        assert fig.layout.plot_bgcolor == "white" or fig.layout.template.layout.plot_bgcolor


def test_money_ticks_label_one_two_five_per_decade():
    ticks = money_ticks(9.7, 12.5)
    assert ticks["ticktext"] == [
        "$10 bn",
        "$20 bn",
        "$50 bn",
        "$100 bn",
        "$200 bn",
        "$500 bn",
        "$1 tn",
        "$2 tn",
    ]
    assert ticks["tickvals"][3] == 1e11


def test_assessments_keep_damage_needs_and_losses_apart(dataset):
    facts = dataset.frames["assessment_figures"]
    fig = build_assessment_chart(dataset.figures, facts, CAPTION)
    panels = [a.text for a in fig.layout.annotations if a.name != "footer"]
    assert panels == ["Needs", "Damage", "Losses"]
    axis_of_panel = {"x": "needs", "x2": "damage", "x3": "losses"}
    measure_of_fact = dict(zip(facts["fact_id"], facts["measure"], strict=True))
    for trace in fig.data:
        refs = [r for r in trace.customdata if r.startswith("fact:")]
        measures = {measure_of_fact[r.removeprefix("fact:")] for r in refs}
        assert measures <= {axis_of_panel[trace.xaxis]}, trace.name  # one measure per panel
    needs = [
        y for t in fig.data if t.xaxis == "x" and t.name == "assessment: all sectors" for y in t.y
    ]
    assert sorted(needs) == [349e9, 411e9, 486e9, 524e9, 588e9]  # RDNA1..RDNA5, never summed


def test_assessment_chart_puts_the_400_billion_claim_beside_rdna(dataset):
    fig = build_assessment_chart(dataset.figures, dataset.frames["assessment_figures"], CAPTION)
    claim = next(t for t in fig.data if "exceeding $400 billion" in t.name)
    assert claim.xaxis == "x" and list(claim.y) == [4e11]  # in the needs panel, at its floor
    assert claim.customdata[0] == "claim:kyiv-attack-before-talks-15"


def test_impacts_count_every_qualitative_claim(dataset):
    fig = build_impact_chart(dataset.figures, CAPTION, schema.sectors())
    counted = sum(sum(t.x) for t in fig.data)
    assert counted == (dataset.figures["bound"] == "none").sum() > 0
    assert {t.name for t in fig.data} == {
        "energy",
        "housing",
        "transport",
        "cross-sector",
        "humanitarian",
    }


@pytest.mark.parametrize("copies", [1, 3, 2_000])
def test_impact_counts_keep_a_few_whole_ticks_at_any_scale(dataset, copies):
    """Counts tick at whole numbers, about six of them: at 100k rows a step of 1 asked plotly
    for a thousand ticks, and the browser took 30 s to draw the chart."""
    many = pd.concat([dataset.figures] * copies, ignore_index=True)
    fig = build_impact_chart(many, CAPTION, schema.sectors())
    top = max(max(t.x) for t in fig.data)
    step = fig.layout.xaxis.dtick
    assert isinstance(step, int) and step >= 1
    assert step == 1 if top <= 6 else 2 <= top / step <= 6  # a few ticks, never fractions


def test_many_distinct_costs_become_one_envelope_per_measure_and_sector(dataset):
    base = dataset.figures[dataset.figures["figure_id"] == "kyiv-attack-before-talks-11"]
    many = pd.concat([base] * (MAX_BARS + 10), ignore_index=True)
    many["figure_id"] = [f"synthetic-{i}" for i in range(len(many))]
    many["value_high"] = [1e12 + i for i in range(len(many))]
    shown = distinct_costs(many)
    assert len(shown) == 1
    row = shown.iloc[0]
    assert row["n_claims"] == MAX_BARS + 10 and row["ref"] == "costs:cross-sector|needs"
    assert row["value_low"] == 1e11 and row["value_high"] == 1e12 + MAX_BARS + 9


def test_sector_cards_read_like_a_sentence_and_keep_the_source_words(dataset):
    figures = dataset.figures
    cards = {c.sector: c for c in sector_cards(figures, schema.sectors())}
    assert {s: c.claims for s, c in cards.items()} == figures["sector"].value_counts().to_dict()
    world_bank = figures[figures["figure_text"] == "tens of billions of dollars annually"].iloc[0]
    card = cards[world_bank["sector"]]
    line = f"US$10–100 bn a year · {world_bank['measure']} · World Bank"
    assert line in card.costs
    assert card.words[card.costs.index(line)] == "tens of billions of dollars annually"
    row = cards_row_html(list(cards.values()))
    assert row.count('class="sector-card"') == len(cards)
    assert "(" not in " ".join(card.costs) and "..." not in " ".join(card.costs)
    assert "auto-fit" in row  # cards wrap on narrow screens instead of squeezing into one row


def _facts(dataset, **filters) -> pd.DataFrame:
    return reference_facts(dataset, Filters(**filters))


def test_energy_with_no_article_cost_carries_the_newest_reference_needs_marked_as_such(dataset):
    figures = dataset.figures
    assert figures[(figures["sector"] == "energy") & (figures["bound"] != "none")].empty
    cards = {c.sector: c for c in sector_cards(figures, schema.sectors(), _facts(dataset))}
    energy = cards["energy"]
    assert energy.costs == ()  # the article's own: still none
    texts = [r.text for r in energy.references]
    assert "needs nearly US$91 bn (RDNA5, Feb 2026)" in texts  # qualifier kept, newest edition
    assert [r.measure for r in energy.references] == ["damage", "needs", "losses"]  # one each
    html = energy.html
    assert "the article states no cost figure" in html
    assert html.count("<strong>Reference:</strong>") == len(energy.references)
    assert "needs nearly US$91 bn (<a href=" in html and ">RDNA5</a>, Feb 2026)" in html
    assert f'style="{REFERENCE_STYLE}"' in html


def test_a_sector_with_an_article_cost_keeps_its_words_and_no_reference(dataset):
    cards = {c.sector: c for c in sector_cards(dataset.figures, schema.sectors(), _facts(dataset))}
    cross = cards["cross-sector"]
    assert "US$100 bn–US$1 tn · needs · IEA" in cross.costs
    assert "hundreds of billions of dollars" in cross.words and cross.references == ()
    assert "exceeding US$400 bn · needs · UNDP" in cards["housing"].costs  # 'they' = housing
    assert "Reference:" not in cross.html and "hundreds of billions of dollars" in cross.html
    assert cards["humanitarian"].references == ()  # no dollar figure for it: nothing said


def test_reference_lines_follow_the_view_and_say_nothing_without_a_figure(dataset):
    energy = dataset.figures[dataset.figures["sector"] == "energy"]
    kyiv = sector_cards(energy, ("energy",), _facts(dataset, geography=("kyiv-city",)))
    assert kyiv[0].references == ()  # every assessment is national
    needs = sector_cards(energy, ("energy",), _facts(dataset, measure=("needs",)))
    assert [r.measure for r in needs[0].references] == ["needs"]
    assert sector_cards(energy, ("energy",))[0].references == ()  # no facts given, none shown
    cross = dataset.figures[dataset.figures["sector"] == "cross-sector"]
    qualitative = cross[cross["bound"] == "none"]  # as if the article stated no cost there
    totals = sector_cards(qualitative, ("cross-sector",), _facts(dataset))[0].references
    assert "needs almost US$588 bn, all sectors (RDNA5, Feb 2026)" in [r.text for r in totals]


def test_reference_lines_are_escaped_and_link_only_web_addresses(dataset):
    facts = _facts(dataset, sector=("energy",)).copy()
    facts["assessment"] = "<script>alert(1)</script>"
    facts["url"] = "javascript:alert(1)"
    energy = dataset.figures[dataset.figures["sector"] == "energy"]
    html = cards_row_html(sector_cards(energy, ("energy",), facts))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "<a " not in html


def test_reference_text_meets_aa_contrast_on_white():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    colour = re.search(r";color:(#[0-9a-fA-F]{6})", REFERENCE_STYLE)[1]
    assert 1.05 / (luminance(colour) + 0.05) >= 4.5


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Quantity(1e10, 1e11, "USD", "tens of ... annually", True, "interval"), "US$10–100 bn a year"),
        (Quantity(1e11, 1e12, "USD", "hundreds of", False, "interval"), "US$100 bn–US$1 tn"),
        (Quantity(1e6, 1e9, "people", "millions", False, "interval"), "millions of people (1 million or more)"),
        (Quantity(4e11, None, "USD", "exceeding", False, "at_least"), "exceeding US$400 bn"),
        (Quantity(2e9, 3e9, "EUR", "between", False, "interval"), "€2–3 bn"),
    ],
)  # fmt: skip
def test_short_quantity_reads_like_a_card(quantity, text):
    assert short_quantity(quantity) == text


def test_card_text_is_escaped(dataset):
    row = dataset.figures[dataset.figures["figure_id"] == "kyiv-attack-before-talks-15"].copy()
    row["attributed_to"] = "<script>alert(1)</script>"
    html = cards_row_html(sector_cards(row, ("housing",)))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_assessments_follow_the_sector_measure_and_place_filters(dataset):
    facts = reference_facts(dataset, Filters(sector=("housing",)))
    assert set(facts["sector"]) == {"housing", "all"}  # totals stay as context
    assert set(facts["unit"]) == {"USD"}
    assert set(reference_facts(dataset, Filters(measure=("needs",)))["measure"]) == {"needs"}
    assert reference_facts(dataset, Filters(geography=("kyiv-city",))).empty  # all national
    fig = build_view(dataset, Filters(sector=("housing",)), ["assessments"])["assessments"]
    shown = {t.name for t in fig.data if t.name.startswith("assessment")}
    assert shown == {"assessment: all sectors", "assessment: housing"}


def _with_euros(dataset) -> pd.DataFrame:
    """The shipped claims plus one saved through Curate in euros ('€800 million', damage)."""
    row = dataset.figures[dataset.figures["figure_id"] == "kyiv-attack-before-talks-15"].copy()
    row[["figure_id", "measure", "figure_text", "unit", "bound", "hedge"]] = [
        "synthetic-eur",
        "damage",
        "€800 million",
        "EUR",
        "exact",
        "",
    ]
    row[["value_low", "value_high"]] = [8e8, 8e8]
    return pd.concat([dataset.figures, row], ignore_index=True)


def test_money_is_drawn_only_on_an_axis_of_its_own_currency(dataset):
    fig = build_cost_chart(_with_euros(dataset), CAPTION)
    panels = [a.text for a in fig.layout.annotations if a.name != "footer"]
    assert "Damage · EUR" in panels and "Damage · USD" not in panels
    axes = {a.title.text: a for a in fig.select_xaxes() if a.title.text}
    assert set(axes) == {"euros (log scale)", "US dollars (log scale)"}
    euro_ticks = [t for t in axes["euros (log scale)"].ticktext if t]
    assert euro_ticks and all(t.startswith("€") for t in euro_ticks)
    assert all(t.startswith("$") for t in axes["US dollars (log scale)"].ticktext if t)


def test_assessments_leave_other_currencies_out_with_a_note(dataset):
    fig = build_assessment_chart(_with_euros(dataset), reference_facts(dataset, Filters()), CAPTION)
    drawn = {r for t in fig.data for r in (t.customdata or [])}
    assert "claim:synthetic-eur" not in drawn
    notes = [a.text for a in fig.layout.annotations if a.name == "currency-note"]
    assert notes and "1 money claim in EUR" in notes[0] and "exchange-rate" in notes[0]
    shipped = build_assessment_chart(dataset.figures, reference_facts(dataset, Filters()), CAPTION)
    assert not [a for a in shipped.layout.annotations if a.name == "currency-note"]


def test_assessment_labels_stay_on_the_slide_and_leave_the_page_column(dataset):
    """Labels of assessments published close together collide in a page column: on screen the
    legend, hover and table name the points; the 16:9 slide keeps them."""
    slide = build_view(dataset, Filters(), ["assessments"])["assessments"]
    labelled = [
        t for t in slide.data if t.mode == "markers+text" and t.name.startswith("assessment")
    ]
    assert labelled
    screen = for_screen(slide, height=600)
    assert all(t.mode == "markers" for t in screen.data if t.name.startswith("assessment"))


def test_screen_words_leave_the_drawing_for_html_that_wraps_with_the_column(dataset):
    """On screen the title, subtitle and source line are HTML around the plot (they wrap by
    the column's width, whatever the browser): the drawing holds none of them, the HTML holds
    all of them escaped, and the text alternative still reads them."""
    long = Caption("Check: <not> found", "Article: " + "words " * 30, "A & B", "2026-11-27")
    slide = build_cost_chart(dataset.figures, long)
    fig = for_screen(slide)
    assert not fig.layout.title.text
    assert not [a for a in fig.layout.annotations if a.name == "footer"]
    head, foot = screen_caption_html(fig, "chart_cost")
    assert "Check: &lt;not&gt; found" in head and "words words" in head and "<br>" not in head
    assert "Source: A &amp; B · Data as of 2026-11-27" in foot
    assert describe_chart(fig).title == "Check: <not> found"
    assert screen_caption(fig) == screen_caption(slide)


def test_the_screen_version_is_a_copy_unless_the_caller_gives_its_own(dataset):
    """A built chart is shared (cached): the screen version leaves it as it was. A caller that
    drew the figure for itself can have it changed in place, the same screen version."""
    slide = build_view(dataset, Filters(), ["assessments"])["assessments"]
    before = json.loads(slide.to_json())
    screen = for_screen(slide, height=600)
    assert json.loads(slide.to_json()) == before and screen is not slide
    own = go.Figure(slide)
    in_place = for_screen(own, height=600, copy=False)
    assert in_place is own and json.loads(in_place.to_json()) == json.loads(screen.to_json())
    assert json.loads(in_place.to_json()) != before  # changed: the words left the drawing


def test_a_single_amount_is_a_point_big_enough_to_see_and_tap(dataset):
    """'about $1.2 billion' is a point in its sector's colour with the bar's click, not a hairline."""
    claims = dataset.figures
    one = (
        claims[claims["bound"] != "none"]
        .iloc[[0]]
        .assign(
            figure_id="test-single",
            sector="energy",
            bound="approximate",
            value_low=1.2e9,
            value_high=1.2e9,
            figure_text="about $1.2 billion",
            hedge="about",
            per_year=False,
        )
    )
    fig = build_cost_chart(pd.concat([claims, one], ignore_index=True), CAPTION)
    points = [t for t in fig.data if t.type == "scatter"]
    assert len(points) == 1
    point = points[0]
    assert list(point.x) == [pytest.approx(1.2e9)] and list(point.customdata) == [
        "claim:test-single"
    ]
    assert point.marker.color == sector_colour("energy") and point.marker.size >= 12
    assert point.legendgroup == "energy" and "about" in point.hovertext[0]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("no upper bound →", "no upper<br>bound →"),
        ("без верхньої межі →", "без верхньої<br>межі →"),
        ("← no lower bound", "← no lower<br>bound"),
        ("word", "word"),
    ],
)
def test_an_open_end_label_breaks_at_the_space_nearest_its_middle(text, lines):
    from dashboard.core.visuals.charts import two_lines

    assert two_lines(text) == lines
