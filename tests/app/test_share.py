"""Share, embed, cite under each chart: the view's link with its filters, an iframe of the
chart-only view, and a citation with the data's date and version."""

from __future__ import annotations

from datetime import date

from dashboard.core.data.dataset import load_dataset
from dashboard.core.evidence import provenance
from dashboard.core.output.sharing import chart_citation, embed_snippet, embed_url, view_url
from tests.app.test_pages import _app

BASE = "https://example.org/ukraine"


def _codes(at) -> list[str]:
    return [c.value for c in at.code]


def _opened(at):
    """Open every share box on the page (each is built only when open, as a click opens it)."""
    boxes = [box for box in at.expander if box.label == "Share, embed, cite"]
    assert boxes and not _codes(at)  # closed: nothing built
    for box in boxes:
        at.session_state[box.proto.id.rsplit("-", 1)[-1]] = True
    return at.run()


def test_the_words_are_built_from_the_view():
    assert view_url(BASE, "", {"sector": "energy"}) == f"{BASE}/?sector=energy"
    assert view_url(BASE, "/checks", {"check": "a b"}) == f"{BASE}/checks?check=a+b"
    url = embed_url(BASE, "impacts", {"sector": "energy,housing"})
    assert url == f"{BASE}/?view=brief&chart=impacts&sector=energy%2Chousing"
    snippet = embed_snippet(url, 'Impacts "by" <sector>')
    src = url.replace("&", "&amp;")
    assert snippet.startswith(f'<iframe src="{src}" title="Impacts &quot;by&quot; &lt;sector&gt;"')
    cite = chart_citation(
        "Impacts by sector", "P", "2026-11-27 (data version x)", url, date(2026, 12, 3)
    )
    assert (
        cite
        == f"Impacts by sector. P. Data as of 2026-11-27 (data version x). {url} (accessed 2026-12-03)."
    )


def test_under_the_overview_chart_a_link_an_embed_and_a_citation(monkeypatch):
    monkeypatch.setenv("DASHBOARD_BASE_URL", BASE)
    at = _opened(_app(sector="energy", tab="impacts"))
    assert not at.exception
    codes = _codes(at)
    link = f"{BASE}/?tab=impacts&sector=energy"
    assert link in codes
    embed = next(c for c in codes if c.startswith("<iframe"))
    assert f'src="{BASE}/?view=brief&amp;chart=impacts&amp;sector=energy"' in embed
    dataset = load_dataset()
    as_of = provenance.as_of(dataset.frames["sources"], dataset.version)
    cite = next(c for c in codes if c.startswith("Impacts by sector"))
    assert f"Data as of {as_of}." in cite and dataset.version in cite and link in cite


def test_a_check_chart_has_a_link_and_a_citation_but_no_embed(monkeypatch):
    monkeypatch.setenv("DASHBOARD_BASE_URL", BASE)
    at = _opened(_app("checks", check="undp-400-billion"))
    assert not at.exception
    codes = _codes(at)
    assert f"{BASE}/checks?check=undp-400-billion" in codes
    assert not [c for c in codes if c.startswith("<iframe")]
    assert any(c.startswith("Check: consistent but dated.") for c in codes)
