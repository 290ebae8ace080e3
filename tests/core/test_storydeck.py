"""A sector's deck carries its story, as the Overview shows it: every claim quoted, the newest
reference figure per measure with its publishers, the attacks; each slide credits its rows."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation

from dashboard.core.data import schema
from dashboard.core.data.dataset import Dataset, load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output.deck import build_deck
from dashboard.core.visuals.story import build_story


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def _slides(dataset: Dataset, filters: Filters) -> list[list[str]]:
    deck = Presentation(io.BytesIO(build_deck([], [], dataset, filters, date(2026, 12, 3))))
    return [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]


def test_no_sector_no_story(dataset: Dataset):
    assert len(_slides(dataset, Filters())) == 1  # the title slide alone (no charts passed)


@pytest.mark.parametrize("sector", schema.sectors())
def test_a_sector_deck_carries_its_story(dataset: Dataset, sector: str):
    filters = Filters(sector=(sector,))
    story = build_story(dataset, filters)
    slides = _slides(dataset, filters)[1:]
    claims = [s for s in slides if s[0].startswith(f"What the article says about {sector}")]
    text = "\n".join(t for s in claims for t in s)
    for line in story.claims:  # every claim, quoted (long quotes cut with an ellipsis)
        assert f"“{line.words[:60]}" in text, line.ref
    assert len(claims) == -(-len(story.claims) // 10)
    references = [s for s in slides if s[0] == f"What the assessments say about {sector}"]
    assert len(references) == (1 if story.references else 0)
    for line in story.references:
        assert (
            f"{line.amount} ({line.assessment}, {line.published}; {line.publishers[0]}"
            in "\n".join(references[0])
        )
    attacks = [s for s in slides if s[0].startswith("Large attacks on Kyiv")]
    assert len(attacks) == (1 if story.attacks else 0)
    footers = [[t for t in slide if t.startswith("Source: ")] for slide in slides]
    assert all(len(f) == 1 and "Data as of" in f[0] for f in footers)
    if story.references:  # the assessments slide credits the publishers it lists, not the article
        footer = next(t for t in references[0] if t.startswith("Source: "))
        assert "Reference:" in footer and "Quotes from" not in footer
