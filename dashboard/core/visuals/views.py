"""The charts of a view, built once for every place that shows them: the Overview page, the
Briefing page, the `brief` command. Each comes with its caption (title, filters, source, date)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.base.i18n import N_, _
from dashboard.core.data import kyiv, schema
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.data.names import place_name, sector_name
from dashboard.core.evidence import credits, provenance
from dashboard.core.evidence.credits import Drawn
from dashboard.core.visuals import charts, comparison, kyiv_charts, maps

# A date window over the attacks on Kyiv (None = open): the Kyiv map's own control.
Window = tuple[date | None, date | None]
ALL_DATES: Window = (None, None)


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the dashboard: key, title, what it says about itself, how to draw it."""

    key: str
    title: str
    subtitle: str
    draw: Callable[[Dataset, pd.DataFrame, charts.Caption, Filters, Window], go.Figure]
    # The rows behind the marks the chart draws: its source line and notes credit these only.
    drawn: Callable[[Dataset, pd.DataFrame, Filters, Window], Drawn]


def draw_region_map(
    dataset: Dataset, figures: pd.DataFrame, caption: charts.Caption, *_rest: object
) -> go.Figure:
    """Claims per region, national claims in a note (the slide: drawn as SVG)."""
    values, note = maps.region_claims(figures, dataset.frames["geographies"])
    return maps.build_region_map(values, caption, value_label=_("claims"), national_note=note)


def draw_region_tiles_map(dataset: Dataset, filters: Filters) -> go.Figure:
    """The same regions, counts and credit on MapLibre, for the Map page (whose basemap switch
    lays online tiles under it)."""
    figures = apply_filters(dataset.figures, filters)
    caption = caption_for(CHARTS["regions"], dataset, figures, filters)
    values, note = maps.region_claims(figures, dataset.frames["geographies"])
    return maps.build_region_map(
        values, caption, value_label=_("claims"), national_note=note, tiles=True
    )


def draw_kyiv_map(
    dataset: Dataset,
    figures: pd.DataFrame,
    caption: charts.Caption,
    filters: Filters,
    window: Window = ALL_DATES,
) -> go.Figure:
    """Attacks per Kyiv district in a date window, following the sector filter by report words."""
    counts, caption = kyiv_counts(dataset, caption, filters, window)
    return kyiv_charts.build_kyiv_map(counts, caption)


def kyiv_counts(
    dataset: Dataset, caption: charts.Caption, filters: Filters, window: Window
) -> tuple[pd.DataFrame, charts.Caption]:
    """Attacks per district in the view; the caption (from caption_for) already credits what
    the map draws: the reports of the attacks counted on it and OpenStreetMap's polygons."""
    links = dataset.frames["kyiv_attack_districts"]
    attacks = kyiv.attacks_in_view(dataset.frames["kyiv_attacks"], filters.sector, *window)
    counts = kyiv.count_attacks_by_district(attacks, links, dataset.frames["kyiv_districts"])
    return counts, caption


def draw_kyiv_tiles_map(
    dataset: Dataset, filters: Filters, window: Window = ALL_DATES
) -> go.Figure:
    """The Kyiv map over online tiles (the basemap switch), same counts and credit."""
    spec = CHARTS["kyiv"]
    figures = apply_filters(dataset.figures, filters)
    counts, caption = kyiv_counts(
        dataset, caption_for(spec, dataset, figures, filters, window), filters, window
    )
    return kyiv_charts.build_kyiv_tiles_map(counts, caption)


def draw_attack_timeline(
    dataset: Dataset, filters: Filters, window: Window = ALL_DATES, selected: str | None = None
) -> go.Figure:
    """The large attacks in the view by date, with the same attacks as the map; it draws no
    geometry, so it credits the attack reports only."""
    links = dataset.frames["kyiv_attack_districts"]
    attacks = kyiv.attacks_in_view(dataset.frames["kyiv_attacks"], filters.sector, *window)
    credit = credits.credit_for(
        Drawn(attacks=attacks), dataset.frames["sources"], dataset.frames["assessment_publishers"]
    )
    caption = charts.Caption(
        _("Large attacks on Kyiv in time"),
        f"{attack_view(dataset, filters, window)} · "
        + _("one mark per attack, at the killed in the city as first reported"),
        credit.line(),
        provenance.as_of(dataset.frames["sources"], dataset.version),
        tuple(sorted(credit.names)),
    )
    return kyiv_charts.build_attack_timeline(kyiv.timeline_rows(attacks, links), caption, selected)


def place_labels(dataset: Dataset) -> dict[str, str]:
    """Geography code -> the label people read ('kyiv-city' -> 'Kyiv city')."""
    geographies = dataset.frames["geographies"]
    return {
        code: place_name(code, label)
        for code, label in zip(geographies["code"], geographies["label"], strict=True)
    }


def window_words(dataset: Dataset, window: Window) -> str:
    """The dates an attack chart covers, an open end read as the first or last attack's date."""
    days = dataset.frames["kyiv_attacks"]["date"]
    if days.empty:
        return _("no attack dates")
    start = window[0] or days.min().date()
    end = window[1] or days.max().date()
    return _("attacks from {start} to {end}").format(
        start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}"
    )


def attack_view(dataset: Dataset, filters: Filters, window: Window) -> str:
    """What an attack chart shows: the sector filter (the one filter attacks follow; the
    others choose claims) and its dates. It draws attacks, so never 'All claims'."""
    sectors = (
        _("Sector: {sectors}").format(sectors=", ".join(sector_name(s) for s in filters.sector))
        if filters.sector
        else _("All attacks")
    )
    return f"{sectors} · {window_words(dataset, window)}"


def reference_facts(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """The assessment figures a view sets its claims beside: dollar figures of damage, needs or
    losses for the view's sectors (whole-economy totals kept as context), measures and places.
    The organisation and source filters choose claims; they leave the references alone."""
    facts = dataset.frames["assessment_figures"]
    keep = (facts["unit"] == "USD") & facts["measure"].isin(charts.MEASURE_LABELS)
    if filters.sector:
        keep &= facts["sector"].isin([*filters.sector, "all"])
    if filters.measure:
        keep &= facts["measure"].isin(filters.measure)
    if filters.geography:
        keep &= facts["geography"].isin(filters.geography)
    return facts[keep]


def _cost_drawn(d: Dataset, figures: pd.DataFrame, *_rest: object) -> Drawn:
    return Drawn(claims=charts.cost_claims(figures))


def _assessments_drawn(d: Dataset, figures: pd.DataFrame, filters: Filters, _: Window) -> Drawn:
    # Only dollar claims go beside the dollar assessments; others are named in a note.
    return Drawn(claims=comparison.dollar_claims(figures), facts=reference_facts(d, filters))


def _impacts_drawn(d: Dataset, figures: pd.DataFrame, *_rest: object) -> Drawn:
    qualitative = figures[figures["bound"] == "none"]
    return Drawn(claims=qualitative[qualitative["measure"].isin(charts.IMPACT_LABELS)])


def _regions_drawn(d: Dataset, figures: pd.DataFrame, *_rest: object) -> Drawn:
    # Every claim is drawn: on its region, or in the note for national and wider claims.
    return Drawn(claims=figures, geometry=("ukraine-regions",))


def _kyiv_drawn(d: Dataset, _: pd.DataFrame, filters: Filters, window: Window) -> Drawn:
    """The attacks the district shading counts: in the window, following the sector filter, with
    a district reported (the others are listed beside the map, not drawn on it); and the OSM
    district polygons and city outline."""
    attacks = kyiv.attacks_in_view(d.frames["kyiv_attacks"], filters.sector, *window)
    attacks = attacks[attacks["attack_id"].isin(d.frames["kyiv_attack_districts"]["attack_id"])]
    return Drawn(attacks=attacks, geometry=("kyiv-districts", "kyiv-city-outline-osm"))


CHARTS: dict[str, ChartSpec] = {
    spec.key: spec
    for spec in (
        ChartSpec(
            "cost",
            N_("Cost figures stated in the source"),
            N_("bars span each interval; the hedge is the source's"),
            lambda d, f, c, *_: charts.build_cost_chart(f, c),
            _cost_drawn,
        ),
        ChartSpec(
            "assessments",
            N_("Claims against assessments"),
            N_("damage, needs and losses in separate panels, never added"),
            lambda d, f, c, filters, _: comparison.build_assessment_chart(
                f, reference_facts(d, filters), c
            ),
            _assessments_drawn,
        ),
        ChartSpec(
            "impacts",
            N_("Impacts by sector"),
            N_("claims without a number, counted"),
            lambda d, f, c, *_: charts.build_impact_chart(f, c, schema.sectors()),
            _impacts_drawn,
        ),
        ChartSpec(
            "regions",
            N_("Where the claims are"),
            N_("claims per region; national claims noted, not spread"),
            draw_region_map,
            _regions_drawn,
        ),
        ChartSpec(
            "kyiv",
            N_("Large attacks on Kyiv by district"),
            N_("attacks per district; a sector filter keeps reports naming its targets"),
            draw_kyiv_map,
            _kyiv_drawn,
        ),
    )
}


def credit_for(
    spec: ChartSpec,
    dataset: Dataset,
    figures: pd.DataFrame,
    filters: Filters,
    window: Window = ALL_DATES,
) -> credits.Credit:
    """Who the chart credits: computed from the rows behind the marks it draws."""
    drawn = spec.drawn(dataset, figures, filters, window)
    return credits.credit_for(
        drawn, dataset.frames["sources"], dataset.frames["assessment_publishers"]
    )


def caption_for(
    spec: ChartSpec,
    dataset: Dataset,
    figures: pd.DataFrame,
    filters: Filters,
    window: Window = ALL_DATES,
) -> charts.Caption:
    """The words the chart carries: title, the filters applied, the source line, as-of date."""
    sources = dataset.frames["sources"]
    credit = credit_for(spec, dataset, figures, filters, window)
    view = (
        attack_view(dataset, filters, window)
        if spec.key == "kyiv"
        else filters.describe(places=place_labels(dataset))
    )
    return charts.Caption(
        _(spec.title),
        f"{view} · {_(spec.subtitle)}",
        credit.line(),
        provenance.as_of(sources, dataset.version),
        tuple(sorted(credit.names)),
    )


def empty_reason(
    key: str, drawn: Drawn, filters: Filters, places: dict[str, str] | None = None
) -> str | None:
    """Why the sources give a chart nothing to draw under `filters`, in words for the Overview
    and the deck's title slide; None when it draws something."""
    said = filters.describe(places=places)
    view = (
        _("this selection")
        if filters.is_empty()
        else _("this selection ({filters})").format(filters=said)
    )
    claims, facts, attacks = drawn.claims, drawn.facts, drawn.attacks
    if key == "kyiv":
        if attacks.empty:
            named = _(" or ").join(sector_name(s) for s in filters.sector) or _("any")
            return _("no report of a large attack on Kyiv names a {sectors} target").format(
                sectors=named
            )
        return None
    if key == "assessments" and claims.empty and facts.empty:
        return _("neither the sources nor the assessments state a cost figure for {view}").format(
            view=view
        )
    if key == "cost" and claims.empty:
        return _("the sources state no cost figure for {view}").format(view=view)
    if key == "impacts" and claims.empty:
        return _("the sources state no impact without a number for {view}").format(view=view)
    if key == "regions" and claims.empty:
        return _("no claim matches {view}").format(view=view)
    return None


def empty_reasons(dataset: Dataset, filters: Filters, keys: list[str]) -> dict[str, str]:
    """The charts among `keys` that have nothing to draw under `filters`, with why."""
    figures = apply_filters(dataset.figures, filters)
    reasons = {
        k: empty_reason(
            k, CHARTS[k].drawn(dataset, figures, filters, ALL_DATES), filters, place_labels(dataset)
        )
        for k in keys
    }
    return {k: why for k, why in reasons.items() if why is not None}


def build_view(
    dataset: Dataset,
    filters: Filters,
    keys: list[str] | None = None,
    *,
    window: Window = ALL_DATES,
) -> dict[str, go.Figure]:
    """The requested charts (all by default) for the filtered claims, in declared order;
    `window` narrows the attacks on the Kyiv map."""
    figures = apply_filters(dataset.figures, filters)
    wanted = keys or list(CHARTS)
    return {
        k: CHARTS[k].draw(
            dataset,
            figures,
            caption_for(CHARTS[k], dataset, figures, filters, window),
            filters,
            window,
        )
        for k in CHARTS
        if k in wanted
    }


def filter_options(dataset: Dataset) -> dict[str, list[str]]:
    """Allowed values per filter: enums from the schema, organisations and sources from the data."""
    figures = dataset.figures
    return {
        "sector": list(schema.sectors()),
        "measure": list(schema.measures()),
        "geography": list(schema.geographies()),
        "org": sorted(set(figures["attributed_to"])),
        "source": list(dataset.frames["sources"].query("kind == 'seed'")["source_id"]),
    }
