"""The 2017-2025 series: this report's figures plus the figures other press reports give for earlier years.

One row per (year, metric). Metric names are made consistent across sources by a curated map
(data/curated/series-metrics.csv), which says for each source label whether it names the metric directly or the
mapping is an inference (column ``mapping``, explained in the row's note). Values come from figures.csv (verified
against the raw text) and from data/raw/secondary-figures.tsv (checksummed).

``check`` is computed from the sources, by the data package's rule, never copied by hand: ``no`` when this report
states the value or two publications agree on it, ``yes`` when one other report alone gives it or the sources
disagree. (The raw file's own ``check`` column, a compiler's remark, is read and validated but not used.)
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.build import bounds
from helpers.datapackage import schema
from helpers.datapackage.csvio import frame, read_table
from helpers.datapackage.raw import read_raw, read_raw_table, sources
from helpers.errors import DataError
from helpers.language.wording import citation
from helpers.paths import RAW_REPORT, RAW_SECONDARY

METRICS_CSV = schema.path("series_metrics")
LABELS_CSV = schema.path("figure_labels")
CITIES_CSV = schema.path("open_days_cities")
THIS_REPORT = "figures.csv"
DISAGREE = "sources disagree"  # the note that records a disagreement
_MONTHS_EN = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_DAYS = re.compile(r"\b(\d{1,2})-(\d{1,2}) (" + "|".join(_MONTHS_EN) + r")\b")
_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th) edition\b")


def read_secondary(path: Path = RAW_SECONDARY) -> list[tuple[int, int, dict]]:
    """Rows of secondary-figures.tsv as (row number, line number, dict), checked by its checksum, its schema and its
    row count (sources.json)."""
    text = read_raw(path)  # the raw copy is the recorded one, byte for byte
    comments = next((i for i, line in enumerate(text.splitlines()) if not line.startswith("#")), 0)
    return [(n, comments + 1 + n, {**row, "year": int(row["year"]), "value": int(row["value"])})
            for n, row in enumerate(read_raw_table(path, "secondary_figures"), start=1)]


def _metric_map(path: Path = METRICS_CSV):
    """(labels and unit by metric, figure id -> metric, [(source metric, years, metric, mapping, note)]).

    A source label may map differently in some years: rows naming years come before the "*" rows, so that
    the most specific mapping wins.
    """
    labels, by_figure, by_source = {}, {}, []
    for n, row in enumerate(read_table(path, "series_metrics"), start=1):
        if row["mapping"] == "inferred" and not row["note"].strip():
            raise DataError(path, "an inferred mapping needs a note saying how it was inferred", row=n,
                            field="note", line=n + 1)
        labels.setdefault(row["metric"], (row["metric_en"], row["metric_ar"], row["unit"]))
        for figure_id in row["figure_ids"].split():
            by_figure[figure_id] = row["metric"]
        if row["source_metric"]:
            years = None if row["years"] in ("", "*") else {int(y) for y in row["years"].split()}
            by_source.append((row["source_metric"], years, row["metric"], row["mapping"], row["note"]))
    by_source.sort(key=lambda entry: entry[1] is None)  # year-specific first (a stable sort keeps the file order)
    return labels, by_figure, by_source


def _cities(path: Path = CITIES_CSV) -> dict[str, str]:
    return {row["city_en"]: row["city_ar"] for row in read_table(path, "open_days_cities")}


def _source_metric(text: str) -> tuple[str, str]:
    """'open days visitors (Agadir, 5th edition, 17-21 May)' -> ('open days visitors', 'Agadir, 5th edition, ...')."""
    m = re.match(r"^(.*?)\s*(?:\((.*)\))?$", text)
    return m.group(1), m.group(2) or ""


def _open_days_details(text: str, year: int, cities: dict[str, str]) -> dict:
    """City, edition and period of an Open Days figure, from its description in the secondary file."""
    city = next((c for c in cities if c in text), "")
    edition = _EDITION.search(text)
    days = _DAYS.search(text)
    period = str(year)
    if days:
        month = _MONTHS_EN[days.group(3)]
        period = f"{year}-{month:02d}-{int(days.group(1)):02d}/{year}-{month:02d}-{int(days.group(2)):02d}"
    return {"city_en": city, "city_ar": cities.get(city, ""), "edition": int(edition.group(1)) if edition else None,
            "period": period}


def _observations(figures: pd.DataFrame) -> list[dict]:
    """Every (year, metric, value) statement from figures.csv and the secondary file, before merging."""
    labels, by_figure, by_source = _metric_map()
    cities = _cities()
    observations = []
    edition = figures.at["open_days.edition", "value"] if "open_days.edition" in figures.index else None
    city = next((c for c, ar in cities.items() if "open_days.edition" in figures.index
                 and ar in figures.at["open_days.edition", "context"]), "")
    for figure_id, metric in by_figure.items():
        fig = figures.loc[figure_id]
        if fig["unit"] != labels[metric][2]:  # a figure counts what its series counts
            raise DataError(LABELS_CSV, f"{figure_id}: unit {fig['unit']!r}, but its series metric {metric!r} "
                                        f"({METRICS_CSV.name}) counts {labels[metric][2]!r}", field="unit")
        details = {"period": fig["period"], "edition": None, "city_en": "", "city_ar": ""}
        if metric.startswith("open_days"):
            details.update(edition=edition, city_en=city, city_ar=cities.get(city, ""))
        observations.append({"year": int(fig["period"][:4]), "metric": metric, "value": fig["value"],
                             "qualifier": fig["qualifier"], **details, "source": f"{THIS_REPORT}:{figure_id}",
                             "quote": fig["quote"], "mapping": "direct", "primary": True, "note": ""})
    for n, line, row in read_secondary():
        base, _ = _source_metric(row["metric"])
        match = next(((metric, mapping, note) for source, years, metric, mapping, note in by_source
                      if source in (base, row["metric"]) and (years is None or row["year"] in years)), None)
        if match is None:
            raise DataError(RAW_SECONDARY, f"{row['metric']!r} has no series metric in {METRICS_CSV.name}",
                            row=n, field="metric", line=line)
        metric, mapping, note = match
        details = {"period": str(row["year"]), "edition": None, "city_en": "", "city_ar": ""}
        if metric.startswith("open_days"):
            details = _open_days_details(row["metric"], row["year"], cities)
        observations.append({"year": row["year"], "metric": metric, "value": row["value"],
                             "qualifier": row["qualifier"], **details, "source": row["url"], "quote": row["quote"],
                             "mapping": mapping, "primary": False, "note": note})
    for obs in observations:
        obs["metric_en"], obs["metric_ar"], obs["unit"] = labels[obs["metric"]]
    return observations


def publication(source: str) -> str:
    """The publication a source belongs to: all figures.csv rows are one (this report), each URL is one."""
    return THIS_REPORT if source.startswith(THIS_REPORT + ":") else source


def confirmation(sources: list[str], values: list[int]) -> str:
    """The data package's rule for ``check``: "no" if this report states the value or two publications agree
    on it, "yes" if the sources disagree or one other report alone gives it."""
    publications = {publication(s) for s in sources}
    if len(set(values)) > 1:
        return "yes"
    return "no" if THIS_REPORT in publications or len(publications) > 1 else "yes"


def _merged_qualifier(group: list[dict], lead: dict) -> tuple[str, str]:
    """One qualifier for a value several sources state, and a note when they qualify it differently.

    "only" is an exact count the source stresses: with "exact" it stays "only" (the emphasis is the source's).
    """
    qualifiers = list(dict.fromkeys(o["qualifier"] for o in group))
    if set(qualifiers) <= {"exact", "only"}:
        return ("only" if "only" in qualifiers else "exact"), ""
    if len(qualifiers) == 1:
        return qualifiers[0], ""
    return lead["qualifier"], "sources qualify it differently: " + "; ".join(
        f"{o['source']}: {o['qualifier']}" for o in group)


def _merge(group: list[dict]) -> dict:
    """One row from the statements of one (year, metric): agreeing sources confirm, disagreeing ones flag."""
    first = next((o for o in group if o["primary"]), group[0])  # this report's value leads
    values = [o["value"] for o in group]
    sources = list(dict.fromkeys(o["source"] for o in group))
    notes = [o["note"] for o in group if o["note"]]
    check = confirmation(sources, values)
    if len(set(values)) > 1:
        notes.append(f"{DISAGREE}: " + "; ".join(f"{o['source']} gives {o['value']:,}" for o in group))
    elif len({publication(s) for s in sources}) > 1:
        notes.append(f"confirmed by {len(sources)} sources")
    qualifier, qualifier_note = _merged_qualifier(group, first)
    if qualifier_note:
        notes.append(qualifier_note)
    row = {k: first[k] for k in ("year", "metric", "metric_en", "metric_ar", "unit", "value", "period",
                                 "edition", "city_en", "city_ar")}
    for o in group:  # fill details (edition, city, dates) that only another statement gives
        for key in ("edition", "city_en", "city_ar"):
            row[key] = row[key] or o[key]
    mapping = "direct" if any(o["mapping"] == "direct" for o in group) else "inferred"
    row.update(qualifier=qualifier, sources=" | ".join(sources),
               quotes=" | ".join(dict.fromkeys(o["quote"] for o in group)), check=check, mapping=mapping,
               note="; ".join(dict.fromkeys(notes)))
    return row


def _complete_open_days(rows: list[dict]) -> None:
    """Give every Open Days row its edition's number, city and dates (known from that year's visitors row)."""
    editions = {r["year"]: r for r in rows if r["metric"] == "open_days_visitors"}
    for row in rows:
        event = editions.get(row["year"])
        if not row["metric"].startswith("open_days") or event is None:
            continue
        for key in ("edition", "city_en", "city_ar"):
            row[key] = row[key] or event[key]
        if row["period"] == str(row["year"]) and "/" in event["period"]:
            first_day = row["metric"] == "open_days_first_day_visitors"
            row["period"] = event["period"].split("/")[0] if first_day else event["period"]


REPEAT_THRESHOLD = 100  # a value this small may well recur by chance (29 denials in two years is no signal)


def repeated_values(series: pd.DataFrame) -> list[tuple[str, int, list[int]]]:
    """(metric, value, years) for a metric that has the very same value, of REPEAT_THRESHOLD or more, in two
    different years (a possible copied figure)."""
    found = []
    for metric, rows in series.groupby("metric"):
        for value, same in rows.groupby("value"):
            if len(same) > 1 and value >= REPEAT_THRESHOLD:
                found.append((metric, int(value), sorted(int(y) for y in same["year"])))
    return found


def build_series(figures: pd.DataFrame) -> pd.DataFrame:
    """data/processed/series.csv: one row per (year, metric), sources merged, ``check`` computed."""
    figures = figures.set_index("id", drop=False) if "id" in figures.columns else figures
    groups: dict[tuple[int, str], list[dict]] = {}
    for obs in _observations(figures):
        groups.setdefault((obs["year"], obs["metric"]), []).append(obs)
    rows = [_merge(group) for group in groups.values()]
    _complete_open_days(rows)
    series = frame(rows, "series")
    for metric, value, years in repeated_values(series):
        note = f"same value ({value:,}) in {', '.join(map(str, years))}: possibly a repeated figure"
        hit = (series["metric"] == metric) & (series["value"] == value)
        series.loc[hit, "note"] = [f"{n}; {note}" if n else note for n in series.loc[hit, "note"]]
    series["edition"] = series["edition"].astype("Int64")
    return series.sort_values(["metric", "year"], kind="stable").reset_index(drop=True)


def series_citation() -> tuple[str, str]:
    """The source line of a chart of the series, in Arabic and English: this report and the other reports."""
    report_ar, report_en = citation(RAW_REPORT.name)
    if RAW_SECONDARY.name not in sources():
        raise DataError(RAW_SECONDARY, "no provenance entry in sources.json")
    return (f"{report_ar}؛ وللسنوات السابقة تقارير صحفية أخرى، مصدر كل قيمة في series.csv",
            f"{report_en}; earlier years: other press reports, each value's source in series.csv")


# ---------------------------------------------------------------------------------------------------------------
# What the series says about how the report counts, computed from the data.
KINDS = ["communiques_and_press_news", "reportages", "digital_contents"]
# The words of the values accounting() and total_changes() give, in English and Arabic.
DEFINITIONS = {
    "includes denials": ("الأنواع والتكذيبات", "the kinds and the denials"),
    "excludes denials": ("الأنواع دون التكذيبات", "the kinds, not the denials"),
    "matches neither": ("لا هذا المجموع ولا ذاك", "neither sum"),
    "published totals": ("المجاميع المعلنة", "published totals"),
    "denials excluded": ("الأنواع دون التكذيبات", "kinds without the denials"),
    "denials included": ("الأنواع مع التكذيبات", "kinds with the denials"),
}


def _row(series: pd.DataFrame, year: int, metric: str):
    hit = series[(series["year"] == year) & (series["metric"] == metric)]
    return None if hit.empty else hit.iloc[0]


def accounting(series: pd.DataFrame) -> pd.DataFrame:
    """For each year with a published total of media activities: does it equal the kinds with or without denials?

    ``total_minus_kinds`` is what the total counts beyond the three kinds; its qualifier follows the total's
    (a total stated as a lower bound gives a lower bound). ``single_source``: some value of that year rests on one
    source; ``inferred``: some kind's mapping is inferred.
    """
    rows = []
    for year in sorted(series.loc[series["metric"] == "media_activities_total", "year"]):
        kinds = [_row(series, year, k) for k in KINDS]
        if any(k is None for k in kinds):
            continue
        total, denials = _row(series, year, "media_activities_total"), _row(series, year, "denials")
        without = sum(int(k["value"]) for k in kinds)
        with_denials = None if denials is None else without + int(denials["value"])
        definition = ("includes denials" if total["value"] == with_denials else
                      "excludes denials" if total["value"] == without else "matches neither")
        used = [total, *kinds] + ([denials] if denials is not None else [])
        rows.append({
            "year": year, "published_total": int(total["value"]), "total_qualifier": total["qualifier"],
            "kinds": without, "denials": None if denials is None else int(denials["value"]),
            "kinds_plus_denials": with_denials, "definition": definition,
            "total_minus_kinds": int(total["value"]) - without,
            "total_minus_kinds_qualifier": bounds.difference(total["qualifier"], bounds.total(
                k["qualifier"] for k in kinds)),
            "single_source": any(r["check"] == "yes" for r in used),
            "inferred": any(r["mapping"] == "inferred" for r in used),
        })
    return pd.DataFrame(rows)
