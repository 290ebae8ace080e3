"""A sector's story on one screen: what the article says (every claim, its words, who it is
attributed to, the amount with its hedge, the check verdict), what the reference assessments say
(the newest figure per measure, with the earlier ones), and the attacks on Kyiv whose reports
name the sector's targets. Plain values and escaped HTML; the page decides how to show them."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.base.i18n import N_, Messages, _, current_language, format_date
from dashboard.core.base.palette import NEUTRAL, sector_colour
from dashboard.core.data import kyiv
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.evidence import checkcards, provenance
from dashboard.core.text.quantities import short_quantity

MEASURES = ("needs", "damage", "losses")  # the money measures, never added to each other
# Whose reference figures a sector's claims are set beside: a cross-sector claim spans the economy.
REFERENCE_SCOPE = {"cross-sector": "all"}
SCOPE_LABELS = Messages({"all": N_("all sectors")})
QUOTE_CHARS = 220  # a quote longer than this is cut with an ellipsis; the evidence has it whole
MAX_CLAIMS = 50  # claims listed in a story (those with an amount first); the Data page lists all
HIT_CHARS = 140  # what an attack hit, cut likewise (the evidence panel has every word)
Href = Callable[[str], str]  # a selection ("claim:ID") -> the link that opens its evidence


@dataclass(frozen=True)
class ClaimLine:
    """One claim of the article as one short line."""

    ref: str
    sector: str
    measure: str
    words: str  # the quote, verbatim (cut with " …" past QUOTE_CHARS)
    attribution: str  # "attributed to UNDP (named in the sentence)" or "the article's own claim"
    amount: str | None  # the interval as read ("US$10–100 bn a year"); None without a number
    verdict: str | None  # the check's verdict, when the claim is checked


@dataclass(frozen=True)
class ReferenceLine:
    """The newest reference figure of one measure for a sector, and the earlier ones."""

    ref: str
    sector: str
    measure: str
    amount: str  # "nearly $91 bn": the value with its qualifier
    assessment: str
    publishers: tuple[str, ...]
    published: str  # "Feb 2026"
    earlier: tuple[str, ...]  # "RDNA4, published Feb 2025: $68 bn", newest first


@dataclass(frozen=True)
class AttackLine:
    """A large attack on Kyiv whose reports name a target of the sector."""

    ref: str
    day: str
    weapons: str
    toll: str
    hit: str


@dataclass(frozen=True)
class Story:
    """What the sources say about the chosen sectors."""

    sectors: tuple[str, ...]
    claims: tuple[ClaimLine, ...]
    references: tuple[ReferenceLine, ...]
    attacks: tuple[AttackLine, ...]
    attack_words: tuple[str, ...]  # the words the attack reports were searched for
    claims_total: int = -1  # claims in the selection (-1: as many as `claims` lists)

    @property
    def claims_in_view(self) -> int:
        return len(self.claims) if self.claims_total < 0 else self.claims_total


def _month(value: object) -> str:
    """'Feb 2026' from a date; text dates as they are; 'date not stated' when empty."""
    if isinstance(value, pd.Timestamp):
        return _month_words(value)
    text = "" if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]
    if len(text) in (7, 10):  # YYYY-MM or YYYY-MM-DD
        try:
            return _month_words(pd.Timestamp(text))
        except ValueError:
            return text
    return text or _("date not stated")


def _month_words(day: pd.Timestamp) -> str:
    """'Feb 2026' / 'лют. 2026'."""
    return f"{day:%b %Y}" if current_language() == "en" else format_date(day.date(), "LLL y")


def _attribution(claim: Mapping[str, Any]) -> str:
    who, basis = str(claim["attributed_to"]), str(claim["attribution_basis"])
    if who in ("article", "unattributed") or basis == "none":
        return _(provenance.BASIS["none"])
    said = _(provenance.BASIS[basis]) if basis in provenance.BASIS else basis
    return _("attributed to {organisation} ({basis})").format(organisation=who, basis=said)


def claim_lines(dataset: Dataset, figures: pd.DataFrame) -> tuple[ClaimLine, ...]:
    """The claims in `figures`, those with an amount first, then in the order of the text; at
    most MAX_CLAIMS of them (the story says how many there are)."""
    cards = checkcards.check_cards(dataset, figures)
    ordered = figures.assign(_has=figures["bound"] == "none").sort_values(
        ["_has", "source_id", "start"], kind="stable"
    )
    lines = []
    for claim in ordered.head(MAX_CLAIMS).to_dict("records"):  # a million rows stay rows
        card = checkcards.card_for_claim(cards, str(claim["figure_id"]))
        lines.append(
            ClaimLine(
                ref=f"claim:{claim['figure_id']}",
                sector=str(claim["sector"]),
                measure=str(claim["measure"]),
                words=textwrap.shorten(str(claim["quote"]), QUOTE_CHARS, placeholder=" …"),
                attribution=_attribution(claim),
                amount=None if claim["bound"] == "none" else short_quantity(quantity_of(claim)),
                verdict=card.verdict if card is not None else None,
            )
        )
    return tuple(lines)


def _reference_line(
    ranked: list[dict[str, Any]], scope: str, what: str, pubs: pd.DataFrame
) -> ReferenceLine:
    newest = ranked[0]
    return ReferenceLine(
        ref=f"fact:{newest['fact_id']}",
        sector=scope,
        measure=what,
        amount=checkcards.fact_amount(newest),
        assessment=str(newest["assessment"]),
        publishers=tuple(pubs[pubs["assessment_id"] == newest["assessment_id"]]["publisher"]),
        published=_month(newest["published"]),
        earlier=tuple(
            _("{assessment}, published {date}: {amount}").format(
                assessment=f["assessment"],
                date=_month(f["published"]),
                amount=checkcards.fact_amount(f),
            )
            for f in ranked[1:]
        ),
    )


def reference_lines(dataset: Dataset, filters: Filters) -> tuple[ReferenceLine, ...]:
    """Per chosen sector, the newest assessment figure of each money measure of that very sector
    (then of each other indicator, such as the share of housing damaged), with the earlier
    figures of the same measure. Cross-sector claims are set beside the whole-economy figures.
    As on the assessments chart, the measure and place filters apply (an indicator shows only
    when no measure is chosen); organisation and source choose claims, not references."""
    facts = dataset.frames["assessment_figures"]
    pubs = dataset.frames["assessment_publishers"]
    if filters.geography:
        facts = facts[facts["geography"].isin(filters.geography)]
    measures = [m for m in MEASURES if not filters.measure or m in filters.measure]
    out = []
    for sector in filters.sector:
        scope = REFERENCE_SCOPE.get(sector, sector)
        mine = facts[facts["sector"] == scope]
        groups = [(m, mine[(mine["measure"] == m) & (mine["unit"] == "USD")]) for m in measures]
        if not filters.measure:
            indicators = mine[mine["measure"] == "indicator"]
            groups += [(str(i), part) for i, part in indicators.groupby("indicator", sort=False)]
        for what, same in groups:
            if same.empty:
                continue
            ranked = same.sort_values("published", ascending=False, kind="stable")
            label = SCOPE_LABELS.get(scope, scope)
            out.append(_reference_line(ranked.to_dict("records"), label, what, pubs))
    return tuple(out)


def attack_lines(dataset: Dataset, sectors: tuple[str, ...]) -> tuple[AttackLine, ...]:
    """The attacks whose reports name a target of one of `sectors`, newest first."""
    if not any(s in kyiv.SECTOR_WORDS for s in sectors):
        return ()
    attacks = kyiv.attacks_in_view(dataset.frames["kyiv_attacks"], sectors)
    return tuple(
        AttackLine(
            ref=f"attack:{a['attack_id']}",
            day=f"{a['date']:%Y-%m-%d}",
            weapons=kyiv.weapons_text(a),
            toll=kyiv.toll_text(a),
            hit=textwrap.shorten(str(a["what_was_hit"]), HIT_CHARS, placeholder=" …"),
        )
        for a in attacks.sort_values("date", ascending=False).to_dict("records")
    )


def build_story(dataset: Dataset, filters: Filters) -> Story:
    """The story of the filtered claims and of the chosen sectors' references and attacks."""
    figures = apply_filters(dataset.figures, filters)
    return Story(
        sectors=tuple(filters.sector),
        claims=claim_lines(dataset, figures),
        claims_total=len(figures),
        references=reference_lines(dataset, filters),
        attacks=attack_lines(dataset, tuple(filters.sector)),
        attack_words=tuple(w for s in filters.sector for w in kyiv.SECTOR_WORDS.get(s, ())),
    )


# ---- HTML: every value escaped; links open the evidence (plain links: keyboard and no JS) ----

_LIST = 'style="list-style:none;margin:0;padding:0"'
_ITEM = 'style="margin:0 0 0.6rem 0;padding-left:0.6rem;border-left:4px solid {colour}"'
_MUTED = f"color:{NEUTRAL}"


def _chip(text: str) -> str:
    return (
        '<span style="display:inline-block;border:1px solid #595959;border-radius:0.6rem;'
        f'padding:0 0.45rem;font-size:0.85em;white-space:nowrap">{html.escape(text)}</span>'
    )


def claims_html(lines: tuple[ClaimLine, ...], href: Href, selected: str | None = None) -> str:
    """The article's claims as a list: quote as a link to its evidence (marked as English, the
    source's language), then who, how much, verdict (the sector is named only when the list
    holds more than one)."""
    several = len({line.sector for line in lines}) > 1
    items = []
    for line in lines:
        measure = measure_name(line.measure)
        facts = [
            f"{sector_name(line.sector)} · {measure}" if several else measure,
            line.attribution,
        ]
        if line.amount:
            facts.insert(0, _("read as {amount}").format(amount=line.amount))
        meta = " · ".join(html.escape(f) for f in facts)
        verdict = (
            " " + _chip(_("check: {verdict}").format(verdict=checkcards.verdict_name(line.verdict)))
            if line.verdict
            else ""
        )
        chosen = ' aria-current="true" style="font-weight:600"' if line.ref == selected else ""
        items.append(
            f"<li {_ITEM.format(colour=sector_colour(line.sector))}>"
            f'<a href="{html.escape(href(line.ref))}" target="_self" lang="en"{chosen}>'
            f"“{html.escape(line.words)}”</a>"
            f'<br><span style="font-size:0.9em">{meta}</span>{verdict}</li>'
        )
    return f'<ul class="story-claims" {_LIST}>{"".join(items)}</ul>'


def references_html(lines: tuple[ReferenceLine, ...], href: Href) -> str:
    """The newest figure per sector and measure, its publisher and date, the earlier figures
    (publishers' names and indicators as the sources write them, marked as English)."""
    items = []
    not_stated = html.escape(_("publisher not stated"))
    before = html.escape(_("earlier:"))
    for line in lines:
        who = (
            f'<span lang="en">{html.escape(", ".join(line.publishers))}</span>'
            if line.publishers
            else not_stated
        )
        earlier = (
            f'<br><span style="font-size:0.9em;{_MUTED}">{before} '
            f"{html.escape('; '.join(line.earlier))}</span>"
            if line.earlier
            else ""
        )
        known = line.measure in MEASURES
        what = html.escape(measure_name(line.measure)) if known else html.escape(line.measure)
        what = what if known else f'<span lang="en">{what}</span>'
        items.append(
            f"<li {_ITEM.format(colour=NEUTRAL)}>"
            f"<strong>{html.escape(sector_name(line.sector))} · {what}</strong>: "
            f'<a href="{html.escape(href(line.ref))}" target="_self">{html.escape(line.amount)}</a>'
            f" ({html.escape(line.assessment)}, {html.escape(line.published)}; "
            f"{who}){earlier}</li>"
        )
    return f'<ul class="story-references" {_LIST}>{"".join(items)}</ul>'


def attacks_html(lines: tuple[AttackLine, ...], href: Href) -> str:
    """The attacks as a list: date as a link to the attack on the Map, counts with hedges, and
    what was hit as the report words it (marked as English)."""
    items = [
        f"<li {_ITEM.format(colour=NEUTRAL)}>"
        f'<a href="{html.escape(href(line.ref))}" target="_self">{html.escape(line.day)}</a>'
        f" · {html.escape(line.weapons)} · {html.escape(line.toll)}"
        f'<br><span style="font-size:0.9em" lang="en">{html.escape(line.hit)}</span></li>'
        for line in lines
    ]
    return f'<ul class="story-attacks" {_LIST}>{"".join(items)}</ul>'
