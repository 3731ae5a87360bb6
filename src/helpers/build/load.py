"""Every processed table loaded the one way: what a notebook reads is what the sources say.

``load(resource)`` is the one loader of data/processed (``load_figures`` and the others name it for each table):

1. the file is read through the data package (helpers.datapackage.csvio.read_table): its bytes, header and cell
   counts, its row count and SHA-256 by the build manifest beside it;
2. when that manifest is current (helpers.datapackage.manifest: its key is that of the inputs and the building code
   there are now, and it binds this table's SHA-256), the table is what the build makes from the sources, checked
   against its schema by that build: it is verified without rebuilding. The guarantee is paid for once, by
   ``python -m helpers.build``, not by every kernel;
3. otherwise (an input or the code changed since the build, or the table or its entry was edited by hand) the
   table is validated against its schema and compared cell by cell with the table the build makes from the
   sources now (built once per process); a row that differs is explained where the table knows how: a figure of
   the article by its quote at its offsets in the raw text; an observation by its quote, figure, offsets and
   reading. Any other difference is named by its first differing cell;
4. the cells are typed by the schema: ``integer`` fields as nullable integers, ``number`` fields as whole numbers
   where whole (helpers.datapackage.csvio.whole), empty cells as None; every other field stays text.

Any failure is one line naming the file, the row and the field.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.build import TABLES, Build
from helpers.datapackage import manifest, schema
from helpers.datapackage.article import Report, load_report
from helpers.datapackage.csvio import read_table, whole
from helpers.datapackage.curation import load_curation
from helpers.datapackage.press import load_press
from helpers.errors import DataError
from helpers.reading import parse_number
from helpers.reading.quantities import QuantityError, read_quantity

_ISO_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
Explain = Callable[[dict[str, str], int, Path], None]


@lru_cache(maxsize=1)
def built() -> Build:
    """The processed tables as the build makes them from the sources: each once per process, when first loaded."""
    return Build()


def as_text(table: pd.DataFrame) -> list[dict[str, str]]:
    """A built table's cells as the CSV writes them (empty for a missing value)."""
    return [{k: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for k, v in r.items()}
            for r in table.astype(object).to_dict("records")]


def typed(resource: str, rows: list[dict[str, str]]) -> pd.DataFrame:
    """Strings to numbers where the schema says so; empty cells stay empty (None), never 'nan' or '<NA>'."""
    table = pd.DataFrame(rows, columns=schema.columns(resource))
    for column, kind in schema.field_types(resource).items():
        if kind == "integer":
            table[column] = pd.array([int(v) if v != "" else None for v in table[column]], dtype="Int64")
        elif kind == "number":
            table[column] = pd.Series([whole(v) for v in table[column]], dtype=object, index=table.index)
    return table


def load(resource: str, path: Path | None = None) -> pd.DataFrame:
    """A processed table, read, checked against the sources and typed (see the module's docstring)."""
    if resource not in TABLES:
        raise KeyError(f"{resource!r} is not a table the build makes ({', '.join(TABLES)})")
    path = schema.path(resource) if path is None else Path(path)
    rows = read_table(path, resource)
    if manifest.trusted(path):
        return typed(resource, rows)
    want = as_text(built().table(resource))
    if len(rows) != len(want):
        n = min(len(rows), len(want)) + 1
        raise DataError(path, f"{len(rows)} rows, but the sources give {len(want)}; run `make data`", row=n,
                        line=n + 1)
    explain = EXPLAIN.get(resource)
    for n, (row, wanted) in enumerate(zip(rows, want), start=1):
        if row != wanted:
            if explain is not None:
                explain(row, n, path)
            column = next(c for c in row if row[c] != wanted[c])
            what = f"{row[schema.columns(resource)[0]]}: " if resource == "observations" else ""
            raise DataError(path, f"{what}{row[column]!r} but the sources give {wanted[column]!r}; run `make data`",
                            row=n, field=column, line=n + 1)
    return typed(resource, rows)


def load_figures(path: Path | None = None) -> pd.DataFrame:
    """figures.csv, indexed by ``id``."""
    return load("figures", path).set_index("id", drop=False)


def load_exclusions(path: Path | None = None) -> pd.DataFrame:
    """exclusions.csv: every number of the article that is not a figure, with the reason."""
    return load("exclusions", path)


def load_checks(path: Path | None = None) -> pd.DataFrame:
    """checks.csv, indexed by ``id``."""
    return load("checks", path).set_index("id", drop=False)


def load_series(path: Path | None = None) -> pd.DataFrame:
    """series.csv."""
    return load("series", path)


def load_observations(path: Path | None = None) -> pd.DataFrame:
    """observations.csv, indexed by ``obs``."""
    return load("observations", path).set_index("obs", drop=False)


def load_report_figures(path: Path | None = None) -> pd.DataFrame:
    """report-figures.csv."""
    return load("report_figures", path)


def load_stated_changes(path: Path | None = None) -> pd.DataFrame:
    """stated-changes.csv."""
    return load("stated_changes", path)


def load_revisions(path: Path | None = None) -> pd.DataFrame:
    """revisions.csv."""
    return load("revisions", path)


def load_panel(path: Path | None = None) -> pd.DataFrame:
    """panel.csv, indexed by ``figure``."""
    return load("panel", path).set_index("figure", drop=False)


# ---------------------------------------------------------------------------------------------------------------
# Why a row differs, for the tables whose rows can be checked against their own source.

def _explain_figure(row: dict[str, str], n: int, path: Path) -> None:
    report = load_report()
    qualifiers = {m.start: m.qualifier for m in report.numbers}
    _checked_row(row, n, path, report, qualifiers)


def _checked_row(row: dict, n: int, path: Path, report: Report, qualifiers: dict[int, str]) -> dict:
    def fail(field: str, problem: str):
        raise DataError(path, problem, row=n, field=field, line=n + 1)

    out = dict(row)
    for field in ("value", "start", "end"):
        try:
            out[field] = whole(row[field])
        except ArithmeticError:  # decimal.InvalidOperation: not a number
            fail(field, f"{row[field]!r} is not a number")
    if not isinstance(out["start"], int) or not isinstance(out["end"], int) or \
            not 0 <= out["start"] < out["end"] <= report.end:
        fail("start", f"offsets {row['start']}-{row['end']} are not inside the report (0-{report.end})")
    at_offsets = report.raw[out["start"]: out["end"]]
    if at_offsets != row["quote"]:
        fail("quote", f"{row['quote']!r} is not at offsets {out['start']}-{out['end']} of "
                      f"{report.path.name}, which hold {at_offsets!r}")
    read = parse_number(row["quote"], "ar")
    if read != out["value"]:
        fail("value", f"{row['value']} differs from the quote {row['quote']!r}, which reads {read}")
    qualifiers_allowed = schema.allowed("figures", "qualifier")
    if row["qualifier"] not in qualifiers_allowed:
        fail("qualifier", f"{row['qualifier']!r} is not one of {', '.join(qualifiers_allowed)}")
    if qualifiers.get(out["start"]) != row["qualifier"]:
        fail("qualifier", f"{row['qualifier']!r} but the text says {qualifiers.get(out['start'])!r}")
    if not _ISO_PERIOD.match(row["period"]):
        fail("period", f"{row['period']!r} is not an ISO year, date or range")
    return out


def _explain_observation(row: dict[str, str], n: int, path: Path) -> None:
    report = load_report()
    anchored = {(int(f["start"]), int(f["end"])): f["id"] for f in built().figures.to_dict("records")}
    _check_observation(row, n, path, load_curation(), report, {r["obs"]: r for r in load_press()}, anchored)


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


EXPLAIN: dict[str, Explain] = {"figures": _explain_figure, "observations": _explain_observation}
