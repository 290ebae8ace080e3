"""An amount in Ukrainian words: "588 млрд доларів США", "понад 400 млрд доларів США".

quantities.py writes a Quantity in English and calls these when the current language is
Ukrainian, so every card, axis, list and slide gets one wording. The source's hedge is kept:
a hedge word the catalog knows is given in Ukrainian (context "hedge"), any other is shown as the
source's own English words in quotation marks, never dropped or guessed.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from dashboard.core.base.i18n import NP_, ngettext, pgettext

# Scale words as Ukrainian official and statistical texts abbreviate them (тис., млн, млрд,
# трлн); after them a currency or noun takes the genitive plural ("588 млрд доларів США").
SCALES = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тис."))
# Genitive plural after a scale word; a bare number takes ngettext's forms (UNIT_FORMS).
CURRENCIES = {"USD": "доларів США", "EUR": "євро", "GBP": "фунтів стерлінгів", "UAH": "грн"}
UNITS = {"GW": "ГВт", "MW": "МВт", "km": "км", "kilometres": "км", "kilometers": "км"}
# Counted nouns: (one, few, many) as the catalog gives them; unknown nouns stay as the source's.
# The hedge words quantities.py reads (AT_LEAST, AT_MOST, APPROX, vague scales), each marked
# for the catalog with its context.
HEDGES = {
    "more than": NP_("hedge", "more than"),
    "over": NP_("hedge", "over"),
    "exceeding": NP_("hedge", "exceeding"),
    "in excess of": NP_("hedge", "in excess of"),
    "above": NP_("hedge", "above"),
    "at least": NP_("hedge", "at least"),
    "upwards of": NP_("hedge", "upwards of"),
    "no fewer than": NP_("hedge", "no fewer than"),
    "no less than": NP_("hedge", "no less than"),
    "exceeds": NP_("hedge", "exceeds"),
    "exceeded": NP_("hedge", "exceeded"),
    "almost": NP_("hedge", "almost"),
    "nearly": NP_("hedge", "nearly"),
    "close to": NP_("hedge", "close to"),
    "up to": NP_("hedge", "up to"),
    "under": NP_("hedge", "under"),
    "less than": NP_("hedge", "less than"),
    "just under": NP_("hedge", "just under"),
    "fewer than": NP_("hedge", "fewer than"),
    "no more than": NP_("hedge", "no more than"),
    "about": NP_("hedge", "about"),
    "around": NP_("hedge", "around"),
    "approximately": NP_("hedge", "approximately"),
    "roughly": NP_("hedge", "roughly"),
    "some": NP_("hedge", "some"),
    "an estimated": NP_("hedge", "an estimated"),
    "estimated": NP_("hedge", "estimated"),
    "circa": NP_("hedge", "circa"),
    "tens of": NP_("hedge", "tens of"),
    "hundreds of": NP_("hedge", "hundreds of"),
    "dozens of": NP_("hedge", "dozens of"),
    "thousands": NP_("hedge", "thousands"),
    "millions": NP_("hedge", "millions"),
    "billions": NP_("hedge", "billions"),
    "trillions": NP_("hedge", "trillions"),
}


def number(value: float) -> str:
    """A number to four significant digits, Ukrainian style: 1,2 / 1 234."""
    shown = float(f"{value:.4g}")
    return format_decimal(shown, format="#,##0.###", locale="uk")


def scaled(value: float) -> tuple[str, str]:
    """A number and its Ukrainian scale word: ('10', 'млрд'), ('950', '')."""
    for size, word in SCALES:
        if value >= size:
            return number(value / size), word
    return number(value), ""


def unit_words(unit: str, value: float, after_scale: bool) -> str:
    """The unit after a number: 'доларів США', '%', 'ГВт', 'осіб'."""
    if unit in CURRENCIES:
        if after_scale or unit in {"EUR", "UAH"}:
            return CURRENCIES[unit]
        return ngettext("US dollar", "US dollars", round(value))
    if unit == "percent":
        return "%"
    if unit in UNITS:
        return UNITS[unit]
    if unit == "count":
        return ""
    return noun(unit, value, after_scale)


def noun(unit: str, value: float, after_scale: bool) -> str:
    """A counted noun in the form its number takes (genitive plural after a scale word)."""
    count = 5 if after_scale or not float(value).is_integer() else int(value)
    forms = {
        "people": ngettext("person", "people", count),
        "persons": ngettext("person", "people", count),
        "residents": ngettext("resident", "residents", count),
        "civilians": ngettext("civilian", "civilians", count),
        "households": ngettext("household", "households", count),
        "homes": ngettext("home", "homes", count),
        "houses": ngettext("house", "houses", count),
        "buildings": ngettext("building", "buildings", count),
        "apartments": ngettext("apartment", "apartments", count),
        "drones": ngettext("drone", "drones", count),
        "missiles": ngettext("missile", "missiles", count),
        "consumers": ngettext("consumer", "consumers", count),
        "children": ngettext("child", "children", count),
        "families": ngettext("family", "families", count),
        "substations": ngettext("substation", "substations", count),
    }
    return forms.get(unit, unit)


def amount(value: float, unit: str) -> str:
    """One amount with its unit: '588 млрд доларів США', '30 %', '2 млн осіб'."""
    figure, word = scaled(value)
    words = unit_words(unit, value, after_scale=bool(word))
    if unit == "percent":
        return f"{number(value)} %"
    return " ".join(part for part in (figure, word, words) if part)


def hedge(words: str) -> str:
    """The source's hedge in Ukrainian, or its own English words quoted when the catalog has none."""
    key = words.strip().lower().split(" ... ")[0]  # "tens of ... annually": the year is said apart
    if key in HEDGES:
        return pgettext("hedge", HEDGES[key])
    return f"«{words.strip()}»" if key else ""


def per_year(flag: bool) -> str:
    """' на рік' when the source gives an annual amount."""
    return " " + pgettext("amount", "a year") if flag else ""
