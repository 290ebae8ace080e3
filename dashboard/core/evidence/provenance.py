"""The one provenance renderer: quote in context, locator, attribution, citation, licence, link.

Everything here returns escaped HTML (for st.html, never Markdown) or plain text (for decks,
exports and tooltips). Every page and export draws provenance through these functions.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from dashboard.core.base.i18n import N_, _, current_language, format_date, pgettext
from dashboard.core.base.palette import NEUTRAL, sector_colour
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.names import district_name, measure_name, sector_name
from dashboard.core.evidence.credits import document_name
from dashboard.core.evidence.reader import render_passage_html
from dashboard.core.evidence.refs import locate_in_words, passage
from dashboard.core.text import ukrainian
from dashboard.core.text.quantities import format_quantity

VERIFICATION = {
    "primary": N_("primary — read on the publisher's own page"),
    "secondary": N_("secondary — read in a page that attributes it to the publisher"),
}
NOT_STATED = "not stated"
# How a claim's attribution was read: the one wording, for the evidence panel and check cards.
BASIS = {
    "sentence": N_("named in the sentence"),
    "paragraph": N_("named earlier in the paragraph"),
    "none": N_("the article's own claim"),
}


def _verification(value: object) -> str:
    return _(VERIFICATION[str(value)]) if str(value) in VERIFICATION else str(value)


def original_note() -> str:
    """In a language other than English, a line saying the quote below is the source's own
    English (quotes are never translated)."""
    if current_language() == "en":
        return ""
    note = _("The quote is shown in the original English.")
    return f'<p class="original-note" style="margin:0 0 0.25rem 0;font-size:0.85em;color:{NEUTRAL}">{html.escape(note)}</p>'


def _e(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return html.escape(text if text else pgettext("value", NOT_STATED))


def _link(url: object, label: object) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return _e(label)
    return f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{html.escape(str(label))}</a>'


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><th style="text-align:left;padding-right:12px;color:{NEUTRAL};font-weight:500;vertical-align:top">{html.escape(_(k))}</th><td>{v}</td></tr>'
        for k, v in pairs
    )
    return f'<table class="provenance" style="border-collapse:collapse;font-size:0.95em">{cells}</table>'


def amount_text(row: Mapping[str, object]) -> str:
    """The claim's amount with its hedge, or 'no figure stated'."""
    if row["bound"] == "none":
        return _("no figure stated (qualitative claim)")
    return format_quantity(quantity_of(pd.Series(row)))


def claim_html(
    row: Mapping[str, object],
    text: str | None,
    source: Mapping[str, object] | None,
    geography_label: str = "",
) -> str:
    """Evidence for one claim: its paragraph with the quote highlighted, then its provenance."""
    start, end = int(row["start"]), int(row["end"])  # type: ignore[call-overload]
    if text is not None:
        p = passage(text, start, end)
        body = render_passage_html(p.before, p.quote, p.after, str(row["sector"]))
    else:
        missing = html.escape(_("Seed text unavailable."))
        body = f"<p lang='en'><mark>{html.escape(str(row['quote']))}</mark></p><p><em>{missing}</em></p>"
    chip = f'<span style="display:inline-block;width:0.8em;height:0.8em;border-radius:2px;background:{sector_colour(str(row["sector"]))};margin-right:4px"></span>'
    attribution = _link(row.get("attributed_url"), row["attributed_to"])
    pairs = [
        (
            N_("Attributed to"),
            f"{attribution} ({html.escape(_(BASIS[str(row['attribution_basis'])]) if str(row['attribution_basis']) in BASIS else '')})",
        ),
        (N_("Amount"), _e(amount_text(row))),
        (
            N_("Sector · measure"),
            f"{chip}{_e(sector_name(str(row['sector'])))} · {_e(measure_name(str(row['measure'])))}",
        ),
        (N_("Place"), _e(geography_label or row["geography"])),
        (
            N_("Where"),
            _locator(text, start, end, document_name(source) if source is not None else None),
        ),
        # the document by name: its long description is shown once per page, not per claim
        (N_("Source"), _e(document_name(source)) if source is not None else _e(None)),
        (
            N_("Claim"),
            f'<code style="word-break:normal;overflow-wrap:normal">{_e(row["figure_id"])}</code>',
        ),
    ]
    if row.get("note"):
        pairs.append((N_("Note"), _e(row["note"])))
    return f'<div class="evidence">{original_note()}<div lang="en">{body}</div>{_rows(pairs)}</div>'


def _locator(text: str | None, start: int, end: int, document: object) -> str:
    """'paragraph 5, sentence 2', with the exact characters in a detail, of the document by its
    name (people read a title; the seed's file name is in the citations and the data)."""
    words = locate_in_words(text, start, end) if text is not None else _("position")
    where = _("characters {start}–{end} of {document}").format(
        start=start, end=end, document=_e(document)
    )
    return f"<details><summary>{html.escape(words)}</summary>{where}</details>"


def _day(value: object) -> str:
    """A date as YYYY-MM-DD; an empty one as 'not stated', never 'NaT'."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return pgettext("value", "not stated")
    return str(value)[:10]


def fact_html(fact: Mapping[str, object], publishers: list[str]) -> str:
    """Evidence for one reference fact: value with qualifier, publishers, where read, verification."""
    value = float(fact["value"])  # type: ignore[arg-type]
    uk = current_language() == "uk"
    if fact["unit"] == "USD":
        amount = ukrainian.amount(value, "USD") if uk else f"${value / 1e9:,.4g} bn"
    else:
        amount = f"{value:g} {fact['unit']}"
    said = str(fact["qualifier"]) if fact.get("qualifier") else ""
    qualifier = (ukrainian.hedge(said) if uk else said) + " " if said else ""
    pairs = [
        (N_("Assessment"), _e(fact["assessment"])),
        (N_("Figure"), _e(f"{qualifier}{amount}")),
        (N_("Measure"), _e(fact["indicator"] or fact["measure"])),
        (N_("Sector"), _e(sector_name(str(fact["sector"])))),
        (N_("Period to"), _e(_day(fact["period_end"]))),
        (N_("Publishers"), _e("; ".join(publishers))),
        (N_("Published"), _e(fact["published"])),
        (
            N_("Read in"),
            _link(fact.get("url"), fact["read_in"])
            + ("" if fact.get("url") else " " + html.escape(_("(address not kept)"))),
        ),
        (N_("Verification"), _e(_verification(fact["verification"]))),
    ]
    if fact.get("note"):
        pairs.append((N_("Note"), _e(fact["note"])))
    return f'<div class="evidence reference">{_rows(pairs)}</div>'


def sources_html(sources: pd.DataFrame) -> str:
    """The source documents described once: citation, published, accessed, licence, link."""
    blocks = []
    for source in sources.to_dict("records"):
        pairs = [
            (N_("Citation"), _e(source["citation"])),
            (N_("Published"), _e(source["published"])),
            (N_("Accessed"), _e(str(source["accessed"])[:10])),
            (N_("Licence"), _e(source["licence"])),
            (N_("Address"), _link(source.get("url"), source.get("url") or NOT_STATED)),
        ]
        blocks.append(f"<p><strong>{_e(document_name(source))}</strong></p>{_rows(pairs)}")
    return f'<div class="evidence sources">{"".join(blocks)}</div>'


def as_of(sources: pd.DataFrame, version: str) -> str:
    """'2026-11-25 (data version abc123)': the latest access date of any source, and the data hash."""
    dates = pd.to_datetime(sources["accessed"])
    if not len(dates):
        latest = pgettext("value", NOT_STATED)
    elif current_language() == "en":
        latest = dates.max().strftime("%Y-%m-%d")
    else:  # "27 листопада 2026"
        latest = format_date(dates.max().date())
    return _("{date} (data version {version})").format(date=latest, version=version)


def attack_html(attack: Mapping[str, object], districts: list[str] | None = None) -> str:
    """One attack on Kyiv: date, counts as first reported with their hedges ('not reported' is
    not zero), the districts reported hit, what was hit, where it was read."""
    from dashboard.core.data.kyiv import (  # geometry loads only when asked
        toll_text,
        weapons_text,
    )

    scope = _("scope not stated")
    pairs = [
        (N_("Date"), _e(f"{attack['date']:%Y-%m-%d}")),
        (N_("Launched"), _e(weapons_text(dict(attack)))),
        (
            N_("In the city"),
            _e(f"{toll_text(dict(attack))} ({attack['casualty_scope'] or scope})"),
        ),
        (N_("What was hit"), _e(attack["what_was_hit"])),
        (
            N_("Districts hit"),
            _e(", ".join(district_name(d) for d in districts or []) or _("not reported")),
        ),
        (
            N_("Read in"),
            _link(attack.get("url"), attack["read_in"])
            + ("" if attack.get("url") else " " + html.escape(_("(address not kept)"))),
        ),
        (N_("Verification"), _e(_verification(attack["verification"]))),
    ]
    return f'<div class="evidence attack">{_rows(pairs)}</div>'
