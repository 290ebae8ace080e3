"""Kyiv's charts: the district map (attacks per district) and the timeline of the large attacks.

The district map is drawn on plain x/y axes (longitude, latitude at Kyiv's true aspect), not on a
MapLibre map: district names are SVG text, so nothing is fetched (MapLibre would fetch glyphs for
text), and the city keeps its whole shape in any column and in a 16:9 export. With the online
basemap switched on, the same colours go on a MapLibre map over OpenStreetMap's tiles.
"""

from __future__ import annotations

import html
import itertools
import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.core.base.i18n import N_, _, current_language, ngettext
from dashboard.core.base.palette import INK, NEUTRAL
from dashboard.core.data import geo
from dashboard.core.data.names import district_name
from dashboard.core.visuals.charts import Caption, escape_plotly, finish

# One degree of latitude is 1/cos(50.45°) times as long on the ground as one of longitude.
KYIV_ASPECT = 1 / math.cos(math.radians(50.45))
# Export layout (16:9): the city in the left part, legend and ranking to its right, never on it.
MAP_DOMAIN = [0.0, 0.46]
# Screen layout: the city over a strip kept free for the legend.
SCREEN_MAP_DOMAIN = [0.12, 1.0]
NO_REPORT = {"shape": "/", "fgcolor": "#B8B8B8", "bgcolor": "#F4F4F4", "size": 8}
# Where each name sits around its district's centroid: the four small central districts
# crowd each other, so their names go to the side with room.
NAME_POSITIONS = {
    "Podilskyi": "top left",
    "Shevchenkivskyi": "middle left",
    "Solomianskyi": "bottom left",
    "Pecherskyi": "bottom right",
    "Dniprovskyi": "top right",
    "Obolonskyi": "top center",
    "Sviatoshynskyi": "top center",
    "Desnianskyi": "top center",
}
HIGHLIGHT = "#D55E00"  # the palette's vermilion: the districts of the selected attack
NOT_REPORTED_Y = -6  # the timeline's row for "killed not reported", below the zero line
KYIV_TILES_VIEW = {"center": {"lat": 50.40, "lon": 30.53}, "zoom": 8.9}


def escape_breaks(text: str) -> str:
    """Escape source words for plotly, keeping the <br> line breaks this module put in."""
    return "<br>".join(escape_plotly(part) for part in text.split("<br>"))


def step_colours(top: int) -> dict[int, str]:
    """One blue per whole count 1..top, light to dark (0 is never on this scale)."""
    top = max(top, 1)
    shades = sample_colorscale(
        "Blues", [0.3 + 0.7 * (n - 1) / max(top - 1, 1) for n in range(1, top + 1)]
    )
    return dict(zip(range(1, top + 1), shades, strict=True))


def _rings(geometry: dict) -> tuple[list[float | None], list[float | None]]:  # type: ignore[type-arg]
    """A polygon's rings as one x/y path, rings separated by None (holes stay holes)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in geometry["coordinates"]:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def _legend_name(count: int) -> str:
    if count == 0:
        return _("none reported")
    return ngettext("{n} attack", "{n} attacks", count).format(n=count)


def _district_trace(
    feature: dict, row: pd.Series, colours: dict[int, str], shown: set[int]
) -> go.Scatter:  # type: ignore[type-arg]
    count = int(row["attacks"])
    xs, ys = _rings(feature["geometry"])
    first = count not in shown
    shown.add(count)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=colours.get(count, "#F4F4F4"),
        fillpattern=NO_REPORT if count == 0 else None,
        line={"color": "white", "width": 1.5},
        hoveron="fills",
        text=escape_breaks(row["hover"]),  # a fill's hover box shows the trace's text
        name=_legend_name(count),
        legendgroup=f"n{count}",
        legendrank=100 + count,
        showlegend=first,
    )


def _labels(counts: pd.DataFrame, colours: dict[int, str]) -> go.Scatter:
    """District names with their counts at each district's centroid; the marker is clickable."""
    dark = {n for n in colours if n > 0.5 * max(colours)}  # white type on the darker steps
    return go.Scatter(
        x=counts["lon"],
        y=counts["lat"],
        mode="markers+text",
        marker={"size": 11, "color": "white", "line": {"color": INK, "width": 1.5}},
        cliponaxis=False,
        text=[
            f"{escape_plotly(district_name(d, short=True))} <b>{n}</b>"
            for d, n in zip(counts["district"], counts["attacks"], strict=True)
        ],
        textposition=[NAME_POSITIONS.get(d, "bottom center") for d in counts["district"]],
        textfont={
            "size": 13,
            "color": ["white" if n in dark else INK for n in counts["attacks"]],
            "shadow": "auto",
        },
        customdata=[f"district:{d}" for d in counts["district"]],
        hovertext=[escape_breaks(h) for h in counts["hover"]],
        hovertemplate="%{hovertext}<extra></extra>",
        unselected={"marker": {"opacity": 1}, "textfont": {"color": INK}},
        name=_("district (click for its reports)"),
        showlegend=False,
    )


def _outline() -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in geo.kyiv_outline_geojson()["features"]:
        fx, fy = _rings(feature["geometry"])
        xs += fx
        ys += fy
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": INK, "width": 2},
        hoverinfo="skip",
        name=_("Kyiv city boundary"),
        legendrank=1,
    )


def _ranking_text(counts: pd.DataFrame) -> str:
    """The districts by attacks in the window, each with its dates (for the export)."""
    ranked = counts.sort_values(["attacks", "district"], ascending=[False, True])
    lines = ["<b>" + _("districts by attacks reported in the window") + "</b>"]
    for row in ranked.itertuples():
        days = row.dates.split(", ") if row.dates else []
        lines.append(f"<b>{html.escape(district_name(row.district))}: {row.attacks}</b>")
        lines += [", ".join(days[i : i + 3]) for i in range(0, len(days), 3)]
    return "<br>".join(lines)


# A click on a filled area gives plotly no point, so each district is also covered by a grid of
# invisible markers (about 1.1 km apart) that carry its evidence reference: a click anywhere in
# a district opens it, as a click on its name does.
CLICK_GRID_DEGREES = 0.015
CLICK_GRID_NAME = N_("district area (click for its reports)")


@lru_cache(maxsize=2)
def click_grid() -> tuple[tuple[float, ...], tuple[float, ...], tuple[str, ...]]:
    """Points inside each district on a regular grid: lon, lat, district."""
    from shapely import contains_xy

    lons: list[float] = []
    lats: list[float] = []
    names: list[str] = []
    for name, polygon in geo.district_shapes().items():
        x0, y0, x1, y1 = polygon.bounds
        step_y = CLICK_GRID_DEGREES / KYIV_ASPECT  # square on screen, as the map is drawn
        xs = [x0 + i * CLICK_GRID_DEGREES for i in range(int((x1 - x0) / CLICK_GRID_DEGREES) + 1)]
        ys = [y0 + j * step_y for j in range(int((y1 - y0) / step_y) + 1)]
        grid = [(x, y) for x in xs for y in ys]
        inside = contains_xy(polygon, [g[0] for g in grid], [g[1] for g in grid])
        for (x, y), keep in zip(grid, inside, strict=True):
            if keep:
                lons.append(round(x, 4))
                lats.append(round(y, 4))
                names.append(name)
    return tuple(lons), tuple(lats), tuple(names)


def _click_targets(counts: pd.DataFrame) -> list[go.Scatter]:
    """The click grid, one trace per district: its hover names the district and its count (the
    full list is on its name's marker and in the evidence). One hover text per trace, not per
    point: the map's date windows share every point of the grid (core/output/pool)."""
    lons, lats, names = click_grid()
    attacks = dict(zip(counts["district"], counts["attacks"], strict=True))
    traces = []
    for district in dict.fromkeys(names):
        n = int(attacks.get(district, 0))
        said = ngettext(
            "{district}: {n} attack reported in the window",
            "{district}: {n} attacks reported in the window",
            n,
        ).format(district=escape_plotly(district_name(district)), n=n)
        mine = [i for i, name in enumerate(names) if name == district]
        traces.append(
            go.Scatter(
                x=[lons[i] for i in mine],
                y=[lats[i] for i in mine],
                mode="markers",
                marker={"size": 16, "opacity": 0},
                selected={"marker": {"opacity": 0}},
                unselected={"marker": {"opacity": 0}},
                customdata=[f"district:{district}"] * len(mine),
                hovertemplate=said + "<br>" + _("click for its attacks") + "<extra></extra>",
                name=_(CLICK_GRID_NAME),
                showlegend=False,
            )
        )
    return traces


def build_kyiv_map(districts: pd.DataFrame, caption: Caption) -> go.Figure:
    """Kyiv's districts coloured by attacks reported in the window (whole-number steps; 'none
    reported' hatched, never a zero shade), named, with the ranking beside the city.
    customdata = 'district:<name>' on each district's label marker."""
    features = {f["properties"]["district"]: f for f in geo.kyiv_districts_geojson()["features"]}
    counts = districts.set_index("district", drop=False)
    colours = step_colours(int(counts["attacks"].max()))
    shown: set[int] = set()
    fig = go.Figure([_district_trace(features[d], counts.loc[d], colours, shown) for d in features])
    fig.add_trace(_outline())
    fig.add_traces(_click_targets(districts))
    fig.add_trace(_labels(districts, colours))
    fig.update_xaxes(visible=False, domain=MAP_DOMAIN, constrain="domain", fixedrange=True)
    fig.update_yaxes(
        visible=False, scaleanchor="x", scaleratio=KYIV_ASPECT, constrain="domain", fixedrange=True
    )
    fig.update_layout(
        hovermode="closest",
        clickmode="event+select",
        legend={
            "x": MAP_DOMAIN[1] + 0.02,
            "y": 1,
            "xanchor": "left",
            "yanchor": "top",
            "title": {"text": _("attacks reported<br>in the window")},
            "traceorder": "normal",
        },
    )
    fig.add_annotation(
        text=_ranking_text(districts),
        name="ranking",
        x=MAP_DOMAIN[1] + 0.2,
        y=1,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 13},
    )
    return finish(fig, caption, left=30)


def kyiv_map_for_slide(fig: go.Figure) -> go.Figure:
    """The export's version: without the invisible click grid. A picture is not clicked, and its
    725 hidden markers were most of the SVG (229 KB, 87 KB without)."""
    fig.data = [t for t in fig.data if t.name != _(CLICK_GRID_NAME)]
    return fig


def kyiv_map_for_screen(fig: go.Figure) -> go.Figure:
    """The page's version: the city across the column, the legend in a row under it; the
    ranking with its dates is listed beside the chart as buttons instead."""
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "ranking"]
    _short_central_labels(fig)
    fig.update_xaxes(domain=[0, 1])
    fig.update_yaxes(domain=SCREEN_MAP_DOMAIN)
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 0,
            "y": 0,
            "yanchor": "bottom",
            # over the items, not beside them: a row of them then fits a phone and a half column
            "title": {"text": _("attacks:"), "side": "top left"},
        }
    )
    return fig


# The small districts of the centre, whose names meet on a page column (the city is a third of
# the slide's size there): on screen each keeps its count, inside its mark, and its name is in
# the ranking buttons beside the chart and in the hover.
CENTRAL = ("Podilskyi", "Shevchenkivskyi", "Pecherskyi", "Solomianskyi")
COUNT_MARK = 20  # pixels: a mark wide enough to hold a two-digit count
# Sviatoshynskyi's name goes under its mark, into its own wide district, away from Podilskyi's
SCREEN_POSITIONS = {"Sviatoshynskyi": "bottom center"}


def _short_central_labels(fig: go.Figure) -> None:
    for trace in fig.data:
        if trace.name != _("district (click for its reports)"):
            continue
        districts = [str(c).removeprefix("district:") for c in trace.customdata]
        central = [d in CENTRAL for d in districts]
        # Ukrainian names are wider: on a phone the name goes over its count, clear of the centre
        stacked = current_language() != "en"
        trace.text = [
            text.rpartition(" ")[2]
            if c
            else ("<br>".join(text.rsplit(" ", 1)) if stacked and d in SCREEN_POSITIONS else text)
            for c, d, text in zip(central, districts, trace.text, strict=True)
        ]
        trace.textposition = [
            "middle center" if c else SCREEN_POSITIONS.get(d, p)
            for c, d, p in zip(central, districts, trace.textposition, strict=True)
        ]
        trace.textfont.color = [
            INK if c else colour for c, colour in zip(central, trace.textfont.color, strict=True)
        ]
        trace.marker.size = [COUNT_MARK if c else trace.marker.size for c in central]


def highlight_trace(names: list[str], label: str) -> go.Scatter | None:
    """The outline of the given districts in vermilion, named in the legend (None when none of
    them has a shape): drawn under the names, over the districts."""
    shapes = {f["properties"]["district"]: f for f in geo.kyiv_districts_geojson()["features"]}
    xs: list[float | None] = []
    ys: list[float | None] = []
    for name in names:
        fx, fy = _rings(shapes[name]["geometry"]) if name in shapes else ([], [])
        xs += fx
        ys += fy
    if not xs:
        return None
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": HIGHLIGHT, "width": 4},
        hoverinfo="skip",
        name=escape_plotly(label),
        legendrank=2,
    )


def highlight_districts(fig: go.Figure, names: list[str], label: str) -> go.Figure:
    """Outline the given districts (the selected attack's) in vermilion, named in the legend."""
    trace = highlight_trace(names, label)
    if trace is not None:
        fig.add_trace(trace)
        fig.data = (*fig.data[:-2], fig.data[-1], fig.data[-2])  # under the names, not over
    return fig


def build_kyiv_tiles_map(districts: pd.DataFrame, caption: Caption) -> go.Figure:
    """The same colours on a MapLibre map, for the online basemap (the tiles carry the names)."""
    gj = geo.kyiv_districts_geojson()
    colours = step_colours(int(districts["attacks"].max()))
    top = max(colours)
    scale = [[0, "#F4F4F4"], [0.5 / (top + 1), "#F4F4F4"]] + [
        [(n + 0.5) / (top + 1) if n < top else 1, colours[n]] for n in range(1, top + 1)
    ]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=gj,
            featureidkey="properties.district",
            locations=districts["district"],
            z=districts["attacks"],
            zmin=0,
            zmax=top + 1,
            colorscale=scale,
            marker={"line": {"color": "white", "width": 1.5}, "opacity": 0.55},
            colorbar={"title": {"text": _("attacks")}, "dtick": 1, "thickness": 14, "len": 0.5},
            customdata=[f"district:{d}" for d in districts["district"]],
            hovertext=[escape_breaks(h) for h in districts["hover"]],
            hovertemplate="%{hovertext}<extra></extra>",
            name=_("attacks reported"),
        )
    )
    fig.update_layout(map={"style": "open-street-map", **KYIV_TILES_VIEW})
    return finish(fig, caption, left=30)


# Two attacks closer than this share of the timeline's span would have their labels meet: the
# lower one's label goes under its mark ("at least 28" under its mark, "31" over its own).
NEAR_SHARE = 1 / 8


# The narrowest plot the timeline gets (a 360 px phone column) and a label's pixels per
# character there: a label centred nearer an edge than half its width runs inwards instead.
NARROW_PLOT, CHAR_PX, EDGE_PAD = 240, 7, 8


def label_positions(dates: list[object], killed: list[float], texts: list[str]) -> list[str]:
    """Each mark's label over it, except the lower of two marks close in time: under it; a
    long label near an edge runs inwards, so it stays in the narrowest plot."""
    when = [pd.Timestamp(str(d)) for d in dates]
    span = max((max(when) - min(when)) if when else pd.Timedelta(0), pd.Timedelta(days=30))
    order = sorted(range(len(when)), key=lambda i: when[i])
    positions = ["top center"] * len(when)
    for i, j in itertools.pairwise(order):
        if when[j] - when[i] < span * NEAR_SHARE:
            lower = i if killed[i] < killed[j] else j
            if killed[lower] != NOT_REPORTED_Y:  # its row's label stays over it
                positions[lower] = "bottom center"
    for i, text in enumerate(texts):
        share = (when[i] - min(when)) / span if when else 0.5
        half = len(text) * CHAR_PX / 2
        if share * NARROW_PLOT + EDGE_PAD < half:
            positions[i] = positions[i].replace("center", "right")
        elif (1 - share) * NARROW_PLOT + EDGE_PAD < half:
            positions[i] = positions[i].replace("center", "left")
    return positions


def build_attack_timeline(
    rows: pd.DataFrame, caption: Caption, selected: str | None = None
) -> go.Figure:
    """One mark per attack by date, at the killed count in the city as first reported (its
    hedge in the label; 'not reported' on its own row, never at zero). customdata = 'attack:<id>'."""
    killed = [NOT_REPORTED_Y if k is None or pd.isna(k) else k for k in rows["killed"]]
    chosen = [a == selected for a in rows["attack_id"]]
    fig = go.Figure(
        go.Scatter(
            x=rows["date"],
            y=killed,
            mode="markers+text",
            marker={
                "size": [20 if c else 14 for c in chosen],
                "color": [HIGHLIGHT if c else INK for c in chosen],
                "line": {"color": "white", "width": 1.5},
            },
            text=[escape_plotly(t) for t in rows["label"]],
            textposition=label_positions(list(rows["date"]), killed, list(rows["label"])),
            textfont={"size": 12, "color": INK},
            customdata=[f"attack:{a}" for a in rows["attack_id"]],
            hovertext=[escape_breaks(h) for h in rows["hover"]],
            hovertemplate="%{hovertext}<extra></extra>",
            meta=list(rows["said"]),  # the marks in unwrapped words, for the text alternative
            unselected={"marker": {"opacity": 1}},
            name=_("a large attack (click for its reports)"),
            showlegend=False,
        )
    )
    top = max([k for k in killed if k is not None] + [10])
    fig.add_hline(y=NOT_REPORTED_Y / 2, line={"color": NEUTRAL, "width": 1, "dash": "dot"})
    ticks = [t for t in range(0, int(top * 1.2) + 1, 10)]
    unknown = _("not reported")
    fig.update_yaxes(
        title={"text": _("killed in the city, as first reported")},
        range=[NOT_REPORTED_Y - 3, top * 1.25],
        tickvals=[NOT_REPORTED_Y, *ticks],
        ticktext=[unknown, *[str(t) for t in ticks]],
        fixedrange=True,
        zeroline=True,
    )
    fig.update_xaxes(type="date", tickformat="%Y-%m", fixedrange=True)
    fig.update_layout(hovermode="closest", clickmode="event+select", showlegend=False)
    # the margin holds the "not reported" tick: 110 px hold English's, a longer word gets more
    return finish(fig, caption, left=110 if len(unknown) <= 12 else 10 * len(unknown))
