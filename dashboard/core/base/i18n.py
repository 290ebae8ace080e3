"""The interface's language: gettext catalogs read with Babel, and numbers, money and dates
written in each language's conventions ("588 млрд доларів США", "23 лютого 2026").

The current language is a context variable, so a Streamlit script run, a render thread and a CLI
call each carry their own. The UI sets it at the start of every run (ui/language.py) and gives a
fallback for runs that skip the entry script (a fragment's rerun). Catalogs are
dashboard/locale/<lang>/LC_MESSAGES/dashboard.po, compiled to .mo at install (`make install`);
a missing or stale .mo is compiled from the .po in memory, and a broken catalog raises
CatalogError naming the file.

Only the interface is translated: quotes, organisation names and source titles stay verbatim.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.core import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.support import Translations

LANGUAGES = ("en", "uk")  # English first: the source documents' language and the default
DEFAULT = "en"
LANGUAGE_NAMES = {"en": "English", "uk": "Українська"}
DOMAIN = "dashboard"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"

_current: ContextVar[str | None] = ContextVar("dashboard_language", default=None)
# Where the language comes from when no context set it (the UI's session state): a callable so
# that core never imports Streamlit.
_fallback: list[Callable[[], str | None]] = []


class CatalogError(RuntimeError):
    """A translation catalog that cannot be read: names the file and what is wrong."""


def normalise(lang: str | None) -> str | None:
    """'uk', 'uk-UA', 'UK_ua' -> 'uk'; an unsupported or empty tag -> None."""
    if not lang:
        return None
    tag = str(lang).strip().replace("_", "-").split("-")[0].lower()
    return tag if tag in LANGUAGES else None


def from_accept_language(header: str | None) -> str:
    """The supported language a browser's Accept-Language prefers most; English when none."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        lang = normalise(tag)
        if lang and weight > 0:
            choices.append((-weight, index, lang))
    return min(choices)[2] if choices else DEFAULT


def from_environment(environ: Mapping[str, str]) -> str:
    """The language a command line asks for, as gettext reads it: LANGUAGE's first supported
    entry, else LC_ALL, LC_MESSAGES, LANG ('uk_UA.UTF-8' -> 'uk'); English when none is."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in environ.get(name, "").split(":"):
            if lang := normalise(tag.split(".")[0]):
                return lang
    return DEFAULT


def current_language() -> str:
    """The language of this run: the context's, else the UI's fallback, else English."""
    lang = _current.get()
    if lang is None and _fallback:
        lang = normalise(_fallback[0]())
    return lang or DEFAULT


def set_language(lang: str | None) -> str:
    """Set this context's language (a Streamlit run sets it once at its start); returns it."""
    chosen = normalise(lang) or DEFAULT
    _current.set(chosen)
    return chosen


def set_fallback(resolver: Callable[[], str | None]) -> None:
    """Where the language comes from in a context that did not set it (one resolver)."""
    _fallback[:] = [resolver]


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Run a block in `lang` (a deck in Ukrainian, a render job), restoring the language after."""
    token = _current.set(normalise(lang) or DEFAULT)
    try:
        yield current_language()
    finally:
        _current.reset(token)


def catalog_path(lang: str, suffix: str = "po") -> Path:
    """The catalog file of `lang` ('po' as kept in git, 'mo' as compiled)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (English is the source: no catalog)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    po, mo = catalog_path(lang, "po"), catalog_path(lang, "mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        try:
            with mo.open("rb") as handle:
                return Translations(handle, domain=DOMAIN)
        except Exception as err:  # gettext raises OSError, struct.error, UnicodeDecodeError...
            raise CatalogError(f"{mo}: not a readable gettext catalog ({err})") from err
    return _compile(po)


def _compile(po: Path) -> Translations:
    """Compile a .po in memory (a checkout not installed since the catalog changed)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    if not po.exists():
        raise CatalogError(f"{po}: catalog missing (run `make install` or restore the file)")
    try:
        _check_lines(po, po.read_text(encoding="utf-8"))
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as err:
        raise CatalogError(f"{po}: {err}") from err
    for message in catalog:
        _check_placeholders(po, message)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# A .po line Babel's reader would take whole: a keyword and a quoted string, a continued
# string, a comment or nothing. Babel forgives an unclosed quote by dropping a character.
_PO_LINE = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$|^#|^\s*$'
)


def _check_lines(po: Path, text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if not _PO_LINE.match(line):
            raise CatalogError(
                f"{po}:{number}: not a catalog line (a quote unclosed?): {line[:60]}"
            )


def _check_placeholders(po: Path, message: object) -> None:
    """Each translation names the same {placeholders} as its English: a wrong one would raise
    (or drop a figure) when the page formats it."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)  # type: ignore[attr-defined]
    forms = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
    wanted = _names(ids[-1])
    for form in forms:
        if form and _names(form) != wanted:
            where = f"{po}:{message.lineno}"  # type: ignore[attr-defined]
            raise CatalogError(
                f"{where}: {form!r} names {sorted(_names(form))}, expected {sorted(wanted)}"
            )


def _names(text: str) -> set[str]:
    try:
        return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}
    except ValueError:  # an unbalanced brace: nothing the page could format
        return {"<unbalanced brace>"}


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(current_language()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where `context` tells apart a word used two ways."""
    return translations(current_language()).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (Ukrainian has three: 1 атака, 2 атаки, 5 атак)."""
    return translations(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; `_()` translates it where it is shown."""
    return message


def locale() -> Locale:
    """Babel's locale for the current language."""
    return Locale.parse(current_language())


def format_number(value: float, digits: int = 4) -> str:
    """A number as the language writes it, to `digits` significant digits: 1,234.5 / 1 234,5."""
    pattern = "#,##0." + "#" * max(0, digits - len(str(int(abs(value)))))
    return format_decimal(float(f"{value:.{digits}g}"), format=pattern, locale=locale())


def format_integer(value: int) -> str:
    """A count as the language writes it: 1,000,000 / 1 000 000."""
    return format_decimal(int(value), locale=locale())


def format_decimal_places(value: float, places: int) -> str:
    """A number to exactly `places` decimals as the language writes it: 6.6 / 6,6."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(round(float(value), places), format=pattern, locale=locale())


def format_date(value: date | datetime | str, pattern: str = "d MMMM y") -> str:
    """A date as the language writes it: '23 February 2026' / '23 лютого 2026' (`pattern` is
    CLDR's: "LLL y" gives 'Feb 2026' / 'лют. 2026').

    A pattern, not CLDR's "long" form: its Ukrainian form appends "р." and its English one puts
    the month first; the app has always written day, month, year."""
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return _babel_date(day, format=pattern, locale=locale())


def NP_(context: str, message: str) -> str:
    """Mark a message with its context for extraction; `pgettext` translates it where shown."""
    return message


class Messages(Mapping[str, str]):
    """A table of messages marked with N_ (or NP_ with `context`), read in the current language:
    a module-level table of labels that still follows the language of each run."""

    def __init__(self, table: dict[str, str], context: str | None = None) -> None:
        self._table = table
        self._context = context

    def __getitem__(self, key: str) -> str:
        message = self._table[key]
        return pgettext(self._context, message) if self._context else _(message)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def keyed(version: str) -> str:
    """A cache key for text rendered in the current language: the data version and the language
    (every cache of words, figures or files is keyed by both)."""
    return f"{version}|{current_language()}"
