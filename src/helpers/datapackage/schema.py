"""The data package (data/datapackage.json) as the one place where tables, fields and allowed values are defined.

Code asks this module for a field's allowed values instead of keeping its own copy:

    >>> "about" in allowed("figures", "qualifier")
    True

The descriptor is read through the one reader (helpers.datapackage.files: a missing, empty, BOM-prefixed or
malformed file is one line) and checked before anything uses it, each problem one line naming the place in the
JSON (``field 'resources[3].path'``):

* ``resources`` is a non-empty list; each resource has a unique ``name``, a ``path`` under raw/, curated/ or
  processed/ (relative, no ``..``), and a ``schema`` whose ``fields`` each have a unique ``name`` and a Table Schema
  ``type``; ``primaryKey`` and ``foreignKeys`` name fields and resources that exist; ``enumFrom`` names a field
  with an enum;
* ``sources`` lists the raw files by ``title`` and ``path``; their checksums are in data/raw/sources.json only
  (helpers.datapackage.raw), so a ``hash`` here is refused: one fact, one place.

A resource or field the code asks for that the package lacks is a ``NotInPackage`` error: one line naming the data
package (a DataError, and a KeyError for callers that look things up).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.datapackage import files
from helpers.errors import DataError
from helpers.paths import DATAPACKAGE

TYPES = ("string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
         "yearmonth", "duration", "geopoint", "geojson", "any")
FOLDERS = ("raw/", "curated/", "processed/")


class NotInPackage(DataError, KeyError):
    """The code asks for a resource or a field the data package does not describe."""

    __str__ = Exception.__str__  # one line, not KeyError's quoted repr


def package_path() -> Path:
    """data/datapackage.json (looked up when asked, so that a test can point it at a copy)."""
    return DATAPACKAGE


@lru_cache(maxsize=1)
def package() -> dict:
    """data/datapackage.json, read once through the checked door, its structure checked, every ``enumFrom``
    resolved (see ``_resolve``)."""
    path = package_path()
    descriptor = files.read_json(path)
    check(descriptor, path)
    return _resolve(descriptor, path)


def check(descriptor: dict, path: Path = DATAPACKAGE) -> None:
    """The structure the code relies on (see the module's docstring); DataError naming the place otherwise."""
    def fail(where: str, problem: str):
        raise DataError(path, problem, field=where)

    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        fail("resources", "missing or empty: the data package lists no tables")
    names: dict[str, int] = {}
    for i, res in enumerate(resources):
        at = f"resources[{i}]"
        if not isinstance(res, dict):
            fail(at, "is not an object")
        name = res.get("name")
        if not isinstance(name, str) or not name:
            fail(f"{at}.name", "missing: every resource has a name")
        if name in names:
            fail(f"{at}.name", f"{name!r} is also resources[{names[name]}]")
        names[name] = i
        where = res.get("path")
        if not isinstance(where, str) or not where:
            fail(f"{at}.path", f"missing: resource {name!r} says nowhere where its file is")
        if where.startswith("/") or ".." in Path(where).parts or not where.startswith(FOLDERS):
            fail(f"{at}.path", f"{where!r} is not a relative path under {', '.join(FOLDERS)}")
        table = res.get("schema")
        if not isinstance(table, dict):
            fail(f"{at}.schema", f"missing: resource {name!r} has no schema")
        fields = table.get("fields")
        if not isinstance(fields, list) or not fields:
            fail(f"{at}.schema.fields", f"missing or empty: resource {name!r} has no fields")
        seen = set()
        for j, f in enumerate(fields):
            fat = f"{at}.schema.fields[{j}]"
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
                fail(f"{fat}.name", f"missing: a field of {name!r} without a name")
            if f["name"] in seen:
                fail(f"{fat}.name", f"{name}.{f['name']} is described twice")
            seen.add(f["name"])
            if f.get("type", "string") not in TYPES:
                fail(f"{fat}.type", f"{f.get('type')!r} is not a Table Schema type ({', '.join(TYPES)})")
            constraints = f.get("constraints", {})
            if not isinstance(constraints, dict):
                fail(f"{fat}.constraints", "is not an object")
            if "enum" in constraints and not isinstance(constraints["enum"], list):
                fail(f"{fat}.constraints.enum", "is not a list")
        key = table.get("primaryKey", [])
        for k in [key] if isinstance(key, str) else key:
            if k not in seen:
                fail(f"{at}.schema.primaryKey", f"{k!r} is not a field of {name!r}")
    by_name = {r["name"]: r for r in resources}
    for i, res in enumerate(resources):
        for j, fk in enumerate(res["schema"].get("foreignKeys", [])):
            at = f"resources[{i}].schema.foreignKeys[{j}]"
            ref = fk.get("reference", {}) if isinstance(fk, dict) else {}
            target = by_name.get(ref.get("resource") or res["name"])
            if target is None:
                fail(f"{at}.reference.resource", f"{ref.get('resource')!r} is not a resource of the package")
            own = [f["name"] for f in res["schema"]["fields"]]
            theirs = [f["name"] for f in target["schema"]["fields"]]
            for k in _names(fk.get("fields")):
                if k not in own:
                    fail(f"{at}.fields", f"{k!r} is not a field of {res['name']!r}")
            for k in _names(ref.get("fields")):
                if k not in theirs:
                    fail(f"{at}.reference.fields", f"{k!r} is not a field of {target['name']!r}")
    for i, source in enumerate(descriptor.get("sources", [])):
        at = f"sources[{i}]"
        if not isinstance(source, dict) or not str(source.get("path", "")).startswith("raw/"):
            fail(f"{at}.path", "a source names its raw file by a path under raw/")
        if "hash" in source:
            fail(f"{at}.hash", "the checksum of a raw file is kept in raw/sources.json only (one fact, one "
                               "place): remove it here")


def _names(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _resolve(descriptor: dict, path: Path = DATAPACKAGE) -> dict:
    """A field may borrow the allowed values of another: ``"enumFrom": "checks.kind"`` (the curated list of checks
    takes its kinds from the processed table). The values are then written once, and copied here into the
    field's ``enum`` constraint for Frictionless. A field that borrows keeps ``enumFrom``, so that the words of
    its values (value-labels.csv) are those of the field it borrows from."""
    fields = {(r["name"], f["name"]): f for r in descriptor["resources"] for f in r["schema"]["fields"]}
    for (res, name), f in fields.items():
        if "enumFrom" in f:
            source = fields.get(tuple(str(f["enumFrom"]).split(".", 1)))
            if source is None or "enum" not in source.get("constraints", {}):
                raise DataError(path, f"{res}.{name} borrows its values from {f['enumFrom']!r}, which is no field "
                                      "with an enum", field="enumFrom")
            f.setdefault("constraints", {})["enum"] = list(source["constraints"]["enum"])
    return descriptor


def resource(name: str) -> dict:
    """The resource descriptor called ``name``; NotInPackage names the resources there are."""
    for res in package()["resources"]:
        if res["name"] == name:
            return res
    raise NotInPackage(package_path(), f"no resource {name!r}, which the code reads (there are: "
                                        f"{', '.join(r['name'] for r in package()['resources'])})", field="resources")


def field(resource_name: str, field_name: str) -> dict:
    """The field descriptor ``field_name`` of resource ``resource_name``."""
    for f in resource(resource_name)["schema"]["fields"]:
        if f["name"] == field_name:
            return f
    raise NotInPackage(package_path(), f"no field {field_name!r} in resource {resource_name!r}, which the code "
                                        "uses", field="resources")


def columns(resource_name: str) -> list[str]:
    """The resource's column names, in order."""
    return [f["name"] for f in resource(resource_name)["schema"]["fields"]]


def allowed(resource_name: str, field_name: str) -> tuple[str, ...]:
    """The values the schema allows in a field (its ``enum`` constraint), in the schema's order."""
    enum = field(resource_name, field_name).get("constraints", {}).get("enum")
    if enum is None:
        raise NotInPackage(package_path(), f"field {field_name!r} of {resource_name!r} has no enum constraint",
                           field="resources")
    return tuple(enum)


def ordinals(resource_name: str, field_name: str) -> tuple[str, ...]:
    """The values of a unit field that count nothing but number an event (``"ordinals": ["edition"]``: the 6th
    edition); a figure in one of them is read as an ordinal, and a figure in any other unit is not."""
    return tuple(field(resource_name, field_name).get("ordinals", ()))


def path(resource_name: str) -> Path:
    """Where the resource's file is: data/ joined with its ``path`` in the data package."""
    return package_path().parent / resource(resource_name)["path"]


def field_types(resource_name: str) -> dict[str, str]:
    """Each field's Table Schema type (string, integer, number, date ...)."""
    return {f["name"]: f.get("type", "string") for f in resource(resource_name)["schema"]["fields"]}


def foreign_keys(resource_name: str) -> list[tuple[list[str], str, list[str]]]:
    """(fields, referenced resource, referenced fields) of each ``foreignKeys`` entry of a resource."""
    out = []
    for fk in resource(resource_name)["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        out.append((_names(fk["fields"]), ref.get("resource") or resource_name, _names(ref["fields"])))
    return out
