"""CSV injection (OWASP): which cells a spreadsheet would run as a formula.

One rule for the check (`validate.check_formulas`) and the exports (`exports.neutralise_cell`):
a cell starting with '=', '+', '-', '@', a tab or a carriage return is a formula unless the
whole cell is a plain number ("-5", "+0.5", "-1e3"), which spreadsheets read as that number.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula(value: str) -> bool:
    """True for a cell a spreadsheet could execute (OWASP's starting characters, not a number)."""
    return value.startswith(FORMULA_START) and PLAIN_NUMBER.fullmatch(value) is None
