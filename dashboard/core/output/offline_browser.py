"""The Chromium kaleido renders with, kept off the network: it loads a local page and plotly.js
from the installed plotly package, and must look up no host at all.

Kaleido's defaults would fetch MathJax from cdnjs.cloudflare.com (our charts use no LaTeX), and
Chromium by itself calls its update, accounts, optimisation-guide and search services. Kaleido
passes its keyword arguments to choreographer's Browser, which takes the browser class: ours
appends the flags below to choreographer's own (which already include --disable-component-update
and --disable-sync).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any

from choreographer.browsers import Chromium

OFFLINE_FLAGS = [
    "--disable-background-networking",  # update checks, safe-browsing lists, variations seed
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-gaia-services",  # no accounts.google.com ListAccounts
    # One --disable-features only: Chromium keeps the last one it is given.
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,"
    "NetworkTimeServiceQuerying,SearchEnginePreconnector,SearchEnginePreconnect2",
    # Belt and braces: any name still looked up resolves nowhere (loopback aside).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Tests add flags here (e.g. --log-net-log=FILE) to observe the browser itself.
EXTRA_FLAGS: list[str] = []


def nice_prefix() -> list[str]:
    """`nice -n N` before the browser's command (N from DASHBOARD_RENDER_NICE, default 10), so
    the browser and its wrapper wait for the CPU behind people's page reruns: on two cores a
    browser drawing at full speed took half of it. Only the processes are niced, never a Python
    thread of the server, which would hold Python's lock while it waits for the CPU."""
    from dashboard.core.output.rendering import NICE, NICE_ENV, setting

    nice, command = int(setting(NICE_ENV, NICE, 0, 19)), shutil.which("nice")
    return [command, "-n", str(nice)] if nice and command else []


class OfflineChromium(Chromium):
    """choreographer's Chromium with the network-quiet flags appended, started niced."""

    def get_cli(self) -> Sequence[str]:
        """choreographer's command line plus OFFLINE_FLAGS (and any EXTRA_FLAGS), under nice."""
        return [*nice_prefix(), *super().get_cli(), *OFFLINE_FLAGS, *EXTRA_FLAGS]


def kaleido_options() -> dict[str, Any]:
    """Keyword arguments for kaleido.start_sync_server: no MathJax, the offline browser."""
    # enable_extensions=False: choreographer adds --disable-extensions (no extension updates).
    return {"mathjax": False, "browser_cls": OfflineChromium, "enable_extensions": False}
