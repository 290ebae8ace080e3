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


@pytest.mark.parametrize("kind", ["brief chart", "figure"])
def test_a_slide_is_drawn_in_the_language_of_the_page_that_offered_it(kind, monkeypatch):
    """A slide's file is asked for by a request served outside the page's run (no session
    language there): it is still drawn, and kept, in the language of the page that offered it."""
    import threading
    from types import SimpleNamespace

    from dashboard.core.base.i18n import current_language, use_language
    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.data.filters import Filters
    from dashboard.core.visuals.views import draw_attack_timeline
    from dashboard.ui import renders, slides

    seen: list[tuple[tuple, str, str]] = []

    class Store:
        def render_now(self, key, plan):  # what the render service is given, and in which language
            drawn = plan()
            title = drawn.caption.title if hasattr(drawn, "caption") else ""
            seen.append((key, current_language(), title))
            return SimpleNamespace(png=b"png", svg=b"svg")

    monkeypatch.setattr(renders, "renders", Store)
    dataset = load_dataset()

    def offered() -> slides.Slide:
        if kind == "figure":
            draw = lambda: draw_attack_timeline(dataset, Filters(), (None, None))  # noqa: E731
            return slides.figure_slide(dataset, Filters(), "timeline", draw)
        return slides.slide_pictures(dataset, Filters(), "cost")

    for lang in ("uk", "en"):
        with use_language(lang):
            slide = offered()
        asked = threading.Thread(target=slide, args=("png",))  # the server's thread: no language
        asked.start()
        asked.join()
    (uk_key, uk_lang, uk_title), (en_key, en_lang, en_title) = seen
    assert (uk_lang, en_lang) == ("uk", "en")
    assert uk_key[0].endswith("|uk") and en_key[0].endswith("|en")  # kept apart in the store
    assert uk_title != en_title
