"""Geometry: real boundaries, valid, coded, within budget, and rebuilt the same way."""

from __future__ import annotations

import csv

import geopandas as gpd
import pytest

from dashboard.core.base.paths import GEO_DIR
from dashboard.core.data import geo

FILES = ["ukraine_regions.geojson", "kyiv_city.geojson"]
MAX_BYTES = 300_000


@pytest.mark.parametrize("name", FILES)
def test_file_loads_valid_in_wgs84_within_budget(name):
    frame = gpd.read_file(GEO_DIR / name)
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    assert (GEO_DIR / name).stat().st_size <= MAX_BYTES


def test_27_first_level_units_with_the_declared_codes():
    regions = geo.load_regions()
    with (GEO_DIR / "region_codes.csv").open(encoding="utf-8", newline="") as fh:
        declared = {r["code"] for r in csv.DictReader(fh)}
    assert len(regions) == 27 and regions["code"].is_unique
    assert set(regions["code"]) == declared
    assert {"UA-30", "UA-40", "UA-43", "UA-32"} <= declared


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        (50.4501, 30.5234, "UA-30"),
        (49.8397, 24.0297, "UA-46"),
        (46.4825, 30.7233, "UA-51"),
        (49.9935, 36.2304, "UA-63"),
        (52.52, 13.405, None),
    ],
)
def test_points_fall_in_the_right_region(lat, lon, code):
    assert geo.region_at(lat, lon) == code


def test_area_is_ukraines():
    km2 = geo.load_regions().to_crs(6381).area.sum() / 1e6
    assert (
        595_000 < km2 < 615_000
    )  # 603,628 km² officially; simplification moves coastlines a little


def test_groups_are_declared_regions_and_national_claims_are_not_spread():
    codes = set(geo.load_regions()["code"])
    assert set(geo.REGION_GROUPS["east-south"]) <= codes
    assert geo.region_codes_for("ukraine", "") == ()
    assert geo.region_codes_for("europe", "") == ()
    assert geo.region_codes_for("kyiv-city", "UA-30") == ("UA-30",)


def test_build_keeps_shared_borders_and_maps_names_to_codes():
    """The build's transform on a tiny coverage: neighbours stay seamless, names get codes."""
    import shapely

    from scripts.build_geo import regions_from, simplified

    left = "[[30.0,50.0],[30.5,50.0],[30.5003,50.2],[30.5,50.5],[30.0,50.5],[30.0,50.0]]"
    right = "[[30.5,50.0],[31.0,50.0],[31.0,50.5],[30.5,50.5],[30.5003,50.2],[30.5,50.0]]"
    collection = (
        '{"type":"FeatureCollection","features":['
        f'{{"type":"Feature","properties":{{"name":"Kiev City"}},"geometry":{{"type":"Polygon","coordinates":[{left}]}}}},'
        f'{{"type":"Feature","properties":{{"name":"Kiev"}},"geometry":{{"type":"Polygon","coordinates":[{right}]}}}}]}}'
    )
    regions = regions_from(collection.encode())
    assert list(regions["code"]) == ["UA-30", "UA-32"]
    out = simplified(regions, 0.01)
    a, b = out.geometry
    assert a.is_valid and b.is_valid
    assert shapely.intersection(a, b).area == 0 and a.touches(b)
    assert abs(shapely.union(a, b).area - 0.5 * 1.0) < 1e-6  # no gap opened along the border


def test_build_refuses_an_unmapped_name():
    from scripts.build_geo import regions_from

    bad = b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Atlantis"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}'
    with pytest.raises(SystemExit, match="Atlantis"):
        regions_from(bad)
