"""Every chart as words: a plain-language description of what is drawn (the chart's text
alternative, WCAG 1.1.1) and its marks as a list a keyboard can walk, each with the evidence it
opens. Read from the figure itself, so the words always match the marks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import plotly.graph_objects as go

MAX_SPOKEN = 8  # marks named in the description; the table lists them all
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Mark:
    """One drawn mark: its series, what it says (hedges kept) and the evidence it opens."""

    series: str
    label: str
    ref: str  # "claim:<id>", "fact:<id>", "region:<code>", ... ("" when it opens nothing)


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
        return plain(hover[i]).removesuffix(" · click for the sentence")
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
        return f"{n:g} claim{'' if n == 1 else 's'} on {what}"
    return f"{what}: {n}"


def _marks(fig: go.Figure) -> list[Mark]:
    """One mark per evidence reference, in drawing order: a district drawn as an area of click
    targets and a named marker is one mark, described by its richest label."""
    found: dict[str, Mark] = {}
    loose: list[Mark] = []
    for trace in fig.data:
        refs = trace.customdata
        if refs is None or len(refs) == 0:
            continue
        series = plain(trace.name, " ")  # a name wrapped for a phone's legend
        for i, r in enumerate(refs):
            mark = Mark(series, _label(trace, i), _ref(r))
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
        or mark.series.startswith(("no ", "assessment", "article", "district", "claims"))
    )
    said = head.casefold().startswith(mark.series.split()[0].casefold()) if mark.series else True
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
        said = " ".join(notes) or "Nothing is drawn."
        return ChartText(name, f"{title} {said}", source, marks)
    # Marks that say something first ("no claim" areas last), each by its first line only.
    ranked = sorted(marks, key=lambda m: m.series.startswith("no "))
    spoken = "; ".join(_short(m) for m in ranked[:MAX_SPOKEN])
    more = (
        f"; and {len(marks) - MAX_SPOKEN} more, listed in the table"
        if len(marks) > MAX_SPOKEN
        else ""
    )
    count = f"{len(marks)} mark{'s' if len(marks) != 1 else ''}"
    return ChartText(name, f"{title} {count}: {spoken}{more}.", source, marks)
