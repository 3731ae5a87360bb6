"""Revisions: the previous year's level as a report cites it, beside the level the previous report published.

``data/processed/revisions.csv``, one row per (report year, level figure) the report cites for the year before it
(metrics.csv kind ``prior_year``, its ``change_of`` the level):

- ``cited``: the level as this report cites it ("against 738,748 cases in 2023"), reconciled across outlets;
- ``published``: the level the previous year's report published, reconciled across outlets (for a communication
  figure the press file does not carry that year, the value of the 2017-2025 series, which other press reports
  of that report give: panel.csv);
- ``status``: ``same`` when they are equal or one is a rounding of the other (the reconciliation's rounding rule,
  helpers.build.reconcile.consistent: "744 ألف" is the same as 744,123); ``revised`` when they differ: the
  report's number for that year changed between the two reports (a revision, not an error of either);
  ``not_published`` when the collection holds no value of the previous report for that level (its coverage does
  not state it, or the previous report is not in the collection); ``not_comparable`` when either side has no
  value the outlets agree on (a conflict left open).

Each side carries the observation ids it rests on and its reconciliation status (a value stated by a single source
is marked as such), so a revision can be checked at its quotes.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from helpers.build.reconcile import consistent, place_value
from helpers.datapackage import schema
from helpers.datapackage.csvio import frame, whole
from helpers.datapackage.curation import Curation


def _value(row: dict | None) -> Decimal | None:
    if row is None or row["value"] is None or pd.isna(row["value"]):
        return None
    return Decimal(str(row["value"]))


def _from_series(panel_row: dict | None, year: int) -> dict | None:
    """The panel's value of a communication figure in ``year`` when it comes from the series, as a report figure."""
    if panel_row is None or panel_row.get(f"status_{year}", "not_stated") == "not_stated":
        return None
    return {"value": panel_row[f"value_{year}"], "qualifier": panel_row[f"qualifier_{year}"],
            "status": panel_row[f"status_{year}"], "obs_ids": f"series.csv:{panel_row['series_metric']}:{year}"}


def same(a: Decimal, qa: str, b: Decimal, qb: str) -> bool:
    """Two statements of one level agree up to rounding: equal, or one a rounding (or bound) of the other."""
    return a == b or consistent(a, qa or "exact", b) or consistent(b, qb or "exact", a)


def build_revisions(report_figures: pd.DataFrame, curation: Curation, panel: pd.DataFrame) -> pd.DataFrame:
    values = {(int(r["report_year"]), r["figure"]): r for r in report_figures.to_dict("records")}
    series_years = {r["figure"]: r for r in panel.to_dict("records") if r["series_metric"]}
    years = set(schema.allowed("press_coverage", "report_year"))
    rows = []
    for (year, figure), cited in sorted(values.items()):
        metric = curation.metrics[figure]
        if metric["kind"] != "prior_year" or not metric["change_of"]:
            continue
        level = metric["change_of"]
        published = values.get((year - 1, level)) or _from_series(series_years.get(level), year - 1)
        c, p = _value(cited), _value(published)
        row = {"report_year": year, "figure": level, "prior_year_figure": figure, "section": metric["section"],
               "metric_en": curation.metrics[level]["metric_en"], "metric_ar": curation.metrics[level]["metric_ar"],
               "unit": curation.metrics[level]["unit"], "cited": whole(c), "cited_qualifier": cited["qualifier"],
               "cited_status": cited["status"], "cited_obs": cited["obs_ids"],
               "published": whole(p), "published_qualifier": published["qualifier"] if published else "",
               "published_status": published["status"] if published else "",
               "published_obs": published["obs_ids"] if published else "", "difference": None,
               "difference_pct": None, "status": "", "note": ""}
        if published is None:
            row["status"] = "not_published"
            row["note"] = (f"No {year - 1} report in the collection" if year - 1 not in years else
                           f"The coverage of the {year - 1} report states no value for this level")
            earlier = curation.metrics[level].get("continues")
            if earlier and (year - 1, earlier) in values and _value(values[(year - 1, earlier)]) is not None:
                row["note"] += (f"; it published {_value(values[(year - 1, earlier)]).normalize():f} under an earlier "
                                f"definition ({earlier}), not comparable")
        elif c is None or p is None:
            row["status"] = "not_comparable"
            row["note"] = "The outlets conflict on the " + ("cited level" if c is None else "published level") + \
                          " and no value is chosen"
        else:
            row["difference"] = whole(c - p)
            row["difference_pct"] = whole(((c - p) / p * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) \
                if p else None
            if same(c, cited["qualifier"], p, published["qualifier"]):
                row["status"] = "same"
                row["note"] = "Equal" if c == p else "Equal up to rounding"
            else:
                row["status"] = "revised"
                row["note"] = (f"The {year} report cites {c.normalize():f} for {year - 1}, where the {year - 1} "
                               f"report published {p.normalize():f}")
                if place_value(c) > place_value(p) and place_value(c) >= 10:
                    row["note"] += f"; the cited value is a round number (to the {place_value(c).normalize():f})"
        single = [side for side, r in (("cited", cited), ("published", published))
                  if r is not None and r["status"] == "single_source"]
        if single:
            row["note"] += "; " + " and ".join(single) + " level from a single source"
        rows.append(row)
    table = frame(rows, "revisions")
    for column in ("cited", "published", "difference", "difference_pct"):  # whole numbers stay whole
        table[column] = pd.Series([whole(v) for v in table[column]], dtype=object, index=table.index)
    return table
