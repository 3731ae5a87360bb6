"""Build data/processed/* from data/raw and data/curated: ``python -m helpers.build``.

Everything is built and checked in memory first; files are written only when all of it succeeded.
``--check`` writes nothing and fails when the committed tables differ from what the code builds.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .changes import build_stated_changes
from .checks import build_checks
from .csvio import MANIFEST_NAME, as_csv, manifest_entries, read_json, write_tables
from .errors import DataError, display_path
from .figures import build_exclusions, build_figures
from .metrics import load_curation
from .observations import build_observations
from .paths import PROCESSED, RAW_REPORT
from .series import build_series
from .source import load_report


def build_all(raw: Path = RAW_REPORT, out: Path = PROCESSED) -> dict[Path, pd.DataFrame]:
    """Every processed table, keyed by the path it belongs at."""
    report = load_report(raw)
    figures = build_figures(report)
    curation = load_curation()
    observations, report_figures = build_observations(report, curation, figures)
    series = build_series(figures)
    return {
        out / "figures.csv": figures,
        out / "exclusions.csv": build_exclusions(figures, report),
        out / "checks.csv": build_checks(figures, report, series),  # claims against earlier years need the series
        out / "series.csv": series,
        out / "observations.csv": observations,
        out / "report-figures.csv": report_figures,
        out / "stated-changes.csv": build_stated_changes(report_figures, curation),
    }


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


if __name__ == "__main__":
    sys.exit(main())
