"""Charts in words: the text alternative of each picture, speaker notes, and citations.md.

The text alternative and the notes are read aloud or by a screen reader: values keep their
hedges, dates have no times, and file paths and hashes stay out (they are in citations.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.core.base.i18n import _, current_language, ngettext, pgettext
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.data.kyiv import format_count
from dashboard.core.data.names import district_name, measure_name, sector_name
from dashboard.core.evidence import provenance
from dashboard.core.evidence.provenance import NOT_STATED
from dashboard.core.text import ukrainian
from dashboard.core.visuals.charts import IMPACT_LABELS, MEASURE_SHORT
from dashboard.core.visuals.views import place_labels

if TYPE_CHECKING:
    from dashboard.core.output.plans import ChartPlan, RenderedChart


def day(value: object) -> str:
    """A date as YYYY-MM-DD (no time of day); text dates ('2023-03', 'not stated') as they are."""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if value is None or pd.isna(value) or value == "":  # type: ignore[arg-type]
        return pgettext("value", "not stated")
    return pgettext("value", "not stated") if value == NOT_STATED else str(value)


def money(value: float) -> str:
    """US$588 bn, US$1.2 tn: a reference value as a reader says it."""
    if current_language() == "uk":
        return ukrainian.amount(value, "USD")
    if value >= 1e12:
        return f"US${value / 1e12:,.3g} tn"
    return f"US${value / 1e9:,.4g} bn" if value >= 1e9 else f"US${value / 1e6:,.4g} mn"


def fact_value(fact: Mapping[str, object]) -> str:
    """A reference fact's value with its qualifier: 'more than US$10.6 bn', '61 percent'."""
    value = float(fact["value"])  # type: ignore[arg-type]
    said = str(fact["qualifier"]) if fact.get("qualifier") else ""
    qualifier = (
        (ukrainian.hedge(said) if current_language() == "uk" else said) + " " if said else ""
    )
    shown = money(value) if fact["unit"] == "USD" else f"{value:,.4g} {fact['unit']}"
    return qualifier + shown


def _claim_words(row: Mapping[str, object]) -> str:
    return _("\u201c{words}\u201d ({amount}), attributed to {organisation}").format(
        words=row["figure_text"],
        amount=provenance.amount_text(row),
        organisation=row["attributed_to"],
    )


def _fact_words(fact: Mapping[str, object]) -> str:
    return _("{assessment} {sector} {measure}: {value} (published {date})").format(
        assessment=fact["assessment"],
        sector=sector_name(str(fact["sector"])),
        measure=measure_name(str(fact["measure"])),
        value=fact_value(fact),
        date=day(fact["published"]),
    )


def _impact_words(claims: pd.DataFrame) -> str:
    counts = claims.groupby(["sector", "measure"]).size()
    return "; ".join(
        _("{sector}: {n} on {impact}").format(
            sector=sector_name(str(sector)), n=n, impact=IMPACT_LABELS.get(str(measure), measure)
        )
        for (sector, measure), n in counts.items()
    )


def _district_words(plan: ChartPlan, dataset: Dataset) -> str:
    links = dataset.frames["kyiv_attack_districts"]
    hits = links[links["attack_id"].isin(plan.attacks["attack_id"])]["district"].value_counts()
    named = "; ".join(f"{district_name(d)} {n}" for d, n in hits.items())
    rest = sorted(set(dataset.frames["kyiv_districts"]["district"]) - set(hits.index))
    quiet = (
        " "
        + _("No attack in the table is reported hitting {districts}.").format(
            districts=", ".join(district_name(d) for d in rest)
        )
        if rest
        else ""
    )
    return _("Attacks reported hitting each district: {counts}.").format(counts=named) + quiet


def alt_text(plan: ChartPlan, dataset: Dataset) -> str:
    """The chart's text alternative: what it draws, the values with their hedges, its sources."""
    claims = plan.claims
    if plan.key == "cost":
        body = ngettext(
            "Chart of {n} cost claim, each drawn as the interval it states on a log dollar axis: {claims}.",
            "Chart of {n} cost claims, each drawn as the interval it states on a log dollar axis: {claims}.",
            len(claims),
        ).format(
            n=len(claims), claims="; ".join(_claim_words(r) for r in claims.to_dict("records"))
        )
    elif plan.key == "assessments":
        panels = ", ".join(
            MEASURE_SHORT.get(m, m)
            for m in sorted(set(plan.facts["measure"]) | set(claims["measure"]))
        )
        body = _(
            "Chart setting the article's cost claims beside assessment figures, one panel per measure ({panels}), never added. "
            "Claims: {claims}. Assessments: {facts}."
        ).format(
            panels=panels,
            claims="; ".join(_claim_words(r) for r in claims.to_dict("records")) or _("none"),
            facts="; ".join(_fact_words(f) for f in plan.facts.to_dict("records")) or _("none"),
        )
    elif plan.key == "impacts":
        body = _(
            "Bar chart counting the claims without a number by kind of impact and sector: {counts}."
        ).format(counts=_impact_words(claims))
    elif plan.key == "regions":
        labels = place_labels(dataset)
        places = claims["geography"].map(lambda c: labels.get(c, c)).value_counts()
        body = _(
            "Map of Ukraine's regions shaded by number of claims; claims by place: {counts}. Claims on the whole country or wider are noted, not spread over the regions."
        ).format(counts="; ".join(f"{p} {n}" for p, n in places.items()))
    else:
        body = ngettext(
            "Map of Kyiv's ten districts, each a point sized by the large attacks reported hitting it ({n} attack).",
            "Map of Kyiv's ten districts, each a point sized by the large attacks reported hitting it ({n} attacks).",
            len(plan.attacks),
        ).format(n=len(plan.attacks))
        body += " " + _district_words(plan, dataset)
    return f"{plan.title} ({plan.caption.subtitle}). {body} {plan.caption.footer()}."


def _source_words(source: Mapping[str, object] | None, source_id: str) -> str:
    """Who published a document and where, as said aloud: no file names (they are in citations.md)."""
    if source is None:
        return _("source '{source}' (no citation recorded)").format(source=source_id)
    stated = [str(source[k]) for k in ("producer", "title", "published") if source[k] != NOT_STATED]
    if str(source["url"]).startswith("http"):
        stated.append(str(source["url"]))
    if not any(source[k] != NOT_STATED for k in ("producer", "title")):
        stated.insert(0, _("an untitled article (its author, outlet and date are not stated)"))
    return _("{source}; copy taken {date}").format(
        source=", ".join(stated), date=day(source["accessed"])
    )


def _claim_note(row: Mapping[str, object], sources: pd.DataFrame) -> str:
    source = sources.loc[row["source_id"]].to_dict() if row["source_id"] in sources.index else None
    url = f" ({row['attributed_url']})" if row["attributed_url"] else ""
    who = (
        _("the article itself")
        if row["attributed_to"] == "article"
        else f"{row['attributed_to']}{url}"
    )
    amount = (
        ""
        if row["bound"] == "none"
        else " " + _("Amount: {amount}.").format(amount=provenance.amount_text(row))
    )
    quote = _("\u201c{quote}\u201d \u2014 said by {who}.").format(quote=row["quote"], who=who)
    source_words = _source_words(source, str(row["source_id"]))
    return quote + amount + " " + _("From: {source}.").format(source=source_words)


def _fact_note(fact: Mapping[str, object]) -> str:
    url = fact["url"] or _("address not kept")
    return _(
        "{assessment}, {sector} {measure}: {value}, to {end}; published {date}; read in {outlet}, {url}."
    ).format(
        assessment=fact["assessment"],
        sector=sector_name(str(fact["sector"])),
        measure=measure_name(str(fact["measure"])),
        value=fact_value(fact),
        end=day(fact["period_end"]),
        date=day(fact["published"]),
        outlet=fact["read_in"],
        url=url,
    )


def _attack_note(attack: Mapping[str, object]) -> str:
    def count(name: str) -> str:  # with its hedge: "nearly 500", never a bare number
        return format_count(attack[name], attack.get(f"{name}_qualifier"))

    return _(
        "{date}: {what}. Launched: drones {drones}, missiles {missiles}. Killed {killed}, injured {injured} ({scope}). Reported by {outlet}, {url}."
    ).format(
        date=day(attack["date"]),
        what=attack["what_was_hit"],
        drones=count("drones"),
        missiles=count("missiles"),
        killed=count("killed"),
        injured=count("injured"),
        scope=attack["casualty_scope"] or _("scope not stated"),
        outlet=attack["read_in"],
        url=attack["url"] or _("address not kept"),
    )


def speaker_notes(plan: ChartPlan, dataset: Dataset) -> str:
    """What a presenter reads aloud: each quote and who said it, reference figures and
    attacks with their dates and addresses. No file paths or hashes (see citations.md)."""
    sources = dataset.frames["sources"].set_index("source_id")
    lines = [f"{plan.title}. {plan.caption.subtitle}."]
    if not plan.claims.empty:
        lines += ["", _("What the sources say, quoted:")]
        if current_language() != "en":
            lines.append(_("The quotes are the sources' own words, in the original English."))
        lines += [_claim_note(r, sources) for r in plan.claims.to_dict("records")]
    if not plan.facts.empty:
        lines += ["", _("Reference figures drawn beside them:")]
        lines += [_fact_note(f) for f in plan.facts.to_dict("records")]
    if not plan.attacks.empty:
        lines += ["", _("Attacks drawn, as first reported (tolls are city-wide):")]
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
        "# " + _("Citations"),
        "",
        _("Filters: {filters}").format(filters=esc(filters.describe(places=place_labels(dataset))))
        + "  ",
        _("Data as of {date}").format(date=esc(as_of)),
        "",
    ]
    for plan in left_out or []:
        said = _("Not drawn: {chart}: {why}.").format(chart=esc(plan.title), why=esc(plan.empty))
        lines += [f"- {said}", ""]
    for chart in charts:
        notes = speaker_notes(chart.plan, dataset).splitlines()[1:]
        lines += [
            f"## {esc(chart.title)}",
            "",
            _("Source: {source}").format(source=esc(chart.plan.caption.source)),
            "",
            *(f"- {esc(n)}" if n and not n.endswith(":") else esc(n) for n in notes),
            "",
        ]
        lines += [
            "- "
            + _("{claim}: characters {start}–{end} of {source}").format(
                claim=esc(r["figure_id"]),
                start=r["start"],
                end=r["end"],
                source=esc(r["source_id"]),
            )
            for r in chart.plan.claims.to_dict("records")
        ]
        lines.append("")
    lines += ["## " + _("Sources"), ""]
    lines += [
        "- "
        + _("{source}: {citation}. Copy: {path} (sha256 {sha256}), taken {date}").format(
            source=esc(s["source_id"]),
            citation=esc(s["citation"]),
            path=esc(s["path"]),
            sha256=s["sha256"],
            date=day(s["accessed"]),
        )
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
