"""Docs that cannot drift: the schema describes every field, the README names pages and commands
and stays short, every link and picture of the docs resolves, the architecture names every
module and contract."""

from __future__ import annotations

import re
import tomllib

import pytest

from dashboard.core.base.paths import ROOT
from dashboard.core.data import schema

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_schema_field_has_a_description():
    missing = [
        f"{t.name}.{f.name}"
        for t in schema.tables().values()
        for f in t.fields
        if len(f.description) < 10
    ]
    assert missing == []


def test_readme_gives_both_commands():
    assert "make run" in README and "make test" in README


def test_readme_names_every_page():
    app = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'st.Page\([^)]*title=_\("([^"]+)"\)', app)  # wrapped for translation
    assert titles, "no pages found in app.py"
    for title in titles:
        assert f"**{title}**" in README, title


def test_readme_points_rather_than_holds():
    assert len(README.splitlines()) < 200
    linked = set(re.findall(r"\]\((docs/[^)#]+)\)", README))
    assert linked == {f"docs/{p.name}" for p in DOCS}  # every doc is reachable from the README


@pytest.mark.parametrize("doc", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_links_and_pictures_resolve(doc):
    text = doc.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text):
        if not target.startswith(("http://", "https://", "mailto:")):
            assert (doc.parent / target).resolve().exists(), f"{doc.name}: {target}"


def test_architecture_names_every_module_and_contract():
    modules = sorted(p.name for p in (ROOT / "dashboard").rglob("*.py") if p.name != "__init__.py")
    assert [m for m in modules if m not in ARCHITECTURE] == []
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert f"`{contract['id']}`" in ARCHITECTURE, contract["id"]
