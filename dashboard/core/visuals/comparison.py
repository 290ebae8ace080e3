"""The comparison chart: the source's money claims as bands beside authoritative assessments.

Damage, needs and losses each get their own panel and are never added; per-year claims are
labelled as such. Assessment points carry their publisher, date and verification on hover.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.core.base.i18n import _, ngettext
from dashboard.core.base.palette import sector_colour
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.names import sector_name
from dashboard.core.text.quantities import format_quantity
from dashboard.core.visuals.charts import (
    INK,
    LEGEND,
    MEASURE_LABELS,
    MEASURE_SHORT,
    SLIDE_ONLY_LABELS,
    Caption,
    cost_claims,
    distinct_costs,
    empty_figure,
    escape_plotly,
    finish,
    first_in_legend,
    log_range,
    money_ticks,
)


def _published(value: str) -> pd.Timestamp:
    return pd.Timestamp(value if len(value) > 7 else f"{value}-01")


def _short_name(assessment: str) -> str:
    """'KSE damage report (Nov 2024)' -> 'KSE'; 'RDNA3' stays (the hover gives the full name)."""
    head = assessment.split()[0]
    return head


def _money(value: float) -> str:
    return f"${value / 1e9:,.4g} bn"


def dollar_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """Money claims in US dollars: the only ones that can sit on the assessments' dollar axis
    (no exchange-rate table is cited, so other currencies are never converted)."""
    costs = cost_claims(figures)
    return costs[costs["unit"] == "USD"]


def other_currency_note(figures: pd.DataFrame) -> str | None:
    """'Not drawn: 1 claim in EUR ...', or None when every money claim is in dollars."""
    costs = cost_claims(figures)
    others = costs[costs["unit"] != "USD"]
    if others.empty:
        return None
    units = ", ".join(sorted(set(others["unit"])))
    n = len(others)
    return ngettext(
        "Not drawn here: {n} money claim in {units}, left out of this dollar axis (no cited "
        "exchange-rate table to convert with); see the Cost figures chart",
        "Not drawn here: {n} money claims in {units}, left out of this dollar axis (no cited "
        "exchange-rate table to convert with); see the Cost figures chart",
        n,
    ).format(n=n, units=units)


def build_assessment_chart(
    figures: pd.DataFrame, assessments: pd.DataFrame, caption: Caption
) -> go.Figure:
    """The source's dollar claims as bands beside the assessments' figures, one panel per
    measure; claims in other currencies are named in a note, never converted silently."""
    money = assessments[
        (assessments["unit"] == "USD") & assessments["measure"].isin(MEASURE_LABELS)
    ]
    claims = distinct_costs(dollar_claims(figures), max_bars=12)
    measures = [m for m in MEASURE_LABELS if m in set(money["measure"]) | set(claims["measure"])]
    note = other_currency_note(figures)
    if not measures:
        return empty_figure(caption, note or _("No cost figures to compare in this selection"))
    fig = make_subplots(
        rows=1,
        cols=len(measures),
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=[MEASURE_SHORT[m] for m in measures],
    )
    dates = [_published(v) for v in money["published"]] or [pd.Timestamp("2023-01-01")]
    # room either side for the labels of the first and last assessments
    x_range = (min(dates) - pd.Timedelta(days=240), max(dates) + pd.Timedelta(days=240))
    for col, measure in enumerate(measures, start=1):
        _add_assessment_points(fig, money[money["measure"] == measure], col)
        _add_claim_bands(fig, claims[claims["measure"] == measure], col, x_range)
    values = [*money["value"], *claims["value_low"].dropna(), *claims["value_high"].dropna()]
    y0, y1 = log_range([v for v in values if v > 0])
    # every panel: shared axes do not share the type
    fig.update_yaxes(type="log", range=[y0, y1], **money_ticks(y0, y1))
    fig.update_yaxes(title_text=_("US dollars (log scale)"), row=1, col=1)
    fig.update_xaxes(range=list(x_range), title_text=_("publication date"), tickformat="%Y")
    fig.update_layout(legend={**LEGEND, "title": {"text": ""}})  # entries name themselves
    if note:
        fig.add_annotation(
            text=escape_plotly(note),
            xref="paper",
            yref="paper",
            x=0,
            y=1.0,
            yshift=28,  # between the subtitle and the panel titles
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 13, "color": INK},
            name="currency-note",
        )
    return finish(fig, caption)


def _series(sector: str) -> str:
    """An assessment series' legend name: 'assessment: energy', 'assessment: all sectors'."""
    if sector == "all":
        return _("assessment: all sectors")
    return _("assessment: {sector}").format(sector=sector_name(sector))


def _add_assessment_points(fig: go.Figure, rows: pd.DataFrame, col: int) -> None:
    rows = rows.assign(_date=[_published(p) for p in rows["published"]]).sort_values("_date")
    for sector, part in rows.groupby("sector", sort=False):
        colour = INK if sector == "all" else sector_colour(str(sector))
        labels = [
            f"{a} {q + ' ' if q else ''}{_money(v)}"
            for a, q, v in zip(part["assessment"], part["qualifier"], part["value"], strict=True)
        ]
        hovers = [
            "<br>".join(
                escape_plotly(x)
                for x in (
                    label,
                    _("sector: {sector}").format(sector=sector_name(str(sector))),
                    _("published {date} · read in {outlet}").format(date=p, outlet=r),
                    _("verification: {how}").format(how=ver),
                )
            )
            for label, p, r, ver in zip(
                labels, part["published"], part["read_in"], part["verification"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=[_published(p) for p in part["published"]],
                y=part["value"],
                mode="markers+text",
                name=_series(str(sector)),
                legendgroup=f"assessment-{sector}",
                showlegend=first_in_legend(fig, _series(str(sector))),
                marker={
                    "color": colour,
                    "size": 13,
                    "symbol": "circle",
                    "line": {"color": "white", "width": 1},
                },
                # At a glance only for the whole-economy series; sector points explain on hover.
                text=[
                    escape_plotly(f"{_short_name(a)}<br>{_money(v)}").replace("&lt;br&gt;", "<br>")
                    if sector == "all"
                    else ""
                    for a, v in zip(part["assessment"], part["value"], strict=True)
                ],
                # by date, alternately above and below: labels of assessments published close
                # together (KSE and RDNA4, early 2025) do not collide
                textposition=[
                    "top center" if i % 2 == 0 else "bottom center" for i in range(len(part))
                ],
                textfont={"size": 12},
                cliponaxis=False,  # a label may reach into the gap between panels
                # A page column is too narrow for these labels: on screen the legend, the hover
                # and the chart's table name the points (charts.for_screen drops the labels).
                meta=SLIDE_ONLY_LABELS,
                customdata=[f"fact:{f}" for f in part["fact_id"]],
                hovertext=hovers,
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )


def _add_claim_bands(
    fig: go.Figure, claims: pd.DataFrame, col: int, x_range: tuple[pd.Timestamp, pd.Timestamp]
) -> None:
    for _row, claim in claims.iterrows():
        q = quantity_of(claim)
        colour = sector_colour(claim["sector"])
        low = q.low if q.low is not None else 1.0
        high = q.high if q.high is not None else 1e15  # open upper bound: the band runs off the top
        per_year = _(" (per year: not the same basis as cumulative totals)") if q.per_year else ""
        label = (
            _("Article: {words} · {organisation}").format(
                words=claim["figure_text"], organisation=claim["attributed_to"]
            )
            + per_year
        )
        fig.add_hrect(y0=low, y1=high, fillcolor=colour, opacity=0.12, line_width=0, row=1, col=col)
        fig.add_trace(
            go.Scatter(
                x=[x_range[0]],
                y=[low if q.low is not None else high],
                mode="markers+text",
                name=escape_plotly(
                    _("article: {words} · {organisation}").format(
                        words=claim["figure_text"], organisation=claim["attributed_to"]
                    )
                    + (_(" (per year)") if q.per_year else "")
                ),
                legendgroup=f"claim-{claim['sector']}",
                showlegend=True,
                marker={
                    "color": colour,
                    "size": 15,
                    "symbol": "triangle-up" if q.high is None else "diamond",
                },
                text=[""],
                textfont={"size": 12, "color": colour},
                cliponaxis=False,  # drawn on the panel's edge: keep the whole marker
                customdata=[claim["ref"]],
                hovertext=[
                    "<br>".join(
                        escape_plotly(x)
                        for x in (label, format_quantity(q), _("click for the sentence"))
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )
