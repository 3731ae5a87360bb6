"""The raw files (data/raw): each read byte for byte and checked against its provenance in data/raw/sources.json.

A raw file is never edited; ``sources.json`` records where each came from (publisher, URL, dates, licence, how it
was collected), its checksum, its encoding and, for a table, its number of data rows. It is the one place for
these facts: the data package's ``sources`` name the same files by path and title only (helpers.datapackage.schema
refuses a ``hash`` there).

``sources()`` checks the file itself, each problem one line naming the entry and the field:

* every entry is an object with a ``sha256`` of 64 hex digits, an ``encoding`` Python knows (UTF-8 if absent)
  and, for a file that is a table of the data package, whole ``rows`` and the encoding the package gives it;
* every entry names a file that is in data/raw, and every file in data/raw has an entry (no provenance, no file);
* the data package's ``sources`` and the entries name the same files.

``read_raw`` refuses a file whose bytes changed (SHA-256) or that is not of its encoding; ``read_raw_table`` also
reads it through its schema and refuses a row count other than the recorded one (a table cut short whose checksum
was re-recorded still has the wrong number of rows).
"""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from helpers.datapackage import files, schema
from helpers.datapackage.csvio import read_table
from helpers.errors import DataError
from helpers.paths import RAW

SOURCES_JSON = RAW / "sources.json"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def sources() -> files.Entries:
    """Provenance of every raw file, from data/raw/sources.json, checked (see the module's docstring). Each entry
    looked up is an audit event (helpers.datapackage.files.Entries): a notebook depends on the entries it used."""
    data = files.read_json(SOURCES_JSON)
    check(data, SOURCES_JSON)
    return files.Entries(SOURCES_JSON, data)


def check(data: dict, path: Path = SOURCES_JSON) -> None:
    """The provenance file's structure and its agreement with data/raw and with the data package."""
    package = schema.package()
    tables = {r["path"][len("raw/"):]: r for r in package["resources"] if r["path"].startswith("raw/")}
    for name, meta in data.items():
        def fail(field: str, problem: str):
            raise DataError(path, f"entry {name!r}: {problem}", field=field)

        if not isinstance(meta, dict):
            fail(name, "is not an object")
        if not _HEX64.match(str(meta.get("sha256", ""))):
            fail("sha256", f"{meta.get('sha256')!r} is not a SHA-256 (64 hex digits)")
        encoding = meta.get("encoding", "utf-8")
        try:
            codecs.lookup(str(encoding))
        except LookupError:
            fail("encoding", f"{encoding!r} is not an encoding Python knows")
        if not (path.parent / name).is_file():
            fail(name, f"there is no file {name!r} in {path.parent.name}/ (remove the entry, or restore the file)")
        if name in tables:
            rows = meta.get("rows")
            if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
                fail("rows", f"a table of the data package needs its number of data rows here, not {rows!r}")
            declared = tables[name].get("encoding", "utf-8")
            if codecs.lookup(declared).name != codecs.lookup(str(encoding)).name:
                fail("encoding", f"{encoding!r}, but the data package reads it as {declared!r}")
    present = sorted(p.name for p in path.parent.iterdir() if p.is_file() and not p.name.startswith(".")
                     and p != path and not p.name.lower().startswith("readme"))
    unknown = [name for name in present if name not in data]
    if unknown:
        raise DataError(path, f"{unknown[0]!r} is in {path.parent.name}/ without a provenance entry here",
                        field=unknown[0])
    listed = {s["path"][len("raw/"):] for s in package.get("sources", [])}
    if listed and listed != set(data):
        odd = sorted(listed ^ set(data))[0]
        raise DataError(path, f"{odd!r} is in one of this file and the data package's 'sources', not in both",
                        field=odd)


def sha256(path: Path) -> str:
    return hashlib.sha256(files.read_bytes(path)).hexdigest()


def entry(path: Path) -> dict:
    """The provenance entry of a raw file; DataError when it has none."""
    meta = sources().get(Path(path).name)
    if meta is None:
        raise DataError(path, f"no provenance entry for this file in {SOURCES_JSON.name}")
    return meta


def read_raw(path: Path) -> str:
    """The text of a raw file after checking its SHA-256 and its encoding against data/raw/sources.json."""
    meta = entry(path)
    data = files.read_bytes(path)
    got = hashlib.sha256(data).hexdigest()
    if got != meta["sha256"]:
        raise DataError(path, f"SHA-256 {got[:12]}… differs from the recorded {meta['sha256'][:12]}… "
                              f"(the raw file changed; restore it byte for byte from the source)")
    return files.decode(path, data, meta.get("encoding", "utf-8"))


def read_raw_table(path: Path, resource: str) -> list[dict[str, str]]:
    """A raw table: its bytes as recorded (``read_raw``), its rows through the schema, and as many rows as
    sources.json records."""
    meta = entry(path)
    read_raw(path)
    rows = read_table(path, resource)
    if len(rows) != meta["rows"]:
        n = min(len(rows), meta["rows"]) + 1
        raise DataError(path, f"{len(rows)} data rows, but {SOURCES_JSON.name} records {meta['rows']} "
                              "(cut short, or rows added without recording them?)", row=n)
    return rows
