"""Words people read: places by their labels, documents by their names, not codes and files."""

from __future__ import annotations

import html

from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data.dataset import load_dataset
from dashboard.core.evidence import provenance
from dashboard.core.evidence.credits import document_name
from dashboard.ui.state import FILTER_KEYS

APP = str(ROOT / "dashboard" / "app.py")


def test_the_data_table_names_places_as_the_filter_does():
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/data.py").run()
    at.multiselect(key=FILTER_KEYS["geography"]).set_value(["kyiv-city"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["geography"]) == {"Kyiv city"}
    assert any("Kyiv city" in c.value and "kyiv-city" not in c.value for c in at.caption)


def test_the_locator_names_the_document_and_keeps_the_characters():
    dataset = load_dataset()
    row = dataset.figures.iloc[0].to_dict()
    sources = dataset.frames["sources"].set_index("source_id", drop=False)
    source = sources.loc[row["source_id"]].to_dict()
    shown = provenance.claim_html(row, None, source)
    assert "seeds/" not in shown and ".txt" not in shown
    assert f"characters {row['start']}–{row['end']} of " in shown
    assert html.escape(document_name(source)) in shown
