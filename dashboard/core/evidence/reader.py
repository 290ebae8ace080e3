"""The source reader: a seed's full text as HTML, every anchored claim highlighted by sector.

All source text goes through html.escape: a seed containing `<script>` or `$x$` shows those
characters literally. The HTML is rendered without Markdown (no LaTeX, no emphasis).
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from dashboard.core.base.palette import SECTOR_TINTS, sector_colour

# A line this short with no closing punctuation is a heading, not a paragraph.
MAX_HEADING = 120


@dataclass(frozen=True)
class Highlight:
    """One anchored span to highlight."""

    start: int
    end: int
    sector: str
    figure_id: str


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_HEADING and stripped[-1] not in ".?!:;,\"'”’)"


def _mark(text: str, h: Highlight, selected: str | None, href: Callable[[str], str]) -> str:
    colour, tint = sector_colour(h.sector), SECTOR_TINTS.get(h.sector, "#EEEEEE")
    chosen = h.figure_id == selected
    style = f"background:{tint};border-bottom:3px solid {colour};padding:1px 2px;border-radius:3px;color:inherit;text-decoration:none;"
    if chosen:
        style += f"outline:3px solid {colour};outline-offset:2px;font-weight:600;"
    return (
        f'<a class="claim{" selected" if chosen else ""}" id="claim-{html.escape(h.figure_id)}" '
        f'href="{html.escape(href(h.figure_id))}" target="_self" title="{html.escape(h.figure_id)} · {html.escape(h.sector)}" '
        f'data-claim="{html.escape(h.figure_id)}" style="{style}">{html.escape(text)}</a>'
    )


def _clip(highlights: list[Highlight]) -> list[Highlight]:
    """Sort spans; where two overlap, the later one starts where the earlier ends, and a span
    inside another (a phrase of a quoted sentence) cuts the outer one short instead of
    vanishing, so each claim keeps a link of its own."""
    out: list[Highlight] = []
    for h in sorted(highlights, key=lambda h: (h.start, h.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.start < h.start and h.end <= prev.end:
            out[-1] = Highlight(prev.start, h.start, prev.sector, prev.figure_id)
            out.append(h)
            continue
        start = max(h.start, prev.end) if prev is not None else h.start
        if start < h.end:
            out.append(Highlight(start, h.end, h.sector, h.figure_id))
    return out


def render_text_html(
    text: str, highlights: list[Highlight], selected: str | None, href: Callable[[str], str]
) -> str:
    """Full text as escaped HTML, paragraphs and headings kept, highlights as links."""
    spans = _clip(highlights)
    parts: list[str] = []
    offset = 0
    for line in text.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip():
            continue
        body, cursor = [], line_start
        for h in spans:
            if h.end <= line_start or h.start >= line_end:
                continue
            s, e = max(h.start, line_start), min(h.end, line_end)
            body.append(html.escape(text[cursor:s]))
            body.append(_mark(text[s:e], h, selected, href))
            cursor = e
        body.append(html.escape(text[cursor:line_end]))
        tag = "h4" if _is_heading(line) else "p"
        parts.append(f"<{tag}>{''.join(body)}</{tag}>")
    # the document as written (English): said so to a screen reader on a Ukrainian page
    return '<div class="reader" lang="en">' + "\n".join(parts) + "</div>"


def render_passage_html(before: str, quote: str, after: str, sector: str) -> str:
    """A paragraph with its quote highlighted (for the evidence panel)."""
    colour, tint = sector_colour(sector), SECTOR_TINTS.get(sector, "#EEEEEE")
    mark = f'<mark style="background:{tint};border-bottom:3px solid {colour};padding:1px 2px;">{html.escape(quote)}</mark>'
    return f'<p class="passage" style="line-height:1.6">{html.escape(before)}{mark}{html.escape(after)}</p>'


# CommonMark lets a backslash escape any ASCII punctuation, and then it is only text: escaping
# all of it covers links, images, HTML, entities (&), emphasis, LaTeX ($), Streamlit's
# :colour[...] and :icon: directives and GFM autolinks (www. and http: need a bare '.'/':').
_MARKDOWN_SPECIALS = frozenset(string.punctuation)
# Streamlit's GFM turns bare addresses into links after escapes are resolved, unless the
# character before them is a letter-like one: an invisible WORD JOINER there keeps them text.
_AUTOLINK_START = re.compile(r"(https?://|www\.|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """The one way untrusted text (URL, data file, user input) reaches a Markdown-rendering
    Streamlit element: every ASCII punctuation character backslash-escaped, line breaks as
    spaces, bare addresses unlinked, so it shows literally and never as a link, image, HTML or
    LaTeX."""
    flat = _AUTOLINK_START.sub(WORD_JOINER + r"\1", " ".join(str(text).splitlines()))
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in flat)
