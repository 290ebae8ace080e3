"""The interface in Ukrainian and English: the catalogs cover every message (a fresh extraction
equals the committed template, every message has its Ukrainian, placeholders match, plural
forms are Ukrainian's three), and numbers, money, hedges and dates read as Ukrainian writes
them."""

from __future__ import annotations

import io
import re
import string
import threading
import tokenize
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from dashboard.core.base import i18n
from dashboard.core.base.i18n import (
    CatalogError,
    _,
    format_date,
    from_accept_language,
    from_environment,
    ngettext,
    use_language,
)
from dashboard.core.base.paths import ROOT
from dashboard.core.text.quantities import format_quantity, parse_amount, short_quantity

POT = ROOT / "dashboard" / "locale" / "dashboard.pot"
PO = ROOT / "dashboard" / "locale" / "uk" / "LC_MESSAGES" / "dashboard.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "NP_": ((1, "c"), 2),
}


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[object, ...]:
    return (context, message_id if isinstance(message_id, str) else tuple(message_id))


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _fresh_extraction() -> set[tuple[object, ...]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    )
    return {_key(message, context) for _f, _l, message, _c, context in found}


def test_the_committed_template_is_a_fresh_extraction_of_the_code():
    """A string wrapped for translation (or unwrapped) without `make messages` fails here."""
    committed = {_key(m.id, m.context) for m in _read(POT) if m.id}
    fresh = _fresh_extraction()
    assert fresh - committed == set(), "in the code, not in dashboard.pot: run `make messages`"
    assert committed - fresh == set(), "in dashboard.pot, no longer in the code"


def test_every_message_has_its_ukrainian_with_three_plural_forms():
    template = {_key(m.id, m.context) for m in _read(POT) if m.id}
    catalog = _read(PO)
    assert catalog.num_plurals == 3
    held = {_key(m.id, m.context): m for m in catalog if m.id}
    assert template - set(held) == set(), "in the template, not in uk/dashboard.po"
    for key, message in held.items():
        assert not message.fuzzy, f"fuzzy in the shipped catalog: {key}"
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = 3 if isinstance(message.id, tuple) else 1
        assert len(forms) == expected, f"{key}: {len(forms)} forms"
        assert all(f.strip() for f in forms), f"no Ukrainian for {key}"


def _placeholders(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}


def test_placeholders_and_markup_match_between_english_and_ukrainian():
    for message in _read(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = _placeholders(ids[-1])
        for form in forms:
            assert _placeholders(form) == wanted, f"{message.id!r}: {form!r}"
            for token in ("<br>", "%{{x}}", "%{{y}}", "**"):
                assert form.count(token) == ids[-1].count(token), f"{message.id!r}: {token}"


def test_no_translated_literal_hides_inside_an_f_string():
    """Babel (on Python 3.11) reads an f-string as one token: a call inside is never extracted."""
    call = re.compile(r"(?<![\w.])(_|N_|NP_|pgettext|ngettext)\(\s*['\"]")
    hidden = []
    for path in (ROOT / "dashboard").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            is_f = re.match(r"(?i)[rb]*f", token.string)
            if token.type == tokenize.STRING and is_f and call.search(token.string):
                hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert hidden == []


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (1, "1 атака"),
        (2, "2 атаки"),
        (5, "5 атак"),
        (11, "11 атак"),
        (12, "12 атак"),
        (21, "21 атака"),
        (22, "22 атаки"),
        (25, "25 атак"),
        (104, "104 атаки"),
    ],
)
def test_ukrainian_plural_forms(n: int, said: str):
    with use_language("uk"):
        assert ngettext("{n} attack", "{n} attacks", n).format(n=n) == said
    assert ngettext("{n} attack", "{n} attacks", n).format(n=n).startswith(f"{n} attack")


@pytest.mark.parametrize(
    ("text", "english", "ukrainian"),
    [
        ("$588 billion", "US$588 bn", "588 млрд доларів США"),
        (
            "more than $400 billion",
            "more than US$400 bn (no upper bound)",
            "понад 400 млрд доларів США (без верхньої межі)",
        ),
        (
            "almost $1.2bn",
            "almost US$1.2 bn (no lower bound)",
            "майже 1,2 млрд доларів США (без нижньої межі)",
        ),
        (
            "tens of billions of dollars",
            "US$10 bn to US$100 bn (tens of)",
            "від 10 млрд доларів США до 100 млрд доларів США (десятки)",
        ),
        (
            "hundreds of billions of dollars annually",
            "US$100 bn to US$1 tn a year (hundreds of ... annually)",
            "від 100 млрд доларів США до 1 трлн доларів США на рік (сотні)",
        ),
    ],
)
def test_money_keeps_its_interval_and_hedge_in_each_language(
    text: str, english: str, ukrainian: str
):
    q = parse_amount(text)
    assert q is not None
    assert format_quantity(q) == english
    with use_language("uk"):
        assert format_quantity(q) == ukrainian


def test_a_hedge_the_catalog_lacks_is_shown_as_the_sources_words():
    from dashboard.core.text import ukrainian

    with use_language("uk"):
        assert ukrainian.hedge("well north of") == "«well north of»"
        assert ukrainian.hedge("exceeding") == "понад"


def test_short_amounts_and_people_in_ukrainian():
    with use_language("uk"):
        assert (
            short_quantity(parse_amount("more than $400 billion")) == "понад 400 млрд доларів США"
        )
        assert (
            short_quantity(parse_amount("millions of people")) == "мільйони (1 млн осіб або більше)"
        )


def test_dates_in_each_language():
    assert format_date("2026-02-23") == "23 February 2026"
    with use_language("uk"):
        assert format_date("2026-02-23") == "23 лютого 2026"
        assert format_date("2025-12-01") == "1 грудня 2025"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7", "uk"),
        ("en-GB,en;q=0.9,uk;q=0.8", "en"),
        ("de-DE,de;q=0.9,uk;q=0.5,en;q=0.3", "uk"),
        ("ru-RU,ru;q=0.9", "en"),
        ("", "en"),
        ("uk;q=0", "en"),
        ("*", "en"),
    ],
)
def test_the_browsers_language_chooses_the_first_language(header: str, lang: str):
    assert from_accept_language(header) == lang


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "uk_UA.UTF-8"}, "uk"),
        ({"LANGUAGE": "ru:uk:en", "LANG": "en_GB.UTF-8"}, "uk"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "uk_UA.UTF-8"}, "en"),
        ({"LC_MESSAGES": "uk_UA", "LANG": "C.UTF-8"}, "uk"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_command_lines_language_comes_from_the_environment(environ, lang):
    assert from_environment(environ) == lang


def test_the_command_line_speaks_the_asked_language_and_still_names_the_field(
    tmp_path, capsys, monkeypatch
):
    from dashboard.cli import main

    out = tmp_path / "cr.json"
    bad = ["claimreview", "--out", str(out), "--base-url", "example.org"]
    assert main([*bad, "--lang", "uk"]) == 2
    assert capsys.readouterr().err == (
        "claimreview: --base-url «example.org» — не адреса http(s) (очікується, наприклад, "
        "https://example.org/ukraine); нічого не записано\n"
    )
    monkeypatch.setenv("LANGUAGE", "uk")  # no --lang: the environment's
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("цифр: ")
    assert main(["check", "--lang", "en"]) == 0  # --lang wins over the environment
    assert capsys.readouterr().out.endswith("reference rows: all anchored\n")
    assert not out.exists()


def test_use_language_restores_the_language_and_threads_carry_their_own():
    seen: list[str] = []
    with use_language("uk"):
        assert _("Close") == "Закрити"
        worker = threading.Thread(target=lambda: seen.append(_("Close")))
        worker.start()
        worker.join()
    assert _("Close") == "Close"
    assert seen == ["Close"]  # a thread starts in English unless told (the render service is)


def test_the_render_service_draws_in_the_submitters_language():
    from dashboard.core.output.rendering import RenderService

    async def words() -> str:  # a job is a coroutine function, as a chart's render is
        return _("Close")

    service = RenderService(browsers=1, timeout=30)
    with use_language("uk"):
        future = service.submit(("words", "uk"), words)
    assert future.result(timeout=30) == "Закрити"


def test_a_broken_catalog_is_named_in_the_error(tmp_path, monkeypatch):
    (tmp_path / "uk" / "LC_MESSAGES").mkdir(parents=True)
    broken = tmp_path / "uk" / "LC_MESSAGES" / "dashboard.po"
    broken.write_text('msgid "Close"\nmsgstr "Закрити\n', encoding="utf-8")  # unclosed quote
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        with pytest.raises(CatalogError, match=re.escape(f"{broken}:2: not a catalog line")):
            i18n.translations("uk")
        broken.write_text('msgid "{n} attacks"\nmsgstr "{m} атак"\n', encoding="utf-8")
        i18n.translations.cache_clear()
        with pytest.raises(CatalogError, match=r"dashboard\.po:\d+: .* expected \['n'\]"):
            i18n.translations("uk")
        broken.unlink()
        i18n.translations.cache_clear()
        with pytest.raises(CatalogError, match="catalog missing"):
            i18n.translations("uk")
    finally:
        i18n.translations.cache_clear()
