"""The data package (data/datapackage.json) as the one place where tables, fields and allowed values are defined.

Code asks this module for a field's allowed values instead of keeping its own copy:

    >>> "about" in allowed("figures", "qualifier")
    True
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from helpers.paths import DATAPACKAGE


@lru_cache(maxsize=1)
def package() -> dict:
    """data/datapackage.json, parsed once, with every ``enumFrom`` resolved (see ``_resolve``)."""
    return _resolve(json.loads(DATAPACKAGE.read_text(encoding="utf-8")))


def _resolve(descriptor: dict) -> dict:
    """A field may borrow the allowed values of another: ``"enumFrom": "checks.kind"`` (the curated list of checks
    takes its kinds from the processed table). The values are then written once, and copied here into the
    field's ``enum`` constraint for Frictionless. A field that borrows keeps ``enumFrom``, so that the words of
    its values (value-labels.csv) are those of the field it borrows from."""
    fields = {(r["name"], f["name"]): f for r in descriptor["resources"] for f in r["schema"]["fields"]}
    for f in fields.values():
        if "enumFrom" in f:
            source = fields.get(tuple(f["enumFrom"].split(".", 1)))
            if source is None or "enum" not in source.get("constraints", {}):
                raise KeyError(f"field {f['name']!r} borrows its values from {f['enumFrom']!r}, "
                               "which is no field with an enum")
            f.setdefault("constraints", {})["enum"] = list(source["constraints"]["enum"])
    return descriptor


def resource(name: str) -> dict:
    """The resource descriptor called ``name``; KeyError names the resources there are."""
    for res in package()["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {DATAPACKAGE.name} "
                   f"(there are: {', '.join(r['name'] for r in package()['resources'])})")


def field(resource_name: str, field_name: str) -> dict:
    """The field descriptor ``field_name`` of resource ``resource_name``."""
    for f in resource(resource_name)["schema"]["fields"]:
        if f["name"] == field_name:
            return f
    raise KeyError(f"no field {field_name!r} in resource {resource_name!r} of {DATAPACKAGE.name}")


def columns(resource_name: str) -> list[str]:
    """The resource's column names, in order."""
    return [f["name"] for f in resource(resource_name)["schema"]["fields"]]


def allowed(resource_name: str, field_name: str) -> tuple[str, ...]:
    """The values the schema allows in a field (its ``enum`` constraint), in the schema's order."""
    enum = field(resource_name, field_name).get("constraints", {}).get("enum")
    if enum is None:
        raise KeyError(f"field {field_name!r} of {resource_name!r} has no enum constraint in {DATAPACKAGE.name}")
    return tuple(enum)


def path(resource_name: str) -> Path:
    """Where the resource's file is: data/ joined with its ``path`` in the data package."""
    return DATAPACKAGE.parent / resource(resource_name)["path"]


def field_types(resource_name: str) -> dict[str, str]:
    """Each field's Table Schema type (string, integer, number, date ...)."""
    return {f["name"]: f["type"] for f in resource(resource_name)["schema"]["fields"]}
