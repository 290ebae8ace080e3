"""Downloads of the filtered view: CSV, Excel and JSON, each row with its quote and citation.

Cells that a spreadsheet would execute (starting with =, +, -, @, tab or carriage return) are
neutralised with a leading apostrophe in CSV and Excel, per OWASP's CSV-injection advice.
JSON keeps values as they are: it is not opened by spreadsheets.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


CSV_CHUNK = 20_000  # rows prepared, neutralised and encoded at a time (about 17 MB of CSV)
ROWS_STEP = 10_000  # rows between two progress reports of a workbook
BOM = "\ufeff".encode()

Progress = Callable[[int], None]  # rows written so far
Prepare = Callable[[pd.DataFrame], pd.DataFrame]  # a chunk of rows as downloaded
Table = tuple[str, pd.DataFrame, Prepare | None]  # sheet title, rows, what each chunk needs


def write_csv(
    frame: pd.DataFrame,
    out: BinaryIO,
    progress: Progress | None = None,
    *,
    excel: bool = False,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> None:
    """UTF-8 CSV with the machine names, formula cells neutralised, written to `out` a chunk
    of rows at a time (`prepare`, such as adding citations, runs per chunk): beside the frame
    itself, memory holds one chunk, never the file. `excel` adds the byte-order mark that makes
    Excel read the file as UTF-8; `progress` hears the rows written after each chunk."""
    if excel:
        out.write(BOM)
    for start in range(0, max(len(frame), 1), CSV_CHUNK):
        chunk = frame.iloc[start : start + CSV_CHUNK]
        chunk = neutralise(prepare(chunk) if prepare else chunk)
        text = chunk.to_csv(index=False, header=start == 0, lineterminator="\n")
        out.write(text.encode("utf-8"))
        if progress:
            progress(min(start + CSV_CHUNK, len(frame)))


def to_csv_bytes(
    frame: pd.DataFrame,
    *,
    excel: bool = False,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> bytes:
    """The CSV of `write_csv` as bytes, for the small files (a chart's marks, a brief's
    claims); the Data page writes its tables to disk instead (core/output/handoff.py)."""
    buffer = io.BytesIO()
    write_csv(frame, buffer, excel=excel, prepare=prepare)
    return buffer.getvalue()


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
            out.append(
                Column(
                    name, title, schema.described(f.description), f.type, ", ".join(f.enum or ())
                )
            )
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


EXCEL_ROWS = 1_048_576  # rows of an Excel sheet, the header included (Excel's own limit)


def sheet_parts(title: str, rows: int) -> list[tuple[str, int, int]]:
    """The sheets a table needs: (sheet title, first row, row after the last), 0-based. A table
    longer than a sheet goes on in 'Claims (2)', 'Claims (3)'...: nothing is cut."""
    per = EXCEL_ROWS - 1
    starts = range(0, max(rows, 1), per)
    return [
        (title[:31] if n == 0 else f"{title[:26]} ({n + 1})", start, min(start + per, rows))
        for n, start in enumerate(starts)
    ]


def _write_sheet(
    book: Workbook,
    title: str,
    table: str | None,
    part: pd.DataFrame,
    prepare: Prepare | None = None,
    progress: Progress | None = None,
) -> list[Column]:
    """One sheet, written row by row in write-only mode (the workbook never holds the rows),
    `prepare` run a chunk at a time; column widths are read from the first chunk. `table` names
    the schema table whose words head the columns (None: the column names are the titles)."""
    sheet = book.create_sheet(title[:31])
    first = prepare(part.iloc[:CSV_CHUNK]) if prepare else part.iloc[:CSV_CHUNK]
    cols = (
        columns_of(table, first)
        if table
        else [Column(str(c), str(c), "", "string", "") for c in first.columns]
    )
    widths = [min(MAX_WIDTH, max(len(c.title), _longest(first[c.name]), 8) + 2) for c in cols]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(cols), 1))}{len(part) + 1}"
    sheet.append([_styled(sheet, c.title, font=Font(bold=True)) for c in cols])
    wrap = Alignment(wrap_text=True, vertical="top")
    dates = [c.type == "date" for c in cols]
    wide = [w == MAX_WIDTH for w in widths]
    done = 0
    for chunk in _chunks(part, prepare):
        units = chunk["unit"].tolist() if "unit" in chunk else [None] * len(chunk)
        for row, unit in zip(chunk.itertuples(index=False), units, strict=True):
            cells = []
            for index, value in enumerate(row):
                value = _cell(value)
                fmt = _number_format(cols[index].name, unit)
                fmt = fmt or (DATE_FORMAT if dates[index] else None)
                if value is None or not (fmt or wide[index]):
                    cells.append(value)
                    continue
                align = wrap if wide[index] else None
                cells.append(_styled(sheet, value, number_format=fmt, alignment=align))
            sheet.append(cells)
        done += len(chunk)
        if progress:
            progress(done)
    return cols


def _chunks(frame: pd.DataFrame, prepare: Prepare | None, size: int = 0):
    """The frame a chunk of rows at a time, each prepared (citations joined) on its own."""
    size = size or CSV_CHUNK
    for start in range(0, len(frame), size):
        chunk = frame.iloc[start : start + size]
        yield prepare(chunk) if prepare else chunk


def _styled(sheet, value: object, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    for name, setting in style.items():
        if setting is not None:
            setattr(cell, name, setting)
    return cell


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()  # a real date, shown without a time of day
    return neutralise_cell(value.item() if hasattr(value, "item") else value)


def _longest(values: pd.Series) -> int:
    """Characters of the longest value shown; 0 when every cell is empty (a column all empty
    under a filter). Vectorised: a million rows are measured at once."""
    shown = values.dropna()
    if shown.empty:
        return 0
    return int(shown.astype(str).str.len().max())


def write_workbook(
    tables: dict[str, Table],
    about: dict[str, str],
    out: BinaryIO,
    progress: Progress | None = None,
) -> None:
    """An .xlsx an outsider can read, written to `out` row by row (openpyxl's write-only mode):
    one sheet per table (schema name -> (sheet title, rows, prepare)) with human headers, then a
    Data dictionary sheet and an About sheet. A table longer than Excel's 1,048,576 rows a sheet
    goes on in further sheets, and the About sheet says which rows each holds: nothing is cut."""
    book = Workbook(write_only=True)
    dictionary, split, done = [], [], 0
    for table, (title, frame, prepare) in tables.items():
        parts = sheet_parts(title, len(frame))
        for sheet_title, start, stop in parts:

            def rows_done(rows: int, before: int = done) -> None:
                if progress:
                    progress(before + rows)

            part = frame.iloc[start:stop]
            cols = _write_sheet(book, sheet_title, table, part, prepare, rows_done)
            dictionary += [
                [sheet_title, c.title, c.name, c.description, c.type, c.allowed] for c in cols
            ]
            done += stop - start
        if len(parts) > 1:
            held = "; ".join(
                _("{sheet} holds rows {first} to {last}").format(
                    sheet=t, first=f"{a + 1:,}", last=f"{b:,}"
                )
                for t, a, b in parts
            )
            split.append(
                _(
                    "The {rows} rows of {title} fill {sheets} sheets, as an Excel sheet holds "
                    "{limit} rows with its header: {held}."
                ).format(
                    rows=f"{len(frame):,}",
                    title=title,
                    sheets=len(parts),
                    limit=f"{EXCEL_ROWS:,}",
                    held=held,
                )
            )
    if split:
        about = {**about, _("Sheets"): " ".join(split)}
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
    book.save(out)


def table_rows(tables: dict[str, Table]) -> int:
    """Rows a workbook or package of these tables writes (for its progress)."""
    return sum(len(frame) for _title, frame, _prepare in tables.values())


def to_workbook(tables: dict[str, tuple[str, pd.DataFrame]], about: dict[str, str]) -> bytes:
    """The workbook of `write_workbook` as bytes, for tables already prepared."""
    buffer = io.BytesIO()
    write_workbook({k: (t, f, None) for k, (t, f) in tables.items()}, about, buffer)
    return buffer.getvalue()


def _plain_sheet(book: Workbook, title: str, heads: list[str], rows: list[list[str]]) -> None:
    frame = pd.DataFrame([[neutralise_cell(v) for v in row] for row in rows], columns=heads)
    _write_sheet(book, title, None, frame)


def write_datapackage_json(
    tables: dict[str, Table],
    about: dict[str, str],
    out: BinaryIO,
    progress: Progress | None = None,
) -> None:
    """The tables as one Frictionless Data Package (inline rows with each table's schema),
    written to `out` a chunk of rows at a time: the rows are never held as one document."""
    package = schema.load_package()
    resources = []
    for index, (name, (_title, frame, prepare)) in enumerate(tables.items()):
        columns = (prepare(frame.iloc[:0]) if prepare else frame).columns
        descriptor = schema.table(name).descriptor
        fields = [f for f in descriptor["schema"]["fields"] if f["name"] in columns]
        fields += [
            {"name": n, "title": t, "type": "string", "description": d}
            for n, (t, d) in CITATION_FIELDS.items()
            if n in columns
        ]
        resources.append(
            {
                "name": name,
                "title": descriptor.get("title", name),
                "profile": "tabular-data-resource",
                "data": f"@rows-{index}@",  # where the rows go, written below
                "schema": {"fields": fields},
            }
        )
    head = {
        k: package[k]
        for k in ("name", "title", "description", "version", "licenses")
        if k in package
    }
    # `about` (with the filters people chose) comes last, so each placeholder's first
    # occurrence is the one above
    head |= {"profile": "tabular-data-package", "resources": resources, "about": about}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    done = 0
    for index, (_title, frame, prepare) in enumerate(tables.values()):
        before, text = text.split(f'"@rows-{index}@"', 1)
        out.write(before.encode("utf-8") + b"[")
        dates = [f["name"] for f in resources[index]["schema"]["fields"] if f["type"] == "date"]
        lead = "\n"
        for chunk in _chunks(frame, prepare):
            rows = json.loads(chunk.to_json(orient="records", date_format="iso", force_ascii=False))
            for row in rows:  # dates as YYYY-MM-DD, the schema's date format
                for column in dates:
                    if row.get(column):
                        row[column] = str(row[column])[:10]
            out.write((lead + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)).encode())
            lead, done = ",\n", done + len(rows)
            if progress:
                progress(done)
        out.write(b"]")
    out.write(text.encode("utf-8"))


def to_datapackage_json(tables: dict[str, pd.DataFrame], about: dict[str, str]) -> bytes:
    """The Data Package of `write_datapackage_json` as bytes, for tables already prepared."""
    buffer = io.BytesIO()
    write_datapackage_json({k: (k, f, None) for k, f in tables.items()}, about, buffer)
    return buffer.getvalue()


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
        "figures": (claims_sheet(), claims_table(figures, frames["sources"]))
    }  # what a reader looks at first; ids and offsets last
    for name, table in schema.tables().items():
        if name != "figures" and name in frames:
            out[name] = (pgettext("table", table.title), frames[name])
    return out


def download_tables(frames: dict[str, pd.DataFrame], figures: pd.DataFrame) -> dict[str, Table]:
    """`view_tables` for files written a chunk at a time: the claims' citations are joined
    per chunk as they are written, so a million claims are never copied whole."""
    prepare = partial(claims_table, sources=frames["sources"])
    out: dict[str, Table] = {"figures": (claims_sheet(), figures, prepare)}
    for name, table in schema.tables().items():
        if name != "figures" and name in frames:
            out[name] = (pgettext("table", table.title), frames[name], None)
    return out


def claims_sheet() -> str:
    """The claims' sheet title in the reader's language (the other sheets are the tables' titles)."""
    # TRANSLATORS: a workbook's sheet name: at most 26 characters (Excel allows 31, and a long table goes on in "… (2)")
    return _("Claims")


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
    # in the run's language when the catalog has them (scripts/babel_schema.py); never an
    # empty text to the catalog, which would answer with its own header
    words = pgettext("licence", licence["title"]) if licence.get("title") else ""
    described = pgettext("package", package["description"]) if package.get("description") else ""
    title = pgettext("package", package["title"])
    return {
        _("What this is"): f"{title}. {described}".strip(),
        _("Data version"): version,
        _("Data as of"): as_of,
        _("Prepared"): day,
        _("Filters applied"): _(
            "{filters} (to the Claims sheet; the other sheets are whole)"
        ).format(filters=filters),
        _("Licence"): f"{name}: {words} {licence.get('path', '')}".strip(),
        _("How to cite"): _(
            "{title}, data as of {date}. Cite each figure's own source too: see the Source citation column of the Claims sheet."
        ).format(title=package["title"], date=dated),
        _("Values"): _(
            "Money in US$ bn (the cell holds the full dollar amount); an empty cell is not reported, never zero."
        ),
    }
