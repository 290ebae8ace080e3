"""Docs that cannot drift: the schema describes every field, the README names pages and commands."""

from __future__ import annotations

import re

from dashboard.core.base.paths import ROOT
from dashboard.core.data import schema

README = (ROOT / "README.md").read_text(encoding="utf-8")


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
    titles = re.findall(r'st.Page\([^)]*title="([^"]+)"', app)
    assert titles, "no pages found in app.py"
    for title in titles:
        assert f"**{title}**" in README, title


def test_readme_images_exist():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), path
