"""Quotes <-> character offsets in a seed text.

Offsets are Python str indices into the seed decoded as UTF-8 with no newline translation, so a
quote is exactly `text[start:end]`. Matching tolerates only Unicode NFC and whitespace
normalisation; anything else is drift, for which a re-anchoring is *proposed*, never applied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

# Below this similarity a fuzzy "nearest match" is noise, not a proposal worth showing.
MIN_FUZZY_SCORE = 80.0
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Proposal:
    """A suggested re-anchoring of a drifted quote."""

    start: int
    end: int
    score: float  # 100 = identical after normalisation
    text: str


def read_text(path: Path) -> str:
    """Decode a seed exactly: strict UTF-8, no newline translation (offsets depend on it)."""
    return path.read_bytes().decode("utf-8")


def normalise(text: str) -> str:
    """NFC, whitespace runs folded to one space, ends stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def quote_matches(text: str, quote: str, start: int, end: int) -> bool:
    """True when text[start:end] is the quote, up to NFC and whitespace."""
    if not 0 <= start < end <= len(text):
        return False
    span = text[start:end]
    return span == quote or normalise(span) == normalise(quote)


def find_quote(text: str, quote: str) -> list[int]:
    """Start offsets of every exact occurrence of the quote."""
    if not quote:
        return []
    return [m.start() for m in re.finditer(re.escape(quote), text)]


def propose_anchor(text: str, quote: str) -> Proposal | None:
    """Nearest place for a quote: exact, then normalised, then fuzzy (best partial match)."""
    starts = find_quote(text, quote)
    if starts:
        return Proposal(starts[0], starts[0] + len(quote), 100.0, quote)
    pattern = r"\s+".join(re.escape(w) for w in normalise(quote).split(" "))
    if pattern:
        m = re.search(pattern, text)
        if m:
            return Proposal(m.start(), m.end(), 100.0, text[m.start() : m.end()])
    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=MIN_FUZZY_SCORE)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    while start < end and text[start].isspace():  # the aligner may take in a neighbouring newline
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Proposal(start, end, round(found.score, 1), text[start:end])


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph (newline-delimited block) containing [start, end)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    return para_start, len(text) if para_end == -1 else para_end
