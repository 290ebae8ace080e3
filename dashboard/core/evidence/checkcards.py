"""A claim check with everything it links to, and its card as escaped HTML (for st.html).

The card shows the verdict as a badge (colour plus words), the quote, the claim's interval, the
cited organisation's figure and the newest edition with their links, what differs in what they
measure, what was searched, and the reasoning. Every source word is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.base.i18n import N_, Messages, _, current_language, pgettext
from dashboard.core.base.palette import NEUTRAL
from dashboard.core.data.checks import VERDICT_COLOURS
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.evidence.provenance import BASIS, original_note
from dashboard.core.text import ukrainian
from dashboard.core.text.quantities import format_quantity

Row = dict[str, Any]


@dataclass(frozen=True)
class CheckCard:
    """One check joined to its claim, the claim's source, and the reference facts it cites."""

    check: Row
    claim: Row
    source: Row | None
    cited: Row | None
    newest: Row | None
    publishers: dict[str, list[str]]  # assessment_id -> publishers

    @property
    def check_id(self) -> str:
        """The check's id, as in ?check=ID."""
        return str(self.check["check_id"])

    @property
    def verdict(self) -> str:
        """The verdict words."""
        return str(self.check["verdict"])

    def facts(self) -> list[Row]:
        """The reference facts the card draws, cited first, each once."""
        out = [f for f in (self.cited, self.newest) if f is not None]
        return out[:1] if len(out) == 2 and out[0]["fact_id"] == out[1]["fact_id"] else out


def _by_id(frame: pd.DataFrame, key: str) -> dict[str, Row]:
    return {str(r[key]): r for r in frame.to_dict("records")}


def check_cards(dataset: Dataset, figures: pd.DataFrame | None = None) -> list[CheckCard]:
    """Every check whose claim is in `figures` (all claims by default), in file order."""
    figures = dataset.figures if figures is None else figures
    checked = dataset.frames["checks"]["figure_id"]
    # only the checked claims become records: a million rows as dicts took 80 s and 1.5 GB
    claims = _by_id(figures[figures["figure_id"].isin(checked)], "figure_id")
    facts = _by_id(dataset.frames["assessment_figures"], "fact_id")
    sources = _by_id(dataset.frames["sources"], "source_id")
    pubs = dataset.frames["assessment_publishers"]
    publishers = {str(a): list(p["publisher"]) for a, p in pubs.groupby("assessment_id")}
    return [
        CheckCard(
            check=row,
            claim=claims[row["figure_id"]],
            source=sources.get(claims[row["figure_id"]]["source_id"]),
            cited=facts.get(row["cited_fact_id"]),
            newest=facts.get(row["newest_fact_id"]),
            publishers=publishers,
        )
        for row in dataset.frames["checks"].to_dict("records")
        if row["figure_id"] in claims
    ]


def card_for_claim(cards: list[CheckCard], figure_id: str) -> CheckCard | None:
    """The check of one claim, if it has one."""
    return next((c for c in cards if c.claim["figure_id"] == figure_id), None)


def fact_amount(fact: Mapping[str, Any]) -> str:
    """'almost $588 bn' or 'around 3.7 million people': the value with its qualifier."""
    value = float(fact["value"])
    if current_language() == "uk":
        said = str(fact["qualifier"]) if fact.get("qualifier") else ""
        hedge = ukrainian.hedge(said) + " " if said else ""
        return hedge + ukrainian.amount(value, str(fact["unit"]))
    qualifier = f"{fact['qualifier']} " if fact.get("qualifier") else ""
    if fact["unit"] == "USD":
        return f"{qualifier}${value / 1e9:,.4g} bn"
    if fact["unit"] == "people" and value >= 1e6:
        return f"{qualifier}{value / 1e6:,.4g} million people"
    return f"{qualifier}{value:,.4g} {fact['unit']}"


def fact_label(fact: Mapping[str, Any]) -> str:
    """'RDNA2 needs, all sectors: $411 bn (published 2023-03-23)'."""
    what = fact["indicator"] or measure_name(str(fact["measure"]))
    scope = _("all sectors") if fact["sector"] == "all" else sector_name(str(fact["sector"]))
    return _("{assessment} {measure}, {scope}: {amount} (published {date})").format(
        assessment=fact["assessment"],
        measure=what,
        scope=scope,
        amount=fact_amount(fact),
        date=fact["published"],
    )


def claim_amount(claim: Mapping[str, Any]) -> str:
    """The claim's interval in words, hedge kept."""
    return format_quantity(quantity_of(pd.Series(claim)))


# The verdicts as checks.csv writes them, in the interface's language.
VERDICTS = Messages(
    {
        "consistent": N_("consistent"),
        "consistent but dated": N_("consistent but dated"),
        "overstated": N_("overstated"),
        "understated": N_("understated"),
        "not found at the cited organisation": N_("not found at the cited organisation"),
        "not checkable": N_("not checkable"),
    }
)
# How a reference figure was read (reference tables' `verification`), for the catalog.
VERIFICATION_WORDS = (N_("primary"), N_("secondary"))


def verdict_name(verdict: str) -> str:
    """A verdict in the interface's language; an unknown one as written."""
    return VERDICTS.get(verdict, verdict)


def _english(text: str) -> str:
    """Curated English words, escaped and marked as English (empty stays empty)."""
    if not text:
        return ""
    return f'<span lang="en">{html.escape(text)}</span>'


def badge_html(verdict: str) -> str:
    """The verdict as a labelled badge: white words on the verdict's colour (AA contrast)."""
    colour = VERDICT_COLOURS.get(verdict, NEUTRAL)
    return (
        f'<span class="verdict" style="display:inline-block;background:{colour};color:#FFFFFF;'
        f'padding:2px 10px;border-radius:12px;font-weight:600">{html.escape(verdict_name(verdict))}</span>'
    )


def _link(url: object, label: str) -> str:
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'
    return html.escape(label) + " " + html.escape(_("(address not kept)"))


def _fact_cell(card: CheckCard, fact: Row | None, missing: str) -> str:
    if fact is None:
        return html.escape(missing)
    publishers = "; ".join(card.publishers.get(str(fact["assessment_id"]), [])) or pgettext(
        "value", "not stated"
    )
    said = _("by {publishers} · read in {outlet} · {verification}").format(
        publishers=html.escape(publishers),
        outlet=_link(fact.get("url"), str(fact["read_in"])),
        verification=html.escape(_(str(fact["verification"]))),
    )
    return f"{html.escape(fact_label(fact))}<br><span style='color:{NEUTRAL}'>{said}</span>"


def card_html(card: CheckCard, link: str | None = None) -> str:
    """The whole card: badge, quote, the three figures with links, mismatch, search, reasoning."""
    claim, check = card.claim, card.check
    org = html.escape(str(claim["attributed_to"]))
    said_basis = str(claim["attribution_basis"])
    basis = html.escape(_(BASIS[said_basis]) if said_basis in BASIS else "")
    # The curators' words (what differs, what was searched, the reasoning) are English data:
    # marked lang="en" so a reader in another language (and a screen reader) knows.
    rows = [
        (
            _("Claim"),
            _("{amount} · attributed to {organisation} ({basis})").format(
                amount=html.escape(claim_amount(claim)), organisation=org, basis=basis
            ),
        ),
        (_("Cited organisation's figure"), _fact_cell(card, card.cited, _("none found"))),
        (
            _("Newest edition"),
            _fact_cell(card, card.newest, _("none in the reference tables")),
        ),
        (
            _("Measures differ in"),
            _english(str(check["mismatch"])) or html.escape(_("nothing: same measure")),
        ),
        (
            _("Searched"),
            _english(str(check["searched"])) or html.escape(pgettext("value", "not stated")),
        ),
        (_("Reasoning"), _english(str(check["reasoning"]))),
        (_("Checked"), html.escape(f"{pd.Timestamp(check['checked']):%Y-%m-%d}")),
    ]
    table = "".join(
        f'<tr><th style="text-align:left;padding-right:12px;color:{NEUTRAL};font-weight:500;'
        f'vertical-align:top">{html.escape(k)}</th><td>{v}</td></tr>'
        for k, v in rows
    )
    head = f"{badge_html(card.verdict)} <code>{html.escape(card.check_id)}</code>"
    if link:
        words = html.escape(_("open this check"))
        head += f' · <a href="{html.escape(link)}" target="_self">{words}</a>'
    quote = (
        original_note()
        + f"<blockquote lang='en' style='margin:8px 0'>“{html.escape(str(claim['quote']))}”</blockquote>"
    )
    return (
        f'<div class="check-card">{head}{quote}'
        f'<table class="provenance" style="border-collapse:collapse;font-size:0.95em">{table}</table></div>'
    )
