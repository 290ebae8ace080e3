"""One colour per sector, shared by every chart, map and highlight.

Okabe-Ito palette: distinguishable under the common forms of colour-blindness.
"""

from __future__ import annotations

# Order is the display order everywhere (legends, cards, filters).
SECTOR_COLOURS: dict[str, str] = {
    "energy": "#E69F00",  # orange
    "housing": "#0072B2",  # blue
    "transport": "#009E73",  # bluish green
    "cross-sector": "#CC79A7",  # reddish purple
    "humanitarian": "#D55E00",  # vermillion
}
# Pale versions for text highlights, where the full colour would hide the words.
SECTOR_TINTS: dict[str, str] = {
    "energy": "#FBE3B3",
    "housing": "#B3D4EA",
    "transport": "#B3E2D5",
    "cross-sector": "#F0D7E6",
    "humanitarian": "#F3CCB3",
}
NEUTRAL = "#6B6B6B"  # reference facts and anything without a sector
INK = "#1F1F1F"


def sector_colour(sector: str) -> str:
    """Return the sector's colour, or the neutral grey for an unknown sector."""
    return SECTOR_COLOURS.get(sector, NEUTRAL)
