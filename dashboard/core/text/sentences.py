"""Sentences with exact offsets: paragraphs first (a heading is never glued to the next
paragraph), then pysbd within each paragraph, spans checked against the text."""

from __future__ import annotations

from dataclasses import dataclass

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=False)


@dataclass(frozen=True)
class Span:
    """A sentence: text == source[start:end]."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Every sentence of `text` with offsets, whitespace trimmed, in order."""
    spans: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        cursor = offset
        for piece in _SEGMENTER.segment(line) if line.strip() else []:
            piece = piece.strip()
            if not piece:
                continue
            start = text.find(piece, cursor)  # pysbd returns text, not reliable offsets
            if start == -1:
                continue
            spans.append(Span(start, start + len(piece), piece))
            cursor = start + len(piece)
        offset += len(line) + 1
    return spans


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The newline-delimited paragraph containing `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end
