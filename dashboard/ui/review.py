"""The Curate page's review table: proposals as rows numbered as on screen, the editor with the
decisions first and offsets hidden, and problems named by row and field."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.base.i18n import _, ngettext
from dashboard.core.data import schema
from dashboard.core.data.curation import REVIEW_COLUMNS, RowProblem, SaveResult, review_frame
from dashboard.core.evidence.reader import escape_markdown


def proposals(text: str, source_id: str) -> pd.DataFrame:
    """Candidate claims as an editable frame, rows numbered from 1 as the table shows them
    (declared columns even when nothing was found: see review_frame)."""
    frame = review_frame(text, source_id)
    if not frame.empty:  # a blank proposal shows as an empty choice, to be picked before saving
        frame["measure"] = frame["measure"].replace("", None)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")  # the numbers errors refer to
    return frame


def review_editor(candidates: pd.DataFrame) -> pd.DataFrame:
    """The editable table; hidden columns (offsets) stay in the returned frame."""
    return st.data_editor(
        candidates,
        key="curate_editor",
        hide_index=False,
        width="stretch",
        column_order=[c for c in REVIEW_COLUMNS if c in candidates.columns],
        disabled=[
            "quote",
            "start",
            "end",
            "figure_start",
            "figure_end",
            "kind",
            "confidence",
            "source_id",
        ],
        column_config={
            "accept": st.column_config.CheckboxColumn("accept"),
            "sector": st.column_config.SelectboxColumn("sector", options=list(schema.sectors())),
            "measure": st.column_config.SelectboxColumn("measure", options=list(schema.measures())),
            "geography": st.column_config.SelectboxColumn(
                "geography",
                options=list(schema.geographies()),
                help=_("Where the claim applies: choose it, it is never guessed"),
            ),
        },
    )


def show_problems(problems: list[RowProblem]) -> None:
    """Each problem at its row number in the table above and its field."""
    st.error(
        escape_markdown(
            ngettext(
                "Not saved: {n} problem. Nothing was written; your text and edits are kept.",
                "Not saved: {n} problems. Nothing was written; your text and edits are kept.",
                len(problems),
            ).format(n=len(problems))
        )
    )
    for problem in problems:
        st.markdown(escape_markdown(f"• {problem}"))


def save_outcome(result: SaveResult, accepted: int, source_id: str) -> tuple[str, str] | None:
    """A save's outcome as ("error" | "success", words) for the page, in the interface's
    language; None when rows have problems (the page lists them with their row and field)."""
    kept = _("Your text and edits are kept.")
    if result.busy:
        return "error", _("Not saved: {why}. Your text and edits are kept.").format(why=result.busy)
    if result.error:  # the disk is full, the folder read-only: said in plain words
        return "error", f"{result.error[:1].upper()}{result.error[1:]}. {kept}"
    if result.conflicts:
        return "error", _(
            "Not saved: {tables} changed since you proposed these claims (someone else saved). Your text and edits are kept; propose again to reload the tables."
        ).format(tables=", ".join(result.conflicts))
    if result.problems:
        return None
    return "success", ngettext(
        "Saved {n} claim from {source}: {files}",
        "Saved {n} claims from {source}: {files}",
        accepted,
    ).format(n=accepted, source=source_id, files=", ".join(result.written))
