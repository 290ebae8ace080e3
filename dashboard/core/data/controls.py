"""Control characters: what no cell of any table may hold, and how one is named.

A form feed (common in text extracted from PDFs) or any other C0/C1 control in a cell makes the
Excel export fail for everyone (openpyxl refuses it), the chart renderer fail on a source line,
and a line written to data/CHANGES.md split in two. No field of the schema is multi-line, so
none may hold one, not even tab, line feed or carriage return: one rule for `check`
(`validate.check_controls`), Curate and `add-source`. Seeds are documents, not cells: their line
breaks are theirs.
"""

from __future__ import annotations

import re

# C0 (U+0000-U+001F, tab, LF and CR included), DEL and C1 (U+0080-U+009F).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# What a line of data/CHANGES.md must not hold either: the controls plus the Unicode line and
# paragraph separators, which some readers also break lines at.
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NAMES = {
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x00": "NUL",
    "\x7f": "DEL",
}


def find_control(value: str) -> str | None:
    """What is wrong with a cell holding a control character, or None when it holds none."""
    found = CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    name = NAMES.get(char, "control character")
    return (
        f"holds a {name} (U+{ord(char):04X}) at character {found.start() + 1}"
        " (expected printable text on one line: Excel and the chart images cannot hold it;"
        " replace it with a space)"
    )


def one_line(text: str) -> str:
    """`text` with every control or line separator shown as its code (`\\u000a`): one line."""
    return LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
