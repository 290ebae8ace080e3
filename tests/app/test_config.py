"""Streamlit settings that keep details and raw data from leaving through the browser."""

from __future__ import annotations

import tomllib

from dashboard.core.base.paths import ROOT


def test_errors_show_a_plain_message_and_tables_no_raw_export():
    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]
    # "none": a generic message in the browser; type, message and traceback in the server log.
    assert client["showErrorDetails"] == "none"
    assert client["disableDataExport"] is True
