"""Cached data access: load once per data fingerprint, so an edited CSV refreshes by itself."""

from __future__ import annotations

import logging
from dataclasses import astuple
from pathlib import Path

import streamlit as st

from dashboard.core.base.i18n import keyed
from dashboard.core.base.paths import data_root, read_only
from dashboard.core.data import schema
from dashboard.core.data.commit import recover
from dashboard.core.data.dataset import Dataset, load_dataset_cached
from dashboard.core.data.filters import Filters, apply_filters
from dashboard.core.data.stamp import fingerprint
from dashboard.core.visuals.overview import cards_row_html, sector_cards
from dashboard.core.visuals.story import Story, build_story
from dashboard.core.visuals.views import (
    empty_reasons,
    filter_options,
    place_labels,
    reference_facts,
)

logger = logging.getLogger(__name__)

__all__ = [
    "get_cards_html",
    "get_dataset",
    "get_filter_options",
    "get_geo_labels",
    "get_left_out",
    "get_story",
    "read_only",
]


# cache_resource, not cache_data: the frames are shared read-only, never copied per rerun.
@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=2)
def _load(root: str, stamp: str, writable: bool) -> Dataset:
    del stamp  # part of the cache key only
    return load_dataset_cached(Path(root), write=writable)


@st.cache_resource(show_spinner=False)
def _recover_once(root: str) -> list[str]:
    """Complete or undo a save a crash interrupted, once per server process and data root."""
    done = recover(Path(root), wait=2.0)
    for line in done:
        logger.warning("data root %s: %s", root, line)
    return done


def get_dataset() -> Dataset:
    """The validated dataset for the current files (cached by their fingerprint); raises
    DataUnavailable when the schema cannot be read (the app shows its error page)."""
    root = data_root()
    if not read_only():
        _recover_once(str(root))
    return _load(str(root), fingerprint(root), not read_only())


@st.cache_resource(max_entries=256, show_spinner=False)
def _cards(_dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...]) -> str:
    del version  # cache key only
    chosen = Filters(*filters)
    facts = reference_facts(_dataset, chosen)  # the view's sectors, measures and places
    cards = sector_cards(apply_filters(_dataset.figures, chosen), schema.sectors(), facts)
    return cards_row_html(cards)


def get_cards_html(dataset: Dataset, filters: Filters) -> str:
    """The Overview's sector cards for a view, as one HTML row (cached per data version and filters)."""
    return _cards(dataset, keyed(dataset.version), astuple(filters))


@st.cache_resource(max_entries=8, show_spinner=False)
def _options(_dataset: Dataset, version: str) -> dict[str, list[str]]:
    del version
    return filter_options(_dataset)


def get_filter_options(dataset: Dataset) -> dict[str, list[str]]:
    """Allowed values of every filter (cached per data version)."""
    return _options(dataset, dataset.version)


@st.cache_resource(max_entries=256, show_spinner=False)
def _story(_dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...]) -> Story:
    del version  # cache key only
    return build_story(_dataset, Filters(*filters))


def get_story(dataset: Dataset, filters: Filters) -> Story:
    """What the sources say about the view's sectors (cached per data version and filters)."""
    return _story(dataset, keyed(dataset.version), astuple(filters))


@st.cache_resource(max_entries=256, show_spinner=False)
def _left_out(
    _dataset: Dataset, version: str, filters: tuple[tuple[str, ...], ...], keys: tuple[str, ...]
) -> dict[str, str]:
    del version  # cache key only
    return empty_reasons(_dataset, Filters(*filters), list(keys))


def get_left_out(dataset: Dataset, filters: Filters, keys: tuple[str, ...]) -> dict[str, str]:
    """The charts among `keys` with nothing to draw in the view, and why (cached)."""
    return _left_out(dataset, keyed(dataset.version), astuple(filters), keys)


@st.cache_resource(max_entries=8, show_spinner=False)
def _geo_labels(_dataset: Dataset, version: str) -> dict[str, str]:
    del version  # cache key only
    return place_labels(_dataset)


def get_geo_labels(dataset: Dataset) -> dict[str, str]:
    """Each place code's label, as the Place filter shows it (cached)."""
    return _geo_labels(dataset, keyed(dataset.version))
