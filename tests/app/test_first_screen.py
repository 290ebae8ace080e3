"""The first screen: a plain visit's first run is drawn from the screen kept for these data files
and this code, with the very elements the dataset-backed run draws, without loading the dataset;
a stale or damaged screen is not used, and the next run works from the data."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.data import stamp
from dashboard.ui import component

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A copy of the data with its first screen kept, served by AppTest."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_ROOT", str(tmp_path))
    from dashboard.core.data.dataset import load_dataset
    from dashboard.ui import live

    dataset = load_dataset(tmp_path)
    stamp.write_first_screen(tmp_path, live.first_screen_content(dataset))
    return tmp_path


def _shape(at: AppTest) -> list[tuple[str, str]]:
    """Every element of the page, in order: its kind and what tells it apart (key, label, text)."""
    out = []
    for node in [*at.sidebar, *at.main]:
        proto = getattr(node, "proto", None)
        name = type(node).__name__
        if name == "UnknownElement":  # the component: its data
            out.append((name, component.sent(proto.json)["id"]))
            continue
        label = getattr(node, "label", None) or getattr(node, "key", None) or ""
        out.append((name, str(label)))
    return out


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def test_the_first_screen_draws_what_the_data_draws(root, monkeypatch):
    from dashboard.ui import data, front

    real = data.get_dataset

    def no_dataset():
        raise AssertionError("the first screen loaded the dataset")

    monkeypatch.setattr(data, "get_dataset", no_dataset)
    first = _app().run()
    assert not first.exception, [e.value for e in first.exception]
    monkeypatch.setattr(data, "get_dataset", real)

    monkeypatch.setattr(front, "read_first_screen", lambda _root: None)
    built = _app().run()
    assert not built.exception
    assert _shape(first) == _shape(built)
    sent = [component.sent(e.proto.json) for e in first.get("bidi_component")]
    assert sent == [component.sent(e.proto.json) for e in built.get("bidi_component")]
    # the very elements (ids), so the browser updates them in place on the first change
    ids = [e.proto.id for kind in ("bidi_component", "download_button") for e in first.get(kind)]
    assert ids == [
        e.proto.id for kind in ("bidi_component", "download_button") for e in built.get(kind)
    ]
    assert [b.label for b in first.get("download_button")] == [
        "PNG for slides (1920×1080)",
        "SVG for slides",
        "Chart data (CSV)",
    ]


def test_the_next_run_works_from_the_data(root):
    at = _app().run()
    sent = component.sent(at.get("bidi_component")[0].proto.json)["full"]
    at.session_state["filter_sector"] = ["energy"]  # what the component's choice does
    at.run()
    assert not at.exception
    live = component.sent(at.get("bidi_component")[0].proto.json)
    assert live["current"]["sectors"] == ["energy"]
    # the element holds the view: sent with the first screen, or now (never twice)
    assert ("energy" in sent) != ("energy" in live["views"])
    assert at.query_params["sector"] in ("energy", ["energy"])


def test_a_stale_or_damaged_screen_is_not_used(root):
    assert stamp.read_first_screen(root) is not None
    figures = root / "data" / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8") + "", encoding="utf-8")  # new mtime
    assert stamp.read_first_screen(root) is None  # the data files changed
    from dashboard.core.data.dataset import load_dataset
    from dashboard.ui import live

    stamp.write_first_screen(root, live.first_screen_content(load_dataset(root)))
    assert stamp.read_first_screen(root) is not None
    kept = root / ".cache" / stamp.FIRST_SCREEN
    kept.write_text(kept.read_text(encoding="utf-8")[:1000], encoding="utf-8")  # truncated
    assert stamp.read_first_screen(root) is None
    at = _app().run()  # drawn from the data instead
    assert not at.exception and at.get("bidi_component")


def test_a_plain_visit_imports_no_pandas_before_its_first_page(root):
    """In a fresh interpreter, drawing the plain visit's first page (its modules, the screen,
    the component's element) needs neither pandas nor pyarrow: they are what a first page
    would wait for."""
    probe = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        f"at = AppTest.from_file({APP!r}, default_timeout=60).run(); "
        "assert not at.exception and at.get('bidi_component'); "
        "print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_a_served_first_page_imports_no_numpy_or_pillow(root):
    """Served by `dashboard serve`, the first page's icon (a URL of Streamlit's static serving)
    is sent as is without numpy and Pillow, which Streamlit's drawing of a page icon imports
    before it looks at its argument; the page still names the app's icon."""
    probe = (
        "import sys; from dashboard.serve import send_static_icon_as_is; "
        "assert send_static_icon_as_is(); "
        "from streamlit.testing.v1 import AppTest; "
        f"at = AppTest.from_file({APP!r}, default_timeout=60).run(); "
        "assert not at.exception and at.get('bidi_component'); "
        "print(sorted(m for m in ('numpy', 'PIL.Image', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
    from dashboard.ui.component import ICON_URL

    assert (ROOT / "dashboard" / ICON_URL.removeprefix("/app/")).read_bytes()[:4] == b"\x89PNG"


def test_the_first_screens_chart_data_is_the_charts(root):
    """The first screen's "Chart data (CSV)" builds, on click, the file the page's own gives."""
    import csv
    import io

    from dashboard.core.data.dataset import load_dataset
    from dashboard.core.data.filters import Filters
    from dashboard.core.output.chartdata import chart_csv
    from dashboard.ui import front
    from dashboard.ui.charts import view_figure

    made = front._first_csv("cost")
    rows = list(csv.reader(io.StringIO(made.decode("utf-8-sig"))))
    assert len(rows) > 1
    fig = view_figure(load_dataset(root), Filters(), "cost", height=520)
    assert made == chart_csv(fig)


def test_a_screen_kept_outside_a_server_holds_every_common_view(root):
    """Kept by a fresh interpreter (as bench/startup.py keeps it), where no server thread has
    built the views: the screen still holds the view of no sector and of each sector, each in
    full, so a plain visit's first change draws in the browser, not through Python."""
    probe = (
        "import json; from pathlib import Path; "
        "from dashboard.core.data.dataset import load_dataset; from dashboard.ui import live; "
        f"c = live.first_screen_content(load_dataset(Path({str(root)!r}))); "
        "print(json.dumps([sorted(c['payload']['views']), sorted(c['payload']['full']), "
        "c['options']['sector']]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    import json

    views, full, sectors = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(sectors) >= 3
    assert views == full == sorted(["", *sectors])
