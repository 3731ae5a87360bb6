"""The changes the reports state, as the notebooks tell them: a few sentences in each language, from the data."""
from __future__ import annotations

import pandas as pd

from helpers.language import labels, wording


def summary(changes: pd.DataFrame, report_figures: pd.DataFrame) -> tuple[str, str]:
    """The stated changes in a few sentences, in Arabic and in English (bullets for ``notebook.say``)."""
    names = {r["figure"]: (r["metric_en"], r["metric_ar"]) for r in report_figures.to_dict("records")}
    ar, en = [], []
    for year in sorted(set(changes["report_year"]), reverse=True):
        part = changes[changes["report_year"] == year]
        counts = part["status"].value_counts()
        order = [s for s in labels.value_labels("stated_changes", "status") if s in counts]
        ar.append(f"تقرير {year}: {wording.number(len(part), 'ar')} تغيرا معلنا؛ " + "، ".join(
            f"{wording.number(int(counts[s]), 'ar')} {labels.value_label('stated_changes', 'status', s).label('ar')}"
            for s in order) + ".")
        en.append(f"The {year} report: {wording.number(len(part), 'en')} stated changes; " + ", ".join(
            f"{wording.number(int(counts[s]), 'en')} {labels.value_label('stated_changes', 'status', s).label('en')}"
            for s in order) + ".")
    for r in changes[changes["matches_other"].fillna("") != ""].to_dict("records"):
        others = r["matches_other"].split()
        ar.append(f"{r['metric_ar']} ({r['report_year']}): النسبة المعلنة لا توافق هذا الرقم، لكنها توافق تغير "
                  + "، ".join(names[f][1] for f in others) + ".")
        en.append(f"{r['metric_en']} ({r['report_year']}): the stated percent does not fit this figure but fits the "
                  "change of " + "; ".join(names[f][0] for f in others) + ".")
    return "\n".join(f"- {x}" for x in ar), "\n".join(f"- {x}" for x in en)
