"""Briefing exports: image sizes, source lines inside images, the deck read back, the ZIP, the CLI."""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard.cli import main
from dashboard.core.briefing import zip_bytes
from dashboard.core.paths import ROOT


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def brief_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("brief") / "energy"
    assert main(["brief", "--out", str(out), "--sector", "energy"]) == 0
    return out


def test_brief_writes_every_file(brief_dir: Path):
    names = sorted(p.name for p in brief_dir.iterdir())
    assert names == sorted(
        [
            "deck.pptx",
            "claims.csv",
            "citations.md",
            *(
                f"{k}.{e}"
                for k in ("cost", "assessments", "impacts", "regions", "kyiv")
                for e in ("png", "svg")
            ),
        ]
    )


def test_png_is_slide_sized(brief_dir: Path):
    for name in ("cost.png", "assessments.png", "impacts.png", "regions.png", "kyiv.png"):
        assert _png_size((brief_dir / name).read_bytes()) == (1920, 1080)


def test_svg_carries_title_filters_and_source_line(brief_dir: Path):
    raw = (brief_dir / "assessments.svg").read_text(encoding="utf-8")
    svg = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())  # the text a reader sees
    assert "Claims against assessments" in svg
    assert "Sector: energy" in svg
    # energy has no dollar claim of the article's: the line credits the assessments it draws
    assert "Source: Reference: KSE" in svg and "Quotes from" not in svg and "Data as of" in svg
    assert "US dollars (log scale)" in svg


def test_deck_has_title_slide_then_one_slide_per_chart(brief_dir: Path):
    deck = Presentation(str(brief_dir / "deck.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 6
    title_text = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Filters: Sector: energy" in title_text and "Data as of" in title_text
    titles = [
        next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides[1:]
    ]
    assert titles == [
        "Cost figures stated in the source",
        "Claims against assessments",
        "Impacts by sector",
        "Where the claims are",
        "Large attacks on Kyiv by district",
    ]
    for slide in slides[1:]:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert any(t.startswith("Source: ") for t in texts)
        assert any(s.shape_type == 13 for s in slide.shapes)  # a picture
    # no energy cost claim: the slide credits nothing rather than the whole article's sources
    cost = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
    assert any(t.startswith("Source: nothing drawn in this selection") for t in cost)
    assert "RDNA2" in slides[2].notes_slide.notes_text_frame.text


def test_kyiv_slide_credits_the_attack_reports_and_keeps_hedges(brief_dir: Path):
    slide = list(Presentation(str(brief_dir / "deck.pptx")).slides)[5]
    footer = next(
        s.text_frame.text
        for s in slide.shapes
        if s.has_text_frame and s.text_frame.text.startswith("Source: ")
    )
    assert "Attacks on Kyiv as first reported by" in footer and "UNN" in footer
    assert "© OpenStreetMap contributors" in footer and "Natural Earth" in footer
    assert not any(org in footer for org in ("IEA", "UNDP", "Council on Foreign Relations"))
    notes = slide.notes_slide.notes_text_frame.text
    assert "Attack of 2025-12-27: nearly 500 drones" in notes  # the hedge, never a bare 500
    citations = (brief_dir / "citations.md").read_text(encoding="utf-8")
    assert (
        "nearly 500 drones" in citations
        and footer.removeprefix("Source: ").split(". Data as of")[0] in citations
    )


def test_citations_quote_every_claim_shown(brief_dir: Path):
    text = (brief_dir / "citations.md").read_text(encoding="utf-8")
    claims = (brief_dir / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(claims) == 1 + 8  # header + the eight energy claims
    assert "Kyiv’s energy infrastructure remains a critical vulnerability." in text


def test_zip_lists_its_files(brief_dir: Path):
    files = {p.name: p.read_bytes() for p in brief_dir.iterdir()}
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        assert sorted(archive.namelist()) == sorted(n for n in files if n != "deck.pptx")


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
