"""Build: raw and curated data to data/processed, by the rules (``python -m helpers.build``), and loading it back.

It imports helpers.reading, helpers.datapackage and helpers.language (for the words of the checks' bases), never
a higher subpackage; no matplotlib.

    figures       the article's figures at their anchors, and the numbers that are not figures
    observations  every figure of every source as one table, read from its words, and the report figures
    reconcile     which value the report most likely published: agreement, rounding, independence, causes
    series        the 2017-2025 communication series from this report and other press reports
    checks        the report's claims against the evidence
    changes       the changes the reports state against the levels they publish (and the levels they cite)
    revisions     the previous year's level as a report cites it, beside the one the previous report published
    panel         every figure's value in each report year, one wide table
    bounds        what a value computed from approximations and bounds is
    load          every processed table loaded the one way: schema, manifest, rebuilt and compared, typed
    cli           the command line (``python -m helpers.build``, ``--check``)

Everything is built and checked in memory first; files are written only when all of it succeeded.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.build.changes import build_stated_changes
from helpers.build.checks import build_checks
from helpers.build.figures import build_exclusions, build_figures
from helpers.build.observations import build_observations
from helpers.build.panel import build_panel
from helpers.build.revisions import build_revisions
from helpers.build.series import build_series
from helpers.datapackage import schema
from helpers.datapackage.article import load_report
from helpers.datapackage.curation import load_curation
from helpers.paths import PROCESSED, RAW_REPORT

# The tables the build makes, by resource of the data package, in the order they are built and written.
TABLES = ("figures", "exclusions", "checks", "series", "observations", "report_figures", "stated_changes",
          "revisions", "panel")


class Build:
    """The processed tables, each made from the sources when first asked for, with only what it needs (a
    notebook that loads figures.csv reads neither the press file nor the curation of the whole report)."""

    def __init__(self, raw: Path = RAW_REPORT):
        self.raw = raw

    @cached_property
    def report(self):
        return load_report(self.raw)

    @cached_property
    def curation(self):
        return load_curation()

    @cached_property
    def figures(self) -> pd.DataFrame:
        return build_figures(self.report)

    @cached_property
    def exclusions(self) -> pd.DataFrame:
        return build_exclusions(self.figures, self.report)

    @cached_property
    def series(self) -> pd.DataFrame:
        return build_series(self.figures)

    @cached_property
    def checks(self) -> pd.DataFrame:
        return build_checks(self.figures, self.report, self.series)  # claims against earlier years need the series

    @cached_property
    def _whole_report(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return build_observations(self.report, self.curation, self.figures)

    @cached_property
    def observations(self) -> pd.DataFrame:
        return self._whole_report[0]

    @cached_property
    def report_figures(self) -> pd.DataFrame:
        return self._whole_report[1]

    @cached_property
    def stated_changes(self) -> pd.DataFrame:
        return build_stated_changes(self.report_figures, self.curation)

    @cached_property
    def revisions(self) -> pd.DataFrame:
        return build_revisions(self.report_figures, self.curation, self.panel)

    @cached_property
    def panel(self) -> pd.DataFrame:
        return build_panel(self.report_figures, self.series, self.curation)

    def table(self, resource: str) -> pd.DataFrame:
        if resource not in TABLES:
            raise KeyError(f"{resource!r} is not a table the build makes ({', '.join(TABLES)})")
        return getattr(self, resource)


def build_tables(raw: Path = RAW_REPORT) -> dict[str, pd.DataFrame]:
    """Every processed table, keyed by its resource name."""
    build = Build(raw)
    return {name: build.table(name) for name in TABLES}


def build_all(raw: Path = RAW_REPORT, out: Path = PROCESSED) -> dict[Path, pd.DataFrame]:
    """Every processed table, keyed by the path it belongs at (its file name in the data package, under ``out``)."""
    return {out / schema.path(name).name: table for name, table in build_tables(raw).items()}
