"""Downloads of the filtered view: CSV, Excel and JSON, each row with its quote and citation.

Cells that a spreadsheet would execute (starting with =, +, -, @, tab or carriage return) are
neutralised with a leading apostrophe in CSV and Excel, per OWASP's CSV-injection advice.
JSON keeps values as they are: it is not opened by spreadsheets.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.core.base.i18n import N_, _, pgettext
from dashboard.core.data import schema
from dashboard.core.data.formulas import is_formula


def neutralise_cell(value: object) -> object:
    """Prefix a formula-looking string with an apostrophe; numbers (also as text) pass."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of the frame with every string cell (and header) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def with_citations(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Figures joined with their source's citation, URL and seed path, so each row stands alone."""
    cite = sources[["source_id", "citation", "url", "path", "sha256"]].rename(
        columns={
            "citation": "source_citation",
            "url": "source_url",
            "path": "seed_path",
            "sha256": "seed_sha256",
        }
    )
    return figures.merge(cite, on="source_id", how="left")


CSV_CHUNK = 50_000  # rows neutralised and encoded at a time: a million rows never copied whole


def to_csv_bytes(
    frame: pd.DataFrame,
    *,
    excel: bool = False,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> bytes:
    """UTF-8 CSV with the machine names, formula cells neutralised; `excel` adds the byte-order
    mark that makes Excel read the file as UTF-8 (quotes keep their typographic apostrophes).
    Written a chunk of rows at a time (`prepare`, such as adding citations, runs per chunk) into
    a temporary file read back once: beside the file itself, memory holds one chunk."""
    with tempfile.TemporaryFile() as spool:
        if excel:
            spool.write("\ufeff".encode())
        for start in range(0, max(len(frame), 1), CSV_CHUNK):
            chunk = frame.iloc[start : start + CSV_CHUNK]
            chunk = neutralise(prepare(chunk) if prepare else chunk)
            text = chunk.to_csv(index=False, header=start == 0, lineterminator="\n")
            spool.write(text.encode("utf-8"))
        spool.seek(0)
        return spool.read()


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "claims") -> bytes:
    """An .xlsx workbook, formula cells neutralised and stored as text."""
    buffer = io.BytesIO()
    safe = neutralise(frame)
    for column in safe.select_dtypes(include=["datetimetz", "datetime"]).columns:
        safe[column] = safe[column].dt.strftime("%Y-%m-%d")
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """JSON records; missing values as null, dates as YYYY-MM-DD."""
    records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


# Columns with_citations adds to the claims: (title, description) for headers and the dictionary.
CITATION_FIELDS = {
    "source_citation": (
        N_("Source citation"),
        N_("Full citation of the seed document the quote is from."),
    ),
    "source_url": (N_("Source URL"), N_("Main address of that document, or 'not stated'.")),
    "seed_path": (N_("Seed file"), N_("Path of the project's copy of the document.")),
    "seed_sha256": (N_("Seed SHA-256"), N_("SHA-256 of that copy, to check it is unchanged.")),
}
MONEY_FORMAT = '"US$"#,##0.0,,," bn"'  # three thousands separators: billions
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters: long quotes wrap instead of making a sheet-wide column


@dataclass(frozen=True)
class Column:
    """One column of a download: machine name, human title, description, type, allowed values."""

    name: str
    title: str
    description: str
    type: str
    allowed: str


def columns_of(table: str, frame: pd.DataFrame) -> list[Column]:
    """The schema's words for every column of a frame (citation columns described here)."""
    declared = {f.name: f for f in schema.table(table).fields}
    titles = schema.field_titles(table)
    out = []
    for name in frame.columns:
        if name in declared:
            f = declared[name]
            title = pgettext("column", titles[name])
            out.append(Column(name, title, f.description, f.type, ", ".join(f.enum or ())))
        elif name in CITATION_FIELDS:
            title, description = CITATION_FIELDS[name]
            out.append(Column(name, _(title), _(description), "string", ""))
        else:
            out.append(Column(name, name, _("not described"), "string", ""))
    return out


def _number_format(column: str, unit: object) -> str | None:
    if column in {"value_low", "value_high", "value"}:
        return MONEY_FORMAT if unit == "USD" else COUNT_FORMAT if unit == "people" else "0.##"
    return None


def _write_sheet(book: Workbook, title: str, table: str, frame: pd.DataFrame) -> list[Column]:
    sheet = book.create_sheet(title[:31])
    cols = columns_of(table, frame)
    sheet.append([c.title for c in cols])
    units = frame["unit"].tolist() if "unit" in frame else [None] * len(frame)
    for row, unit in zip(frame.itertuples(index=False), units, strict=True):
        sheet.append([_cell(v) for v in row])
        for index, col in enumerate(cols, start=1):
            cell = sheet.cell(sheet.max_row, index)
            fmt = _number_format(col.name, unit) or (DATE_FORMAT if col.type == "date" else None)
            if fmt and cell.value is not None:
                cell.number_format = fmt
    _tidy(sheet, cols, frame)
    return cols


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()  # a real date, shown without a time of day
    return neutralise_cell(value.item() if hasattr(value, "item") else value)


def _longest(values: pd.Series) -> int:
    """Characters of the longest value shown; 0 when every cell is empty (a column all empty
    under a filter: pandas' str dtype keeps NaN through astype(str), so max() is NaN)."""
    lengths = [len(str(v)) for v in values if _cell(v) is not None]
    return max(lengths, default=0)


def _tidy(sheet, cols: list[Column], frame: pd.DataFrame) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, col in enumerate(cols, start=1):
        cells = sheet.cell(1, index)
        cells.font = Font(bold=True)
        width = min(MAX_WIDTH, max(len(col.title), _longest(frame[col.name]), 8) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
        if width == MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_workbook(tables: dict[str, tuple[str, pd.DataFrame]], about: dict[str, str]) -> bytes:
    """An .xlsx an outsider can read: one sheet per table (schema name -> (sheet title, rows))
    with human headers, then a Data dictionary sheet and an About sheet."""
    book = Workbook()
    book.remove(book.active)
    dictionary = []
    for table, (title, frame) in tables.items():
        for col in _write_sheet(book, title, table, frame):
            dictionary.append([title, col.title, col.name, col.description, col.type, col.allowed])
    heads = [
        _("Sheet"),
        _("Column"),
        _("Machine name"),
        _("Description"),
        _("Type"),
        _("Allowed values"),
    ]
    _plain_sheet(book, _("Data dictionary"), heads, dictionary)
    _plain_sheet(book, _("About"), [_("Item"), _("Value")], [[k, v] for k, v in about.items()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain_sheet(book: Workbook, title: str, heads: list[str], rows: list[list[str]]) -> None:
    frame = pd.DataFrame(rows, columns=heads)
    sheet = book.create_sheet(title)
    sheet.append(heads)
    for row in rows:
        sheet.append([neutralise_cell(v) for v in row])
    _tidy(sheet, [Column(h, h, "", "string", "") for h in heads], frame)


def to_datapackage_json(tables: dict[str, pd.DataFrame], about: dict[str, str]) -> bytes:
    """The tables as one Frictionless Data Package: inline rows with each table's schema."""
    package = schema.load_package()
    resources = []
    for name, frame in tables.items():
        descriptor = schema.table(name).descriptor
        fields = [f for f in descriptor["schema"]["fields"] if f["name"] in frame.columns]
        fields += [
            {"name": n, "title": t, "type": "string", "description": d}
            for n, (t, d) in CITATION_FIELDS.items()
            if n in frame.columns
        ]
        rows = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        for row in rows:  # dates as YYYY-MM-DD, the schema's date format
            for f in fields:
                if f["type"] == "date" and row.get(f["name"]):
                    row[f["name"]] = str(row[f["name"]])[:10]
        resources.append(
            {
                "name": name,
                "title": descriptor.get("title", name),
                "profile": "tabular-data-resource",
                "data": rows,
                "schema": {"fields": fields},
            }
        )
    out = {
        k: package[k]
        for k in ("name", "title", "description", "version", "licenses")
        if k in package
    }
    out |= {"profile": "tabular-data-package", "resources": resources, "about": about}
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")


def claims_table(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The claims as downloaded: with their citations, ids and offsets last."""
    claims = with_citations(figures, sources)
    ids = ["figure_id", "source_id", "start", "end", "seed_path", "seed_sha256"]
    return claims[[c for c in claims.columns if c not in ids] + [c for c in ids if c in claims]]


def view_tables(
    frames: dict[str, pd.DataFrame], figures: pd.DataFrame
) -> dict[str, tuple[str, pd.DataFrame]]:
    """Every table of the package for a download, the claims filtered and carrying citations:
    table name -> (sheet title, rows)."""
    out = {
        "figures": ("Claims", claims_table(figures, frames["sources"]))
    }  # what a reader looks at first; ids and offsets last
    for name, table in schema.tables().items():
        if name != "figures" and name in frames:
            out[name] = (table.title, frames[name])
    return out


def about_rows(version: str, as_of: str, filters: str, day: str) -> dict[str, str]:
    """The About sheet: what the file is, its data version and date, licence, citation, filters."""
    package = schema.load_package()
    licence = package.get("licenses", [{}])[0]
    # as_of is usually provenance.as_of: "2026-11-27 (data version abc)"; name the version once
    dated = (
        as_of
        if version in as_of
        else _("{date} (data version {version})").format(date=as_of, version=version)
    )
    name = licence.get("name", pgettext("value", "not stated"))
    return {
        _("What this is"): f"{package['title']}. {package['description']}",
        _("Data version"): version,
        _("Data as of"): as_of,
        _("Prepared"): day,
        _("Filters applied"): _(
            "{filters} (to the Claims sheet; the other sheets are whole)"
        ).format(filters=filters),
        _("Licence"): f"{name}: {licence.get('title', '')} {licence.get('path', '')}".strip(),
        _("How to cite"): _(
            "{title}, data as of {date}. Cite each figure's own source too: see the Source citation column of the Claims sheet."
        ).format(title=package["title"], date=dated),
        _("Values"): _(
            "Money in US$ bn (the cell holds the full dollar amount); an empty cell is not reported, never zero."
        ),
    }
