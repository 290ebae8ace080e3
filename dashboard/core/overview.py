"""Headline numbers for the Overview: one card per sector."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from dashboard.core.charts import distinct_costs, quantity_of
from dashboard.core.palette import sector_colour
from dashboard.core.quantities import format_quantity

MAX_LISTED = 3  # figures listed on a card; the rest are counted


@dataclass(frozen=True)
class SectorCard:
    """A sector's headline: claim count and its stated cost intervals, hedges kept."""

    sector: str
    colour: str
    claims: int
    costs: tuple[str, ...]

    @property
    def cost_text(self) -> str:
        """The cost intervals as one line, or 'no cost figure stated'."""
        return "; ".join(self.costs) if self.costs else "no cost figure stated"

    @property
    def html(self) -> str:
        """The card as escaped HTML."""
        costs = (
            "".join(f"<li>{html.escape(c)}</li>" for c in self.costs)
            or "<li><em>no cost figure stated</em></li>"
        )
        return (
            f'<div class="sector-card"><div style="font-weight:600"><span style="color:{self.colour}">■</span> '
            f'{html.escape(self.sector)}</div><div style="font-size:2em;line-height:1.2">{self.claims}</div>'
            f'<div style="font-size:0.85em">claim{"s" if self.claims != 1 else ""}</div>'
            f'<ul style="margin:4px 0 0 1em;padding:0;font-size:0.85em">{costs}</ul></div>'
        )


def cards_row_html(cards: list[SectorCard]) -> str:
    """All cards as one row of bordered boxes (one element on the page, not one per card)."""
    boxes = "".join(
        '<div style="border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;'
        f'padding:0.75rem 1rem">{card.html}</div>'
        for card in cards
    )
    # A grid of five columns however many cards there are: one card keeps a card's width.
    grid = "display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:1rem"
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
        texts = [
            f"{format_quantity(quantity_of(r))} ({r['measure']}, {r['attributed_to']})"
            for _, r in mine.head(MAX_LISTED).iterrows()
        ]
        if len(mine) > MAX_LISTED:
            texts.append(f"and {len(mine) - MAX_LISTED} more distinct figures (see the Data page)")
        cards.append(SectorCard(sector, sector_colour(sector), int(counts[sector]), tuple(texts)))
    return cards
