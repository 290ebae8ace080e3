"""Every download opens, for no filter and every single-value filter: the Data page's CSV, CSV for
Excel, workbook, Data Package and ClaimReview, and the Briefing's deck (pictures stand-ins: the
deck's words and layout do not depend on the pixels; tests/core/test_deck_render.py draws them).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from dashboard.core.base.paths import ROOT
from dashboard.core.data import schema
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.output import exports
from dashboard.core.output.briefing import build_files, plan_charts
from dashboard.core.output.claimreview import claimreview_bytes
from dashboard.core.output.plans import RenderedChart
from dashboard.core.visuals.views import filter_options

DATASET = load_dataset_cached(ROOT)
FILTERS = [Filters()] + [
    Filters(**{name: (value,)})
    for name, values in filter_options(DATASET).items()
    for value in values
]
IDS = [f.describe() for f in FILTERS]
MACHINE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # check_id, value_low: a column's name, not title


def _download(filters: Filters) -> dict[str, bytes]:
    """The Data page's five downloads of a view, built as the page builds them."""
    figures = apply_filters(DATASET.figures, filters)
    view = exports.view_tables(DATASET.frames, figures)
    about = exports.about_rows(DATASET.version, "2026-11-27", filters.describe(), "2026-11-27")
    claims = view["figures"][1]
    return {
        "csv": exports.to_csv_bytes(claims),
        "csv_excel": exports.to_csv_bytes(claims, excel=True),
        "xlsx": exports.to_workbook(view, about),
        "json": exports.to_datapackage_json({k: v[1] for k, v in view.items()}, about),
        "claimreview": claimreview_bytes(DATASET),
    }


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_every_data_download_opens(filters: Filters):
    files = _download(filters)
    expected = len(apply_filters(DATASET.figures, filters))
    assert len(pd.read_csv(io.BytesIO(files["csv"]))) == expected
    excel = files["csv_excel"]
    assert excel.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"))))) == expected
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert book["Claims"].max_row == expected + 1
    for sheet in book.worksheets:
        heads = [c.value for c in sheet[1]]
        assert heads and all(isinstance(h, str) and h.strip() for h in heads), sheet.title
        assert not [h for h in heads if MACHINE.match(h)], sheet.title
    package = json.loads(files["json"])
    claims = next(r for r in package["resources"] if r["name"] == "figures")
    assert len(claims["data"]) == expected
    assert json.loads(files["claimreview"])


def test_every_sheet_has_readable_headers_from_the_schema():
    """Every table's fields have a human title (the checks sheet showed check_id)."""
    for name in schema.tables():
        titles = schema.field_titles(name)
        assert not [n for n, t in titles.items() if t == n and MACHINE.match(n)], name
        assert all(t[:1].isupper() for t in titles.values()), name


def test_about_citation_has_no_doubled_parentheses():
    about = exports.about_rows("abc123", "2026-11-27 (data version abc123)", "All claims", "d")
    assert "))" not in about["How to cite"] and "((" not in about["How to cite"]
    assert "abc123" in about["How to cite"] and "2026-11-27" in about["How to cite"]


@pytest.fixture(scope="module")
def blank_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1920, 1080), "white").save(out, "PNG")
    return out.getvalue()


STORY_TITLES = (
    "What the article says",
    "What the assessments say",
    "Large attacks on Kyiv that hit",
)


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_every_brief_deck_opens(filters: Filters, blank_png: bytes):
    plans = plan_charts(DATASET, filters)
    drawn = [RenderedChart(p, blank_png, b"<svg/>") for p in plans if p.empty is None]
    left_out = [p for p in plans if p.empty is not None]
    files = build_files(DATASET, filters, drawn, left_out, date(2026, 11, 27))
    deck = next(v for k, v in files.items() if k.endswith(".pptx"))
    slides = list(Presentation(io.BytesIO(deck)).slides)
    story = [  # a chosen sector's story comes first (tests/core/test_storydeck.py)
        s
        for s in slides
        if s.shapes[0].has_text_frame and s.shapes[0].text_frame.text.startswith(STORY_TITLES)
    ]
    assert bool(story) == bool(filters.sector)
    assert len(slides) == 1 + len(story) + len(drawn)
    csv_file = next(v for k, v in files.items() if k.endswith(".csv"))
    assert len(pd.read_csv(io.BytesIO(csv_file))) == len(apply_filters(DATASET.figures, filters))
