"""AppTest of the Checks page: ?check=ID opens one, filters apply, the card joins the evidence."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.ui import component
from dashboard.ui.state import CHECK_PICK, FILTER_KEYS
from tests.app.test_pages import _app as _page_app


def _app(page: str = "checks", **params: str) -> AppTest:
    return _page_app(page, **params)  # the pages' AppTest helper, on the Checks page by default


def _checks(at: AppTest) -> dict:
    """The Checks page element's data (AppTest cannot run its script: what Python sends it)."""
    found = [
        component.sent(el.proto.json)
        for el in at.get("bidi_component")
        if el.proto.id.endswith(component.CHECKS_KEY)
    ]
    return found[0] if found else {}


def _options(at: AppTest) -> list[str]:
    return [o["label"] for o in _checks(at).get("sectors", [])]


def _choose(at: AppTest, check: str) -> AppTest:
    """What the element's `choice` callback does with a browser's choice (ui/checklive)."""
    at.session_state[CHECK_PICK] = check
    return at.run()


def _html(at: AppTest) -> str:
    """The page's HTML, the chosen check's card in its element included."""
    shown = _checks(at)
    card = shown["views"].get(shown["current"]["sectors"][0], {}).get("cards", "") if shown else ""
    return "\n".join([card, *(el.proto.body for el in at.get("html"))])


def test_check_in_the_url_opens_that_check():
    at = _app(check="world-bank-annual-losses")
    assert not at.exception
    assert _checks(at)["current"]["sectors"] == ["world-bank-annual-losses"]
    html = _html(at)
    assert "They amplify losses measured in tens of billions of dollars annually." in html
    assert ">not checkable</span>" in html
    assert at.query_params["check"] == "world-bank-annual-losses"


def test_choosing_another_check_updates_the_card_and_the_url():
    at = _app()
    first = _checks(at)
    assert set(first["views"]) == set(first["full"]) and len(first["views"]) == 4  # all, once
    _choose(at, "undp-400-billion")
    assert _checks(at)["views"] == {}  # the element holds every check's view already
    html = _html(at) + first["views"]["undp-400-billion"]["cards"]
    assert "RDNA2 needs, all sectors: $411 bn" in html
    assert "RDNA5 needs, all sectors: almost $588 bn" in html
    assert at.query_params["check"] == "undp-400-billion"


def test_organisation_and_sector_filters_apply():
    at = _app()
    at.multiselect(key=FILTER_KEYS["org"]).set_value(["UNDP"]).run()
    assert _options(at) == [
        "millions (UNDP)",
        "exceeding $400 billion (UNDP)",
    ]
    at.multiselect(key=FILTER_KEYS["org"]).set_value([]).run()
    at.multiselect(key=FILTER_KEYS["sector"]).set_value(["cross-sector"]).run()
    assert _options(at) == [
        "hundreds of billions of dollars (IEA)",
        "tens of billions of dollars annually (World Bank)",
    ]  # the UNDP's $400 billion is read as housing: 'they' are the housing challenges
    at.multiselect(key=FILTER_KEYS["sector"]).set_value(["energy"]).run()  # none is energy now
    assert not _checks(at) and at.info


def test_unknown_check_is_a_notice_not_a_crash():
    at = _app(check="no-such-check")
    assert not at.exception
    assert any("is not among the checks" in w.value for w in at.warning)


def test_the_evidence_panel_of_a_checked_claim_shows_its_check():
    at = _app("overview", claim="kyiv-attack-before-talks-15")
    html = _html(at)
    assert "undp-400-billion" in html and ">consistent but dated</span>" in html
    assert 'href="checks?check=undp-400-billion"' in html


def test_the_data_page_offers_the_claimreview_download():
    at = _app("data")
    assert not at.exception
    buttons = [b for b in at.get("download_button") if "ClaimReview" in b.proto.label]
    assert len(buttons) == 1


def test_the_data_page_says_why_a_bad_public_address_stops_the_claimreview(monkeypatch):
    monkeypatch.setenv("DASHBOARD_BASE_URL", "not-an-address")
    at = _app("data")
    assert not at.exception
    assert not [b for b in at.get("download_button") if "ClaimReview" in b.proto.label]
    assert any(
        "DASHBOARD\\_BASE\\_URL" in e.value or "DASHBOARD_BASE_URL" in e.value for e in at.error
    )


def test_a_cost_envelope_opens_the_cost_claims_it_stands_for():
    """Past MAX_BARS distinct amounts the cost chart draws one envelope per sector and measure
    (`costs:sector|measure`): its evidence is the money claims behind it, never 'nothing found'
    (it looked for claims without a number)."""
    at = _app("overview", claim="costs:housing|needs")
    assert not at.exception
    html = _html(at)
    assert "They created long-term reconstruction demands exceeding $400 billion." in html
    assert not at.warning
    assert any(c.value.startswith("1 claim") and "housing · needs" in c.value for c in at.caption)
