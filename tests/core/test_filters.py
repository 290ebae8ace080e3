from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.data.filters import Filters, apply_filters, parse_query, to_query

FIGS = pd.DataFrame(
    {
        "figure_id": ["a", "b", "c"],
        "sector": ["energy", "housing", "energy"],
        "measure": ["needs", "needs", "losses"],
        "geography": ["ukraine", "kyiv-city", "ukraine"],
        "attributed_to": ["IEA", "UNDP", "World Bank"],
        "source_id": ["s", "s", "s"],
    }
)
OPTIONS = {
    "sector": ["energy", "housing"],
    "measure": ["needs", "losses"],
    "geography": ["ukraine", "kyiv-city"],
    "org": ["IEA", "UNDP", "World Bank"],
    "source": ["s"],
}


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(), ["a", "b", "c"]),
        (Filters(sector=("energy",)), ["a", "c"]),
        (Filters(sector=("energy",), measure=("needs",)), ["a"]),
        (Filters(org=("UNDP",)), ["b"]),
        (Filters(geography=("europe",)), []),
    ],
)
def test_apply_filters(filters, ids):
    assert list(apply_filters(FIGS, filters)["figure_id"]) == ids


def test_query_round_trip():
    filters = Filters(sector=("energy", "housing"), org=("World Bank",))
    params = {k: [v] for k, v in to_query(filters).items()}
    assert parse_query(params, OPTIONS) == (filters, [])


def test_unknown_values_are_ignored_with_a_notice():
    filters, notices = parse_query({"sector": ["energy,nuclear"], "measure": ["<script>"]}, OPTIONS)
    assert filters == Filters(sector=("energy",))
    assert notices == [
        "Ignored unknown sector in the link: nuclear",
        "Ignored unknown measure in the link: <script>",
    ]


def test_describe():
    assert Filters().describe() == "All claims"
    assert (
        Filters(sector=("energy",), measure=("needs", "losses")).describe()
        == "Sector: energy · Measure: needs, losses"
    )
