"""The Overview's first screen for a chosen sector: what the article says, what the assessments
say, and the attacks on Kyiv that hit the sector, as one element. Every line is a plain link that
opens its evidence (on this page, or on the Map for an attack): keyboard and screen-reader
friendly, and it works without JavaScript."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import streamlit as st

from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, to_query
from dashboard.core.visuals.story import Href, Story, attacks_html, claims_html, references_html
from dashboard.ui.data import get_story
from dashboard.ui.state import SELECTION

_SMALL = 'style="font-weight:400;font-size:0.8em;color:#4d4d4d"'
_H = 'style="font-size:1.15rem;margin:1rem 0 0.5rem 0;padding:0"'


def _href(filters: Filters, tab: str | None) -> Href:
    """Links that reopen this view with a selection: claims and facts here, attacks on the Map."""
    here = {**to_query(filters), **({"tab": tab} if tab else {})}

    def href(ref: str) -> str:
        kind, value = ref.split(":", 1)
        if kind == "attack":
            return "map?" + urlencode({**to_query(filters), "claim": ref})
        return "?" + urlencode({**here, "claim": value if kind == "claim" else ref})

    return href


def _sectors(story: Story) -> str:
    return " and ".join(story.sectors)


def story_html(
    story: Story, filters: Filters, tab: str | None = None, selected: str | None = None
) -> str:
    """The three parts of the story, told apart by their headings, as escaped HTML."""
    href = _href(filters, tab)
    n = len(story.claims)
    parts = [
        f"<h2 {_H}>What the article says <span {_SMALL}>· {n} claim{'s' if n != 1 else ''}; "
        "a quote opens its sentence in context</span></h2>",
        claims_html(story.claims, href, selected)
        if story.claims
        else "<p>No claim in this selection.</p>",
        f"<h2 {_H}>What the assessments say <span {_SMALL}>· reference figures, newest first; "
        "not the article's</span></h2>",
        references_html(story.references, href)
        if story.references
        else f"<p>No assessment figure of {html.escape(_sectors(story))} is held for this selection.</p>",
    ]
    if story.attack_words:
        words = ", ".join(story.attack_words)
        parts += [
            f"<h2 {_H}>Large attacks on Kyiv that hit {html.escape(_sectors(story))} targets "
            f"<span {_SMALL}>· {len(story.attacks)}; a date opens the attack on the Map</span></h2>",
            f'<p style="font-size:0.9em;margin:0 0 0.5rem 0">Reports whose words name such a target '
            f"({html.escape(words)}): a keyword reading of the reports, not a classification.</p>",
            attacks_html(story.attacks, href)
            if story.attacks
            else "<p>No report of a large attack names such a target.</p>",
        ]
    label = html.escape(f"What the sources say about {_sectors(story)}")
    return f'<section class="sector-story" aria-label="{label}">{"".join(parts)}</section>'


def render_story(dataset: Dataset, filters: Filters, tab: str | None = None) -> None:
    """Draw the story of the chosen sectors (nothing when no sector is chosen)."""
    if filters.sector:
        selected = st.session_state.get(SELECTION)
        st.html(story_html(get_story(dataset, filters), filters, tab, selected))
