"""How the Data page shows a table: what a reader needs first, ids and offsets last, the
schema's titles as headers, dates without a time of day, money in words ("US$588 bn"); a page of
rows at a time, so a million claims never travel (or get formatted) whole."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.core.base.i18n import _, current_language, format_integer, pgettext
from dashboard.core.data import schema
from dashboard.core.data.dataset import REFERENCE_TABLES
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.evidence import provenance
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.output import narration
from dashboard.ui.state import DATA_PAGE, DATA_PAGE_SIZE, DATA_TABLE

FIRST = {  # per table, the columns a reader looks at first; the rest follow, ids and offsets last
    "figures": [
        "sector",
        "measure",
        "figure_text",
        "amount",
        "hedge",
        "attributed_to",
        "geography",
        "quote",
    ],
    "assessment_figures": [
        "assessment",
        "sector",
        "measure",
        "shown",
        "qualifier",
        "published",
        "read_in",
    ],
}
LAST = (
    "figure_id",
    "fact_id",
    "attack_id",
    "assessment_id",
    "source_id",
    "start",
    "end",
    "value",
    "value_low",
    "value_high",
)


def shown_frame(
    name: str, frame: pd.DataFrame, places: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The table with display columns added (amount, money in words), places by their labels
    (`places`: geography code -> label, as the filter shows them), and reordered."""
    out = frame.copy()
    if places and "geography" in out.columns:
        out["geography"] = [places.get(code, code) for code in out["geography"]]
    if "sector" in out.columns:  # the files keep the codes; the page shows the names
        out["sector"] = [sector_name(s) if isinstance(s, str) else s for s in out["sector"]]
    if "measure" in out.columns:
        out["measure"] = [measure_name(m) if isinstance(m, str) else m for m in out["measure"]]
    if name == "figures" and len(out):
        out["amount"] = [provenance.amount_text(r) for r in out.to_dict("records")]
    if name == "assessment_figures" and len(out):
        out["shown"] = [narration.fact_value(r) for r in out.to_dict("records")]
    first = [c for c in FIRST.get(name, []) if c in out.columns]
    last = [c for c in LAST if c in out.columns and c not in first]
    middle = [c for c in out.columns if c not in first and c not in last]
    return out[first + middle + last]


PAGE_SIZES = (25, 100, 500)  # rows per page: 500 claims with their quotes are about 0.3 MB
PAGE_SIZE = 100  # the default: a screenful or two, formatted in milliseconds


@dataclass(frozen=True)
class Page:
    """One page of a table: rows `start` to `stop` (0-based, stop exclusive) of `total`."""

    number: int  # 1-based
    size: int
    pages: int
    total: int

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return min(self.start + self.size, self.total)

    def describe(self) -> str:
        """'Rows 101–200 of 1,000,000 (page 2 of 10,000)'; 'No rows' when empty."""
        if not self.total:
            return _("No rows")
        return _("Rows {first}–{last} of {total} (page {page} of {pages})").format(
            first=format_integer(self.start + 1),
            last=format_integer(self.stop),
            total=format_integer(self.total),
            page=format_integer(self.number),
            pages=format_integer(self.pages),
        )


def page_of(total: int, number: object, size: object) -> Page:
    """The page asked for, made valid: an unknown size is the default, a number past the end is
    the last page, anything unreadable the first."""
    size_ = int(size) if str(size).isdigit() and int(str(size)) in PAGE_SIZES else PAGE_SIZE
    pages = max(1, -(-total // size_))
    number_ = int(str(number)) if str(number).isdigit() else 1
    return Page(min(max(number_, 1), pages), size_, pages, total)


def column_config(name: str, frame: pd.DataFrame) -> dict[str, object]:
    """Headers from the schema's titles with its descriptions as help; dates as dates."""
    fields = {f.name: f for f in schema.table(name).fields}
    titles = schema.field_titles(name)
    config: dict[str, object] = {
        "amount": st.column_config.TextColumn(_("Amount (number, with hedge)")),
        "shown": st.column_config.TextColumn(pgettext("column", "Value")),
    }
    for column in frame.columns:
        if column not in fields:
            continue
        field, title = fields[column], pgettext("column", titles[column])
        if field.type == "date":
            config[column] = st.column_config.DateColumn(
                title, format="YYYY-MM-DD", help=schema.described(field.description)
            )
        elif column.endswith("url"):
            config[column] = st.column_config.LinkColumn(
                title, help=schema.described(field.description)
            )
        elif field.type == "number":
            config[column] = st.column_config.NumberColumn(
                title, format="%.4g", help=schema.described(field.description)
            )
        else:
            config[column] = st.column_config.Column(
                title, help=schema.described(field.description)
            )
    return config


def _from_link(key: str, param: str, valid: Callable[[str], bool]) -> None:
    """A pager widget's first value from the link, once the widget has none; a value it cannot
    use is said, never silently dropped."""
    if key in st.session_state or param not in st.query_params:
        return
    value = st.query_params[param]
    if valid(value):
        st.session_state[key] = int(value)
    else:
        if param == "rows":
            said = _("Ignored {param}={value} in the link: expected a whole number of {sizes}")
        else:
            said = _("Ignored {param}={value} in the link: expected a whole number")
        sizes = ", ".join(map(str, PAGE_SIZES))
        st.warning(escape_markdown(said.format(param=param, value=value, sizes=sizes)), icon="⚠️")


def pager(total: int) -> Page:
    """Rows per page and the page number, kept in the session and the link (`rows`, `page`);
    a page past the end (after a filter narrowed the rows) shows the last one."""
    _from_link(DATA_PAGE_SIZE, "rows", lambda v: v.isdigit() and int(v) in PAGE_SIZES)
    _from_link(DATA_PAGE, "page", lambda v: v.isdigit() and int(v) >= 1)
    page = page_of(total, st.session_state.get(DATA_PAGE, 1), st.session_state.get(DATA_PAGE_SIZE))
    st.session_state[DATA_PAGE_SIZE] = page.size
    st.session_state[DATA_PAGE] = page.number
    size_box, number_box, words = st.columns([1, 1, 3], vertical_alignment="bottom")
    size_box.selectbox(
        _("Rows per page"),
        PAGE_SIZES,
        key=DATA_PAGE_SIZE,
        on_change=lambda: st.session_state.update({DATA_PAGE: 1}),
    )
    number_box.number_input(_("Page"), min_value=1, max_value=page.pages, step=1, key=DATA_PAGE)
    words.caption(escape_markdown(page.describe()))  # numbers only, escaped all the same
    for param, value, default in (("rows", page.size, PAGE_SIZE), ("page", page.number, 1)):
        if value == default:
            st.query_params.pop(param, None)
        elif st.query_params.get(param) != str(value):
            st.query_params[param] = str(value)
    return page


def show_page(
    name: str,
    frame: pd.DataFrame,
    page: Page,
    places: Mapping[str, str],
    on_row: Callable[[str], None],
) -> None:
    """One page of a table, formatted for reading (only its rows: formatting a million amounts
    took minutes); a click on a row calls `on_row` with its figure_id, before the page reruns."""
    rows = frame.iloc[page.start : page.stop]
    ids = rows["figure_id"].tolist()
    shown = shown_frame(name, rows, places)
    key = f"{DATA_TABLE}-{page.size}-{page.number}-{ids[0] if ids else ''}"

    def picked() -> None:
        chosen = st.session_state.get(key, {}).get("selection", {}).get("rows", [])
        if chosen and chosen[0] < len(ids):
            on_row(ids[chosen[0]])

    st.dataframe(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        column_config=column_config(name, shown),
        on_select=picked,
        selection_mode="single-row",
    )


DICTIONARY_CSS = """<style>
.dictionary-box { overflow-x: auto; }
.data-dictionary { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
.data-dictionary th, .data-dictionary td { border-bottom: 1px solid rgba(49, 51, 63, 0.2);
  padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.data-dictionary td:nth-child(-n+2) { white-space: nowrap; }
.data-dictionary td:last-child { min-width: 16rem; }  /* a phone scrolls, a line stays readable */
</style>"""


# A run of Latin-script words in a translated description: the data's own words (quoted values,
# column names, codes, formats) that the translation keeps as they are
LATIN_RUN = re.compile(r"[A-Za-z][\w.\-/$<>\[\]]*(?:[ ,]+[A-Za-z][\w.\-/$<>\[\]]*)*")


def said_html(text: str) -> str:
    """A description in the reader's language as HTML, escaped, its runs of Latin-script words
    (the data's own words it keeps) marked lang="en" (in English it is all English)."""
    if current_language() == "en":
        return html.escape(text)
    out, last = [], 0
    for run in LATIN_RUN.finditer(text):
        out += [
            html.escape(text[last : run.start()]),
            f'<span lang="en">{html.escape(run[0])}</span>',
        ]
        last = run.end()
    return "".join([*out, html.escape(text[last:])])


def dictionary_html(table: schema.Table) -> str:
    """A table's data dictionary as an HTML table that wraps: headers in the reader's language,
    the machine names, types and allowed values as code (the files' contract), and the schema's
    descriptions in the reader's language (one the catalog lacks stays in the schema's English,
    marked lang="en"), every cell escaped."""
    heads = (_("Field"), _("Type"), _("Required"), _("Allowed values"), _("Description"))
    yes, no = _("yes"), _("no")
    rows = []
    for row, field in zip(schema.dictionary_rows(table), table.fields, strict=True):
        said = str(row["description"])
        english = (
            ' lang="en"'
            if said and said == field.description and current_language() != "en"
            else ""
        )
        allowed = ", ".join(
            f"<code>{html.escape(v)}</code>" for v in str(row["allowed"]).split(", ") if v
        )
        rows.append(
            f"<tr><td><code>{html.escape(str(row['field']))}</code></td>"
            f"<td><code>{html.escape(str(row['type']))}</code></td>"
            f"<td>{yes if row['required'] else no}</td><td>{allowed}</td>"
            f"<td{english}>{said_html(said) if not english else html.escape(said)}</td></tr>"
        )
    label = _("Data dictionary") + ": " + table.name  # a box that scrolls sideways is named
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in heads)
    path = f"<p><code>data/{html.escape(table.path)}</code></p>"
    return (
        f'{DICTIONARY_CSS}{path}<div class="dictionary-box" tabindex="0" role="region" '
        f'aria-label="{html.escape(label)}"><table class="data-dictionary">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def show_reference_tables(frames: Mapping[str, pd.DataFrame], places: Mapping[str, str]) -> None:
    """The reference tables, one tab each, formatted like the claims."""
    st.subheader(_("Reference tables"), anchor=False)
    names = [n for n in REFERENCE_TABLES if n in frames]
    for tab, name in zip(
        st.tabs([pgettext("table", schema.table(n).title) for n in names]), names, strict=True
    ):
        with tab:
            frame = shown_frame(name, frames[name], places)
            st.dataframe(
                frame,
                hide_index=True,
                width="stretch",
                key=f"ref_{name}",
                column_config=column_config(name, frame),
            )


def show_dictionary() -> None:
    """Every table's data dictionary, folded, its file's path shown as code inside."""
    st.subheader(_("Data dictionary"), anchor=False)
    if current_language() != "en":  # the schema is the files' contract: its names stay
        st.caption(
            _("Field names, types and allowed values are the files' own and stay as they are.")
        )
    for table in schema.tables().values():
        with st.expander(escape_markdown(pgettext("table", table.title))):
            st.html(dictionary_html(table))  # a table wraps: nothing cut
