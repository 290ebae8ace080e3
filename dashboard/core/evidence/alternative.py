"""Every chart as words: a plain-language description of what is drawn (the chart's text
alternative, WCAG 1.1.1) and its marks as a list a keyboard can walk, each with the evidence it
opens. Read from the figure itself, so the words always match the marks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.core.base.i18n import N_, _, ngettext

MAX_SPOKEN = 8  # marks named in the description; the table lists them all
_TAG = re.compile(r"<[^>]+>")
# Series named for what a click does (core/visuals/kyiv_charts): said of every mark, so the
# text alternative leaves them out, in every language.
CLICK_SERIES = (
    N_("a large attack (click for its reports)"),
    N_("district (click for its reports)"),
    N_("district area (click for its reports)"),
)


@dataclass(frozen=True)
class Mark:
    """One drawn mark: its series, what it says (hedges kept) and the evidence it opens."""

    series: str
    label: str
    ref: str  # "claim:<id>", "fact:<id>", "region:<code>", ... ("" when it opens nothing)
    # where it is drawn and what it measures there, as the axes show them (the category, date
    # or region; the count, amount or interval "low to high"), and the value axis' title
    at: str = ""
    value: str = ""
    unit: str = ""


@dataclass(frozen=True)
class ChartText:
    """A chart's title, its description in sentences, its source line and its marks."""

    title: str  # the chart's title alone: its accessible name
    description: str
    source: str
    marks: tuple[Mark, ...]


def plain(text: object, line_break: str = " · ") -> str:
    """Plotly's rich text as plain words: line breaks become ' · ', tags and entities go."""
    spaced = re.sub(r"<br\s*/?>", line_break, str(text or ""))
    return html.unescape(_TAG.sub("", spaced)).strip(" ·")


def _ref(value: object) -> str:
    if isinstance(value, list | tuple) and value:
        value = value[0]
    return value if isinstance(value, str) else ""


def _label(trace: go.BaseTraceType, i: int) -> str:
    said = trace.meta  # the marks in unwrapped words, where a hover box wraps them
    if isinstance(said, list | tuple) and i < len(said) and isinstance(said[i], str):
        return said[i]
    hover = trace.hovertext
    if hover is not None and not isinstance(hover, str) and i < len(hover) and hover[i]:
        return plain(hover[i]).removesuffix(" · " + _("click for the sentence"))
    text = trace.text
    if text is not None and not isinstance(text, str) and i < len(text) and text[i]:
        return plain(text[i])
    x = trace.x[i] if trace.x is not None and i < len(trace.x) else None
    y = trace.y[i] if trace.y is not None and i < len(trace.y) else None
    if trace.type == "bar" and trace.orientation != "h":
        return _counted(y, x)
    return _counted(x, y)


def _counted(n: object, what: object) -> str:
    if isinstance(n, int | float):
        count = int(n) if float(n).is_integer() else 5
        return ngettext("{n} claim on {what}", "{n} claims on {what}", count).format(
            n=f"{n:g}", what=what
        )
    return f"{what}: {n}"


def _number(value: object) -> str:
    if isinstance(value, float) and value != value:  # NaN: drawn as "no value"
        return ""
    if isinstance(value, int | float):
        return f"{value:g}"
    text = str(value)
    return text[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]00:00:00(\.0+)?", text) else text


def _item(values: object, i: int) -> object:
    if values is None or isinstance(values, str):
        return values
    return values[i] if i < len(values) else None  # type: ignore[index]


class _Read:
    """A plotly object's properties, each read from it once: plotly validates and copies a
    property on every read, and a chart's marks read the same few for every point (a Kyiv
    window's map reads them for some 700 click targets)."""

    def __init__(self, obj: Any) -> None:
        self._obj, self._got = obj, {}

    def __getattr__(self, name: str) -> Any:
        got = self.__dict__["_got"]
        if name not in got:
            got[name] = getattr(self.__dict__["_obj"], name)
        return got[name]


def _axis(fig: go.Figure, trace: Any, letter: str, axes: dict[str, Any] | None = None) -> Any:
    name = getattr(trace, f"{letter}axis", None) or letter
    key = f"{letter}axis{name[1:]}"
    if axes is None:
        return fig.layout[key]
    if key not in axes:
        axes[key] = _Read(fig.layout[key])
    return axes[key]


def _drawn(
    fig: go.Figure, trace: Any, i: int, axes: dict[str, Any] | None = None
) -> tuple[str, str, str]:
    """Where mark `i` of `trace` is drawn and its value, as the axes show them: the category
    by its tick label, amounts in words ("400 bn"), an open end as the chart says it. `axes`
    keeps the axes read so far (`_marks` reads a chart's once)."""
    if trace.type in ("choropleth", "choroplethmap"):
        return _number(_item(trace.locations, i)), _number(_item(trace.z, i)), ""
    if trace.type not in ("bar", "scatter"):
        return "", "", ""
    x, y = _item(trace.x, i), _item(trace.y, i)
    flat = trace.orientation == "h" if trace.type == "bar" else isinstance(y, str)
    at, value = (y, x) if flat else (x, y)
    axis = _axis(fig, trace, "x" if flat else "y", axes)
    other = _axis(fig, trace, "y" if flat else "x", axes)
    if axis.visible is False and other.visible is False:  # a map on plain axes: lon, lat
        return "", "", ""
    if other.tickvals is not None and other.ticktext is not None and at in other.tickvals:
        at = plain(other.ticktext[list(other.tickvals).index(at)].partition("<br>")[0], " ")

    def said(v: object) -> str:  # as the ticks write it: "$412 bn"
        return f"{axis.tickprefix or ''}{_amount(v)}{axis.ticksuffix or ''}"

    base = _item(trace.base, i) if trace.type == "bar" else None
    note = plain(_item(trace.text, i), " ")  # the bar's words, on one line
    if isinstance(base, int | float) and isinstance(value, int | float):
        if _("no upper bound →") in note:
            shown = _("{amount} or more").format(amount=said(base))
        elif _("← no lower bound") in note:
            shown = _("up to {amount}").format(amount=said(base + value))
        else:
            shown = _("{low} to {high}").format(low=said(base), high=said(base + value))
    else:
        shown = said(value) if isinstance(value, int | float) else _number(value)
    return _number(at), shown, _unit(fig, axis, "x" if flat else "y")


def _unit(fig: go.Figure, axis: go.layout.XAxis, letter: str) -> str:
    """The value axis' title; a panel's blank one is its currency's, named on the panel below
    (the cost chart titles the last panel of one currency only)."""
    titled = [a for a in fig.select_xaxes() if a.title.text] if letter == "x" else []
    titled = titled or ([a for a in fig.select_yaxes() if a.title.text] if letter == "y" else [])
    same = [a for a in titled if a.type == axis.type]
    text = axis.title.text or (same[0].title.text if len(same) == 1 or axis.matches else "")
    return plain(text or "", " ")


def _amount(value: object) -> str:
    """A number as the chart's words write it: 4e+11 as "400 bn"."""
    if isinstance(value, int | float):
        for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "mn")):
            if abs(value) >= size:
                return f"{value / size:.3g} {word}"
    return _number(value)


def _marks(fig: go.Figure) -> list[Mark]:
    """One mark per evidence reference, in drawing order: a district drawn as an area of click
    targets and a named marker is one mark, described by its richest label."""
    found: dict[str, Mark] = {}
    loose: list[Mark] = []
    axes: dict[str, Any] = {}
    for drawn in fig.data:
        trace = _Read(drawn)
        refs = trace.customdata
        if refs is None or len(refs) == 0:
            continue
        if trace.visible in (False, "legendonly"):  # not drawn
            continue
        series = plain(trace.name, " ")  # a name wrapped for a phone's legend
        for i, r in enumerate(refs):
            mark = Mark(series, _label(trace, i), _ref(r), *_drawn(fig, trace, i, axes))
            if not mark.ref:
                loose.append(mark)
            elif mark.ref not in found or len(mark.label) > len(found[mark.ref].label):
                found[mark.ref] = mark
    return [*found.values(), *loose]


def _short(mark: Mark) -> str:
    """A mark in a few words: its first line (a dated mark's words in full), commas for the
    hover box's dots."""
    dated = re.match(r"\d{4}-\d{2}-\d{2}:", mark.label)
    head = (mark.label if dated else mark.label.split(" · ")[0]).replace(" · ", ", ")
    generic = (
        not mark.series
        or "click" in mark.series
        or mark.series in {plain(_(s), " ") for s in CLICK_SERIES}
        or mark.series.startswith(("no ", "assessment", "article", "district", "claims"))
    )
    said = (
        head.casefold().startswith(mark.series.split()[0].rstrip(":").casefold())
        if mark.series
        else True
    )
    return head if generic or said else f"{mark.series}: {head}"


def caption_markup(fig: go.Figure) -> tuple[str, str]:
    """The chart's title line (title, then subtitle) and source line as the slide draws them:
    a screen figure keeps them in layout.meta["caption"] (charts.for_screen) and shows them as
    HTML around the plot."""
    meta = fig.layout.meta
    taken = meta.get("caption") if isinstance(meta, dict) else None
    if taken:
        return str(taken["title"]), str(taken["footer"])
    footer = next((a.text for a in fig.layout.annotations if a.name == "footer"), "")
    return str(fig.layout.title.text or ""), str(footer or "")


def _headings(fig: go.Figure) -> tuple[str, str]:
    """The chart's title and its subtitle (filters, dates, what is drawn), as plain words."""
    title, _, subtitle = caption_markup(fig)[0].partition("<br>")
    return plain(title, " "), plain(subtitle, " ")


def _sentence(text: str) -> str:
    """Words as one sentence: the subtitle's dots read as semicolons, a full stop at the end."""
    words = text.replace(" · ", "; ").strip()
    return f"{words[:1].upper()}{words[1:]}." if words and not words.endswith(".") else words


def describe_chart(fig: go.Figure) -> ChartText:
    """The chart in sentences: 'Cost figures stated in the source. All claims; bars span each
    interval. 3 marks: …'."""
    name, subtitle = _headings(fig)
    title = f"{_sentence(name)} {_sentence(subtitle)}".strip()
    source = plain(caption_markup(fig)[1], " ")
    marks = tuple(_marks(fig))
    if not marks:
        notes = [
            _sentence(plain(a.text, " "))
            for a in fig.layout.annotations
            if a.name != "footer" and a.text
        ]
        said = " ".join(notes) or _("Nothing is drawn.")
        return ChartText(name, f"{title} {said}", source, marks)
    # Marks that say something first ("no claim" areas last), each by its first line only.
    ranked = sorted(marks, key=lambda m: m.series.startswith("no "))
    spoken = "; ".join(_short(m) for m in ranked[:MAX_SPOKEN])
    rest = len(marks) - MAX_SPOKEN
    more = (
        ngettext(
            "; and {n} more, listed in the table", "; and {n} more, listed in the table", rest
        ).format(n=rest)
        if rest > 0
        else ""
    )
    count = ngettext("{n} mark", "{n} marks", len(marks)).format(n=len(marks))
    return ChartText(name, f"{title} {count}: {spoken}{more}.", source, marks)
