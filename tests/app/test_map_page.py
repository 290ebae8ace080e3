"""AppTest of the Map page: its date window in the URL (snapped to the attacks' dates), what
Python sends the browser element (every window's Kyiv map and timeline, pooled), and each
window's credits equal to its drawn marks. The element itself runs in tests/e2e/test_map.py."""

from __future__ import annotations

import html
import json
import threading
import time
from datetime import date
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.base.i18n import keyed, use_language
from dashboard.core.data import kyiv
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import credits
from dashboard.core.output.pool import referenced, resolve
from dashboard.core.visuals.views import CHARTS, credit_for
from dashboard.ui import maplive, openers
from dashboard.ui.language import SCRIPT_THREAD
from dashboard.ui.state import KYIV_DATES, KYIV_WINDOW, MAP_BASEMAP, MAP_LIVE, SELECTION
from tests.app.test_pages import _app as _page_app


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def _app(**params: str) -> AppTest:
    return _page_app("map", **params)


def _element(at: AppTest) -> dict:
    """The Map element's data (AppTest cannot run its script: what Python sends it)."""
    found = [
        maplive.sent(el.proto.json)
        for el in at.get("bidi_component")
        if el.proto.id.endswith(MAP_LIVE)
    ]
    assert len(found) == 1
    return found[0]


def _move(at: AppTest, start: str, end: str) -> AppTest:
    """What the element's `window` callback does with a browser's window (ui/maplive)."""
    at.session_state[KYIV_WINDOW] = (date.fromisoformat(start), date.fromisoformat(end))
    return at.run()


def test_the_page_sends_the_window_on_screen_and_its_dates():
    at = _app()
    assert not at.exception
    sent = _element(at)
    assert sent["dates"][0] == "2024-07-08" and sent["dates"][-1] == "2025-12-27"
    assert len(sent["dates"]) == 12
    assert sent["current"] == {"start": "2024-07-08", "end": "2025-12-27"}
    assert "2024-07-08..2025-12-27" in sent["windows"]
    view = sent["windows"]["2024-07-08..2025-12-27"]
    assert set(view) == {"kyiv", "timeline", maplive.LISTED}
    figure = resolve(view["kyiv"]["figure"], sent["parts"])
    assert {t["type"] for t in figure["data"]} <= maplive.component.PLOTLY_TRACES
    assert "OpenStreetMap" in view["kyiv"]["foot"]
    assert sent["words"]["from"] == "From" and sent["words"]["to"] == "To"
    assert sent["words"]["dates"][0] == "8 July 2024"


@pytest.mark.parametrize(
    ("params", "window", "notices"),
    [
        ({"from": "2025-11-01", "to": "2025-11-30"}, ("2025-11-14", "2025-11-29"), 1),
        ({"from": "2025-11-14", "to": "2025-11-29"}, ("2025-11-14", "2025-11-29"), 0),
        ({"from": "2025-05-01", "to": "2025-06-01"}, ("2024-07-08", "2025-12-27"), 1),
        ({"from": "someday"}, ("2024-07-08", "2025-12-27"), 1),
    ],
)
def test_a_link_window_snaps_inward_to_attack_dates(params, window, notices):
    at = _app(**params)
    assert not at.exception
    assert _element(at)["current"] == {"start": window[0], "end": window[1]}
    assert len(at.warning) == notices
    if window == ("2025-11-14", "2025-11-29"):
        assert at.query_params["from"] == "2025-11-14" and at.query_params["to"] == "2025-11-29"


def test_moving_the_window_updates_the_url_the_lists_and_sends_nothing_held():
    at = _app()
    _move(at, "2025-12-27", "2025-12-27")
    assert not at.exception
    assert at.query_params["from"] == "2025-12-27" and "to" not in at.query_params
    assert _element(at)["current"] == {"start": "2025-12-27", "end": "2025-12-27"}
    lists = [json.loads(json.loads(e.proto.json)["payload"]) for e in at.get("bidi_component")]
    ranking = next(x for x in lists if x.get("key") == "kyiv_districts_list")
    assert [r[0] for r in ranking["rows"] if "Darnytskyi" in r[0]] == ["Darnytskyi · 1"]
    keys = {b.key for b in at.get("download_button")}
    assert {"map_kyiv_slide_png", "map_kyiv_csv", "kyiv_timeline_slide_png"} <= keys


def test_every_window_is_built_and_pooled(dataset):
    thread = maplive.prepare(dataset, ("energy",))
    if thread is not None:
        thread.join()
    with use_language("en"):
        sent = maplive.payload(
            dataset, ("energy",), (date(2024, 7, 8), date(2025, 12, 27)), 0, set()
        )
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    assert len(sent["windows"]) == len(dates) * (len(dates) + 1) // 2 == 78
    raw = sum(len(json.dumps(resolve(v, sent["parts"]))) for v in sent["windows"].values())
    assert len(json.dumps([sent["parts"], sent["windows"]])) < raw / 4  # geometry sent once
    with use_language("en"):
        held = set(sent["windows"])
        again = maplive.payload(dataset, ("energy",), (dates[0], dates[-1]), 1, held)
    assert again["windows"] == {}


def test_the_windows_nearest_the_one_on_screen_are_built_first(dataset):
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    around = (dates[3], dates[7])
    order = maplive.nearest_first(maplive.windows(dates), dates, around)
    assert sorted(order) == sorted(maplive.windows(dates)) and order[0] == around
    # then the windows one step of the slider away: either end moved by one attack date
    steps = {(dates[2], dates[7]), (dates[4], dates[7]), (dates[3], dates[6]), (dates[3], dates[8])}
    assert set(order[1:5]) == steps


def test_an_answer_carries_the_windows_built_since_the_element_got_some(monkeypatch, dataset):
    """Until every window is built, each answer (a move, or the element asking) sends the
    windows built since, with only the parts they refer to; the window on screen is built for
    the answer when the thread has not come to it."""
    monkeypatch.setattr(maplive, "_windows", {})
    monkeypatch.setattr(maplive, "_started", set())
    arrived, go_on = threading.Semaphore(0), threading.Semaphore(0)

    def before_each_window() -> None:  # the thread waits here for the test, window by window
        arrived.release()
        go_on.acquire()

    monkeypatch.setattr(maplive, "_step_aside", before_each_window)
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    on_screen = (dates[5], dates[9])
    order = [
        maplive.window_key(*w)
        for w in maplive.nearest_first(maplive.windows(dates), dates, on_screen)
    ]
    with use_language("en"):
        thread = maplive.prepare(dataset, (), on_screen)
        assert thread is not None
        arrived.acquire()  # the thread waits before its first window
        other = (dates[0], dates[0])  # far from the one on screen: not built yet
        first = maplive.payload(dataset, (), other, 0, set())
        assert list(first["windows"]) == [maplive.window_key(*other)] and not first["complete"]
        for _ in range(3):  # the thread builds the three nearest the window on screen
            go_on.release()
            arrived.acquire()
        held = set(first["windows"])
        second = maplive.payload(dataset, (), other, 1, held)
        assert list(second["windows"]) == order[:3] and not second["complete"]
        # the parts these three refer to, and not those of the window sent before alone
        sent_parts = {at for at, part in enumerate(second["parts"]) if part is not None}
        assert sent_parts == referenced(second["windows"], second["parts"])
        assert None in second["parts"]
        for key in order[:3]:  # whole again from the parts sent with it
            start, end = (date.fromisoformat(d) for d in key.split(".."))
            view = maplive._window(dataset, keyed(dataset.version), (), start, end)
            alone = maplive.pooled({key: view})
            assert resolve(second["windows"][key], second["parts"]) == resolve(
                alone["windows"][key], alone["parts"]
            )
        held |= set(second["windows"])
        assert maplive.payload(dataset, (), other, 2, held)["windows"] == {}  # nothing new
        for _ in order[3:]:
            go_on.release()
        go_on.release()
        thread.join()
        last = maplive.payload(dataset, (), other, 3, held)
    assert last["complete"] and set(last["windows"]) == set(order) - held
    assert len(held | set(last["windows"])) == 78


def test_the_build_steps_aside_while_a_page_runs(monkeypatch):
    """Python runs one thread at a time: the build waits while any session's page runs, and
    goes on after its limit when one runs on."""
    release = threading.Event()
    page = threading.Thread(target=release.wait, name=SCRIPT_THREAD, daemon=True)
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 3:  # the page's run ends while the build waits
            release.set()
            page.join()

    monkeypatch.setattr(maplive, "time", SimpleNamespace(monotonic=time.monotonic, sleep=nap))
    maplive._step_aside(limit=60)
    assert naps == []  # no page running: no wait
    page.start()
    maplive._step_aside(limit=60)
    assert len(naps) == 3  # waited for the run, and no longer
    runs_on = threading.Event()
    stuck = threading.Thread(target=runs_on.wait, name=SCRIPT_THREAD, daemon=True)
    stuck.start()
    clock = iter(range(1000))
    monkeypatch.setattr(
        maplive, "time", SimpleNamespace(monotonic=lambda: next(clock), sleep=lambda s: None)
    )
    maplive._step_aside(limit=5)  # returns: the clock passed the limit
    assert next(clock) <= 10
    runs_on.set()
    stuck.join()


@pytest.mark.parametrize("sectors", [("energy",)])  # built once: the test above's choice
def test_each_windows_credits_are_its_drawn_marks(dataset, sectors):
    """The source line of the map and of the timeline, in every window, credits exactly the
    reports of the attacks drawn (and OSM's polygons on the map)."""
    thread = maplive.prepare(dataset, sectors)
    if thread is not None:
        thread.join()
    dates = kyiv.attack_dates(dataset.frames["kyiv_attacks"])
    with use_language("en"):
        sent = maplive.payload(dataset, sectors, (dates[0], dates[-1]), 0, set())
    filters = Filters(sector=sectors)
    attacks = dataset.frames["kyiv_attacks"]
    sources, publishers = dataset.frames["sources"], dataset.frames["assessment_publishers"]
    for start, end in maplive.windows(dates)[::5]:
        view = sent["windows"][maplive.window_key(start, end)]
        with use_language("en"):
            line = credit_for(CHARTS["kyiv"], dataset, dataset.figures, filters, (start, end))
            shown = kyiv.attacks_in_view(attacks, sectors, start, end)
            timeline = credits.credit_for(credits.Drawn(attacks=shown), sources, publishers)
        foot = {name: "".join(view[name]["foot"].split()) for name in ("kyiv", "timeline")}
        assert _text(line.line()) in foot["kyiv"]
        assert _text("© OpenStreetMap contributors") in foot["kyiv"]
        assert _text(timeline.line()) in foot["timeline"]
        refs = {m[2] for m in view["timeline"]["marks"]}
        assert refs == {f"attack:{a}" for a in shown["attack_id"]}


def _text(words: str) -> str:
    """The words as the foot's HTML holds them (escaped), spaces aside: a long source line is
    wrapped for the screen, a name broken at its hyphen ("RBC- Ukraine")."""
    return "".join(html.escape(words).split())


def test_a_selected_attack_is_marked_on_both_charts():
    at = _app(**{"from": "2025-11-14", "to": "2025-11-29", "claim": "attack:2025-11-25"})
    assert not at.exception
    highlight = _element(at)["highlight"]
    assert highlight["attack"]["ref"] == "attack:2025-11-25"
    assert highlight["trace"]["name"] == "districts hit on 2025-11-25"
    assert at.session_state[SELECTION] == "attack:2025-11-25"


def _figure(at: AppTest, chart: str) -> dict:
    """The element's figure of `chart` ("kyiv", "timeline") in the window on screen, rebuilt
    from the pool (Python sends a window once: the first payload of this AppTest holds it)."""
    sent = _element(at)
    key = "{start}..{end}".format(**sent["current"])
    held = _SENT.setdefault(id(at), {})
    held.update({k: (sent["parts"], v) for k, v in sent["windows"].items()})
    parts, view = held[key]
    return resolve(view[chart]["figure"], parts)


_SENT: dict[int, dict] = {}


def _tile_styles(at: AppTest) -> list[str | None]:
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    return [c["layout"].get("map", {}).get("style") for c in charts]


def test_maps_are_offline_unless_the_basemap_is_turned_on():
    at = _app()
    # the regions on an SVG geo subplot fitted to the column, with no base layers (no tiles);
    # Kyiv's districts and the timeline on plain axes, in the browser element
    assert _tile_styles(at) == [None]
    assert "map" not in _figure(at, "kyiv")["layout"]
    at.toggle(key=MAP_BASEMAP).set_value(True).run()
    assert not at.exception
    assert _tile_styles(at) == ["open-street-map", "open-street-map", None]
    # the basemap's window is a slider over the attacks' dates, in Python
    assert at.select_slider(key=KYIV_DATES).value == (date(2024, 7, 8), date(2025, 12, 27))


def test_the_window_changes_district_counts_timeline_and_url():
    at = _app()
    before = json.dumps(_figure(at, "kyiv"))
    _move(at, "2025-11-25", "2025-12-27")
    after = json.dumps(_figure(at, "kyiv"))
    assert before != after
    assert "Darnytskyi: 2 attacks reported" in after
    timeline = _figure(at, "timeline")["data"][0]["customdata"]
    assert timeline == ["attack:2025-11-25", "attack:2025-11-29", "attack:2025-12-27"]
    assert at.query_params["from"] == "2025-11-25" and "to" not in at.query_params


def test_the_date_window_and_an_attack_open_from_the_link():
    at = _app(**{"from": "2025-11-01", "to": "2025-11-30", "claim": "attack:2025-11-25"})
    assert not at.exception
    assert _element(at)["current"] == {"start": "2025-11-14", "end": "2025-11-29"}
    timeline = _figure(at, "timeline")["data"][0]["customdata"]
    assert timeline == ["attack:2025-11-14", "attack:2025-11-25", "attack:2025-11-29"]
    html_text = "\n".join(el.proto.body for el in at.get("html"))
    assert "drones more than 460" in html_text and "killed at least 6" in html_text
    assert "Darnytskyi, Dniprovskyi, Pecherskyi, Sviatoshynskyi" in html_text
    outline = _element(at)["highlight"]["trace"]
    assert outline["name"] == "districts hit on 2025-11-25"  # outlined on the map


def test_the_kyiv_charts_speak_ukrainian():
    at = _app(lang="uk")
    assert not at.exception
    sent = _element(at)
    view = next(iter(sent["windows"].values()))
    assert "Масовані атаки на Київ" in view["kyiv"]["head"]
    assert sent["words"]["from"] != "From" and sent["words"]["dates"][0] == "8 липня 2024"


def _lists(at: AppTest) -> dict[str, dict]:
    sent = [openers.sent(e.proto.json) for e in at.get("bidi_component")]
    return {data["key"]: data for data in sent if "key" in data}


def test_an_attack_without_a_district_is_named_with_the_ranking():
    at = _move(_app(), "2024-08-26", "2024-08-26")
    assert not at.exception
    note = _lists(at)["kyiv_districts_list"]["note"]
    assert note.startswith("1 attack in this window has no district reported: 2024-08-26.")


def test_the_element_holds_every_windows_lists_as_python_draws_them(dataset):
    """The element draws a window's lists at once (openers.js, `openers:rows`): what it holds
    for a window is what Python's rerun sends for it, so the rerun draws nothing again."""
    at = _app()
    thread = maplive.prepare(dataset, ())
    if thread is not None:
        thread.join()
    sent = _element(_app())
    held = {k: resolve(v, sent["parts"]) for k, v in sent["windows"].items()}
    assert len(held) == 78
    for start, end in [("2024-08-26", "2024-08-26"), ("2025-06-17", "2025-11-29")]:
        _move(at, start, end)
        lists = _lists(at)
        rows = held[f"{start}..{end}"][maplive.LISTED]
        for key in ("kyiv_districts_list", "kyiv_attacks_list"):
            words = sent["words"]["lists"][key]
            assert (words["title"], words["empty"]) == (lists[key]["title"], lists[key]["empty"])
            assert rows[key]["rows"] == lists[key]["rows"]
            assert rows[key]["note"] == lists[key].get("note", "")
            assert lists[key]["seq"] == 0  # the element's change they are for (none: a link)


def test_the_charts_files_are_built_for_the_window_on_screen_when_clicked(monkeypatch, dataset):
    """The Kyiv map's and the timeline's buttons are not sent again on a move (a fragment
    apart): their callables read the window the Kyiv part keeps, when clicked."""
    from dashboard.core.output.chartdata import chart_csv
    from dashboard.ui.charts import view_figure
    from dashboard.ui.kyiv import window_timeline

    buttons: dict[str, tuple] = {}
    real = maplive.file_buttons

    def record(key, stem, slide, csv):
        buttons[key] = (stem, slide, csv)
        real(key, stem, slide, csv)

    monkeypatch.setattr(maplive, "file_buttons", record)
    at = _app()
    files = dict(buttons)
    whole = files[maplive.CHARTS["kyiv"]][2]()
    _move(at, "2025-12-27", "2025-12-27")
    assert not at.exception
    day = (date(2025, 12, 27), date(2025, 12, 27))
    with use_language("en"):
        kyiv_map = chart_csv(view_figure(dataset, Filters(), "kyiv", height=700, window=day))
        timeline = chart_csv(window_timeline(dataset, Filters(), day, None, height=520))
    # the callables handed out before the move (the browser's buttons) build the new window's
    assert files[maplive.CHARTS["kyiv"]][2]() == kyiv_map != whole
    assert files[maplive.CHARTS["timeline"]][2]() == timeline
    assert files[maplive.CHARTS["kyiv"]][0].startswith("kyiv_")
