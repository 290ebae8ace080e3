"""Headline numbers for the Overview: one card per sector, with reference figures beside a
sector whose article states no cost (marked as such, never mixed with the article's words)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from dashboard.core.base.i18n import _, current_language, format_date, ngettext
from dashboard.core.base.palette import sector_colour
from dashboard.core.data.checks import MONEY_MEASURES, SECTOR_SCOPE
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.text.quantities import Quantity, format_quantity, short_quantity
from dashboard.core.visuals.charts import distinct_costs

MAX_LISTED = 3  # figures listed on a card; the rest are counted
# Reference lines are set apart from the article's words: a label, a dashed rule and text at
# 8.4:1 on white (WCAG AA needs 4.5:1), as the quotes on the card already are.
REFERENCE_STYLE = "margin-top:4px;padding-top:4px;border-top:1px dashed #767676;color:#4d4d4d"


@dataclass(frozen=True)
class ReferenceFigure:
    """A reference figure for a card: measure, amount with its qualifier, assessment, month."""

    measure: str
    amount: str  # "nearly US$91 bn": the qualifier kept (and ", all sectors" for a total)
    assessment: str
    published: str  # "Feb 2026"
    url: str

    @property
    def text(self) -> str:
        """'needs nearly US$91 bn (RDNA5, Feb 2026)'."""
        return f"{measure_name(self.measure)} {self.amount} ({self.assessment}, {self.published})"

    @property
    def html(self) -> str:
        """The line as escaped HTML, the assessment linked to where it was read (http only)."""
        name = html.escape(self.assessment)
        if self.url.startswith(("https://", "http://")):
            name = f'<a href="{html.escape(self.url)}" target="_blank" rel="noopener">{name}</a>'
        what = html.escape(f"{measure_name(self.measure)} {self.amount}")
        return f"{what} ({name}, {html.escape(self.published)})"


def month_year(published: object) -> str:
    """A publication date as 'Feb 2026'; a bare year as it is; anything else as written."""
    text = str(published)
    if len(text) == 4:
        return text
    try:
        day = pd.Timestamp(text)
        if current_language() == "en":
            return f"{day:%b %Y}"
        return format_date(day.date(), "LLL y")
    except ValueError:
        return text


def newest_references(facts: pd.DataFrame, sector: str) -> tuple[ReferenceFigure, ...]:
    """The newest dollar figure of each measure (damage, needs, losses) for a card's sector."""
    scope = SECTOR_SCOPE.get(sector, sector)
    mine = facts[(facts["sector"] == scope) & (facts["unit"] == "USD")]
    found = []
    for measure in MONEY_MEASURES:
        rows = mine[mine["measure"] == measure]
        if rows.empty:
            continue  # nothing is said for a measure without a figure
        fact = rows.loc[rows["published"].astype(str).idxmax()]
        value = float(fact["value"])
        amount = format_quantity(
            Quantity(
                value,
                value,
                "USD",
                "" if pd.isna(fact["qualifier"]) else str(fact["qualifier"]),
                False,
                "exact",
            )
        )
        if scope != sector:  # a cross-sector card's figure is a whole-economy total: say so
            amount += _(", all sectors")
        found.append(
            ReferenceFigure(
                measure,
                amount,
                str(fact["assessment"]),
                month_year(fact["published"]),
                str(fact["url"]),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class SectorCard:
    """A sector's headline: claim count and its stated cost intervals, hedges kept."""

    sector: str
    colour: str
    claims: int
    costs: tuple[str, ...]  # "US$10–100 bn a year · losses · World Bank"
    words: tuple[str, ...] = ()  # the source's own words for each cost, hedge included
    references: tuple[ReferenceFigure, ...] = ()  # only when the article states no cost

    @property
    def cost_text(self) -> str:
        """The cost intervals as one line, or 'no cost figure stated'."""
        return "; ".join(self.costs) if self.costs else _("no cost figure stated")

    @property
    def html(self) -> str:
        """The card as escaped HTML."""
        words = (*self.words, *[""] * (len(self.costs) - len(self.words)))
        none = (
            _("the article states no cost figure")
            if self.references
            else _("no cost figure stated")
        )
        reference = html.escape(_("Reference:"))
        costs = (
            "".join(
                f"<li>{html.escape(c)}"
                + (f'<br><q style="color:#4d4d4d">{html.escape(w)}</q>' if w else "")
                + "</li>"
                for c, w in zip(self.costs, words, strict=True)
            )
            or f"<li><em>{html.escape(none)}</em></li>"
        ) + "".join(
            f'<li class="reference" style="{REFERENCE_STYLE}"><strong>{reference}</strong> {r.html}</li>'
            for r in self.references
        )
        counted = html.escape(ngettext("claim", "claims", self.claims))
        return (
            f'<div class="sector-card"><div style="font-weight:600"><span style="color:{self.colour}" aria-hidden="true">■</span> '
            f"{html.escape(sector_name(self.sector))}</div>"
            f'<div style="line-height:1.2"><span style="font-size:2em">{self.claims}</span> {counted}</div>'
            f'<ul style="margin:4px 0 0 0;padding:0;list-style:none;font-size:0.85em;overflow-wrap:normal;hyphens:none">{costs}</ul></div>'
        )


def cards_row_html(cards: list[SectorCard]) -> str:
    """All cards as one row of bordered boxes (one element on the page, not one per card)."""
    boxes = "".join(
        '<div style="border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;'
        f'padding:0.75rem 1rem">{card.html}</div>'
        for card in cards
    )
    # As many columns as fit at 13 rem each: five on a laptop, two on a tablet, one on a phone;
    # a lone card (one sector chosen) fills the row instead of leaving four empty slots.
    grid = "display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,11.5rem),1fr));gap:0.75rem"
    return f'<div class="sector-cards" style="{grid}">{boxes}</div>'


def sector_cards(
    figures: pd.DataFrame, sectors: tuple[str, ...], facts: pd.DataFrame | None = None
) -> list[SectorCard]:
    """One card per sector present in `figures`, in declared order; a sector with no stated
    cost carries the newest reference figures of `facts` instead, marked as references."""
    cards = []
    counts = figures["sector"].value_counts()
    stated = distinct_costs(figures[figures["bound"] != "none"], max_bars=10**9)
    for sector in sectors:
        if not counts.get(sector):
            continue
        mine = stated[stated["sector"] == sector]
        listed = mine.head(MAX_LISTED)
        texts = [
            " · ".join(
                [
                    short_quantity(quantity_of(r)),
                    measure_name(str(r["measure"])),
                    str(r["attributed_to"]),
                ]
            )
            for _, r in listed.iterrows()
        ]
        words = [f"{r['figure_text']}" for _, r in listed.iterrows()]
        if len(mine) > MAX_LISTED:
            rest = len(mine) - MAX_LISTED
            texts.append(
                ngettext(
                    "and {n} more distinct figure (see the Data page)",
                    "and {n} more distinct figures (see the Data page)",
                    rest,
                ).format(n=rest)
            )
        references = newest_references(facts, sector) if facts is not None and not texts else ()
        cards.append(
            SectorCard(
                sector,
                sector_colour(sector),
                int(counts[sector]),
                tuple(texts),
                tuple(words),
                references,
            )
        )
    return cards
