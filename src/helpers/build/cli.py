"""The build's command line: ``python -m helpers.build`` makes data/processed/* from data/raw and data/curated.

Everything is built and checked in memory first; files are written only when all of it succeeded.
``--check`` writes nothing and fails when the committed tables differ from what the code builds.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.build import build_all
from helpers.datapackage.csvio import MANIFEST_NAME, as_csv, manifest_entries, read_json, write_tables
from helpers.errors import DataError, display_path
from helpers.paths import PROCESSED, RAW_REPORT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=RAW_REPORT, help="the raw report (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=PROCESSED, help="output folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    try:
        tables = build_all(args.raw, args.out)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.check:
        stale = [p for p, t in tables.items() if not p.exists() or p.read_text(encoding="utf-8") != as_csv(t)]
        manifest = args.out / MANIFEST_NAME
        recorded = read_json(manifest) if manifest.exists() else {}
        if any(recorded.get(key) != entry for key, entry in manifest_entries(tables).items()):
            stale.append(manifest)
        for path in stale:
            print(f"error: {display_path(path)} differs from what the code builds; run `make data`", file=sys.stderr)
        return 1 if stale else 0
    write_tables(tables)
    for path, table in tables.items():
        print(f"wrote {display_path(path)} ({len(table)} rows)")
    return 0

