"""The charts of claim checks: one check on one axis, and how the RDNA bill grew.

House pattern: data in, plotly Figure out, with title, units and a source line that credits
exactly the rows drawn (the seed behind a drawn claim; the assessments, publishers and pages
behind each drawn point). Needs and damage are separate panels, never one axis.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.core.base.i18n import N_, Messages, _, current_language
from dashboard.core.base.palette import NEUTRAL, sector_colour
from dashboard.core.data.checks import VERDICT_COLOURS
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.names import measure_name
from dashboard.core.evidence import credits, provenance
from dashboard.core.evidence.checkcards import CheckCard, claim_amount, fact_amount, verdict_name
from dashboard.core.evidence.credits import Drawn
from dashboard.core.visuals.charts import (
    INK,
    LEGEND,
    Caption,
    cost_claims,
    empty_figure,
    escape_plotly,
    finish,
    money_ticks,
)

BILL_MEASURES = Messages(
    {
        "needs": N_("Needs (recovery and reconstruction)"),
        "damage": N_("Damage (physical assets)"),
    }
)
CITED, NEWEST = "#0B5394", "#1B1B1B"  # dark enough for labels on white
BAND_LEAD_DAYS = 120  # the article's triangles this far before the first edition
OPEN_END = 2.0  # an open end of an interval is drawn this factor past the values shown


def source_for(
    claims: pd.DataFrame,
    facts: list[dict[str, object]],
    sources: pd.DataFrame,
    publishers: dict[str, list[str]],
) -> str:
    """The source line for exactly these claims and facts (the one credit rule, core/credits)."""
    table = pd.DataFrame(
        [(a, p) for a, names in publishers.items() for p in names],
        columns=["assessment_id", "publisher"],
    )
    drawn = Drawn(claims=claims, facts=pd.DataFrame(facts))
    return credits.credit_for(drawn, sources, table).line()


def _axis(unit: str, lo: float, hi: float) -> dict[str, object]:
    x0, x1 = math.log10(lo) - 0.25, math.log10(hi) + 0.25
    ticks = money_ticks(x0, x1)
    if unit != "USD":  # the same 1-2-5 grid in words, without the dollar sign
        ticks["ticktext"] = [str(t).removeprefix("$") for t in ticks["ticktext"]]
    return {"type": "log", "range": [x0, x1], **ticks}


def build_check_chart(card: CheckCard, sources: pd.DataFrame, as_of: str) -> go.Figure:
    """The claim's interval as a band, the cited organisation's figure and the newest edition as
    points, on one log axis; clicking a point opens its provenance."""
    claim = pd.Series(card.claim)
    q = quantity_of(claim)
    facts = card.facts()
    values = [v for v in (q.low, q.high) if v] + [float(f["value"]) for f in facts]
    # The axis holds the band and every point (a cited figure below the claim stays in view);
    # an open end runs a little past every value drawn.
    low = min(values) if q.low is not None else min(values) / OPEN_END
    high = max(values) if q.high is not None else max(values) * OPEN_END
    axis = _axis(str(claim["unit"]), low, high)
    # an open end runs to the axis' edge, so the band visibly does not stop
    x0, x1 = axis["range"]  # type: ignore[misc]
    low, high = (10**x0 if q.low is None else q.low), (10**x1 if q.high is None else q.high)
    unit = _("US dollars") if claim["unit"] == "USD" else str(claim["unit"])
    caption = Caption(
        _("Check: {verdict}").format(verdict=verdict_name(card.verdict)),
        _("Article: {words} · attributed to {organisation}").format(
            words=claim["figure_text"], organisation=claim["attributed_to"]
        ),
        source_for(pd.DataFrame([card.claim]), facts, sources, card.publishers),
        as_of,
    )
    fig = go.Figure()
    colour = VERDICT_COLOURS.get(card.verdict, NEUTRAL)
    fig.add_shape(
        type="rect", x0=low, x1=high, y0=-0.4, y1=0.4, fillcolor=colour, opacity=0.18, line_width=0
    )
    fig.add_trace(
        go.Scatter(
            x=[low, high],
            y=[0, 0],
            mode="lines+text",
            text=[
                _("← no lower bound") if q.low is None else "",
                _("no upper bound →") if q.high is None else "",
            ],
            textposition=["top right", "bottom left"],
            name=escape_plotly(_("article: {amount}").format(amount=claim_amount(card.claim))),
            line={"color": colour, "width": 6},
            customdata=[f"claim:{claim['figure_id']}"] * 2,
            hovertext=[escape_plotly(f"{claim['figure_text']} ({claim_amount(card.claim)})")] * 2,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    for fact, role, symbol in _points(card):
        fig.add_trace(_fact_point(fact, role, symbol, (x0, x1)))
    fig.update_xaxes(title_text=_("{currency} (log scale)").format(currency=unit), **axis)
    fig.update_yaxes(visible=False, range=[-1, 1.2])
    # Every mark is labelled where it is drawn: no legend to take the strip's width.
    fig.update_layout(showlegend=False, margin={"r": 40})
    return finish(fig, caption, left=40)


def _points(card: CheckCard) -> list[tuple[dict[str, object], str, str]]:
    same = (
        card.cited is not None
        and card.newest is not None
        and card.cited["fact_id"] == card.newest["fact_id"]
    )
    out = []
    if card.cited is not None:
        out.append(
            (
                card.cited,
                _("cited organisation's figure") + (_(" (newest)") if same else ""),
                "circle",
            )
        )
    if card.newest is not None and not same:
        out.append((card.newest, _("newest edition"), "diamond"))
    return out


# A point in the outer part of the axis has its label run inwards, never past the plot's edge.
EDGE_SHARE = 0.35


def label_side(value: float, axis: tuple[float, float]) -> str:
    """Where a label goes beside a point at `value` on a log axis spanning 10**axis: right of
    it near the left edge, left of it near the right edge, centred between."""
    share = (math.log10(value) - axis[0]) / (axis[1] - axis[0])
    return "right" if share < EDGE_SHARE else "left" if share > 1 - EDGE_SHARE else "center"


def _fact_point(
    fact: dict[str, object], role: str, symbol: str, axis: tuple[float, float]
) -> go.Scatter:
    # On the chart, a report's short name ("IEA: Ukraine's Energy Security ..." -> "IEA"), so
    # the label fits a narrow screen; the hover keeps the full name.
    short = str(fact["assessment"]).partition(":")[0]
    role_word = _("cited") if symbol == "circle" else _("newest")
    label = f"{role_word}: {short} {fact_amount(fact)}"
    full = f"{fact['assessment']} {fact_amount(fact)}"
    return go.Scatter(
        x=[float(fact["value"])],  # type: ignore[arg-type]
        y=[0],
        mode="markers+text",
        name=escape_plotly(f"{role}: {full}"),  # the text alternative names the report in full
        marker={"color": CITED if symbol == "circle" else NEWEST, "size": 16, "symbol": symbol},
        text=[escape_plotly(label)],
        # cited above the band's line, newest below: close values do not collide
        textposition=f"{'top' if symbol == 'circle' else 'bottom'} "
        + label_side(float(fact["value"]), axis),  # type: ignore[arg-type]
        textfont={"size": 15},
        cliponaxis=False,
        customdata=[f"fact:{fact['fact_id']}"],
        hovertext=[
            escape_plotly(
                _("{role}: {figure}, published {date}").format(
                    role=role, figure=full, date=fact["published"]
                )
            )
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def rdna_series(facts: pd.DataFrame) -> pd.DataFrame:
    """RDNA editions' whole-economy needs and damage in dollars, oldest first."""
    keep = (
        facts["assessment_id"].str.fullmatch(r"rdna\d+")
        & (facts["sector"] == "all")
        & (facts["unit"] == "USD")
        & facts["measure"].isin(BILL_MEASURES)
    )
    rows = facts[keep]
    dates = [pd.Timestamp(p if len(p) > 7 else f"{p}-01") for p in rows["published"]]
    return rows.assign(_date=dates).sort_values("_date")


def build_bill_chart(
    series: pd.DataFrame,
    figures: pd.DataFrame,
    caption: Caption,
) -> go.Figure:
    """How the bill grew: RDNA needs and damage by publication date, one panel per measure, the
    article's money claims of that measure as bands; points open their provenance."""
    claims = bill_claims(figures)
    if series.empty:
        return empty_figure(caption, _("No RDNA figures in the reference tables"))
    measures = [m for m in BILL_MEASURES if m in set(series["measure"])]
    fig = make_subplots(
        rows=1,
        cols=len(measures),
        horizontal_spacing=0.08,
        subplot_titles=[BILL_MEASURES[m] for m in measures],
    )
    top = max(series["value"]) / 1e9 * 1.3  # in $ bn, as drawn
    for col, measure in enumerate(measures, start=1):
        part = series[series["measure"] == measure]
        _add_series(fig, part, col)
        # the article's triangles stand a season before the first edition, clear of its label
        before = part["_date"].min() - pd.Timedelta(days=BAND_LEAD_DAYS)
        _add_bands(fig, claims[claims["measure"] == measure], col, before, top)
    if current_language() == "uk":  # "400 млрд", the axis titled in dollars
        ticks = {"tickprefix": "", "ticksuffix": " млрд", "separatethousands": False}
    else:
        ticks = {"tickprefix": "$", "ticksuffix": " bn"}
    fig.update_yaxes(range=[0, top], title_text=_("US dollars"), **ticks)
    fig.update_layout(legend={**LEGEND, "title": {"text": ""}})
    # one tick a year: "Jan 2023" labels meet in a phone's narrow panels
    fig.update_xaxes(title_text=_("publication date"), tickformat="%Y", dtick="M12")
    return finish(fig, caption)


def bill_label_positions(n: int) -> list[str]:
    """The first edition's label under its mark and running right, the later ones' over it and
    running left (all stay inside the panel): the bill only grows, so each label stands over
    the line coming up to its mark, clear of the label before it when editions are a panel's
    tenth apart (a year on a phone); the one before the newest goes under its mark, as the
    newest's label is the widest (two lines with its amount on the slide)."""
    if n < 2:
        return ["top center"]
    positions = ["bottom right", *["top left"] * (n - 1)]
    if n > 2:
        positions[-2] = "bottom center"
    return positions


def bill_labels(names: list[str], amounts: list[str]) -> list[str]:
    """The first and newest editions named with their amounts, those between by name only:
    five two-line labels meet in a panel; the axis and the hover give every amount."""
    last = len(names) - 1
    return [
        f"{escape_plotly(a)}<br>{escape_plotly(v)}" if i in (0, last) else escape_plotly(a)
        for i, (a, v) in enumerate(zip(names, amounts, strict=True))
    ]


# On the page the bill's panels stand one over the other (their titles over each): side by
# side, a 360 px phone or a 1024 laptop with the sidebar gave each panel 130 to 220 px, and the
# editions a year apart (RDNA2, RDNA3) had their names meet.
BILL_SCREEN_PANELS = ((0.58, 1.0), (0.0, 0.42))


def bill_for_screen(fig: go.Figure) -> go.Figure:
    """The page's version: the panels stacked, each the column's full width; each edition's
    mark named only ("RDNA3"), its amount read from the axis and the hover."""
    for trace in fig.data:
        if trace.mode == "lines+markers+text":
            trace.text = [str(t).partition("<br>")[0] for t in trace.text]
    xs, ys = list(fig.select_xaxes()), list(fig.select_yaxes())
    if len(ys) != len(BILL_SCREEN_PANELS):  # an empty chart: nothing to stack
        return fig
    titles = [a for a in fig.layout.annotations if not a.name and a.yanchor == "bottom"]
    for x, y, (low, high) in zip(xs, ys, BILL_SCREEN_PANELS, strict=True):
        x.domain, y.domain = [0, 1], [low, high]
    xs[0].title.text = ""  # one date axis title, under the lower panel
    for title, (_low, high) in zip(titles, BILL_SCREEN_PANELS, strict=False):
        title.update(x=0, xanchor="left", y=high)
    return fig


def check_for_screen(fig: go.Figure) -> go.Figure:
    """The page's version of a check: its points named in a legend under the axis, not beside
    each point; a label beside a point runs out of a phone's column or meets the next one."""
    for trace in fig.data:
        if trace.mode == "markers+text":  # named by its label ("cited: RDNA2 $411 bn")
            trace.update(mode="markers", showlegend=True, name=trace.text[0])
        else:
            trace.showlegend = True
    fig.update_layout(showlegend=True, legend=LEGEND)
    return fig


def _add_series(fig: go.Figure, part: pd.DataFrame, col: int) -> None:
    labels = bill_labels(
        [str(a) for a in part["assessment"]], [fact_amount(f) for f in part.to_dict("records")]
    )
    fig.add_trace(
        go.Scatter(
            x=part["_date"],
            y=part["value"] / 1e9,
            mode="lines+markers+text",
            name=_("RDNA {measure}, all sectors").format(
                measure=measure_name(str(part["measure"].iloc[0]))
            ),
            line={"color": INK, "width": 2},
            marker={"size": 13, "color": INK},
            text=labels,
            textposition=bill_label_positions(len(labels)),
            cliponaxis=False,
            customdata=[f"fact:{f}" for f in part["fact_id"]],
            hovertext=[
                escape_plotly(
                    _(
                        "{assessment} {amount} · published {date} · read in {outlet} ({verification})"
                    ).format(
                        assessment=a,
                        amount=fact_amount(r),
                        date=r["published"],
                        outlet=r["read_in"],
                        verification=_(str(r["verification"])),
                    )
                )
                for a, r in zip(part["assessment"], part.to_dict("records"), strict=True)
            ],
            hovertemplate="%{hovertext}<br>" + _("click for its provenance") + "<extra></extra>",
        ),
        row=1,
        col=col,
    )


def _add_bands(
    fig: go.Figure, claims: pd.DataFrame, col: int, first: pd.Timestamp, top: float
) -> None:
    for claim in claims.to_dict("records"):
        q = quantity_of(pd.Series(claim))
        low = (q.low or 0) / 1e9
        high = min(q.high / 1e9, top) if q.high is not None else top
        colour = sector_colour(str(claim["sector"]))
        fig.add_hrect(y0=low, y1=high, fillcolor=colour, opacity=0.12, line_width=0, row=1, col=col)
        runs = "" if q.high is not None and q.high / 1e9 <= top else _(" (runs past the top)")
        fig.add_trace(
            go.Scatter(
                x=[first],
                y=[low],
                mode="markers",
                name=escape_plotly(
                    _("article: {words} · {organisation}").format(
                        words=claim["figure_text"], organisation=claim["attributed_to"]
                    )
                    + runs
                ),
                marker={"color": colour, "size": 14, "symbol": "triangle-up"},
                customdata=[f"claim:{claim['figure_id']}"],
                hovertext=[
                    escape_plotly(
                        f"{claim['figure_text']} ({claim_amount(claim)}) · "
                        + _("click for the sentence")
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )


def bill_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """The claims the bill chart draws as bands: cumulative money claims of needs or damage."""
    claims = cost_claims(figures)
    return claims[claims["measure"].isin(BILL_MEASURES) & ~claims["per_year"].astype(bool)]


def build_bill_view(dataset: Dataset, figures: pd.DataFrame, subtitle: str) -> go.Figure:
    """How the bill grew for the filtered claims, captioned with exactly what it draws."""
    series = rdna_series(dataset.frames["assessment_figures"])
    claims = bill_claims(figures)
    pubs = dataset.frames["assessment_publishers"]
    publishers = {str(a): list(p["publisher"]) for a, p in pubs.groupby("assessment_id")}
    sources = dataset.frames["sources"]
    caption = Caption(
        _("How the bill grew: RDNA1 to RDNA5"),
        f"{subtitle} · "
        + _("needs and damage in separate panels, never added; the article's claims as bands"),
        source_for(claims, series.to_dict("records"), sources, publishers),
        provenance.as_of(sources, dataset.version),
    )
    return build_bill_chart(series, claims, caption)
