"""Kyiv: the OSM district file, and the map, timeline, ranking and evidence agreeing on attacks."""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd
import pytest

from dashboard.core.data import geo, kyiv
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import plan_charts, render_image
from dashboard.core.visuals.charts import Caption
from dashboard.core.visuals.kyiv_charts import NOT_REPORTED_Y, build_attack_timeline
from dashboard.core.visuals.views import build_view, draw_attack_timeline

CAPTION = Caption("Kyiv", "All", "test source", "2026-11-27")
WINDOWS = [
    (None, None),
    (date(2025, 1, 1), None),
    (date(2025, 11, 1), date(2025, 11, 30)),
    (date(2024, 8, 1), date(2024, 8, 31)),  # one attack, no district reported
    (date(2025, 12, 27), date(2025, 12, 27)),
]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_district_file_loads_is_valid_and_measures_kyiv():
    districts = geo.load_kyiv_districts()
    assert districts.crs.to_epsg() == 4326 and len(districts) == 10
    assert districts.geometry.is_valid.all() and not districts.geometry.is_empty.any()
    equal_area = "+proj=laea +lat_0=50.45 +lon_0=30.52 +units=m"
    km2 = districts.to_crs(equal_area).union_all().area / 1e6
    assert 800 < km2 < 850  # OSM measures 821.7; the figure usually quoted is 839
    # Natural Earth's UA-30 (about 1,640 km²) is not the city outline any more
    outline = geo.kyiv_outline_geojson()["features"][0]["properties"]
    assert outline["name"] == "Kyiv" and 800 < outline["area_km2"] < 850


def test_district_names_match_the_reference_table(dataset):
    assert set(geo.district_shapes()) == set(dataset.frames["kyiv_districts"]["district"])


@pytest.mark.parametrize(
    ("lon", "lat", "district"),
    [
        (30.557, 50.434, "Pecherskyi"),  # Pechersk Lavra
        (30.5234, 50.4501, "Shevchenkivskyi"),  # Maidan
        (30.498, 50.501, "Obolonskyi"),  # Obolon metro
        (30.25, 50.10, None),  # south of the city, inside Natural Earth's UA-30
    ],
)
def test_points_fall_in_their_district(lon, lat, district):
    assert geo.district_at(lat, lon) == district


def _drawn(fig, kind: str) -> list[str]:
    """The references of the named marks (the invisible click grid repeats them per area)."""
    return [
        c
        for t in fig.data
        if t.customdata is not None and "area" not in (t.name or "")
        for c in t.customdata
        if c.startswith(kind)
    ]


def test_a_click_anywhere_in_a_district_opens_that_district(dataset):
    """The click grid: every point lies in the district it names, and every district has some."""
    fig = build_view(dataset, Filters(), ["kyiv"])["kyiv"]
    grid = [t for t in fig.data if "area" in (t.name or "")]
    named = {c.removeprefix("district:") for t in grid for c in t.customdata}
    assert named == set(dataset.frames["kyiv_districts"]["district"])
    points = [p for t in grid for p in zip(t.x, t.y, t.customdata, strict=True)]
    for lon, lat, ref in points[::7]:
        assert geo.district_at(lat, lon) == ref.removeprefix("district:")


def test_the_slide_draws_every_district_without_the_click_grid(dataset):
    """A picture is not clicked: the exported map leaves the invisible grid out, and keeps every
    district, its name and its count."""
    screen = build_view(dataset, Filters(), ["kyiv"])["kyiv"]
    slide = plan_charts(dataset, Filters(), ["kyiv"])[0].figure
    assert [t.name for t in slide.data] == [t.name for t in screen.data if "area" not in t.name]
    assert _drawn(slide, "district:") == _drawn(screen, "district:")
    # the grid is a quarter of the screen figure (its hover is one text per district)
    assert len(slide.to_json()) < 0.8 * len(screen.to_json())


@pytest.mark.parametrize("window", WINDOWS)
def test_timeline_and_map_agree_on_every_attack(dataset, window):
    links = dataset.frames["kyiv_attack_districts"]
    shown = kyiv.attacks_in_view(dataset.frames["kyiv_attacks"], (), *window)
    timeline = draw_attack_timeline(dataset, Filters(), window)
    on_timeline = {c.removeprefix("attack:") for c in _drawn(timeline, "attack:")}
    assert on_timeline == set(shown["attack_id"])
    counts = kyiv.count_attacks_by_district(shown, links, dataset.frames["kyiv_districts"])
    on_map = {a for ids in counts["attack_ids"] for a in ids}
    assert on_map == set(shown["attack_id"]) & set(links["attack_id"])
    rows = kyiv.timeline_rows(shown, links)
    for district, ids in zip(counts["district"], counts["attack_ids"], strict=True):
        assert sorted(ids) == sorted(rows[[district in d for d in rows["districts"]]]["attack_id"])
    fig = build_view(dataset, Filters(), ["kyiv"], window=window)["kyiv"]
    labels = dict(
        zip(
            _drawn(fig, "district:"),
            next(t.text for t in fig.data if t.mode == "markers+text"),
            strict=True,
        )
    )
    for district, n in zip(counts["district"], counts["attacks"], strict=True):
        assert labels[f"district:{district}"].endswith(f"<b>{n}</b>")


@pytest.mark.parametrize("district", ["Pecherskyi", "Darnytskyi", "Podilskyi"])
def test_district_evidence_lists_exactly_its_attacks(dataset, district):
    attacks, links = dataset.frames["kyiv_attacks"], dataset.frames["kyiv_attack_districts"]
    window = kyiv.attacks_in_view(attacks, (), date(2025, 6, 1), date(2025, 11, 30))
    listed = kyiv.district_attacks(window, links, district)
    hit = set(links[links["district"] == district]["attack_id"])
    expected = {a for a, d in zip(window["attack_id"], window["date"], strict=True) if a in hit}
    assert set(listed["attack_id"]) == expected and len(listed) == len(expected) > 0
    assert list(listed["date"]) == sorted(listed["date"])  # dated, oldest first


def test_counts_keep_their_hedges_and_unknown_is_not_zero(dataset):
    rows = kyiv.timeline_rows(
        dataset.frames["kyiv_attacks"], dataset.frames["kyiv_attack_districts"]
    ).set_index("attack_id")
    assert rows.loc["2025-06-17", "label"] == "at least 28"
    assert (
        rows.loc["2024-08-26", "label"] == "0 (a reported zero)"
        and rows.loc["2024-08-26", "killed"] == 0
    )
    assert rows.loc["2025-10-10", "label"] == "not reported" and pd.isna(
        rows.loc["2025-10-10", "killed"]
    )
    assert "drones nearly 500" in rows.loc["2025-12-27", "hover"]
    fig = build_attack_timeline(rows.reset_index(), CAPTION)
    y = dict(zip(fig.data[0].customdata, fig.data[0].y, strict=True))
    assert y["attack:2025-10-10"] == NOT_REPORTED_Y < 0 == y["attack:2024-08-26"]


def test_no_report_is_not_a_zero_shade(dataset):
    fig = build_view(dataset, Filters(), ["kyiv"], window=(date(2025, 12, 27), None))["kyiv"]
    fills = [t for t in fig.data if t.fill == "toself"]
    spared = [t for t in fills if t.legendgroup == "n0"]
    assert len(spared) == 3 and all(
        t.fillpattern.shape == "/" for t in spared
    )  # Pecherskyi, Podilskyi, Sviatoshynskyi
    names = {t.name for t in fills if t.showlegend}
    assert names == {"none reported", "1 attack"}  # whole-number steps only


def test_hover_text_is_short_and_escaped(dataset):
    attacks = dataset.frames["kyiv_attacks"].copy()
    attacks.loc[attacks.index[0], "what_was_hit"] = (
        "<img src=x onerror=alert(1)> " + "very long " * 20
    )
    rows = kyiv.timeline_rows(attacks, dataset.frames["kyiv_attack_districts"])
    assert all(len(line) <= kyiv.HOVER_CHARS for h in rows["hover"] for line in h.split("<br>"))
    fig = build_attack_timeline(rows, CAPTION)
    assert "<img" not in fig.to_json() and "&lt;img" in fig.to_json()


def test_the_source_line_credits_the_drawn_reports_and_osm(dataset):
    fig = build_view(dataset, Filters(), ["kyiv"], window=(date(2025, 12, 1), None))["kyiv"]
    footer = next(a.text for a in fig.layout.annotations if a.name == "footer")
    text = footer.replace("<br>", " ")
    assert "UNN" in text and "Babel" in text  # the 2025-12-27 reports
    assert "Meduza" not in text  # read in for attacks outside the window only
    assert "© OpenStreetMap contributors (ODbL)" in text
    timeline = draw_attack_timeline(dataset, Filters(), (date(2025, 12, 1), None))
    assert "OpenStreetMap" not in timeline.layout.annotations[-1].text  # draws no polygon


def test_osm_credit_is_in_the_image_export(dataset):
    fig = build_view(dataset, Filters(), ["kyiv"])["kyiv"]
    raw = render_image(fig, "svg").decode("utf-8")
    svg = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())
    assert "© OpenStreetMap contributors (ODbL)" in svg
    assert "Pecherskyi" in svg and "districts by attacks reported in the window" in svg


@pytest.mark.parametrize(
    ("raw", "window", "notices"),
    [
        ((None, None), (date(2024, 7, 8), date(2025, 12, 27)), 0),
        (("2025-01-01", None), (date(2025, 1, 1), date(2025, 12, 27)), 0),
        (("2020-01-01", "2030-01-01"), (date(2024, 7, 8), date(2025, 12, 27)), 0),  # clamped
        (("yesterday", "2025-06-30"), (date(2024, 7, 8), date(2025, 6, 30)), 1),
        (("2025-09-01", "2025-01-01"), (date(2024, 7, 8), date(2025, 12, 27)), 1),  # reversed
    ],
)
def test_window_from_the_url(raw, window, notices):
    got, said = kyiv.parse_window(*raw, date(2024, 7, 8), date(2025, 12, 27))
    assert got == window and len(said) == notices


DATES = [date(2024, 7, 8), date(2025, 4, 24), date(2025, 8, 28), date(2025, 12, 27)]


@pytest.mark.parametrize(
    ("raw", "window", "notices"),
    [
        ((None, None), (date(2024, 7, 8), date(2025, 12, 27)), 0),
        (("2025-04-24", "2025-08-28"), (date(2025, 4, 24), date(2025, 8, 28)), 0),  # on dates
        (("2025-01-01", None), (date(2025, 4, 24), date(2025, 12, 27)), 1),  # snapped inward
        (("2024-07-09", "2025-09-01"), (date(2025, 4, 24), date(2025, 8, 28)), 1),  # both ends
        (("2025-05-01", "2025-06-01"), (date(2024, 7, 8), date(2025, 12, 27)), 1),  # no attack
        (("2020-01-01", "2030-01-01"), (date(2024, 7, 8), date(2025, 12, 27)), 0),  # clamped
        (("2025-09-01", "2025-01-01"), (date(2024, 7, 8), date(2025, 12, 27)), 1),  # reversed
    ],
)
def test_a_link_window_snaps_to_attack_dates(raw, window, notices):
    got, said = kyiv.parse_window(*raw, DATES[0], DATES[-1], DATES)
    assert got == window and len(said) == notices
    assert got[0] in DATES and got[1] in DATES


def test_attack_dates_are_the_attacks_days_once_each(dataset):
    attacks = dataset.frames["kyiv_attacks"]
    days = kyiv.attack_dates(attacks)
    assert days == sorted(set(days)) and len(days) == attacks["date"].dt.date.nunique()
