from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from dashboard.core.output import exports

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


@pytest.fixture(scope="module")
def workbook():
    from dashboard.core.base.paths import ROOT
    from dashboard.core.data.dataset import load_dataset_cached

    dataset = load_dataset_cached(ROOT)
    view = exports.view_tables(dataset.frames, dataset.figures)
    about = exports.about_rows(dataset.version, "2026-11-25", "Sector: energy", "2026-11-27")
    return view, openpyxl.load_workbook(io.BytesIO(exports.to_workbook(view, about)))


def test_workbook_has_a_sheet_per_table_then_dictionary_and_about(workbook):
    view, book = workbook
    assert book.sheetnames == [title for title, _ in view.values()] + ["Data dictionary", "About"]


def test_a_ukrainian_workbook_names_its_sheets_and_heads_its_columns_in_ukrainian():
    from dashboard.core.base.i18n import use_language
    from dashboard.core.base.paths import ROOT
    from dashboard.core.data.dataset import load_dataset_cached

    dataset = load_dataset_cached(ROOT)
    with use_language("uk"):
        view = exports.view_tables(dataset.frames, dataset.figures)
        about = exports.about_rows(
            dataset.version, "2026-11-25", "Сектор: енергетика", "2026-12-03"
        )
        book = openpyxl.load_workbook(io.BytesIO(exports.to_workbook(view, about)))
    assert book.sheetnames[0] == "Твердження" and book.sheetnames[-2:] == [
        "Словник даних",
        "Про файл",
    ]
    assert "Масовані атаки на Київ" in book.sheetnames
    assert all(len(name) <= 31 for name in book.sheetnames)  # Excel's limit
    assert [c.value for c in book["Твердження"][1]][:3] == [
        "Цитата (дослівно)",
        "Сектор",
        "Показник",
    ]
    quotes = [row[0] for row in book["Твердження"].iter_rows(min_row=2, values_only=True)]
    assert quotes == list(dataset.figures["quote"])  # the quotes as written
    about_rows = dict(book["Про файл"].iter_rows(min_row=2, values_only=True))
    assert about_rows["Застосовані фільтри"].startswith("Сектор: енергетика")
    assert about_rows["Що це"].startswith("Вплив на інфраструктуру України")
    assert "прив’язане до свого речення" in about_rows["Що це"]
    assert about_rows["Ліцензія"].startswith(
        "CC-BY-4.0: Creative Commons Attribution 4.0 (курування"
    )
    # the dictionary describes each column in Ukrainian; the data's own words stay quoted
    described = {r[2]: r[3] for r in book["Словник даних"].iter_rows(min_row=2, values_only=True)}
    assert described["quote"] == (
        "Дослівний текст твердження, точно як у першоджерелі на проміжку [start, end)."
    )
    assert any("'not stated'" in (d or "") for d in described.values())


def test_workbook_headers_are_the_schema_titles(workbook):
    _, book = workbook
    headers = [c.value for c in book["Claims"][1]]
    assert headers[:3] == ["Quote (verbatim)", "Sector", "Measure"]
    assert headers[-6:-2] == [
        "Claim id",
        "Source id",
        "Quote start (character)",
        "Quote end (character)",
    ]
    assert "value_low" not in headers and "Value, low" in headers and "Source citation" in headers


def test_dictionary_describes_every_column_of_every_sheet(workbook):
    view, book = workbook
    rows = list(book["Data dictionary"].iter_rows(min_row=2, values_only=True))
    described = {(r[0], r[2]) for r in rows if r[3] and r[3] != "not described" and r[4]}
    expected = {(title, c) for title, frame in view.values() for c in frame.columns}
    assert described == expected
    sector = next(r for r in rows if r[0] == "Claims" and r[2] == "sector")
    assert "energy" in sector[5]  # allowed values


def test_workbook_formats_money_dates_and_sheets(workbook):
    _, book = workbook
    claims = book["Claims"]
    headers = [c.value for c in claims[1]]
    low = headers.index("Value, low") + 1
    unit = headers.index("Unit") + 1
    usd = [r for r in claims.iter_rows(min_row=2) if r[unit - 1].value == "USD"]
    assert usd and all(r[low - 1].number_format == exports.MONEY_FORMAT for r in usd)
    attacks = book["Large attacks on Kyiv"]
    date_cell = attacks.cell(2, [c.value for c in attacks[1]].index("Date") + 1)
    assert date_cell.is_date and date_cell.number_format == exports.DATE_FORMAT
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
        assert all(
            4 < (d.width or 0) <= exports.MAX_WIDTH + 2 for d in sheet.column_dimensions.values()
        )


def test_about_sheet_states_version_licence_citation_and_filters(workbook):
    _, book = workbook
    about = dict(book["About"].iter_rows(min_row=2, values_only=True))
    assert about["Filters applied"].startswith("Sector: energy")
    assert "CC-BY-4.0" in about["Licence"] and about["Data version"] and about["How to cite"]


def test_excel_csv_has_a_bom_and_machine_names():
    data = exports.to_csv_bytes(FRAME, excel=True)
    assert data.startswith(b"\xef\xbb\xbf") and data[3:].startswith(b"quote,value")
    assert not exports.to_csv_bytes(FRAME).startswith(b"\xef\xbb\xbf")


def test_json_is_a_valid_data_package(workbook):
    import frictionless

    view, _ = workbook
    package = json.loads(exports.to_datapackage_json({k: v[1] for k, v in view.items()}, {}))
    assert frictionless.Package(package).validate().valid
    claims = next(r for r in package["resources"] if r["name"] == "figures")
    assert {f["name"] for f in claims["schema"]["fields"]} >= {"quote", "source_citation"}
