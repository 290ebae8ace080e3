"""Charts in words: the text alternative of each picture, speaker notes, and citations.md.

The text alternative and the notes are read aloud or by a screen reader: values keep their
hedges, dates have no times, and file paths and hashes stay out (they are in citations.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.data.kyiv import format_count
from dashboard.core.evidence import provenance
from dashboard.core.evidence.provenance import NOT_STATED
from dashboard.core.visuals.charts import IMPACT_LABELS, MEASURE_SHORT
from dashboard.core.visuals.views import place_labels

if TYPE_CHECKING:
    from dashboard.core.output.plans import ChartPlan, RenderedChart


def day(value: object) -> str:
    """A date as YYYY-MM-DD (no time of day); text dates ('2023-03', 'not stated') as they are."""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return "not stated" if value is None or pd.isna(value) or value == "" else str(value)  # type: ignore[arg-type]


def money(value: float) -> str:
    """US$588 bn, US$1.2 tn: a reference value as a reader says it."""
    if value >= 1e12:
        return f"US${value / 1e12:,.3g} tn"
    return f"US${value / 1e9:,.4g} bn" if value >= 1e9 else f"US${value / 1e6:,.4g} mn"


def fact_value(fact: Mapping[str, object]) -> str:
    """A reference fact's value with its qualifier: 'more than US$10.6 bn', '61 percent'."""
    value = float(fact["value"])  # type: ignore[arg-type]
    qualifier = f"{fact['qualifier']} " if fact.get("qualifier") else ""
    shown = money(value) if fact["unit"] == "USD" else f"{value:,.4g} {fact['unit']}"
    return qualifier + shown


def _claim_words(row: Mapping[str, object]) -> str:
    return f"\u201c{row['figure_text']}\u201d ({provenance.amount_text(row)}), attributed to {row['attributed_to']}"


def _fact_words(fact: Mapping[str, object]) -> str:
    return f"{fact['assessment']} {fact['sector']} {fact['measure']}: {fact_value(fact)} (published {day(fact['published'])})"


def _impact_words(claims: pd.DataFrame) -> str:
    counts = claims.groupby(["sector", "measure"]).size()
    return "; ".join(
        f"{sector}: {n} on {IMPACT_LABELS.get(str(measure), measure)}"
        for (sector, measure), n in counts.items()
    )


def _district_words(plan: ChartPlan, dataset: Dataset) -> str:
    links = dataset.frames["kyiv_attack_districts"]
    hits = links[links["attack_id"].isin(plan.attacks["attack_id"])]["district"].value_counts()
    named = "; ".join(f"{d} {n}" for d, n in hits.items())
    rest = sorted(set(dataset.frames["kyiv_districts"]["district"]) - set(hits.index))
    quiet = f" No attack in the table is reported hitting {', '.join(rest)}." if rest else ""
    return f"Attacks reported hitting each district: {named}.{quiet}"


def alt_text(plan: ChartPlan, dataset: Dataset) -> str:
    """The chart's text alternative: what it draws, the values with their hedges, its sources."""
    claims = plan.claims
    if plan.key == "cost":
        body = f"Chart of {len(claims)} cost claim{'' if len(claims) == 1 else 's'}, each drawn as the interval it states on a log dollar axis: {'; '.join(_claim_words(r) for r in claims.to_dict('records'))}."
    elif plan.key == "assessments":
        panels = ", ".join(
            MEASURE_SHORT.get(m, m)
            for m in sorted(set(plan.facts["measure"]) | set(claims["measure"]))
        )
        body = (
            f"Chart setting the article's cost claims beside assessment figures, one panel per measure ({panels}), never added. "
            f"Claims: {'; '.join(_claim_words(r) for r in claims.to_dict('records')) or 'none'}. "
            f"Assessments: {'; '.join(_fact_words(f) for f in plan.facts.to_dict('records')) or 'none'}."
        )
    elif plan.key == "impacts":
        body = f"Bar chart counting the claims without a number by kind of impact and sector: {_impact_words(claims)}."
    elif plan.key == "regions":
        labels = dataset.frames["geographies"].set_index("code")["label"]
        places = claims["geography"].map(lambda c: labels.get(c, c)).value_counts()
        body = f"Map of Ukraine's regions shaded by number of claims; claims by place: {'; '.join(f'{p} {n}' for p, n in places.items())}. Claims on the whole country or wider are noted, not spread over the regions."
    else:
        body = f"Map of Kyiv's ten districts, each a point sized by the large attacks reported hitting it ({len(plan.attacks)} attacks). {_district_words(plan, dataset)}"
    return f"{plan.title} ({plan.caption.subtitle}). {body} {plan.caption.footer()}."


def _source_words(source: Mapping[str, object] | None, source_id: str) -> str:
    """Who published a document and where, as said aloud: no file names (they are in citations.md)."""
    if source is None:
        return f"source '{source_id}' (no citation recorded)"
    stated = [str(source[k]) for k in ("producer", "title", "published") if source[k] != NOT_STATED]
    if str(source["url"]).startswith("http"):
        stated.append(str(source["url"]))
    if not any(source[k] != NOT_STATED for k in ("producer", "title")):
        stated.insert(0, "an untitled article (its author, outlet and date are not stated)")
    return f"{', '.join(stated)}; copy taken {day(source['accessed'])}"


def _claim_note(row: Mapping[str, object], sources: pd.DataFrame) -> str:
    source = sources.loc[row["source_id"]].to_dict() if row["source_id"] in sources.index else None
    url = f" ({row['attributed_url']})" if row["attributed_url"] else ""
    who = (
        "the article itself"
        if row["attributed_to"] == "article"
        else f"{row['attributed_to']}{url}"
    )
    amount = "" if row["bound"] == "none" else f" Amount: {provenance.amount_text(row)}."
    return f"\u201c{row['quote']}\u201d \u2014 said by {who}.{amount} From: {_source_words(source, str(row['source_id']))}."


def _fact_note(fact: Mapping[str, object]) -> str:
    url = fact["url"] or "address not kept"
    return f"{fact['assessment']}, {fact['sector']} {fact['measure']}: {fact_value(fact)}, to {day(fact['period_end'])}; published {day(fact['published'])}; read in {fact['read_in']}, {url}."


def _attack_note(attack: Mapping[str, object]) -> str:
    def count(name: str) -> str:  # with its hedge: "nearly 500", never a bare number
        return format_count(attack[name], attack.get(f"{name}_qualifier"))

    launched = f"Launched: drones {count('drones')}, missiles {count('missiles')}"
    return f"{day(attack['date'])}: {attack['what_was_hit']}. {launched}. Killed {count('killed')}, injured {count('injured')} ({attack['casualty_scope'] or 'scope not stated'}). Reported by {attack['read_in']}, {attack['url'] or 'address not kept'}."


def speaker_notes(plan: ChartPlan, dataset: Dataset) -> str:
    """What a presenter reads aloud: each quote and who said it, reference figures and
    attacks with their dates and addresses. No file paths or hashes (see citations.md)."""
    sources = dataset.frames["sources"].set_index("source_id")
    lines = [f"{plan.title}. {plan.caption.subtitle}."]
    if not plan.claims.empty:
        lines += ["", "What the sources say, quoted:"]
        lines += [_claim_note(r, sources) for r in plan.claims.to_dict("records")]
    if not plan.facts.empty:
        lines += ["", "Reference figures drawn beside them:"]
        lines += [_fact_note(f) for f in plan.facts.to_dict("records")]
    if not plan.attacks.empty:
        lines += ["", "Attacks drawn, as first reported (tolls are city-wide):"]
        lines += [_attack_note(a) for a in plan.attacks.to_dict("records")]
    return "\n".join(lines)


def citations_markdown(
    charts: list[RenderedChart],
    dataset: Dataset,
    filters: Filters,
    left_out: list[ChartPlan] | None = None,
) -> str:
    """citations.md: every claim shown, quoted, with its locator and source file and hash.
    Source words are escaped: the file shows them as text in any Markdown renderer."""
    esc = escape_markdown_file
    as_of = provenance.as_of(dataset.frames["sources"], dataset.version)
    lines = [
        "# Citations",
        "",
        f"Filters: {esc(filters.describe(places=place_labels(dataset)))}  ",
        f"Data as of {esc(as_of)}",
        "",
    ]
    for plan in left_out or []:
        lines += [f"- Not drawn: {esc(plan.title)}: {esc(plan.empty)}.", ""]
    for chart in charts:
        notes = speaker_notes(chart.plan, dataset).splitlines()[1:]
        lines += [
            f"## {esc(chart.title)}",
            "",
            f"Source: {esc(chart.plan.caption.source)}",
            "",
            *(f"- {esc(n)}" if n and not n.endswith(":") else esc(n) for n in notes),
            "",
        ]
        lines += [
            f"- {esc(r['figure_id'])}: characters {r['start']}–{r['end']} of {esc(r['source_id'])}"
            for r in chart.plan.claims.to_dict("records")
        ]
        lines.append("")
    lines += ["## Sources", ""]
    lines += [
        f"- {esc(s['source_id'])}: {esc(s['citation'])}. Copy: {esc(s['path'])} (sha256 {s['sha256']}), taken {day(s['accessed'])}"
        for s in dataset.frames["sources"].to_dict("records")
    ]
    return "\n".join(lines) + "\n"


# Markdown that files can carry: links, images, HTML, entities, emphasis, code, tables, math.
# '.', '-', ':' and quotes stay readable: with line breaks flattened they start no construct.
_FILE_SPECIALS = frozenset("\\`*_[]()<>&!~|$#{}")


def escape_markdown_file(text: object) -> str:
    """Source words for a Markdown file: shown as text by any renderer, still readable raw."""
    flat = " ".join(str(text).splitlines())
    return "".join("\\" + ch if ch in _FILE_SPECIALS else ch for ch in flat)
