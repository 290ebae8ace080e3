"""The date window and the filters travel with a chart: on its subtitle, its slide, its brief."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.alternative import plain
from dashboard.core.output.briefing import plan_charts
from dashboard.core.visuals.views import build_view, draw_attack_timeline

WINDOW = (date(2025, 6, 1), date(2025, 11, 30))


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _subtitle(fig) -> str:
    return plain(str(fig.layout.title.text).partition("<br>")[2], " ")


def test_the_kyiv_slide_honours_the_window_and_states_it(dataset):
    whole, window = (
        plan_charts(dataset, Filters(), ["kyiv"], w)[0] for w in [(None, None), WINDOW]
    )
    assert set(window.attacks["date"].dt.date) <= set(
        d for d in whole.attacks["date"].dt.date if WINDOW[0] <= d <= WINDOW[1]
    )
    assert len(window.attacks) < len(whole.attacks)
    assert "attacks from 2025-06-01 to 2025-11-30" in window.caption.subtitle
    assert "2025-06-01 to 2025-11-30" in _subtitle(window.figure)


def test_the_deck_kyiv_slide_states_its_dates_without_a_window(dataset):
    plan = plan_charts(dataset, Filters(), ["kyiv"])[0]
    first = dataset.frames["kyiv_attacks"]["date"].min()
    last = dataset.frames["kyiv_attacks"]["date"].max()
    assert f"attacks from {first:%Y-%m-%d} to {last:%Y-%m-%d}" in plan.caption.subtitle


@pytest.mark.parametrize("sector", [(), ("energy",)])
def test_attack_charts_say_attacks_not_claims(dataset, sector):
    filters = Filters(sector=sector)
    figs = [build_view(dataset, filters, ["kyiv"])["kyiv"], draw_attack_timeline(dataset, filters)]
    for fig in figs:
        assert "claims" not in _subtitle(fig).split(" · ")[0].casefold()
        assert _subtitle(fig).startswith("Sector: energy" if sector else "All attacks")


def test_subtitles_name_places_by_their_labels(dataset):
    fig = build_view(dataset, Filters(geography=("kyiv-city",)), ["impacts"])["impacts"]
    assert "Place: Kyiv city" in _subtitle(fig) and "kyiv-city" not in _subtitle(fig)


def test_a_charts_data_csv_lists_its_marks_with_its_words(dataset):
    from dashboard.core.output.chartdata import chart_csv, chart_frame

    fig = draw_attack_timeline(dataset, Filters(sector=("energy",)), WINDOW)
    frame = chart_frame(fig)
    assert set(frame["chart"]) == {"Large attacks on Kyiv in time"}
    assert all(s.startswith("Sector: energy · attacks from 2025-06-01") for s in frame["shown"])
    assert all(e.startswith("attack:") for e in frame["evidence"])
    assert (
        chart_csv(fig).decode().splitlines()[0]
        == "chart,shown,series,mark,at,value,unit,evidence,source"
    )
