"""Committed geometry (data/geo/, built by scripts/build_geo.py) and how places map onto it.

The app reads the GeoJSON with json + shapely (fast to import); geopandas is for the build and
the tests (`load_regions`), imported only there.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import MultiPolygon, Point, mapping, shape
from shapely.geometry.polygon import orient

from dashboard.core.base.i18n import N_, Messages
from dashboard.core.base.paths import GEO_DIR

if TYPE_CHECKING:
    import geopandas as gpd

NATIONAL = "ukraine"
# The article's "eastern and southern regions" names no regions. The map shows the dashboard's
# reading of the phrase: the frontline regions named in RDNA4 (reference/assessment_figures.csv,
# fact rdna4-all-share-of-total-damage-...). It is a labelled group, not the article's boundary.
REGION_GROUPS: dict[str, tuple[str, ...]] = {
    "east-south": ("UA-14", "UA-63", "UA-09", "UA-23", "UA-65"),
}
GROUP_LABELS = Messages(
    {"east-south": N_("eastern and southern regions (the article's phrase; our reading)")}
)
REGIONS_FILE = GEO_DIR / "ukraine_regions.geojson"


@lru_cache(maxsize=4)
def regions_geojson(path: Path = REGIONS_FILE) -> dict[str, Any]:
    """The regions as GeoJSON for plotly (features keyed by properties.code)."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def regions_geojson_clockwise(path: Path = REGIONS_FILE) -> dict[str, Any]:
    """The regions with every outer ring clockwise, as d3 (plotly's geo subplots) reads them.
    GeoJSON (RFC 7946) winds outer rings the other way, which d3 takes for "the whole globe
    but this region"; MapLibre and shapely accept either."""
    gj = regions_geojson(path)
    features = [{**f, "geometry": _clockwise(f["geometry"])} for f in gj["features"]]
    return {**gj, "features": features}


def _clockwise(geometry: dict[str, Any]) -> dict[str, Any]:
    polygons = shape(geometry)
    parts = polygons.geoms if isinstance(polygons, MultiPolygon) else [polygons]
    wound = [orient(p, sign=-1.0) for p in parts]
    return dict(mapping(MultiPolygon(wound) if len(wound) > 1 else wound[0]))


KYIV_DISTRICTS_FILE = GEO_DIR / "kyiv_districts.geojson"
KYIV_CITY_FILE = GEO_DIR / "kyiv_city.geojson"


@lru_cache(maxsize=4)
def kyiv_outline_geojson(path: Path = KYIV_CITY_FILE) -> dict[str, Any]:
    """Kyiv city's outline (OpenStreetMap, the union of its districts) as GeoJSON."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def kyiv_districts_geojson(path: Path = KYIV_DISTRICTS_FILE) -> dict[str, Any]:
    """Kyiv's ten district polygons (OpenStreetMap) as GeoJSON, keyed by properties.district."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def district_shapes(path: Path = KYIV_DISTRICTS_FILE) -> dict[str, Any]:
    """District name -> shapely polygon, in file order."""
    return {
        f["properties"]["district"]: shape(f["geometry"])
        for f in kyiv_districts_geojson(path)["features"]
    }


def load_kyiv_districts(path: Path = KYIV_DISTRICTS_FILE) -> gpd.GeoDataFrame:
    """The districts as a GeoDataFrame, WGS84: for the tests and area checks."""
    import geopandas as gpd

    return gpd.read_file(path, engine="pyogrio")


def district_at(lat: float, lon: float) -> str | None:
    """Name of the Kyiv district containing a point, or None (outside the city, or an enclave)."""
    point = Point(lon, lat)
    return next((name for name, geom in district_shapes().items() if geom.contains(point)), None)


def region_names(path: Path = REGIONS_FILE) -> dict[str, str]:
    """Code -> English name of every first-level unit, in code order."""
    features = regions_geojson(path)["features"]
    return dict(sorted((f["properties"]["code"], f["properties"]["name"]) for f in features))


@lru_cache(maxsize=4)
def region_shapes(path: Path = REGIONS_FILE) -> dict[str, Any]:
    """Code -> shapely geometry."""
    return {
        f["properties"]["code"]: shape(f["geometry"]) for f in regions_geojson(path)["features"]
    }


def load_regions(path: Path = REGIONS_FILE) -> gpd.GeoDataFrame:
    """The regions as a GeoDataFrame (code, name, geometry), WGS84: for the build and the tests."""
    import geopandas as gpd

    return gpd.read_file(path, engine="pyogrio")


def region_at(lat: float, lon: float) -> str | None:
    """Code of the region containing a point, or None (sea, abroad)."""
    point = Point(lon, lat)
    return next((code for code, geom in region_shapes().items() if geom.contains(point)), None)


def region_codes_for(geography: str, region_code: str) -> tuple[str, ...]:
    """The regions a declared geography covers on the map: its own unit, its group, or none
    (national and continental claims are shown as such, never spread over the regions)."""
    if region_code:
        return (region_code,)
    return REGION_GROUPS.get(geography, ())


def group_outline(group: str) -> list[tuple[list[float], list[float]]]:
    """Boundary rings of a group's union, as (lons, lats) lists for a line trace."""
    shapes = region_shapes()
    union = shapely.union_all([shapes[c] for c in REGION_GROUPS[group]])
    geo = mapping(union.boundary)
    lines = geo["coordinates"] if geo["type"] == "MultiLineString" else [geo["coordinates"]]
    return [([p[0] for p in line], [p[1] for p in line]) for line in lines]
