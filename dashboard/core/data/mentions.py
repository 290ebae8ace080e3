"""What a check's reasoning names, held against the reference tables.

A check's reasoning may name only figures, editions (RDNA1, RDNA5, ...) and organisations that
the reference tables hold (or the claim's own bounds), so a reasoning cannot lean on a number or
a source that nobody can look up in the data. `python -m dashboard check` reports every other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import combinations

# Amounts as the reasoning writes them: "$411 bn", "US$252 billion", "$1 tn", "5.4 million".
AMOUNT = re.compile(
    r"(?<![\w.])(?:US)?\$?\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|tn|trillion|million)\b"
)
SCALE = {"bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12, "million": 1e6}
EDITION = re.compile(r"\bRDNA\d+\b")
# Organisations a reasoning might name, each with the words the reference tables use for it.
# A name not listed here is not looked for: the list grows when a reasoning names a new one.
ORGANISATIONS = {
    "IEA": ("International Energy Agency", "IEA"),
    "International Energy Agency": ("International Energy Agency",),
    "UNDP": ("UNDP",),
    "World Bank": ("World Bank",),
    "European Commission": ("European Commission",),
    "UN": ("United Nations",),
    "United Nations": ("United Nations",),
    "KSE": ("KSE",),
    "IMF": ("IMF", "International Monetary Fund"),
    "OECD": ("OECD",),
    "EBRD": ("EBRD",),
    "UNHCR": ("UNHCR",),
    "IOM": ("IOM", "International Organization for Migration"),
    "OCHA": ("OCHA",),
    "Reuters": ("Reuters",),
    "AFP": ("AFP",),
    "DW": ("DW",),
    "News.Az": ("News.Az",),
    "Delfi": ("Delfi",),
    "Ukrinform": ("Ukrinform",),
    "RBC-Ukraine": ("RBC-Ukraine",),
    "Interfax": ("Interfax",),
    "MENAFN": ("MENAFN",),
    "Brussels Times": ("Brussels Times",),
}
# Rounding a reasoning may do ("$588 bn" for 588.8): half a percent.
TOLERANCE = 0.005


def amounts(text: str) -> list[tuple[str, float]]:
    """Every amount in `text`, as (the words, the value)."""
    return [
        (m.group(0).strip(), float(m.group(1).replace(",", "")) * SCALE[m.group(2)])
        for m in AMOUNT.finditer(text)
    ]


def held_values(facts: Iterable[Mapping[str, object]], bounds: Iterable[float]) -> list[float]:
    """The values a reasoning may name: each fact's value, the amounts in its note, their
    differences ("some $177 bn above"), and the claim's own bounds."""
    values = [float(f["value"]) for f in facts if f.get("value") not in (None, "")]  # type: ignore[arg-type]
    values += [v for f in facts for _, v in amounts(str(f.get("note") or ""))]
    values += [abs(a - b) for a, b in combinations(values, 2)]
    return values + list(bounds)


def _held(value: float, values: list[float]) -> bool:
    return any(abs(value - v) <= TOLERANCE * max(abs(v), 1.0) for v in values)


def unheld(
    text: str,
    facts: Iterable[Mapping[str, object]],
    publishers: Iterable[str],
    bounds: Iterable[float] = (),
) -> list[str]:
    """Each figure, edition or organisation `text` names that the reference tables do not hold."""
    facts = list(facts)
    values = held_values(facts, bounds)
    words = " ".join(
        [
            *publishers,
            *(str(f.get(k) or "") for f in facts for k in ("assessment", "read_in", "note")),
        ]
    )
    editions = {str(f.get("assessment") or "") for f in facts}
    out = [f"figure '{said}'" for said, value in amounts(text) if not _held(value, values)]
    out += [f"edition '{e}'" for e in EDITION.findall(text) if e not in editions]
    for name, spellings in ORGANISATIONS.items():
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) and not any(
            s in words for s in spellings
        ):
            out.append(f"organisation '{name}'")
    return out
