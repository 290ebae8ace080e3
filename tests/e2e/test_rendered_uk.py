"""Every chart in Ukrainian, looked at as a person sees it: the same measurements as
test_rendered.py (drawn by plotly.js in Chromium on the 1600 px slide and in the 700, 560, 390
and 360 px columns, the HTML title and source line around the plot), with the longer Ukrainian
words: no text outside its figure or column, no label over another, no mark too small."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from dashboard.core.base.i18n import use_language
from dashboard.core.data import schema
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import provenance
from dashboard.core.evidence.alternative import describe_chart
from dashboard.core.evidence.checkcards import check_cards
from dashboard.core.visuals import checkcharts, views
from dashboard.core.visuals.kyiv_charts import kyiv_map_for_screen
from tests.e2e.test_rendered import SUMMER_TO_AUTUMN, dataset, look, plot_page  # noqa: F401

pytestmark = pytest.mark.e2e

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
# Words of the English interface that must not be left in a Ukrainian chart's own words (the
# quotes, organisation and source names in it are the sources', and stay as written).
ENGLISH_UI = re.compile(
    r"\b(Source|Data as of|claims?|Damage|Needs|Losses|log scale|sector|attacks?|"
    r"no upper bound|no lower bound|publication date|Cost figures|Where the claims are)\b"
)
VIEWS = [Filters(), *(Filters(sector=(s,)) for s in schema.sectors())]


def _chart_words(fig) -> list[str]:
    """The words the chart itself says: title, subtitle, axis titles, legend title; not the
    source line's names of documents and publishers (those stay as the sources write them)."""
    title = fig.layout.title.text or ""
    axes = [a.title.text or "" for a in [*fig.select_xaxes(), *fig.select_yaxes()]]
    legend = fig.layout.legend.title.text or ""
    return [re.sub(r"<[^>]+>", " ", t) for t in [title, *axes, legend] if t]


@pytest.mark.parametrize("filters", VIEWS, ids=lambda f: f.describe())
def test_every_chart_in_ukrainian_fits_and_its_labels_stand_apart(plot_page, dataset, filters):  # noqa: F811
    with use_language("uk"):
        figures = views.build_view(dataset, filters)
        figures["timeline"] = views.draw_attack_timeline(dataset, filters)
        for key, fig in figures.items():
            words = _chart_words(fig)
            if key == "kyiv":  # the page's version names its legend apart
                words += _chart_words(kyiv_map_for_screen(go.Figure(fig)))[-1:]
            assert words and all(CYRILLIC.search(w) for w in words[:1]), f"{key}: {words}"
            english = [w for w in words if ENGLISH_UI.search(w)]
            assert english == [], f"{key} keeps English interface words: {english}"
            assert CYRILLIC.search(describe_chart(fig).description), f"{key}: alt text"
        assert look(plot_page, figures) == []


def test_kyiv_charts_in_ukrainian_fit_in_a_date_window(plot_page, dataset):  # noqa: F811
    with use_language("uk"):
        figures = views.build_view(dataset, Filters(), ["kyiv"], window=SUMMER_TO_AUTUMN)
        figures["timeline"] = views.draw_attack_timeline(dataset, Filters(), SUMMER_TO_AUTUMN)
        assert look(plot_page, figures) == []


def test_check_charts_in_ukrainian_fit(plot_page, dataset):  # noqa: F811
    with use_language("uk"):
        sources = dataset.frames["sources"]
        as_of = provenance.as_of(sources, dataset.version)
        figures = {
            f"check {card.check_id}": checkcharts.build_check_chart(card, sources, as_of)
            for card in check_cards(dataset)
        }
        figures["bill"] = checkcharts.build_bill_view(dataset, dataset.figures, "Усі твердження")
        for key, fig in figures.items():
            assert CYRILLIC.search(fig.layout.title.text or ""), key
        assert look(plot_page, figures) == []
