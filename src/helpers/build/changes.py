"""Changes a report states ("-10 %"), set beside the change its levels imply: ``data/processed/stated-changes.csv``.

For each change figure of a report (metrics.csv kind ``change``) whose level figure (``change_of``) has a value
that year, the level before is the value the previous year's report published (``before_from = previous_report``)
or, when that report is not in the data, the previous year's level as this report cites it (``cited``).

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
    """One row per stated change whose level figure exists; its status by the tolerance rule above."""
    values = {(int(r["report_year"]), r["figure"]): r for r in report_figures.to_dict("records")}
    cited_of = {m["change_of"]: f for f, m in curation.metrics.items() if m["kind"] == "prior_year"}
    rows = []
    for (year, figure), change in values.items():
        metric = curation.metrics[figure]
        level = metric["change_of"]
        if change["kind"] != "change" or not level or pd.isna(change["value"]):
            continue
        stated = Decimal(str(change["value"]))
        sign = {"up": "+", "down": "-"}.get(change["direction"], "")
        after = values.get((year, level))
        before, before_from = values.get((year - 1, level)), "previous_report"
        if before is None and level in cited_of:
            before, before_from = values.get((year, cited_of[level])), "cited"
        row = {"report_year": year, "figure": figure, "level_figure": level, "section": metric["section"],
               "metric_en": curation.metrics[level]["metric_en"], "metric_ar": curation.metrics[level]["metric_ar"],
               "stated": float(f"{sign}{stated}") if sign else float(stated), "qualifier": change["qualifier"],
               "level_before": None, "before_from": None, "level_after": None, "implied": None,
               "status": "not_checkable", "matches_other": "", "note": ""}
        low, high = tolerance(stated, change["qualifier"] or "exact")
        row["tolerance_low"] = None if low is None else float(low)
        row["tolerance_high"] = None if high is None else float(high)
        missing = [name for name, r in (("this year's level", after), ("the previous year's level", before))
                   if r is None or pd.isna(r["value"])]
        if missing:
            row["note"] = "No value for " + " and ".join(missing) + (
                " (the outlets conflict)" if any(r is not None and pd.isna(r["value"]) for r in (after, before))
                else " in the data")
            rows.append(row)
            continue
        a, b = Decimal(str(after["value"])), Decimal(str(before["value"]))
        implied = ((a - b) / b * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        row.update(level_before=before["value"], before_from=before_from, level_after=after["value"],
                   implied=float(implied))
        within = _fits(a, b, change["direction"], low, high)
        row["status"] = "consistent" if within else "inconsistent"
        if not within:
            row["matches_other"] = " ".join(_other_fits(values, curation, year, level, metric["section"],
                                                         change["direction"], low, high))
        row["note"] = _note(row, after, before, before_from, values, year, level, cited_of)
        rows.append(row)
    table = frame(rows, "stated_changes")
    for column in ("stated", "level_before", "level_after", "implied", "tolerance_low", "tolerance_high"):
        table[column] = pd.Series([whole(v) for v in table[column]], dtype=object, index=table.index)
    return table


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


def _note(row, after, before, before_from, values, year, level, cited_of) -> str:
    parts = [f"levels: {row['level_before']} ({'the previous report' if before_from == 'previous_report' else 'as cited by this report'}, "
             f"{before['status']}) to {row['level_after']} ({after['status']})"]
    cited = values.get((year, cited_of.get(level, "")))
    if before_from == "previous_report" and cited is not None and not pd.isna(cited["value"]):
        b = Decimal(str(cited["value"]))
        a = Decimal(str(after["value"]))
        implied = ((a - b) / b * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        parts.append(f"this report cites {cited['value']} for the previous year, which implies {implied:+} %")
    if row["status"] == "inconsistent":
        parts.append("the levels published differ from what the stated change implies; the report may compare "
                     "with revised figures")
    return "; ".join(parts)
