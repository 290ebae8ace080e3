"""The deck as LibreOffice shows it: every word held in a slide's text boxes is on its page and
inside the page's box, every slide shows its title, and the chart pictures keep their panel
titles. The deck is drawn for the whole view and for energy, in English and in Ukrainian, converted once to PDF by
`soffice --headless` (a profile of its own), and read back with `pdftotext -bbox`."""

from __future__ import annotations

import html
import io
import itertools
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.core.base.i18n import use_language
from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import brief
from dashboard.core.output.plans import crop_band, panel_titles

# Each view in English and in Ukrainian (longer words, the same boxes): name -> (filters, language)
VIEWS = {
    "all": (Filters(), "en"),
    "energy": (Filters(sector=("energy",)), "en"),
    "all-uk": (Filters(), "uk"),
    "energy-uk": (Filters(sector=("energy",)), "uk"),
}
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, tuple[bytes, list[dict]]]:
    """name -> (pptx bytes, pages: {'box': (w, h), 'words': [(x0, y0, x1, y1, word)]})."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):  # fails, never skips
        pytest.fail(
            "needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run installs them"
        )
    out = tmp_path_factory.mktemp("decks")
    dataset = load_dataset_cached(ROOT)
    held = {}
    for name, (filters, language) in VIEWS.items():
        with use_language(language):
            files = brief(dataset, filters)
        held[name] = next(v for k, v in files.items() if k.endswith(".pptx"))
        (out / f"{name}.pptx").write_bytes(held[name])
    profile = (out / "profile").as_uri()  # a profile of its own: runs never share a lock
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(out)]
        + [str(out / f"{n}.pptx") for n in VIEWS],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {n: (held[n], _pages(out / f"{n}.pdf")) for n in VIEWS}


def _pages(pdf: Path) -> list[dict]:
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        words = [
            (*(float(v) for v in m.groups()[:4]), html.unescape(m.group(5)))
            for m in WORD.finditer(page.group(3))
        ]
        pages.append({"box": (float(page.group(1)), float(page.group(2))), "words": words})
    return pages


def _boxes(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]


@pytest.mark.parametrize("name", VIEWS)
def test_every_word_held_is_shown_inside_the_page(decks, name: str):
    data, pages = decks[name]
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(pages) == len(slides)
    for number, (slide, page) in enumerate(zip(slides, pages, strict=True), start=1):
        width, height = page["box"]
        words = [w for *_, w in page["words"]]
        # a word broken at its hyphen across two lines ("Interfax-" / "Ukraine") is shown whole
        shown = Counter(words + [a + b for a, b in itertools.pairwise(words) if a.endswith("-")])
        held = Counter(w for text in _boxes(slide) for w in text.split())
        missing = held - shown
        assert not missing, f"{name} slide {number}: not shown: {sorted(missing.elements())}"
        outside = [
            w
            for x0, y0, x1, y1, w in page["words"]
            if x0 < 0 or y0 < 0 or x1 > width or y1 > height
        ]
        assert not outside, f"{name} slide {number}: outside the page: {outside}"


@pytest.mark.parametrize("name", VIEWS)
def test_every_slide_shows_its_title(decks, name: str):
    data, pages = decks[name]
    for slide, page in zip(Presentation(io.BytesIO(data)).slides, pages, strict=True):
        title = _boxes(slide)[0]
        top = sorted(page["words"], key=lambda w: (round(w[1]), w[0]))
        assert " ".join(w for *_, w in top[: len(title.split())]) == " ".join(title.split())


def test_chart_pictures_keep_their_panel_titles():
    dataset = load_dataset_cached(ROOT)
    from dashboard.core.output.briefing import plan_charts

    seen = set()
    for filters, _language in VIEWS.values():
        for plan in plan_charts(dataset, filters, ["cost", "assessments"]):
            if plan.empty:
                continue
            top, bottom = crop_band(plan)
            for text, (y0, y1) in panel_titles(plan).items():
                seen.add(text)
                assert top <= y0 and y1 <= bottom, (
                    f"{plan.key}: {text} cut ({y0}-{y1} not in {top}-{bottom})"
                )
    assert {"Needs", "Damage", "Losses", "Losses · USD per year"} <= seen


@pytest.mark.parametrize("name", VIEWS)
def test_no_text_runs_into_a_picture(decks, name: str):
    """Every word LibreOffice draws stays off the chart pictures (a picture holds no PDF text:
    any word on one is a text box's, running into it)."""
    data, pages = decks[name]
    emu_per_point = 12700
    pictured = 0
    for number, (slide, page) in enumerate(
        zip(Presentation(io.BytesIO(data)).slides, pages, strict=True), start=1
    ):
        pictures = [
            [v / emu_per_point for v in (s.left, s.top, s.left + s.width, s.top + s.height)]
            for s in slide.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE
        ]
        pictured += len(pictures)
        over = [
            w
            for x0, y0, x1, y1, w in page["words"]
            for left, top, right, bottom in pictures
            if min(x1, right) - max(x0, left) > 0.5 and min(y1, bottom) - max(y0, top) > 0.5
        ]
        assert not over, f"{name} slide {number}: words over its picture: {over}"
    assert pictured >= 4  # the chart slides were looked at


def test_the_ukrainian_deck_speaks_ukrainian_and_keeps_the_quotes(decks):
    """Its titles are the catalog's, the quotes stay the sources' English, marked as such."""
    data, _pages_shown = decks["energy-uk"]
    slides = list(Presentation(io.BytesIO(data)).slides)
    titles = [_boxes(slide)[0] for slide in slides]
    assert titles[0] == "Удари по інфраструктурі України: що кажуть джерела"
    assert "Що стаття каже про сектор: енергетика" in titles[1]
    assert "Твердження проти оцінок" in titles
    assert "27 листопада 2026" in _boxes(slides[0])[1]  # the data's date, as Ukrainian writes it
    words = " ".join(" ".join(_boxes(slide)) for slide in slides)
    assert "мовою оригіналу (англійською)" in words
    assert "Source:" not in words and "Data as of" not in words
    notes = slides[1].notes_slide.notes_text_frame.text  # the article's claims, quoted
    assert "мовою оригіналу" in notes and "\u201c" in notes  # the quotes, as written


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The share of the smaller of two word boxes that the other covers."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


@pytest.mark.parametrize("name", VIEWS)
def test_no_two_words_are_drawn_over_each_other(decks, name: str):
    """A title that wraps to a second line must push what is under it down, not run into it
    (Ukrainian titles are longer than the English ones the boxes were first sized for)."""
    _data, pages = decks[name]
    for number, page in enumerate(pages, start=1):
        words = page["words"]
        clashes = [
            (a[4], b[4])
            for i, a in enumerate(words)
            for b in words[i + 1 :]
            if _overlap(a[:4], b[:4]) > 0.3
        ]
        assert clashes == [], f"{name} slide {number}: words over each other: {clashes[:5]}"
