"""The one schema: data/datapackage.json (Frictionless Data Package), read once.

Code takes its enums (sectors, measures, geographies) and field lists from here, so a new sector
is a schema edit, not a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.core.base.i18n import pgettext
from dashboard.core.base.paths import DATAPACKAGE


@dataclass(frozen=True)
class Field:
    """One declared column of a table."""

    name: str
    type: str
    description: str
    required: bool
    enum: tuple[str, ...] | None


@dataclass(frozen=True)
class Table:
    """One declared resource: its file, fields, keys."""

    name: str
    path: str
    title: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]
    descriptor: dict[str, Any]

    @property
    def field_names(self) -> list[str]:
        """Column names in declared order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError when undeclared)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")


def _table(descriptor: dict[str, Any]) -> Table:
    schema = descriptor["schema"]
    fields = tuple(
        Field(
            name=f["name"],
            type=f["type"],
            description=f.get("description", ""),
            required=bool(f.get("constraints", {}).get("required", False)),
            enum=tuple(f["constraints"]["enum"]) if "enum" in f.get("constraints", {}) else None,
        )
        for f in schema["fields"]
    )
    pk = schema.get("primaryKey", [])
    return Table(
        name=descriptor["name"],
        path=descriptor["path"],
        title=descriptor.get("title", descriptor["name"]),
        fields=fields,
        primary_key=tuple([pk] if isinstance(pk, str) else pk),
        foreign_keys=tuple(schema.get("foreignKeys", [])),
        descriptor=descriptor,
    )


@lru_cache(maxsize=4)
def load_package(path: Path = DATAPACKAGE) -> dict[str, Any]:
    """The datapackage descriptor as a dict."""
    with path.open(encoding="utf-8") as fh:
        return dict(json.load(fh))


def tables(path: Path = DATAPACKAGE) -> dict[str, Table]:
    """Every declared table, by name, in declared order."""
    return {r["name"]: _table(r) for r in load_package(path)["resources"]}


def table(name: str, path: Path = DATAPACKAGE) -> Table:
    """One declared table by name."""
    return tables(path)[name]


def enum(table_name: str, field_name: str, path: Path = DATAPACKAGE) -> tuple[str, ...]:
    """The allowed values of an enum field, in declared order."""
    values = table(table_name, path).field(field_name).enum
    if values is None:
        raise KeyError(f"{table_name}.{field_name} declares no enum")
    return values


def sectors() -> tuple[str, ...]:
    """Declared sectors, in display order."""
    return enum("figures", "sector")


def measures() -> tuple[str, ...]:
    """Declared measures of a claim."""
    return enum("figures", "measure")


def geographies() -> tuple[str, ...]:
    """Declared geography codes."""
    return enum("figures", "geography")


def licence_title(path: Path = DATAPACKAGE) -> str:
    """Short name of the data licence, for footers."""
    licences = load_package(path).get("licenses", [])
    return str(licences[0]["name"]) if licences else "not stated"


def field_titles(table_name: str, path: Path = DATAPACKAGE) -> dict[str, str]:
    """Each field's human title (its name when the schema gives none), by name."""
    descriptor = table(table_name, path).descriptor
    return {f["name"]: f.get("title", f["name"]) for f in descriptor["schema"]["fields"]}


def described(text: str) -> str:
    """A field's description in the run's language (the catalog's "description" context;
    scripts/babel_schema.py extracts them), as the schema writes it when not translated."""
    return pgettext("description", text) if text else ""


def dictionary_rows(table_: Table) -> list[dict[str, object]]:
    """The data dictionary of one table: field, type, required, allowed values, description
    (in the run's language)."""
    return [
        {
            "field": f.name,
            "type": f.type,
            "required": f.required,
            "allowed": ", ".join(f.enum or ()),
            "description": described(f.description),
        }
        for f in table_.fields
    ]
