"""Charts as functions: DataFrame in, plotly Figure out, with title, units and source inside.

Every figure is drawn on a 16:9 canvas in a light theme so a screenshot or export can go
straight into a slide. Damage, needs and losses are never drawn on one axis unlabelled: each
measure gets its own panel.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.core.base.i18n import N_, Messages, _, current_language, ngettext
from dashboard.core.base.palette import INK, NEUTRAL, SECTOR_COLOURS, sector_colour
from dashboard.core.data.claims import quantity_of
from dashboard.core.data.names import sector_name
from dashboard.core.evidence.alternative import caption_markup, plain
from dashboard.core.text import ukrainian
from dashboard.core.text.quantities import format_quantity

WIDTH, HEIGHT = 1600, 900  # 16:9 at slide size
FONT = "DejaVu Sans, Arial, sans-serif"
LEGEND = {
    "orientation": "v",
    "x": 1.01,
    "xanchor": "left",
    "y": 1,
    "yanchor": "top",
    "title": {"text": "sector"},
}


def legend_layout() -> dict[str, object]:
    """LEGEND with its title in the current language."""
    return {**LEGEND, "title": {"text": _("sector")}}


# The house theme: only the plotly_white settings these charts use. Naming "plotly_white" would
# embed plotly's whole template (about 8 KB, most of a chart's JSON) in every figure, sent and
# parsed again on every rerun.
GRID = "#EBF0F8"
# A claim of one amount, or an interval this narrow (high within 5 % of low), is drawn as a point
# of this many pixels: on a log axis its bar would be a hairline nobody can see or tap.
POINT_RATIO = 1.05
POINT_SIZE = 16
_AXIS = {
    "gridcolor": GRID,
    "linecolor": GRID,
    "zerolinecolor": GRID,
    "zerolinewidth": 2,
    "ticks": "",
    # Margins are set per chart: an automatic margin would move the plot but not the source
    # line, which is placed from the left margin.
    "automargin": False,
    "title": {"standoff": 15},
}
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    }
)
# Invisible ticks: a gap between category labels and the plot.
LABEL_GAP = {"ticks": "outside", "ticklen": 8, "tickcolor": "rgba(0,0,0,0)"}
FOOTER_WIDTH = 150  # characters per source-line row: fits a 16:9 slide and a half-width page column
CURRENCIES = ("USD", "EUR", "GBP", "UAH")
# A money axis is labelled in its own currency only: no rate table is cited in data/reference/,
# so nothing is converted, and each currency gets its own panel and axis.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "UAH": "UAH "}
CURRENCY_NAMES = Messages(
    {
        "USD": N_("US dollars"),
        "EUR": N_("euros"),
        "GBP": N_("pounds sterling"),
        "UAH": N_("hryvnias"),
    }
)
# TRANSLATORS: the RDNA's measures: damage = збитки, needs = потреби, losses = втрати.
MEASURE_SHORT = Messages({"damage": N_("Damage"), "needs": N_("Needs"), "losses": N_("Losses")})
MEASURE_LABELS = Messages(
    {
        "needs": N_("Needs (recovery and reconstruction)"),
        "damage": N_("Damage (physical assets)"),
        "losses": N_("Losses (disrupted economic flows)"),
    }
)
IMPACT_LABELS = Messages(
    {
        "targeting": N_("what was targeted"),
        "disruption": N_("what was disrupted"),
        "damage": N_("what was damaged"),
        "displacement": N_("who was displaced"),
        "losses": N_("economic losses"),
        "needs": N_("recovery needs"),
        "risk": N_("what is at risk"),
        "stake": N_("what is at stake"),
    }
)


@dataclass(frozen=True)
class Caption:
    """Words every figure carries: title, subtitle (the filters), source line and as-of date."""

    title: str
    subtitle: str
    source: str
    as_of: str
    # Every name the source line credits (documents, organisations, publishers, producers),
    # carried in the figure's layout.meta so a test can hold it against the marks drawn.
    credits: tuple[str, ...] = ()

    def footer(self) -> str:
        """The source line drawn at the bottom of the figure."""
        return _("Source: {source} · Data as of {date}").format(source=self.source, date=self.as_of)


def finish(fig: go.Figure, caption: Caption, *, height: int = HEIGHT, left: int = 90) -> go.Figure:
    """Apply the house layout: 16:9, light, title + subtitle on top, source line at the bottom."""
    footer = textwrap.wrap(caption.footer(), FOOTER_WIDTH)
    fig.update_layout(
        template=TEMPLATE,
        width=WIDTH,
        height=height,
        font={"family": FONT, "size": 16, "color": INK},
        title={
            "text": f"<b>{escape_plotly(caption.title)}</b><br><span style='font-size:15px;color:{NEUTRAL}'>{escape_plotly(caption.subtitle)}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
        },
        margin={"l": left, "r": 40, "t": 110, "b": 80 + 18 * len(footer)},
        paper_bgcolor="white",
        plot_bgcolor="white",
        meta={"credits": list(caption.credits)},
    )
    fig.add_annotation(
        text="<br>".join(escape_plotly(line) for line in footer),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xshift=-(left - 12),  # annotations cannot use the container: step back over the margin
        yshift=-62,  # below the x-axis title
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 13, "color": NEUTRAL},
        name="footer",
    )
    return fig


# On screen the title, subtitle and source line are HTML around the plot (screen_caption), so
# they wrap by the column's width; the plot itself has one layout for every column from a
# phone's 360 px to a wide screen's 1400: legend under it, long labels wrapped, lean margins.
SCREEN_PLOT = 300  # pixels the plot itself keeps, whatever stacks around it
SCREEN_LEGEND_CHARS = 38  # a legend entry's characters per line: fits a 360 px column
# entries this short go two a row, longer ones one a row (Ukrainian "міжсекторальне", 14,
# overran its neighbour at 390 px)
LEGEND_PAIR_CHARS = 12
SCREEN_PANEL_CHARS = 20  # a panel title's characters per line: panels side by side are narrow
SCREEN_TICK_CHARS = 18  # a category label's words per line
THIN_PAST = 4  # a log axis with more labelled ticks keeps only the powers of ten labelled
MESSAGE_CHARS = 30  # an empty chart's message per line: fits a 360 px column
CAPTION = "caption"  # layout.meta's key for the words taken out of the screen's figure


def for_screen(
    fig: go.Figure,
    height: int = 520,
    scale: float = 0.8,
    *,
    min_plot: int = SCREEN_PLOT,
    copy: bool = True,
) -> go.Figure:
    """A copy for a page column `height` pixels tall: the title, subtitle and source line moved
    out of the drawing into layout.meta (the page writes them as HTML: screen_caption), smaller
    type, dollar ticks thinned, the legend under the plot, and the layout every column width
    can hold, the plot at least `min_plot` pixels tall. Exports keep the 16:9 slide version
    with its words inside. `copy=False` changes `fig` itself, for a caller whose figure is its
    own (a copy validates every trace again: a Kyiv map's polygons cost 17 ms)."""
    out = go.Figure(fig) if copy else fig
    _take_caption(out)
    out.update_layout(
        height=height,
        width=None,
        font={"size": round(16 * scale)},
        legend={"font": {"size": round(14 * scale)}},
    )
    out.update_xaxes(tickfont={"size": round(13 * scale)}, title_font={"size": round(15 * scale)})
    out.update_yaxes(tickfont={"size": round(14 * scale)}, title_font={"size": round(15 * scale)})
    left = _wrap_category_ticks(out, round((out.layout.margin.l or 80) * scale), SCREEN_TICK_CHARS)
    above = [a for a in out.layout.annotations if a.yanchor == "bottom" and (a.y or 0) >= 1]
    lines = [(a.text or "").count("<br>") + 1 for a in above]  # panel titles, notes over the plot
    top = 14 + max(
        (8 + 15 * n + (a.yshift or 0) for a, n in zip(above, lines, strict=True)), default=0
    )
    out.update_layout(margin={"l": left, "r": 12, "t": top})
    for annotation in out.layout.annotations:
        if annotation.font.size:
            annotation.update(font={"size": round(annotation.font.size * scale)})
    for axis in [*out.select_xaxes(), *out.select_yaxes()]:
        if axis.type == "log" and len(axis.ticktext or ()) > THIN_PAST:  # label powers of ten
            axis.ticktext = [
                t if math.log10(v).is_integer() else ""
                for t, v in zip(axis.ticktext, axis.tickvals, strict=True)
            ]
    names = [t.name for t in out.data if t.name and t.showlegend is not False]
    beside = (out.layout.legend.x or 0) > 1  # a legend right of the plot (maps keep theirs inside)
    legend_height = _legend_below(out, names, round(14 * scale)) if beside and names else 0
    _place_legend(out, legend_height, min_plot)
    _screen_labels(out)
    return out


def _take_caption(out: go.Figure) -> None:
    """Move the title (with its subtitle) and the source line out of the drawing into
    layout.meta, as the slide drew them (plotly markup), for the page and the text alternative."""
    footer = next((a.text for a in out.layout.annotations if a.name == "footer"), "")
    meta = dict(out.layout.meta or {})
    meta[CAPTION] = {"title": out.layout.title.text or "", "footer": footer or ""}
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "footer"]
    out.update_layout(meta=meta, title={"text": ""})


@dataclass(frozen=True)
class ScreenCaption:
    """The words around a chart on screen, as plain text: they wrap with the column."""

    title: str
    subtitle: str
    source: str


def screen_caption(fig: go.Figure) -> ScreenCaption:
    """The title, subtitle and source line of a figure made by for_screen (or of a slide)."""
    heading, footer = caption_markup(fig)
    title, _, subtitle = heading.partition("<br>")
    return ScreenCaption(plain(title, " "), plain(subtitle, " "), plain(footer, " "))


def _screen_labels(out: go.Figure) -> None:
    """Labels a slide has room for and a column does not: slide-only point labels go (the
    hover, the legend and the table under the chart name the points), a unit said once for
    panels side by side, long panel titles wrapped."""
    for trace in out.data:
        if trace.meta == SLIDE_ONLY_LABELS and trace.mode and "text" in trace.mode:
            trace.mode = trace.mode.replace("+text", "").replace("text+", "")
    first_y = next(iter(out.select_yaxes()), None)
    for axis in out.select_yaxes():  # panels side by side share the height of the first
        if axis is first_y or first_y is None or axis.title.text != first_y.title.text:
            continue
        if axis.domain != first_y.domain:
            continue
        axis.title.text = ""
        if axis.range is not None and axis.range == first_y.range:  # same scale: ticks once
            axis.showticklabels = False
    for note in out.layout.annotations:  # an empty chart's message, in the middle
        if not note.name and note.x == 0.5 and note.y == 0.5 and note.text:
            note.text = "<br>".join(textwrap.wrap(note.text.replace("<br>", " "), MESSAGE_CHARS))
    titles = [a for a in out.layout.annotations if not a.name and not a.bordercolor]
    side_by_side = [a for a in titles if a.yanchor == "bottom" and a.y is not None and a.y >= 1]
    lines = 1
    for annotation in side_by_side if len(side_by_side) > 1 else []:  # narrow: wrap them
        text = (annotation.text or "").replace("<br>", " ")
        annotation.text = "<br>".join(textwrap.wrap(text, SCREEN_PANEL_CHARS))
        lines = max(lines, annotation.text.count("<br>") + 1)
    out.update_layout(margin={"t": (out.layout.margin.t or 0) + 16 * (lines - 1)})


# A trace's `meta` saying its point labels fit a 16:9 slide but not a page column.
SLIDE_ONLY_LABELS = "slide-only labels"


def _wrap_category_ticks(out: go.Figure, left: int, chars: int) -> int:
    """Wrap long category labels (the quoted words on the y axis) so the bars keep most of a
    narrow column; returns the left margin the wrapped labels need."""
    widest = 0
    for axis in out.select_yaxes():
        if axis.type != "log" and not axis.ticktext and axis.categoryarray:  # labels from data
            widest = max(widest, *(len(str(c)) for c in axis.categoryarray))
        if axis.type == "log" or not axis.ticktext:
            continue
        wrapped = []
        for tick in axis.ticktext:
            head, sep, tail = tick.partition("<br>")
            wrapped.append("<br>".join(textwrap.wrap(head, chars)) + sep + tail)
            widest = max(widest, min(len(head), chars))
        axis.ticktext = wrapped
    return min(left, 24 + 6 * widest) if widest else left


def _legend_below(out: go.Figure, names: list[str], size: int) -> int:
    """The legend under the x-axis title, entries wrapped to fit the narrowest column, two a
    row when short; returns its height in pixels. Fixed columns of the container's width make
    the height computable and keep entries apart at every width."""
    wrapped = ["<br>".join(textwrap.wrap(n, SCREEN_LEGEND_CHARS)) for n in names]
    for trace in out.data:
        if trace.name in names:
            trace.name = wrapped[names.index(trace.name)]
    per_row = 2 if max(len(n) for n in names) <= LEGEND_PAIR_CHARS else 1
    lines = [w.count("<br>") + 1 for w in wrapped]
    rows = [max(lines[i : i + per_row]) for i in range(0, len(lines), per_row)]
    legend_height = sum(round(r * size * 1.35) + 6 for r in rows)
    out.update_layout(
        legend={
            "orientation": "h",
            "traceorder": "normal",  # grouped order would give each legend group its own row
            "entrywidth": 1 / per_row,
            "entrywidthmode": "fraction",
            "xref": "container",
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "yanchor": "top",
            "title": {"text": ""},
        }
    )
    return legend_height


def _place_legend(out: go.Figure, legend_height: int, min_plot: int) -> None:
    """The bottom margin for the axis labels and the legend under them; the figure grows when
    the plot would keep less than `min_plot` pixels."""
    under_axis = 62  # the x-axis tick labels and title, below the plot
    bottom = under_axis + (legend_height + 14 if legend_height else 0)
    out.update_layout(margin={"b": bottom})
    margin = out.layout.margin
    if (out.layout.height or 0) < (margin.t or 0) + bottom + min_plot:
        out.update_layout(height=(margin.t or 0) + bottom + min_plot)
    if legend_height:
        out.layout.legend.y = (bottom - under_axis - 4) / out.layout.height


def two_lines(text: str) -> str:
    """`text` broken at the space nearest its middle (one word stays one line): a label inside
    a short bar keeps a legible size on a phone."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(2 * i - len(text)))
    return f"{text[:cut]}<br>{text[cut + 1 :]}"


def escape_plotly(text: str) -> str:
    """Plotly renders a subset of HTML in text: escape source words so they stay words."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def empty_figure(caption: Caption, message: str) -> go.Figure:
    """A captioned figure that says why it has nothing to show."""
    fig = go.Figure()
    fig.add_annotation(
        text=escape_plotly(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 20},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, caption)


def first_in_legend(fig: go.Figure, name: str) -> bool:
    """Show a legend entry only for the first trace of that name."""
    return not any(t.name == name and t.showlegend is not False for t in fig.data)


def cost_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """Claims stating a money amount."""
    return figures[(figures["bound"] != "none") & figures["unit"].isin(CURRENCIES)]


def log_range(values: list[float]) -> tuple[float, float]:
    """Exponents bounding `values` on a log axis, with room for open-ended arrows."""
    lo, hi = min(values), max(values)
    return math.floor(math.log10(lo)) - 0.3, math.ceil(math.log10(hi)) + 0.5


def money_ticks(x0: float, x1: float, unit: str = "USD") -> dict[str, list[object]]:
    """Tick values and labels for a log money axis spanning 10**x0..10**x1: 1, 2 and 5 per
    decade, labelled in words in the axis's currency ("$20 bn", "€500 mn"). Plotly's default
    labels every digit 2..9 of each decade: a crowded axis on a slide, and most of the time the
    browser spends drawing it."""
    values = [
        m * 10.0**e
        for e in range(math.floor(x0), math.ceil(x1) + 1)
        for m in (1, 2, 5)
        if x0 <= math.log10(m * 10.0**e) <= x1
    ]
    return {"tickvals": values, "ticktext": [_money(v, unit) for v in values]}


def _money(value: float, unit: str) -> str:
    if current_language() == "uk":  # "20 млрд": the axis' title names the currency
        number, word = ukrainian.scaled(value)
        return " ".join(part for part in (number, word) if part)
    symbol = CURRENCY_SYMBOLS.get(unit, f"{unit} ")
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"), (1e3, "k")):
        if value >= size:
            return f"{symbol}{value / size:g} {word}"
    return f"{symbol}{value:g}"


MAX_BARS = 40  # beyond this many distinct intervals the eye cannot separate bars: aggregate
_SAME = [
    "measure",
    "per_year",
    "sector",
    "figure_text",
    "attributed_to",
    "value_low",
    "value_high",
    "unit",
    "bound",
    "hedge",
]


def distinct_costs(costs: pd.DataFrame, max_bars: int = MAX_BARS) -> pd.DataFrame:
    """What a cost chart can show: identical claims once (with a count), and past `max_bars`
    one envelope per measure and sector. A `ref` column says what a click on each opens."""
    if costs.empty:
        return costs.assign(ref=pd.Series(dtype=str), n_claims=pd.Series(dtype=int))
    keyed = costs.assign(_lo=costs["value_low"].fillna(-1.0), _hi=costs["value_high"].fillna(-1.0))
    key = [
        c if c not in ("value_low", "value_high") else {"value_low": "_lo", "value_high": "_hi"}[c]
        for c in _SAME
    ]
    first = keyed.groupby(key, sort=False, dropna=False).head(1).drop(columns=["_lo", "_hi"])
    counts = keyed.groupby(key, sort=False, dropna=False).size().to_numpy()
    out = first.assign(n_claims=counts, ref=[f"claim:{f}" for f in first["figure_id"]])
    if len(out) <= max_bars:
        return out
    rows = []
    for (measure, _per_year, sector), part in costs.groupby(["measure", "per_year", "sector"]):
        open_high = part["value_high"].isna().any()
        rows.append(
            {
                **part.iloc[0].to_dict(),
                "figure_text": ngettext("{n} claim", "{n} claims", len(part)).format(n=len(part)),
                "attributed_to": ngettext(
                    "{n} organisation", "{n} organisations", part["attributed_to"].nunique()
                ).format(n=part["attributed_to"].nunique()),
                "value_low": part["value_low"].min(),
                "value_high": None if open_high else part["value_high"].max(),
                "bound": "at_least" if open_high else "interval",
                "hedge": ngettext("range of {n} claim", "range of {n} claims", len(part)).format(
                    n=len(part)
                ),
                "n_claims": len(part),
                "ref": f"costs:{sector}|{measure}",
            }
        )
    return pd.DataFrame(rows)


def _axis_ranges(costs: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Log range per currency: amounts in different currencies never share a scale."""
    return {
        unit: log_range([v for col in ("value_low", "value_high") for v in part[col].dropna()])
        for unit, part in costs.groupby("unit")
    }


def build_cost_chart(figures: pd.DataFrame, caption: Caption) -> go.Figure:
    """Each money claim as an interval bar on a log axis of its own currency, one panel per
    measure, per-year basis and currency."""
    costs = distinct_costs(cost_claims(figures))
    if costs.empty:
        return empty_figure(caption, _("No cost figures in this selection"))
    ranges = _axis_ranges(costs)
    groups = list(costs.groupby(["unit", "measure", "per_year"], sort=True))
    per_year = _(" per year")
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        shared_xaxes=len(ranges) == 1,  # one currency: one scale; several: an axis each
        vertical_spacing=0.16 if len(ranges) == 1 else 0.22,
        row_heights=[len(g) for _, g in groups],
        subplot_titles=[
            f"{MEASURE_SHORT.get(m, m)} · {u}{per_year if y else ''}"
            for (u, m, y), _group in groups
        ],
    )
    for index, ((unit, _m, _y), group) in enumerate(groups, start=1):
        x0, x1 = ranges[unit]
        _add_interval_bars(fig, group, index, (10**x0, 10**x1))
        fig.update_xaxes(
            type="log", range=[x0, x1], showgrid=True, row=index, col=1, **money_ticks(x0, x1, unit)
        )
        last_of_currency = index == len(groups) or groups[index][0][0] != unit
        if len(ranges) > 1 or index == len(groups):
            name = CURRENCY_NAMES.get(unit, unit)
            title = _("{currency} (log scale)").format(currency=name) if last_of_currency else ""
            fig.update_xaxes(title_text=title, row=index, col=1)
    # Two-line tick labels (the source's words, then who said it) keep the margin narrow.
    lines = [
        line
        for t, o in zip(costs["figure_text"], costs["attributed_to"], strict=True)
        for line in (t, o)
    ]
    left = min(380, 30 + 9 * max(len(line) for line in lines))
    fig.update_yaxes(automargin=False, tickfont={"size": 14}, **LABEL_GAP)
    # "no upper bound →" (on two lines) keeps a legible size in a short bar: plotly would
    # shrink it to fit
    fig.update_layout(
        showlegend=True,
        legend=legend_layout(),
        bargap=0.45,
        uniformtext={"minsize": 9, "mode": "show"},
    )
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": 15})
    return finish(fig, caption, left=left)


def _add_interval_bars(
    fig: go.Figure, group: pd.DataFrame, row: int, axis: tuple[float, float]
) -> None:
    for sector, rows in group.groupby("sector", sort=False):
        lows, widths, ys, hovers, ids, texts, refs = [], [], [], [], [], [], []
        points: list[tuple[float, str, str, str]] = []  # single amounts: a bar would be a hairline
        for _row, claim in rows.iterrows():
            q = quantity_of(claim)
            low = q.low if q.low is not None else axis[0]
            high = q.high if q.high is not None else axis[1]
            lows.append(low)
            widths.append(high - low)
            ys.append(claim["figure_id"])
            texts.append(
                two_lines(_("no upper bound →"))
                if q.high is None
                else (two_lines(_("← no lower bound")) if q.low is None else "")
            )
            lines = [
                format_quantity(q),
                _("hedge: {hedge}").format(hedge=claim["hedge"] or _("none")),
                _("attributed to: {organisation}").format(organisation=claim["attributed_to"]),
            ]
            hovers.append("<br>".join(escape_plotly(line) for line in lines))
            ids.append(claim["figure_id"])
            refs.append(claim["ref"])
            if q.low is not None and q.high is not None and q.high <= q.low * POINT_RATIO:
                points.append(
                    (math.sqrt(q.low * q.high), claim["figure_id"], claim["ref"], hovers[-1])
                )
        fig.add_trace(
            go.Bar(
                x=widths,
                base=lows,
                y=ys,
                orientation="h",
                name=sector_name(str(sector)),
                legendgroup=str(sector),
                showlegend=first_in_legend(fig, sector_name(str(sector))),
                marker={"color": sector_colour(str(sector)), "line": {"color": INK, "width": 1}},
                text=texts,
                textposition="inside",
                insidetextanchor="end",
                constraintext="inside",
                textfont={"color": "white", "size": 15},
                customdata=refs,
                hovertext=hovers,
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        if points:
            _add_single_points(fig, points, str(sector), row)
    ids = list(group["figure_id"])
    ticks = [
        f"{escape_plotly(t)}<br><span style='color:{NEUTRAL}'>{escape_plotly(o)}{f' · said {n}×' if n > 1 and not r.startswith('costs:') else ''}</span>"
        for t, o, n, r in zip(
            group["figure_text"],
            group["attributed_to"],
            group["n_claims"],
            group["ref"],
            strict=True,
        )
    ]
    fig.update_yaxes(tickvals=ids, ticktext=ticks, row=row, col=1)


def _add_single_points(
    fig: go.Figure, points: list[tuple[float, str, str, str]], sector: str, row: int
) -> None:
    """Claims of one amount ("about $1.2 billion") as a point in the sector's colour, big enough
    to see and to tap, with the same hover and click as a bar."""
    x, y, refs, hovers = (list(v) for v in zip(*points, strict=True))
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="markers",
            name=sector_name(sector),
            legendgroup=sector,
            showlegend=False,
            marker={
                "symbol": "diamond",
                "size": POINT_SIZE,
                "color": sector_colour(sector),
                "line": {"color": INK, "width": 1},
            },
            customdata=refs,
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        row=row,
        col=1,
    )


def count_step(top: float, ticks: int = 6) -> int:
    """The tick step of an axis of counts up to `top`: whole numbers only (1, 2, 5, 10, 20,
    50, ...), about `ticks` ticks. A step of 1 at a million claims would ask plotly for one
    tick per claim: it draws a thousand and measures each (30 s a chart in the browser)."""
    wanted = max(top / ticks, 1.0)
    power = 10 ** math.floor(math.log10(wanted))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= wanted))


def build_impact_chart(
    figures: pd.DataFrame, caption: Caption, sectors: tuple[str, ...]
) -> go.Figure:
    """Qualitative claims (no number) counted per kind of impact, one bar colour per sector."""
    qualitative = figures[figures["bound"] == "none"]
    if qualitative.empty:
        return empty_figure(caption, _("No qualitative impacts in this selection"))
    counts = qualitative.groupby(["measure", "sector"]).size().rename("claims").reset_index()
    order = [m for m in IMPACT_LABELS if m in set(counts["measure"])]
    fig = go.Figure()
    for sector in [s for s in sectors if s in set(counts["sector"])]:
        part = counts[counts["sector"] == sector].set_index("measure").reindex(order).dropna()
        fig.add_trace(
            go.Bar(
                y=[IMPACT_LABELS[m] for m in part.index],
                x=part["claims"],
                orientation="h",
                name=sector_name(sector),
                marker={"color": SECTOR_COLOURS.get(sector, NEUTRAL)},
                customdata=[f"group:{sector}|{m}" for m in part.index],
                hovertemplate=_("{sector}: %{{x}} claims on %{{y}}").format(
                    sector=sector_name(sector)
                )
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        legend=legend_layout(),
    )
    top = float(counts.groupby(["measure", "sector"])["claims"].max().max())
    fig.update_xaxes(title_text=_("claims (sentences in the source)"), dtick=count_step(top))
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[IMPACT_LABELS[m] for m in reversed(order)],
        **LABEL_GAP,
    )
    return finish(fig, caption, left=40 + 9 * max(len(IMPACT_LABELS[m]) for m in order))


# The caption's look on the page: the slide's title, subtitle and source line at the page's
# sizes, greys dark enough for 7:1 on white; every word is escaped (source text is data).
_HEAD_STYLE = "margin:0 0 0.25rem 0;line-height:1.3;overflow-wrap:anywhere"
_TITLE_STYLE = f"margin:0;font-weight:700;font-size:1rem;color:{INK}"
_QUIET_STYLE = "margin:0;font-size:0.8125rem;color:#555867"
_FOOT_STYLE = "margin:0.25rem 0 0 0;line-height:1.3;overflow-wrap:anywhere;" + _QUIET_STYLE[9:]


def screen_caption_html(fig: go.Figure, key: str) -> tuple[str, str]:
    """The HTML above a screen figure (title, subtitle) and under it (source line), ids
    `chart-title-KEY` and `chart-source-KEY`: they wrap by the width the column gives them."""
    words = screen_caption(fig)
    e = html.escape
    head = (
        f"<div class='chart-head' style='{_HEAD_STYLE}'>"
        f"<p id='chart-title-{e(key)}' class='chart-title' style='{_TITLE_STYLE}'>{e(words.title)}</p>"
        + (
            f"<p class='chart-subtitle' style='{_QUIET_STYLE}'>{e(words.subtitle)}</p>"
            if words.subtitle
            else ""
        )
        + "</div>"
    )
    foot = (
        f"<p id='chart-source-{e(key)}' class='chart-source' style='{_FOOT_STYLE}'>"
        f"{e(words.source)}</p>"
        if words.source
        else ""
    )
    return head, foot
