"""The data package (data/datapackage.json) as the one place where tables, fields and allowed values are defined.

Code asks this module for a field's allowed values instead of keeping its own copy:

    >>> "about" in allowed("figures", "qualifier")
    True
"""
from __future__ import annotations

import json
from functools import lru_cache

from .paths import DATAPACKAGE


@lru_cache(maxsize=1)
def package() -> dict:
    """data/datapackage.json, parsed once."""
    return json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


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
