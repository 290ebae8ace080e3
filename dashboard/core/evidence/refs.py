"""What the evidence panel shows for a selection: the quote in its paragraph, and its provenance.

A selection is a reference string carried by chart marks, table rows and reader links:
`claim:<figure_id>`, `fact:<fact_id>`, `group:<sector>|<measure>`, `region:<code>`,
`district:<name>`, `attack:<date>`. Rendering happens in the UI layer; this module only assembles.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core.text import anchors
from dashboard.core.text.sentences import split_sentences
from dashboard.core.text.ukrainian import CURRENCIES

REF_KINDS = ("claim", "fact", "group", "costs", "region", "district", "attack")


@dataclass(frozen=True)
class Ref:
    """A parsed selection reference."""

    kind: str
    value: str


@dataclass(frozen=True)
class Passage:
    """A quote inside its paragraph: the text before, the quote itself, the text after."""

    before: str
    quote: str
    after: str
    start: int
    end: int


def parse_ref(text: object) -> Ref | None:
    """`claim:ID` -> Ref('claim', 'ID'); a bare figure id counts as a claim; junk gives None."""
    if not isinstance(text, str) or not text:
        return None
    kind, sep, value = text.partition(":")
    if sep and kind in REF_KINDS and value:
        return Ref(kind, value)
    return Ref("claim", text) if not sep else None


def passage(text: str, start: int, end: int) -> Passage:
    """The paragraph around [start, end), split at the quote."""
    para_start, para_end = anchors.paragraph_span(text, start, end)
    return Passage(text[para_start:start], text[start:end], text[end:para_end], start, end)


def locate_in_words(text: str, start: int, end: int) -> str:
    """Where a quote stands, as a reader counts: 'paragraph 5, sentence 2' (headings count as
    paragraphs, being lines of their own; sentences as pysbd splits the paragraph)."""
    para_start, para_end = anchors.paragraph_span(text, start, end)
    paragraph = sum(1 for line in text[:para_start].split("\n") if line.strip()) + (
        1 if text[para_start:para_end].strip() else 0
    )
    spans = split_sentences(text[para_start:para_end])
    first = next((i for i, s in enumerate(spans, 1) if para_start + s.end > start), None)
    last = next((i for i, s in enumerate(spans, 1) if para_start + s.end >= end), None)
    if first is None:
        return f"paragraph {paragraph}"
    which = f"sentence {first}" if last in (None, first) else f"sentences {first}–{last}"
    return f"paragraph {paragraph}, {which}"


def claim_row(figures: pd.DataFrame, figure_id: str) -> pd.Series | None:
    """The curated row for a figure id, or None when unknown (or filtered out upstream)."""
    match = figures[figures["figure_id"] == figure_id]
    return None if match.empty else match.iloc[0]


def group_claims(figures: pd.DataFrame, ref: Ref) -> pd.DataFrame:
    """Claims behind an aggregate mark of `sector|measure`: a bar of qualitative claims
    (`group`), or the envelope of a sector's cost claims of one measure (`costs`: claims
    stating a money amount, as core/visuals/charts.cost_claims draws them)."""
    sector, _, measure = ref.value.partition("|")
    same = (figures["sector"] == sector) & (figures["measure"] == measure)
    if ref.kind == "costs":
        return figures[same & (figures["bound"] != "none") & figures["unit"].isin(CURRENCIES)]
    return figures[same & (figures["bound"] == "none")]


def claims_in_region(figures: pd.DataFrame, geographies: pd.DataFrame, code: str) -> pd.DataFrame:
    """Claims whose declared geography covers a region (its own unit or a group it belongs to)."""
    from dashboard.core.data.geo import (
        region_codes_for,  # geometry loads only when a region is asked
    )

    places = geographies.set_index("code")["region_code"].to_dict()
    covers = [g for g in places if code in region_codes_for(g, places[g] or "")]
    return figures[figures["geography"].isin(covers)]
