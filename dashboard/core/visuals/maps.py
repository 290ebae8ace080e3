"""Maps as functions: DataFrame in, plotly Figure out, drawn from local GeoJSON only.

plotly's `geo` traces fetch their base layer from a CDN and draw nothing offline; the MapLibre
traces (Choroplethmap, Scattermap) with map_style "white-bg" draw the committed GeoJSON with no
tile server. Map traces carry no text labels: MapLibre would fetch glyphs from the web for them.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.visuals import geo
from dashboard.core.visuals.charts import Caption, finish
from dashboard.core.visuals.palette import INK, NEUTRAL

# Views for the 16:9 export; the Map page zooms out one step for its narrower columns.
UKRAINE_VIEW = {"center": {"lat": 48.5, "lon": 31.3}, "zoom": 5.3}
# How far the Map page zooms out from the slide view, by chart key: its columns are half a
# slide wide and about half as tall. (The Kyiv district map is in kyiv_charts.py.)
SCREEN_ZOOM_OUT = {"regions": 1.3, "kyiv": 0.8}  # kyiv: its basemap version
# Sequential blues from the palette's housing blue, light to dark: counts, not sectors.
COUNT_SCALE = [[0, "#DCEAF5"], [1, "#0072B2"]]
EMPTY = "#EEEEEE"
# The regions map stops at this fraction of the width; the colour bar stands right of it.
REGION_MAP_RIGHT = 0.86


def _map_layout(fig: go.Figure, view: dict[str, object], caption: Caption) -> go.Figure:
    fig.update_layout(
        map={"style": "white-bg", **view},
        showlegend=True,
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return finish(fig, caption, left=30)


def with_basemap(fig: go.Figure) -> go.Figure:
    """The map over OpenStreetMap's raster tiles (fetched from the web by the browser), its
    areas made see-through so streets show. Only for the screen, on request: exports and the
    default view stay offline."""
    fig.update_layout(map={"style": "open-street-map"})
    fig.update_traces(marker={"opacity": 0.45}, selector={"type": "choroplethmap"})
    return fig


def build_region_map(
    values: pd.DataFrame, caption: Caption, *, value_label: str, national_note: str | None
) -> go.Figure:
    """Regions coloured by `value` (NaN = no claim, grey); the east-south group outlined; national
    claims in a note, never spread over the regions. customdata = 'region:<code>' for clicks."""
    gj = geo.regions_geojson()

    def subset(codes: pd.Series) -> dict[str, object]:  # each trace ships only its own shapes
        keep = set(codes)
        return {**gj, "features": [f for f in gj["features"] if f["properties"]["code"] in keep]}

    has = values[values["value"].notna()]
    empty = values[values["value"].isna()]
    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            geojson=subset(empty["code"]),
            featureidkey="properties.code",
            locations=empty["code"],
            z=[0] * len(empty),
            colorscale=[[0, EMPTY], [1, EMPTY]],
            showscale=False,
            marker={"line": {"color": "white", "width": 1}},
            customdata=[f"region:{c}" for c in empty["code"]],
            hovertext=list(empty["hover"]),
            hovertemplate="%{hovertext}<extra></extra>",
            name="no claim",
            showlegend=True,
        )
    )
    if not has.empty:
        fig.add_trace(
            go.Choroplethmap(
                geojson=subset(has["code"]),
                featureidkey="properties.code",
                locations=has["code"],
                z=has["value"],
                zmin=0,
                colorscale=COUNT_SCALE,
                marker={"line": {"color": "white", "width": 1}},
                colorbar={
                    "title": {"text": value_label},
                    "thickness": 14,
                    "len": 0.5,
                    "x": REGION_MAP_RIGHT + 0.02,  # beside the map, never over Luhansk
                    "xanchor": "left",
                    "dtick": max(1, math.ceil(has["value"].max() / 5)),  # whole counts
                },
                customdata=[f"region:{c}" for c in has["code"]],
                hovertext=list(has["hover"]),
                hovertemplate="%{hovertext}<extra></extra>",
                name=value_label,
                showlegend=False,
            )
        )
    for group, label in geo.GROUP_LABELS.items():
        for i, (lons, lats) in enumerate(geo.group_outline(group)):
            fig.add_trace(
                go.Scattermap(
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
            x=0.99,
            y=0.02,
            xref="paper",
            yref="paper",
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            align="right",
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor=NEUTRAL,
            borderwidth=1,
            font={"size": 14},
        )
    fig = _map_layout(fig, UKRAINE_VIEW, caption)
    return fig.update_layout(map={"domain": {"x": [0, REGION_MAP_RIGHT], "y": [0, 1]}})


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
            elsewhere[str(place["label"]) if place is not None else str(geography)] = int(n)
        for code in codes:
            counts[code] += int(n)
            via[code].append(f"{n} on {place['label'] if place is not None else geography}")
    values = regions.assign(value=[counts[c] or float("nan") for c in regions["code"]])
    values["hover"] = [
        html.escape(
            f"{name} ({code}): {counts[code]} claims"
            + (f" — {'; '.join(via[code])}" if via[code] else "")
        )
        for code, name in zip(values["code"], values["name"], strict=True)
    ]
    note = "; ".join(
        f"{n} claim{'' if n == 1 else 's'} on {label}" for label, n in elsewhere.items()
    )
    return values, (
        f"Not on a region: {note}<br>(shown as such, not spread over the regions)" if note else None
    )
