"""Map figures on local GeoJSON, nothing pointing off the machine: the regions slide on a geo
subplot (SVG, base layers hidden, an empty topojson), the Map page's regions on MapLibre."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pandas as pd
import pytest
from shapely.geometry import shape

from dashboard.core.data import geo
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.data.kyiv import (
    attacks_for_sectors,
    attacks_without_districts,
    count_attacks_by_district,
)
from dashboard.core.visuals.charts import Caption
from dashboard.core.visuals.kyiv_charts import build_kyiv_map
from dashboard.core.visuals.maps import OFFLINE_TOPOJSON_URL, build_region_map, region_claims
from dashboard.core.visuals.views import build_view

CAPTION = Caption("Where", "All claims", "Quotes from the seed", "2026-11-25")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _external_urls(fig) -> list[str]:
    return [u for u in re.findall(r"https?://[^\"'\s]+", fig.to_json())]


def test_region_map_counts_claims_honestly(dataset):
    values, note = region_claims(dataset.figures, dataset.frames["geographies"])
    counts = values.set_index("code")["value"]
    assert counts["UA-30"] == (dataset.figures["geography"] == "kyiv-city").sum() > 0
    assert counts["UA-14"] == (dataset.figures["geography"] == "east-south").sum()
    assert pd.isna(counts["UA-46"])  # no claim: grey, not zero-coloured
    national = (dataset.figures["geography"] == "ukraine").sum()
    assert note is not None and f"{national} claims on Ukraine" in note and "not spread" in note


@pytest.mark.parametrize(
    ("tiles", "area", "line"),
    [(False, "choropleth", "scattergeo"), (True, "choroplethmap", "scattermap")],
    ids=["slide", "map page"],
)
def test_region_map_uses_local_geometry_only(dataset, tiles: bool, area: str, line: str):
    values, note = region_claims(dataset.figures, dataset.frames["geographies"])
    fig = build_region_map(values, CAPTION, value_label="claims", national_note=note, tiles=tiles)
    assert {t.type for t in fig.data} == {area, line}
    assert _external_urls(fig) == []
    located = [c for t in fig.data if t.type == area for c in t.locations]
    assert sorted(located) == sorted(values["code"])
    assert "region:UA-30" in [c for t in fig.data if t.customdata is not None for c in t.customdata]
    assert len(fig.to_json()) < 300_000  # one copy of the geometry on the wire
    if tiles:
        assert fig.layout.map.style == "white-bg"
    else:  # no land, coast or border from plotly's topojson: only our regions are drawn
        assert fig.layout.geo.visible is False and fig.layout.map.style is None


def test_the_slides_regions_are_wound_for_d3(dataset):
    """d3 reads a counter-clockwise outer ring (GeoJSON's order) as the globe minus the region:
    the slide's rings are clockwise, each the same area as the committed one."""
    wound = {
        f["properties"]["code"]: shape(f["geometry"])
        for f in geo.regions_geojson_clockwise()["features"]
    }
    for code, polygon in geo.region_shapes().items():
        parts = getattr(wound[code], "geoms", [wound[code]])
        assert all(not p.exterior.is_ccw for p in parts), code
        assert wound[code].area == pytest.approx(polygon.area)


def test_the_offline_topojson_is_an_empty_topology():
    """plotly appends '<name>.json' to the URL; after '#' it is a fragment, which data: ignores."""
    assert OFFLINE_TOPOJSON_URL.startswith("data:application/json,")
    assert OFFLINE_TOPOJSON_URL.endswith("#")
    body = unquote(OFFLINE_TOPOJSON_URL.removeprefix("data:application/json,").removesuffix("#"))
    assert json.loads(body) == {"type": "Topology", "objects": {}, "arcs": []}


def test_kyiv_map_and_date_window(dataset):
    attacks, links, districts = (
        dataset.frames["kyiv_attacks"],
        dataset.frames["kyiv_attack_districts"],
        dataset.frames["kyiv_districts"],
    )
    everything = count_attacks_by_district(attacks, links, districts)
    last = count_attacks_by_district(
        attacks, links, districts, pd.Timestamp("2025-12-01").date(), None
    )
    assert len(everything) == len(last) == 10
    hits = links.merge(attacks[["attack_id", "date"]], on="attack_id")
    expected = hits["district"].value_counts()
    recent = hits[hits["date"] >= pd.Timestamp("2025-12-01")]["district"].value_counts()
    assert everything.set_index("district")["attacks"].to_dict() == {
        d: int(expected.get(d, 0)) for d in districts["district"]
    }
    assert last.set_index("district")["attacks"].to_dict() == {
        d: int(recent.get(d, 0)) for d in districts["district"]
    }
    assert everything["attacks"].max() > last["attacks"].max() > 0
    fig = build_kyiv_map(everything, CAPTION)
    assert {t.type for t in fig.data} == {"scatter"} and _external_urls(fig) == []


def test_not_reported_is_not_zero(dataset):
    attacks, links, districts = (
        dataset.frames["kyiv_attacks"],
        dataset.frames["kyiv_attack_districts"],
        dataset.frames["kyiv_districts"],
    )
    rows = count_attacks_by_district(attacks, links, districts).set_index("district")
    assert "2025-10-10" in rows.loc["Pecherskyi", "hover"]  # killed not reported that night
    unplaced = attacks_without_districts(attacks, links)
    assert sorted(f"{d:%Y-%m-%d}" for d in unplaced["date"]) == ["2024-08-26", "2025-11-29"]


def test_sector_filter_reads_report_words(dataset):
    attacks = dataset.frames["kyiv_attacks"]
    energy = attacks_for_sectors(attacks, ("energy",))
    assert 0 < len(energy) < len(attacks)
    assert (
        energy["what_was_hit"]
        .str.contains("power|heat|energy|substation|hydroelectric", case=False)
        .all()
    )
    assert attacks_for_sectors(attacks, ("humanitarian",)).empty
    assert len(attacks_for_sectors(attacks, ())) == len(attacks)


def test_views_offer_both_maps_with_captions(dataset):
    view = build_view(dataset, Filters(sector=("housing",)), ["regions", "kyiv"])
    assert list(view) == ["regions", "kyiv"]
    for fig in view.values():
        title = fig.layout.title.text
        assert "Sector: housing" in title
        assert any(a.name == "footer" and "Source:" in a.text for a in fig.layout.annotations)


# Ukraine's extent in longitude (Natural Earth admin-1, Crimea included) and the narrowest plot a
# half column gives the page's regions map: at 1024 px with the sidebar open.
UKRAINE_LON = (22.1, 40.3)
NARROWEST_MAP_PX = 280


def test_the_page_map_shows_the_whole_country_beside_nothing(dataset):
    """MapLibre draws in WebGL, which this headless Chromium lacks: the page's view is checked
    by Web Mercator's arithmetic (512 * 2**zoom pixels round the world) instead of a render."""
    from dashboard.core.visuals.maps import SCREEN_ZOOM_OUT, TILES_MAP_BOTTOM
    from dashboard.core.visuals.views import draw_region_tiles_map

    fig = draw_region_tiles_map(dataset, Filters())
    zoom = fig.layout.map.zoom - SCREEN_ZOOM_OUT["regions"]
    width = 512 * 2**zoom * (UKRAINE_LON[1] - UKRAINE_LON[0]) / 360
    assert width <= NARROWEST_MAP_PX
    centre = fig.layout.map.center.lon
    assert abs(centre - sum(UKRAINE_LON) / 2) < 0.5  # cut neither east nor west
    assert list(fig.layout.map.domain.x) == [0, 1]  # no colour bar beside the map
    bar = next(
        t.colorbar for t in fig.data if t.type == "choroplethmap" and t.showscale is not False
    )
    assert bar.orientation == "h" and bar.y + 0.1 <= TILES_MAP_BOTTOM  # under the map, flat
