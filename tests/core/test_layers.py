"""The layers hold (docs/architecture.md). The rule itself is import-linter's contracts in
pyproject.toml, run by `make lint`; these tests prove those contracts catch what they are for,
by running them on a copy of the package with one bad import added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dashboard.core.base.paths import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tmp_path: Path, module: str = "", line: str = "") -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts, on a copy of dashboard/ with `line` added to
    `module` (inside a function: imports made late count too)."""
    copy = tmp_path / "dashboard"
    shutil.copytree(ROOT / "dashboard", copy, ignore=shutil.ignore_patterns("__pycache__"))
    if module:
        path = copy.joinpath(*module.split(".")[1:]).with_suffix(".py")
        path.write_text(
            path.read_text(encoding="utf-8") + f"\n\ndef _added():\n    {line}\n",
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}  # the copy, not the installed package
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_shipped_package_keeps_every_contract(tmp_path: Path):
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"{len(contracts['tool']['importlinter']['contracts'])} kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "message"),
    [
        (  # a lower layer of core reaching up
            "dashboard.core.text.anchors",
            "from dashboard.core.visuals import charts",
            "dashboard.core.text is not allowed to import dashboard.core.visuals",
        ),
        (  # core reaching into the Streamlit layer
            "dashboard.core.data.filters",
            "from dashboard.ui import state",
            "dashboard.core is not allowed to import dashboard.ui",
        ),
        (  # core importing Streamlit
            "dashboard.core.evidence.reader",
            "import streamlit",
            "dashboard.core is not allowed to import streamlit",
        ),
        (  # two modules of one folder importing each other
            "dashboard.core.data.schema",
            "from dashboard.core.data import dataset",
            "No cycles are allowed in dashboard.core.data",
        ),
        (  # a lower module of ui reaching up
            "dashboard.ui.state",
            "from dashboard.ui import filters",
            "dashboard.ui.state is not allowed to import dashboard.ui.filters",
        ),
        (  # a page importing another page
            "dashboard.app_pages.map",
            "from dashboard.app_pages import overview",
            "dashboard.app_pages.map is not allowed to import dashboard.app_pages.overview",
        ),
    ],
)
def test_a_bad_import_breaks_a_contract_with_its_message(tmp_path: Path, module, line, message):
    result = _lint(tmp_path, module, line)
    assert result.returncode == 1, result.stdout
    assert message in result.stdout


def test_pages_are_thin_and_ui_owns_the_cache():
    for path in (ROOT / "dashboard" / "app_pages").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 120, path.name
        assert "cache_data" not in text and "cache_resource" not in text, path.name
