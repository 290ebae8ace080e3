"""The checks as schema.org ClaimReview JSON-LD: the form fact-checkers publish and fact-check
search tools read (https://schema.org/ClaimReview)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from dashboard.core.data import schema
from dashboard.core.data.checks import RATING
from dashboard.core.data.dataset import Dataset
from dashboard.core.evidence.checkcards import CheckCard, check_cards, fact_label

# Where `make run` serves the app; pass another base for a published copy.
DEFAULT_BASE_URL = "http://127.0.0.1:8501"
BEST, WORST = max(RATING.values()), min(RATING.values())


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


def claim_review(card: CheckCard, base: str, author: str) -> dict[str, Any]:
    """One check as a ClaimReview."""
    claim = card.claim
    org: dict[str, Any] = {"@type": "Organization", "name": str(claim["attributed_to"])}
    if _http(claim.get("attributed_url")):
        org["url"] = claim["attributed_url"]
    url = check_url(base, card.check_id)
    return {
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": str(claim["quote"]),
        "itemReviewed": {"@type": "Claim", "author": org, "appearance": _appearance(card)},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[card.verdict],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": card.verdict,
            "ratingExplanation": str(card.check["reasoning"]),
        },
        "reviewBody": str(card.check["reasoning"]),
        "author": {"@type": "Organization", "name": author},
        "datePublished": f"{pd.Timestamp(card.check['checked']):%Y-%m-%d}",
        "citation": _evidence(card),
    }


def claim_reviews(dataset: Dataset, base: str = DEFAULT_BASE_URL) -> dict[str, Any]:
    """Every check as one JSON-LD document (a @graph of ClaimReview items)."""
    author = str(schema.load_package().get("title", "this project"))
    return {
        "@context": "https://schema.org",
        "@graph": [claim_review(card, base, author) for card in check_cards(dataset)],
    }


def claimreview_bytes(dataset: Dataset, base: str = DEFAULT_BASE_URL) -> bytes:
    """The JSON-LD as UTF-8 bytes, for downloads, the briefing ZIP and the command line."""
    text = json.dumps(claim_reviews(dataset, base), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
