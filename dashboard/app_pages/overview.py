"""Overview: the sector choice, headline cards, the sector story and the charts in tabs, drawn
in the browser (ui/live.py), with the chart's downloads and the evidence panel beside them. Its
body is a fragment in ui/front.py, which also draws a plain visit's first screen."""

from __future__ import annotations

from dashboard.ui.front import overview_body, overview_head

overview_head()
overview_body()
