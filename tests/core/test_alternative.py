"""Every chart in words: the description and the keyboard list come from the marks drawn."""

from __future__ import annotations

import pytest

from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence.alternative import MAX_SPOKEN, describe_chart
from dashboard.core.visuals.views import CHARTS, build_view, draw_attack_timeline


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.mark.parametrize("key", list(CHARTS))
def test_every_clickable_mark_is_listed_once_with_its_evidence(dataset, key):
    fig = build_view(dataset, Filters(), [key])[key]
    text = describe_chart(fig)
    refs = [
        (c[0] if isinstance(c, list | tuple) else c)
        for t in fig.data
        if t.customdata is not None
        for c in t.customdata
    ]
    assert [m.ref for m in text.marks] == list(dict.fromkeys(refs))  # what a click reaches, once
    assert text.description.startswith(f"{text.title}. ")  # the title as a sentence
    assert "<" not in text.description  # plain words, no plotly markup


def test_the_cost_chart_is_described_with_its_hedges(dataset):
    text = describe_chart(build_view(dataset, Filters(), ["cost"])["cost"])
    assert "(hundreds of)" in text.description and "(no upper bound)" in text.description
    assert f"{len(text.marks)} marks:" in text.description


def test_a_long_chart_names_a_few_marks_and_points_to_the_table(dataset):
    text = describe_chart(build_view(dataset, Filters(), ["regions"])["regions"])
    assert len(text.marks) > MAX_SPOKEN
    assert f"and {len(text.marks) - MAX_SPOKEN} more, listed in the table" in text.description
    assert text.description.index("Kyiv city") < text.description.index("0 claims")


def test_timeline_marks_are_described_by_date_and_counts(dataset):
    text = describe_chart(draw_attack_timeline(dataset, Filters()))
    assert "2025-12-27 · drones nearly 500" in text.description or any(
        "2025-12-27" in m.label and "nearly 500" in m.label for m in text.marks
    )


@pytest.mark.parametrize("key", list(CHARTS))
def test_descriptions_are_sentences_not_dotted_lines(dataset, key):
    text = describe_chart(build_view(dataset, Filters(), [key])[key])
    assert " · " not in text.description and text.description.endswith(".")
    assert "All claims" not in text.description or key != "kyiv"


def test_the_timeline_description_cuts_no_word(dataset):
    text = describe_chart(draw_attack_timeline(dataset, Filters()))
    assert "missiles not reported" in text.description
    assert not any(w in text.description for w in ("missiles not,", "missiles not;", " …"))
    assert text.title == "Large attacks on Kyiv in time"


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_timeline_description_does_not_repeat_what_a_click_does(lang):
    """The attacks' series is named for what a click does: said once per mark it was noise for
    a screen reader (in Ukrainian, where an English-only check let it through)."""
    from dashboard.core.base.i18n import _, use_language
    from dashboard.core.data import kyiv
    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.data.filters import Filters
    from dashboard.core.evidence.alternative import describe_chart
    from dashboard.core.visuals.views import draw_attack_timeline

    dataset = load_dataset()
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    with use_language(lang):
        fig = draw_attack_timeline(dataset, Filters(), (dates[0], dates[-1]))
        text = describe_chart(fig).description
        hint = _("a large attack (click for its reports)")
    assert text.count(":") >= 7  # the marks are there
    assert hint not in text
