"""Committed geometry (data/geo/, built by scripts/build_geo.py) and how places map onto it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import Point, mapping

from dashboard.core.paths import GEO_DIR

NATIONAL = "ukraine"
# The article's "eastern and southern regions" names no regions. The map shows the dashboard's
# reading of the phrase: the frontline regions named in RDNA4 (reference/assessment_figures.csv,
# fact rdna4-all-share-of-total-damage-...). It is a labelled group, not the article's boundary.
REGION_GROUPS: dict[str, tuple[str, ...]] = {
    "east-south": ("UA-14", "UA-63", "UA-09", "UA-23", "UA-65"),
}
GROUP_LABELS = {"east-south": "eastern and southern regions (the article's phrase; our reading)"}


@lru_cache(maxsize=4)
def load_regions(path: Path = GEO_DIR / "ukraine_regions.geojson") -> gpd.GeoDataFrame:
    """Ukraine's 27 first-level units (code, name, geometry), WGS84."""
    return gpd.read_file(path, engine="pyogrio")


@lru_cache(maxsize=4)
def regions_geojson(path: Path = GEO_DIR / "ukraine_regions.geojson") -> dict[str, Any]:
    """The regions as GeoJSON for plotly (features keyed by properties.code)."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def kyiv_outline_geojson(path: Path = GEO_DIR / "kyiv_city.geojson") -> dict[str, Any]:
    """Kyiv city's outline as GeoJSON."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


def region_at(lat: float, lon: float) -> str | None:
    """Code of the region containing a point, or None (sea, abroad)."""
    regions = load_regions()
    hit = regions[regions.contains(Point(lon, lat))]
    return None if hit.empty else str(hit.iloc[0]["code"])


def region_codes_for(geography: str, region_code: str) -> tuple[str, ...]:
    """The regions a declared geography covers on the map: its own unit, its group, or none
    (national and continental claims are shown as such, never spread over the regions)."""
    if region_code:
        return (region_code,)
    return REGION_GROUPS.get(geography, ())


def group_outline(group: str) -> list[tuple[list[float], list[float]]]:
    """Boundary rings of a group's union, as (lons, lats) lists for a line trace."""
    regions = load_regions()
    union = regions[regions["code"].isin(REGION_GROUPS[group])].geometry.union_all()
    geo = mapping(union.boundary)
    lines = geo["coordinates"] if geo["type"] == "MultiLineString" else [geo["coordinates"]]
    return [([p[0] for p in line], [p[1] for p in line]) for line in lines]
