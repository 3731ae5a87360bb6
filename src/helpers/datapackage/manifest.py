"""The build manifest (data/processed/manifest.json): what the build wrote, from which inputs, by which code.

    {"figures.csv": {"rows": 30, "sha256": "…"}, …,
     "build": {"code": "…", "inputs": {"curated/figure-labels.csv": "…", …}, "key": "…"}}

* one entry per table the build wrote (rows and SHA-256 of its bytes), and nothing else: the build writes the
  manifest whole, so a table that is no longer made leaves no entry behind;
* ``build.inputs``: the SHA-256 of every input, each path relative to data/: the data package, raw/sources.json,
  every raw file it names, every resource under raw/ and curated/ (``inputs``). The build reads and checks every
  one of them through the door (schema, encoding, allowed values, foreign keys, checksums, row counts) before it
  writes anything;
* ``build.code``: the SHA-256 of the code that builds (helpers.reading, .datapackage, .language, .build and the
  top-level modules) and of the pandas and NumPy versions, which decide how numbers are written;
* ``build.key``: SHA-256 over code, inputs and every table's SHA-256, binding them together.

``current(folder)`` is true when the manifest's key is the key of the inputs and the code there are now: the tables
it lists are then byte for byte what the build makes, and every input was checked by that build. A loader may then
take a table as verified without rebuilding it, and a reader may skip the checks the build already made
(``trusted``): the guarantee is paid for once, at build time. When anything differs (an input edited, the code
changed, a table or its entry edited by hand, even with its SHA-256 re-recorded: the key then no longer binds them)
the loaders fall back to the full checks and the rebuild, whose messages name the row and the field. This guards
against edits and stale builds, not against someone who forges the key on purpose; ``python -m helpers.build
--check`` rebuilds everything and compares, whatever the manifest says.

The reads made to decide this (the manifest, the digests) are marked ``files.unrecorded``: a notebook's outputs do
not depend on them.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from helpers.datapackage import files, schema
from helpers.errors import DataError, display_path, guarded, run_main
from helpers.paths import PROCESSED

NAME = "manifest.json"
MANIFEST = PROCESSED / NAME
BUILD = "build"
SOURCES = "raw/sources.json"
CODE = ("reading", "datapackage", "language", "build")  # the subpackages that build (and their top-level modules)
TOP = ("__init__.py", "paths.py", "errors.py", "fast_start.py")
VERSIONED = ("pandas", "numpy")
_SRC = Path(__file__).resolve().parents[1]  # src/helpers
_trust = True


@contextmanager
def distrusted():
    """Inside, trust no manifest: the build checks every input itself and builds every table."""
    global _trust
    before, _trust = _trust, False
    try:
        yield
    finally:
        _trust = before


def data_dir() -> Path:
    """data/, the folder of the data package (all paths of the manifest are relative to it)."""
    return schema.package_path().parent


def inputs() -> list[str]:
    """Every input of the build, relative to data/ (see the module's docstring), sorted."""
    found = {"datapackage.json", SOURCES}
    found |= {r["path"] for r in schema.package()["resources"] if not r["path"].startswith("processed/")}
    try:
        with files.unrecorded():
            found |= {f"raw/{name}" for name in files.read_json(data_dir() / SOURCES)}
    except DataError:
        pass  # the build reports it; a manifest without the raw files cannot be current
    return sorted(found)


def code_digest() -> str:
    """SHA-256 of the building code and of the versions of the libraries that write the numbers."""
    parts = [(name, files.digest(_SRC / name)) for name in TOP]
    for package in CODE:
        parts += [(p.relative_to(_SRC).as_posix(), files.digest(p)) for p in sorted((_SRC / package).rglob("*.py"))]
    parts += _versions()
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _versions() -> list[tuple[str, str]]:
    found = []
    for dist in VERSIONED:
        try:
            found.append((dist, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            found.append((dist, "absent"))
    return found


def input_digests() -> dict[str, str]:
    root = data_dir()
    return {rel: files.digest(root / rel) for rel in inputs()}


def _key(code: str, inputs_: dict[str, str], tables: dict[str, str]) -> str:
    text = json.dumps({"code": code, "inputs": inputs_, "tables": tables}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry(text: str) -> dict:
    """A table's entry: rows (lines after the header, as the CSV reader counts them) and SHA-256 of its text."""
    rows = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    return {"rows": rows, "sha256": files.text_digest(text)}


def state() -> tuple[str, dict[str, str]]:
    """(code digest, input digests) now: the build takes them before it reads anything, so that an input changed
    while it runs is not recorded as the one it read."""
    return code_digest(), input_digests()


def make(tables: dict[str, str], stamp: bool = True, before: tuple[str, dict[str, str]] | None = None) -> dict:
    """The whole manifest for ``tables`` (file name -> CSV text), stamped with the inputs and code of ``before``
    (``state()`` taken when the build started; now, by default). ``stamp=False``: entries only, a manifest that
    vouches for nothing."""
    entries = {name: entry(text) for name, text in sorted(tables.items())}
    if not stamp:
        return entries
    code, digests = before or state()
    key = _key(code, digests, {name: e["sha256"] for name, e in entries.items()})
    return {**entries, BUILD: {"code": code, "inputs": digests, "key": key}}


def dumps(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def read(path: Path) -> dict:
    """A manifest, checked: each table's entry has whole ``rows`` and a SHA-256."""
    with files.unrecorded():
        manifest = files.read_json(path)
    for name, value in manifest.items():
        if name == BUILD:
            continue
        if not (isinstance(value, dict) and isinstance(value.get("rows"), int)
                and isinstance(value.get("sha256"), str)):
            raise DataError(path, f"the entry of {name!r} needs whole 'rows' and a 'sha256'; run `make data`",
                            field=name)
    return manifest


def check_entry(path: Path, rows: int, text: str) -> None:
    """The table is whole: its row count and SHA-256 are those the build recorded in the manifest beside it."""
    manifest = path.parent / NAME
    if not manifest.exists():
        raise DataError(path, f"no {NAME} beside it records what the build wrote; run `make data`")
    recorded = read(manifest).get(path.name)
    if recorded is None:
        raise DataError(path, f"not recorded in {display_path(manifest)}; run `make data`")
    if rows != recorded["rows"]:
        n = min(rows, recorded["rows"]) + 1
        raise DataError(path, f"{rows} rows, but the build wrote {recorded['rows']} (truncated or edited?); "
                              "run `make data`", row=n, line=n + 1)
    got = files.text_digest(text)
    if got != recorded["sha256"]:
        raise DataError(path, f"SHA-256 {got[:12]}… differs from the build's {recorded['sha256'][:12]}… "
                              "(edited after the build?); run `make data`")


def current(folder: Path = PROCESSED) -> bool:
    """The manifest in ``folder`` was written by a build from the inputs and the code there are now, and binds
    its tables' checksums (see the module's docstring). False when this process trusts no manifest."""
    if not _trust:
        return False
    with files.unrecorded():
        try:
            manifest = read(folder / NAME)
        except DataError:
            return False
        stamp = manifest.get(BUILD)
        if not isinstance(stamp, dict) or not isinstance(stamp.get("inputs"), dict):
            return False
        if stamp.get("code") != code_digest() or stamp["inputs"] != input_digests():
            return False
        tables = {name: e["sha256"] for name, e in manifest.items() if name != BUILD}
        return stamp.get("key") == _key(stamp["code"], stamp["inputs"], tables)


def trusted(path: Path) -> bool:
    """The current build vouches for ``path``: an input (under data/) that the build behind the current manifest
    read and checked, unchanged since; or a table listed, with these bytes, in a current manifest beside it. The
    door may then skip the checks that build made. False for anything else (a copy elsewhere, a test's)."""
    if not _trust:
        return False
    path = Path(path)
    with files.unrecorded():
        try:
            rel = path.resolve().relative_to(data_dir().resolve()).as_posix()
        except ValueError:
            rel = None
        if rel is not None and rel in inputs():
            return current()
        beside = path.parent / NAME
        if not beside.is_file() or not current(path.parent):
            return False
        recorded = read(beside).get(path.name)
        return isinstance(recorded, dict) and files.digest(path) == recorded["sha256"]


def describe_stale(folder: Path = PROCESSED) -> str:
    """Why the manifest is not current, in a few words (for messages)."""
    try:
        manifest = read(folder / NAME)
    except DataError as err:
        return str(err)
    stamp = manifest.get(BUILD) or {}
    if stamp.get("code") != code_digest():
        return "the building code changed since the last build"
    now = input_digests()
    changed = [rel for rel in sorted(set(now) | set(stamp.get("inputs", {})))
               if now.get(rel) != stamp.get("inputs", {}).get(rel)]
    if changed:
        return f"data/{changed[0]} changed since the last build"
    return "a table or its entry was edited after the build"


def up_to_date(folder: Path = PROCESSED) -> bool:
    """Every table the manifest lists is there with its recorded bytes, and the manifest is current: a build
    would write the same bytes again."""
    if not current(folder):
        return False
    manifest = read(folder / NAME)
    with files.unrecorded():
        return all(files.digest(folder / name) == e["sha256"] for name, e in manifest.items() if name != BUILD)


@guarded
def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.datapackage.manifest [--before-build]``: exit 0 when data/processed is up to date
    (nothing to build), 1 otherwise, with the reason; imports nothing heavy, so ``make data`` asks it first.
    ``--before-build``: bad input is left for the build to report (it says it in the same one line)."""
    before_build = "--before-build" in (sys.argv[1:] if argv is None else argv)
    try:
        schema.package()  # a broken data package is said first, in one line (the build would stop on it)
        current_ = up_to_date()
    except DataError:
        if before_build:
            return 1
        raise
    if current_:
        print("data/processed up to date (the same inputs and code as the build that wrote it)")
        return 0
    print(f"data/processed: rebuilding ({describe_stale()})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    run_main(main)
