"""Attacks on Kyiv by district and in time: one reading of the reference tables for the district
map, the timeline, the ranking and the evidence panel, so they agree on every attack."""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd

from dashboard.core.base.i18n import _, current_language, ngettext
from dashboard.core.data.names import district_name
from dashboard.core.text import ukrainian

# Hover boxes must fit a 390 px phone column: about this many characters a line.
HOVER_CHARS = 38
DATES_PER_LINE = 3


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
        return _("not reported")
    said = "" if qualifier is None or pd.isna(qualifier) else str(qualifier)  # type: ignore[call-overload]
    uk = current_language() == "uk"
    hedge = (ukrainian.hedge(said) if uk else said) + " " if said else ""
    number = ukrainian.number(int(value)) if uk else f"{int(value):,}"  # type: ignore[call-overload]
    return f"{hedge}{number}" + (_(" (a reported zero)") if int(value) == 0 else "")  # type: ignore[call-overload]


def _count(attack: pd.Series | dict, name: str) -> str:  # type: ignore[type-arg]
    return format_count(attack[name], attack.get(f"{name}_qualifier"))


def weapons_text(attack: pd.Series | dict) -> str:  # type: ignore[type-arg]
    """Drones and missiles launched, each with its hedge ("drones nearly 500 · missiles 40")."""
    return _("drones {drones} · missiles {missiles}").format(
        drones=_count(attack, "drones"), missiles=_count(attack, "missiles")
    )


def toll_text(attack: pd.Series | dict) -> str:  # type: ignore[type-arg]
    """Killed and injured in the city as reported, each with its hedge; never summed."""
    return _("killed {killed} · injured {injured}").format(
        killed=_count(attack, "killed"), injured=_count(attack, "injured")
    )


def shorten(text: str, width: int = HOVER_CHARS, lines: int = 2) -> list[str]:
    """Wrap to `lines` lines of `width` characters, the rest cut with an ellipsis (the full text
    is in the evidence panel)."""
    return textwrap.wrap(text, width, max_lines=lines, placeholder=" …")


def attacks_in_view(
    attacks: pd.DataFrame,
    sectors: tuple[str, ...] = (),
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """The attacks the map, the timeline and the ranking all show: sector words, date window,
    oldest first."""
    return _in_window(attacks_for_sectors(attacks, sectors), start, end).sort_values("date")


def districts_of(links: pd.DataFrame, attack_id: str) -> list[str]:
    """Districts reported hit in one attack, alphabetically (empty when none was reported)."""
    return sorted(links.loc[links["attack_id"] == attack_id, "district"])


def district_attacks(attacks: pd.DataFrame, links: pd.DataFrame, district: str) -> pd.DataFrame:
    """Of the given attacks, those reported hitting `district`, oldest first."""
    ids = set(links.loc[links["district"] == district, "attack_id"])
    return attacks[attacks["attack_id"].isin(ids)].sort_values("date")


def _dates_lines(dates: pd.Series) -> list[str]:
    days = [f"{d:%Y-%m-%d}" for d in dates]
    return [", ".join(days[i : i + DATES_PER_LINE]) for i in range(0, len(days), DATES_PER_LINE)]


def district_hover(district: str, mine: pd.DataFrame) -> str:
    """A district's hover box: its count and dates, a few to a line so it fits a phone."""
    if mine.empty:
        return _("{district}: no attack reported<br>hitting it in this window").format(
            district=district_name(district)
        )
    head = ngettext(
        "{district}: {n} attack reported", "{district}: {n} attacks reported", len(mine)
    ).format(district=district_name(district), n=len(mine))
    return "<br>".join([head, *_dates_lines(mine["date"]), _("click for the reports")])


def timeline_rows(attacks: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per attack for the timeline: date, killed as reported (None = not reported),
    its label, a short hover box, and the districts it hit."""
    rows = []
    for attack in attacks.sort_values("date").to_dict("records"):
        hit = districts_of(links, attack["attack_id"])
        what = shorten(_("hit: {what}").format(what=attack["what_was_hit"] or _("not stated")))
        place = shorten(_("districts: {districts}").format(districts=_districts(hit)))
        counts = [*shorten(weapons_text(attack)), *shorten(toll_text(attack))]
        hover = [f"{attack['date']:%Y-%m-%d}", *counts]
        rows.append(
            {
                "attack_id": attack["attack_id"],
                "date": attack["date"],
                "killed": None if pd.isna(attack["killed"]) else int(attack["killed"]),
                "label": _count(attack, "killed"),
                "hover": "<br>".join([*hover, *what, *place, _("click for the reports")]),
                "said": _said(attack, hit),
                "districts": hit,
            }
        )
    return pd.DataFrame(
        rows, columns=["attack_id", "date", "killed", "label", "hover", "said", "districts"]
    )


def _said(attack: dict, hit: list[str]) -> str:  # type: ignore[type-arg]
    """The attack in one unwrapped line for a chart's text alternative: no word cut."""
    counts = f"{weapons_text(attack)} · {toll_text(attack)}".replace(" · ", ", ")
    return (
        f"{attack['date']:%Y-%m-%d}: {counts} ("
        + _("districts: {districts}").format(districts=_districts(hit))
        + ")"
    )


def _districts(hit: list[str]) -> str:
    return ", ".join(district_name(d) for d in hit) or _("not reported")


def attack_dates(attacks: pd.DataFrame) -> list[date]:
    """The days of the attacks, oldest first, each once: the stops of the Map page's window."""
    return sorted({d.date() for d in attacks["date"]})


def parse_window(
    raw_start: str | None,
    raw_end: str | None,
    first: date,
    last: date,
    dates: list[date] | None = None,
) -> tuple[tuple[date, date], list[str]]:
    """A date window from the URL (`from`, `to`), clamped to the attacks' dates; unreadable or
    reversed values fall back to the whole range and are named in a notice. Given the attacks'
    `dates`, a window whose ends fall between them narrows to the attacks inside it (said in a
    notice); one with no attack inside falls back to the whole range."""
    notices: list[str] = []

    def read(raw: str | None, default: date, name: str) -> date:
        if not raw:
            return default
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            notices.append(
                _("Ignored an unreadable date in the link: {value} (expected YYYY-MM-DD)").format(
                    value=f"{name}={raw}"
                )
            )
            return default
        return min(max(day, first), last)

    start, end = read(raw_start, first, "from"), read(raw_end, last, "to")
    if start > end:
        notices.append(
            _("Ignored a reversed date window in the link: {start} after {end}").format(
                start=start, end=end
            )
        )
        return (first, last), notices
    if dates:
        return _snap((start, end), (first, last), dates, notices)
    return (start, end), notices


def _snap(
    window: tuple[date, date], whole: tuple[date, date], dates: list[date], notices: list[str]
) -> tuple[tuple[date, date], list[str]]:
    """The window's ends moved inward to the nearest attack dates inside it."""
    inside = [d for d in dates if window[0] <= d <= window[1]]
    if not inside:
        notices.append(
            _("No attack in the link's window {start} to {end}: every date is shown").format(
                start=window[0], end=window[1]
            )
        )
        return whole, notices
    snapped = (inside[0], inside[-1])
    if snapped != window:
        notices.append(
            _(
                "The link's window {start} to {end} starts and ends on attack dates here: {first} to {last}"
            ).format(start=window[0], end=window[1], first=snapped[0], last=snapped[1])
        )
    return snapped, notices


def count_attacks_by_district(
    attacks: pd.DataFrame,
    links: pd.DataFrame,
    districts: pd.DataFrame,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """One row per district (all ten): attacks in the window that hit it, their ids and dates,
    a hover box.

    Casualty counts are city-wide tolls of each attack: they are listed per attack, never summed
    per district as if they happened there.
    """
    window = _in_window(attacks, start, end)
    rows = []
    for district in districts.itertuples():
        mine = district_attacks(window, links, district.district)
        rows.append(
            {
                "district": district.district,
                "lat": district.centroid_lat,
                "lon": district.centroid_lon,
                "attacks": len(mine),
                "attack_ids": list(mine["attack_id"]),
                "dates": ", ".join(f"{d:%Y-%m-%d}" for d in mine["date"]),
                "hover": district_hover(district.district, mine),
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
