"""Shared fixtures: a private copy of the repository's data to break without touching the real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.core.base.paths import ROOT


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """seeds/ and data/ copied into a temporary root."""
    for name in ("seeds", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path
