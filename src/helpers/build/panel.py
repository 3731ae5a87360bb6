"""The panel: every figure's value in each report year, as one wide table (``data/processed/panel.csv``).

One row per figure of metrics.csv that some source states in some year; for each report year of the collection
(the ``report_year`` values of the data package) its value, qualifier, status and number of outlets. A year no
source states has no value and the status ``not_stated``: unknown, never zero.

The values are those of report-figures.csv (the press, reconciled, and the 2025 article). The communication
section of the earlier reports is not in the press file; its figures come from the 2017-2025 series
(series.csv, other press reports of those years) for the level figures it maps (series-metrics.csv), so that the
series and the panel are one table where they count the same thing: such a value's status says what it rests on
(two publications agreeing: ``agreed``; one: ``single_source``; publications that disagree: ``conflict``), and
the row's ``series_metric`` names the series metric it comes from.

``continues`` names the figure a row continues under another definition (metrics.csv): the two rows are not one
series, and charts draw the break.
"""
from __future__ import annotations

import pandas as pd

from helpers.build.series import DISAGREE, THIS_REPORT, publication
from helpers.datapackage import schema
from helpers.datapackage.csvio import frame, read_table, whole
from helpers.datapackage.curation import Curation

PER_YEAR = ("value", "qualifier", "status", "outlets")


def report_years() -> list[int]:
    """The report years of the collection, in order (the data package's ``report_year`` values)."""
    return sorted(schema.allowed("press_coverage", "report_year"))


def _series_status(sources: str, note: str) -> str:
    publications = {publication(s) for s in sources.split(" | ")}
    if DISAGREE in note:
        return "conflict"
    return "agreed" if len(publications) > 1 or THIS_REPORT in publications else "single_source"


def _series_values(series: pd.DataFrame, curation: Curation) -> dict[str, tuple[str, dict[int, dict]]]:
    """Level figure -> (series metric, {year: its row}) for the communication figures the series maps."""
    by_metric = {m: {int(r["year"]): r for r in g.to_dict("records")} for m, g in series.groupby("metric")}
    out = {}
    for row in read_table(schema.path("series_metrics"), "series_metrics"):
        for figure in row["figure_ids"].split():
            metric = curation.metrics.get(figure)
            if metric is not None and metric["kind"] == "level" and row["metric"] in by_metric:
                out.setdefault(figure, (row["metric"], by_metric[row["metric"]]))
    return out


def build_panel(report_figures: pd.DataFrame, series: pd.DataFrame, curation: Curation) -> pd.DataFrame:
    years = report_years()
    stated = {(r["figure"], int(r["report_year"])): r for r in report_figures.to_dict("records")}
    from_series = _series_values(series, curation)
    figures = [f for f in curation.metrics if any((f, y) in stated for y in years)
               or (f in from_series and any(y in from_series[f][1] for y in years))]
    rows = []
    for figure in figures:
        metric = curation.metrics[figure]
        series_metric, by_year = from_series.get(figure, ("", {}))
        row = {"figure": figure, "section": metric["section"], "metric_en": metric["metric_en"],
               "metric_ar": metric["metric_ar"], "unit": metric["unit"], "kind": metric["kind"],
               "continues": metric.get("continues", ""), "series_metric": "", "years_stated": 0}
        for year in years:
            got = stated.get((figure, year))
            if got is not None:
                cells = (whole(got["value"]), got["qualifier"], got["status"], int(got["outlets"]))
            elif year in by_year:
                s = by_year[year]
                cells = (whole(s["value"]), s["qualifier"], _series_status(s["sources"], s["note"]),
                         len({publication(x) for x in s["sources"].split(" | ")}))
                row["series_metric"] = series_metric
            else:
                cells = (None, "", "not_stated", 0)
            row.update({f"{name}_{year}": cell for name, cell in zip(PER_YEAR, cells)})
            row["years_stated"] += cells[2] != "not_stated"
        rows.append(row)
    table = frame(rows, "panel")
    for year in years:
        table[f"value_{year}"] = pd.Series([whole(v) for v in table[f"value_{year}"]], dtype=object, index=table.index)
    return table
