"""Candidate claims for a new text: every figure with its sentence, offsets, interval and hedge,
plus qualitative impact sentences, each with a guessed sector, measure and attribution.

Guesses are proposals for a curator to accept, edit or reject; nothing here is saved.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from dashboard.core.quantities import find_quantities
from dashboard.core.sentences import Span, paragraph_bounds, split_sentences

# Organisation names as a text may write them -> the name the dashboard records.
ORGANISATIONS: dict[str, str] = {
    "International Energy Agency": "IEA",
    "IEA": "IEA",
    "United Nations Development Programme": "UNDP",
    "UNDP": "UNDP",
    "World Bank": "World Bank",
    "Council on Foreign Relations": "Council on Foreign Relations",
    "KSE Institute": "KSE Institute",
    "Kyiv School of Economics": "KSE Institute",
    "European Commission": "European Commission",
    "United Nations": "United Nations",
    "Government of Ukraine": "Government of Ukraine",
    "Ukrenergo": "Ukrenergo",
    "DTEK": "DTEK",
    "Naftogaz": "Naftogaz",
}
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "energy": (
        "energy",
        "power",
        "electricity",
        "heating",
        "heat",
        "grid",
        "substation",
        "transmission",
        "generation",
        "gas",
        "thermal",
        "hydroelectric",
        "blackout",
        "water",
    ),
    "housing": (
        "residential",
        "housing",
        "homes",
        "apartment",
        "buildings",
        "evacuations",
        "collapses",
        "dwellings",
        "households",
    ),
    "transport": (
        "transport",
        "transportation",
        "rail",
        "railway",
        "bridge",
        "corridor",
        "road",
        "port",
        "airport",
        "metro",
    ),
    "humanitarian": ("displaced", "evacuated", "killed", "injured", "refugees", "casualties"),
    "cross-sector": (
        "manufacturing",
        "agriculture",
        "digital services",
        "industrial",
        "economic",
        "reconstruction",
        "recovery",
        "infrastructure",
    ),
}
MEASURE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("displacement", ("displaced", "evacuated", "fled")),
    ("needs", ("reconstruction", "recovery", "rebuild", "needs")),
    ("losses", ("losses", "lost output", "economic effects", "stabilization")),
    ("damage", ("damaged", "destroyed", "damage", "collapse", "fires", "hit")),
    ("disruption", ("disrupted", "disrupt", "cut", "outage", "without power", "blackout")),
    ("targeting", ("targeted", "struck", "attacked", "attack", "assault", "strikes")),
    ("risk", ("vulnerability", "risk", "threaten")),
]
_URL = re.compile(r"https?://[^\s,;)]+[^\s,;).]")


@dataclass(frozen=True)
class Candidate:
    """A proposed claim: where it is, what it says, whom the text attributes it to."""

    start: int
    end: int
    quote: str
    figure_start: int | None
    figure_end: int | None
    kind: str  # quantitative | qualitative
    value_low: float | None
    value_high: float | None
    unit: str
    hedge: str
    per_year: bool
    bound: str
    sector: str
    measure: str
    attributed_to: str
    attributed_url: str
    attribution_basis: str  # sentence | paragraph | none
    confidence: float


def _words(sentence: str, words: tuple[str, ...]) -> int:
    lower = sentence.lower()
    return sum(1 for w in words if re.search(rf"\b{re.escape(w)}", lower))


def guess_sector(sentence: str) -> str:
    """The sector whose words the sentence uses most (cross-sector when none stands out)."""
    scores = {s: _words(sentence, words) for s, words in SECTOR_WORDS.items()}
    best = max(scores, key=lambda s: (scores[s], s == "cross-sector"))
    return best if scores[best] else "cross-sector"


def guess_measure(sentence: str) -> str:
    """The first measure whose words the sentence uses (targeting when none does)."""
    for measure, words in MEASURE_WORDS:
        if _words(sentence, words):
            return measure
    return "targeting"


def _organisation(text: str) -> tuple[str, str] | None:
    for name in sorted(ORGANISATIONS, key=len, reverse=True):
        at = text.find(name)
        if at != -1:
            url = _URL.search(text, at)
            near = url is not None and url.start() - (at + len(name)) < 40
            return ORGANISATIONS[name], url.group(0) if near and url else ""
    return None


def attribute(text: str, sentence: Span) -> tuple[str, str, str]:
    """(organisation, url, basis): named in the sentence, else earlier in its paragraph."""
    found = _organisation(sentence.text)
    if found:
        return found[0], found[1], "sentence"
    para_start, _ = paragraph_bounds(text, sentence.start)
    found = _organisation(text[para_start : sentence.start])
    return (found[0], found[1], "paragraph") if found else ("article", "", "none")


def _impactful(sentence: str) -> bool:
    return any(_words(sentence, words) for words in SECTOR_WORDS.values()) and any(
        _words(sentence, w) for m, w in MEASURE_WORDS if m != "risk"
    )


def propose_claims(text: str) -> list[Candidate]:
    """Candidates for every figure and every qualitative impact sentence, in text order."""
    out: list[Candidate] = []
    for sentence in split_sentences(text):
        org, url, basis = attribute(text, sentence)
        sector, measure = guess_sector(sentence.text), guess_measure(sentence.text)
        figures = [m for m in find_quantities(text[sentence.start : sentence.end])]
        for m in figures:
            q = m.quantity
            out.append(
                Candidate(
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    sentence.start + m.start,
                    sentence.start + m.end,
                    "quantitative",
                    q.low,
                    q.high,
                    q.unit,
                    q.hedge,
                    q.per_year,
                    q.bound,
                    "humanitarian" if q.unit == "people" else sector,
                    "displacement" if q.unit == "people" else measure,
                    org,
                    url,
                    basis,
                    0.9,
                )
            )
        if not figures and _impactful(sentence.text):
            out.append(
                Candidate(
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    None,
                    None,
                    "qualitative",
                    None,
                    None,
                    "",
                    "",
                    False,
                    "none",
                    sector,
                    measure,
                    org,
                    url,
                    basis,
                    0.5,
                )
            )
    return out


def candidates_to_records(candidates: list[Candidate], source_id: str) -> list[dict[str, object]]:
    """Flat dicts (CSV/JSON-ready) with the source id first."""
    return [{"source_id": source_id, **asdict(c)} for c in candidates]
