"""Headline numbers for the Overview: one card per sector."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from dashboard.core.base.palette import sector_colour
from dashboard.core.data.claims import quantity_of
from dashboard.core.text.quantities import short_quantity
from dashboard.core.visuals.charts import distinct_costs

MAX_LISTED = 3  # figures listed on a card; the rest are counted


@dataclass(frozen=True)
class SectorCard:
    """A sector's headline: claim count and its stated cost intervals, hedges kept."""

    sector: str
    colour: str
    claims: int
    costs: tuple[str, ...]  # "US$10–100 bn a year · losses · World Bank"
    words: tuple[str, ...] = ()  # the source's own words for each cost, hedge included

    @property
    def cost_text(self) -> str:
        """The cost intervals as one line, or 'no cost figure stated'."""
        return "; ".join(self.costs) if self.costs else "no cost figure stated"

    @property
    def html(self) -> str:
        """The card as escaped HTML."""
        words = (*self.words, *[""] * (len(self.costs) - len(self.words)))
        costs = (
            "".join(
                f"<li>{html.escape(c)}"
                + (f'<br><q style="color:#4d4d4d">{html.escape(w)}</q>' if w else "")
                + "</li>"
                for c, w in zip(self.costs, words, strict=True)
            )
            or "<li><em>no cost figure stated</em></li>"
        )
        plural = "s" if self.claims != 1 else ""
        return (
            f'<div class="sector-card"><div style="font-weight:600"><span style="color:{self.colour}" aria-hidden="true">■</span> '
            f"{html.escape(self.sector)}</div>"
            f'<div style="line-height:1.2"><span style="font-size:2em">{self.claims}</span> claim{plural}</div>'
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


def sector_cards(figures: pd.DataFrame, sectors: tuple[str, ...]) -> list[SectorCard]:
    """One card per sector present in `figures`, in declared order."""
    cards = []
    counts = figures["sector"].value_counts()
    stated = distinct_costs(figures[figures["bound"] != "none"], max_bars=10**9)
    for sector in sectors:
        if not counts.get(sector):
            continue
        mine = stated[stated["sector"] == sector]
        listed = mine.head(MAX_LISTED)
        texts = [
            " · ".join([short_quantity(quantity_of(r)), str(r["measure"]), str(r["attributed_to"])])
            for _, r in listed.iterrows()
        ]
        words = [f"{r['figure_text']}" for _, r in listed.iterrows()]
        if len(mine) > MAX_LISTED:
            texts.append(f"and {len(mine) - MAX_LISTED} more distinct figures (see the Data page)")
        cards.append(
            SectorCard(
                sector, sector_colour(sector), int(counts[sector]), tuple(texts), tuple(words)
            )
        )
    return cards
