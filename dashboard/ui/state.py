"""Session-state keys, in one place, so pages and tests drive the same widgets."""

from __future__ import annotations

from dashboard.core.base.i18n import N_
from dashboard.core.data.filters import FILTER_COLUMNS

# Widget key of each sidebar filter, by URL parameter name.
FILTER_KEYS: dict[str, str] = {name: f"filter_{name}" for name in FILTER_COLUMNS}
SELECTION = "selection"  # the selected evidence reference, e.g. "claim:<figure_id>"
URL_LOADED = "url_loaded"  # the URL has been read into state for this session
NOTICES = "url_notices"  # messages about unknown values in the URL
# The Overview shows one chart at a time in tabs, drawn in the browser (ui/live.py). URL
# parameter `tab` holds the open chart key.
OVERVIEW_TABS = {  # marked for translation: shown through _() (ui/live.py)
    "cost": N_("Cost figures"),
    "assessments": N_("Claims against assessments"),
    "impacts": N_("Impacts by sector"),
}
OVERVIEW_HEIGHTS = {"cost": 520, "assessments": 600, "impacts": 520}  # each chart's page height
OVERVIEW_CHART = "overview_chart"  # the chosen chart key, kept while other pages are shown
# The widget key of the open chart's downloads and share box: one for every chart, so a tab
# switch changes their files and words in place instead of removing and adding widgets.
OVERVIEW_FILES = "chart_overview"
CHART_KEYS = {
    "cost": "chart_cost",
    "assessments": "chart_assessments",
    "impacts": "chart_impacts",
}
DATA_TABLE = "data_table"  # the Data page's table; one key per page shown (a row picked on
# one page is not highlighted on the next)
DATA_PAGE = "data_page"  # the page of claims shown (URL parameter `page`)
DATA_PAGE_SIZE = "data_page_size"  # rows per page (URL parameter `rows`)
DOWNLOAD_FAILED = "download_failed"  # the sentence of a download that could not be made
READER_SOURCE = "reader_source"
READER_CLAIM = "reader_claim"
BRIEF_CHARTS = "brief_charts"
CURATE_TEXT = "curate_text"
CURATE_CANDIDATES = "curate_candidates"
CURATE_LOADED = "curate_loaded"  # table hashes when the claims were proposed (conflict check)
# Citation fields of a new source: (field, label, default).
CURATE_FIELDS = (
    ("source_id", N_("Source id ([a-z0-9-])"), ""),
    ("title", N_("Title"), ""),
    ("producer", N_("Publisher / author"), ""),
    ("url", N_("URL"), "not stated"),
    ("published", N_("Published (YYYY-MM-DD)"), "not stated"),
    ("licence", N_("Licence"), "not stated"),
    ("citation", N_("Full citation"), ""),
    ("original_name", N_("Original file name"), "pasted text"),
)
# Containers whose columns wrap sooner than Streamlit's own 640 px (app.py's style): a chart or
# map column needs 26rem ("wide"), a side panel of text 20rem ("narrow").
WRAP_WIDE = ("wrap_maps", "wrap_lists")
WRAP_NARROW = (
    "wrapsm_overview",
    "wrapsm_sources",
    "wrapsm_timeline",
    "wrapsm_checks",
    "wrapsm_kyiv",
    "wrapsm_regions",
    "wrapsm_kyivfiles",
)
# The evidence panels, keyed per page: a selection moves keyboard focus to the page's panel.
EVIDENCE_PANELS = (
    "evidence",
    "reader_evidence",
    "data_evidence",
    "map_evidence",
    "checks_evidence",
)
# The evidence panel when nothing is selected (one element: each is redrawn per filter change).
EVIDENCE_HINT = N_(
    "**Evidence**\n\nClick any mark, bar or row to read the sentence it came from, "
    "highlighted in its paragraph."
)
FOOTER_CHANGES = "footer_changes"  # the footer's "What changed" expander
CHECK_PICK = "check_pick"  # the Checks page's chosen check (URL parameter `check`)
KYIV_DATES = "kyiv_dates"  # the date slider shared by the Kyiv map and timeline
KYIV_WINDOW = "kyiv_window"  # the window kept while other pages are shown (widget state is not)
KYIV_URL = ("from", "to")  # URL parameters of the window, YYYY-MM-DD
KYIV_TIMELINE = "kyiv_timeline"
MAP_BASEMAP = "map_basemap"  # online tiles under the maps (off by default)
MAP_KEYS = {"regions": "map_regions", "kyiv": "map_kyiv"}
MAP_LIVE = "map_live"  # the Map page's element: date window, Kyiv map and timeline (ui/maplive)
PAGE_PATH = "page_path"  # the running page's URL path ("" for the default page), set by app.py
