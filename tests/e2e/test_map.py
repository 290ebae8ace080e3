"""In real Chromium, offline: both maps draw from local geometry, Kyiv city opens its quotes,
the date window (drawn in the browser: ui/maplive.js) moves by keyboard and redraws both Kyiv
charts and the URL, a shared link reopens its window, a timeline mark or a click inside a
district opens its reports, at a laptop's and a phone's width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.core.data.dataset import load_dataset
from dashboard.ui.kyiv import LISTS
from tests.e2e.conftest import SIZES, Requests, wait_for_app

pytestmark = pytest.mark.e2e

# the plots on screen (those drawn ahead are kept outside the charts' figures)
KYIV = ".maplive-chart[data-chart=kyiv] .maplive-figure > .maplive-plot"
TIMELINE = ".maplive-chart[data-chart=timeline] .maplive-figure > .maplive-plot"
WHOLE = "2024-07-08..2025-12-27"
# an answer carrying windows: the element's JSON, inside Streamlit's message (quotes escaped)
WINDOWS_SENT = re.compile(rb'windows\\*":\{\\*"20')


def drawn(page: Page, window: str) -> None:
    """Until the element has drawn both Kyiv charts of `window` and Python's rerun is over."""
    expect(page.locator(".maplive")).to_have_attribute("data-drawn", window, timeout=30_000)
    wait_for_app(page)


def plotted(page: Page, selector: str) -> list[str]:
    """The evidence references of the marks a plot draws (plotly's own data, as drawn)."""
    return page.locator(selector).evaluate(
        "gd => gd._fullData.flatMap(t => t.customdata || []).filter((v, i, a) => a.indexOf(v) === i)"
    )


def test_both_maps_draw_and_kyiv_city_opens_its_quotes(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    regions = tab.locator("[data-testid='stPlotlyChart']").nth(0)
    kyiv_map = tab.locator(KYIV)
    # without the basemap the regions are SVG paths fitted to the column (geo subplot)
    expect(regions.locator(".geo .choroplethlocation").first).to_be_attached(timeout=30_000)
    # an outer district keeps its name on the map (the small central ones show their counts)
    expect(kyiv_map.locator("g.textpoint", has_text="Darnytskyi")).to_be_visible()
    # the source line, with the geometry's credit, is the HTML under the map
    expect(tab.locator(".chart-source", has_text="OpenStreetMap")).to_have_count(1)
    # Kyiv city: the darkest (most claims) of the small regions, clicked in its middle
    city = regions.locator(".geo .choroplethlocation").evaluate_all(
        """paths => paths.map(p => [p.getBoundingClientRect(), getComputedStyle(p).fill])
             .filter(([r, fill]) => r.width < 30 && fill.replace(/\\s/g, '') === 'rgb(0,114,178)')
             .map(([r]) => [r.left + r.width / 2, r.top + r.height / 2])"""
    )
    assert city, "Kyiv city was not drawn on the regions map"
    tab.mouse.click(*city[0])
    wait_for_app(tab)
    kyiv = (load_dataset().figures["geography"] == "kyiv-city").sum()
    expect(
        tab.get_by_text(f"Kyiv city (UA-30): {kyiv} claims in the current filters")
    ).to_be_visible(timeout=15_000)
    expect(tab.locator(".evidence mark").first).to_have_text(
        "Russia launched a large-scale missile and drone assault on Kyiv"
    )
    assert requests.off_machine() == []


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_regions_map_fills_its_column_and_keeps_its_legend_off_the_land(
    browser: Browser, app_url: str, width: int, height: int
):
    """The regions map spans its column, and its legend, colour bar and note lie off every
    region's drawn path (at 1440 MapLibre's fixed zoom drew Ukraine in 56 % of the column and
    its legend box sat over Crimea)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    chart = tab.locator("[data-testid='stPlotlyChart']").nth(0)
    expect(chart.locator(".geo .choroplethlocation").first).to_be_attached(timeout=30_000)
    drawn = chart.evaluate(REGION_BOXES)
    context.close()
    left, _, right, _ = drawn["land"]
    assert right - left >= 0.85 * drawn["column"], drawn
    for name in ("legend", "colorbar", "note"):
        for box in drawn[name]:
            over = [p for p in drawn["paths"] if _overlap(box, p)]
            assert not over, f"{name} at {box} over {len(over)} regions at {width} px"


REGION_BOXES = """el => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const paths = [...el.querySelectorAll('.geo .choroplethlocation')].map(box);
  const land = [Math.min(...paths.map(p => p[0])), Math.min(...paths.map(p => p[1])),
                Math.max(...paths.map(p => p[2])), Math.max(...paths.map(p => p[3]))];
  return {paths, land, column: el.getBoundingClientRect().width,
          legend: [...el.querySelectorAll('g.legend')].map(box),
          colorbar: [...el.querySelectorAll('.colorbar')].map(box),
          note: [...el.querySelectorAll('.annotation')].map(box)};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def test_the_keyboard_moves_the_window_and_both_charts_redraw(
    page: tuple[Page, Requests], app_url: str
):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    drawn(tab, WHOLE)
    darnytskyi = tab.locator(".openers button", has_text="Darnytskyi")
    expect(darnytskyi).to_have_text("Darnytskyi · 7", timeout=15_000)  # drawn by its element
    start = tab.get_by_role("slider", name="From")
    start.focus()
    tab.keyboard.press("ArrowRight")  # the next attack's date
    drawn(tab, "2024-08-26..2025-12-27")
    expect(start).to_have_attribute("aria-valuetext", "26 August 2024")
    expect(tab).to_have_url(re.compile("from=2024-08-26"))
    assert "attack:2024-07-08" not in plotted(tab, TIMELINE)
    tab.keyboard.press("End")  # start = the last attack's date: a one-night window
    drawn(tab, "2025-12-27..2025-12-27")
    assert plotted(tab, TIMELINE) == ["attack:2025-12-27"]
    expect(tab.locator(KYIV).locator("g.textpoint", has_text="Darnytskyi")).to_contain_text("1")
    expect(darnytskyi).to_have_text("Darnytskyi · 1", timeout=15_000)
    expect(tab.locator(".openers button", has_text="Pecherskyi")).to_have_text("Pecherskyi · 0")
    expect(tab).to_have_url(re.compile("from=2025-12-27"))
    expect(tab.locator(".maplive-chart[data-chart=kyiv] .chart-subtitle")).to_contain_text(
        "attacks from 2025-12-27 to 2025-12-27"
    )
    assert requests.off_machine() == []


def test_a_shared_link_reopens_its_window(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map?from=2025-11-14&to=2025-11-29")
    wait_for_app(tab)
    drawn(tab, "2025-11-14..2025-11-29")
    expect(tab.get_by_role("slider", name="From")).to_have_attribute(
        "aria-valuetext", "14 November 2025"
    )
    expect(tab.get_by_role("slider", name="To")).to_have_attribute(
        "aria-valuetext", "29 November 2025"
    )
    assert plotted(tab, TIMELINE) == [
        "attack:2025-11-14",
        "attack:2025-11-25",
        "attack:2025-11-29",
    ]
    # a window between attack dates narrows to the attacks inside it, and says so
    tab.goto(f"{app_url}/map?from=2025-11-01&to=2025-11-30")
    wait_for_app(tab)
    drawn(tab, "2025-11-14..2025-11-29")
    expect(tab.get_by_text(re.compile("starts and ends on attack dates"))).to_be_visible()
    assert requests.off_machine() == []


def test_the_window_works_at_a_phones_width(browser: Browser, app_url: str):
    width, height = SIZES["phone"]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    drawn(tab, WHOLE)
    end = tab.get_by_role("slider", name="To")
    end.scroll_into_view_if_needed()
    box = end.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["height"] >= 24  # a thumb a finger can take
    end.focus()
    tab.keyboard.press("ArrowLeft")
    drawn(tab, "2024-07-08..2025-11-29")
    expect(tab).to_have_url(re.compile("to=2025-11-29"))
    plot = tab.locator(KYIV).bounding_box()
    assert plot is not None and plot["width"] <= width
    context.close()


def test_a_district_in_the_list_opens_its_attacks_by_keyboard(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/map?from=2025-09-07")
    wait_for_app(page)
    ranking = page.get_by_role("list", name="Districts by attacks reported in the window")
    opener = ranking.get_by_role("button", name="Pecherskyi · 3")
    expect(opener).to_be_visible(timeout=15_000)
    opener.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".st-key-map_evidence")
    expect(panel).to_contain_text(
        "Pecherskyi: 3 large attacks reported hitting it, between 2025-09-07", timeout=20_000
    )
    expect(panel).to_be_focused()
    expect(page).to_have_url(re.compile("claim=district"))
    context.close()


def test_a_timeline_mark_opens_its_attack(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map?from=2025-08-28&to=2025-08-28")
    wait_for_app(tab)
    drawn(tab, "2025-08-28..2025-08-28")
    timeline = tab.locator(TIMELINE)
    mark = timeline.locator("g.trace.scatter path.point").first  # the one attack: 2025-08-28
    expect(mark).to_be_visible(timeout=30_000)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    assert box is not None
    # plotly's drag layer sits over the marks: click where the mark is, as a user does
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(tab)
    evidence = tab.locator(".st-key-map_evidence")
    expect(evidence).to_contain_text("Large attack on Kyiv, 2025-08-28", timeout=15_000)
    expect(evidence).to_contain_text("killed 23 · injured 63")
    link = evidence.locator(".evidence a")
    expect(link).to_have_attribute("href", re.compile("news.liga.net"))
    expect(tab).to_have_url(re.compile("claim=attack%3A2025-08-28|claim=attack:2025-08-28"))
    kyiv_map = tab.locator(KYIV)
    expect(
        kyiv_map.locator("text.legendtext", has_text="districts hit on 2025-08-28")
    ).to_be_visible(timeout=15_000)
    # the selected attack's mark, larger, on the timeline drawn in the browser
    sizes = timeline.evaluate("gd => gd._fullData[0].marker.size")
    assert sizes == [20]
    assert requests.off_machine() == []


# The page position of the click-grid point of a district farthest from its name label: a
# click on the district's area, well away from the marker that carried clicks before.
AREA_POINT = """(district) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g.data && g.data.some(t => (t.name || '').includes('district area')));
  const grid = gd._fullData.find(t => (t.name || '').includes('district area')
    && t.customdata[0] === 'district:' + district);
  const label = gd._fullData.find(t => t.mode === 'markers+text');
  const i = label.customdata.indexOf('district:' + district);
  let best = null, far = -1;
  grid.customdata.forEach((ref, k) => {
    if (ref !== 'district:' + district) return;
    const d = Math.hypot(grid.x[k] - label.x[i], grid.y[k] - label.y[i]);
    if (d > far) { far = d; best = k; }
  });
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.l2p(grid.x[best]), box.top + ya._offset + ya.l2p(grid.y[best])];
}"""


def test_a_click_inside_a_district_opens_its_attacks(page: tuple[Page, Requests], app_url: str):
    tab, requests = page
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    kyiv_map = tab.locator(KYIV)
    expect(kyiv_map.locator("g.textpoint", has_text="Holosiivskyi")).to_be_visible(timeout=30_000)
    kyiv_map.scroll_into_view_if_needed()
    x, y = tab.evaluate(AREA_POINT, "Holosiivskyi")
    tab.mouse.click(x, y)
    wait_for_app(tab)
    expect(tab).to_have_url(re.compile("claim=district"))
    panel = tab.locator(".st-key-map_evidence")
    expect(panel).to_contain_text(re.compile(r"Holosiivskyi: \d+ large attacks"), timeout=15_000)
    expect(panel).to_be_focused()
    assert requests.off_machine() == []


def test_back_from_another_page_the_window_draws_again(page: tuple[Page, Requests], app_url: str):
    """A new element holds no window: Python sends them again (app.py forgets the old one)."""
    tab, _ = page
    tab.goto(f"{app_url}/map?from=2025-11-14")
    wait_for_app(tab)
    drawn(tab, "2025-11-14..2025-12-27")
    nav = tab.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Overview").click()
    expect(tab.locator(".maplive")).to_have_count(0, timeout=30_000)
    nav.get_by_role("link", name="Map").click()
    drawn(tab, "2025-11-14..2025-12-27")  # the window kept while the Overview was shown
    tab.get_by_role("slider", name="To").focus()
    tab.keyboard.press("ArrowLeft")
    drawn(tab, "2025-11-14..2025-11-29")
    expect(tab).to_have_url(re.compile("to=2025-11-29"))


def test_a_move_draws_the_lists_at_once_and_pythons_rerun_draws_nothing_again(
    browser: Browser, app_url: str
):
    """The element holds every window's list rows: a move draws the ranking and the attacks
    while Python's answer is held back, and that answer, once let through, redraws neither."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    tab = context.new_page()
    held: dict = {"on": False, "queue": [], "page": None}

    def route(ws) -> None:  # the page's connection to Streamlit, its answers held on demand
        server = ws.connect_to_server()
        held["page"] = ws
        ws.on_message(server.send)
        server.on_message(lambda m: held["queue"].append(m) if held["on"] else ws.send(m))

    tab.route_web_socket(re.compile(r".*/_stcore/stream"), route)
    tab.goto(f"{app_url}/map")
    wait_for_app(tab)
    drawn(tab, WHOLE)
    # every window held (built in a thread since this module's first visit to the page)
    expect(tab.locator(".maplive")).to_have_attribute("data-windows", "78", timeout=150_000)
    ranking, attacks = (tab.locator(f".st-key-{key} .openers") for key in LISTS)
    expect(ranking.locator("button", has_text="Darnytskyi")).to_have_text("Darnytskyi · 7")
    tab.evaluate(
        """() => { window.__redrawn = 0;
        for (const list of document.querySelectorAll('.openers'))
          new MutationObserver(() => { window.__redrawn += 1; }).observe(list, {childList: true}); }"""
    )
    held["on"] = True
    tab.get_by_role("slider", name="From").focus()
    tab.keyboard.press("End")  # start = the last attack's date: a one-night window
    expect(tab.locator(".maplive")).to_have_attribute("data-drawn", "2025-12-27..2025-12-27")
    expect(ranking.locator("button", has_text="Darnytskyi")).to_have_text("Darnytskyi · 1")
    expect(attacks.locator("button")).to_have_text(["2025-12-27"])
    # every message of Python's since the key was pressed is held (or not sent yet): these
    # lists are the element's own
    assert tab.evaluate("() => window.__redrawn") == 2  # each list once, ahead of Python
    held["on"] = False
    for message in held.pop("queue"):
        held["page"].send(message)
    expect(tab).to_have_url(re.compile("from=2025-12-27"))
    wait_for_app(tab)
    assert tab.evaluate("() => window.__redrawn") == 2  # Python's same rows: not drawn again
    expect(attacks.locator("button")).to_have_text(["2025-12-27"])
    context.close()


def test_windows_sent_while_they_are_built_reach_the_element_even_when_an_answer_is_lost(
    browser: Browser, app_url: str
):
    """A sector choice shown for the first time: its windows are built in a thread and each
    answer carries those built since. One answer loses its windows on the way (Streamlit's
    queue replaces an element's message with a later one for the same element; here the
    element gets its previous message again instead): the element still comes to hold every
    window, by asking for what it lacks."""
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    tab = context.new_page()
    lost: dict = {"armed": False, "dropped": 0, "before": None}

    def route(ws) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)

        def answer(message) -> None:
            body = message if isinstance(message, bytes) else message.encode()
            if WINDOWS_SENT.search(body) is None:
                ws.send(message)
            elif lost["armed"] and not lost["dropped"]:
                lost["dropped"] += 1  # its windows never reach the page
                ws.send(lost["before"])
            else:
                lost["before"] = message
                ws.send(message)

        server.on_message(answer)

    tab.route_web_socket(re.compile(r".*/_stcore/stream"), route)
    tab.goto(f"{app_url}/map?sector=humanitarian")
    drawn(tab, WHOLE)
    lost["armed"] = True
    expect(tab.locator(".maplive")).to_have_attribute("data-windows", "78", timeout=150_000)
    assert lost["dropped"] == 1
    # and the windows it holds draw in place: a move is drawn before Python is told
    tab.get_by_role("slider", name="From").focus()
    tab.keyboard.press("End")
    expect(tab.locator(".maplive")).to_have_attribute("data-drawn", "2025-12-27..2025-12-27")
    context.close()
