"""Babel extractor for data/datapackage.json: every field's title, as the downloads head their
columns, goes into the catalog with the context "column" (babel.cfg names this function)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO


def extract_titles(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """(line, 'pgettext', ('column', title), comments) for each field title of each resource."""
    package = json.loads(fileobj.read().decode("utf-8"))
    seen: set[str] = set()
    for resource in package.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            title = field.get("title")
            if title and title not in seen:
                seen.add(title)
                note = (
                    f"TRANSLATORS: column title in downloads ({resource['name']}.{field['name']})"
                )
                yield 1, "pgettext", ("column", title), [note]
