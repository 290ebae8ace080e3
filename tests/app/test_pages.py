"""AppTest: every page renders; filters drive the charts and the URL; a selection shows its quote."""

from __future__ import annotations

import html
import json
import weakref

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui import component, openers
from dashboard.ui.state import (
    FILTER_KEYS,
    OVERVIEW_CHART,
    SELECTION,
)

APP = str(ROOT / "dashboard" / "app.py")
PAGES = ["overview", "map", "sources", "checks", "data", "briefing", "curate"]
UNDP_QUOTE = "They created long-term reconstruction demands exceeding $400 billion."


def _app(page: str = "overview", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    _live(at)  # what its element now holds
    return at


_HELD: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # AppTest -> views it was sent


def _live(at: AppTest) -> dict:
    """The Overview component's data (AppTest cannot run its script: what Python sends it),
    with the views its element holds: Python sends each view once per element, so a view sent
    by an earlier run of this AppTest is still there."""
    found = [
        component.sent(el.proto.json)
        for el in at.get("bidi_component")
        if el.proto.id.endswith(component.KEY)  # not the Map's lists
    ]
    if not found:
        return {}
    held = _HELD.setdefault(at, {})
    held.update(found[0]["views"])
    return {**found[0], "views": dict(held)}


def _charts(at: AppTest) -> list[dict]:
    """The charts a page sends: on the Overview, the open tab's chart of the current view as
    the component draws it (its wide layout)."""
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    live = _live(at)
    if live:
        view = live["views"][",".join(sorted(live["current"]["sectors"]))]
        tab = live["current"]["tab"]  # the tab chosen; a view without it opens on its first
        tabs = [t["key"] for t in view["tabs"]]
        if tabs and tab not in tabs:
            tab = tabs[0]
        if tab in view["charts"]:
            charts.insert(0, json.loads(view["charts"][tab]["figure"]))
    return charts


def _choose(at: AppTest, sectors: list[str] | None = None, tab: str | None = None) -> AppTest:
    """What the component's `choice` callback does with a browser's change (ui/live._on_choice)."""
    if sectors is not None:
        at.session_state[FILTER_KEYS["sector"]] = sectors
    if tab is not None:
        at.session_state[OVERVIEW_CHART] = tab
    at.run()
    _live(at)
    return at


def _html(at: AppTest) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = _app(page)
    assert not at.exception, [e.value for e in at.exception]


def test_sector_filter_changes_the_charts():
    at = _app()
    before = _charts(at)
    _choose(at, ["energy"])
    after = _charts(at)
    assert not at.exception
    sectors_before = {t.get("name") for t in before[0]["data"]}
    # the seed's cost claims: cross-sector, and the $400 billion of the housing challenges
    assert sectors_before == {"cross-sector", "housing"}
    # energy states no cost: the page opens on a chart that draws, and says why cost is left out
    assert "Claims against assessments" in after[0]["layout"]["meta"]["caption"]["title"]
    assert any(trace.get("x") for trace in after[0]["data"])
    assert "No cost figures in this selection" not in json.dumps(after)
    view = _live(at)["views"]["energy"]
    assert "Cost figures: left out, the sources state no cost figure" in view["left_out"]
    assert at.query_params["sector"] in ("energy", ["energy"])
    impacts = [t["name"] for t in _charts(_choose(at, tab="impacts"))[0]["data"]]
    assert impacts == ["energy"]


@pytest.mark.parametrize(
    "sector", ["energy", "housing", "transport", "cross-sector", "humanitarian"]
)
def test_a_sector_opens_on_its_story_with_every_quote_and_the_references(sector):
    at = _app(sector=sector)
    page = _live(at)["views"][sector]["story"]
    dataset = load_dataset()
    claims = dataset.figures[dataset.figures["sector"] == sector]
    assert "What the article says" in page and "What the assessments say" in page
    for quote in claims["quote"]:
        assert html.escape(quote[:60]) in page  # every claim's words, without a click
    facts = dataset.frames["assessment_figures"]
    scope = "all" if sector == "cross-sector" else sector
    newest = facts[facts["sector"] == scope].sort_values("published").iloc[-1]
    assert html.escape(str(newest["assessment"])) in page  # the newest edition, named
    assert _charts(at) and any(t.get("x") or t.get("z") for t in _charts(at)[0]["data"])


def test_no_sector_shows_no_story():
    at = _app()
    assert "What the article says" not in _html(at) + _live(at)["views"][""]["story"]


def test_overview_opens_on_the_cost_tab_and_keeps_the_chosen_tab_in_the_url():
    at = _app()
    titles = [c["layout"]["meta"]["caption"]["title"] for c in _charts(at)]
    assert len(titles) == 1 and "Cost figures" in titles[0]
    assert "tab" not in at.query_params  # the default tab keeps links short
    _choose(at, tab="assessments")
    titles = [c["layout"]["meta"]["caption"]["title"] for c in _charts(at)]
    assert len(titles) == 1 and "Claims against assessments" in titles[0]
    assert at.query_params["tab"] in ("assessments", ["assessments"])
    at.switch_page("app_pages/map.py").run()
    at.switch_page("app_pages/overview.py").run()  # the chosen tab survives a page change
    assert "Claims against assessments" in _charts(at)[0]["layout"]["meta"]["caption"]["title"]


def test_tab_in_the_url_opens_that_chart_and_an_unknown_one_is_named():
    at = _app(tab="impacts")
    assert "Impacts by sector" in _charts(at)[0]["layout"]["meta"]["caption"]["title"]
    at = _app(tab="pie")
    assert any(escape_markdown("unknown tab in the link: pie") in w.value for w in at.warning)
    assert "Cost figures" in _charts(at)[0]["layout"]["meta"]["caption"]["title"]


def test_query_string_restores_filters_and_ignores_unknown_values():
    at = _app(sector="housing,nuclear", measure="needs")
    assert at.session_state[FILTER_KEYS["sector"]] == ["housing"]  # the component's choice
    assert _live(at)["current"]["sectors"] == ["housing"]
    assert at.multiselect(key=FILTER_KEYS["measure"]).value == ["needs"]
    assert any("nuclear" in w.value for w in at.warning)
    assert not at.exception


def test_claim_in_url_shows_its_quote_in_context():
    at = _app(claim="kyiv-attack-before-talks-15")
    html = _html(at)
    assert UNDP_QUOTE.replace("$", "$") in html
    assert "<mark" in html and "UNDP" in html and "https://www.undp.org" in html
    assert "not stated" in html  # the seed's unknown title/date are said, not guessed


def test_selecting_a_claim_shows_its_quote():
    at = _app()
    at.session_state[SELECTION] = "claim:kyiv-attack-before-talks-21"
    at.run()
    assert "They amplify losses measured in tens of billions of dollars annually." in _html(at)
    assert at.query_params["claim"] in (
        "kyiv-attack-before-talks-21",
        ["kyiv-attack-before-talks-21"],
    )


def test_reference_fact_shows_verification():
    at = _app(claim="fact:rdna2-all-needs")
    html = _html(at)
    assert "RDNA2" in html and "primary" in html and "undp.org" in html


def test_reader_highlights_every_claim_and_escapes():
    at = _app("sources", claim="kyiv-attack-before-talks-15")
    html = _html(at)
    figures = load_dataset().figures
    assert html.count('class="claim') == (figures["source_id"] == "kyiv-attack-before-talks").sum()
    assert 'class="claim selected"' in html
    assert "<h4>Escalation in Kyiv amid diplomatic pressure</h4>" in html


def test_data_page_offers_its_downloads():
    at = _app("data", sector="energy")
    assert not at.exception
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == [
        "CSV",
        "CSV for Excel",
        "Excel workbook",
        "JSON (Data Package)",
        "Claim checks (schema.org ClaimReview JSON-LD)",
    ]


def test_data_page_in_ukrainian_words_its_downloads_pager_and_tables():
    at = _app("data", sector="energy", lang="uk")
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == [
        "CSV",
        "CSV для Excel",
        "Робоча книга Excel",
        "JSON (Data Package)",
        "Перевірки тверджень (schema.org ClaimReview JSON-LD)",
    ]
    assert at.selectbox(key="data_page_size").label == "Рядків на сторінці"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Рядки 1–") and "сторінка 1 із 1" in c for c in captions)
    assert [t.label for t in at.tabs][:2] == ["Авторитетні оцінки", "Видавці оцінок"]
    shown = at.dataframe[0].value  # the page shows names; the files keep the codes
    assert set(shown["sector"]) == {"енергетика"}


def test_briefing_defaults_to_the_overview_tab_and_does_not_render_on_open():
    at = _app("briefing", tab="assessments")
    assert not at.exception
    assert at.multiselect(key="brief_charts").value == ["assessments"]
    assert "Prepare downloads" in [b.label for b in at.button]
    # nothing rendered until asked: no deck or ZIP yet, only the chart's files made on click
    assert [b.label for b in at.get("download_button")] == [
        "PNG for slides (1920×1080)",
        "SVG for slides",
        "Chart data (CSV)",
    ]


def test_brief_view_shows_one_chart_without_sidebar_widgets():
    at = _app(view="brief", chart="assessments", sector="housing")
    assert not at.exception
    charts = _charts(at)
    assert len(charts) == 1
    assert "Claims against assessments" in charts[0]["layout"]["title"]["text"]
    assert "Sector: housing" in charts[0]["layout"]["title"]["text"]
    assert len(at.multiselect) == 0


def test_brief_view_names_an_unknown_chart():
    at = _app(view="brief", chart="pie")
    assert any(escape_markdown("Unknown chart 'pie'") in w.value for w in at.warning)
    assert len(_charts(at)) == 1


def test_clicking_kyiv_city_on_the_map_lists_its_quotes():
    at = _app("map")
    at.session_state[SELECTION] = "region:UA-30"
    at.run()
    assert not at.exception
    kyiv = (load_dataset().figures["geography"] == "kyiv-city").sum()
    assert any(escape_markdown(f"Kyiv city (UA-30): {kyiv} claims") in m.value for m in at.markdown)
    assert "Urban districts across Kyiv experienced fires, structural collapses" in _html(at)


def _tile_styles(at: AppTest) -> list[str | None]:
    return [c["layout"].get("map", {}).get("style") for c in _charts(at)]


def test_a_district_button_opens_exactly_its_attacks_in_the_window():
    at = _app("map", **{"from": "2025-09-07"})
    sent = [openers.sent(e.proto.json) for e in at.get("bidi_component")]
    lists = {data["key"]: data for data in sent if "key" in data}  # the opener lists
    ranking = lists["kyiv_districts_list"]
    assert ranking["title"] == "Districts by attacks reported in the window"
    row = next(r for r in ranking["rows"] if r[2] == "district:Pecherskyi")
    assert row[0] == "Pecherskyi · 3"
    dates = [r[0] for r in lists["kyiv_attacks_list"]["rows"]]
    assert dates == sorted(dates, reverse=True) and min(dates) >= "2025-09-01"
    at.session_state[SELECTION] = row[2]  # what its button's click does (e2e: test_map.py)
    at.run()
    assert not at.exception
    assert at.session_state[SELECTION] == "district:Pecherskyi"
    assert any(
        escape_markdown("Pecherskyi: 3 large attacks reported hitting it, between 2025-09-07")
        in m.value
        for m in at.markdown
    )
    attacks = [
        e.label
        for e in at.expander
        if not e.label.startswith("Chart as a table")
        and not e.label.endswith("What changed")
        and e.label != "Share, embed, cite"
    ]
    assert attacks == ["2025-09-07", "2025-10-10", "2025-11-25"]


ARTICLE = "Strikes hit the grid overnight.\nMore than 3,000 buildings lost heating in Kharkiv, officials said.\n"


def test_curate_proposes_and_saves_accepted_claims(repo_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = _app("curate")
    at.text_area(key="curate_text").set_value(ARTICLE)
    at.text_input(key="curate_source_id").set_value("kharkiv-heating")
    at.text_input(key="curate_title").set_value("Heating report (test)")
    at.text_input(key="curate_producer").set_value("Test desk")
    at.text_input(key="curate_citation").set_value(
        "Test desk, Heating report (test fixture)."
    ).run()
    at.button(key="curate_propose").click().run()
    candidates = at.session_state["curate_candidates"]
    assert "More than 3,000 buildings lost heating in Kharkiv, officials said." in set(
        candidates["quote"]
    )
    candidates.loc[candidates["kind"] == "quantitative", "geography"] = "ukraine"
    at.button(key="curate_save").click().run()
    assert not at.exception
    assert any(
        escape_markdown("Saved 1 claim from kharkiv-heating") in s.value for s in at.success
    ), [e.value for e in at.error]
    dataset = load_dataset(repo_copy)
    assert dataset.problems == ()
    assert "kharkiv-heating-01" in set(dataset.figures["figure_id"])


def test_curate_keeps_the_text_when_a_save_fails(repo_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = _app("curate")
    at.text_area(key="curate_text").set_value(ARTICLE)
    at.text_input(key="curate_source_id").set_value("Bad Id").run()
    at.button(key="curate_propose").click().run()
    candidates = at.session_state["curate_candidates"]
    candidates.loc[candidates["kind"] == "quantitative", "geography"] = "ukraine"
    at.button(key="curate_save").click().run()
    assert any(escape_markdown("must be lower-case letters") in e.value for e in at.error)
    assert at.text_area(key="curate_text").value == ARTICLE
    assert at.session_state["curate_candidates"] is not None
    assert not (repo_copy / "seeds" / "Bad Id.txt").exists()


def _proposed(at: AppTest, source_id: str = "kharkiv-heating") -> pd.DataFrame:
    at.text_area(key="curate_text").set_value(ARTICLE)
    at.text_input(key="curate_source_id").set_value(source_id).run()
    at.button(key="curate_propose").click().run()
    return at.session_state["curate_candidates"]


def _listed(at: AppTest) -> str:
    """The problem list as the user reads it (markdown escapes undone)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_curate_table_puts_the_decisions_first_and_hides_offsets(repo_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = _app("curate")
    candidates = _proposed(at)
    assert list(candidates.index) == [1, 2]  # the row numbers on screen
    order = list(at.dataframe[0].proto.column_order)
    assert order[:9] == [
        "accept",
        "sector",
        "measure",
        "value_low",
        "value_high",
        "unit",
        "hedge",
        "attributed_to",
        "attribution_basis",
    ]
    assert not {"start", "end", "figure_start", "figure_end"} & set(order)
    assert set(candidates["attributed_to"]) == {"unattributed"}  # never 'article' by default


def test_curate_names_the_screen_row_and_field_of_each_problem(repo_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = _app("curate")
    _proposed(at)
    at.button(key="curate_save").click().run()  # geography never chosen
    assert "Row 2 · geography: choose where the claim applies" in _listed(at)
    candidates = at.session_state["curate_candidates"]
    candidates.loc[2, ["geography", "measure"]] = ["ukraine", "targeting"]
    at.button(key="curate_save").click().run()  # refused by the check, not by the review
    assert "Row 2 · measure: measure 'targeting' carries no quantity" in _listed(at)
    assert "data/figures.csv" not in _listed(at)


def test_read_only_hides_the_curate_page(monkeypatch):
    assert [t.value for t in _app("curate").title] == ["Curate"]
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    at = _app("curate")  # not in the navigation: Streamlit falls back to the default page
    assert not at.exception
    assert [t.value for t in at.title] == ["What the strikes did to Ukraine's infrastructure"]
