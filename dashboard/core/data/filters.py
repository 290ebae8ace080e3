"""The sidebar's filters as a value: applied to tables, read from and written to the URL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from dashboard.core.base.i18n import _

if TYPE_CHECKING:  # imported when filtering: the first screen reads filters without pandas
    import pandas as pd

# URL parameter -> figures column. The URL names are short so shared links stay readable.
FILTER_COLUMNS: dict[str, str] = {
    "sector": "sector",
    "measure": "measure",
    "geography": "geography",
    "org": "attributed_to",
    "source": "source_id",
}


@dataclass(frozen=True)
class Filters:
    """Selected values per filter; an empty tuple means 'all' (no filtering on that column)."""

    sector: tuple[str, ...] = ()
    measure: tuple[str, ...] = ()
    geography: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    source: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not any(getattr(self, f.name) for f in fields(self))

    def describe(
        self, labels: Mapping[str, str] | None = None, places: Mapping[str, str] | None = None
    ) -> str:
        """Human summary for chart subtitles: 'Sector: energy · Place: Kyiv city' or 'All
        claims'; `places` turns geography codes into the geographies' labels."""
        from dashboard.core.data.names import measure_name, sector_name

        names = labels or {
            "sector": _("Sector"),
            "measure": _("Measure"),
            "geography": _("Place"),
            "org": _("Attributed to"),
            "source": _("Source"),
        }
        shown = {"geography": places or {}}
        said = {"sector": sector_name, "measure": measure_name}
        parts = [
            f"{names[f.name]}: "
            + ", ".join(
                said[f.name](v) if f.name in said else shown.get(f.name, {}).get(v, v)
                for v in getattr(self, f.name)
            )
            for f in fields(self)
            if getattr(self, f.name)
        ]
        return " · ".join(parts) if parts else _("All claims")


def apply_filters(figures: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows of the figures table that pass every active filter (the table itself, not a copy,
    when none is active: callers never change it, and at a million rows a copy per rerun
    doubled the server's memory)."""
    if not any(getattr(filters, name) for name in FILTER_COLUMNS):
        return figures
    import pandas as pd

    mask = pd.Series(True, index=figures.index)
    for name, column in FILTER_COLUMNS.items():
        chosen = getattr(filters, name)
        if chosen:
            mask &= figures[column].isin(chosen)
    return figures[mask]


def parse_query(
    params: Mapping[str, Sequence[str]], options: Mapping[str, Sequence[str]]
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters (comma-separated or repeated); unknown values become notices."""
    chosen: dict[str, tuple[str, ...]] = {}
    notices: list[str] = []
    for name in FILTER_COLUMNS:
        raw = [v for item in params.get(name, []) for v in str(item).split(",") if v]
        known = [v for v in raw if v in options.get(name, ())]
        unknown = [v for v in raw if v not in options.get(name, ())]
        if unknown:
            notices.append(
                _("Ignored unknown {name} in the link: {values}").format(
                    name=name, values=", ".join(unknown)
                )
            )
        chosen[name] = tuple(dict.fromkeys(known))
    return Filters(**chosen), notices


def to_query(filters: Filters) -> dict[str, str]:
    """URL parameters for the active filters (comma-separated), omitting unfiltered ones."""
    return {
        f.name: ",".join(getattr(filters, f.name))
        for f in fields(filters)
        if getattr(filters, f.name)
    }
