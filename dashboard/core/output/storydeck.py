"""The story of the chosen sectors as slides, after the deck's title slide: what the article says
(every claim, ten a slide in two columns), what the assessments say, and the attacks on Kyiv that
hit the sectors. The same lines as the Overview's story; each slide's footer credits the rows its
lines come from, and its notes hold every line whole."""

from __future__ import annotations

import textwrap

from pptx.util import Inches, Pt

from dashboard.core.base.i18n import _, current_language
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.data.names import measure_name, sector_name
from dashboard.core.evidence import credits, provenance
from dashboard.core.evidence.checkcards import verdict_name
from dashboard.core.evidence.credits import Drawn
from dashboard.core.visuals.story import ClaimLine, ReferenceLine, Story, build_story
from dashboard.core.visuals.views import place_labels

PER_COLUMN = 5  # claims a column: a quote of up to two lines and its line of facts, at 13 pt
QUOTE_CHARS = 120  # a quote cut past this on a slide (the notes and the evidence hold it whole)
BODY_PT = 13
FOOTER_PT = 10
COLUMNS = ((0.5, 1.45, 6.0, 4.7), (6.85, 1.45, 6.0, 4.7))  # left, top, width, height (inches)
WIDE = (0.5, 1.45, 12.3, 4.7)
FOOTER = (0.5, 6.25, 12.3, 1.1)
MAX_ATTACKS = 8  # attacks listed on the slide; the Map page lists them all


def _box(
    slide, box: tuple[float, float, float, float], paragraphs: list[tuple[str, bool]], size: int
):
    """A text box of (text, bold) paragraphs at `size` points, wrapping in its width."""
    frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
    frame.word_wrap = True
    for i, (text, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text, run.font.size, run.font.bold = text, Pt(size), bold
        paragraph.space_after = Pt(2 if bold else 8)


def _claim_paragraphs(lines: tuple[ClaimLine, ...]) -> list[tuple[str, bool]]:
    out = []
    for line in lines:
        facts = [measure_name(line.measure), line.attribution]
        if line.amount:
            facts.insert(0, _("read as {amount}").format(amount=line.amount))
        if line.verdict:
            facts.append(_("check: {verdict}").format(verdict=verdict_name(line.verdict)))
        out += [(f"“{textwrap.shorten(line.words, QUOTE_CHARS, placeholder=' …')}”", True)]
        out += [(" · ".join(facts), False)]
    return out


def _reference_paragraphs(lines: tuple[ReferenceLine, ...]) -> list[tuple[str, bool]]:
    out = []
    for line in lines:
        who = ", ".join(line.publishers) or _("publisher not stated")
        said = f"{sector_name(line.sector)} · {measure_name(line.measure)}: {line.amount}"
        out.append((f"{said} ({line.assessment}, {line.published}; {who})", True))
        out.append(
            (
                _("earlier: {figures}").format(figures="; ".join(line.earlier))
                if line.earlier
                else _("no earlier figure held"),
                False,
            )
        )
    return out


def _slide(deck, title: str, subtitle: str, footer: str, notes: str):
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _box(slide, (0.5, 0.3, 12.3, 0.7), [(title, True)], 28)
    _box(slide, (0.5, 0.95, 12.3, 0.45), [(subtitle, False)], 14)
    _box(slide, FOOTER, [(footer, False)], FOOTER_PT)
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def _footer(dataset: Dataset, drawn: Drawn) -> str:
    """The slide's source line: the rows its lines come from, then the data date."""
    sources = dataset.frames["sources"]
    credit = credits.credit_for(drawn, sources, dataset.frames["assessment_publishers"])
    return _("Source: {source} · Data as of {date}").format(
        source=credit.line(), date=provenance.as_of(sources, dataset.version)
    )


def _ids(refs: list[str], kind: str) -> list[str]:
    return [r.split(":", 1)[1] for r in refs if r.startswith(f"{kind}:")]


def _claim_slides(deck, dataset: Dataset, filters: Filters, story: Story, about: str) -> int:
    figures = apply_filters(dataset.figures, filters)
    size = 2 * PER_COLUMN
    pages = [story.claims[i : i + size] for i in range(0, len(story.claims), size)]
    subtitle = f"{filters.describe(places=place_labels(dataset))} · " + _(
        "every claim quoted, who said it, the amount as read, the check"
    )
    for n, page in enumerate(pages, start=1):
        part = " " + _("({n} of {total})").format(n=n, total=len(pages)) if len(pages) > 1 else ""
        shown = figures[figures["figure_id"].isin(_ids([c.ref for c in page], "claim"))]
        no_figure = _("no figure")
        notes = "\n".join(f"“{c.words}” ({c.attribution}; {c.amount or no_figure})" for c in page)
        if current_language() != "en":
            notes = (
                _("The quotes are the sources' own words, in the original English.") + "\n" + notes
            )
        title = _("What the article says about {sectors}").format(sectors=about) + part
        slide = _slide(deck, title, subtitle, _footer(dataset, Drawn(claims=shown)), notes)
        for box, column in zip(COLUMNS, (page[:PER_COLUMN], page[PER_COLUMN:]), strict=True):
            if column:
                _box(slide, box, _claim_paragraphs(column), BODY_PT)
    return len(pages)


def _reference_slide(deck, dataset: Dataset, story: Story, about: str) -> None:
    facts = dataset.frames["assessment_figures"]
    drawn = Drawn(
        facts=facts[facts["fact_id"].isin(_ids([r.ref for r in story.references], "fact"))]
    )
    slide = _slide(
        deck,
        _("What the assessments say about {sectors}").format(sectors=about),
        _("reference figures, the newest of each measure with the earlier ones; not the article's"),
        _footer(dataset, drawn),
        "\n".join(
            f"{sector_name(r.sector)} {measure_name(r.measure)}: {r.amount}, {r.assessment} ({r.published})"
            for r in story.references
        ),
    )
    _box(slide, WIDE, _reference_paragraphs(story.references), BODY_PT)


def _attack_slide(deck, dataset: Dataset, story: Story, about: str) -> None:
    attacks = dataset.frames["kyiv_attacks"]
    ids = _ids([a.ref for a in story.attacks], "attack")
    drawn = Drawn(attacks=attacks[attacks["attack_id"].astype(str).isin(ids)])
    words = ", ".join(story.attack_words)
    slide = _slide(
        deck,
        _("Large attacks on Kyiv that hit {sectors} targets").format(sectors=about),
        textwrap.shorten(
            _("reports naming {words}: a keyword reading, not a classification").format(
                words=words
            ),
            150,
        ),
        _footer(dataset, drawn),
        _(
            "Reports whose words name such a target ({words}): a keyword reading of the reports."
        ).format(words=words),
    )
    shown = story.attacks[:MAX_ATTACKS]
    paragraphs = [
        p for a in shown for p in ((f"{a.day} · {a.weapons} · {a.toll}", True), (a.hit, False))
    ]
    if len(story.attacks) > MAX_ATTACKS:
        rest = len(story.attacks) - MAX_ATTACKS
        paragraphs.append((_("and {n} more: see the Map page").format(n=rest), False))
    _box(slide, WIDE, paragraphs, 12)


def add_story_slides(deck, dataset: Dataset, filters: Filters) -> int:
    """Append the story slides of the chosen sectors; returns how many (none without a sector)."""
    if not filters.sector:
        return 0
    story = build_story(dataset, filters)
    about = _(" and ").join(sector_name(s) for s in story.sectors)
    added = _claim_slides(deck, dataset, filters, story, about)
    if story.references:
        _reference_slide(deck, dataset, story, about)
        added += 1
    if story.attacks:
        _attack_slide(deck, dataset, story, about)
        added += 1
    return added
