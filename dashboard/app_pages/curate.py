"""Curate: paste a text and its citation, review proposed claims, save them with provenance."""

from __future__ import annotations

import streamlit as st

from dashboard.core.base.i18n import _, ngettext
from dashboard.core.base.paths import data_root
from dashboard.core.data.curation import (
    MAX_SEED_BYTES,
    MAX_SOURCE_ID,
    CurationError,
    candidate_to_figure,
    check_review,
    figure_rows,
    save_addition,
    screen_problems,
    table_hashes,
    too_big,
)
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui.review import proposals, review_editor, save_outcome, show_problems
from dashboard.ui.state import CURATE_CANDIDATES, CURATE_FIELDS, CURATE_LOADED, CURATE_TEXT

st.title(_("Curate"))
st.caption(
    _(
        "Add a source and its claims. Nothing is written until every row checks out; a failed save keeps your text and edits."
    )
)

upload = st.file_uploader(_("Upload a UTF-8 text file"), type=["txt"], key="curate_upload")
if upload is not None and not st.session_state.get(CURATE_TEXT):
    try:  # strictly: a replaced byte would change the text that quotes are anchored in
        st.session_state[CURATE_TEXT] = upload.getvalue().decode("utf-8")
    except UnicodeDecodeError as err:
        st.error(
            escape_markdown(
                _(
                    "{file}: byte 0x{byte} at byte {at} is not valid UTF-8. Save the file as UTF-8 and upload it again; nothing was read."
                ).format(file=upload.name, byte=f"{upload.getvalue()[err.start]:02x}", at=err.start)
            )
        )
text = st.text_area(_("…or paste the text"), key=CURATE_TEXT, height=200)
if (size := len(text.encode("utf-8"))) > MAX_SEED_BYTES:  # refused before any work is done
    st.error(escape_markdown(_("Not processed: {why}.").format(why=too_big(size))))
    st.stop()
cols = st.columns(3)
fields = {
    name: cols[i % 3].text_input(
        _(label),
        key=f"curate_{name}",
        value=default,
        max_chars=MAX_SOURCE_ID if name == "source_id" else None,
    )
    for i, (name, label, default) in enumerate(CURATE_FIELDS)
}

if st.button(_("Propose claims"), key="curate_propose", disabled=not text.strip()):
    st.session_state[CURATE_CANDIDATES] = proposals(text, fields["source_id"] or "new-source")
    st.session_state[CURATE_LOADED] = table_hashes(data_root())  # the tables as the user saw them

candidates = st.session_state.get(CURATE_CANDIDATES)
if candidates is None:
    st.info(_("Paste a text, fill in its citation, then propose claims."))
    st.stop()
if candidates.empty:
    st.info(
        _(
            "No claim was found in this text. You can still save the source on its own and add claims later."
        )
    )

st.subheader(
    ngettext("{n} proposed claim", "{n} proposed claims", len(candidates)).format(
        n=len(candidates)
    ),
    anchor=False,
)
edited = review_editor(candidates)

if st.button(_("Save accepted claims"), key="curate_save", type="primary"):
    chosen = edited[edited["accept"]]
    numbers = [int(n) for n in chosen.index]
    unchosen = check_review(dict(zip(numbers, chosen.to_dict("records"), strict=True)))
    if unchosen:
        show_problems(unchosen)
        st.stop()
    existing = figure_rows(data_root())
    accepted = [candidate_to_figure(r, text) for r in chosen.to_dict("records")]
    loaded = st.session_state.get(CURATE_LOADED, table_hashes(data_root()))
    source = {**fields, "description": fields["title"]}
    try:
        result = save_addition(data_root(), source, text.encode("utf-8"), accepted, loaded)
    except CurationError as err:
        st.error(escape_markdown(str(err)))
        st.stop()
    outcome = save_outcome(result, len(accepted), fields["source_id"])
    if outcome is None:  # rows with problems: listed, each with its row and field
        show_problems(screen_problems(list(result.problems), existing, numbers))
    elif outcome[0] == "error":
        st.error(escape_markdown(outcome[1]))
    else:
        st.success(escape_markdown(outcome[1]))
        st.session_state.pop(CURATE_CANDIDATES, None)
