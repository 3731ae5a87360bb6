"""The report's figures as a table: built from the raw text, written to CSV, and loaded back with checks.

Each figure is located by a curated *anchor*, a verbatim phrase of the report without digits that stands just
before the number (data/curated/figure-labels.csv). The number itself, its value, qualifier and offsets come
from ``find_numbers`` on the raw text; only labels, units and period rules are curated.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from .arabic_numbers import NumberMatch, parse_number
from .errors import DataError
from .paths import CURATED, PROCESSED
from .schema import allowed
from .source import Report, load_report, sources

LABELS_CSV = CURATED / "figure-labels.csv"
EXCLUSION_REASONS_CSV = CURATED / "exclusion-reasons.csv"
FIGURES_CSV = PROCESSED / "figures.csv"
EXCLUSIONS_CSV = PROCESSED / "exclusions.csv"

FIGURE_COLUMNS = ["id", "section", "metric_en", "metric_ar", "value", "unit", "qualifier", "period", "quote",
                  "start", "end", "context", "note"]
EXCLUSION_COLUMNS = ["start", "end", "text", "value", "kind", "reason"]
PERIOD_RULES = ("report-year", "event-range", "following-year")
_ISO_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
# Between an anchor and its number only spaces, a comma or the conjunction 'و' may stand.
_ANCHOR_GAP = re.compile(r"^[\s،,و]*$")
_CLAUSE_END = re.compile(r"[،؛:\n]|\.(?!\d)")  # clause boundaries; a dot between digits is not one


def read_curated(path: Path, required: list[str]) -> list[tuple[int, dict]]:
    """Rows of a curated CSV as (row number, dict), with a one-line DataError for a missing column or cell."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(path, "column missing from the header", row=0, field=missing[0], line=1)
        rows = list(reader)
    for n, row in enumerate(rows, start=1):
        for column in required:
            if not (row.get(column) or "").strip():
                raise DataError(path, "empty", row=n, field=column, line=n + 1)
    return list(enumerate(rows, start=1))


def locate(report: Report, anchor: str, path: Path, row: int) -> NumberMatch:
    """The number that follows ``anchor`` (which must occur exactly once in the report)."""
    count = report.text.count(anchor)
    if count != 1:
        raise DataError(path, f"anchor {anchor!r} occurs {count} times in the report, expected once",
                        row=row, field="anchor", line=row + 1)
    at = report.text.index(anchor)
    after = at + len(anchor)
    for m in report.numbers:
        if m.start >= after:
            if not _ANCHOR_GAP.match(report.raw[after:m.start]):
                break
            return m
    raise DataError(path, f"no number directly after the anchor {anchor!r}", row=row, field="anchor", line=row + 1)


def context_of(report: Report, start: int, end: int, min_chars: int = 30) -> str:
    """The clause around [start, end), widened by one clause on a side shorter than ``min_chars``."""
    text = report.text
    cuts = [m.start() for m in _CLAUSE_END.finditer(text)]
    before = [c for c in cuts if c < start]
    after = [c for c in cuts if c >= end]
    left = before[-1] + 1 if before else 0
    if start - left < min_chars and len(before) >= 2 and text[before[-1]] != "\n":
        left = before[-2] + 1
    right = after[0] if after else len(text)
    if right - end < min_chars and len(after) >= 2 and text[after[0]] != "\n":
        right = after[1]
    return text[left:right].strip()


def period_of(report: Report, rule: str, m: NumberMatch, path: Path, row: int) -> str:
    """The ISO period of a figure: a literal ISO value, or a rule read from the text around it."""
    if _ISO_PERIOD.match(rule):
        return rule
    dates = [d for d in report.dates if d.iso]
    if rule == "report-year":
        return str(report.year)
    if rule == "event-range":  # the date range of the figure's paragraph, else the last one before it
        ranges = [d for d in dates if "/" in d.iso]
        lo, hi = report.paragraph_bounds(m.start)
        here = [d for d in ranges if lo <= d.start < hi] or [d for d in ranges if d.end <= m.start][-1:]
        if here:
            return here[0].iso
    elif rule == "following-year":
        years = [d for d in dates if d.iso.isdigit() and d.start >= m.end]
        if years:
            return years[0].iso
    else:
        raise DataError(path, f"{rule!r} is neither an ISO period nor one of {', '.join(PERIOD_RULES)}",
                        row=row, field="period", line=row + 1)
    raise DataError(path, f"rule {rule!r} finds no date in the text", row=row, field="period", line=row + 1)


def build_figures(report: Report | None = None, labels: Path = LABELS_CSV) -> pd.DataFrame:
    """One row per figure of the report, values parsed from the raw text at the anchors of ``labels``."""
    report = report or load_report()
    rows = []
    seen: dict[str, int] = {}
    for n, label in read_curated(labels, ["id", "section", "anchor", "metric_en", "metric_ar", "unit", "period"]):
        if label["id"] in seen:
            raise DataError(labels, f"duplicate id (also row {seen[label['id']]})", row=n, field="id", line=n + 1)
        seen[label["id"]] = n
        m = locate(report, label["anchor"], labels, n)
        if m.value is None:
            raise DataError(labels, f"the number {m.text!r} after the anchor cannot be read whole: {m.reason}",
                            row=n, field="anchor", line=n + 1)
        rows.append({
            "id": label["id"], "section": label["section"], "metric_en": label["metric_en"],
            "metric_ar": label["metric_ar"], "value": m.value, "unit": label["unit"], "qualifier": m.qualifier,
            "period": period_of(report, label["period"], m, labels, n), "quote": m.text, "start": m.start,
            "end": m.end, "context": context_of(report, m.start, m.end), "note": label.get("note") or "",
        })
    figures = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    taken = figures.groupby(["start", "end"])["id"].apply(list)
    for (start, end), ids in taken.items():
        if len(ids) > 1:
            raise DataError(labels, f"ids {', '.join(ids)} point at the same number {report.raw[start:end]!r}",
                            field="anchor")
    return figures


def build_exclusions(figures: pd.DataFrame, report: Report | None = None,
                     reasons: Path = EXCLUSION_REASONS_CSV) -> pd.DataFrame:
    """Every number of the report that is not a figure, with the reason; fails on any number left unaccounted."""
    report = report or load_report()
    curated = {}
    for n, row in read_curated(reasons, ["anchor", "kind", "reason"]):
        m = locate(report, row["anchor"], reasons, n)
        curated[(m.start, m.end)] = (row["kind"], row["reason"])
    dates = [d for d in report.dates if d.iso]  # a date-shaped text that is no date explains nothing
    published = sources()[report.path.name]["published"]
    taken = set(zip(figures["start"], figures["end"]))
    rows = []
    for m in report.numbers:
        if (m.start, m.end) in taken:
            continue
        in_date = next((d for d in dates if d.start <= m.start and m.end <= d.end), None)
        if (m.start, m.end) in curated:
            kind, reason = curated[(m.start, m.end)]
        elif in_date is not None:
            kind = "year" if in_date.iso.isdigit() else "date"
            what = "date range" if "/" in in_date.iso else kind
            reason = f"Part of the {what} {in_date.text!r} ({in_date.iso})"
            if in_date.iso == published:
                reason += ", the article's publication date"
        elif m.value is None:
            raise DataError(report.path, f"the number expression {m.text!r} at {m.start}-{m.end} cannot be read "
                                         f"whole ({m.reason}): list it in {reasons.name} with the reason")
        else:
            raise DataError(report.path, f"the number {m.text!r} at {m.start}-{m.end} is neither a figure nor an "
                                         f"exclusion: add it to {LABELS_CSV.name} or {reasons.name}")
        rows.append({"start": m.start, "end": m.end, "text": m.text, "value": m.value, "kind": kind,
                     "reason": reason})
    return pd.DataFrame(rows, columns=EXCLUSION_COLUMNS)


# ---------------------------------------------------------------------------------------------------------------
# Loading with checks: what a notebook reads is what the raw text says, or it stops with a one-line error.
def load_figures(path: Path = FIGURES_CSV, report: Report | None = None) -> pd.DataFrame:
    """figures.csv, checked row by row against the raw report; indexed by ``id``."""
    report = report or load_report()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(path, f"cannot be read as CSV ({type(err).__name__})") from None
    missing = [c for c in FIGURE_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(path, "column missing from the header", row=0, field=missing[0], line=1)
    qualifiers = {m.start: m.qualifier for m in report.numbers}
    records = [_checked_row(row, i, path, report, qualifiers) for i, row in enumerate(table.to_dict("records"), 1)]
    figures = pd.DataFrame(records, columns=FIGURE_COLUMNS)
    duplicated = figures["id"][figures["id"].duplicated()]
    if len(duplicated):
        n = int(duplicated.index[0]) + 1
        raise DataError(path, f"duplicate id {duplicated.iloc[0]!r}", row=n, field="id", line=n + 1)
    return figures.set_index("id", drop=False)


def _checked_row(row: dict, n: int, path: Path, report: Report, qualifiers: dict[int, str]) -> dict:
    def fail(field: str, problem: str):
        raise DataError(path, problem, row=n, field=field, line=n + 1)

    out = dict(row)
    for field in ("value", "start", "end"):
        try:
            number = float(row[field])
        except ValueError:
            fail(field, f"{row[field]!r} is not a number")
        out[field] = int(number) if number.is_integer() else number
    if not isinstance(out["start"], int) or not isinstance(out["end"], int) or \
            not 0 <= out["start"] < out["end"] <= report.end:
        fail("start", f"offsets {row['start']}-{row['end']} are not inside the report (0-{report.end})")
    at_offsets = report.raw[out["start"]: out["end"]]
    if at_offsets != row["quote"]:
        fail("quote", f"{row['quote']!r} is not at offsets {out['start']}-{out['end']} of "
                      f"{report.path.name}, which hold {at_offsets!r}")
    read = parse_number(row["quote"])
    if read != out["value"]:
        fail("value", f"{row['value']} differs from the quote {row['quote']!r}, which reads {read}")
    qualifiers_allowed = allowed("figures", "qualifier")
    if row["qualifier"] not in qualifiers_allowed:
        fail("qualifier", f"{row['qualifier']!r} is not one of {', '.join(qualifiers_allowed)}")
    if qualifiers.get(out["start"]) != row["qualifier"]:
        fail("qualifier", f"{row['qualifier']!r} but the text says {qualifiers.get(out['start'])!r}")
    if not _ISO_PERIOD.match(row["period"]):
        fail("period", f"{row['period']!r} is not an ISO year, date or range")
    return out
