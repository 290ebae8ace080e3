"""Figures in text as intervals with their hedge: "$1.2bn", "exceeding $400 billion",
"hundreds of billions of dollars", "tens of billions annually", "almost a third", "9 GW".

Semantics fixed by the project: vague magnitudes are half-open intervals ("hundreds of
billions" = [1e11, 1e12)), "exceeding X" has no upper bound, "almost X" no lower bound, and the
source's own hedge words are kept verbatim. Libraries considered: quantulum3 and price-parser
find amounts but return single values (no interval for "tens of billions", hedges dropped);
number-word parsers cover only exact numbers. So the grammar is here, small and table-driven.

What is *not* a figure: dates ("27 December 2025", "2025-12-27"), bare years ("in 2022"),
times ("3:40"), phone numbers, page and section references, ordinals, "one of the", URLs,
model and weapon names ("Kh-101", "S-300"), ISO codes ("UA-30").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.core.base.i18n import current_language, pgettext
from dashboard.core.text import ukrainian


@dataclass(frozen=True)
class Quantity:
    """An amount as an interval in base units, with the source's own hedge words."""

    low: float | None  # lower bound (None = no lower bound)
    high: float | None  # upper bound (None = no upper bound); low == high for a point
    unit: str  # USD, EUR, GBP, UAH, percent, GW, MW, or a counted noun (people, buildings, count)
    hedge: str  # verbatim hedge ("exceeding", "hundreds of", "tens of ... annually"); "" if none
    per_year: bool
    bound: str  # exact | approximate | interval | at_least | at_most


@dataclass(frozen=True)
class QuantityMatch:
    """A figure expression found in a text; text == source[start:end]."""

    start: int
    end: int
    text: str
    quantity: Quantity


SCALE_WORDS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
TENS = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "dozen": 12,
}  # fmt: skip
FRACTIONS = {
    "half": 50.0,
    "a half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "one-third": 100 / 3,
    "two-thirds": 200 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three-quarters": 75.0,
    "three quarters": 75.0,
}
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH"}
CURRENCY_CODES = {"usd": "USD", "eur": "EUR", "gbp": "GBP", "uah": "UAH"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnia's": "UAH",
}
AT_LEAST = (
    "more than",
    "over",
    "exceeding",
    "in excess of",
    "above",
    "at least",
    "upwards of",
    "no fewer than",
    "no less than",
    "exceeds",
    "exceeded",
)
AT_MOST = (
    "almost",
    "nearly",
    "close to",
    "up to",
    "under",
    "less than",
    "just under",
    "fewer than",
    "no more than",
)
APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "circa",
)
COUNT_NOUNS = (
    "people",
    "persons",
    "residents",
    "civilians",
    "households",
    "homes",
    "houses",
    "buildings",
    "apartments",
    "schools",
    "kindergartens",
    "hospitals",
    "substations",
    "bridges",
    "drones",
    "missiles",
    "consumers",
    "customers",
    "children",
    "families",
    "refugees",
    "workers",
    "km",
    "kilometres",
    "kilometers",
    "tonnes",
    "units",
    "plants",
)
DISPLACED = re.compile(
    r"\b(displaced|evacuated|homeless|fled|refugees|without power|without heat)\b", re.I
)
PER_YEAR_RE = re.compile(r"[\s,]*(annually|a year|per year|each year|every year|per annum)\b", re.I)


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


HEDGE = rf"(?P<hedge>{_alt(AT_LEAST + AT_MOST + APPROX)})\s+"
NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE = rf"(?:\s*(?P<scale>{_alt(list(SCALE_WORDS))})\b)?"
CURRENCY = r"(?P<cur>US\$|\$|€|£|₴|(?:USD|EUR|GBP|UAH)\s?)"
NOUN = rf"(?:\s+(?P<noun>(?:[a-z-]+\s+)?(?:{_alt(COUNT_NOUNS)}|{_alt(list(CURRENCY_WORDS))}))\b)?"
PATTERNS = [
    # money with a symbol or code: "$1.2bn", "exceeding $400 billion", "EUR 506 bn", "UAH 5 billion"
    re.compile(rf"(?:{HEDGE})?{CURRENCY}{NUM}{SCALE}", re.I),
    # vague magnitudes: "hundreds of billions of dollars", "tens of thousands of people", "millions"
    re.compile(
        rf"(?:{HEDGE})?(?P<tens>tens|hundreds|dozens)\s+of\s+(?P<plural>thousands|millions|billions|trillions)(?:\s+of\s+(?P<vnoun>[a-z]+))?",
        re.I,
    ),
    re.compile(
        rf"(?:{HEDGE})?(?P<tens2>tens|hundreds|dozens)\s+of\s+(?P<vnoun2>{_alt(COUNT_NOUNS)})\b",
        re.I,
    ),
    re.compile(
        rf"(?:{HEDGE})?\b(?P<plural2>thousands|millions|billions)(?:\s+of\s+(?P<vnoun3>[a-z]+))?\b",
        re.I,
    ),
    # shares: "40%", "40 per cent", "almost a third", "two-thirds", "half of"
    re.compile(rf"(?:{HEDGE})?{NUM}\s*(?P<pct>%|per\s?cent\b|percent\b)", re.I),
    re.compile(rf"(?:{HEDGE})?\b(?P<frac>{_alt(list(FRACTIONS))})\b(?=\s+of\b)", re.I),
    # capacity: "9 GW", "1,500 MW", "2.5 gigawatts"
    re.compile(rf"(?:{HEDGE})?{NUM}\s*(?P<power>GW|MW|gigawatts?|megawatts?)\b", re.I),
    # counts: "more than 3,000 buildings", "1.2 million people", "half a million", "twelve schools"
    re.compile(
        rf"(?:{HEDGE})?(?P<halfm>half a (?:million|billion))(?:\s+(?P<hnoun>{_alt(COUNT_NOUNS)}))?",
        re.I,
    ),
    re.compile(
        rf"(?:{HEDGE})?{NUM}{SCALE}(?P<cw>\s+(?:US\s)?(?:dollars|euros|hryvnias|pounds))?{NOUN}",
        re.I,
    ),
    re.compile(
        rf"(?:{HEDGE})?\b(?P<word>{_alt(list(NUMBER_WORDS))})\s+(?P<wnoun>{_alt(COUNT_NOUNS)})\b",
        re.I,
    ),
]
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
TRAPS = [
    re.compile(
        rf"\b\d{{1,2}}\s+{MONTHS}\b(?:\s+\d{{4}})?|\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b{MONTHS}\s+\d{{4}}\b",
        re.I,
    ),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"),  # ISO and slashed dates
    re.compile(r"\b\d{1,2}:\d{2}\b"),  # times
    re.compile(r"\+?\d{1,3}[\s-]?\(?\d{2,3}\)?[\s-]\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"),  # phone numbers
    re.compile(
        r"\b(?:page|pages|p\.|pp\.|section|chapter|table|figure|fig\.|paragraph|article|resolution|no\.)\s*\d+(?:\.\d+)*",
        re.I,
    ),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I),  # ordinals
    re.compile(r"\bone of the\b|\bone-off\b|\bone day\b|\bone another\b", re.I),
    re.compile(r"https?://\S+|www\.\S+"),
    re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]*\b|\bUA-\d{2}\b"),  # Kh-101, S-300, Shahed-136, UA-30
    re.compile(
        r"\b(?:in|since|by|from|until|of|during|before|after)\s+(?:19|20)\d{2}\b|\b(?:19|20)\d{2}s?\b(?!\s*(?:people|buildings|homes))",
        re.I,
    ),
]


def _traps(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for pattern in TRAPS for m in pattern.finditer(text)]


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def _bound_of(hedge: str) -> str:
    h = hedge.lower()
    return (
        "at_least"
        if h in AT_LEAST
        else "at_most"
        if h in AT_MOST
        else "approximate"
        if h in APPROX
        else ""
    )


def _point(value: float, unit: str, hedge: str, per_year: bool) -> Quantity:
    bound = _bound_of(hedge) or "exact"
    if bound == "at_least":
        return Quantity(value, None, unit, hedge, per_year, bound)
    if bound == "at_most":
        return Quantity(None, value, unit, hedge, per_year, bound)
    return Quantity(value, value, unit, hedge, per_year, bound)


def _vague(low: float, high: float, unit: str, words: str, hedge: str, per_year: bool) -> Quantity:
    said = f"{hedge} {words}".strip()
    if per_year:
        said = f"{said} ... annually"
    bound = _bound_of(hedge)
    if bound == "at_least":
        return Quantity(low, None, unit, said, per_year, "at_least")
    if bound == "at_most":
        return Quantity(None, high, unit, said, per_year, "at_most")
    return Quantity(low, high, unit, said, per_year, "interval")


def _noun_unit(noun: str | None, context: str) -> str:
    if noun:
        word = noun.lower().split()[-1]
        if word in CURRENCY_WORDS:
            return CURRENCY_WORDS[word]
        return (
            "people"
            if word in {"persons", "residents", "civilians", "refugees", "workers", "children"}
            else word
        )
    return "people" if DISPLACED.search(context) else "count"


def _quantity(m: re.Match[str], per_year: bool, context: str) -> Quantity | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    hedge = g.get("hedge", "")
    if "cur" in g:
        code = g["cur"].strip().lower()
        unit = CURRENCY_SYMBOLS.get(code) or CURRENCY_CODES.get(code, "USD")
        return _point(
            _number(g["num"]) * SCALE_WORDS.get(g.get("scale", "").lower(), 1.0),
            unit,
            hedge,
            per_year,
        )
    if "tens" in g or "tens2" in g:
        factor = TENS[(g.get("tens") or g["tens2"]).lower()]
        base = PLURAL_SCALES.get(g.get("plural", "").lower(), 1.0)
        noun = g.get("vnoun") or g.get("vnoun2")
        low, high = factor * base, factor * base * (10 if factor != 12 else 100 / 12)
        words = f"{(g.get('tens') or g['tens2']).lower()} of"
        return _vague(low, high, _noun_unit(noun, context), words, hedge, per_year)
    if "plural2" in g:
        base = PLURAL_SCALES[g["plural2"].lower()]
        return _vague(
            base,
            base * 1000,
            _noun_unit(g.get("vnoun3"), context),
            g["plural2"].lower(),
            hedge,
            per_year,
        )
    if "pct" in g:
        return _point(_number(g["num"]), "percent", hedge, per_year)
    if "frac" in g:
        return _point(FRACTIONS[g["frac"].lower()], "percent", hedge, per_year)
    if "power" in g:
        return _point(
            _number(g["num"]), "GW" if g["power"].lower().startswith("g") else "MW", hedge, per_year
        )
    if "halfm" in g:
        value = 5e5 if "million" in g["halfm"].lower() else 5e8
        return _point(value, _noun_unit(g.get("hnoun"), context), hedge, per_year)
    if "word" in g:
        return _point(
            float(NUMBER_WORDS[g["word"].lower()]), _noun_unit(g["wnoun"], context), hedge, per_year
        )
    if "num" in g:
        if not (g.get("scale") or g.get("noun") or g.get("cw")):
            return None  # a bare number is not a figure: no unit, no scale
        value = _number(g["num"]) * SCALE_WORDS.get(g.get("scale", "").lower(), 1.0)
        unit = (
            CURRENCY_WORDS[g["cw"].split()[-1].lower()]
            if g.get("cw")
            else _noun_unit(g.get("noun"), context)
        )
        return _point(value, unit, hedge, per_year)
    return None


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every figure expression in `text`, in order, without overlaps, traps excluded."""
    traps = _traps(text)
    found: list[QuantityMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " ,.":
                end -= 1
            if any(s < end and start < e for s, e in taken) or any(
                s <= m.start("num") < e
                for s, e in traps
                if "num" in m.groupdict() and m.group("num")
            ):
                continue
            tail = PER_YEAR_RE.match(text, end)
            per_year = bool(tail)
            if tail:
                end = tail.end()
            quantity = _quantity(m, per_year, text[max(0, start - 40) : end + 40])
            if quantity is None:
                continue
            taken.append((start, end))
            found.append(QuantityMatch(start, end, text[start:end], quantity))
    return sorted(found, key=lambda q: q.start)


def parse_amount(text: str, context: str | None = None) -> Quantity | None:
    """The quantity of one figure expression; `context` (the sentence holding it) lets nearby
    words decide a count's unit ("displaced millions" counts people)."""
    whole = context if context and text in context else text
    offset = whole.find(text)
    matches = [
        m for m in find_quantities(whole) if m.start == offset and m.end == offset + len(text)
    ]
    return matches[0].quantity if len(matches) == 1 else None


MONEY_PREFIX = {"USD": "US$", "EUR": "€", "GBP": "£", "UAH": "UAH "}


def _money(value: float, unit: str) -> str:
    prefix = MONEY_PREFIX.get(unit)
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            amount = f"{value / size:,.4g} {word}"
            break
    else:
        amount = f"{value:,.4g}"
    if prefix:
        return f"{prefix}{amount}"
    if unit == "percent":
        return f"{value:.4g}%"
    if unit in {"GW", "MW"}:
        return f"{amount} {unit}"
    return f"{amount} {unit}" if unit != "count" else amount


def _scaled(value: float) -> tuple[str, str]:
    """A number and its scale word: (10, 'bn'), (1, 'million'), (950, '')."""
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "million"), (1e3, "thousand")):
        if value >= size:
            return f"{value / size:,.4g}", word
    return f"{value:,.4g}", ""


def short_quantity(q: Quantity) -> str:
    """The amount as a card or list reads it: 'US$10–100 bn a year', 'exceeding US$400 bn',
    'millions of people (1 million or more)'. A vague plural scale names its lower bound only:
    the upper end of "millions" is a modelling bound, not something the source said."""
    if current_language() == "uk":
        return _short_uk(q)
    year = " a year" if q.per_year else ""
    if q.bound == "interval" and q.low is not None and q.high is not None:
        prefix = MONEY_PREFIX.get(q.unit)
        if q.hedge.lower() in PLURAL_SCALES and prefix is None:
            number, word = _scaled(q.low)
            return f"{q.hedge} of {q.unit} ({' '.join(filter(None, [number, word]))} or more){year}"
        (lo, lo_word), (hi, hi_word) = _scaled(q.low), _scaled(q.high)
        if lo_word != hi_word:
            return f"{_money(q.low, q.unit)}–{_money(q.high, q.unit)}{year}"
        amount = " ".join(filter(None, [f"{lo}–{hi}", hi_word]))
        return f"{prefix}{amount}{year}" if prefix else f"{amount} {q.unit}{year}"
    if q.bound == "at_least" and q.low is not None:
        return f"{q.hedge or 'at least'} {_money(q.low, q.unit)}{year}"
    if q.bound == "at_most" and q.high is not None:
        return f"{q.hedge or 'at most'} {_money(q.high, q.unit)}{year}"
    return format_quantity(q)


def format_quantity(q: Quantity) -> str:
    """Human form keeping the hedge: 'US$100 bn to US$1 tn (hundreds of)'."""
    if current_language() == "uk":
        return _format_uk(q)
    year = " a year" if q.per_year else ""
    if q.bound == "interval" and q.low is not None and q.high is not None:
        return f"{_money(q.low, q.unit)} to {_money(q.high, q.unit)}{year} ({q.hedge})"
    if q.bound == "at_least" and q.low is not None:
        return f"{q.hedge or 'at least'} {_money(q.low, q.unit)}{year} (no upper bound)"
    if q.bound == "at_most" and q.high is not None:
        return f"{q.hedge or 'at most'} {_money(q.high, q.unit)}{year} (no lower bound)"
    value = q.low if q.low is not None else q.high
    shown = _money(value, q.unit) if value is not None else "not stated"
    return f"{q.hedge + ' ' if q.hedge else ''}{shown}{year}"


def _short_uk(q: Quantity) -> str:
    """short_quantity in Ukrainian: 'понад 400 млрд доларів США', '10–100 млрд доларів США'."""
    year = ukrainian.per_year(q.per_year)
    if q.bound == "interval" and q.low is not None and q.high is not None:
        if q.hedge.lower() in PLURAL_SCALES and q.unit not in MONEY_PREFIX:
            more = pgettext("amount", "or more")
            return f"{ukrainian.hedge(q.hedge)} ({ukrainian.amount(q.low, q.unit)} {more}){year}"
        (lo, lo_word), (hi, hi_word) = ukrainian.scaled(q.low), ukrainian.scaled(q.high)
        if lo_word != hi_word:
            return f"{ukrainian.amount(q.low, q.unit)} – {ukrainian.amount(q.high, q.unit)}{year}"
        unit = ukrainian.unit_words(q.unit, q.high, after_scale=bool(hi_word))
        return " ".join(filter(None, [f"{lo}–{hi}", hi_word, unit])) + year
    return _format_uk(q, notes=False)


def _format_uk(q: Quantity, notes: bool = True) -> str:
    """format_quantity in Ukrainian, the hedge kept: 'понад 400 млрд доларів США (без верхньої межі)'."""
    year = ukrainian.per_year(q.per_year)
    if q.bound == "interval" and q.low is not None and q.high is not None:
        low, high = ukrainian.amount(q.low, q.unit), ukrainian.amount(q.high, q.unit)
        span = pgettext("amount", "from {low} to {high}").format(low=low, high=high)
        return f"{span}{year} ({ukrainian.hedge(q.hedge)})" if q.hedge else span + year
    if q.bound == "at_least" and q.low is not None:
        hedge = ukrainian.hedge(q.hedge) if q.hedge else pgettext("hedge", "at least")
        bound = pgettext("amount", "no upper bound")
        note = f" ({bound})" if notes else ""
        return f"{hedge} {ukrainian.amount(q.low, q.unit)}{year}{note}"
    if q.bound == "at_most" and q.high is not None:
        hedge = ukrainian.hedge(q.hedge) if q.hedge else pgettext("hedge", "at most")
        bound = pgettext("amount", "no lower bound")
        note = f" ({bound})" if notes else ""
        return f"{hedge} {ukrainian.amount(q.high, q.unit)}{year}{note}"
    value = q.low if q.low is not None else q.high
    shown = (
        ukrainian.amount(value, q.unit) if value is not None else pgettext("value", "not stated")
    )
    return f"{ukrainian.hedge(q.hedge) + ' ' if q.hedge else ''}{shown}{year}"
