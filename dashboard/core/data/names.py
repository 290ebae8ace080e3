"""The names people read, in the current language: sectors, measures, places, regions and Kyiv's
districts.

Proper names are never translated by us: a Kyiv district's Ukrainian name is the boundary file's
`name_uk` (OpenStreetMap), a region's is data/geo/region_names_uk.csv (the Ukrainian names of
ISO 3166-2:UA in Debian's iso-codes 4.15.0, see data/geo/README.md). A name with no Ukrainian
form there stays in English.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache

from dashboard.core.base.i18n import NP_, current_language, pgettext
from dashboard.core.base.paths import GEO_DIR

REGION_NAMES_UK = GEO_DIR / "region_names_uk.csv"
DISTRICTS_FILE = GEO_DIR / "kyiv_districts.geojson"

SECTORS = {
    "energy": NP_("sector", "energy"),
    "housing": NP_("sector", "housing"),
    "transport": NP_("sector", "transport"),
    "cross-sector": NP_("sector", "cross-sector"),
    "humanitarian": NP_("sector", "humanitarian"),
    "all": NP_("sector", "all"),
    "economy": NP_("sector", "economy"),
}
MEASURES = {
    # TRANSLATORS: the RDNA's three measures, never added: damage = збитки (physical assets),
    # needs = потреби (recovery and reconstruction), losses = втрати (disrupted flows).
    "damage": NP_("measure", "damage"),
    "needs": NP_("measure", "needs"),
    "losses": NP_("measure", "losses"),
    "targeting": NP_("measure", "targeting"),
    "disruption": NP_("measure", "disruption"),
    "displacement": NP_("measure", "displacement"),
    "risk": NP_("measure", "risk"),
    "stake": NP_("measure", "stake"),
}
# The dataset's own place labels (data/geographies.csv), as an interface word in Ukrainian.
PLACES = {
    "kyiv-city": NP_("place", "Kyiv city"),
    "ukraine": NP_("place", "Ukraine"),
    # TRANSLATORS: the dashboard's label for the article's phrase; the quote itself stays English.
    "east-south": NP_("place", "eastern and southern regions"),
    "europe": NP_("place", "Europe"),
}


def sector_name(sector: str) -> str:
    """'energy' -> 'енергетика' in Ukrainian; unknown values as they are."""
    return pgettext("sector", SECTORS[sector]) if sector in SECTORS else sector


def measure_name(measure: str) -> str:
    """'damage' -> 'збитки' in Ukrainian; unknown values as they are."""
    return pgettext("measure", MEASURES[measure]) if measure in MEASURES else measure


def place_name(code: str, label: str) -> str:
    """A geography's label (geographies.csv) in the current language."""
    if current_language() == "en" or code not in PLACES:
        return label
    return pgettext("place", PLACES[code])


@lru_cache(maxsize=1)
def _regions_uk() -> dict[str, str]:
    with REGION_NAMES_UK.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name_uk"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _districts_uk() -> dict[str, str]:
    features = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["district"]: f["properties"]["name_uk"] for f in features}


def region_name(code: str, name_en: str) -> str:
    """An ISO 3166-2:UA region's name: English as the boundary file has it, or Ukrainian."""
    if current_language() == "uk":
        return _regions_uk().get(code, name_en)
    return name_en


def district_name(district: str, short: bool = False) -> str:
    """A Kyiv district ('Holosiivskyi') as OpenStreetMap names it in the current language;
    `short` drops the Ukrainian name's trailing 'район' (the map's labels: every one is one)."""
    if current_language() == "uk":
        name = _districts_uk().get(district, district)
        return name.removesuffix(" район") if short else name
    return district
