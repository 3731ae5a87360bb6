"""Load the processed tables of the whole report, verified: what a notebook reads is what the sources say.

Each loader reads its CSV through the data package's schema and the build manifest (helpers.csvio: types, allowed
values, whole files), then checks what a schema cannot say:

- ``load_observations``: every figure text stands at its offsets in its quote (and, for the raw article, in the raw
  text), reads as the row's value, unit and qualifier, and belongs to the row's figure (the hint's figure for the
  press, the anchor's figure for the article);
- ``load_report_figures`` and ``load_stated_changes``: every cell is what the observations give when reconciled
  again.

Any failure is one line naming the file, the row and the field.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .changes import STATED_CHANGES_CSV, build_stated_changes
from .csvio import read_table
from .errors import DataError
from .metrics import load_curation
from .observations import OBSERVATIONS_CSV, REPORT_FIGURES_CSV, build_observations
from .press import load_press
from .quantities import QuantityError, read_quantity
from .source import load_report

_INTEGER_COLUMNS = {"report_year", "source_group", "quote_start", "quote_end", "source_start", "source_end",
                    "outlets", "observations", "independent_sources", "supporting_sources"}
_NUMBER_COLUMNS = {"value", "stated", "level_before", "level_after", "implied", "tolerance_low", "tolerance_high"}


def _typed(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Strings to numbers where the schema says so; empty cells stay empty (None), never 'nan' or '<NA>'."""
    table = pd.DataFrame(rows)
    for column in table.columns:
        if column in _INTEGER_COLUMNS:
            table[column] = pd.array([int(v) if v != "" else None for v in table[column]], dtype="Int64")
        elif column in _NUMBER_COLUMNS:
            table[column] = pd.Series([_num(v) for v in table[column]], dtype=object, index=table.index)
    return table


def _num(text: str):
    if text == "":
        return None
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() else float(number)


def load_observations(path: Path = OBSERVATIONS_CSV) -> pd.DataFrame:
    """observations.csv, each row checked against its quote and its figure; indexed by ``obs``.

    The table is compared cell by cell with the one the build makes from the sources (every quote read again, once
    per process); a row that differs is then checked field by field, so that the error names what is wrong with it
    (a value its quote does not say, offsets that cut a number, a figure its anchor or hint does not name).
    """
    rows = read_table(path, "observations")
    built = {r["obs"]: r for r in _as_text(_rebuilt()[0])}
    if [r["obs"] for r in rows] != list(built):
        known = set(built)
        n, odd = next(((n, r["obs"]) for n, r in enumerate(rows, start=1) if r["obs"] not in known),
                      (len(rows), None))
        raise DataError(path, f"the observations are not those the sources give ({odd or 'order or count differs'});"
                              " run `make data`", row=n, field="obs", line=n + 1)
    checks = None
    for n, row in enumerate(rows, start=1):
        want = built[row["obs"]]
        if row != want:
            if checks is None:
                report = load_report()
                checks = (load_curation(), report, {r["obs"]: r for r in load_press()},
                          {(int(f.start), int(f.end)): f.id for f in _article_figures(report).itertuples()})
            _check_observation(row, n, path, *checks)
            column = next(c for c in row if row[c] != want[c])
            raise DataError(path, f"{row['obs']}: {row[column]!r} but the sources give {want[column]!r}; "
                                  "run `make data`", row=n, field=column, line=n + 1)
    return _typed(rows).set_index("obs", drop=False)


def _as_text(table: pd.DataFrame) -> list[dict[str, str]]:
    """A built table's cells as the CSV writes them (empty for a missing value)."""
    return [{k: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for k, v in r.items()}
            for r in table.astype(object).to_dict("records")]


def _article_figures(report):
    from .figures import load_figures
    return load_figures(report=report)


def _check_observation(row, n, path, curation, report, press, anchored) -> None:
    def fail(field: str, problem: str):
        raise DataError(path, f"{row['obs']}: {problem}", row=n, field=field, line=n + 1)

    qs, qe = int(row["quote_start"]), int(row["quote_end"])
    if row["quote"][qs:qe] != row["figure_text"]:
        fail("figure_text", f"{row['figure_text']!r} is not at {qs}-{qe} of its quote")
    if row["figure"] not in curation.metrics:
        fail("figure", f"{row['figure']!r} is not a figure of metrics.csv")
    metric = curation.metrics[row["figure"]]
    if row["section"] != metric["section"]:
        fail("section", f"{row['section']!r} but figure {row['figure']!r} belongs to {metric['section']!r}")
    if row["source"] == report.path.name:
        ss, se = int(row["source_start"] or -1), int(row["source_end"] or -1)
        if report.raw[ss:se] != row["figure_text"]:
            fail("source_start", f"{row['figure_text']!r} is not at {ss}-{se} of {report.path.name}")
        if anchored.get((ss, se)) != row["figure"]:
            fail("figure", f"the number at {ss}-{se} is the anchor of {anchored.get((ss, se))!r}, "
                           f"not of {row['figure']!r}")
    else:
        source = press.get(row["obs"])
        if source is None:
            fail("obs", "not an observation of press-coverage.tsv")
        for field in ("quote", "figure_text", "outlet", "url", "lang", "published"):
            if source[field] != row[field]:
                fail(field, f"{row[field]!r} but press-coverage.tsv has {source[field]!r}")
        if curation.figure_of(source) != row["figure"]:
            fail("figure", f"the hint {source['metric_en']!r} names {curation.figure_of(source)!r}")
    try:
        q = read_quantity(row["quote"], row["figure_text"], row["lang"], obs=row["obs"], unit=metric["unit"],
                          change=metric["kind"] == "change")
    except QuantityError as err:
        fail("figure_text", str(err).split(": ", 1)[-1])
    if q.start != qs:
        fail("quote_start", f"{row['figure_text']!r} at {qs}-{qe} is only part of a number; the whole number "
                            f"stands at {q.start}-{q.end}")
    if Decimal(row["value"]) != q.value:
        fail("value", f"{row['value']} but {row['figure_text']!r} reads {q.value}")
    for field, read in (("unit", q.unit), ("qualifier", q.qualifier), ("direction", q.direction)):
        if row[field] != read:
            fail(field, f"{row[field]!r} but the quote says {read!r}")


@lru_cache(maxsize=1)
def _rebuilt():
    """The observations and report figures as the build makes them (once per process)."""
    return build_observations()


def _compare(path: Path, rows: list[dict[str, str]], expected: pd.DataFrame) -> None:
    """Every cell as the build makes it from the sources; else one line naming the first difference."""
    want = expected.astype(object).where(expected.notna(), None).to_dict("records")
    if len(rows) != len(want):
        raise DataError(path, f"{len(rows)} rows, but the observations give {len(want)}; run `make data`")
    for n, (row, wanted) in enumerate(zip(rows, want), start=1):
        for column, value in wanted.items():
            text = "" if value is None else str(value)
            if row[column] != text:
                raise DataError(path, f"{row[column]!r} but the observations give {text!r}; run `make data`",
                                row=n, field=column, line=n + 1)


def load_report_figures(path: Path = REPORT_FIGURES_CSV) -> pd.DataFrame:
    """report-figures.csv, every cell checked against the observations reconciled again."""
    rows = read_table(path, "report_figures")
    _compare(path, rows, _rebuilt()[1])
    return _typed(rows)


def load_stated_changes(path: Path = STATED_CHANGES_CSV) -> pd.DataFrame:
    """stated-changes.csv, every cell checked against the changes recomputed from the report figures."""
    rows = read_table(path, "stated_changes")
    _compare(path, rows, build_stated_changes(_rebuilt()[1], load_curation()))
    return _typed(rows)
