"""Text from a URL, a data file or a user is shown as text: never a link, image, HTML or LaTeX."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard.core.base.paths import ROOT
from dashboard.core.evidence.reader import WORD_JOINER, escape_markdown

APP = str(ROOT / "dashboard" / "app.py")
# Streamlit elements whose first argument is rendered as Markdown (labels included).
MARKDOWN_ELEMENTS = {
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "title",
    "header",
    "subheader",
    "expander",
    "write",
}
# Interpolations that can only produce a number or a date: a numeric/date format spec raises
# on a string, so nothing a user typed can come through them.
NUMERIC_SPEC_ENDS = tuple(",dfeEgGn%")
# Reviewed exceptions, each with why it is safe.
ALLOWED = {
    (
        "dashboard/app_pages/briefing.py",
        "link",
    ): "urlencode percent-encodes every Markdown character",
}


def _safe_value(node: ast.FormattedValue) -> bool:
    value = node.value
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") in {"len", "escape_markdown"}:
        return True
    spec = node.format_spec
    if isinstance(spec, ast.JoinedStr) and spec.values:
        text = "".join(v.value for v in spec.values if isinstance(v, ast.Constant))
        return text.endswith(NUMERIC_SPEC_ENDS) or "%" in text
    return False


def _literal_constants(tree: ast.Module) -> set[str]:
    """Module-level UPPER_CASE names bound once to a string literal: text the code wrote."""
    bound: dict[str, list[ast.expr]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                bound.setdefault(target.id, []).append(node.value)
    return {
        name
        for name, values in bound.items()
        if name.isupper()
        and len(values) == 1
        and (
            (isinstance(values[0], ast.Constant) and isinstance(values[0].value, str))
            or _marked(values[0])
        )
    }


def _marked(value: ast.expr) -> bool:
    """N_("literal"): a literal marked for the catalog where it is defined."""
    return (
        isinstance(value, ast.Call)
        and getattr(value.func, "id", "") in {"N_", "NP_"}
        and all(isinstance(a, ast.Constant) for a in value.args)
    )


def _constants_in_scope(tree: ast.Module) -> set[str]:
    """This module's literal constants and those it imports from another dashboard module."""
    names = _literal_constants(tree)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dashboard."):
            source = ROOT / (node.module.replace(".", "/") + ".py")
            if source.is_file():
                theirs = _literal_constants(ast.parse(source.read_text(encoding="utf-8")))
                names |= {a.name for a in node.names if a.asname is None and a.name in theirs}
    return names


TRANSLATE = {"_", "ngettext", "pgettext"}  # core/base/i18n.py: words we wrote, from the catalog


def _catalog_message(arg: ast.expr, constants: set[str]) -> bool:
    """`_("...")`, `_(CONSTANT)`, or either `.format(...)`-ed with every value escaped: the
    catalog holds text the project wrote (tests/core/test_i18n.py checks its markup)."""
    call, values = arg, []
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "format"
    ):
        call, values = arg.func.value, [k.value for k in arg.keywords] + list(arg.args)
    if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") in TRANSLATE):
        return False
    words = call.args[-1] if getattr(call.func, "id", "") == "pgettext" else call.args[0]
    ours = isinstance(words, ast.Constant) or (
        isinstance(words, ast.Name) and words.id in constants
    )
    escaped = all(
        isinstance(v, ast.Constant)
        or (isinstance(v, ast.Call) and getattr(v.func, "id", "") in {"escape_markdown", "len"})
        for v in values
    )
    return ours and escaped


def _unsafe_args(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants_in_scope(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in MARKDOWN_ELEMENTS or not node.args:
            continue
        if node.func.attr == "write" and getattr(node.func.value, "id", "") != "st":
            continue  # a file's write(), not st.write
        arg = node.args[0]
        if isinstance(arg, ast.Constant):
            continue
        if isinstance(arg, ast.Name) and arg.id in constants:
            continue  # a string literal bound to a constant name
        if isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "escape_markdown":
            continue
        if _catalog_message(arg, constants):
            continue  # our own words from the catalog, any value in them escaped
        if isinstance(arg, ast.JoinedStr):
            bad = [
                v
                for v in arg.values
                if isinstance(v, ast.FormattedValue)
                and not _safe_value(v)
                and (rel, ast.unparse(v.value)) not in ALLOWED
            ]
            if not bad:
                continue
        found.append(f"{rel}:{node.lineno}: st.{node.func.attr}({ast.unparse(arg)[:80]})")
    return found


def test_every_markdown_element_gets_only_escaped_text():
    files = [
        path
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
        if "import streamlit" in path.read_text(encoding="utf-8")
    ]
    assert len(files) > 10  # app.py, the pages and the ui helpers
    unsafe = [line for path in files for line in _unsafe_args(path)]
    assert unsafe == [], "pass these through escape_markdown:\n" + "\n".join(unsafe)


def test_the_walk_catches_an_unescaped_value(tmp_path: Path, monkeypatch):
    probe = ROOT / "dashboard" / "probe_unescaped.py"  # never written: parsed from a string
    monkeypatch.setattr(Path, "read_text", lambda self, **_: 'st.caption(f"x {name}")')
    assert _unsafe_args(probe) == ["dashboard/probe_unescaped.py:1: st.caption(f'x {name}')"]
    # a constant bound to a literal is text the code wrote; one bound to anything else is not
    code = 'HINT = "**a**"\nTEXT = read()\nst.markdown(HINT)\nst.markdown(TEXT)'
    monkeypatch.setattr(Path, "read_text", lambda self, **_: code)
    assert _unsafe_args(probe) == ["dashboard/probe_unescaped.py:4: st.markdown(TEXT)"]


MD = MarkdownIt("commonmark").enable("strikethrough")
MARKUP = {"link_open", "image", "html_inline", "html_block", "strong_open", "em_open", "s_open"}
HOSTILE = [
    "[Click here to sign in again](https://evil.example/login) HOSTILE",
    "![x](https://evil.example/p.png) HOSTILE",
    "**HOSTILE** $x^2$ <img src=https://evil.example/i.png> :red[HOSTILE] www.evil.example",
    "HOSTILE &lt;b&gt; `code` <https://evil.example/> ~~gone~~",
    "HOSTILE (https://evil.example/login) www.evil.example mail@evil.example",
]


def test_the_autolink_rule_sees_bare_addresses():
    assert _autolinks("see (https://evil.example) or www.evil.example, a@evil.example") == [
        "https://evil.example",
        "www.evil.example",
        "a@evil.example",
    ]


def _boundary(text: str, index: int) -> bool:
    """GFM's rule for where a bare address may start: at the start, or after a space or
    punctuation (mdast-util-gfm-autolink-literal's `previous`)."""
    if index == 0:
        return True
    before = text[index - 1]
    return before.isspace() or unicodedata.category(before)[0] in "PS"


def _autolinks(shown: str) -> list[str]:
    """Bare addresses Streamlit's GFM would turn into links in the text as shown."""
    urls = re.finditer(r"(https?://|www(?=\.))[-.\w]+", shown, re.IGNORECASE)
    emails = re.finditer(r"[-.+\w]+@[-\w]+(?:\.[-\w]+)+", shown)
    return [m.group(0) for m in [*urls, *emails] if _boundary(shown, m.start())]


def _rendered(text: str) -> tuple[set[str], str]:
    """Markup CommonMark (plus GFM's bare-address links) makes of `text`, and the plain text
    it shows (invisible word joiners dropped)."""
    tokens = [child for block in MD.parse(text) for child in (block.children or [])]
    kinds = {t.type for t in tokens} | {t.type for t in MD.parse(text)}
    shown = "".join(t.content for t in tokens if t.type == "text")
    autolinks = {"autolink"} if _autolinks(shown) else set()
    return (kinds & MARKUP) | autolinks, shown.replace(WORD_JOINER, "")


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_markdown_shows_hostile_text_literally(payload: str):
    markup, shown = _rendered(escape_markdown(payload))
    assert markup == set()
    assert shown == payload
    assert "$" not in escape_markdown(payload).replace("\\$", "")  # no LaTeX delimiter left


def _markdown_bodies(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "title", "subheader")
    return [el.value for kind in kinds for el in at.get(kind)]


@pytest.mark.parametrize("payload", [" ".join(HOSTILE)])  # one run per parameter
@pytest.mark.parametrize(
    "params",
    [
        {"claim": "{p}"},
        {"claim": "group:{p}"},
        {"claim": "region:{p}"},
        {"view": "{p}"},
        {"tab": "{p}"},
        {"sector": "{p}"},
        {"view": "brief", "chart": "{p}"},
    ],
    ids=["claim", "claim-group", "claim-region", "view", "tab", "sector", "chart"],
)
def test_hostile_link_parameters_are_shown_as_text(params: dict[str, str], payload: str):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value.format(p=payload)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    echoed = [body for body in _markdown_bodies(at) if "HOSTILE" in body]
    assert echoed, "the unknown value is named in a notice, not dropped silently"
    for body in echoed:
        markup, shown = _rendered(body)
        assert markup == set(), body
        assert payload in shown, body  # named literally, as the link held it
