"""The data's change log (data/CHANGES.md) read as dated entries: when the data last changed and
what changed. The file is data: its text is returned as written, for the caller to escape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# An entry starts a line: "- 2026-12-03: what changed"; indented lines continue it.
ENTRY = re.compile(r"^- (\d{4}-\d{2}-\d{2}): (.*)$")
# A sentence ends at a full stop and a space before a capital or a code span (`-09`), not at
# "CHANGES.md" or "0.01°".
SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z`])")
LATEST_SHOWN = 3  # entries shown in the app; the file holds them all
NOT_STATED = "not stated"  # no dated entry: the date is unknown, never guessed


@dataclass(frozen=True)
class ChangeEntry:
    """One dated entry of the change log, its text joined into one paragraph."""

    date: str  # YYYY-MM-DD
    text: str

    @property
    def title(self) -> str:
        """The entry's first sentence: what it is about."""
        return SENTENCE_END.split(self.text, maxsplit=1)[0]

    @property
    def details(self) -> str:
        """The entry after its first sentence; empty when it has one sentence."""
        return self.text[len(self.title) :].strip()


def parse_changes(text: str) -> list[ChangeEntry]:
    """Every dated entry of a change log, in file order; lines outside entries are skipped."""
    entries: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        start = ENTRY.match(line)
        if start:
            entries.append((start[1], [start[2].strip()]))
        elif entries and line.startswith("  ") and line.strip():
            entries[-1][1].append(line.strip())
    return [ChangeEntry(day, " ".join(parts)) for day, parts in entries]


def read_changes(path: Path) -> list[ChangeEntry]:
    """The entries of the change log at `path`; none when the file is missing."""
    if not path.is_file():
        return []
    return parse_changes(path.read_text(encoding="utf-8"))


def latest_changes(entries: list[ChangeEntry], count: int = LATEST_SHOWN) -> list[ChangeEntry]:
    """The newest entries first: every entry of the latest date, and older ones up to `count`."""
    # Entries are appended, so of one date the last in the file is the newest.
    ordered = sorted(reversed(entries), key=lambda e: e.date, reverse=True)
    if not ordered:
        return []
    newest = [e for e in ordered if e.date == ordered[0].date]
    return ordered[: max(count, len(newest))]


def data_as_of(entries: list[ChangeEntry]) -> str:
    """The date of the latest change, or 'not stated' when the log has no dated entry."""
    return max((e.date for e in entries), default=NOT_STATED)
