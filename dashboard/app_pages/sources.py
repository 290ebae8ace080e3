"""Sources: the reader. Full seed text, every anchored claim highlighted by sector."""

from __future__ import annotations

import html
import textwrap
from urllib.parse import urlencode

import streamlit as st

from dashboard.core.base.i18n import _, current_language, ngettext, pgettext
from dashboard.core.base.palette import SECTOR_COLOURS, SECTOR_TINTS
from dashboard.core.data import schema
from dashboard.core.data.names import sector_name
from dashboard.core.evidence.provenance import NOT_STATED
from dashboard.core.evidence.reader import Highlight, escape_markdown, render_text_html
from dashboard.ui.data import get_dataset
from dashboard.ui.evidence import render_evidence_panel
from dashboard.ui.language import mark_options_english
from dashboard.ui.selection import current_ref, select
from dashboard.ui.state import READER_CLAIM, READER_SOURCE

dataset = get_dataset()
figures = st.session_state["filtered"]
seeds = dataset.frames["sources"].query("kind == 'seed'")

st.title(_("Sources"))
if seeds.empty:
    st.info(_("No source documents are loaded."))
    st.stop()

ref = current_ref()
selected = ref.value if ref is not None and ref.kind == "claim" else None
selected_row = dataset.figures[dataset.figures["figure_id"] == selected]
ids = list(seeds["source_id"])
if not selected_row.empty and st.session_state.get(READER_SOURCE) not in ids:
    st.session_state[READER_SOURCE] = selected_row.iloc[0]["source_id"]
source_id = st.selectbox(
    _("Document"),
    ids,
    key=READER_SOURCE,
    format_func=lambda s: f"{s} ({seeds.set_index('source_id').loc[s, 'path']})",
)
source = seeds.set_index("source_id").loc[source_id]
stated = {  # the source's own fields; an unknown one in the reader's words
    k: pgettext("value", "not stated") if str(source[k]) == NOT_STATED else str(source[k])
    for k in ("published", "licence")
}
facts = _("published: {published} · licence: {licence} · sha256 {sha256}…").format(
    **stated, sha256=source["sha256"][:12]
)
st.html(  # the citation is the source's, in English: marked so, like every quote
    f'<p class="source-line"><span lang="en">{html.escape(str(source["citation"]))}</span>'
    f" · {html.escape(facts)}</p><style>.source-line {{ font-size: 0.875rem; margin: 0; }}</style>"
)

text = dataset.seeds.get(source_id)
if text is None:
    st.error(
        escape_markdown(
            _("The text of {path} could not be read; see the data problems above.").format(
                path=source["path"]
            )
        )
    )
    st.stop()

claims = figures[figures["source_id"] == source_id]
legend = " ".join(
    f'<span style="background:{SECTOR_TINTS[s]};border-bottom:3px solid {c};padding:1px 6px;margin-right:6px">{html.escape(sector_name(s))}</span>'
    for s, c in SECTOR_COLOURS.items()
    if s in schema.sectors()
)
params = {k: st.query_params[k] for k in st.query_params if k != "claim"}


def href(figure_id: str) -> str:
    """Link that reopens this page with the claim selected (works without JavaScript)."""
    return "?" + urlencode({**params, "claim": figure_id})


reader_col, list_col = st.container(key="wrapsm_sources").columns([3, 2])
with reader_col:
    st.html(f"<div>{legend}</div>")
    if current_language() != "en":  # the document is never translated
        st.caption(_("The document is shown as written, in English."))
    highlights = [
        Highlight(int(r.start), int(r.end), r.sector, r.figure_id) for r in claims.itertuples()
    ]
    st.html(render_text_html(text, highlights, selected, href))
with list_col:
    render_evidence_panel(dataset, key="reader_evidence")
    options = list(claims["figure_id"])
    labels = dict(zip(claims["figure_id"], claims["quote"], strict=True))
    st.session_state[READER_CLAIM] = selected if selected in options else None
    claim_list = st.container(key="reader_claims")
    choice = claim_list.radio(
        ngettext(
            "{n} claim in this document (filtered)",
            "{n} claims in this document (filtered)",
            len(options),
        ).format(n=len(options)),
        options,
        key=READER_CLAIM,
        format_func=lambda fid: escape_markdown(
            f"{fid.rsplit('-', 1)[-1]} · {textwrap.shorten(labels[fid], 70, placeholder=' …')}"
        ),
    )
    with claim_list:
        mark_options_english("reader_claims")
    if choice and choice != selected:
        select(f"claim:{choice}")
        st.rerun()
