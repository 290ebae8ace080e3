from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.text import anchors

TEXT = "First paragraph here.\nThe strikes targeted energy systems, residential buildings.\n\nLast one."


def test_quote_matches_exact_and_normalised():
    start = TEXT.index("energy systems")
    assert anchors.quote_matches(TEXT, "energy systems", start, start + 14)
    assert anchors.quote_matches(TEXT, "energy  systems", start, start + 14)  # whitespace folded
    assert not anchors.quote_matches(TEXT, "energy systems", start + 1, start + 15)
    assert not anchors.quote_matches(TEXT, "energy systems", 5, 500)


def test_nfc_equivalent_quote_matches():
    text = "café damaged"  # precomposed é
    assert anchors.quote_matches(text, "cafe\u0301 damaged", 0, len(text))


def test_propose_anchor_exact_then_fuzzy_then_none():
    start = TEXT.index("residential buildings")
    assert anchors.propose_anchor(TEXT, "residential buildings") == anchors.Proposal(
        start, start + 21, 100.0, "residential buildings"
    )
    fuzzy = anchors.propose_anchor(TEXT, "The strikes targetted energy system")
    assert (
        fuzzy is not None
        and fuzzy.score < 100
        and TEXT[fuzzy.start : fuzzy.end].startswith("The strikes")
    )
    assert anchors.propose_anchor(TEXT, "Completely unrelated words about bananas") is None


def test_paragraph_span():
    start = TEXT.index("energy")
    para = anchors.paragraph_span(TEXT, start, start + 6)
    assert TEXT[para[0] : para[1]] == "The strikes targeted energy systems, residential buildings."


@given(st.text(min_size=1, max_size=200), st.data())
def test_any_slice_is_found_where_it_is(text: str, data: st.DataObject):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assert anchors.quote_matches(text, quote, start, end)
    proposal = anchors.propose_anchor(text, quote)
    assert proposal is not None and proposal.score == 100.0
    assert anchors.normalise(text[proposal.start : proposal.end]) == anchors.normalise(quote)


@pytest.mark.parametrize("crlf", [False, True])
def test_offsets_are_str_indices_without_newline_translation(tmp_path, crlf):
    body = "One line.\nSecond: the quote.\n"
    data = body.replace("\n", "\r\n") if crlf else body
    path = tmp_path / "seed.txt"
    path.write_bytes(data.encode("utf-8"))
    text = anchors.read_text(path)
    start = text.index("the quote")
    assert text[start : start + 9] == "the quote"
    assert start == data.index("the quote")
