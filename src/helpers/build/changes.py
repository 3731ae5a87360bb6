"""Changes a report states ("-10 %"), set beside the change its levels imply: ``data/processed/stated-changes.csv``.

For each change figure of a report (metrics.csv kind ``change``) with a level figure (``change_of``), one row per
comparison, ``before_from`` saying which level before it uses:

- ``previous_report``: the level the previous year's report published (the change as a reader of both reports
  would check it); a report with no predecessor in the collection gives this row as ``not_checkable``;
- ``cited``: the previous year's level as this report itself cites it (metrics.csv kind ``prior_year``), when it
  does: a report that states both levels and the change is checked against itself.

When the two levels before differ, the report has revised its predecessor's figure (revisions.csv says so).

**Tolerance.** A stated percent is rounded to its last digit: "10 %" stands for [9.5, 10.5), "2,3 %" for
[2.25, 2.35). So the implied change must fall within half a unit of that digit of the stated magnitude, with the
stated direction. A qualifier widens it: ``about`` (حوالي 12 %) to a whole unit either side; ``more_than``
(تجاوزت 27 %) from half a unit below upwards; ``less_than`` up to half a unit above. Otherwise the status is
``inconsistent``: the levels published differ from what the stated change implies, which may mean the report
compares with revised figures; the table says so and accuses no one. A missing level, or one in conflict between
outlets with no value chosen, makes the change ``not_checkable``.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from helpers.datapackage import schema
from helpers.datapackage.csvio import frame, whole
from helpers.datapackage.curation import Curation
from helpers.paths import PROCESSED

STATED_CHANGES_CSV = PROCESSED / "stated-changes.csv"


def tolerance(stated: Decimal, qualifier: str) -> tuple[Decimal | None, Decimal | None]:
    """The interval (low, high) of magnitudes a stated percent allows; None for an open side."""
    half = Decimal(1).scaleb(min(stated.as_tuple().exponent, 0)) / 2  # half a unit of the last digit written
    if qualifier == "about":
        return stated - 2 * half, stated + 2 * half
    if qualifier == "more_than":
        return stated - half, None
    if qualifier == "less_than":
        return None, stated + half
    return stated - half, stated + half


def build_stated_changes(report_figures: pd.DataFrame, curation: Curation) -> pd.DataFrame:
    """One row per stated change and level before it can be compared with; its status by the tolerance rule."""
    values = {(int(r["report_year"]), r["figure"]): r for r in report_figures.to_dict("records")}
    years = set(schema.allowed("press_coverage", "report_year"))
    cited_of = {m["change_of"]: f for f, m in curation.metrics.items() if m["kind"] == "prior_year"}
    rows = []
    for (year, figure), change in values.items():
        metric = curation.metrics[figure]
        level = metric["change_of"]
        if change["kind"] != "change" or not level or pd.isna(change["value"]):
            continue
        comparisons = [("previous_report", values.get((year - 1, level)))]
        if level in cited_of and (year, cited_of[level]) in values:
            comparisons.append(("cited", values[(year, cited_of[level])]))
        for before_from, before in comparisons:
            rows.append(_comparison(values, curation, year, figure, change, level, before_from, before,
                                    has_previous=year - 1 in years))
    table = frame(rows, "stated_changes")
    for column in ("stated", "level_before", "level_after", "implied", "tolerance_low", "tolerance_high"):
        table[column] = pd.Series([whole(v) for v in table[column]], dtype=object, index=table.index)
    return table


def _comparison(values, curation: Curation, year: int, figure: str, change: dict, level: str, before_from: str,
                before: dict | None, has_previous: bool) -> dict:
    metric = curation.metrics[figure]
    stated = Decimal(str(change["value"]))
    sign = {"up": "+", "down": "-"}.get(change["direction"], "")
    after = values.get((year, level))
    row = {"report_year": year, "figure": figure, "level_figure": level, "section": metric["section"],
           "metric_en": curation.metrics[level]["metric_en"], "metric_ar": curation.metrics[level]["metric_ar"],
           "stated": float(f"{sign}{stated}") if sign else float(stated), "qualifier": change["qualifier"],
           "level_before": None, "before_from": before_from, "level_after": None, "implied": None,
           "status": "not_checkable", "matches_other": "", "note": ""}
    low, high = tolerance(stated, change["qualifier"] or "exact")
    row["tolerance_low"] = None if low is None else float(low)
    row["tolerance_high"] = None if high is None else float(high)
    if before_from == "previous_report" and not has_previous:
        row["note"] = f"No {year - 1} report in the collection"
        return row
    missing = [name for name, r in (("this year's level", after), ("the previous year's level", before))
               if r is None or pd.isna(r["value"])]
    if missing:
        row["note"] = "No value for " + " and ".join(missing) + (
            " (the outlets conflict)" if any(r is not None and pd.isna(r["value"]) for r in (after, before))
            else " in the data")
        return row
    a, b = Decimal(str(after["value"])), Decimal(str(before["value"]))
    implied = ((a - b) / b * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    row.update(level_before=before["value"], level_after=after["value"], implied=float(implied))
    within = _fits(a, b, change["direction"], low, high)
    row["status"] = "consistent" if within else "inconsistent"
    if not within and before_from == "previous_report":
        row["matches_other"] = " ".join(_other_fits(values, curation, year, level, metric["section"],
                                                     change["direction"], low, high))
    row["note"] = _note(row, after, before, before_from)
    return row


def _fits(after: Decimal, before: Decimal, direction: str, low, high) -> bool:
    """The change from ``before`` to ``after`` has the stated direction and a magnitude within [low, high]."""
    if before == 0:
        return False
    change = (after - before) / before * 100
    if (change > 0 and direction != "up") or (change < 0 and direction != "down") or change == 0:
        return False
    return (low is None or abs(change) >= low) and (high is None or abs(change) <= high)


def _other_fits(values, curation: Curation, year: int, level: str, section: str, direction: str, low, high):
    """Other levels of the same section, stated in both reports, whose change the stated percent fits: the
    change may have been attached to the wrong figure (in the report or by the outlets)."""
    for figure, metric in curation.metrics.items():
        if figure == level or metric["section"] != section or metric["kind"] != "level":
            continue
        after, before = values.get((year, figure)), values.get((year - 1, figure))
        if after is None or before is None or pd.isna(after["value"]) or pd.isna(before["value"]):
            continue
        if _fits(Decimal(str(after["value"])), Decimal(str(before["value"])), direction, low, high):
            yield figure


def _note(row, after, before, before_from) -> str:
    source = "the previous report" if before_from == "previous_report" else "as cited by this report"
    parts = [f"levels: {row['level_before']} ({source}, {before['status']}) to {row['level_after']} "
             f"({after['status']})"]
    if row["status"] == "inconsistent":
        parts.append("the levels published differ from what the stated change implies; the report may compare "
                     "with revised figures" if before_from == "previous_report" else
                     "the report's own levels differ from what its stated change implies")
    return "; ".join(parts)
