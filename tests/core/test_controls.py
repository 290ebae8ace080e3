"""Control characters: refused in every cell by `check`, by Curate and by `add-source` before
anything is saved; nothing typed can add a line to data/CHANGES.md."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.data.controls import find_control, one_line
from dashboard.core.data.curation import (
    CurationError,
    check_review,
    plan_addition,
    save_change,
)
from tests.core.test_commit import _state
from tests.core.test_curation import SOURCE, TEXT, _claim


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("page one\fpage two", "form feed (U+000C) at character 9"),
        ("a\tb", "tab (U+0009) at character 2"),
        ("a\r", "carriage return (U+000D) at character 2"),
        ("\x00", "NUL (U+0000) at character 1"),
        ("x\x7f", "DEL (U+007F) at character 2"),
        ("x\x9b", "control character (U+009B) at character 2"),
    ],
)
def test_each_control_is_named_with_its_place(value: str, named: str):
    assert named in (find_control(value) or "")


@pytest.mark.parametrize("value", ["plain text", "Kyiv — 5 000 $", "line\u2028sep", ""])
def test_printable_text_has_no_control(value: str):
    assert find_control(value) is None


def test_one_line_never_breaks_a_line():
    text = one_line("title\n- 2026-01-01: forged\r\x0c\u2028end")
    assert text.splitlines() == [text]
    assert "\\u000a" in text and "\\u2028" in text


def test_add_source_refuses_a_title_with_a_line_break(repo_copy: Path, tmp_path: Path, capsys):
    doc = tmp_path / "r.txt"
    doc.write_bytes(TEXT)
    before = _state(repo_copy)
    args = ["add-source", str(doc), "--publisher", "P", "--url", "not stated"]
    forged = "R\n- 2026-01-01: removed every figure"
    code = main(
        [*args, "--published", "2026", "--title", forged, "--id", "r", "--root", str(repo_copy)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "title holds a line feed (U+000A) at character 2" in err, err
    assert _state(repo_copy) == before


def test_curation_refuses_a_form_feed_in_a_source_field(repo_copy: Path):
    source = {**SOURCE, "citation": "Producer,\fTest report."}
    with pytest.raises(CurationError, match=r"citation holds a form feed \(U\+000C\)"):
        plan_addition(repo_copy, source, TEXT, [_claim()])


def test_review_names_a_form_feed_in_an_accepted_quote():
    row = {**_claim(), "quote": "Strikes damaged\fthe plant."}
    found = [str(p) for p in check_review({4: row})]
    assert any(p.startswith("Row 4 · quote: holds a form feed (U+000C)") for p in found), found


def test_nothing_typed_adds_a_line_to_the_changes_log(repo_copy: Path):
    change = plan_addition(repo_copy, SOURCE, TEXT, [_claim()])
    change = dataclasses.replace(change, summary="added\n- 2020-01-01: forged\u2028entry")
    log = repo_copy / "data" / "CHANGES.md"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert save_change(repo_copy, change, None).ok
    after = log.read_text(encoding="utf-8").splitlines()
    assert after[: len(lines)] == lines and len(after) == len(lines) + 1
    assert "forged" in after[-1]


def test_a_form_feed_row_is_left_out_so_the_workbook_still_builds(repo_copy: Path):
    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.output.exports import to_excel_bytes, with_citations

    figures = repo_copy / "data" / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("and drone assault", "and drone\fassault", 1), encoding="utf-8")
    dataset = load_dataset(repo_copy)
    assert any(p.column == "quote" and "form feed" in p.message for p in dataset.problems)
    assert not dataset.figures["quote"].str.contains("\f").any()
    book = to_excel_bytes(with_citations(dataset.figures, dataset.frames["sources"]))
    assert book[:2] == b"PK"
