"""Cached data access: load once per data fingerprint, so an edited CSV refreshes by itself."""

from __future__ import annotations

from dataclasses import astuple

import streamlit as st

from dashboard.core import schema
from dashboard.core.dataset import Dataset, fingerprint, load_dataset_cached
from dashboard.core.filters import Filters, apply_filters
from dashboard.core.overview import cards_row_html, sector_cards
from dashboard.core.paths import data_root
from dashboard.core.views import filter_options


# cache_resource, not cache_data: the frames are shared read-only, never copied per rerun.
@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=2)
def _load(root: str, stamp: str) -> Dataset:
    del stamp  # part of the cache key only
    from pathlib import Path

    return load_dataset_cached(Path(root))


def get_dataset() -> Dataset:
    """The validated dataset for the current files (cached by their fingerprint)."""
    root = data_root()
    return _load(str(root), fingerprint(root))


def read_only() -> bool:
    """True when the app must not write (DASHBOARD_READ_ONLY=1): the Curate page is hidden."""
    import os

    return os.environ.get("DASHBOARD_READ_ONLY", "").strip().lower() in {"1", "true", "yes"}


@st.cache_resource(max_entries=256, show_spinner=False)
def _cards(_dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...]) -> str:
    del version  # cache key only
    cards = sector_cards(apply_filters(_dataset.figures, Filters(*filters)), schema.sectors())
    return cards_row_html(cards)


def get_cards_html(dataset: Dataset, filters: Filters) -> str:
    """The Overview's sector cards for a view, as one HTML row (cached per data version and filters)."""
    return _cards(dataset, dataset.version, astuple(filters))


@st.cache_resource(max_entries=8, show_spinner=False)
def _options(_dataset: Dataset, version: str) -> dict[str, list[str]]:
    del version
    return filter_options(_dataset)


def get_filter_options(dataset: Dataset) -> dict[str, list[str]]:
    """Allowed values of every filter (cached per data version)."""
    return _options(dataset, dataset.version)
