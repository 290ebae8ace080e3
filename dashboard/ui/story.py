"""The Overview's first screen for a chosen sector: what the article says, what the assessments
say, and the attacks on Kyiv that hit the sector, as one element. Every line is a plain link that
opens its evidence (on this page, or on the Map for an attack): keyboard and screen-reader
friendly, and it works without JavaScript."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import streamlit as st

from dashboard.core.base.i18n import _, ngettext
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, to_query
from dashboard.core.data.names import sector_name
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
    names = [sector_name(s) for s in story.sectors]
    if len(names) < 2:
        return "".join(names)
    # TRANSLATORS: a list of sectors, e.g. "energy, housing and transport"
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def story_html(
    story: Story, filters: Filters, tab: str | None = None, selected: str | None = None
) -> str:
    """The three parts of the story, told apart by their headings, as escaped HTML."""
    href = _href(filters, tab)
    n = story.claims_in_view
    claims_note = ngettext(
        "{n} claim; a quote opens its sentence in context",
        "{n} claims; a quote opens its sentence in context",
        n,
    ).format(n=n)
    more = (
        _("The first {shown} of {total} claims; the Data page lists them all.").format(
            shown=len(story.claims), total=n
        )
        if n > len(story.claims)
        else ""
    )
    said = html.escape(_("What the article says"))
    none_claimed = html.escape(_("No claim in this selection."))
    assessed = html.escape(_("What the assessments say"))
    assessed_note = html.escape(_("reference figures, newest first; not the article's"))
    no_figure = html.escape(
        _("No assessment figure of {sectors} is held for this selection.").format(
            sectors=_sectors(story)
        )
    )
    parts = [
        f"<h2 {_H}>{said} <span {_SMALL}>· {html.escape(claims_note)}</span></h2>",
        claims_html(story.claims, href, selected) if story.claims else f"<p>{none_claimed}</p>",
        f"<p style='font-size:0.9em'>{html.escape(more)}</p>" if more else "",
        f"<h2 {_H}>{assessed} <span {_SMALL}>· {assessed_note}</span></h2>",
        references_html(story.references, href) if story.references else f"<p>{no_figure}</p>",
    ]
    if story.attack_words:
        words = html.escape(", ".join(story.attack_words))
        n_attacks = len(story.attacks)
        attacks_note = ngettext(
            "{n}; a date opens the attack on the Map",
            "{n}; a date opens the attack on the Map",
            n_attacks,
        ).format(n=n_attacks)
        hit = html.escape(
            _("Large attacks on Kyiv that hit {sectors} targets").format(sectors=_sectors(story))
        )
        # TRANSLATORS: {words} are the English keywords the reports were searched for
        reading = _(
            "Reports whose words name such a target ({words}): a keyword reading of the "
            "reports, not a classification."
        )
        no_report = html.escape(_("No report of a large attack names such a target."))
        parts += [
            f"<h2 {_H}>{hit} <span {_SMALL}>· {html.escape(attacks_note)}</span></h2>",
            '<p style="font-size:0.9em;margin:0 0 0.5rem 0">'
            + html.escape(reading).replace("{words}", f'<span lang="en">{words}</span>')
            + "</p>",
            attacks_html(story.attacks, href) if story.attacks else f"<p>{no_report}</p>",
        ]
    label = html.escape(_("What the sources say about {sectors}").format(sectors=_sectors(story)))
    return f'<section class="sector-story" aria-label="{label}">{"".join(parts)}</section>'


def render_story(dataset: Dataset, filters: Filters, tab: str | None = None) -> None:
    """Draw the story of the chosen sectors (nothing when no sector is chosen)."""
    if filters.sector:
        selected = st.session_state.get(SELECTION)
        st.html(story_html(get_story(dataset, filters), filters, tab, selected))
