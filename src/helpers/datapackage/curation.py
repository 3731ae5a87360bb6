"""The curated figures of the whole report (data/curated/metrics.csv) and how press hints map onto them.

``metrics.csv`` names each figure once, for every report year: labels in English and Arabic, unit, kind, the level
a change refers to, the total a part belongs to. ``figure-hints.csv`` maps each hint of the press file to a figure
(for some report years only, where its optional ``report_years`` says so: a report that counts something else under
the same hint); ``observation-figures.csv`` moves single observations whose quote states another figure than its hint
names.
None of them holds a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.datapackage.csvio import read_table
from helpers.errors import DataError
from helpers.paths import CURATED

METRICS_CSV = CURATED / "metrics.csv"
FIGURE_HINTS_CSV = CURATED / "figure-hints.csv"
OBSERVATION_FIGURES_CSV = CURATED / "observation-figures.csv"


@dataclass(frozen=True)
class Curation:
    metrics: dict[str, dict[str, str]]  # figure id -> its row
    hints: dict[tuple[str, str], dict[int | None, str]]  # (section, hint) -> {report year, or None for any: figure id}
    moved: dict[str, tuple[str, str]]  # obs -> (figure id, reason)

    def figure_of(self, row: dict[str, str]) -> str:
        """The figure a press observation states: its own entry if it was moved, else its hint's figure for the
        row's report year (a row of figure-hints.csv naming that year, else the one with no year)."""
        if row["obs"] in self.moved:
            return self.moved[row["obs"]][0]
        by_year = self.hints[(row["section"], row["metric_en"])]
        year = int(row["report_year"])
        if year in by_year:
            return by_year[year]
        if None in by_year:
            return by_year[None]
        raise DataError(FIGURE_HINTS_CSV, f"{row['obs']}: the hint {row['metric_en']!r} of section {row['section']!r} "
                                          f"has no figure for the report year {year}", field="report_years")


def load_curation(metrics: Path = METRICS_CSV, hints: Path = FIGURE_HINTS_CSV,
                  moved: Path = OBSERVATION_FIGURES_CSV) -> Curation:
    """The three curated files, each checked against its schema and against the others."""
    return _load(metrics, hints, moved)


@lru_cache(maxsize=4)
def _load(metrics_path: Path, hints_path: Path, moved_path: Path) -> Curation:
    metrics = {row["figure"]: row for row in read_table(metrics_path, "metrics")}
    for n, row in enumerate(metrics.values(), start=1):
        if not row["figure"].startswith(row["section"] + ".") and row["section"] != "communication":
            raise DataError(metrics_path, f"{row['figure']!r} does not start with its section {row['section']!r}",
                            row=n, field="figure", line=n + 1)
        for field in ("change_of", "part_of", "continues"):
            if row[field] and row[field] not in metrics:
                raise DataError(metrics_path, f"{row[field]!r} is not a figure of this file", row=n, field=field,
                                line=n + 1)
        if row["change_of"] and row["kind"] not in ("change", "prior_year"):
            raise DataError(metrics_path, f"change_of is for change and prior_year figures, not {row['kind']!r}",
                            row=n, field="change_of", line=n + 1)
    hints: dict[tuple[str, str], dict[int | None, str]] = {}
    for n, row in enumerate(read_table(hints_path, "figure_hints"), start=1):
        _known(row["figure"], metrics, hints_path, n)
        by_year = hints.setdefault((row["section"], row["hint"]), {})
        for year in [int(y) for y in row["report_years"].split("|")] if row["report_years"] else [None]:
            if year in by_year:
                raise DataError(hints_path, f"the hint {row['hint']!r} of section {row['section']!r} is mapped twice "
                                            f"for {'the report year ' + str(year) if year else 'all years'}",
                                row=n, field="report_years", line=n + 1)
            by_year[year] = row["figure"]
    moved = {}
    for n, row in enumerate(read_table(moved_path, "observation_figures"), start=1):
        _known(row["figure"], metrics, moved_path, n)
        moved[row["obs"]] = (row["figure"], row["reason"])
    return Curation(metrics, hints, moved)


def _known(figure: str, metrics: dict, path: Path, n: int) -> None:
    if figure not in metrics:
        raise DataError(path, f"{figure!r} is not a figure of {METRICS_CSV.name}", row=n, field="figure", line=n + 1)
