from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from dashboard.core import exports

FRAME = pd.DataFrame(
    {
        "quote": ['=HYPERLINK("http://x","y")', "+1 cmd", "-sum", "@A1", "plain", "-5"],
        "value": [1.0, 2.0, None, 4.0, 5.0, 6.0],
    }
)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('+1+HYPERLINK("http://x")', '\'+1+HYPERLINK("http://x")'),
        ("-.5+cmd|' /C calc'!A0", "'-.5+cmd|' /C calc'!A0"),
        ("-5", "-5"),  # a plain number stays a number
        ("+0.5", "+0.5"),
        ("-1e3", "-1e3"),
        ("ok", "ok"),
        (3.0, 3.0),
    ],
)
def test_neutralise_cell(cell, safe):
    assert exports.neutralise_cell(cell) == safe


def test_csv_neutralises_formulas():
    text = exports.to_csv_bytes(FRAME).decode()
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    assert "'@A1" in text and "'+1 cmd" in text


def test_excel_neutralises_and_keeps_rows():
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel_bytes(FRAME)))
    values = [row[0].value for row in book.active.iter_rows(min_row=2)]
    assert values[0].startswith("'=") and all(not str(v).startswith("=") for v in values)
    assert book.active.max_row == len(FRAME) + 1


def test_json_keeps_values_and_nulls():
    records = json.loads(exports.to_json_bytes(FRAME))
    assert records[0]["quote"].startswith("=") and records[2]["value"] is None


def test_with_citations_adds_source_fields():
    figures = pd.DataFrame({"figure_id": ["f"], "source_id": ["s"]})
    sources = pd.DataFrame(
        {
            "source_id": ["s"],
            "citation": ["C"],
            "url": ["u"],
            "path": ["seeds/s.txt"],
            "sha256": ["0" * 64],
        }
    )
    out = exports.with_citations(figures, sources)
    assert out.loc[0, "source_citation"] == "C" and out.loc[0, "seed_path"] == "seeds/s.txt"
