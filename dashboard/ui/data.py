"""Cached data access: load once per data fingerprint, so an edited CSV refreshes by itself."""

from __future__ import annotations

import streamlit as st

from dashboard.core.dataset import Dataset, fingerprint, load_dataset_cached
from dashboard.core.paths import data_root


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
