"""Every figure of every source as one table: what each outlet printed, read from its words, and reconciled.

Two sources feed ``data/processed/observations.csv``:

- the press coverage (data/raw/press-coverage.tsv): each row's ``figure_text`` is read in its ``quote`` by
  :func:`helpers.reading.quantities.read_quantity` (value, unit, qualifier, direction), and its figure is the one its hint
  names (data/curated/figure-hints.csv, or observation-figures.csv for a split hint);
- the article of the communication section (data/raw/dgsn-2025-security-communication.ar.txt): its figures
  (helpers.build.figures, located by curated anchors) become observations of outlet ``ash24`` with their offsets in the
  raw text, read by the same quantity reader from the clause around them.

Then each (report year, figure) is reconciled (helpers.build.reconcile) into ``report-figures.csv``.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd

from helpers.build.figures import build_figures
from helpers.build.reconcile import Obs, Reconciled, copy_clusters, reconcile
from helpers.datapackage import schema
from helpers.datapackage.article import Report, load_report
from helpers.datapackage.csvio import frame, whole
from helpers.datapackage.curation import Curation, load_curation
from helpers.datapackage.press import PRESS_TSV, load_press
from helpers.datapackage.raw import sources
from helpers.errors import DataError
from helpers.paths import PROCESSED, RAW_REPORT
from helpers.reading.quantities import QuantityError, read_quantity

OBSERVATIONS_CSV = PROCESSED / "observations.csv"
REPORT_FIGURES_CSV = PROCESSED / "report-figures.csv"
ARTICLE_OUTLET = "ash24"


def press_observations(curation: Curation, rows: list[dict[str, str]], path: Path = PRESS_TSV) -> list[dict]:
    """One dict per press row: its figure, and the quantity read from its quote (a one-line error otherwise)."""
    out = []
    for n, row in enumerate(rows, start=1):
        key = (row["section"], row["metric_en"])
        if row["obs"] not in curation.moved and key not in curation.hints:
            raise DataError(path, f"{row['obs']}: the hint {row['metric_en']!r} of section {row['section']!r} "
                                  "has no figure in figure-hints.csv", row=n, field="metric_en", line=n + 1)
        figure = curation.figure_of(row)
        metric = curation.metrics[figure]
        if metric["section"] != row["section"] and row["obs"] not in curation.moved:
            raise DataError(path, f"{row['obs']}: figure {figure!r} belongs to section {metric['section']!r}",
                            row=n, field="section", line=n + 1)
        try:
            q = read_quantity(row["quote"], row["figure_text"], row["lang"], obs=row["obs"], unit=metric["unit"],
                              change=metric["kind"] == "change")
        except QuantityError as err:
            raise DataError(path, str(err), row=n, field="figure_text", line=n + 1) from None
        out.append({
            "obs": row["obs"], "report_year": int(row["report_year"]), "figure": figure, "section": metric["section"],
            "outlet": row["outlet"], "url": row["url"], "lang": row["lang"], "published": row["published"],
            "quote": row["quote"], "figure_text": row["figure_text"], "value": q.value, "unit": q.unit,
            "qualifier": q.qualifier, "direction": q.direction, "source": path.name, "quote_start": q.start,
            "quote_end": q.end, "source_start": None, "source_end": None,
        })
    return out


def article_observations(curation: Curation, report: Report, figures: pd.DataFrame) -> list[dict]:
    """One dict per figure of the raw article: the clause around it as the quote, offsets into the raw text."""
    meta = sources()[report.path.name]
    out = []
    for n, fig in enumerate(figures.sort_values("start").to_dict("records"), start=1):
        figure = fig["id"]
        if figure not in curation.metrics:
            raise DataError(report.path, f"figure {figure!r} of the article has no row in metrics.csv",
                            field="figure")
        metric = curation.metrics[figure]
        quote, start, end = fig["context"], int(fig["start"]), int(fig["end"])
        quote_at = _context_start(report, quote, start, end)
        try:
            q = read_quantity(quote, fig["quote"], "ar", obs=f"a{n:02d}", unit=metric["unit"],
                              change=metric["kind"] == "change")
        except QuantityError as err:
            raise DataError(report.path, str(err), field="figure_text") from None
        if q.start != start - quote_at or Decimal(str(fig["value"])) != q.value:
            raise DataError(report.path, f"a{n:02d}: the article's figure {figure!r} reads {q.value} at "
                                         f"{q.start + quote_at}, but figures.csv has {fig['value']} at {start}",
                            field="figure_text")
        out.append({
            "obs": f"a{n:02d}", "report_year": report.year, "figure": figure, "section": metric["section"],
            "outlet": ARTICLE_OUTLET, "url": meta.get("url") or "", "lang": "ar", "published": meta["published"],
            "quote": quote, "figure_text": fig["quote"], "value": q.value, "unit": q.unit,
            "qualifier": q.qualifier, "direction": q.direction, "source": report.path.name,
            "quote_start": q.start, "quote_end": q.end, "source_start": start, "source_end": end,
        })
    return out


def _context_start(report: Report, context: str, start: int, end: int) -> int:
    """Where the clause ``context`` around [start, end) begins in the raw text."""
    at = report.raw.rfind(context, max(0, end - len(context)), start + len(context))
    if at < 0 or not at <= start < end <= at + len(context):
        raise DataError(report.path, f"the context of the figure at {start}-{end} is not around it", field="context")
    return at


def build_observations(report: Report | None = None, curation: Curation | None = None,
                       figures: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(observations, report figures): every observation read and reconciled, and one row per (year, figure)."""
    report = report or load_report(RAW_REPORT)
    curation = curation or load_curation()
    figures = build_figures(report) if figures is None else figures
    rows = article_observations(curation, report, figures) + press_observations(curation, load_press())
    obs = [Obs(obs=r["obs"], report_year=r["report_year"], figure=r["figure"], outlet=r["outlet"],
               page=r["url"] or r["outlet"], quote=r["quote"], value=r["value"], qualifier=r["qualifier"],
               direction=r["direction"]) for r in rows]
    clusters = copy_clusters(obs)
    groups: dict[tuple[int, str], list[Obs]] = defaultdict(list)
    for o in obs:
        o.copy_cluster = clusters.get(o.page, "")
        groups[(o.report_year, o.figure)].append(o)
    results = _reconcile_all(groups, curation)
    by_id = {o.obs: o for o in obs}
    for r in rows:
        o = by_id[r["obs"]]
        r.update(agreement=o.agreement, cause=o.cause, cause_detail=o.cause_detail, source_group=o.source_group,
                 copy_cluster=o.copy_cluster, value=whole(r["value"]))
    observations = frame(rows, "observations")
    for column in ("source_start", "source_end"):
        observations[column] = observations[column].astype("Int64")
    return observations, _report_figures(results, curation)


def _reconcile_all(groups: dict[tuple[int, str], list[Obs]], curation: Curation) -> dict[tuple[int, str], Reconciled]:
    """Reconcile every group; the likely cause of a differing value may point at another figure of the section.

    Figures are reconciled twice: first to know each figure's value, then again with the other figures' values
    at hand for the causes (the values themselves do not depend on the causes).
    """
    first = {key: reconcile(group, {}) for key, group in groups.items()}
    results = {}
    for (year, figure), group in groups.items():
        section, unit = curation.metrics[figure]["section"], curation.metrics[figure]["unit"]
        others = {f: r.value for (y, f), r in first.items()
                  if y == year and f != figure and r.value is not None
                  and curation.metrics[f]["section"] == section and curation.metrics[f]["unit"] == unit}
        results[(year, figure)] = reconcile(group, others)
    return results


def _report_figures(results: dict[tuple[int, str], Reconciled], curation: Curation) -> pd.DataFrame:
    rows = []
    for (year, figure), r in sorted(results.items(), key=lambda kv: (kv[0][0], _order(curation, kv[0][1]))):
        metric = curation.metrics[figure]
        rows.append({
            "report_year": year, "figure": figure, "section": metric["section"], "metric_en": metric["metric_en"],
            "metric_ar": metric["metric_ar"], "unit": metric["unit"], "kind": metric["kind"],
            "value": whole(r.value), "qualifier": r.qualifier,
            "direction": r.direction, "status": r.status, "outlets": len({o.outlet for o in r.observations}),
            "observations": len(r.observations), "independent_sources": r.independent_sources,
            "supporting_sources": r.supporting_sources, "values_stated": r.values_stated,
            "obs_ids": " ".join(o.obs for o in r.observations), "note": r.note,
        })
    table = frame(rows, "report_figures")
    table["value"] = pd.Series([row["value"] for row in rows], dtype=object, index=table.index)
    return table


def _order(curation: Curation, figure: str) -> int:
    """Figures in the order of metrics.csv (sections, then the curators' order)."""
    return list(curation.metrics).index(figure)
