"""A chart's CSV holds its marks as drawn: one row per mark, where it stands (its tick label or
date) and its value as the chart's axis writes it, open ends as the chart says them."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.core.data.dataset import Dataset, load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.chartdata import chart_csv
from dashboard.core.visuals import checkcharts, views
from dashboard.core.visuals.charts import for_screen


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def _rows(fig) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(chart_csv(for_screen(fig))), dtype=str, keep_default_na=False)


def test_cost_bars_are_their_intervals_by_their_tick_labels(dataset):
    rows = _rows(views.build_view(dataset, Filters(), ["cost"])["cost"])
    drawn = dict(zip(rows["at"], rows["value"], strict=True))
    assert drawn["hundreds of"] == "100 bn to 1 tn"
    assert drawn["exceeding $400"] == "400 bn or more"  # the bar runs to the edge: open, not 3 tn
    assert set(rows["unit"]) == {"US dollars (log scale)"}


def test_bill_points_are_their_dates_and_amounts_as_the_axis_writes_them(dataset):
    rows = _rows(checkcharts.build_bill_view(dataset, dataset.figures, "All claims"))
    rdna = rows[rows["series"] == "RDNA needs, all sectors"]
    assert list(rdna["at"])[:2] == ["2022-09-09", "2023-03-23"]
    assert list(rdna["value"])[:2] == ["$349 bn", "$411 bn"]


def test_impact_bars_and_regions_carry_their_counts(dataset):
    view = views.build_view(dataset, Filters(sector=("energy",)), ["impacts", "regions"])
    impacts = _rows(view["impacts"])
    figures = dataset.figures
    at_risk = int(((figures["sector"] == "energy") & (figures["measure"] == "risk")).sum())
    assert at_risk  # the seed's energy sentences about what is at risk
    assert dict(zip(impacts["at"], impacts["value"], strict=True))["what is at risk"] == str(
        at_risk
    )
    regions = _rows(view["regions"])
    assert len(regions) == len(set(regions["at"])) == 27  # one row per region drawn
