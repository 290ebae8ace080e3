"""The charts of a view, built once for every place that shows them: the Overview page, the
Briefing page, the `brief` command. Each comes with its caption (title, filters, source, date)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import charts, provenance, schema
from dashboard.core.dataset import Dataset
from dashboard.core.filters import Filters, apply_filters
from dashboard.core.overview import REFERENCE_NAMES


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the dashboard: key, title, what it says about itself, how to draw it."""

    key: str
    title: str
    subtitle: str
    uses_reference: bool
    draw: Callable[[Dataset, pd.DataFrame, charts.Caption], go.Figure]
    evidence: Callable[[pd.DataFrame], pd.DataFrame] = lambda f: f  # the claims the chart shows


CHARTS: dict[str, ChartSpec] = {
    spec.key: spec
    for spec in (
        ChartSpec(
            "cost",
            "Cost figures stated in the source",
            "bars span each interval; the hedge is the source's",
            False,
            lambda d, f, c: charts.build_cost_chart(f, c),
        ),
        ChartSpec(
            "assessments",
            "Claims against assessments",
            "damage, needs and losses in separate panels, never added",
            True,
            lambda d, f, c: charts.build_assessment_chart(f, d.frames["assessment_figures"], c),
        ),
        ChartSpec(
            "impacts",
            "Impacts by sector",
            "claims without a number, counted",
            False,
            lambda d, f, c: charts.build_impact_chart(f, c, schema.sectors()),
        ),
    )
}


def register(spec: ChartSpec) -> None:
    """Add a chart (the maps register themselves) so every view and export offers it."""
    CHARTS[spec.key] = spec


def caption_for(
    spec: ChartSpec, dataset: Dataset, figures: pd.DataFrame, filters: Filters
) -> charts.Caption:
    """The words the chart carries: title, the filters applied, the source line, as-of date."""
    sources = dataset.frames["sources"]
    line = provenance.source_line(
        figures, sources, REFERENCE_NAMES if spec.uses_reference else None
    )
    return charts.Caption(
        spec.title,
        f"{filters.describe()} · {spec.subtitle}",
        line,
        provenance.as_of(sources, dataset.version),
    )


def build_view(
    dataset: Dataset, filters: Filters, keys: list[str] | None = None
) -> dict[str, go.Figure]:
    """The requested charts (all by default) for the filtered claims, in declared order."""
    figures = apply_filters(dataset.figures, filters)
    wanted = keys or list(CHARTS)
    return {
        k: CHARTS[k].draw(dataset, figures, caption_for(CHARTS[k], dataset, figures, filters))
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
