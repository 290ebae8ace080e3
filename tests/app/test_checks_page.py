"""AppTest of the Checks page: ?check=ID opens one, filters apply, the card joins the evidence."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.ui.state import CHECK_PICK, FILTER_KEYS
from tests.app.test_pages import _app as _page_app


def _app(page: str = "checks", **params: str) -> AppTest:
    return _page_app(page, **params)  # the pages' AppTest helper, on the Checks page by default


def _html(at: AppTest) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


def test_check_in_the_url_opens_that_check():
    at = _app(check="world-bank-annual-losses")
    assert not at.exception
    assert at.radio(key=CHECK_PICK).value == "world-bank-annual-losses"
    html = _html(at)
    assert "They amplify losses measured in tens of billions of dollars annually." in html
    assert ">not checkable</span>" in html
    assert at.query_params["check"] == "world-bank-annual-losses"


def test_choosing_another_check_updates_the_card_and_the_url():
    at = _app()
    at.radio(key=CHECK_PICK).set_value("undp-400-billion").run()
    html = _html(at)
    assert "RDNA2 needs, all sectors: $411 bn" in html
    assert "RDNA5 needs, all sectors: almost $588 bn" in html
    assert at.query_params["check"] == "undp-400-billion"


def test_organisation_and_sector_filters_apply():
    at = _app()
    at.multiselect(key=FILTER_KEYS["org"]).set_value(["UNDP"]).run()
    assert at.radio(key=CHECK_PICK).options == [
        "millions (UNDP)",
        "exceeding $400 billion (UNDP)",
    ]
    at.multiselect(key=FILTER_KEYS["org"]).set_value([]).run()
    at.multiselect(key=FILTER_KEYS["sector"]).set_value(["cross-sector"]).run()
    assert at.radio(key=CHECK_PICK).options == [
        "hundreds of billions of dollars (IEA)",
        "tens of billions of dollars annually (World Bank)",
    ]  # the UNDP's $400 billion is read as housing: 'they' are the housing challenges
    at.multiselect(key=FILTER_KEYS["sector"]).set_value(["energy"]).run()  # none is energy now
    assert not at.main.radio and at.info  # the sidebar holds the language switch


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
