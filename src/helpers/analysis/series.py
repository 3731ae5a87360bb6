"""The 2017-2025 series as the notebooks show it: values by year, what each rests on, the total's changes.

    yearly, year_range      a metric's values by year (a year no source states is None, never zero)
    basis, uncertainty      what each value rests on: this report, two agreeing sources, one source, disagreement
    uncertainty_note        the same in a paragraph in each language, from the data
    total_changes           the media-activities total's changes under each definition, with bounds
"""
from __future__ import annotations

import pandas as pd

from helpers.build import bounds
from helpers.build.series import DISAGREE, THIS_REPORT, accounting, publication
from helpers.language import wording


def yearly(series: pd.DataFrame, metric: str, years) -> list[dict]:
    """One entry per year of *years* for *metric*: value (None where no source publishes one), qualifier,
    whether it rests on one source only (``check == "yes"``) and whether its mapping is inferred."""
    rows = series[series["metric"] == metric].set_index("year")
    out = []
    for year in years:
        if year in rows.index:
            row = rows.loc[year]
            out.append({"year": year, "value": int(row["value"]), "qualifier": row["qualifier"],
                        "single_source": row["check"] == "yes", "inferred": row["mapping"] == "inferred"})
        else:
            out.append({"year": year, "value": None, "qualifier": None, "single_source": False, "inferred": False})
    return out


def year_range(series: pd.DataFrame, metrics) -> list[int]:
    """Every year from the first to the last that one of *metrics* has a value for (gaps included)."""
    years = series.loc[series["metric"].isin(list(metrics)), "year"]
    return list(range(int(years.min()), int(years.max()) + 1))


def basis(sources: str, note: str) -> str:
    """What one row of series.csv rests on: "this_report", "two_sources" (two publications agree),
    "one_source" (one other report alone) or "disagree" (the sources give different values)."""
    publications = {publication(s) for s in sources.split(" | ")}
    if DISAGREE in note:
        return "disagree"
    if THIS_REPORT in publications:
        return "this_report"
    return "two_sources" if len(publications) > 1 else "one_source"


BASES = ("this_report", "two_sources", "one_source", "disagree")


def uncertainty(series: pd.DataFrame) -> pd.DataFrame:
    """How many values of each metric rest on what (``basis``), how many are unconfirmed (``check == "yes"``)
    and how many have an inferred mapping. One row per metric, then the total."""
    rows = []
    for metric, group in series.groupby("metric", sort=False):
        bases = [basis(s, n) for s, n in zip(group["sources"], group["note"])]
        rows.append({"metric": metric, "values": len(group), **{b: bases.count(b) for b in BASES},
                     "unconfirmed": int((group["check"] == "yes").sum()),
                     "inferred": int((group["mapping"] == "inferred").sum())})
    table = pd.DataFrame(rows)
    total = table.drop(columns="metric").sum()
    return pd.concat([table, pd.DataFrame([{"metric": "total", **total.to_dict()}])], ignore_index=True)


def uncertainty_note(series: pd.DataFrame, report_year: int) -> tuple[str, str]:
    """Arabic and English paragraphs saying how many values of the series rest on what, from the data."""
    total = uncertainty(series).set_index("metric").loc["total"]
    earlier = series[series["year"] < report_year]
    n, unconfirmed = len(series), int(total["unconfirmed"])
    confirmed, single, inferred = n - unconfirmed, int(total["one_source"]), int(total["inferred"])
    earlier_unconfirmed = int((earlier["check"] == "yes").sum())

    def num(x, lang):
        return wording.number(x, lang)

    def values(x, lang):
        return wording.count(x, "values", lang)

    ar = (f"من أصل {values(n, 'ar')} في السلسلة، {num(confirmed, 'ar')} واردة في هذا التقرير أو في منشورين "
          f"متفقين، و{num(single, 'ar')} لم يرد كل منها إلا في تقرير صحفي آخر واحد"
          + (f"، و{num(int(total['disagree']), 'ar')} تختلف فيها المصادر" if total["disagree"] else "")
          + f". ومن {values(len(earlier), 'ar')} سابقة لسنة {report_year}، {num(earlier_unconfirmed, 'ar')} "
          f"غير مؤكدة. و{values(inferred, 'ar')} مطابقتها بالمؤشر مستنتجة (الملاحظة في كل صف تشرح ذلك).")
    en = (f"Of the {values(n, 'en')} in the series, {num(confirmed, 'en')} are stated by this report or by two "
          f"publications that agree, and {num(single, 'en')} come from one other press report only"
          + (f"; the sources disagree on {num(int(total['disagree']), 'en')}" if total["disagree"] else "")
          + f". Of the {values(len(earlier), 'en')} before {report_year}, {num(earlier_unconfirmed, 'en')} are "
          f"unconfirmed. {values(inferred, 'en').capitalize()} have an inferred mapping to their metric (each "
          "row's note says how).")
    return ar, en


def total_changes(series: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change of the media-activities total, under each definition, saying which one it uses.

    A change from or to a total stated as a bound carries the bound ("at least", "at most"), from helpers.bounds.
    """
    table = accounting(series).set_index("year")
    rows = []
    for before, after in zip(table.index[:-1], table.index[1:]):
        a, b = table.loc[before], table.loc[after]
        mixed = a["definition"] != b["definition"]
        for name, column, qualifiers in (
                ("published totals", "published_total", (a["total_qualifier"], b["total_qualifier"])),
                ("denials excluded", "kinds", ("exact", "exact")),
                ("denials included", "kinds_plus_denials", ("exact", "exact"))):
            change = int(b[column] - a[column])
            qualifier = bounds.difference(qualifiers[1], qualifiers[0])
            rows.append({
                "from": before, "to": after, "definition": name,
                "comparable": not (name == "published totals" and mixed),
                "before": int(a[column]), "before_qualifier": qualifiers[0],
                "after": int(b[column]), "after_qualifier": qualifiers[1],
                "change": change, "change_%": round(change / a[column] * 100, 1), "change_qualifier": qualifier,
            })
    return pd.DataFrame(rows)
