"""The public edition: a static site any web server or CDN can serve (`python -m dashboard publish`).

An index; one page per claim check (verdict, evidence, chart as SVG with its text alternative,
the data as CSV, its ClaimReview embedded as JSON-LD); one page per chart view of the whole
dataset with its permalink; the Data Package as the project keeps it; sitemap.xml and
robots.txt. Plain HTML and CSS: nothing needs JavaScript to be read. Every source word is
escaped. Links inside the site are relative, so a copy opened from disk works too; the
permalinks, the sitemap and the ClaimReview use the public base URL.

`publish(..., lang="uk")` writes the Ukrainian edition: `<html lang="uk">`, every word of ours
and the charts in Ukrainian, the ClaimReview's `inLanguage` and rating words in Ukrainian;
quotes, source names and the curated reasoning stay as written, marked `lang="en"`, with a note
that the quote is the original English.
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.base.i18n import _, current_language, pgettext, use_language
from dashboard.core.base.paths import DATA_DIR
from dashboard.core.data import schema
from dashboard.core.data.dataset import Dataset
from dashboard.core.data.filters import Filters
from dashboard.core.evidence import provenance
from dashboard.core.evidence.alternative import describe_chart
from dashboard.core.evidence.checkcards import CheckCard, badge_html, card_html, check_cards
from dashboard.core.output.briefing import plan_charts, render_images
from dashboard.core.output.chartdata import chart_csv
from dashboard.core.output.claimreview import base_url, claim_review, review_author
from dashboard.core.output.exports import to_csv_bytes
from dashboard.core.visuals.checkcharts import build_check_chart

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;
color:#1a1a1a;line-height:1.5}a{color:#0b57d0}img{max-width:100%;height:auto}
figure{margin:1rem 0}figcaption{color:#444;font-size:.95em}.check-card th{white-space:nowrap}
blockquote{border-left:4px solid #888;padding-left:.75rem}footer{margin-top:2rem;color:#444}"""


@dataclass(frozen=True)
class Page:
    """One HTML page of the site: where it goes and what it says."""

    path: str  # relative to the site's root, e.g. "checks/iea-reconstruction-costs.html"
    title: str
    body: str
    head: str = ""


def check_page_url(base: str, check_id: str) -> str:
    """A check's public address in the published site (its ClaimReview url)."""
    return f"{base.rstrip('/')}/checks/{check_id}.html"


def _e(text: object) -> str:
    return html.escape(str(text))


def _document(page: Page, base: str, as_of: str) -> str:
    up = "../" * page.path.count("/")
    canonical = f"{base}/{page.path}"
    lang = current_language()
    everything, permalink, site = _("All checks and charts"), _("Permalink:"), _("Site")
    published = _e(
        _(
            "Data as of {date}. Published by {publisher}; the curation is under CC BY 4.0, quotes remain their authors'."
        )
    ).replace("{date}", _e(as_of))  # the publisher is the project's English name: marked so
    published = published.replace("{publisher}", f'<span lang="en">{_e(review_author())}</span>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(page.title)}</title>"
        f'<link rel="canonical" href="{_e(canonical)}"><style>{STYLE}</style>{page.head}</head>'
        f'<body><header><nav aria-label="{_e(site)}"><a href="{up}index.html">'
        f"{_e(everything)}</a>"
        f' · <a href="{up}data/datapackage.json">Data Package</a></nav></header>'
        f"<main><h1>{_e(page.title)}</h1>{page.body}</main>"
        f'<footer><p>{_e(permalink)} <a href="{_e(canonical)}">{_e(canonical)}</a></p>'
        f"<p>{published}</p></footer></body></html>\n"
    )


def _figure(svg_name: str, fig: go.Figure) -> str:
    """The chart as an SVG picture with its text alternative, and the source line below."""
    text = describe_chart(fig)
    return (
        f'<figure><img src="{_e(svg_name)}" alt="{_e(text.description)}" width="960" '
        f'height="540"><figcaption>{_e(text.source)}</figcaption></figure>'
    )


def _check_csv(card: CheckCard) -> bytes:
    """The claim and the reference figures the check weighs, one row each."""
    claim = card.claim
    rows = [
        {
            "row": "claim",
            "id": claim["figure_id"],
            "text": claim["quote"],
            "value_low": claim["value_low"],
            "value_high": claim["value_high"],
            "unit": claim["unit"],
            "qualifier": claim["hedge"],
            "measure": claim["measure"],
            "sector": claim["sector"],
            "by": claim["attributed_to"],
            "url": "",
        }
    ]
    for role, fact in (("cited figure", card.cited), ("newest edition", card.newest)):
        if fact is None:
            continue
        rows.append(
            {
                "row": role,
                "id": fact["fact_id"],
                "text": fact["assessment"],
                "value_low": fact["value"],
                "value_high": "",
                "unit": fact["unit"],
                "qualifier": fact["qualifier"],
                "measure": fact["indicator"] or fact["measure"],
                "sector": fact["sector"],
                "by": "; ".join(card.publishers.get(str(fact["assessment_id"]), [])),
                "url": fact["url"],
            }
        )
    return to_csv_bytes(pd.DataFrame(rows))


def _check_page(card: CheckCard, base: str, fig: go.Figure) -> Page:
    review = {"@context": "https://schema.org"} | claim_review(
        card, base, review_author(), check_page_url
    )
    # JSON-LD inside <script>: "</script" would end the element, so every "<" is written as
    # the JSON escape \u003c (the same text once parsed).
    data = json.dumps(review, ensure_ascii=False).replace("<", "\\u003c")
    head = f'<script type="application/ld+json">{data}</script>'
    axis, data, every = (
        _("The figures on one axis"),
        _("The data of this check (CSV)"),
        _("Every check"),
    )
    body = (
        f"{card_html(card)}<h2>{_e(axis)}</h2>{_figure(f'{card.check_id}.svg', fig)}"
        f'<p><a href="{_e(card.check_id)}.csv">{_e(data)}</a> · '
        f'<a href="../index.html#checks">{_e(every)}</a></p>'
    )
    title = _("Claim check: {check}").format(check=card.check_id)
    return Page(f"checks/{card.check_id}.html", title, body, head)


def _chart_page(key: str, title: str, fig: go.Figure, base: str) -> Page:
    permalink = f"{base}/charts/{key}.html"
    marks, link = _("The marks of this chart (CSV)"), _("Link to this chart:")
    body = (
        f"{_figure(f'{key}.svg', fig)}"
        f'<p><a href="{_e(key)}.csv">{_e(marks)}</a></p>'
        f"<p>{_e(link)} <code>{_e(permalink)}</code></p>"
    )
    return Page(f"charts/{key}.html", title, body)


def _index(cards: list[CheckCard], charts_: list[tuple[str, str]]) -> Page:
    """The front page: every check (its quote as written, marked English), every chart, the data."""
    attributed = _("(attributed to {organisation})")
    checks = "".join(
        f'<li>{badge_html(c.verdict)} <a href="checks/{_e(c.check_id)}.html" lang="en">'
        f"“{_e(c.claim['quote'])}”</a> "
        + _e(attributed).replace(
            "{organisation}", f'<span lang="en">{_e(c.claim["attributed_to"])}</span>'
        )
        + "</li>"
        for c in cards
    )
    views = "".join(f'<li><a href="charts/{_e(k)}.html">{_e(t)}</a></li>' for k, t in charts_)
    intro = _(
        "Claims about what strikes on Ukraine did to its energy, housing and transport, each checked against the published assessments, with every number traced to its sentence."
    )
    package = _(
        "(Frictionless): the claims, sources, reference assessments and checks as CSV with their schema."
    )
    heads = [_e(h) for h in (_("Claim checks"), _("Charts (all claims)"), _("Data"))]
    the_package = _e(_("The Data Package"))
    body = (
        f"<p>{_e(intro)}</p>{provenance.original_note()}"
        f'<h2 id="checks">{heads[0]}</h2><ul>{checks}</ul>'
        f'<h2 id="charts">{heads[1]}</h2><ul>{views}</ul>'
        f'<h2 id="data">{heads[2]}</h2><p><a href="data/datapackage.json">'
        f"{the_package}</a> {_e(package)}</p>"
    )
    title = pgettext("package", str(schema.load_package().get("title", "Claim checks")))
    return Page("index.html", title, body)


def _copy_package(out: Path) -> list[Path]:
    """The Data Package as the project keeps it: datapackage.json and every table it names."""
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    written = []
    for rel in ["datapackage.json", *(r["path"] for r in package["resources"])]:
        target = out / "data" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / rel, target)
        written.append(target)
    return written


def _sitemap(base: str, pages: list[Page]) -> str:
    urls = "".join(f"<url><loc>{_e(f'{base}/{p.path}')}</loc></url>" for p in pages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )


def publish(dataset: Dataset, base: str | None, out: Path, lang: str = "en") -> list[Path]:
    """Write the site in `lang` into `out` (created if needed); returns every file written."""
    with use_language(lang):
        return _publish(dataset, base, out)


def _publish(dataset: Dataset, base: str | None, out: Path) -> list[Path]:
    root = base_url(base)
    sources = dataset.frames["sources"]
    as_of = provenance.as_of(sources, dataset.version)
    cards = check_cards(dataset)
    plans = [p for p in plan_charts(dataset, Filters()) if p.empty is None]
    figures = {f"checks/{c.check_id}": build_check_chart(c, sources, as_of) for c in cards}
    figures |= {f"charts/{p.key}": p.figure for p in plans}
    images = render_images(figures)
    pages = [_index(cards, [(p.key, p.caption.title) for p in plans])]
    pages += [_check_page(c, root, figures[f"checks/{c.check_id}"]) for c in cards]
    pages += [_chart_page(p.key, p.caption.title, p.figure, root) for p in plans]
    files: dict[str, bytes] = {f"{k}.svg": svg for k, (_, svg) in images.items()}
    files |= {f"checks/{c.check_id}.csv": _check_csv(c) for c in cards}
    files |= {f"charts/{p.key}.csv": chart_csv(p.figure) for p in plans}
    files |= {p.path: _document(p, root, as_of).encode("utf-8") for p in pages}
    files["sitemap.xml"] = _sitemap(root, pages).encode("utf-8")
    files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {root}/sitemap.xml\n".encode()
    written = []
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written + _copy_package(out)
