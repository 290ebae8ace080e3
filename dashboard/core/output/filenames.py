"""Download names that say what a file holds: chart, filters and day ('cost_energy_2026-11-27')."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date

from dashboard.core.data.filters import Filters

MAX_SLUG = 60  # characters of filter values in a name; file systems and mail clients cope


def file_stem(name: str, filters: Filters, day: date) -> str:
    """'<name>_<filter values>_<YYYY-MM-DD>', 'all' when nothing is filtered."""
    values = [v for f in fields(filters) for v in getattr(filters, f.name)]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(values).lower()).strip("-")[:MAX_SLUG].strip("-")
    return f"{name}_{slug or 'all'}_{day:%Y-%m-%d}"
