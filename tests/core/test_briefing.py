"""Briefing exports: image sizes, source lines inside images, the deck read back, the ZIP, the CLI."""

from __future__ import annotations

import csv
import html
import io
import re
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from dashboard.cli import main
from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset_cached
from dashboard.core.data.filters import Filters
from dashboard.core.output.briefing import plan_charts, zip_bytes
from dashboard.core.output.deck import build_deck
from dashboard.core.output.plans import RenderedChart
from dashboard.core.visuals.views import CHARTS


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def brief_dir(tmp_path_factory) -> Path:
    # The whole view: every chart has something to draw (the seed states no energy cost since
    # its readings were re-checked, so an energy brief leaves the cost chart out; see below).
    out = tmp_path_factory.mktemp("brief") / "all"
    assert main(["brief", "--out", str(out)]) == 0
    return out


DAY = f"{date.today():%Y-%m-%d}"
KEYS = ("cost", "assessments", "impacts", "regions", "kyiv")


def test_brief_writes_every_file_named_for_what_it_holds(brief_dir: Path):
    names = sorted(p.name for p in brief_dir.iterdir())
    assert names == sorted(
        [
            f"briefing_all_{DAY}.pptx",
            f"claims_all_{DAY}.csv",
            "citations.md",
            "claimreview.json",
            *(f"{k}_all_{DAY}.{e}" for k in KEYS for e in ("png", "svg")),
        ]
    )


def test_png_is_slide_sized(brief_dir: Path):
    for key in KEYS:
        assert _png_size((brief_dir / f"{key}_all_{DAY}.png").read_bytes()) == (1920, 1080)


def test_svg_carries_title_filters_and_source_line(brief_dir: Path):
    raw = (brief_dir / f"cost_all_{DAY}.svg").read_text(encoding="utf-8")
    svg = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())  # the text a reader sees
    assert "Cost figures stated in the source" in svg and "All claims" in svg
    assert "Source: Quotes from untitled article" in svg and "as attributed there to" in svg
    assert "Data as of" in svg and "US dollars (log scale)" in svg


def test_an_energy_brief_leaves_out_the_cost_chart_and_says_why():
    """Since the seed's readings were re-checked, it states no energy cost figure."""
    plans = plan_charts(load_dataset_cached(ROOT), Filters(sector=("energy",)), ["cost"])
    assert plans[0].empty and "no cost figure" in plans[0].empty


def _deck(brief_dir: Path) -> list:
    return list(Presentation(str(brief_dir / f"briefing_all_{DAY}.pptx")).slides)


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_deck_has_title_slide_then_one_slide_per_chart(brief_dir: Path):
    slides = _deck(brief_dir)
    assert len(slides) == 6
    title_text = " ".join(_texts(slides[0]))
    assert "Filters: All claims" in title_text and "Data as of" in title_text
    assert [_texts(slide)[0] for slide in slides[1:]] == [CHARTS[k].title for k in KEYS]
    for slide in slides[1:]:
        assert any(t.startswith("Source: ") for t in _texts(slide))
        assert sum(s.shape_type == 13 for s in slide.shapes) == 1  # one picture
    cost_notes = slides[1].notes_slide.notes_text_frame.text
    assert "They amplify losses measured in tens of billions of dollars annually." in cost_notes
    assert "https://www.worldbank.org" in cost_notes
    assert "RDNA2" in slides[2].notes_slide.notes_text_frame.text


def test_deck_pictures_have_alt_text_and_no_title_band(brief_dir: Path):
    for slide, key in zip(_deck(brief_dir)[1:], KEYS, strict=True):
        picture = next(s for s in slide.shapes if s.shape_type == 13)
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt.startswith(CHARTS[key].title) and "Source:" in alt
        assert not re.search(r"\.(png|jpe?g)$", alt) and len(alt) > 80
        assert picture.image.size[1] < 1080 - 100  # the title band is cropped off


def test_cost_alt_text_keeps_hedges(brief_dir: Path):
    picture = next(s for s in _deck(brief_dir)[1].shapes if s.shape_type == 13)
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert "tens of billions of dollars annually" in alt and "US$10 bn to US$100 bn a year" in alt


def test_notes_are_readable_aloud(brief_dir: Path):
    for slide in _deck(brief_dir)[1:]:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip()
        assert "sha256" not in notes and "00:00:00" not in notes
        spoken = re.sub(
            r"https?://\S+", "", notes
        )  # addresses are read out; ids inside them are fine
        assert not re.search(r"\.txt\b|seeds/|data/geo/|\b[0-9a-f]{12,}\b", spoken), notes


def test_kyiv_notes_list_attacks_with_dates_and_urls(brief_dir: Path):
    notes = _deck(brief_dir)[5].notes_slide.notes_text_frame.text
    assert re.search(r"\b20\d\d-\d\d-\d\d: ", notes) and "https://" in notes


def test_empty_charts_are_left_out_and_said_so():
    """Transport: no cost figure and no attack report naming a transport target."""
    dataset = load_dataset_cached(ROOT)
    filters = Filters(sector=("transport",))
    plans = plan_charts(dataset, filters)
    empty = {p.key: p.empty for p in plans if p.empty}
    assert set(empty) == {"cost", "kyiv"}
    assert "no report of a large attack on Kyiv names a transport target" in empty["kyiv"]
    blank = io.BytesIO()
    Image.new("RGB", (1920, 1080), "white").save(blank, "PNG")
    drawn = [RenderedChart(p, blank.getvalue(), b"<svg/>") for p in plans if not p.empty]
    left_out = [p for p in plans if p.empty]
    deck = Presentation(io.BytesIO(build_deck(drawn, left_out, dataset, filters, date.today())))
    slides = list(deck.slides)
    # the title, the story (the article's claims, the assessments; no attack names transport),
    # then the three charts that draw
    assert len(slides) == 1 + 2 + 3
    titles = [_texts(s)[0] for s in slides[1:]]
    assert titles[:2] == [
        "What the article says about transport",
        "What the assessments say about transport",
    ]
    assert CHARTS["cost"].title not in titles and CHARTS["kyiv"].title not in titles
    intro = " ".join(_texts(slides[0]))
    assert f"Not in this deck: {CHARTS['cost'].title}: the sources state no cost figure" in intro


def test_year_axis_ticks_do_not_repeat():
    dataset = load_dataset_cached(ROOT)
    plan = plan_charts(dataset, Filters(sector=("transport",)), ["assessments"])[0]
    assert all(axis.dtick == "M12" for axis in plan.figure.select_xaxes())


def test_citations_keep_paths_and_hashes_out_of_the_notes(brief_dir: Path):
    text = (brief_dir / "citations.md").read_text(encoding="utf-8")
    assert "seeds/kyiv-attack-before-talks.txt" in text and "sha256" in text
    assert "00:00:00" not in text


def test_kyiv_slide_credits_the_attack_reports_and_keeps_hedges(brief_dir: Path):
    slide = next(s for s in _deck(brief_dir) if CHARTS["kyiv"].title in _texts(s)[0])
    footer = next(
        s.text_frame.text
        for s in slide.shapes
        if s.has_text_frame and s.text_frame.text.startswith("Source: ")
    )
    assert "Attacks on Kyiv as first reported by" in footer and "UNN" in footer
    assert "© OpenStreetMap contributors (ODbL)" in footer and "Natural Earth" not in footer
    assert not any(org in footer for org in ("IEA", "UNDP", "Council on Foreign Relations"))
    notes = slide.notes_slide.notes_text_frame.text
    assert "drones nearly 500, missiles 40" in notes  # the hedge, never a bare 500
    citations = (brief_dir / "citations.md").read_text(encoding="utf-8").replace("\\", "")
    assert (
        "drones nearly 500" in citations
        and footer.removeprefix("Source: ").split("\nData as of")[0] in citations
    )


def test_citations_quote_every_claim_shown(brief_dir: Path):
    text = (brief_dir / "citations.md").read_text(encoding="utf-8")
    claims = (brief_dir / f"claims_all_{DAY}.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(claims))))
    assert len(rows) == len(load_dataset_cached(ROOT).figures)  # every claim of the view
    assert "Kyiv’s energy infrastructure remains a critical vulnerability." in text


def test_zip_lists_its_files(brief_dir: Path):
    files = {p.name: p.read_bytes() for p in brief_dir.iterdir()}
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        assert sorted(archive.namelist()) == sorted(n for n in files if not n.endswith(".pptx"))


def test_unknown_sector_fails_cleanly_and_writes_nothing(tmp_path: Path, capsys):
    out = tmp_path / "never"
    assert main(["brief", "--out", str(out), "--sector", "nuclear"]) == 2
    err = capsys.readouterr().err
    assert (
        "brief: unknown sector 'nuclear' (expected one of: energy, housing, transport, cross-sector, humanitarian)"
        in err
    )
    assert not out.exists()


def test_brief_runs_as_a_module(tmp_path: Path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "brief", "--out", str(tmp_path), "--chart", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "unknown chart 'nope'" in result.stderr
    assert list(tmp_path.iterdir()) == []
