"""Session-state keys, in one place, so pages and tests drive the same widgets."""

from __future__ import annotations

from dashboard.core.filters import FILTER_COLUMNS

# Widget key of each sidebar filter, by URL parameter name.
FILTER_KEYS: dict[str, str] = {name: f"filter_{name}" for name in FILTER_COLUMNS}
SELECTION = "selection"  # the selected evidence reference, e.g. "claim:<figure_id>"
URL_LOADED = "url_loaded"  # the URL has been read into state for this session
NOTICES = "url_notices"  # messages about unknown values in the URL
CHART_KEYS = {
    "cost": "chart_cost",
    "assessments": "chart_assessments",
    "impacts": "chart_impacts",
}
DATA_TABLE = "data_table"
READER_SOURCE = "reader_source"
READER_CLAIM = "reader_claim"
BRIEF_CHARTS = "brief_charts"
BRIEF_FILES = "brief_files"  # (signature of the view, rendered files)
