"""AppTest: the language switch. `?lang=uk` opens a page in Ukrainian (its title, sidebar,
charts and notices), the switch in the sidebar changes it and the URL, and the English pages
stay as they were."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.ui.language import LANGUAGE, SWITCH, SWITCH_LABEL

APP = str(ROOT / "dashboard" / "app.py")


def _app(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{page}.py")
    return at.run()


def _switch(at: AppTest):
    found = [w for w in at.sidebar.radio if w.label == SWITCH_LABEL]
    assert found, "no language switch in the sidebar"
    return found[0]


@pytest.mark.parametrize(
    ("page", "english", "ukrainian"),
    [("map", "Map", "Мапа"), ("checks", "Claim checks", "Перевірка тверджень")],
)
def test_a_link_with_lang_uk_opens_the_page_in_ukrainian(page: str, english: str, ukrainian: str):
    at = _app(page, lang="uk")
    assert not at.exception
    assert at.title[0].value == ukrainian
    assert at.session_state[LANGUAGE] == "uk"
    assert at.query_params[LANGUAGE] in ("uk", ["uk"])
    assert [h.value for h in at.sidebar.subheader] == ["Фільтри"]
    assert _switch(at).value == "uk"
    assert _app(page).title[0].value == english


def test_the_map_charts_speak_ukrainian():
    at = _app("map", lang="uk")
    titles = [
        json.loads(c.proto.spec)["layout"]["meta"]["caption"]["title"]
        for c in at.get("plotly_chart")
    ]
    assert any("Де ці твердження" in t for t in titles), titles
    # the Kyiv charts are the browser element's: tests/app/test_map_page.py


def test_the_switch_changes_the_language_and_the_link():
    at = _app("map")
    assert at.title[0].value == "Map" and LANGUAGE not in at.query_params
    at.session_state[SWITCH] = "uk"  # what a click on "Українська" does
    at.run()
    assert at.title[0].value == "Мапа"
    assert at.query_params[LANGUAGE] in ("uk", ["uk"])
    at.session_state[SWITCH] = "en"
    at.run()
    assert at.title[0].value == "Map"
    assert LANGUAGE not in at.query_params  # English is what this browser would choose


def test_an_unknown_language_in_the_link_falls_back_to_english():
    at = _app("map", lang="de")
    assert not at.exception
    assert at.title[0].value == "Map"
