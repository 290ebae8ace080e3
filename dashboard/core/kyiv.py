"""Attacks on Kyiv by district, for the district map and its date slider."""

from __future__ import annotations

from datetime import date

import pandas as pd


def _in_window(attacks: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    days = attacks["date"].dt.date
    keep = pd.Series(True, index=attacks.index)
    if start is not None:
        keep &= days >= start
    if end is not None:
        keep &= days <= end
    return attacks[keep]


def format_count(value: object, qualifier: object = None) -> str:
    """A count as reported: its hedge kept ("nearly 500"), "not reported" never shown as 0."""
    if pd.isna(value):  # type: ignore[call-overload]
        return "not reported"
    hedge = "" if qualifier is None or pd.isna(qualifier) or not str(qualifier) else f"{qualifier} "  # type: ignore[call-overload]
    number = f"{int(value):,}"  # type: ignore[call-overload]
    return f"{hedge}{number}" + (" (a reported zero)" if int(value) == 0 else "")  # type: ignore[call-overload]


def attack_line(attack: pd.Series) -> str:
    """One attack for a tooltip: date, and the city-wide toll as reported (never summed)."""
    killed = format_count(attack["killed"], attack.get("killed_qualifier"))
    injured = format_count(attack["injured"], attack.get("injured_qualifier"))
    return f"{attack['date']:%Y-%m-%d}: killed {killed}, injured {injured} (city-wide, {attack['casualty_scope'] or 'scope not stated'})"


def count_attacks_by_district(
    attacks: pd.DataFrame,
    links: pd.DataFrame,
    districts: pd.DataFrame,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """One row per district (all ten): attacks in the window that hit it, their dates, a tooltip.

    Casualty counts are city-wide tolls of each attack: they are listed per attack, never summed
    per district as if they happened there.
    """
    window = _in_window(attacks, start, end)
    hits = links[links["attack_id"].isin(window["attack_id"])].merge(window, on="attack_id")
    rows = []
    for district in districts.itertuples():
        mine = hits[hits["district"] == district.district].sort_values("date")
        lines = [attack_line(a) for _, a in mine.iterrows()]
        rows.append(
            {
                "district": district.district,
                "lat": district.centroid_lat,
                "lon": district.centroid_lon,
                "attacks": len(mine),
                "dates": ", ".join(f"{d:%Y-%m-%d}" for d in mine["date"]),
                "hover": f"{district.district}: {len(mine)} attacks reported hitting it"
                + ("<br>" + "<br>".join(lines) if lines else ""),
            }
        )
    return pd.DataFrame(rows)


def attacks_without_districts(
    attacks: pd.DataFrame, links: pd.DataFrame, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Attacks in the window for which no district was reported."""
    window = _in_window(attacks, start, end)
    return window[~window["attack_id"].isin(links["attack_id"])]


# What each sector's reports say was hit, as words in `what_was_hit`. A keyword reading of the
# reports, declared here and named in the map's subtitle, never a classification of the attack.
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "energy": ("power", "heating", "heat", "energy", "substation", "hydroelectric", "electric"),
    "housing": ("residential", "apartment", "building", "storey", "homes"),
    "transport": ("transport", "rail", "bridge", "metro", "road"),
}


def attacks_for_sectors(attacks: pd.DataFrame, sectors: tuple[str, ...]) -> pd.DataFrame:
    """Attacks whose reports mention a selected sector's words (all attacks when none selected)."""
    words = [w for s in sectors for w in SECTOR_WORDS.get(s, ())]
    if not sectors:
        return attacks
    if not words:
        return attacks.iloc[0:0]
    pattern = "|".join(words)
    return attacks[attacks["what_was_hit"].str.contains(pattern, case=False, regex=True)]
