"""AppTest of the footer: every page shows the data's date and what changed, escaped."""

from __future__ import annotations

import html

import pytest

from dashboard.core.base.paths import CHANGES
from dashboard.core.data.changes import data_as_of, latest_changes, read_changes
from dashboard.core.evidence.reader import escape_markdown
from dashboard.ui.state import FOOTER_CHANGES
from tests.app.test_pages import _app, _html

ENTRIES = read_changes(CHANGES)


def _footer(at):
    """The footer's change log, opened as a click opens it (its entries are built only then)."""
    closed = next(e for e in at.expander if e.proto.label.endswith("What changed"))
    assert not closed.children  # nothing built while it is closed
    at.session_state[FOOTER_CHANGES] = True
    at.run()
    return next(e for e in at.expander if e.proto.label.endswith("What changed"))


@pytest.mark.parametrize("page", ["overview", "sources", "checks"])
def test_every_page_shows_the_data_date_and_the_latest_change(page):
    at = _app(page)
    assert not at.exception
    as_of = data_as_of(ENTRIES)
    assert as_of == "2026-12-03"
    assert f"Last updated {as_of} (the change log" in _html(at)
    footer = _footer(at)
    assert footer.proto.label == f"Last updated {escape_markdown(as_of)} · What changed"
    (log,) = [h.proto.body for h in footer.get("html")]  # one element, marked as English
    assert log.startswith('<div lang="en" class="change-log">')
    latest = latest_changes(ENTRIES)
    first = f"<p><strong>{html.escape(latest[0].date)} · {html.escape(latest[0].title)}</strong>"
    assert log.index(first) < log.index(html.escape(latest[0].details))  # its details follow
    assert "reference facts re-imported" in log
    assert log.count("<p><strong>") == len(latest)


def test_the_change_log_is_escaped_as_data(repo_copy, monkeypatch):
    log = repo_copy / "data" / "CHANGES.md"
    hostile = "- 2027-01-02: <script>alert(1)</script> $x$ *y* [a](javascript:alert(1)). More.\n"
    log.write_text(log.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_ROOT", str(repo_copy))
    at = _app("overview")
    footer = _footer(at)
    assert footer.proto.label == f"Last updated {escape_markdown('2027-01-02')} · What changed"
    (log,) = [h.proto.body for h in footer.get("html")]
    assert "<script>" not in log and "&lt;script&gt;alert(1)&lt;/script&gt;" in log
    assert "<a" not in log and "$x$ *y* [a](javascript:alert(1))." in log  # words, as written
    assert "More." in log
