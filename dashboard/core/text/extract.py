"""Candidate claims for a new text: every figure with its sentence, offsets, interval and hedge,
plus qualitative impact sentences, each with a guessed sector, measure and attribution.

Guesses are proposals for a curator to accept, edit or reject; nothing here is saved. They are
honest about what they do not know: no organisation named means `unattributed` (never the
article by default), and a measure the words do not settle is left blank for the curator.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from dashboard.core.text.quantities import find_quantities
from dashboard.core.text.sentences import Span, paragraph_bounds, split_sentences

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
    "State Emergency Service": "State Emergency Service",
}
# Bodies a text names by role rather than by a fixed name: recorded as written.
_BODIES = re.compile(
    r"\b(?:Ministry|Minister) of (?:[A-Z][a-z]+)(?: and [A-Z][a-z]+)?"
    r"|\b(?:(?!The )[A-Z][a-z]+ )?[Cc]ity (?:[Mm]ilitary )?[Aa]dministration"
    r"|\b(?:(?!The )[A-Z][a-z]+ )?[Rr]egional (?:[Mm]ilitary )?[Aa]dministration"
)
UNATTRIBUTED = "unattributed"
MONEY_UNITS = ("USD", "EUR", "GBP", "UAH")
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
    (
        "disruption",
        (
            "disrupted",
            "disrupt",
            "cut",
            "outage",
            "without power",
            "blackout",
            "lost heating",
            "lost power",
            "lost electricity",
        ),
    ),
    ("targeting", ("targeted", "struck", "attacked", "attack", "assault", "strikes")),
    ("risk", ("vulnerability", "risk", "threaten")),
]
# What a money amount is, by the words around it; checked in this order, because a cost "to
# repair damaged substations" is a need, not damage. Money is never proposed as targeting.
MONEY_MEASURES: list[tuple[str, tuple[str, ...]]] = [
    (
        "needs",
        ("repair", "restor", "reconstruct", "rebuild", "recovery", "needs", "to replace"),
    ),
    ("losses", ("lost output", "lost revenue", "losses", "revenue", "lost income", "lost")),
    ("damage", ("destroyed", "damaged", "damage")),
]
_WITHOUT_QUANTITY = ("targeting", "risk", "stake")  # measures that never carry a number
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
    """The first measure whose words the sentence uses ('' when none does: the curator picks)."""
    for measure, words in MEASURE_WORDS:
        if _words(sentence, words):
            return measure
    return ""


_CLAUSE_END = re.compile(r"[,;]|\s(?:and|but|while|whereas)\s")


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of `sentence` holding [start, end): between the nearest commas, semicolons
    or conjunctions, so two amounts in one sentence are read by their own words."""
    before = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    after = _CLAUSE_END.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def guess_figure_measure(sentence: str, unit: str, span: tuple[int, int] | None = None) -> str:
    """The measure of a number: money by the cost, loss or damage words of its own clause (else
    its sentence); people only when displaced; '' when the words do not settle it."""
    if unit in MONEY_UNITS:
        for text in (clause_around(sentence, *span) if span else "", sentence):
            found = next((m for m, words in MONEY_MEASURES if _words(text, words)), "")
            if found:
                return found
        return ""
    measure = guess_measure(sentence)
    if unit in ("people", "households"):
        return "displacement" if measure == "displacement" else ""
    return "" if measure in _WITHOUT_QUANTITY else measure


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, recorded name) of every organisation named in `text`, longest name first
    where two overlap ('United Nations Development Programme' over 'United Nations')."""
    found: list[tuple[int, int, str]] = []
    for name in sorted(ORGANISATIONS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), ORGANISATIONS[name]))
    for m in _BODIES.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group(0)))
    return sorted(found)


def _with_url(text: str, mention: tuple[int, int, str]) -> tuple[str, str]:
    url = _URL.search(text, mention[1])
    near = url is not None and url.start() - mention[1] < 40
    return mention[2], url.group(0) if near and url else ""


def attribute(
    text: str, sentence: Span, figure: tuple[int, int] | None = None
) -> tuple[str, str, str]:
    """(organisation, url, basis) for a sentence, or for the figure at `figure` (offsets in the
    sentence): named in the figure's clause or before it in the sentence ('sentence'), else the
    nearest named earlier in the paragraph ('paragraph'), else after it in the sentence ("...,
    according to X": 'sentence'), else unattributed ('none')."""
    here = _mentions(sentence.text)
    start, end = figure or (len(sentence.text), len(sentence.text))
    clause = clause_around(sentence.text, start, end) if figure else sentence.text
    at = sentence.text.find(clause)
    in_clause = [m for m in here if at <= m[0] and m[1] <= at + len(clause)]
    before = [m for m in here if m[1] <= start]
    if in_clause or before:
        return (*_with_url(sentence.text, (in_clause or before[::-1])[0]), "sentence")
    para_start, _ = paragraph_bounds(text, sentence.start)
    earlier = _mentions(text[para_start : sentence.start])
    if earlier:
        return (*_with_url(text[para_start : sentence.start], earlier[-1]), "paragraph")
    if here:
        return (*_with_url(sentence.text, here[0]), "sentence")
    return UNATTRIBUTED, "", "none"


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
            org, url, basis = attribute(text, sentence, (m.start, m.end))
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
                    guess_figure_measure(sentence.text, q.unit, (m.start, m.end)),
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
