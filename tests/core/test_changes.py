"""The change log read as dated entries: the data's date, the latest entries, their titles."""

from __future__ import annotations

from dashboard.core.base.paths import CHANGES
from dashboard.core.data.changes import (
    ChangeEntry,
    data_as_of,
    latest_changes,
    parse_changes,
    read_changes,
)

LOG = """# Data changes

A dated line for every change.

- 2026-11-25: first curation. Seed added.
- 2026-11-27: claim checks (issue 12). New table `checks.csv`
  (declared in `datapackage.json`). `-09` measure risk.
- 2026-11-27: every field has a title; no value changed.
"""


def test_entries_join_their_continuation_lines_and_skip_the_preamble():
    entries = parse_changes(LOG)
    assert [e.date for e in entries] == ["2026-11-25", "2026-11-27", "2026-11-27"]
    assert entries[1].text == (
        "claim checks (issue 12). New table `checks.csv` (declared in `datapackage.json`). "
        "`-09` measure risk."
    )


def test_the_title_is_the_first_sentence_and_file_names_do_not_end_it():
    entries = parse_changes(LOG)
    assert entries[0].title == "first curation." and entries[0].details == "Seed added."
    assert entries[1].title == "claim checks (issue 12)."
    assert entries[2].title == entries[2].text and entries[2].details == ""
    assert ChangeEntry("2026-01-01", "see CHANGES.md and 0.01° here").title.endswith("here")


def test_latest_first_and_every_entry_of_the_latest_date():
    entries = parse_changes(LOG)
    assert latest_changes(entries, 1) == [entries[2], entries[1]]  # both of 2026-11-27, last first
    assert latest_changes(entries, 3) == [entries[2], entries[1], entries[0]]
    assert latest_changes([]) == []


def test_the_data_date_is_the_latest_entry_and_unknown_is_not_stated(tmp_path):
    assert data_as_of(parse_changes(LOG)) == "2026-11-27"
    assert data_as_of([]) == "not stated"
    assert read_changes(tmp_path / "missing.md") == []


def test_the_shipped_log_is_dated_by_its_latest_entry():
    entries = read_changes(CHANGES)
    assert data_as_of(entries) == "2026-12-03"
    assert any(e.title.startswith("reference facts re-imported") for e in latest_changes(entries))
