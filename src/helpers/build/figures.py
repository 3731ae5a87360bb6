"""The article's figures as a table (data/processed/figures.csv) and the numbers that are not figures (exclusions.csv).

Each figure is located by a curated *anchor*, a verbatim phrase of the report without digits that stands just
before the number (data/curated/figure-labels.csv). The number itself, its value, qualifier and offsets come
from ``find_numbers`` on the raw text; only labels, units and period rules are curated.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.datapackage import schema
from helpers.datapackage.article import Report, load_report
from helpers.datapackage.csvio import frame, read_table
from helpers.datapackage.raw import sources
from helpers.errors import DataError
from helpers.reading import NumberMatch

LABELS_CSV = schema.path("figure_labels")
EXCLUSION_REASONS_CSV = schema.path("exclusion_reasons")
PERIOD_RULES = ("report-year", "event-range", "following-year")
_ISO_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
# Between an anchor and its number only spaces, a comma or the conjunction 'و' may stand.
_ANCHOR_GAP = re.compile(r"^[\s،,و]*$")
_CLAUSE_END = re.compile(r"[،؛:\n]|\.(?!\d)")  # clause boundaries; a dot between digits is not one


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
    ordinals = schema.ordinals("figures", "unit")
    for n, label in enumerate(read_table(labels, "figure_labels"), start=1):
        if label["id"] in seen:
            raise DataError(labels, f"duplicate id (also row {seen[label['id']]})", row=n, field="id", line=n + 1)
        seen[label["id"]] = n
        m = locate(report, label["anchor"], labels, n)
        if m.value is None:
            raise DataError(labels, f"the number {m.text!r} after the anchor cannot be read whole: {m.reason}",
                            row=n, field="anchor", line=n + 1)
        ordinal = label["unit"] in ordinals
        if ordinal != m.ordinal:  # a unit of another kind than the number: "2,400,000 editions", "the 6th visitors"
            raise DataError(labels, f"unit {label['unit']!r} is {'an ordinal (the n-th)' if ordinal else 'a count'}, "
                                    f"but {m.text!r} after the anchor is {'an ordinal' if m.ordinal else 'a count'}",
                            row=n, field="unit", line=n + 1)
        rows.append({
            "id": label["id"], "section": label["section"], "metric_en": label["metric_en"],
            "metric_ar": label["metric_ar"], "value": m.value, "unit": label["unit"], "qualifier": m.qualifier,
            "period": period_of(report, label["period"], m, labels, n), "quote": m.text, "start": m.start,
            "end": m.end, "context": context_of(report, m.start, m.end), "note": label.get("note") or "",
        })
    figures = frame(rows, "figures")
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
    for n, row in enumerate(read_table(reasons, "exclusion_reasons"), start=1):
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
    return frame(rows, "exclusions")
