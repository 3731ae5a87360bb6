"""The build's command line: ``python -m helpers.build`` makes data/processed/* from data/raw and data/curated.

1. Every input is read through the door first, in full (no manifest is trusted in this process): the data
   package, raw/sources.json, each raw file (checksum, encoding, row count) and each resource under raw/ and
   curated/ (schema, allowed values, foreign keys). The first problem stops the build with one line.
2. Every table is built and checked in memory: each against its schema (a field the build makes that the schema
   lacks is an error, not a narrower file).
3. Only then are files written: each table and the manifest, whole (no entry for a table that is no longer made),
   atomically, and only if changed (an unchanged table keeps its mtime). The manifest records the inputs' and the
   code's SHA-256 (helpers.datapackage.manifest), so that loaders need not rebuild to trust a table.

``--check`` writes nothing and fails when the committed tables or manifest differ from what the code builds.
Errors (bad input, a folder that cannot be written, Ctrl-C) are one line and a non-zero exit; nothing is left
half-written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.build import TABLES, build_tables
from helpers.datapackage import files, manifest, schema
from helpers.datapackage.article import load_report
from helpers.datapackage.csvio import MANIFEST_NAME, as_csv, read_table, write_tables
from helpers.datapackage.raw import read_raw_table, sources
from helpers.errors import display_path, guarded, run_main
from helpers.paths import PROCESSED, RAW_REPORT


def check_inputs(raw_report: Path = RAW_REPORT) -> None:
    """Read every input of the build through the door, in full (call it where no manifest is trusted)."""
    sources()
    for res in schema.package()["resources"]:
        where = schema.path(res["name"])
        if res["path"].startswith("raw/"):
            read_raw_table(where, res["name"])
        elif res["path"].startswith("curated/"):
            read_table(where, res["name"])
    load_report(raw_report)  # the article: checksum, encoding, its end and its year


@guarded
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=RAW_REPORT, help="the raw report (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=PROCESSED, help="output folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    with manifest.distrusted():
        return _build(args)


def _build(args) -> int:
    before = manifest.state()  # the inputs and code as they are when the build starts reading them
    check_inputs(args.raw)
    built = build_tables(args.raw)
    tables = {args.out / schema.path(name).name: built[name] for name in TABLES}
    resources = {args.out / schema.path(name).name: name for name in TABLES}
    if args.check:
        stale = [p for p, t in tables.items() if not files.holds(p, as_csv(t))]
        expected = manifest.dumps(manifest.make({p.name: as_csv(t) for p, t in tables.items()},
                                                stamp=args.raw.resolve() == RAW_REPORT.resolve(), before=before))
        if not files.holds(args.out / MANIFEST_NAME, expected):
            stale.append(args.out / MANIFEST_NAME)
        for path in stale:
            print(f"error: {display_path(path)} differs from what the code builds; run `make data`", file=sys.stderr)
        return 1 if stale else 0
    # a manifest vouches for tables built from the inputs it names: not for a build from another raw report
    written = set(write_tables(tables, resources, stamp=args.raw.resolve() == RAW_REPORT.resolve(), before=before))
    files.sweep(args.out)
    for path, table in tables.items():
        state = "wrote" if path in written else "unchanged"
        print(f"{state} {display_path(path)} ({len(table)} rows)")
    if args.out / MANIFEST_NAME in written:
        print(f"wrote {display_path(args.out / MANIFEST_NAME)}")
    return 0


if __name__ == "__main__":
    run_main(main)
