"""Saving without loss: validate first, refuse conflicts, all files or none."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dashboard.core.base.problems import Problem
from dashboard.core.data.curation import (
    CurationError,
    check_review,
    check_seed_bytes,
    figure_rows,
    plan_addition,
    save_change,
    screen_problems,
    table_hashes,
)
from dashboard.core.data.dataset import load_dataset

TEXT = b"Report on the grid.\nStrikes damaged the Trypilska thermal power plant near Kyiv.\n"
SOURCE = {
    "source_id": "test-report",
    "producer": "Test producer",
    "title": "Test report",
    "citation": "Test producer, Test report (test fixture).",
    "url": "not stated",
    "published": "not stated",
    "licence": "not stated",
    "original_name": "report.txt",
    "description": "A test fixture, not a source.",
}
QUOTE = "Strikes damaged the Trypilska thermal power plant near Kyiv."


def _claim(quote: str = QUOTE, start: int | None = None) -> dict[str, str]:
    text = TEXT.decode()
    s = text.index(QUOTE) if start is None else start
    return {
        "quote": quote,
        "start": str(s),
        "end": str(s + len(quote)),
        "sector": "energy",
        "measure": "damage",
        "figure_text": "",
        "value_low": "",
        "value_high": "",
        "unit": "",
        "bound": "none",
        "hedge": "",
        "per_year": "false",
        "geography": "kyiv-city",
        "attributed_to": "article",
        "attributed_url": "",
        "attribution_basis": "none",
        "note": "",
    }


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".write.lock"  # the writer's lock file, empty, kept
    }


def test_a_valid_addition_is_written_and_checks_clean(repo_copy: Path):
    loaded = table_hashes(repo_copy)
    result = save_change(repo_copy, plan_addition(repo_copy, SOURCE, TEXT, [_claim()]), loaded)
    assert result.ok, result
    dataset = load_dataset(repo_copy)
    assert dataset.problems == ()
    assert "test-report-01" in set(dataset.figures["figure_id"])
    assert (repo_copy / "seeds" / "test-report.txt").read_bytes() == TEXT
    assert (
        "added source test-report (Test report) with 1 claims"
        in (repo_copy / "data" / "CHANGES.md").read_text()
    )


def test_invalid_rows_block_the_save_and_nothing_changes(repo_copy: Path):
    before = _digest(repo_copy)
    row = figure_rows(repo_copy) + 2  # appended after the shipped rows; the header is row 1
    bad = _claim(start=0)  # offsets that do not hold the quote
    result = save_change(
        repo_copy, plan_addition(repo_copy, SOURCE, TEXT, [bad]), table_hashes(repo_copy)
    )
    assert not result.ok and result.problems
    assert any(
        str(p).startswith(f"data/figures.csv:{row}:quote: quote is not the seed text at [0, 60)")
        and "found verbatim at start=20 end=80" in str(p)
        for p in result.problems
    )
    assert _digest(repo_copy) == before


def test_a_table_changed_since_loading_is_a_conflict(repo_copy: Path):
    loaded = table_hashes(repo_copy)
    first = save_change(repo_copy, plan_addition(repo_copy, SOURCE, TEXT, [_claim()]), loaded)
    assert first.ok
    other = {**SOURCE, "source_id": "second-report"}
    second_text = TEXT + b"Another line.\n"
    before = _digest(repo_copy)
    result = save_change(
        repo_copy, plan_addition(repo_copy, other, second_text, []), loaded
    )  # stale hashes
    assert result.conflicts == ("data/sources.csv", "data/figures.csv")
    assert _digest(repo_copy) == before


@pytest.mark.parametrize(
    ("data", "source_id", "message"),
    [
        (b"", "new-source", "the text is empty"),
        (b"\xff\xfe bad", "new-source", "the text is not UTF-8"),
        (b"x" * 2_000_001, "new-source", "expected at most 2,000,000"),
        (b"text", "../evil", "must be lower-case letters, digits and single hyphens"),
        (b"text", "Upper", "must be lower-case letters"),
        (b"text", "a" * 250, "source id is 250 characters long (expected at most 80)"),
    ],
)
def test_bad_seeds_are_refused(repo_copy: Path, data: bytes, source_id: str, message: str):
    with pytest.raises(CurationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_seed_bytes(data, source_id, repo_copy)


def test_duplicate_text_is_refused(repo_copy: Path):
    same = (repo_copy / "seeds" / "kyiv-attack-before-talks.txt").read_bytes()
    with pytest.raises(CurationError, match="already source 'kyiv-attack-before-talks'"):
        check_seed_bytes(same, "copy-of-seed", repo_copy)


def test_add_source_command(repo_copy: Path, tmp_path: Path, capsys):
    from dashboard.cli import main

    doc = tmp_path / "report.txt"
    doc.write_bytes(TEXT)
    args = [
        "add-source",
        str(doc),
        "--title",
        "Grid report",
        "--publisher",
        "Test producer",
        "--url",
        "not stated",
        "--published",
        "2026-11",
        "--root",
        str(repo_copy),
    ]
    assert main(args) == 0
    assert (repo_copy / "seeds" / "grid-report.txt").read_bytes() == TEXT
    assert load_dataset(repo_copy).problems == ()
    assert main(args) == 2  # the same text again
    assert "this exact text is already source 'grid-report'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/a", "https://", "//evil.org"]
)
def test_only_http_urls_are_accepted(repo_copy: Path, url: str):
    with pytest.raises(CurationError, match="is not an http\\(s\\) address"):
        plan_addition(repo_copy, {**SOURCE, "url": url}, TEXT, [])


def test_the_schema_refuses_a_non_http_source_url(repo_copy: Path):
    sources = repo_copy / "data" / "sources.csv"
    sources.write_text(
        sources.read_text().replace(
            ",https://www.naturalearthdata.com/,", ",javascript:alert(1),", 1
        )
    )
    problems = [str(p) for p in load_dataset(repo_copy).problems]
    assert any(p.startswith("data/sources.csv:3:url:") for p in problems), problems


def test_add_source_refuses_an_oversized_file_without_reading_it(
    repo_copy: Path, tmp_path: Path, capsys, monkeypatch
):
    from dashboard.cli import main

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 400 MB on paper, nothing on disk
        fh.truncate(400_000_000)
    opened: list[str] = []
    real_open = Path.open

    def spying_open(self: Path, *args, **kwargs):
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spying_open)
    args = ["add-source", str(big), "--title", "Big", "--publisher", "P", "--url", "not stated"]
    assert main([*args, "--published", "2026", "--root", str(repo_copy)]) == 2
    assert "the text is 400,000,000 bytes (expected at most 2,000,000" in capsys.readouterr().err
    assert "big.txt" not in opened


def test_add_source_refuses_a_javascript_url(repo_copy: Path, tmp_path: Path, capsys):
    from dashboard.cli import main

    doc = tmp_path / "r.txt"
    doc.write_bytes(TEXT)
    args = ["add-source", str(doc), "--title", "R", "--publisher", "P", "--published", "2026"]
    assert main([*args, "--url", "javascript:alert(1)", "--root", str(repo_copy)]) == 2
    assert "is not an http(s) address" in capsys.readouterr().err
    assert not (repo_copy / "seeds" / "r.txt").exists()


def test_save_problems_are_named_at_the_rows_the_user_sees():
    problems = [
        Problem("data/figures.csv", 36, "measure", "measure 'targeting' carries no quantity"),
        Problem("data/sources.csv", 5, "url", "bad url"),
    ]
    # 33 rows already in the table: the accepted rows shown as 2 and 5 are CSV rows 35 and 36
    shown = screen_problems(problems, existing=33, numbers=[2, 5])
    assert str(shown[0]) == "Row 5 · measure: measure 'targeting' carries no quantity"
    assert shown[1].row is None and "data/sources.csv:5:url" in str(shown[1])


def test_review_refuses_blank_choices_by_screen_row():
    rows = {3: {"sector": "energy", "measure": None, "geography": "ukraine"}}
    assert [str(p).split(" (")[0] for p in check_review(rows)] == [
        "Row 3 · measure: choose a measure"
    ]
