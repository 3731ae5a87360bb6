"""Build data/processed/* from data/raw and data/curated: ``python -m helpers.build``.

Everything is built and checked in memory first; files are written only when all of it succeeded.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .checks import CHECKS_CSV, build_checks
from .errors import DataError, display_path
from .figures import EXCLUSIONS_CSV, FIGURES_CSV, build_exclusions, build_figures, write_csv
from .source import load_report


def build_all() -> dict[Path, pd.DataFrame]:
    """Every processed table, keyed by the path it belongs at."""
    report = load_report()
    figures = build_figures(report)
    return {
        FIGURES_CSV: figures,
        EXCLUSIONS_CSV: build_exclusions(figures, report),
        CHECKS_CSV: build_checks(figures, report),
    }


def main() -> int:
    try:
        tables = build_all()
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    write_csv(tables)
    for path, table in tables.items():
        print(f"wrote {display_path(path)} ({len(table)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
