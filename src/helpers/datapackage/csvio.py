"""Tables in and out: strict reading through the data package's schema, the build's tables written whole.

``read_table`` is the one door of every CSV and TSV under data/. It refuses what is not whole, each time with one
line that names the file, the row and the field:

* the bytes (helpers.datapackage.files): a missing or empty file, a byte-order mark, bytes that are not of the
  resource's ``encoding``;
* a header that is not the schema's (a column missing, one the schema does not know, or out of order);
* a row with more or fewer cells than the header;
* a value the schema does not allow: Frictionless validates every row (types, required, unique, patterns, enums);
* a foreign key that names nothing: each ``foreignKeys`` entry of the resource (a unit that is no unit of
  units.csv, an observation of observation-figures.csv that is not in the press file, a figure that is not in
  metrics.csv); empty optional cells name nothing and pass;
* for a table the build makes (under processed/): a row count or SHA-256 other than the manifest's
  (helpers.datapackage.manifest).

The schema checks and the foreign keys are what the build already checked for every input it read
(``python -m helpers.build`` reads every resource through here): when the current manifest vouches for a file
(``manifest.trusted``), they are not made again, so that a notebook's kernel does not pay for them; the bytes,
the header and the cell counts always are.

Writing: ``frame`` builds a table from the rows a builder made and refuses a key the schema does not describe
(a field removed from the data package is an error, not a smaller file) or a field no row gives;
``write_tables`` checks every table against its schema, then writes all of them and the manifest, whole, each
atomically, only if changed, the manifest last.
"""
from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd

from helpers.datapackage import files, schema
from helpers.datapackage import manifest as build_manifest
from helpers.datapackage.files import read_json, read_text, write_if_changed  # noqa: F401  (the one reader)
from helpers.errors import DataError
from helpers.paths import PROCESSED

MANIFEST_NAME = build_manifest.NAME
MANIFEST = PROCESSED / MANIFEST_NAME
_KEYS: dict[tuple[Path, str], tuple[tuple, frozenset]] = {}


def dialect(resource: str) -> tuple[str, int, str | None]:
    """(delimiter, csv quoting, comment character) of a resource, from its ``dialect`` in the data package."""
    described = schema.resource(resource).get("dialect", {})
    control = described.get("csv", {})
    # a quote character no text holds (U+0001) is how the data package says "no quoting" (Frictionless has no flag)
    quoting = csv.QUOTE_NONE if control.get("quoteChar") == "\u0001" else csv.QUOTE_MINIMAL
    return control.get("delimiter", ","), quoting, described.get("commentChar")


def read_table(path: Path, resource: str, *, manifest: bool | None = None) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts of strings, checked against ``resource`` of the data package (see the
    module's docstring). ``manifest`` (default: for the resources under processed/) also checks row count and
    checksum against the manifest the build wrote beside the file."""
    path = Path(path)
    rows, skipped, text = _parse(path, resource)
    if manifest is None:
        manifest = schema.resource(resource)["path"].startswith("processed/")
    if manifest:
        build_manifest.check_entry(path, len(rows), text)
    if not build_manifest.trusted(path):
        _validate(path, resource, skipped)
        check_foreign_keys(path, resource, rows, skipped)
    return rows


def _parse(path: Path, resource: str) -> tuple[list[dict[str, str]], int, str]:
    """(rows, comment lines skipped, text): the bytes decoded, the header and every row's cell count checked."""
    text = read_text(path, schema.resource(resource).get("encoding", "utf-8"))
    delimiter, quoting, comment = dialect(resource)
    skipped = 0
    if comment:
        lines = text.splitlines(keepends=True)
        while skipped < len(lines) and lines[skipped].startswith(comment):
            skipped += 1
        body = "".join(lines[skipped:])
    else:
        body = text
    try:
        cells = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, quoting=quoting, strict=True))
    except csv.Error as err:
        raise DataError(path, f"not a well-formed table: {err}") from None
    expected = schema.columns(resource)
    header = cells[0] if cells else []
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        problem = ("column missing from the header" if missing else
                   f"column not in the schema of {resource!r}" if extra else "columns out of the schema's order")
        raise DataError(path, problem, row=0, line=skipped + 1, field=(missing or extra or header)[0])
    for n, row in enumerate(cells[1:], start=1):
        if len(row) != len(header):
            raise DataError(path, f"{len(row)} cells where the header has {len(header)}", row=n,
                            line=skipped + n + 1)
    return [dict(zip(header, row)) for row in cells[1:]], skipped, text


def _validate(path: Path, resource: str, comments: int = 0) -> None:
    """Types and allowed values of every cell, by Frictionless, reported as the first error in one line (its row
    counted among the data rows, after ``comments`` comment lines and the header).

    Frictionless is imported here, when a table is validated, not with this module: a kernel whose tables the
    manifest vouches for never validates one, and its import costs about half a second."""
    import frictionless

    descriptor = {key: value for key, value in schema.resource(resource).items()
                  if key not in ("path", "sources")}
    descriptor["schema"] = {k: v for k, v in descriptor["schema"].items() if k != "foreignKeys"}  # checked below
    descriptor.update(path=path.name, name=resource)
    report = frictionless.validate(frictionless.Resource(descriptor, basepath=str(path.parent)), limit_errors=1)
    if report.valid:
        return
    error = report.tasks[0].errors[0] if report.tasks and report.tasks[0].errors else report.errors[0]
    line = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    problem = f"{error.type}: " + (f"{cell!r}: " if cell is not None else "") + error.note
    raise DataError(path, problem, row=None if line is None else line - 1 - comments, field=field, line=line)


def key_values(resource: str, fields: list[str]) -> frozenset:
    """The values of ``fields`` in the resource's file, as tuples (read through the door, once per file state)."""
    path = schema.path(resource)
    with files.unrecorded():
        state = files.digest(path)
    known = _KEYS.get((path, ",".join(fields)))
    if known and known[0] == state:
        return known[1]
    rows = read_table(path, resource)
    values = frozenset(tuple(row[f] for f in fields) for row in rows)
    _KEYS[(path, ",".join(fields))] = (state, values)
    return values


def check_foreign_keys(path: Path, resource: str, rows: list[dict[str, str]], comments: int = 0) -> None:
    """Every value of a foreign key names a row of the resource it references (see the module's docstring)."""
    for fields, target, target_fields in schema.foreign_keys(resource):
        if target == resource:
            values = frozenset(tuple(row[f] for f in target_fields) for row in rows)
        else:
            values = key_values(target, target_fields)
        for n, row in enumerate(rows, start=1):
            value = tuple(row[f] for f in fields)
            if all(v == "" for v in value) or value in values:
                continue
            shown = value[0] if len(value) == 1 else value
            raise DataError(path, f"{shown!r}: no such {'/'.join(target_fields)} in {schema.path(target).name} "
                                  f"(foreign key {resource}.{'/'.join(fields)} -> {target}.{'/'.join(target_fields)})",
                            row=n, field=fields[0], line=comments + n + 1)


def whole(value):
    """A number as the project's tables hold it: whole numbers as ``int`` (10, not 10.0), others as ``float``;
    empty (None, NaN, "") stays ``None``. Text is read as a decimal ("10" -> 10, "2.5" -> 2.5). The one rule
    that "whole numbers stay whole", for the CSVs the build writes and the tables the loaders return."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, str):
        d = Decimal(value)
    elif isinstance(value, Decimal):
        d = value
    elif pd.isna(value):
        return None
    else:
        d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def as_csv(table: pd.DataFrame) -> str:
    """The CSV text the project writes: no index, LF line ends."""
    return table.to_csv(index=False, lineterminator="\n")


def frame(rows: list[dict], resource: str) -> pd.DataFrame:
    """A table of the data package from the rows a builder made: its columns in the schema's order. A key that
    the schema does not describe (a field removed from data/datapackage.json, or misspelt in the code) or a field
    that no row gives is an error naming the data package, never a narrower or padded table."""
    columns = schema.columns(resource)
    known = set(columns)
    made: dict[str, None] = {}
    for row in rows:
        made.update(dict.fromkeys(row))
    extra = [k for k in made if k not in known]
    if extra:
        raise DataError(schema.package_path(), f"the build makes field {extra[0]!r} of {resource!r}, which the "
                                               "data package does not describe (removed from its schema?); "
                                               "describe it, or stop making it", field=f"{resource}.{extra[0]}")
    missing = [c for c in columns if rows and c not in made]
    if missing:
        raise DataError(schema.package_path(), f"field {missing[0]!r} of {resource!r} is described, but the build "
                                               "makes no such field", field=f"{resource}.{missing[0]}")
    return pd.DataFrame(rows, columns=columns)


def validate_text(text: str, resource: str, path: Path) -> None:
    """A table the build made, checked against its schema before it is written (so that kernels need not):
    DataError naming ``path``, where it was to be written."""
    with tempfile.TemporaryDirectory(prefix="helpers-check-") as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8", newline="")
        try:
            _validate(copy, resource)
        except DataError as err:
            raise DataError(path, f"the build made a table its schema refuses: {err.problem}", row=err.row,
                            field=err.field) from None


def write_tables(frames: dict[Path, pd.DataFrame], resources: dict[Path, str] | None = None, *,
                 stamp: bool = True, before: tuple[str, dict[str, str]] | None = None) -> list[Path]:
    """Write the build's tables and, in each folder, the manifest (helpers.datapackage.manifest.make), whole: a
    table no longer made leaves no entry. Each table is checked against its schema first (``resources`` maps a
    path to its resource); then every file is staged, so a failure overwrites nothing, and renamed into place,
    the manifests last. A file that already holds its text is left alone. ``stamp=False`` writes a manifest without
    the inputs and code (it then vouches for nothing); ``before``: the inputs and code when the build started
    (helpers.datapackage.manifest.state). Returns the paths written."""
    texts: dict[Path, str] = {path: as_csv(table) for path, table in frames.items()}
    for path, text in texts.items():
        if resources and path in resources:
            validate_text(text, resources[path], path)
    out: dict[Path, str] = dict(texts)
    manifests = []
    for folder in sorted({path.parent for path in texts}):
        target = folder / MANIFEST_NAME
        tables = {p.name: t for p, t in texts.items() if p.parent == folder}
        out[target] = build_manifest.dumps(build_manifest.make(tables, stamp=stamp, before=before))
        manifests.append(target)
    written = files.write_all({p: t for p, t in out.items() if p not in manifests})
    written += files.write_all({p: out[p] for p in manifests})
    return written
