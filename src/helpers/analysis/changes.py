"""The changes the reports state, as the notebooks tell them: counts by report and comparison, and a few
sentences in each language, from the data."""
from __future__ import annotations

import pandas as pd

from helpers.language import labels, wording

STATUSES = ("consistent", "inconsistent", "not_checkable")


def by_report(changes: pd.DataFrame) -> pd.DataFrame:
    """Per report year and comparison (``before_from``): how many stated changes are consistent, inconsistent
    or not checkable, and the share consistent among those the levels can check (None when none can be)."""
    rows = []
    for (year, before_from), part in changes.groupby(["report_year", "before_from"], sort=True):
        counts = part["status"].value_counts()
        checkable = int(counts.get("consistent", 0) + counts.get("inconsistent", 0))
        rows.append({"report_year": int(year), "before_from": before_from,
                     **{s: int(counts.get(s, 0)) for s in STATUSES}, "checkable": checkable,
                     "consistent_share": None if not checkable else
                     round(100 * int(counts.get("consistent", 0)) / checkable, 1)})
    table = pd.DataFrame(rows, columns=["report_year", "before_from", *STATUSES, "checkable", "consistent_share"])
    table["consistent_share"] = pd.Series(list(table["consistent_share"]), dtype=object, index=table.index)
    return table.sort_values(["report_year", "before_from"], ascending=[False, False], kind="stable").reset_index(
        drop=True)


def summary(changes: pd.DataFrame, report_figures: pd.DataFrame) -> tuple[str, str]:
    """The stated changes in a few sentences, in Arabic and in English (bullets for ``notebook.say``): per report,
    against the previous report's levels and against the levels it cites itself; the percents that fit another
    figure."""
    names = {r["figure"]: (r["metric_en"], r["metric_ar"]) for r in report_figures.to_dict("records")}
    ar, en = [], []

    def counted(row, lang):
        order = [s for s in STATUSES if row[s]]
        sep = "، " if lang == "ar" else ", "
        return sep.join(f"{wording.number(row[s], lang)} {labels.value_label('stated_changes', 'status', s).label(lang)}"
                        for s in order)

    for row in by_report(changes).to_dict("records"):
        total = row["consistent"] + row["inconsistent"] + row["not_checkable"]
        if row["before_from"] == "previous_report":
            ar.append(f"تقرير {row['report_year']}: {wording.count(total, 'changes', 'ar')} مقارنة بمستويات "
                      f"تقرير {row['report_year'] - 1}؛ {counted(row, 'ar')}.")
            en.append(f"The {row['report_year']} report: {wording.count(total, 'changes', 'en')} against the "
                      f"{row['report_year'] - 1} report's levels; {counted(row, 'en')}.")
        else:
            ar.append(f"تقرير {row['report_year']}: {wording.count(total, 'changes', 'ar')} مقارنة بمستوى السنة "
                      f"السابقة كما يذكره التقرير نفسه؛ {counted(row, 'ar')}.")
            en.append(f"The {row['report_year']} report: {wording.count(total, 'changes', 'en')} against the "
                      f"previous year's level as the report itself cites it; {counted(row, 'en')}.")
    for r in changes[changes["matches_other"].fillna("") != ""].to_dict("records"):
        others = r["matches_other"].split()
        ar.append(f"{r['metric_ar']} ({r['report_year']}): النسبة المعلنة لا توافق هذا الرقم، لكنها توافق، في "
                  "حدود التقريب، تغير " + "، ".join(names[f][1] for f in others) + ".")
        en.append(f"{r['metric_en']} ({r['report_year']}): the stated percent does not fit this figure but fits, "
                  "within its rounding, the change of " + "; ".join(names[f][0] for f in others) + ".")
    return "\n".join(f"- {x}" for x in ar), "\n".join(f"- {x}" for x in en)
