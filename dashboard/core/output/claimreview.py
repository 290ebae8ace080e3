"""The checks as schema.org ClaimReview JSON-LD: the form fact-checkers publish and fact-check
search tools read (https://schema.org/ClaimReview).

As fact-checkers publish it: the claim's author is whoever made it, here the article (its outlet,
or "unknown" when the text names none), and the organisation the article attributes the figure
to stays in the claim's words. The rating is the verdict in words (alternateName), no number.
Every link starts at the public base URL: `--base-url`, else $DASHBOARD_BASE_URL, else the
address `make run` serves.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pandas as pd

from dashboard.core.base.i18n import _, current_language
from dashboard.core.data import schema
from dashboard.core.data.dataset import Dataset
from dashboard.core.evidence.checkcards import CheckCard, check_cards, fact_label, verdict_name
from dashboard.core.output.sharing import BASE_URL_VARIABLE, DEFAULT_BASE_URL

UNKNOWN_AUTHOR = "unknown"


class BaseUrlError(ValueError):
    """A public base URL that is not an http(s) address."""


def base_url(explicit: str | None = None) -> str:
    """The public base URL: `explicit`, else $DASHBOARD_BASE_URL, else the local app's address."""
    chosen = explicit or os.environ.get(BASE_URL_VARIABLE, "").strip() or DEFAULT_BASE_URL
    if not chosen.startswith(("http://", "https://")) or len(chosen) < 10:
        source = "--base-url" if explicit else BASE_URL_VARIABLE
        raise BaseUrlError(
            _(
                "{source} '{value}' is not an http(s) address (expected e.g. https://example.org/ukraine)"
            ).format(source=source, value=chosen)
        )
    return chosen.rstrip("/")


def check_url(base: str, check_id: str) -> str:
    """The link that opens one check on the Checks page."""
    return f"{base.rstrip('/')}/checks?check={check_id}"


def _http(url: object) -> str | None:
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _appearance(card: CheckCard) -> dict[str, Any]:
    """The article the claim appeared in, as its source row cites it ('not stated' stays out)."""
    source = card.source or {}
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.get("citation") or str(card.claim["source_id"]),
    }
    if _http(source.get("url")):
        work["url"] = source["url"]
    published = str(source.get("published", ""))
    if published[:4].isdigit():
        work["datePublished"] = published
    return work


def _evidence(card: CheckCard) -> list[dict[str, Any]]:
    out = []
    for fact in card.facts():
        item: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": fact_label(fact),
            "publisher": [
                {"@type": "Organization", "name": p}
                for p in card.publishers.get(str(fact["assessment_id"]), [])
            ],
        }
        if _http(fact.get("url")):
            item["url"] = fact["url"]
        out.append(item)
    return out


def _claim_author(card: CheckCard) -> dict[str, Any]:
    """Who made the claim: the article, named by its outlet, or 'unknown' when none is stated."""
    producer = str((card.source or {}).get("producer") or "").strip()
    name = producer if producer and producer != "not stated" else UNKNOWN_AUTHOR
    return {"@type": "Organization", "name": name}


def claim_text(card: CheckCard) -> str:
    """The claim in words: the quote as written, with the organisation the article attributes it
    to (the words around them in the current language)."""
    claim = card.claim
    quote = str(claim["quote"])
    if str(claim["attributed_to"]) in ("", "article"):
        return quote
    if claim["attribution_basis"] == "sentence":
        said = _("{quote} (attributed in the same sentence to {organisation})")
    else:
        said = _("{quote} (attributed by its paragraph to {organisation})")
    return said.format(quote=quote, organisation=claim["attributed_to"])


def claim_review(
    card: CheckCard, base: str, author: str, page: Callable[[str, str], str] = check_url
) -> dict[str, Any]:
    """One check as a ClaimReview; `page(base, check_id)` is the address of its review. The
    review is in the current language (`inLanguage`, the rating's words, the words around the
    claim); the claim is its source's, in English, and the curated reasoning stays as written."""
    url = page(base, card.check_id)
    return {
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "inLanguage": current_language(),
        "claimReviewed": claim_text(card),
        "itemReviewed": {
            "@type": "Claim",
            "inLanguage": "en",  # the quote, as its source wrote it
            "text": str(card.claim["quote"]),
            "author": _claim_author(card),
            "appearance": _appearance(card),
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict_name(card.verdict),
            "ratingExplanation": str(card.check["reasoning"]),
        },
        "reviewBody": str(card.check["reasoning"]),
        "author": {"@type": "Organization", "name": author},
        "datePublished": f"{pd.Timestamp(card.check['checked']):%Y-%m-%d}",
        "citation": _evidence(card),
    }


def review_author() -> str:
    """Who publishes the reviews: the project, by its Data Package title."""
    return str(schema.load_package().get("title", "this project"))


def claim_reviews(
    dataset: Dataset, base: str | None = None, page: Callable[[str, str], str] = check_url
) -> dict[str, Any]:
    """Every check as one JSON-LD document (a @graph of ClaimReview items)."""
    root, author = base_url(base), review_author()
    return {
        "@context": "https://schema.org",
        "@graph": [claim_review(card, root, author, page) for card in check_cards(dataset)],
    }


def claimreview_bytes(dataset: Dataset, base: str | None = None) -> bytes:
    """The JSON-LD as UTF-8 bytes, for downloads, the briefing ZIP and the command line."""
    text = json.dumps(claim_reviews(dataset, base), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
