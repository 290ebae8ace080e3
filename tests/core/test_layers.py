"""House rule: dashboard/core is plain Python and never imports Streamlit."""

from __future__ import annotations

import ast

from dashboard.core.base.paths import ROOT


def test_core_never_imports_streamlit():
    offenders = []
    for path in sorted((ROOT / "dashboard" / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_pages_are_thin_and_ui_owns_the_cache():
    for path in (ROOT / "dashboard" / "app_pages").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 120, path.name
        assert "cache_data" not in text and "cache_resource" not in text, path.name
