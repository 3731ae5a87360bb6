"""CSV in and out: strict reading through the data package's schema, atomic writing, and the build manifest.

Reading refuses what is not whole, each time with one line that names the file, the row and the field: a missing or
empty file, a byte-order mark, bytes that are not UTF-8, a header that is not the schema's, a value the schema does
not allow (Frictionless validates every row against ``data/datapackage.json``), and, for processed files, a file
whose row count or checksum differs from what the build recorded in the ``manifest.json`` beside it (a truncated
or hand-edited table).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd

from helpers.datapackage import schema
from helpers.errors import DataError, display_path
from helpers.paths import PROCESSED

MANIFEST_NAME = "manifest.json"
MANIFEST = PROCESSED / MANIFEST_NAME
_BOM = b"\xef\xbb\xbf"


def read_text(path: Path) -> str:
    """A file's text, refusing a missing or empty file, a byte-order mark and bytes that are not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except OSError as err:
        raise DataError(path, f"cannot be read ({err.strerror})") from None
    if not data.strip():
        raise DataError(path, "the file is empty")
    if data.startswith(_BOM):
        raise DataError(path, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", row=0, line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DataError(path, f"byte 0x{data[err.start]:02x} at offset {err.start} is not UTF-8",
                        row=line - 1, line=line) from None


def read_json(path: Path) -> dict:
    """A JSON file, with a one-line error naming the line of a syntax error."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(path, f"malformed JSON: {err.msg} (column {err.colno})", line=err.lineno) from None


def dialect(resource: str) -> tuple[str, int, str | None]:
    """(delimiter, csv quoting, comment character) of a resource, from its ``dialect`` in the data package."""
    described = schema.resource(resource).get("dialect", {})
    control = described.get("csv", {})
    # a quote character no text holds (U+0001) is how the data package says "no quoting" (Frictionless has no flag)
    quoting = csv.QUOTE_NONE if control.get("quoteChar") == "\u0001" else csv.QUOTE_MINIMAL
    return control.get("delimiter", ","), quoting, described.get("commentChar")


def read_table(path: Path, resource: str, *, manifest: bool | None = None) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts of strings, validated against ``resource`` of the data package.

    The delimiter, quoting and comment lines are the resource's ``dialect``. ``manifest`` (default: for the
    resources the build makes, under processed/ in the data package) also checks row count and checksum against
    the manifest the build wrote beside the file.
    """
    text = read_text(path)
    delimiter, quoting, comment = dialect(resource)
    skipped = 0
    if comment:
        lines = text.splitlines(keepends=True)
        while skipped < len(lines) and lines[skipped].startswith(comment):
            skipped += 1
        body = "".join(lines[skipped:])
    else:
        body = text
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, quoting=quoting))
    expected = schema.columns(resource)
    header = rows[0] if rows else []
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        problem = ("column missing from the header" if missing else
                   f"column not in the schema of {resource!r}" if extra else "columns out of the schema's order")
        raise DataError(path, problem, row=0, line=skipped + 1, field=(missing or extra or header)[0])
    if manifest is None:
        manifest = schema.resource(resource)["path"].startswith("processed/")
    if manifest:
        check_manifest(path, len(rows) - 1, text)
    for n, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise DataError(path, f"{len(row)} cells where the header has {len(header)}", row=n,
                            line=skipped + n + 1)
    _validate(path, resource, skipped)
    return [dict(zip(header, row)) for row in rows[1:]]


def _validate(path: Path, resource: str, comments: int = 0) -> None:
    """Types and allowed values of every cell, by Frictionless, reported as the first error in one line (its row
    counted among the data rows, after ``comments`` comment lines and the header)."""
    descriptor = {key: value for key, value in schema.resource(resource).items() if key != "path"}
    descriptor.update(path=path.name, name=resource)
    report = frictionless.validate(frictionless.Resource(descriptor, basepath=str(path.parent)), limit_errors=1)
    if report.valid:
        return
    error = report.tasks[0].errors[0]
    line = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    problem = f"{error.type}: " + (f"{cell!r}: " if cell is not None else "") + error.note
    raise DataError(path, problem, row=None if line is None else line - 1 - comments, field=field, line=line)


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


def write_tables(frames: dict[Path, pd.DataFrame], manifest: bool = True) -> None:
    """Write several tables at once, and each folder's manifest (file name -> rows and SHA-256): all go to temporary
    files first, so a failure overwrites nothing; then each replaces its file."""
    texts = {path: as_csv(frame) for path, frame in frames.items()}
    if manifest:
        for folder in sorted({path.parent for path in texts}):
            target = folder / MANIFEST_NAME
            entries = read_json(target) if target.exists() else {}
            entries.update({path.name: _entry(text) for path, text in texts.items() if path.parent == folder})
            texts[target] = json.dumps(dict(sorted(entries.items())), indent=2, ensure_ascii=False) + "\n"
    temporary = {}
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary[path] = tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8", newline="")
    except BaseException:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)
        raise
    for path, tmp in temporary.items():
        tmp.replace(path)


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless the file already holds it (its mtime then stays: a later step has nothing
    to re-read). The write is atomic: a temporary file beside it, then a rename, so a killed process leaves the old
    file or the new one, never half of one. True when the file was written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def _entry(text: str) -> dict:
    rows = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    return {"rows": rows, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def manifest_entries(tables: dict[Path, pd.DataFrame]) -> dict[str, dict]:
    """The manifest entries the build records for ``tables`` (file name -> rows and SHA-256 of the CSV text)."""
    return {path.name: _entry(as_csv(frame)) for path, frame in tables.items()}


def check_manifest(path: Path, rows: int, text: str) -> None:
    """The file is whole: its row count and checksum are those the build recorded in the manifest beside it."""
    manifest = path.parent / MANIFEST_NAME
    if not manifest.exists():
        raise DataError(path, f"no {MANIFEST_NAME} beside it records what the build wrote; run `make data`")
    entry = read_json(manifest).get(path.name)
    if entry is None:
        raise DataError(path, f"not recorded in {display_path(manifest)}; run `make data`")
    if rows != entry["rows"]:
        raise DataError(path, f"{rows} rows, but the build wrote {entry['rows']} (truncated or edited?); "
                              "run `make data`", row=min(rows, entry["rows"]) + 1, line=min(rows, entry["rows"]) + 2)
    got = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if got != entry["sha256"]:
        raise DataError(path, f"SHA-256 {got[:12]}… differs from the build's {entry['sha256'][:12]}… "
                              "(edited after the build?); run `make data`")
