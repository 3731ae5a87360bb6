"""The attacks of issue 17, replayed: each damages a temporary copy of the repository's data (or a notebook) and
asserts one clear line (naming the file, and the row or field where there is one; a non-zero status; nothing
overwritten) or the correct result.

Every attack is a row of ATTACKS: what it does to the copy, the command it runs there, and the line expected (a
regular expression) or a check of the correct result. The commands run in this process (``python -m
helpers.build``'s ``main``, the loaders, execute's and the site's ``main``) on the copy: ``repoint`` points every
path of the helpers that lies under data/ (module constants and default arguments) at the copy and empties the
caches, as if the project lived there. A few attacks need a process of their own (an error while the modules are
imported, Ctrl-C, a kill): those run ``python -m ...`` on a copy of src/ and data/.

``benchmarks/red_team.py`` runs the same attacks, each in its own process, on any checkout, and prints the tally.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import importlib
import json
import pkgutil
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from helpers.paths import ROOT

DATA = ROOT / "data"
NOTEBOOK = "07-key-figures.ipynb"  # one of the quickest notebooks


# --- the copy and the helpers pointed at it ------------------------------------------------------------------------

def copy_project(target: Path, notebooks: bool = False, src: bool = False) -> Path:
    """data/ (and notebooks/, src/) copied into ``target``, which then stands for the repository."""
    shutil.copytree(DATA, target / "data")
    if notebooks:
        shutil.copytree(ROOT / "notebooks", target / "notebooks")
    if src:
        shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return target


def _moved(value, new_root: Path):
    if isinstance(value, Path) and value.is_absolute():
        for folder in ("data", "notebooks"):
            try:
                return new_root / folder / value.relative_to(ROOT / folder)
            except ValueError:
                continue
    return None


def _functions(value, module_name: str):
    if isinstance(value, type) and value.__module__ == module_name:
        for member in vars(value).values():
            yield from _functions(getattr(member, "__func__", getattr(member, "func", member)), module_name)
    elif callable(value) and getattr(value, "__module__", None) == module_name:
        yield getattr(value, "__wrapped__", value)


def _caches() -> list:
    found = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("helpers.") or name.startswith("helpers.reading"):
            continue
        for value in list(vars(module).values()):
            if hasattr(value, "cache_clear") and getattr(value, "__module__", None) == name:
                found.append(value)
    return found


@functools.lru_cache(maxsize=1)
def import_all() -> None:
    """Every module of helpers, imported before any path is repointed: a module imported later would copy a
    repointed constant of another (``from helpers.paths import CURATED``) and keep it after the test."""
    import helpers
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


def repoint(monkeypatch, new_root: Path) -> Callable[[], None]:
    """Every path of a helpers module under data/ or notebooks/ (a module's constant, a function's default) now
    under ``new_root``; every cache of the data emptied, now and by the function returned (call it at the end)."""
    import_all()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "helpers" or name.startswith("helpers.")):
            continue
        for attr, value in list(vars(module).items()):
            moved = _moved(value, new_root)
            if moved is not None:
                monkeypatch.setattr(module, attr, moved)
                continue
            for func in _functions(value, name):
                defaults = getattr(func, "__defaults__", None)
                if defaults and any(_moved(d, new_root) for d in defaults):
                    monkeypatch.setattr(func, "__defaults__", tuple(_moved(d, new_root) or d for d in defaults))
                kwdefaults = getattr(func, "__kwdefaults__", None)
                if kwdefaults and any(_moved(d, new_root) for d in kwdefaults.values()):
                    monkeypatch.setattr(func, "__kwdefaults__",
                                        {k: _moved(d, new_root) or d for k, d in kwdefaults.items()})
    caches = _caches()
    for cache in caches:
        cache.cache_clear()

    def clear() -> None:  # called before the paths are restored: nothing cached from the copy outlives the test
        for cache in caches:
            cache.cache_clear()
    return clear


# --- ways to damage a file -----------------------------------------------------------------------------------------

def rerecord(root: Path, name: str, **fields) -> None:
    """Record a raw file's new checksum (and ``fields``) in the copy's sources.json, as an attacker would."""
    path = root / "data" / "raw" / "sources.json"
    sources = json.loads(path.read_text(encoding="utf-8"))
    raw = root / "data" / "raw" / name
    if raw.exists():
        sources[name]["sha256"] = hashlib.sha256(raw.read_bytes()).hexdigest()
    sources[name].update(fields)
    path.write_text(json.dumps(sources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def tsv_lines(root: Path, name: str = "press-coverage.tsv") -> tuple[Path, list[str]]:
    path = root / "data" / "raw" / name
    return path, path.read_text(encoding="utf-8").split("\n")


def edit_press(root: Path, edit: Callable[[list[list[str]]], None], record: bool = True) -> None:
    """Edit the press file's rows (lists of cells, header first) and, as an attacker would, re-record its checksum."""
    path, lines = tsv_lines(root)
    rows = [line.split("\t") for line in lines if line]
    edit(rows)
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    if record:
        rerecord(root, path.name)


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def edit_csv(root: Path, rel: str, edit: Callable[[list[list[str]]], None]) -> None:
    path = root / "data" / rel
    rows = csv_rows(path)
    edit(rows)
    write_rows(path, rows)


def set_cell(rows: list[list[str]], key: str, column: str, value: str) -> None:
    header = rows[0]
    for row in rows[1:]:
        if row[0] == key:
            row[header.index(column)] = value
            return
    raise AssertionError(f"no row {key!r}")


def edit_package(root: Path, edit: Callable[[dict], None]) -> None:
    path = root / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    edit(package)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def drop_field(package: dict, res: str, field: str) -> None:
    table = resource(package, res)["schema"]
    table["fields"] = [f for f in table["fields"] if f["name"] != field]


def write(root: Path, rel: str, data: bytes | str) -> None:
    path = root / rel
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def reencode(root: Path, rel: str, encoding: str) -> None:
    path = root / rel
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))


def record_table(root: Path, name: str) -> None:
    """Record a hand-edited processed table in the copy's manifest (rows and SHA-256), as a user might."""
    from helpers.datapackage.manifest import entry
    folder = root / "data" / "processed"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest[name] = entry((folder / name).read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def processed_cell(root: Path, name: str, key: str, column: str, value: str, record: bool = True) -> None:
    edit_csv(root, f"processed/{name}", lambda rows: set_cell(rows, key, column, value))
    if record:
        record_table(root, name)


def empty_notebook(root: Path) -> None:
    write(root, f"notebooks/{NOTEBOOK}", b"")


# --- the attacks ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Attack:
    id: str
    damage: Callable[[Path], None]
    run: str  # "build", "load <resource>", "execute", "site"
    expect: str | None = None  # the one line (regular expression); None: the command succeeds
    check: Callable[[Path], None] | None = None  # the correct result, when the command succeeds
    notebooks: bool = False


def _press_has(obs: str):
    def check(root: Path) -> None:
        text = (root / "data" / "processed" / "observations.csv").read_text(encoding="utf-8")
        assert f"\n{obs}," in text, f"{obs} is an observation of the build"
    return check


def _manifest_pruned(root: Path) -> None:
    manifest = json.loads((root / "data" / "processed" / "manifest.json").read_text(encoding="utf-8"))
    assert "old-table.csv" not in manifest and "processed/figures.csv" not in manifest
    assert sorted(k for k in manifest if k != "build") == sorted(
        p.name for p in (root / "data" / "processed").glob("*.csv"))


def _rename_obs(rows, old, new):
    for row in rows:
        if row[0] == old:
            row[0] = new


# What sources.json records of the press file, read from the project (not typed here): the counts the attacks
# below break.
PRESS_ROWS = json.loads((ROOT / "data" / "raw" / "sources.json").read_text(encoding="utf-8"))["press-coverage.tsv"]
RECORDED = PRESS_ROWS["rows"]


def _data_rows(relative: str) -> int:
    """How many data rows a table of the project holds now (the attacks' expected row numbers follow the data)."""
    with open(ROOT / "data" / relative, encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


MOVED = _data_rows("curated/observation-figures.csv")
OBSERVATIONS = _data_rows("processed/observations.csv")


def _move_year(rows, old: str, new: str) -> None:
    """The first row of report year *old* given to report year *new*: the total stays, the years' counts do not."""
    column = rows[0].index("report_year")
    next(row for row in rows[1:] if row[column] == old)[column] = new


def _add_raw_file(root: Path) -> None:
    write(root, "data/raw/new-source.txt", "نص جديد\n")


ATTACKS = [
    # --- the raw files and their provenance -------------------------------------------------------------------
    Attack("press cut to its header line, checksum re-recorded",
           lambda r: edit_press(r, lambda rows: rows.__delitem__(slice(1, None))), "build",
           rf"press-coverage\.tsv: row 1: 0 data rows, but sources\.json records {RECORDED}"),
    Attack("press rows dropped, checksum re-recorded",
           lambda r: edit_press(r, lambda rows: rows.__delitem__(slice(-5, None))), "build",
           rf"press-coverage\.tsv: row {RECORDED - 4}: {RECORDED - 5} data rows, but sources\.json records {RECORDED}"),
    Attack("a press row moved to another report year, checksum re-recorded",
           lambda r: edit_press(r, lambda rows: _move_year(rows, "2021", "2020")), "build",
           r"press-coverage\.tsv: field 'report_year': \d+ rows of report year 20\d\d, but sources\.json records \d+"),
    Attack("press file edited, checksum not re-recorded",
           lambda r: write(r, "data/raw/press-coverage.tsv", (r / "data/raw/press-coverage.tsv").read_bytes() + b" "),
           "build", r"press-coverage\.tsv: SHA-256 \w+… differs from the recorded"),
    Attack("press file in Latin-1, checksum re-recorded",
           lambda r: (reencode(r, "data/raw/press-coverage.tsv", "latin-1"), rerecord(r, "press-coverage.tsv")),
           "build", r"press-coverage\.tsv: row \d+ \(line \d+\): byte 0x\w\w at offset \d+ is not UTF-8"),
    Attack("press file in Windows-1256, checksum re-recorded",
           lambda r: (reencode(r, "data/raw/press-coverage.tsv", "cp1256"), rerecord(r, "press-coverage.tsv")),
           "build", r"press-coverage\.tsv: row \d+ \(line \d+\): byte 0x\w\w at offset \d+ is not UTF-8"),
    Attack("press file with a byte-order mark, checksum re-recorded",
           lambda r: (write(r, "data/raw/press-coverage.tsv", b"\xef\xbb\xbf" + (r / "data/raw/press-coverage.tsv")
                            .read_bytes()), rerecord(r, "press-coverage.tsv")),
           "build", r"press-coverage\.tsv: row 0 \(line 1\): starts with a UTF-8 byte-order mark"),
    Attack("press id past 9,999 (o10000)",
           lambda r: edit_press(r, lambda rows: _rename_obs(rows, "o1273", "o10000")), "build",
           check=_press_has("o10000")),
    Attack("press id that is no id",
           lambda r: edit_press(r, lambda rows: _rename_obs(rows, "o0010", "x0010")), "build",
           r"press-coverage\.tsv: row 10 \(line 11\), field 'obs': constraint-error: 'x0010'"),
    Attack("press id twice",
           lambda r: edit_press(r, lambda rows: _rename_obs(rows, "o0011", "o0010")), "build",
           r"press-coverage\.tsv: row 11 \(line 12\), field 'obs': .*unique"),
    Attack("press figure text not in its quote",
           lambda r: edit_press(r, lambda rows: rows[5].__setitem__(9, "123456789")), "build",
           r"press-coverage\.tsv: row 5 \(line 6\), field 'figure_text': o0005: the figure text '123456789' "
           r"is not in the quote"),
    Attack("press column added",
           lambda r: edit_press(r, lambda rows: [row.append("x") for row in rows]), "build",
           r"press-coverage\.tsv: row 0 \(line 1\), field 'x': column not in the schema"),
    Attack("sources.json malformed", lambda r: write(r, "data/raw/sources.json", '{"a": 1,'), "build",
           r"data/raw/sources\.json: line 1: malformed JSON"),
    Attack("sources.json empty", lambda r: write(r, "data/raw/sources.json", ""), "build",
           r"data/raw/sources\.json: the file is empty"),
    Attack("sources.json missing", lambda r: (r / "data/raw/sources.json").unlink(), "build",
           r"data/raw/sources\.json: file not found"),
    Attack("sources.json without the press file's rows",
           lambda r: rerecord(r, "press-coverage.tsv", rows=None), "build",
           r"data/raw/sources\.json: field 'rows': entry 'press-coverage\.tsv': a table of the data package needs "
           r"its number of data rows"),
    Attack("sources.json with an entry for a file that is gone",
           lambda r: (r / "data/raw/secondary-figures.tsv").unlink(), "build",
           r"data/raw/sources\.json: field 'secondary-figures\.tsv': entry 'secondary-figures\.tsv': there is no "
           r"file"),
    Attack("sources.json with a checksum that is no checksum",
           lambda r: rerecord(r, "press-coverage.tsv", sha256="abc"), "build",
           r"data/raw/sources\.json: field 'sha256': entry 'press-coverage\.tsv': 'abc' is not a SHA-256"),
    Attack("a raw file without provenance", _add_raw_file, "build",
           r"data/raw/sources\.json: field 'new-source\.txt': 'new-source\.txt' is in raw/ without a provenance "
           r"entry"),
    Attack("a checksum copied into the data package's sources",
           lambda r: edit_package(r, lambda p: p["sources"][0].__setitem__("hash", "sha256:" + "0" * 64)), "build",
           r"data/datapackage\.json: field 'sources\[0\]\.hash': the checksum of a raw file is kept in "
           r"raw/sources\.json only"),
    Attack("the article edited",
           lambda r: write(r, "data/raw/dgsn-2025-security-communication.ar.txt",
                           (r / "data/raw/dgsn-2025-security-communication.ar.txt").read_bytes() + b"!"),
           "build", r"dgsn-2025-security-communication\.ar\.txt: SHA-256 \w+… differs from the recorded"),
    Attack("the article in Windows-1256, checksum re-recorded",
           lambda r: (reencode(r, "data/raw/dgsn-2025-security-communication.ar.txt", "cp1256"),
                      rerecord(r, "dgsn-2025-security-communication.ar.txt")),
           "build", r"dgsn-2025-security-communication\.ar\.txt: row 0 \(line 1\): byte 0x\w\w at offset 0 is not "
                    r"UTF-8"),
    # --- the curated files ------------------------------------------------------------------------------------
    Attack("a figure's unit changed to another valid one (visitors to edition)",
           lambda r: edit_csv(r, "curated/figure-labels.csv",
                              lambda rows: set_cell(rows, "open_days.visitors", "unit", "edition")), "build",
           r"figure-labels\.csv: row 2 \(line 3\), field 'unit': unit 'edition' is an ordinal \(the n-th\), but "
           r"'حوالي مليونين و400 ألف' after the anchor is a count"),
    Attack("an ordinal's unit changed to a count (edition to visitors)",
           lambda r: edit_csv(r, "curated/figure-labels.csv",
                              lambda rows: set_cell(rows, "open_days.edition", "unit", "visitors")), "build",
           r"figure-labels\.csv: row 1 \(line 2\), field 'unit': unit 'visitors' is a count, but .* is an ordinal"),
    Attack("a figure's unit changed to another count (followers to views)",
           lambda r: edit_csv(r, "curated/figure-labels.csv",
                              lambda rows: set_cell(rows, "social_media.followers_x", "unit", "views")), "build",
           r"figure-labels\.csv: field 'unit': social_media\.followers_x: unit 'views', but its series metric "
           r"'followers_x' \(series-metrics\.csv\) counts 'followers'"),
    Attack("an unknown unit in figure-labels.csv",
           lambda r: edit_csv(r, "curated/figure-labels.csv",
                              lambda rows: set_cell(rows, "open_days.visitors", "unit", "furlongs")), "build",
           r"figure-labels\.csv: row 2 \(line 3\), field 'unit': constraint-error: 'furlongs'"),
    Attack("a column dropped from figure-labels.csv",
           lambda r: edit_csv(r, "curated/figure-labels.csv",
                              lambda rows: [row.pop(rows[0].index("short_en")) for row in rows[::-1]]), "build",
           r"figure-labels\.csv: row 0 \(line 1\), field 'short_en': column missing from the header"),
    Attack("figure-labels.csv in Windows-1256",
           lambda r: reencode(r, "data/curated/figure-labels.csv", "cp1256"), "build",
           r"figure-labels\.csv: row 1 \(line 2\): byte 0x\w\w at offset \d+ is not UTF-8"),
    Attack("figure-labels.csv missing", lambda r: (r / "data/curated/figure-labels.csv").unlink(), "build",
           r"figure-labels\.csv: file not found"),
    Attack("figure-labels.csv with a byte-order mark",
           lambda r: write(r, "data/curated/figure-labels.csv",
                           b"\xef\xbb\xbf" + (r / "data/curated/figure-labels.csv").read_bytes()), "build",
           r"figure-labels\.csv: row 0 \(line 1\): starts with a UTF-8 byte-order mark"),
    Attack("a figure id twice in figure-labels.csv",
           lambda r: edit_csv(r, "curated/figure-labels.csv", lambda rows: rows.append(list(rows[1]))), "build",
           r"figure-labels\.csv: row 31 \(line 32\), field 'id': .*unique"),
    Attack("an observation-figures row for an observation that does not exist",
           lambda r: edit_csv(r, "curated/observation-figures.csv",
                              lambda rows: rows.append(["o9999", "drugs.cases", "moved"])), "build",
           rf"observation-figures\.csv: row {MOVED + 1} \(line {MOVED + 2}\), field 'obs': 'o9999': no such obs in "
           r"press-coverage\.tsv"),
    Attack("an observation-figures row for a figure that does not exist",
           lambda r: edit_csv(r, "curated/observation-figures.csv",
                              lambda rows: set_cell(rows, "o0715", "figure", "drugs.unicorns")), "build",
           r"observation-figures\.csv: row 1 \(line 2\), field 'figure': 'drugs\.unicorns': no such figure in "
           r"metrics\.csv"),
    Attack("a hint mapped to no figure",
           lambda r: edit_csv(r, "curated/figure-hints.csv", lambda rows: rows[5].__setitem__(2, "drugs.unicorns")),
           "build", r"figure-hints\.csv: row 5 \(line 6\), field 'figure': 'drugs\.unicorns': no such figure"),
    Attack("a part of a total that does not exist",
           lambda r: edit_csv(r, "curated/metrics.csv",
                              lambda rows: rows[4].__setitem__(rows[0].index("part_of"), "crime_overview.nothing")),
           "build", r"metrics\.csv: row 4 \(line 5\), field 'part_of': 'crime_overview\.nothing': no such figure"),
    Attack("a unit without words in units.csv",
           lambda r: edit_csv(r, "curated/units.csv", lambda rows: rows.__delitem__(
               next(i for i, row in enumerate(rows) if row[1] == "visitors"))), "build",
           r"units\.csv: .*visitors"),
    Attack("a series metric that counts something else",
           lambda r: edit_csv(r, "curated/series-metrics.csv", lambda rows: [
               row.__setitem__(3, "schools") for row in rows if row[0] == "open_days_visitors"]), "build",
           r"figure-labels\.csv: field 'unit': open_days\.visitors: unit 'visitors', but its series metric "
           r"'open_days_visitors' \(series-metrics\.csv\) counts 'schools'"),
    Attack("a check of a figure that does not exist",
           lambda r: edit_csv(r, "curated/checks.csv", lambda rows: rows[1].__setitem__(
               rows[0].index("figure_ids"), "media.nothing")), "build",
           r"checks\.csv: row 1 \(line 2\), field 'figure_ids': no figure 'media\.nothing'"),
    # --- the data package -------------------------------------------------------------------------------------
    Attack("datapackage.json malformed", lambda r: write(r, "data/datapackage.json", '{"resources": [}'), "build",
           r"data/datapackage\.json: line 1: malformed JSON"),
    Attack("datapackage.json truncated",
           lambda r: write(r, "data/datapackage.json", (r / "data/datapackage.json").read_bytes()[:30000]), "build",
           r"data/datapackage\.json: line \d+: malformed JSON"),
    Attack("datapackage.json empty", lambda r: write(r, "data/datapackage.json", ""), "build",
           r"data/datapackage\.json: the file is empty"),
    Attack("datapackage.json with a byte-order mark",
           lambda r: write(r, "data/datapackage.json", b"\xef\xbb\xbf" + (r / "data/datapackage.json").read_bytes()),
           "build", r"data/datapackage\.json: row 0 \(line 1\): starts with a UTF-8 byte-order mark"),
    Attack("datapackage.json missing", lambda r: (r / "data/datapackage.json").unlink(), "build",
           r"data/datapackage\.json: file not found"),
    Attack("a resource removed from the data package",
           lambda r: edit_package(r, lambda p: p["resources"].remove(resource(p, "figure_labels"))), "build",
           r"data/datapackage\.json: field 'resources': no resource 'figure_labels', which the code reads"),
    Attack("a resource's path removed",
           lambda r: edit_package(r, lambda p: resource(p, "units").pop("path")), "build",
           r"data/datapackage\.json: field 'resources\[\d+\]\.path': missing: resource 'units' says nowhere"),
    Attack("a resource's schema removed",
           lambda r: edit_package(r, lambda p: resource(p, "metrics").pop("schema")), "build",
           r"data/datapackage\.json: field 'resources\[\d+\]\.schema': missing: resource 'metrics' has no schema"),
    Attack("a field removed from a processed table's schema",
           lambda r: edit_package(r, lambda p: drop_field(p, "observations", "copy_cluster")), "build",
           r"data/datapackage\.json: field 'observations\.copy_cluster': the build makes field 'copy_cluster' of "
           r"'observations', which the data package does not describe"),
    Attack("a field's type changed under the data",
           lambda r: edit_package(r, lambda p: next(f for f in resource(p, "figures")["schema"]["fields"]
                                                    if f["name"] == "quote").__setitem__("type", "integer")),
           "build", r"figures\.csv: row 1, field 'quote': the build made a table its schema refuses: type-error"),
    Attack("a primary key naming no field",
           lambda r: edit_package(r, lambda p: resource(p, "figures")["schema"].__setitem__("primaryKey", ["nope"])),
           "build", r"data/datapackage\.json: field 'resources\[0\]\.schema\.primaryKey': 'nope' is not a field"),
    # --- the processed tables and their manifest ----------------------------------------------------------------
    Attack("figures.csv edited by hand",
           lambda r: processed_cell(r, "figures.csv", "social_media.followers_x", "value", "512532", record=False),
           "load figures", r"figures\.csv: SHA-256 \w+… differs from the build's"),
    Attack("figures.csv edited by hand, its manifest entry re-recorded",
           lambda r: processed_cell(r, "figures.csv", "social_media.followers_x", "value", "512532"),
           "load figures", r"figures\.csv: row \d+ \(line \d+\), field 'value': 512532 differs from the quote"),
    Attack("series.csv edited by hand, its manifest entry re-recorded",
           lambda r: edit_csv(r, "processed/series.csv", lambda rows: rows[3].__setitem__(5, "1"))
           or record_table(r, "series.csv"),
           "load series", r"series\.csv: row 3 \(line 4\), field 'value': '1' but the sources give"),
    Attack("exclusions.csv edited by hand, its manifest entry re-recorded",
           lambda r: edit_csv(r, "processed/exclusions.csv", lambda rows: rows[2].__setitem__(5, "no reason"))
           or record_table(r, "exclusions.csv"),
           "load exclusions", r"exclusions\.csv: row 2 \(line 3\), field 'reason': 'no reason' but the sources give"),
    Attack("a processed table cut short",
           lambda r: edit_csv(r, "processed/observations.csv", lambda rows: rows.__delitem__(slice(-3, None))),
           "load observations", rf"observations\.csv: row {OBSERVATIONS - 2} \(line {OBSERVATIONS - 1}\): "
                                rf"{OBSERVATIONS - 3} rows, but the build wrote {OBSERVATIONS}"),
    Attack("manifest.json malformed", lambda r: write(r, "data/processed/manifest.json", "{"), "load figures",
           r"manifest\.json: line 1: malformed JSON"),
    Attack("manifest.json with entries for files that are gone",
           lambda r: write(r, "data/processed/manifest.json", json.dumps({
               **json.loads((r / "data/processed/manifest.json").read_text(encoding="utf-8")),
               "old-table.csv": {"rows": 1, "sha256": "0" * 64}})), "build", check=_manifest_pruned),
    Attack("a processed table missing", lambda r: (r / "data/processed/checks.csv").unlink(), "load checks",
           r"checks\.csv: file not found"),
    # --- notebooks ----------------------------------------------------------------------------------------------
    Attack("a notebook left at 0 bytes (execute)", empty_notebook, "execute",
           rf"notebooks/{NOTEBOOK}: the file is empty; restore it with `git checkout \S*notebooks/{NOTEBOOK}`",
           notebooks=True),
    Attack("a notebook cut short (execute)",
           lambda r: write(r, f"notebooks/{NOTEBOOK}", (ROOT / "notebooks" / NOTEBOOK).read_bytes()[:500]), "execute",
           rf"notebooks/{NOTEBOOK}: not a notebook \(NotJSONError.*restore it with `git checkout", notebooks=True),
    Attack("a notebook that is JSON but no notebook (site)", lambda r: write(r, f"notebooks/{NOTEBOOK}", "[1, 2]"),
           "site", rf"notebooks/{NOTEBOOK}: not a notebook .*restore it with `git checkout \S*notebooks/{NOTEBOOK}`",
           notebooks=True),
]


# --- running an attack in this process -----------------------------------------------------------------------------

def run_here(attack: Attack, root: Path, capsys) -> tuple[int, str]:
    """(status, what was printed on stderr) of the attack's command, run in this process on the copy."""
    if attack.run == "build":
        from helpers.build.cli import main
        status = main(["--out", str(root / "data" / "processed")])
    elif attack.run.startswith("load "):
        from helpers.build import load
        from helpers.errors import DataError
        try:
            load.load(attack.run.split()[1], root / "data" / "processed" / _file_of(attack.run.split()[1]))
            status = 0
        except DataError as err:
            print(f"error: {err}", file=sys.stderr)
            status = 1
    elif attack.run == "execute":
        from helpers.publishing.execute import main
        status = main(["--cache", str(root / "cache.json"), str(root / "notebooks" / NOTEBOOK)])
    elif attack.run == "site":
        from helpers.publishing.site import main
        status = main(["--out", str(root / "html"), "--work", str(root / "work"), str(root / "notebooks" / NOTEBOOK)])
    else:
        raise AssertionError(attack.run)
    return status, capsys.readouterr().err


def _file_of(resource: str) -> str:
    from helpers.datapackage import schema
    return schema.path(resource).name


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_attack(attack, tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path / "repo", notebooks=attack.notebooks)
    attack.damage(root)
    before = snapshot(root / "data" / "processed")
    notebooks_before = snapshot(root / "notebooks") if attack.notebooks else {}
    clear = repoint(monkeypatch, root)
    try:
        status, err = run_here(attack, root, capsys)
    finally:
        clear()
    lines = [line for line in err.splitlines() if line.strip()]
    if attack.expect is None:
        assert status == 0, err
        attack.check(root)
        return
    assert status != 0, f"accepted silently: {attack.id}"
    assert len(lines) == 1, f"not one line:\n{err}"
    assert re.search(attack.expect, lines[0]), lines[0]
    assert snapshot(root / "data" / "processed") == before, "a failed command overwrote a processed table"
    if attack.notebooks:
        assert snapshot(root / "notebooks") == notebooks_before, "a notebook was overwritten"


# --- attacks that need a process of their own ----------------------------------------------------------------------

def run_copy(root: Path, *args: str, **options) -> subprocess.CompletedProcess:
    """``python -m ...`` on the copy (its own src/ first on the path, so the copy is the project)."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "HELPERS_FIGURES_DIR": str(root / "figures")}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600,
                          **options)


@pytest.fixture
def whole_copy(tmp_path):
    return copy_project(tmp_path / "repo", notebooks=True, src=True)


@pytest.mark.parametrize("command", [["-m", "helpers.build"], ["-m", "helpers.publishing.site", "--out", "html"],
                                     ["-m", "helpers.datapackage.manifest"]])
def test_a_broken_data_package_stops_every_command_in_one_line(whole_copy, command):
    """Read while the commands' modules are still being imported: one line all the same (helpers.errors' hook)."""
    write(whole_copy, "data/datapackage.json", (whole_copy / "data/datapackage.json").read_bytes()[:1000])
    done = run_copy(whole_copy, *command)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()], done.stderr
    assert re.fullmatch(r"error: data/datapackage\.json: line \d+: malformed JSON: .*", done.stderr.strip())


def test_a_folder_that_cannot_be_written_is_one_line_and_changes_nothing(tmp_path, monkeypatch, capsys):
    """As root a read-only folder can still be written, so the refusal of the file system is what is simulated:
    the first temporary file beside a table cannot be made."""
    root = copy_project(tmp_path / "repo")
    processed = root / "data" / "processed"
    (processed / "figures.csv").unlink()  # something to write
    before = snapshot(processed)
    clear = repoint(monkeypatch, root)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("helpers.datapackage.files.tempfile.mkstemp", refuse)
    try:
        from helpers.build.cli import main
        status = main(["--out", str(processed)])
    finally:
        clear()
    err = capsys.readouterr().err.strip()
    assert status == 1 and "\n" not in err
    assert re.fullmatch(r"error: \S+/data/processed: cannot be written \(Permission denied\); nothing was changed",
                        err), err
    assert snapshot(processed) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder all the same")
def test_a_read_only_folder_is_one_line(tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path / "repo")
    processed = root / "data" / "processed"
    (processed / "figures.csv").unlink()
    processed.chmod(0o555)
    clear = repoint(monkeypatch, root)
    try:
        from helpers.build.cli import main
        status = main(["--out", str(processed)])
    finally:
        clear()
        processed.chmod(0o755)
    assert status == 1 and "cannot be written (Permission denied)" in capsys.readouterr().err


def test_ctrl_c_while_executing_is_one_line_and_leaves_nothing_behind(whole_copy):
    """make html's execution step interrupted as a terminal does it (SIGINT to the process group): one line, status
    130, the notebook as it was, no temporary folder left."""
    import tempfile as tf
    notebook = whole_copy / "notebooks" / NOTEBOOK
    before = notebook.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(whole_copy / "src"), "HELPERS_FIGURES_DIR": str(whole_copy / "figures")}
    process = subprocess.Popen([sys.executable, "-m", "helpers.publishing.execute", "--force", "--cache",
                                str(whole_copy / "cache.json"), str(notebook)], cwd=whole_copy, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    folders = lambda: list(Path(tf.gettempdir()).glob(f"nbexec-{process.pid}-*"))  # noqa: E731
    deadline = time.monotonic() + 120
    while not any(f.glob("*.opened") for f in folders()) and time.monotonic() < deadline:
        time.sleep(0.2)  # the kernel has started and runs the notebook's cells
    assert folders(), "the run started"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    lines = [line for line in err.splitlines() if line.strip()]
    assert process.returncode == 130, err
    assert lines == ["interrupted (Ctrl-C): stopped; every file is either as it was or completely written"], err
    assert notebook.read_bytes() == before
    assert folders() == []
    assert not list(notebook.parent.glob(".*.tmp"))
