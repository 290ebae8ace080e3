"""A chart's source line, computed from the rows behind the marks it actually draws.

Claims credit their seed document and the organisations that document attributes them to;
reference rows credit their publishers and where they were read; geometry credits its producer
and licence. The same `Credit` gives the line on screen, in PNG/SVG, on deck footers and in
citations.md, so no surface can credit what its chart does not draw, or leave out what it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.base.i18n import _

NOT_STATED = "not stated"
NOBODY = ("article", "unattributed")  # the document's own claim: credited as the document
# Geometry that is not a file under data/geo/: Kyiv's district centroids were computed from
# OpenStreetMap's district polygons (data/datapackage.json, kyiv_districts), and OSM data is
# ODbL, whose attribution is this exact wording.
OSM = "OpenStreetMap contributors"
OSM_CREDIT = (OSM, "© OpenStreetMap contributors (ODbL)")
DERIVED_GEOMETRY = {"kyiv_districts": OSM_CREDIT}
_ASIDE = re.compile(r"\s*\([^()]*\)")  # "(mirror)", "(Air Force: 598 drones)": notes, not names
_SPLIT = re.compile(r"\s*;\s*|\s+/\s+|\s+and\s+")


@dataclass(frozen=True)
class Drawn:
    """The rows behind a chart's marks: claims, reference facts, attacks, and geometry ids
    (source ids of boundary files, or a key of DERIVED_GEOMETRY)."""

    claims: pd.DataFrame = field(default_factory=pd.DataFrame)
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)
    attacks: pd.DataFrame = field(default_factory=pd.DataFrame)
    geometry: tuple[str, ...] = ()


@dataclass(frozen=True)
class Credit:
    """Who a chart credits, by kind; `line` is the text every surface prints."""

    documents: tuple[str, ...] = ()  # seed documents quoted, as named in a citation
    organisations: tuple[str, ...] = ()  # whom those documents attribute the drawn claims to
    publishers: tuple[str, ...] = ()  # "RDNA2, RDNA3 (Government of Ukraine, ...)" per group
    read_in: tuple[str, ...] = ()  # outlets the reference rows were read in
    attacks_read_in: tuple[str, ...] = ()  # outlets the attacks on Kyiv were read in
    geometry: tuple[str, ...] = ()  # "Natural Earth ... (public domain ...)"
    names: frozenset[str] = frozenset()  # every credited document, organisation and producer

    def line(self) -> str:
        """The source line: documents and attributions, reference, attacks, geometry."""
        parts = []
        if self.documents:
            quoted = _("Quotes from {documents}").format(documents="; ".join(self.documents))
            if self.organisations:
                quoted += _(", as attributed there to {organisations}").format(
                    organisations=", ".join(self.organisations)
                )
            parts.append(quoted)
        if self.publishers:
            parts.append(
                _("Reference: {publishers}, read in {outlets}").format(
                    publishers="; ".join(self.publishers), outlets=", ".join(self.read_in)
                )
            )
        if self.attacks_read_in:
            parts.append(
                _(
                    "Attacks on Kyiv as first reported by {outlets} (reference table kyiv_attacks)"
                ).format(outlets=", ".join(self.attacks_read_in))
            )
        if self.geometry:
            parts.append(_("Geometry: {sources}").format(sources="; ".join(self.geometry)))
        return ". ".join(parts) if parts else _("nothing drawn in this selection")


def document_name(source: dict[str, object]) -> str:
    """A seed document as a source line names it; unknown title and outlet said so."""
    title, producer = str(source["title"]), str(source["producer"])
    if title != NOT_STATED:
        return f"{producer}, '{title}'" if producer != NOT_STATED else f"'{title}'"
    return _("untitled article '{source}' (author, outlet and date not stated)").format(
        source=source["source_id"]
    )


def outlets(read_in: object) -> list[str]:
    """The outlets named in a `read_in` cell: 'UNN / Reuters reports; AP (mirror)' -> UNN,
    Reuters, AP. Asides in brackets are notes on the reading, not names."""
    text = _ASIDE.sub("", str(read_in or ""))
    names = (re.sub(r"\s+reports?$", "", part.strip()) for part in _SPLIT.split(text))
    return [n for n in names if n]


def _unique(values: object) -> list[str]:
    found = {str(v) for v in pd.Series(values, dtype=object).dropna().unique() if str(v)}
    return sorted(found, key=str.casefold)


def _claim_credit(claims: pd.DataFrame, sources: pd.DataFrame) -> tuple[list[str], list[str]]:
    if claims.empty:
        return [], []
    ids = set(claims["source_id"].unique())  # unique() first: 100k rows, a handful of sources
    used = sources[sources["source_id"].isin(ids)]
    documents = [document_name(s) for s in used.to_dict("records")]
    documents += sorted(ids - set(used["source_id"]))  # a missing source row is named by id
    return documents, [o for o in _unique(claims["attributed_to"]) if o not in NOBODY]


def _fact_credit(facts: pd.DataFrame, publishers: pd.DataFrame) -> tuple[list[str], list[str]]:
    if facts.empty:
        return [], []
    by_assessment = publishers.groupby("assessment_id")["publisher"].apply(tuple).to_dict()
    groups: dict[tuple[str, ...], list[str]] = {}
    for assessment_id, name in facts[["assessment_id", "assessment"]].drop_duplicates().values:
        groups.setdefault(by_assessment.get(assessment_id, (NOT_STATED,)), []).append(name)
    labels = [f"{', '.join(sorted(a))} ({', '.join(p)})" for p, a in groups.items()]
    return sorted(labels), _unique([o for r in facts["read_in"] for o in outlets(r)])


def _geometry_credit(ids: tuple[str, ...], sources: pd.DataFrame) -> list[tuple[str, str]]:
    """(producer, 'producer (licence)') for each geometry drawn."""
    rows = sources.set_index("source_id")
    out: list[tuple[str, str]] = []
    for key in ids:
        if key in rows.index and str(rows.loc[key, "producer"]) == OSM:
            credit = OSM_CREDIT  # ODbL asks for this exact wording, once however many files
        elif key in DERIVED_GEOMETRY:
            credit = DERIVED_GEOMETRY[key]
        elif key in rows.index:
            producer, licence = rows.loc[key, "producer"], rows.loc[key, "licence"]
            credit = (str(producer), f"{rows.loc[key, 'title']}: {producer}, {licence}")
        else:
            continue
        if credit not in out:
            out.append(credit)
    return out


def credit_for(drawn: Drawn, sources: pd.DataFrame, publishers: pd.DataFrame) -> Credit:
    """The credit for exactly the rows drawn: nothing more, nothing less."""
    documents, organisations = _claim_credit(drawn.claims, sources)
    groups, read_in = _fact_credit(drawn.facts, publishers)
    attack_outlets = (
        _unique([o for r in drawn.attacks["read_in"] for o in outlets(r)])
        if not drawn.attacks.empty
        else []
    )
    geometry = _geometry_credit(drawn.geometry, sources)
    fact_publishers = (
        set(publishers[publishers["assessment_id"].isin(drawn.facts["assessment_id"])]["publisher"])
        if not drawn.facts.empty
        else set()
    )
    names = frozenset(
        {*documents, *organisations, *fact_publishers, *read_in, *attack_outlets}
        | {producer for producer, _ in geometry}
    )
    return Credit(
        tuple(documents),
        tuple(organisations),
        tuple(groups),
        tuple(read_in),
        tuple(attack_outlets),
        tuple(text for _, text in geometry),
        names,
    )
