"""A source line credits exactly what its chart draws: every chart, under no filter and under
each single-sector filter, credits the publishers behind its drawn marks, and only those.

The rows behind the marks are read back from the figure itself (each mark's customdata, the
district tooltips, the geometry traces), not from the code that chose what to draw."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.data import geo, schema
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.evidence import credits
from dashboard.core.evidence.refs import claims_in_region, group_claims, parse_ref
from dashboard.core.visuals.charts import _SAME, cost_claims, escape_plotly
from dashboard.core.visuals.views import CHARTS, build_view, draw_region_tiles_map

FILTERS = [Filters(), *(Filters(sector=(s,)) for s in schema.sectors())]
CLAIM_ORGS = {"IEA", "UNDP", "World Bank", "Council on Foreign Relations"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _same_as(figures: pd.DataFrame, figure_id: str) -> pd.DataFrame:
    """The claims a deduplicated bar stands for: identical in every drawn column."""
    keyed = figures[_SAME].fillna(-1.0).astype(str)
    row = keyed[figures["figure_id"] == figure_id].iloc[0]
    return figures[(keyed == row).all(axis=1)]


def _refs(trace) -> list[str]:
    data = trace.customdata if trace.customdata is not None else []
    return [d[0] if isinstance(d, list | tuple) else d for d in data]


def _claims_of(ref: str, figures: pd.DataFrame, geographies: pd.DataFrame) -> pd.DataFrame:
    parsed = parse_ref(ref)
    if parsed.kind == "claim":
        return _same_as(figures, parsed.value)
    if parsed.kind == "costs":
        sector, _, measure = parsed.value.partition("|")
        money = cost_claims(figures)
        return money[(money["sector"] == sector) & (money["measure"] == measure)]
    if parsed.kind == "group":
        return group_claims(figures, parsed)
    if parsed.kind == "region":
        return claims_in_region(figures, geographies, parsed.value)
    return figures.iloc[0:0]


def _noted_claims(fig: go.Figure, figures: pd.DataFrame, geographies: pd.DataFrame):
    """Claims drawn as the regions map's note ('Not on a region: 14 claims on Ukraine')."""
    note = " ".join(a.text for a in fig.layout.annotations if a.text.startswith("Not on a region"))
    labels = geographies.set_index("code")["label"]
    off_map = [c for c in labels.index if not geo.region_codes_for(c, "")]
    noted = [c for c in off_map if f"on {labels[c]}" in note]
    return figures[figures["geography"].isin(noted)]


def _attacks_of(trace, attacks: pd.DataFrame) -> pd.DataFrame:
    """Attacks listed in the tooltips of district marks that count at least one attack."""
    dates = {d for text in (trace.hovertext or []) for d in re.findall(r"\d{4}-\d{2}-\d{2}", text)}
    return attacks[attacks["date"].dt.strftime("%Y-%m-%d").isin(dates)]


def rows_behind(fig: go.Figure, dataset, filters: Filters) -> credits.Drawn:
    """Read the figure's marks back to the rows they draw."""
    figures = apply_filters(dataset.figures, filters)
    geographies = dataset.frames["geographies"]
    facts, attacks = dataset.frames["assessment_figures"], dataset.frames["kyiv_attacks"]
    claims, fact_rows, attack_rows = [figures.iloc[0:0]], [facts.iloc[0:0]], [attacks.iloc[0:0]]
    geometry = set()
    for trace in fig.data:
        refs = _refs(trace)
        claims += [_claims_of(r, figures, geographies) for r in refs]
        fact_ids = [r.removeprefix("fact:") for r in refs if r.startswith("fact:")]
        fact_rows.append(facts[facts["fact_id"].isin(fact_ids)])
        if any(r.startswith("district:") for r in refs):
            attack_rows.append(_attacks_of(trace, attacks))
            geometry.add("kyiv_districts")
        if trace.type in ("choropleth", "choroplethmap"):  # the slide's, the Map page's
            outline = trace.geojson == geo.kyiv_outline_geojson()
            geometry.add("kyiv-city-outline" if outline else "ukraine-regions")
        lines = trace.type in ("scattergeo", "scattermap") and trace.mode == "lines"
        if lines:  # the east-south outline
            geometry.add("ukraine-regions")
    claims.append(_noted_claims(fig, figures, geographies))
    return credits.Drawn(
        pd.concat(claims).drop_duplicates("figure_id"),
        pd.concat(fact_rows).drop_duplicates("fact_id"),
        pd.concat(attack_rows).drop_duplicates("attack_id"),
        tuple(sorted(geometry)),
    )


def _footer(fig: go.Figure) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "footer")


def _flat(text: str) -> str:
    return re.sub(r"\s|<br>", "", text)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
@pytest.mark.parametrize("key", list(CHARTS))
def test_source_line_credits_exactly_the_drawn_marks(dataset, key: str, filters: Filters):
    fig = build_view(dataset, filters, [key])[key]
    behind = credits.credit_for(
        rows_behind(fig, dataset, filters),
        dataset.frames["sources"],
        dataset.frames["assessment_publishers"],
    )
    credited = set(fig.layout.meta["credits"])
    assert credited - behind.names == set(), "credited but not drawn"
    assert behind.names - credited == set(), "drawn but not credited"
    assert _flat(escape_plotly(behind.line())) in _flat(_footer(fig))


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
def test_the_map_pages_regions_map_credits_what_the_slide_credits(dataset, filters: Filters):
    """The Map page draws the regions on MapLibre, the slide on a geo subplot: same marks,
    same source line."""
    page, slide = draw_region_tiles_map(dataset, filters), build_view(dataset, filters)["regions"]
    assert {t.type for t in page.data} == {"choroplethmap", "scattermap"}
    behind = credits.credit_for(
        rows_behind(page, dataset, filters),
        dataset.frames["sources"],
        dataset.frames["assessment_publishers"],
    )
    assert set(page.layout.meta["credits"]) == behind.names == set(slide.layout.meta["credits"])
    assert _footer(page) == _footer(slide)


def test_kyiv_map_credits_the_attack_reports_and_its_geometry(dataset):
    fig = build_view(dataset, Filters(), ["kyiv"])["kyiv"]
    credited = set(fig.layout.meta["credits"])
    assert not credited & CLAIM_ORGS  # its counts are not the article's
    assert {"UNN", "AP", "Babel", "Kyiv Independent"} <= credited
    footer = " ".join(_footer(fig).split("<br>"))
    assert "© OpenStreetMap contributors (ODbL)" in footer  # the district polygons
    assert "Natural Earth" not in footer  # its Kyiv polygon is never used at city scale
    assert "Quotes from" not in footer


def test_filtered_chart_credits_only_the_bars_it_draws(dataset):
    """The fact-check's case: a filter that leaves one organisation's bar credits that one."""
    for filters in FILTERS:
        fig = build_view(dataset, filters, ["cost"])["cost"]
        drawn = {t for tr in fig.data if tr.type == "bar" for t in tr.hovertext}
        orgs = {o for o in CLAIM_ORGS if any(f"attributed to: {o}" in h for h in drawn)}
        assert set(fig.layout.meta["credits"]) & CLAIM_ORGS == orgs


@pytest.mark.parametrize(
    ("read_in", "expected"),
    [
        (
            "UNN / Ukrinform / Reuters reports; Babel and ABC (President: nearly 500 drones)",
            ["UNN", "Ukrinform", "Reuters", "Babel", "ABC"],
        ),
        (
            "RFE/RL (mirror); AP; State Emergency Service (Darnytskyi)",
            ["RFE/RL", "AP", "State Emergency Service"],
        ),
        ("AP via CityNews; Kyiv Independent", ["AP via CityNews", "Kyiv Independent"]),
        ("", []),
    ],
)
def test_outlets_are_read_from_where_a_fact_was_read(read_in: str, expected: list[str]):
    assert credits.outlets(read_in) == expected


def test_nothing_drawn_credits_nothing():
    empty = credits.credit_for(credits.Drawn(), pd.DataFrame(columns=["source_id"]), pd.DataFrame())
    assert empty.names == frozenset() and empty.line() == "nothing drawn in this selection"


def test_an_aggregate_mark_opens_the_claims_it_stands_for(dataset):
    """`group:` is a bar of claims without a number, `costs:` the envelope of money claims."""
    figures = dataset.figures
    costs = group_claims(figures, parse_ref("costs:cross-sector|needs"))
    assert len(costs) == 1 and (costs["bound"] != "none").all()
    group = group_claims(figures, parse_ref("group:cross-sector|disruption"))
    assert len(group) == 3 and (group["bound"] == "none").all()
