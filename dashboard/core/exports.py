"""Downloads of the filtered view: CSV, Excel and JSON, each row with its quote and citation.

Cells that a spreadsheet would execute (starting with =, +, -, @, tab or carriage return) are
neutralised with a leading apostrophe in CSV and Excel, per OWASP's CSV-injection advice.
JSON keeps values as they are: it is not opened by spreadsheets.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from dashboard.core.formulas import is_formula


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


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, formula cells neutralised."""
    return neutralise(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


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
