"""The evidence panel: what a click on a mark, row or highlight selected, with its provenance."""

from __future__ import annotations

import textwrap

import streamlit as st

from dashboard.core.base.i18n import _, keyed, ngettext
from dashboard.core.data import kyiv
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.geo import REGION_GROUPS, region_names
from dashboard.core.data.names import district_name, region_name
from dashboard.core.evidence import provenance
from dashboard.core.evidence.reader import escape_markdown
from dashboard.core.evidence.refs import (
    Ref,
    claim_row,
    claims_in_region,
    group_claims,
    parse_ref,
)
from dashboard.ui.selection import current_ref, select
from dashboard.ui.state import EVIDENCE_HINT, KYIV_WINDOW

CLAIM_KINDS = ("claim", "group", "costs", "region")  # evidence that quotes a seed document
MAX_LISTED = 50  # claims drawn in full under an aggregate mark; the Data page lists them all


def _source(dataset: Dataset, source_id: str) -> dict[str, object] | None:
    sources = dataset.frames["sources"]
    match = sources[sources["source_id"] == source_id]
    return None if match.empty else match.iloc[0].to_dict()


def render_claim(dataset: Dataset, figure_id: str) -> bool:
    """Draw one claim's evidence; False when the id is unknown."""
    shown = claims_html(dataset, (figure_id,))
    if shown is None:
        return False
    st.html(shown)
    return True


@st.cache_resource(max_entries=512, show_spinner=False)
def _claims_html(_dataset: Dataset, version: str, figure_ids: tuple[str, ...]) -> str | None:
    del version  # cache key only (with the language: keyed)
    geo = _dataset.frames["geographies"].set_index("code")["label"].to_dict()
    from dashboard.ui.checks import claim_card_html  # the check cards load when shown

    parts = []
    for figure_id in figure_ids:
        row = claim_row(_dataset.figures, figure_id)
        if row is None:
            continue
        parts.append(
            provenance.claim_html(
                row.to_dict(),
                _dataset.seeds.get(row["source_id"]),
                _source(_dataset, row["source_id"]),
                geo.get(row["geography"], ""),
            )
        )
        if card := claim_card_html(_dataset, figure_id):
            parts.append(card)
    if not parts:
        return None
    # one element for them all (a click's rerun draws one, not two per claim), spaced as
    # Streamlit spaces its elements
    return "".join(f'<div style="margin-bottom:1rem">{part}</div>' for part in parts)


@st.cache_resource(max_entries=1024, show_spinner=False)
def _group(_dataset: Dataset, version: str, kind: str, value: str) -> tuple[int, tuple[str, ...]]:
    del version  # cache key only
    claims = group_claims(_dataset.figures, Ref(kind, value))
    return len(claims), tuple(claims["figure_id"].head(MAX_LISTED))


def group_of(dataset: Dataset, ref: Ref) -> tuple[int, tuple[str, ...]]:
    """How many claims an aggregate mark stands for, and the first MAX_LISTED of them (cached
    per data version: at a million rows finding them is a scan of every row)."""
    return _group(dataset, dataset.version, ref.kind, ref.value)


def warm(dataset: Dataset, refs: list[str]) -> None:
    """Build the evidence of these marks ahead (the views' marks, in a thread: ui/live), so a
    click finds it ready; in the run's language."""
    for text in refs:
        ref = parse_ref(text)
        if ref is None:
            continue
        if ref.kind == "claim":
            claims_html(dataset, (ref.value,))
        elif ref.kind in {"group", "costs"}:
            claims_html(dataset, group_of(dataset, ref)[1])


def claims_html(dataset: Dataset, figure_ids: tuple[str, ...]) -> str | None:
    """The evidence of these claims, each followed by its check card when it has one, as one
    piece of HTML (escaped; cached per data version and language); None when none is known."""
    return _claims_html(dataset, keyed(dataset.version), figure_ids)


def render_fact(dataset: Dataset, fact_id: str) -> bool:
    """Draw one reference fact's provenance; False when unknown."""
    facts = dataset.frames["assessment_figures"]
    match = facts[facts["fact_id"] == fact_id]
    if match.empty:
        return False
    fact = match.iloc[0].to_dict()
    pubs = dataset.frames["assessment_publishers"]
    publishers = list(pubs[pubs["assessment_id"] == fact["assessment_id"]]["publisher"])
    st.html(provenance.fact_html(fact, publishers))
    return True


# Run once after a new selection: bring the panel into view (it sits under the chart on a
# phone, and beside a long chart on a laptop) and move keyboard focus to it, so a screen reader
# reads the evidence that the click or key press opened. The script is drawn inside the panel,
# so the panel is there when it runs; where its top is does not wait for the evidence under it.
_FOCUS_SCRIPT = """<script>
(() => {
  const panel = document.querySelector('.st-key-%s');
  if (!panel) return;
  if (panel.getAttribute('tabindex') !== '-1') panel.setAttribute('tabindex', '-1');
  const box = panel.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight - 120) panel.scrollIntoView({block: 'start'});
  panel.focus({preventScroll: true});
})();
</script>"""


def _bring_into_view(key: str, ref: Ref) -> None:
    """Scroll to and focus the panel when its selection is new to it (not on every rerun)."""
    shown_key = f"{key}_shown"
    if st.session_state.get(shown_key) == ref:
        return
    st.session_state[shown_key] = ref
    st.html(_FOCUS_SCRIPT % key, unsafe_allow_javascript=True)


def render_evidence_panel(dataset: Dataset, *, key: str = "evidence") -> None:
    """The panel: a hint when nothing is selected, else the selected evidence with a close button."""
    ref = current_ref()
    if ref is None:
        st.session_state.pop(f"{key}_shown", None)
    with st.container(border=True, key=key):
        if ref is None:
            st.markdown(_(EVIDENCE_HINT))
            return
        _bring_into_view(key, ref)
        # one block, not columns (three): each is a message and a redraw on every click
        head = st.container(
            horizontal=True, horizontal_alignment="distribute", vertical_alignment="center"
        )
        head.markdown(_("**Evidence**"), width="content")
        head.button(_("Close"), key=f"{key}_close", on_click=select, args=(None,))
        shown = _render_ref(dataset, ref)
        if shown and ref.kind in CLAIM_KINDS:
            _about_sources(dataset)
        if not shown:
            st.warning(
                escape_markdown(
                    _(
                        "Nothing found for the selection {kind} '{value}' (it may have been withdrawn)."
                    ).format(kind=ref.kind, value=ref.value)
                )
            )


def _about_sources(dataset: Dataset) -> None:
    """The seed documents' long descriptions, once under the evidence, not once per claim."""
    with st.expander(_("About the source documents")):
        st.html(_sources_html(dataset, keyed(dataset.version)))


@st.cache_resource(max_entries=8, show_spinner=False)
def _sources_html(_dataset: Dataset, version: str) -> str:
    del version  # cache key only (with the language: keyed)
    sources = _dataset.frames["sources"]
    return provenance.sources_html(sources[sources["kind"] == "seed"])


def _render_ref(dataset: Dataset, ref: Ref) -> bool:
    if ref.kind == "claim":
        return render_claim(dataset, ref.value)
    if ref.kind == "fact":
        return render_fact(dataset, ref.value)
    if ref.kind in {"group", "costs"}:
        total, listed = group_of(dataset, ref)
        words = ngettext("{n} claim: {group}", "{n} claims: {group}", total).format(
            n=total, group=ref.value.replace("|", " · ")
        )
        if total > len(listed):
            words += " " + _("(the first {shown} here; the Data page lists them all)").format(
                shown=len(listed)
            )
        st.caption(escape_markdown(words))
        shown = claims_html(dataset, listed)
        if shown is not None:
            st.html(shown)
        return shown is not None
    if ref.kind == "region":
        return _render_region(dataset, ref.value)
    if ref.kind == "district":
        return _render_district(dataset, ref.value)
    if ref.kind == "attack":
        return _render_attack(dataset, ref.value)
    return False


def _render_region(dataset: Dataset, code: str) -> bool:
    names = region_names()
    if code not in names:
        return False
    figures = st.session_state.get("filtered", dataset.figures)
    claims = claims_in_region(figures, dataset.frames["geographies"], code)
    st.markdown(
        escape_markdown(
            ngettext(
                "{region} ({code}): {n} claim in the current filters",
                "{region} ({code}): {n} claims in the current filters",
                len(claims),
            ).format(region=region_name(code, names[code]), code=code, n=len(claims))
        )
    )
    if code in REGION_GROUPS["east-south"]:
        st.caption(
            _(
                "Counted through the article's phrase 'eastern and southern regions', which names no region: the group is the dashboard's reading."
            )
        )
    for i, (figure_id, quote) in enumerate(zip(claims["figure_id"], claims["quote"], strict=True)):
        with st.expander(
            escape_markdown(textwrap.shorten(quote, 90, placeholder=" …")), expanded=i == 0
        ):
            render_claim(dataset, figure_id)
    return True


def kyiv_view(dataset: Dataset) -> tuple[str, object]:
    """The attacks the Kyiv map and timeline show now (sector words, date window), and the
    window in words."""
    window = st.session_state.get(KYIV_WINDOW) or (None, None)
    filters = st.session_state.get("filters")
    sectors = tuple(filters.sector) if filters is not None else ()
    shown = kyiv.attacks_in_view(dataset.frames["kyiv_attacks"], sectors, *window)
    words = (
        _("between {start} and {end}").format(start=window[0], end=window[1])
        if window[0]
        else _("all dates")
    )
    return words, shown


def _render_district(dataset: Dataset, district: str) -> bool:
    if district not in set(dataset.frames["kyiv_districts"]["district"]):
        return False
    links = dataset.frames["kyiv_attack_districts"]
    words, shown = kyiv_view(dataset)
    hits = kyiv.district_attacks(shown, links, district)  # type: ignore[arg-type]
    st.markdown(
        escape_markdown(
            ngettext(
                "{district}: {n} large attack reported hitting it, {window}",
                "{district}: {n} large attacks reported hitting it, {window}",
                len(hits),
            ).format(district=district_name(district), n=len(hits), window=words)
        )
    )
    st.caption(
        _(
            "Casualty counts are each attack's city-wide toll as first reported, not this district's. The seed article names no district."
        )
    )
    for i, attack in enumerate(hits.to_dict("records")):
        with st.expander(f"{attack['date']:%Y-%m-%d}", expanded=i == len(hits) - 1):
            st.html(provenance.attack_html(attack, kyiv.districts_of(links, attack["attack_id"])))
    return True


def _render_attack(dataset: Dataset, attack_id: str) -> bool:
    attacks = dataset.frames["kyiv_attacks"]
    match = attacks[attacks["attack_id"] == attack_id]
    if match.empty:
        return False
    hit = kyiv.districts_of(dataset.frames["kyiv_attack_districts"], attack_id)
    st.markdown(escape_markdown(_("Large attack on Kyiv, {attack}").format(attack=attack_id)))
    st.caption(
        _(
            "Counts as first reported, with the source's hedge; the districts hit are outlined on the Kyiv map."
        )
    )
    st.html(provenance.attack_html(match.iloc[0].to_dict(), hit))
    return True
