"""Filesystem locations, resolved from this file so nothing depends on the working directory."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
GEO_DIR = DATA_DIR / "geo"
DATAPACKAGE = DATA_DIR / "datapackage.json"
CHANGES = DATA_DIR / "CHANGES.md"
ASSETS_DIR = ROOT / "assets"


def data_root() -> Path:
    """The root whose seeds/ and data/ the app serves and writes: DASHBOARD_ROOT when set
    (a copy for tests or a staging checkout), else this checkout."""
    import os

    override = os.environ.get("DASHBOARD_ROOT")
    return Path(override).resolve() if override else ROOT


def read_only() -> bool:
    """True when nothing may be written under the data root (DASHBOARD_READ_ONLY=1): no Curate
    page, no dataset cache, no recovery of an interrupted save."""
    import os

    return os.environ.get("DASHBOARD_READ_ONLY", "").strip().lower() in {"1", "true", "yes"}
