"""Maps as functions: DataFrame in, plotly Figure out, drawn from local GeoJSON only.

The regions map has two renderings of the same traces. The slide (the 16:9 figure the Briefing
exports, previews and `?view=brief` show) is a plotly `geo` subplot: d3 draws it as SVG, so
kaleido's headless Chromium renders it in half a second (MapLibre took about 7 s in software
WebGL) and the SVG export is a true vector. Its base layers are all hidden, and plotly's request
for the world topojson they would come from is answered by an empty one (`OFFLINE_TOPOJSON_URL`):
nothing is fetched. The Map page draws the same SVG map fitted to its column
(region_map_for_screen); with its basemap switch on it turns to MapLibre (Choroplethmap,
Scattermap), which draws the same GeoJSON and lays OpenStreetMap's tiles under it. Map traces carry no text labels: MapLibre would fetch glyphs for them.
"""

from __future__ import annotations

import html
import json
import math
import textwrap
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.base.i18n import _, ngettext
from dashboard.core.base.palette import INK, NEUTRAL
from dashboard.core.data import geo
from dashboard.core.data.names import place_name, region_name
from dashboard.core.visuals.charts import Caption, finish

# MapLibre view of the Map page (before SCREEN_ZOOM_OUT).
UKRAINE_VIEW = {"center": {"lat": 48.5, "lon": 31.3}, "zoom": 5.3}
# The slide's view: conic equal-area with standard parallels across Ukraine (areas compare
# honestly on a count map), framed on the country, Crimea included.
UKRAINE_GEO = {
    "visible": False,  # no land, coastlines, countries, frame: only our regions are drawn
    "projection": {"type": "conic equal area", "parallels": [46, 50], "rotation": {"lon": 31.2}},
    "center": {"lon": 31.2, "lat": 48.4},
    "lonaxis": {"range": [22.1, 40.3]},
    "lataxis": {"range": [44.3, 52.4]},
    "bgcolor": "white",
}
# plotly.js loads "<topojsonURL>/world_110m.json" for any geo subplot with a choropleth, even with
# every base layer hidden; by default from cdn.plot.ly. This data: URL is an empty topology, and
# the "#" turns the file name plotly appends into a fragment, which a data: URL ignores. Passed
# to kaleido and to every st.plotly_chart config, so neither Chromium nor a reader's browser
# asks the web.
OFFLINE_TOPOJSON_URL = (
    "data:application/json,"
    + quote(json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":")))
    + "#"
)
# How far the Map page zooms out from UKRAINE_VIEW, by chart key: its columns are half a slide
# wide and about half as tall. (The Kyiv district map is in kyiv_charts.py.)
# Regions: Ukraine spans 18.2 degrees of longitude, 512 * 2**zoom * 18.2 / 360 pixels at a
# zoom; at 3.4 that is 273 px, inside a half column at 1024 px with the sidebar open (about
# 280 px of plot) and a phone's 360 (at 4.0, 414 px: the east and far west were cut off).
SCREEN_ZOOM_OUT = {"regions": 1.9, "kyiv": 0.8}  # kyiv: its basemap version
# Sequential blues from the palette's housing blue, light to dark: counts, not sectors.
COUNT_SCALE = [[0, "#DCEAF5"], [1, "#0072B2"]]
EMPTY = "#EEEEEE"
# The regions map stops at this fraction of the width; the colour bar stands right of it.
REGION_MAP_RIGHT = 0.86
# On the page (MapLibre) the map takes the whole width of its half column, over a strip
# holding the colour bar, laid flat, and the note: beside it, the bar took a seventh of a
# narrow column and the map was cut at it.
TILES_MAP_BOTTOM = 0.22
TILES_COLORBAR = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": 0.1,
    "yanchor": "bottom",
    "len": 0.5,
    "title": {"side": "top"},
}


def _map_layout(fig: go.Figure, caption: Caption, *, tiles: bool) -> go.Figure:
    domain = {"x": [0, REGION_MAP_RIGHT], "y": [0, 1]}
    legend: dict[str, object]
    if tiles:
        domain = {"x": [0, 1], "y": [TILES_MAP_BOTTOM, 1]}
        fig.update_layout(map={"style": "white-bg", **UKRAINE_VIEW, "domain": domain})
        fig.update_traces(colorbar=TILES_COLORBAR, selector={"type": "choroplethmap"})
        legend = {"x": 0.01, "y": 0.99}
    else:  # the legend in the empty corner south of the Carpathians, west of Odesa
        fig.update_layout(geo={**UKRAINE_GEO, "domain": domain})
        legend = {"x": 0.01, "y": 0.02, "yanchor": "bottom"}
    fig.update_layout(showlegend=True, legend={**legend, "bgcolor": "rgba(255,255,255,0.85)"})
    return finish(fig, caption, left=30)


def with_basemap(fig: go.Figure) -> go.Figure:
    """The map over OpenStreetMap's raster tiles (fetched from the web by the browser), its
    areas made see-through so streets show. Only for the screen, on request: exports and the
    default view stay offline."""
    fig.update_layout(map={"style": "open-street-map"})
    fig.update_traces(marker={"opacity": 0.45}, selector={"type": "choroplethmap"})
    return fig


def _regions(gj: dict[str, object], rows: pd.DataFrame, **style: object) -> dict[str, object]:
    """A choropleth's arguments for these regions: only their shapes ship, each clickable."""
    keep = set(rows["code"])
    features = [f for f in gj["features"] if f["properties"]["code"] in keep]  # type: ignore[attr-defined]
    return {
        "geojson": {**gj, "features": features},
        "featureidkey": "properties.code",
        "locations": rows["code"],
        "marker": {"line": {"color": "white", "width": 1}},
        "customdata": [f"region:{c}" for c in rows["code"]],
        "hovertext": list(rows["hover"]),
        "hovertemplate": "%{hovertext}<extra></extra>",
        **style,
    }


def build_region_map(
    values: pd.DataFrame,
    caption: Caption,
    *,
    value_label: str,
    national_note: str | None,
    tiles: bool = False,
) -> go.Figure:
    """Regions coloured by `value` (NaN = no claim, grey); the east-south group outlined; national
    claims in a note, never spread over the regions. customdata = 'region:<code>' for clicks.
    Drawn on a geo subplot (the slide), or with `tiles` on MapLibre (the Map page)."""
    area, line = (go.Choroplethmap, go.Scattermap) if tiles else (go.Choropleth, go.Scattergeo)
    gj = geo.regions_geojson() if tiles else geo.regions_geojson_clockwise()
    has = values[values["value"].notna()]
    empty = values[values["value"].isna()]
    fig = go.Figure()
    fig.add_trace(
        area(
            **_regions(
                gj,
                empty,
                z=[0] * len(empty),
                colorscale=[[0, EMPTY], [1, EMPTY]],
                showscale=False,
                name=_("no claim"),
                showlegend=True,
            )
        )
    )
    if not has.empty:
        top = has["value"].max()
        fig.add_trace(
            area(
                **_regions(
                    gj,
                    has,
                    z=has["value"],
                    zmin=0,
                    zmax=top,  # the bar starts at zero: the palest blue is not "none"
                    colorscale=COUNT_SCALE,
                    colorbar={
                        "title": {"text": value_label},
                        "thickness": 14,
                        "len": 0.5,
                        "x": REGION_MAP_RIGHT + 0.02,  # beside the map, never over Luhansk
                        "xanchor": "left",
                        "dtick": max(1, math.ceil(top / 5)),  # whole counts
                    },
                    name=value_label,
                    showlegend=False,
                )
            )
        )
    for group, label in geo.GROUP_LABELS.items():
        for i, (lons, lats) in enumerate(geo.group_outline(group)):
            fig.add_trace(
                line(
                    lon=lons,
                    lat=lats,
                    mode="lines",
                    line={"color": INK, "width": 3},
                    name=label,
                    legendgroup=group,
                    showlegend=i == 0,
                    hoverinfo="skip",
                )
            )
    if national_note:
        fig.add_annotation(
            text="<br>".join(html.escape(part) for part in national_note.split("<br>")),
            # the slide: top right, over Russia's blank (the legend has the bottom left and
            # spans a phone's width there); the page: in the strip under the map, below the bar
            x=0.99,
            y=0 if tiles else 1,
            xref="paper",
            yref="paper",
            xanchor="right",
            yanchor="bottom" if tiles else "top",
            showarrow=False,
            align="right",
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor=NEUTRAL,
            borderwidth=1,
            font={"size": 14},
        )
    return _map_layout(fig, caption, tiles=tiles)


def region_claims(
    figures: pd.DataFrame, geographies: pd.DataFrame
) -> tuple[pd.DataFrame, str | None]:
    """Claims per region (a group's claims count for each member, said so in the tooltip) and a
    note for the claims that belong to no region: national and wider ones."""
    names = geo.region_names()
    regions = pd.DataFrame({"code": list(names), "name": list(names.values())})
    places = geographies.set_index("code")
    counts: dict[str, int] = dict.fromkeys(regions["code"], 0)
    via: dict[str, list[str]] = {c: [] for c in regions["code"]}
    elsewhere: dict[str, int] = {}
    for geography, n in figures["geography"].value_counts().items():
        place = places.loc[geography] if geography in places.index else None
        codes = geo.region_codes_for(
            str(geography), str(place["region_code"]) if place is not None else ""
        )
        if not codes:
            label = place_name(str(geography), place["label"]) if place is not None else geography
            elsewhere[str(label)] = int(n)
        for code in codes:
            counts[code] += int(n)
            label = place_name(str(geography), place["label"]) if place is not None else geography
            via[code].append(_("{n} on {place}").format(n=n, place=label))
    values = regions.assign(value=[counts[c] or float("nan") for c in regions["code"]])
    values["hover"] = [
        html.escape(
            ngettext(
                "{name} ({code}): {n} claim", "{name} ({code}): {n} claims", counts[code]
            ).format(name=region_name(code, name), code=code, n=counts[code])
            + (f" — {'; '.join(via[code])}" if via[code] else "")
        )
        for code, name in zip(values["code"], values["name"], strict=True)
    ]
    note = "; ".join(
        ngettext("{n} claim on {place}", "{n} claims on {place}", n).format(n=n, place=label)
        for label, n in elsewhere.items()
    )
    return values, (
        _("Not on a region: {note}<br>(shown as such, not spread over the regions)").format(
            note=note
        )
        if note
        else None
    )


# The page's regions map without a basemap: the slide's SVG map fitted to the column's width
# (fitbounds: the country fills whatever width it gets, where MapLibre kept one zoom and drew
# Ukraine 270 px wide in a 480 px column), its colour bar laid flat under it and its legend and
# note out of the geometry (under and over the map), never over Crimea or the east.
SCREEN_COLORBAR = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": -0.02,
    "yanchor": "top",
    "len": 0.6,
    "thickness": 10,
    "title": {"side": "top"},
}
NOTE_CHARS = 44  # the national note's characters per line over a phone's map
REGIONS_HEIGHT = 480  # the page's map and what stands under it: Ukraine is twice as wide as tall


def region_map_for_screen(fig: go.Figure) -> go.Figure:
    """The page's version of the SVG regions map (charts.for_screen then moves the legend
    under the colour bar): the map over the column's whole width."""
    fig.update_geos(domain={"x": [0, 1], "y": [0, 1]}, fitbounds="locations")
    fig.update_layout(margin={"l": 5})  # no axis labels to the left: the land goes to the edge
    fig.update_traces(colorbar=SCREEN_COLORBAR, selector={"type": "choropleth"})
    fig.update_layout(legend={"x": 1.01, "y": 1, "yanchor": "top", "bgcolor": "white"})
    for note in fig.layout.annotations:
        if note.name == "footer":
            continue
        words = note.text.replace("<br>", " ")
        note.update(
            text="<br>".join(textwrap.wrap(words, NOTE_CHARS)),
            x=0,
            xanchor="left",
            y=1,
            yanchor="bottom",
            align="left",
            bgcolor="white",
            borderwidth=0,
        )
    return fig
