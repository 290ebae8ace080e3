"""Babel extractor for data/datapackage.json: every field's title, as the downloads head their
columns, goes into the catalog with the context "column", its description with "description",
every table's title with the context "table", and the package's own title with "package"
(babel.cfg names this function)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO


def extract_titles(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """(line, 'pgettext', (context, title), comments) for each resource and field title."""
    package = json.loads(fileobj.read().decode("utf-8"))
    seen: set[str] = set()
    seen_descriptions: set[str] = set()
    if package.get("title"):  # the public edition's front page is headed by it
        yield 1, "pgettext", ("package", package["title"]), ["TRANSLATORS: the project's name"]
    if package.get("description"):  # the workbook's About sheet says what the data are
        note = "TRANSLATORS: what the data are (the workbook's About sheet)"
        yield 1, "pgettext", ("package", package["description"]), [note]
    for licence in package.get("licenses", []):
        if licence.get("title"):
            note = "TRANSLATORS: the data's licence in words (the workbook's About sheet)"
            yield 1, "pgettext", ("licence", licence["title"]), [note]
    for resource in package.get("resources", []):
        if resource.get("title"):  # the Data page's tabs and dictionary name the tables
            note = f"TRANSLATORS: table title on the Data page ({resource['name']})"
            yield 1, "pgettext", ("table", resource["title"]), [note]
        for field in resource.get("schema", {}).get("fields", []):
            title = field.get("title")
            if title and title not in seen:
                seen.add(title)
                note = (
                    f"TRANSLATORS: column title in downloads ({resource['name']}.{field['name']})"
                )
                yield 1, "pgettext", ("column", title), [note]
            description = field.get("description")
            if description and description not in seen_descriptions:
                seen_descriptions.add(description)
                note = (
                    f"TRANSLATORS: what the column {resource['name']}.{field['name']} holds (the"
                    " Data page's dictionary and column help, the workbook's dictionary); quoted"
                    " values ('seed', 'not stated') are the data's own: keep them as they are"
                )
                yield 1, "pgettext", ("description", description), [note]
