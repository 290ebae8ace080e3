"""Share, embed, cite: the words under each chart, as OWID and Datawrapper readers expect.

A link to the view as it is (its filters in the URL), an iframe of the chart-only view
(`?view=brief&chart=KEY`), and a citation naming the chart, the data's date and version, and
the link. Plain text: the screen shows it in code blocks, which escape it.
"""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlencode

from dashboard.core.base.i18n import _

# Where `make run` serves the app: the base when neither --base-url nor the variable is set.
DEFAULT_BASE_URL = "http://127.0.0.1:8501"
BASE_URL_VARIABLE = "DASHBOARD_BASE_URL"

# The chart-only view is 16:9: the iframe keeps that shape at any width (aspect-ratio), and
# browsers without it fall back to this height.
EMBED_HEIGHT = 560


def view_url(base: str, path: str, query: dict[str, str]) -> str:
    """The address of a view: base, page path and its parameters (filters, tab)."""
    page = f"{base.rstrip('/')}/{path.strip('/')}"  # the root page keeps its slash
    return f"{page}?{urlencode(query)}" if query else page


def embed_url(base: str, chart: str, filters: dict[str, str]) -> str:
    """The chart-only view of one chart with the same filters."""
    return view_url(base, "", {"view": "brief", "chart": chart, **filters})


def embed_snippet(url: str, title: str) -> str:
    """An iframe of the chart-only view, titled for screen readers."""
    return (
        f'<iframe src="{html.escape(url)}" title="{html.escape(title)}" width="100%" '
        f'height="{EMBED_HEIGHT}" style="border:0;aspect-ratio:16/9;height:auto" loading="lazy">'
        "</iframe>"
    )


def chart_citation(title: str, publisher: str, as_of: str, url: str, day: date) -> str:
    """'Title. Publisher. Data as of 2026-11-27 (data version abc). URL (accessed 2026-12-03).'"""
    return _("{title}. {publisher}. Data as of {date}. {url} (accessed {day}).").format(
        title=title, publisher=publisher, date=as_of, url=url, day=f"{day:%Y-%m-%d}"
    )
