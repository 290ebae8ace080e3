"""Nothing the app starts reaches outside: kaleido's Chromium, observed through its own net log
while `brief` renders, names no host but the machine's own; citations.md carries no live markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from dashboard.cli import main
from dashboard.core.data.dataset import load_dataset
from dashboard.core.data.filters import Filters
from dashboard.core.output import offline_browser
from dashboard.core.output.briefing import citations_markdown, escape_markdown_file

LOCAL = {"localhost", "127.0.0.1", "::1"}
# Chromium's IPv6 reachability probe: a UDP connect() to a public address, which picks a route
# and sends no packet. It is the one outside address the log may name.
IPV6_PROBE = "[2001:4860:4860::8888]:443"


def outbound(log: dict) -> list[str]:
    """What left or tried to leave the machine: DNS queries for outside names, TCP connects to
    outside addresses, and any request for kaleido's MathJax CDN."""
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    sources = {v: k for k, v in log["constants"]["logSourceType"].items()}
    found = []
    for event in log["events"]:
        kind, params = types.get(event["type"], ""), event.get("params", {})
        source = sources.get(event["source"]["type"], "")
        host = str(params.get("hostname") or "")
        if ("DNS" in kind or "SYSTEM_TASK" in kind) and host and host not in LOCAL:
            found.append(f"{kind} {host}")
        address = str(params.get("address", ""))
        outside = address and not address.startswith(("127.", "[::1]"))
        if (
            kind == "SOCKET_CONNECT"
            and outside
            and not (source.startswith("UDP") and address == IPV6_PROBE)
        ):
            found.append(f"{kind} {source} {address}")
        if any(cdn in str(params) for cdn in ("cdnjs", "cdn.plot.ly")):  # MathJax, topojson
            found.append(f"{kind} {str(params)[:80]}")
    return found


def test_brief_makes_the_browser_reach_no_outside_host(tmp_path: Path, monkeypatch):
    netlog = tmp_path / "netlog.json"
    flags = [f"--log-net-log={netlog}", "--net-log-capture-mode=Everything"]
    monkeypatch.setattr(offline_browser, "EXTRA_FLAGS", flags)
    # a chart, and the regions map: a geo subplot, which would load plotly's world topojson
    out = str(tmp_path / "out")
    assert main(["brief", "--out", out, "--chart", "cost", "--chart", "regions"]) == 0
    log = json.loads(netlog.read_text(encoding="utf-8"))
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    assert "REQUEST_ALIVE" in {types.get(e["type"]) for e in log["events"]}  # it saw requests
    assert outbound(log) == []


def test_the_check_sees_what_would_leave():
    log = {
        "constants": {
            "logEventTypes": {"DNS_TRANSACTION": 1, "SOCKET_CONNECT": 2, "REQUEST_ALIVE": 3},
            "logSourceType": {"SOCKET": 1, "UDP_SOCKET": 2, "URL_REQUEST": 3},
        },
        "events": [
            {"type": 1, "source": {"type": 1}, "params": {"hostname": "accounts.google.com"}},
            {"type": 2, "source": {"type": 1}, "params": {"address": "142.250.1.1:443"}},
            {"type": 2, "source": {"type": 2}, "params": {"address": IPV6_PROBE}},
            {"type": 2, "source": {"type": 1}, "params": {"address": "127.0.0.1:8501"}},
            {"type": 3, "source": {"type": 3}, "params": {"url": "https://cdnjs.cloudflare.com/x"}},
            {"type": 3, "source": {"type": 3}, "params": {"url": "https://cdn.plot.ly/un/w.json"}},
        ],
    }
    assert len(outbound(log)) == 4


HOSTILE = "<script>alert(1)</script> [sign in](javascript:alert(1)) ![p](https://evil.example/p.png) **bold** $x$"
MD = MarkdownIt("commonmark").enable(["strikethrough", "table"])


def _markup(text: str) -> set[str]:
    tokens = MD.parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    return kinds & {"link_open", "image", "html_inline", "html_block", "strong_open", "em_open"}


def test_escape_markdown_file_shows_text_literally():
    assert _markup(escape_markdown_file(HOSTILE)) == set()


@pytest.mark.parametrize("column", ["citation", "title"])
def test_citations_md_escapes_source_words(repo_copy: Path, column: str):
    sources = repo_copy / "data" / "sources.csv"
    rows = sources.read_text(encoding="utf-8").split("\n")
    import csv
    import io

    table = list(csv.DictReader(io.StringIO("\n".join(rows))))
    table[0][column] = HOSTILE
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    sources.write_text(out.getvalue(), encoding="utf-8")
    dataset = load_dataset(repo_copy)
    text = citations_markdown([], dataset, Filters(source=(HOSTILE,)))
    assert HOSTILE.split()[0] not in text  # no raw tag
    assert _markup(text) == set()
    assert "javascript" in text  # the words are kept, as text
