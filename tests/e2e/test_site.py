"""The public edition, built once by `python -m dashboard publish` into a temporary folder: its
JSON-LD parses with the fields ClaimReview needs, every link inside it resolves, the sitemap lists
every page, and axe-core finds nothing serious in Chromium, with JavaScript turned off."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset
from dashboard.core.visuals.views import CHARTS
from tests.e2e.test_language import _names, _words
from tests.e2e.test_usable import WCAG_TAGS

BASE = "https://example.org/ukraine"
CLAIMREVIEW_FIELDS = ("@type", "url", "claimReviewed", "itemReviewed", "reviewRating", "author")


class _Links(HTMLParser):
    """Every href and src of a page, and its JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.links += [v for k, v in attrs if k in {"href", "src"} and v]
        self._in_jsonld = tag == "script" and found.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _publish(out: Path, *options: str) -> Path:
    # A process of its own, as a user runs it: this one's Playwright keeps an event loop running,
    # in which the renderer's asyncio.run cannot start.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "dashboard", "publish", "--base-url", BASE, "--out", str(out)]
    done = subprocess.run(
        [*command, *options], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _publish(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def site_uk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Ukrainian edition (about 12 s: its charts are drawn again, in Ukrainian)."""
    return _publish(tmp_path_factory.mktemp("site-uk"), "--lang", "uk")


class _Ours(HTMLParser):
    """The words of a page outside elements marked lang="en" (quotes, names, curated English)
    and outside code, scripts and styles."""

    VOID: ClassVar[set[str]] = {"meta", "link", "img", "br", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._stack: list[bool] = []  # per open element: is it English or code?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        apart = found.get("lang") == "en" or tag in {"code", "script", "style", "title"}
        self._stack.append(apart or bool(self._stack and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.words += _words(" ".join(t for t in data.split() if "://" not in t))


def test_a_page_per_check_and_per_chart_view(site):
    checks = load_dataset().frames["checks"]["check_id"]
    assert {p.stem for p in (site / "checks").glob("*.html")} == set(checks)
    assert {p.stem for p in (site / "charts").glob("*.html")} <= set(CHARTS)
    assert len(list((site / "charts").glob("*.html"))) >= 3
    for page in [*(site / "checks").glob("*.html"), *(site / "charts").glob("*.html")]:
        for end in (".svg", ".csv"):
            assert page.with_suffix(end).stat().st_size > 0, page.with_suffix(end)
        assert "<script src" not in page.read_text(encoding="utf-8")  # no JavaScript to read it


def test_every_check_page_embeds_a_claimreview_with_the_required_fields(site):
    for page in (site / "checks").glob("*.html"):
        blocks = _parse(page).jsonld
        assert len(blocks) == 1, page
        review = json.loads(blocks[0])
        assert review["@context"] == "https://schema.org"
        assert all(review.get(field) for field in CLAIMREVIEW_FIELDS), page
        assert review["@type"] == "ClaimReview"
        assert review["url"] == f"{BASE}/checks/{page.name}"
        assert review["itemReviewed"]["author"]["name"] == "unknown"
        assert review["reviewRating"]["alternateName"] in page.read_text(encoding="utf-8")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


def test_every_internal_link_resolves(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 8
    checked = 0
    for page in pages:
        for link in _parse(page).links:
            parts = urlparse(link)
            if parts.scheme or link.startswith("//"):
                continue  # outside the site: sources' own pages, the permalink itself
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)} links to missing {link}"
            assert target.is_relative_to(site.resolve())
            checked += 1
    assert checked > 3 * len(pages)


def test_the_sitemap_lists_every_page_and_robots_points_to_it(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {u.text for u in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    pages = {f"{BASE}/{p.relative_to(site).as_posix()}" for p in site.rglob("*.html")}
    assert listed == pages
    assert f"Sitemap: {BASE}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_the_data_package_is_the_projects(site):
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (site / "data" / resource["path"]).is_file(), resource["path"]


def test_the_ukrainian_edition_says_it_is_ukrainian_and_keeps_the_claims_verbatim(site_uk):
    figures = load_dataset().figures.set_index("figure_id")
    checks = load_dataset().frames["checks"].set_index("check_id")
    # the names the data holds (as the app's language test reads them), and format, licence
    # and standard names
    names = _names() | {"frictionless", "cc", "by", "usd"}
    for page in site_uk.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="uk">'), page
        ours = _Ours()
        ours.feed(text)
        english = sorted({w for w in ours.words if w.lower() not in names})
        assert english == [], f"{page.relative_to(site_uk)}: English words of ours: {english}"
    for page in (site_uk / "checks").glob("*.html"):
        review = json.loads(_parse(page).jsonld[0])
        quote = figures.loc[checks.loc[page.stem, "figure_id"], "quote"]
        assert review["inLanguage"] == "uk"
        assert (
            review["itemReviewed"] | {"inLanguage": "en", "text": quote} == review["itemReviewed"]
        )
        assert review["claimReviewed"].startswith(quote)  # the claim as its source wrote it
        verdict = review["reviewRating"]["alternateName"]
        assert re.search("[а-яіїє]", verdict) and verdict in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edition", "page"),
    [
        ("site", "index.html"),
        ("site", "checks/iea-reconstruction-costs.html"),
        ("site_uk", "checks/iea-reconstruction-costs.html"),
    ],
)
def test_axe_finds_nothing_serious_without_javascript(
    request: pytest.FixtureRequest, browser: Browser, edition: str, page: str
):
    site = request.getfixturevalue(edition)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto((site / page).as_uri())
    assert tab.locator("h1").inner_text()
    if page.startswith("checks/"):  # the chart is drawn, with its text alternative
        image = tab.locator("figure img")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert len(image.get_attribute("alt") or "") > 40
    context.close()
    # axe runs as a script, so it gets a page of its own with scripts allowed
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto((site / page).as_uri())
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    context.close()
    assert serious == [], f"axe on {page}: {serious}"


def test_source_text_cannot_end_the_json_ld_or_inject_markup():
    from dashboard.core.evidence.checkcards import check_cards
    from dashboard.core.output.site import _check_page
    from dashboard.core.visuals.checkcharts import build_check_chart

    dataset = load_dataset()
    card = check_cards(dataset)[0]
    hostile = {**card.check, "reasoning": "</script><script>alert(1)</script>"}
    bad = type(card)(hostile, card.claim, card.source, None, None, {})
    sources = dataset.frames["sources"]
    page = _check_page(bad, BASE, build_check_chart(bad, sources, "2026-12-03"))
    parser = _Links()
    parser.feed(page.head)
    assert json.loads(parser.jsonld[0])["reviewBody"] == hostile["reasoning"]
    assert "<script>alert" not in page.head + page.body
