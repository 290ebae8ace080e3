"""Identical parts of many figures sent once: a pool of JSON values and the figures with
references into it (the Map page's date windows share their geometry and most of their layout).

A value (list or object) whose JSON is at least MIN_CHARS long is put in the pool once, keyed by
its JSON text, and replaced by `{"$p": index}`; its own parts are pooled first, so a figure that
differs from another in one colour still shares every coordinate list with it. The browser
rebuilds a figure with `resolve` (ui/maplive.js), fresh objects each time (plotly.js changes
what it is given).
"""

from __future__ import annotations

import json
from typing import Any

REF = "$p"  # the one key of a reference; plotly's JSON never has a key starting with "$"
# Below this a reference (about 12 characters) and the pool's entry would save little.
MIN_CHARS = 120


def _text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Pool:
    """The parts pooled so far, in the order first seen; `add` returns a value to send."""

    def __init__(self, min_chars: int = MIN_CHARS) -> None:
        self.parts: list[Any] = []
        self._index: dict[str, int] = {}
        self._min = min_chars

    def add(self, value: Any) -> Any:
        """`value` with its large parts (itself included) replaced by references."""
        if isinstance(value, dict):
            value = {k: self.add(v) for k, v in value.items()}
        elif isinstance(value, list):
            value = [self.add(v) for v in value]
        else:
            return value
        text = _text(value)
        if len(text) < self._min:
            return value
        at = self._index.get(text)
        if at is None:
            at = self._index[text] = len(self.parts)
            self.parts.append(value)
        return {REF: at}


def resolve(value: Any, parts: list[Any]) -> Any:
    """The value with every reference replaced by its part, recursively (as maplive.js does)."""
    if isinstance(value, dict):
        if len(value) == 1 and REF in value:
            return resolve(parts[value[REF]], parts)
        return {k: resolve(v, parts) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, parts) for v in value]
    return value


def referenced(value: Any, parts: list[Any]) -> set[int]:
    """The indices of the parts `value` refers to, directly or through other parts."""
    found: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if len(item) == 1 and REF in item:
                at = item[REF]
                if at not in found:
                    found.add(at)
                    stack.append(parts[at])
                continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
    return found


def sparse(parts: list[Any], value: Any) -> list[Any]:
    """The parts `value` refers to, at their indices, None in place of the others (a send of
    some of the values of a pool carries only what they need)."""
    needed = referenced(value, parts)
    last = max(needed, default=-1)
    return [part if at in needed else None for at, part in enumerate(parts[: last + 1])]
