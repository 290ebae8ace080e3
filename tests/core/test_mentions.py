"""A check's reasoning names only figures, editions and organisations the reference holds."""

from __future__ import annotations

import pytest

from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.mentions import amounts, unheld

FACTS = [
    {"assessment": "RDNA2", "value": 411e9, "read_in": "UNDP press release", "note": ""},
    {"assessment": "RDNA5", "value": 588e9, "read_in": "Brussels Times", "note": "gives $588.8 bn"},
]
PUBLISHERS = ["World Bank Group", "United Nations", "UNDP"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RDNA2 put needs at $411 bn; RDNA5 at almost $588 bn, some $177 bn more.", []),
        ("The World Bank and the UN co-publish; UNDP's release says so.", []),
        ("The claim's interval is $100 bn to $1 tn.", []),
        ("RDNA3 put needs at $486 bn.", ["figure '$486 bn'", "edition 'RDNA3'"]),
        ("A newer count: more than 4.6 million displaced.", ["figure '4.6 million'"]),
        ("The IEA said so, as Reuters reported.", ["organisation 'IEA'", "organisation 'Reuters'"]),
    ],
)
def test_unheld_names_what_the_reference_lacks(text, expected):
    assert unheld(text, FACTS, PUBLISHERS, bounds=[100e9, 1e12]) == expected


def test_amounts_reads_each_way_of_writing_money_and_counts():
    assert [v for _, v in amounts("US$252 billion, $1 tn, 5.4 million, $40.4 bn")] == [
        252e9,
        1e12,
        5.4e6,
        40.4e9,
    ]


def test_the_shipped_reasonings_name_only_what_the_reference_holds():
    dataset = load_dataset()
    facts = dataset.frames["assessment_figures"].to_dict("records")
    publishers = list(dataset.frames["assessment_publishers"]["publisher"])
    claims = dataset.figures.set_index("figure_id")
    for check in dataset.frames["checks"].to_dict("records"):
        claim = claims.loc[check["figure_id"]]
        bounds = [float(b) for b in (claim["value_low"], claim["value_high"]) if b == b]
        assert unheld(check["reasoning"], facts, publishers, bounds) == [], check["check_id"]
        assert amounts(check["reasoning"]), check["check_id"]  # the test reads something


def test_a_reasoning_naming_an_unheld_figure_is_a_data_problem(tmp_path):
    import shutil

    from dashboard.core.base.paths import ROOT

    for name in ("data", "seeds"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "data" / "checks.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("almost $588 bn (RDNA5", "almost $600 bn (RDNA6", 1), "utf-8")
    problems = [p for p in load_dataset(tmp_path).problems if p.column == "reasoning"]
    assert sorted(str(p) for p in problems) == [
        f"data/checks.csv:2:reasoning: names {what}, which the reference tables do not hold (expected only figures, editions and organisations in data/reference/)"
        for what in ("edition 'RDNA6'", "figure '$600 bn'")
    ]
