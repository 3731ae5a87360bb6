"""The 2022-2025 series: this report's figures plus the figures other press reports give for earlier years.

One row per (year, metric). Metric names are made consistent across sources by a curated map
(data/curated/series-metrics.csv); values come from figures.csv (verified against the raw text) and from
data/raw/secondary-figures.tsv (checksummed). A value stated by several sources is one row listing them all; where
they disagree, or where the only source is marked check=yes, the row has ``check == "yes"``.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from .errors import DataError
from .figures import read_curated
from .paths import CURATED, PROCESSED, RAW_SECONDARY
from .schema import allowed
from .source import read_raw

SERIES_CSV = PROCESSED / "series.csv"
METRICS_CSV = CURATED / "series-metrics.csv"
CITIES_CSV = CURATED / "open-days-cities.csv"
SERIES_COLUMNS = ["year", "metric", "metric_en", "metric_ar", "value", "qualifier", "period", "edition", "city_en",
                  "city_ar", "sources", "quotes", "check", "note"]
SECONDARY_FIELDS = ["year", "metric", "value", "qualifier", "url", "quote", "check"]
_MONTHS_EN = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_DAYS = re.compile(r"\b(\d{1,2})-(\d{1,2}) (" + "|".join(_MONTHS_EN) + r")\b")
_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th) edition\b")


def read_secondary(path: Path = RAW_SECONDARY) -> list[tuple[int, int, dict]]:
    """Rows of secondary-figures.tsv as (row number, line number, dict), each field checked."""
    lines = read_raw(path).splitlines()
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO("\n".join(lines[first:])), delimiter="\t")
    missing = [f for f in SECONDARY_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise DataError(path, "column missing from the header", row=0, field=missing[0], line=first + 1)
    rows = []
    for n, row in enumerate(reader, start=1):
        line = first + 1 + n

        def fail(field, problem):
            raise DataError(path, problem, row=n, field=field, line=line)

        for field in ("year", "value"):
            if not row[field].isdigit():
                fail(field, f"{row[field]!r} is not a whole number")
        if row["qualifier"] not in allowed("series", "qualifier"):
            fail("qualifier", f"{row['qualifier']!r} is not one of {', '.join(allowed('series', 'qualifier'))}")
        if row["check"] not in ("yes", "no"):
            fail("check", f"{row['check']!r} is neither yes nor no")
        rows.append((n, line, {**row, "year": int(row["year"]), "value": int(row["value"])}))
    return rows


def _metric_map(path: Path = METRICS_CSV):
    """(labels by metric, figure id -> metric, [(source metric, years, metric, note)])."""
    labels, by_figure, by_source = {}, {}, []
    for _, row in read_curated(path, ["metric", "metric_en", "metric_ar"]):
        labels.setdefault(row["metric"], (row["metric_en"], row["metric_ar"]))
        for figure_id in row["figure_ids"].split():
            by_figure[figure_id] = row["metric"]
        if row["source_metric"]:
            years = None if row["years"] in ("", "*") else {int(y) for y in row["years"].split()}
            by_source.append((row["source_metric"], years, row["metric"], row["note"]))
    return labels, by_figure, by_source


def _cities(path: Path = CITIES_CSV) -> dict[str, str]:
    return {row["city_en"]: row["city_ar"] for _, row in read_curated(path, ["city_en", "city_ar"])}


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
        details = {"period": fig["period"], "edition": None, "city_en": "", "city_ar": ""}
        if metric.startswith("open_days"):
            details.update(edition=edition, city_en=city, city_ar=cities.get(city, ""))
        observations.append({"year": int(fig["period"][:4]), "metric": metric, "value": fig["value"],
                             "qualifier": fig["qualifier"], **details, "source": f"figures.csv:{figure_id}",
                             "quote": fig["quote"], "check": "no", "primary": True, "note": ""})
    for n, line, row in read_secondary():
        base, _ = _source_metric(row["metric"])
        match = next(((metric, note) for source, years, metric, note in by_source
                      if source in (base, row["metric"]) and (years is None or row["year"] in years)), None)
        if match is None:
            raise DataError(RAW_SECONDARY, f"{row['metric']!r} has no series metric in {METRICS_CSV.name}",
                            row=n, field="metric", line=line)
        metric, note = match
        details = {"period": str(row["year"]), "edition": None, "city_en": "", "city_ar": ""}
        if metric.startswith("open_days"):
            details = _open_days_details(row["metric"], row["year"], cities)
        observations.append({"year": row["year"], "metric": metric, "value": row["value"],
                             "qualifier": row["qualifier"], **details, "source": row["url"], "quote": row["quote"],
                             "check": row["check"], "primary": False, "note": note})
    for obs in observations:
        obs["metric_en"], obs["metric_ar"] = labels[obs["metric"]]
    return observations


def _publication(source: str) -> str:
    """The publication a source belongs to: all figures.csv rows are one (this report), each URL is one."""
    return "figures.csv" if source.startswith("figures.csv:") else source


def _merge(group: list[dict]) -> dict:
    """One row from the statements of one (year, metric): agreeing sources confirm, disagreeing ones flag."""
    first = next((o for o in group if o["primary"]), group[0])  # this report's value leads
    values = sorted({o["value"] for o in group})
    sources = list(dict.fromkeys(o["source"] for o in group))
    notes = [o["note"] for o in group if o["note"]]
    if len(values) > 1:
        check = "yes"
        notes.append("sources disagree: " + "; ".join(f"{o['source']} gives {o['value']:,}" for o in group))
    elif len({_publication(s) for s in sources}) > 1:
        check = "no"  # two independent publications agree
        notes.append(f"confirmed by {len(sources)} sources")
    else:
        check = "yes" if any(o["check"] == "yes" for o in group) else "no"
    row = {k: first[k] for k in ("year", "metric", "metric_en", "metric_ar", "value", "qualifier", "period",
                                 "edition", "city_en", "city_ar")}
    for o in group:  # fill details (edition, city, dates) that only another statement gives
        for key in ("edition", "city_en", "city_ar"):
            row[key] = row[key] or o[key]
    row.update(sources=" | ".join(sources), quotes=" | ".join(dict.fromkeys(o["quote"] for o in group)),
               check=check, note="; ".join(dict.fromkeys(notes)))
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


def repeated_values(series: pd.DataFrame) -> list[str]:
    """Notes for a metric that has the very same value in two different years (a possible copied figure)."""
    notes = []
    for metric, rows in series.groupby("metric"):
        for value, same in rows.groupby("value"):
            if len(same) > 1 and value >= 100:
                years = ", ".join(map(str, sorted(same["year"])))
                notes.append((metric, value, f"same value ({value:,}) in {years}: possibly a repeated figure"))
    return notes


def build_series(figures: pd.DataFrame) -> pd.DataFrame:
    """data/processed/series.csv: one row per (year, metric), sources merged, uncertain rows marked."""
    figures = figures.set_index("id", drop=False) if "id" in figures.columns else figures
    groups: dict[tuple[int, str], list[dict]] = {}
    for obs in _observations(figures):
        groups.setdefault((obs["year"], obs["metric"]), []).append(obs)
    rows = [_merge(group) for group in groups.values()]
    _complete_open_days(rows)
    series = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    for metric, value, note in repeated_values(series):
        hit = (series["metric"] == metric) & (series["value"] == value)
        series.loc[hit, "note"] = [f"{n}; {note}" if n else note for n in series.loc[hit, "note"]]
    series["edition"] = series["edition"].astype("Int64")
    return series.sort_values(["metric", "year"], kind="stable").reset_index(drop=True)


def load_series(path: Path = SERIES_CSV) -> pd.DataFrame:
    """series.csv with its types (year and value as integers, edition as a nullable integer)."""
    series = pd.read_csv(path, encoding="utf-8", keep_default_na=False, dtype=str)
    missing = [c for c in SERIES_COLUMNS if c not in series.columns]
    if missing:
        raise DataError(path, "column missing from the header", row=0, field=missing[0], line=1)
    for column in ("year", "value"):
        bad = series[~series[column].str.fullmatch(r"\d+")]
        if len(bad):
            n = int(bad.index[0]) + 1
            raise DataError(path, f"{bad[column].iloc[0]!r} is not a whole number", row=n, field=column, line=n + 1)
        series[column] = series[column].astype(int)
    series["edition"] = pd.array([int(e) if e else None for e in series["edition"]], dtype="Int64")
    return series


# ---------------------------------------------------------------------------------------------------------------
# What the series says about the report's own claims and definitions, computed from the data.
KINDS = ["communiques_and_press_news", "reportages", "digital_contents"]


def _value(series: pd.DataFrame, year: int, metric: str):
    hit = series[(series["year"] == year) & (series["metric"] == metric)]
    return None if hit.empty else int(hit["value"].iloc[0])


def accounting(series: pd.DataFrame) -> pd.DataFrame:
    """For each year with a published total of media activities: does it equal the kinds with or without denials?"""
    rows = []
    for year in sorted(series.loc[series["metric"] == "media_activities_total", "year"]):
        kinds = [_value(series, year, k) for k in KINDS]
        if None in kinds:
            continue
        total, denials = _value(series, year, "media_activities_total"), _value(series, year, "denials")
        without = sum(kinds)
        with_denials = None if denials is None else without + denials
        definition = ("includes denials" if total == with_denials else
                      "excludes denials" if total == without else "matches neither")
        rows.append({"year": year, "published_total": total, "kinds": without, "denials": denials,
                     "kinds_plus_denials": with_denials, "definition": definition})
    return pd.DataFrame(rows)


def total_changes(series: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change of the media-activities total, under each definition, saying which one it uses."""
    table = accounting(series).set_index("year")
    rows = []
    for before, after in zip(table.index[:-1], table.index[1:]):
        a, b = table.loc[before], table.loc[after]
        mixed = a["definition"] != b["definition"]
        for name, column in (("published totals", "published_total"), ("denials excluded", "kinds"),
                             ("denials included", "kinds_plus_denials")):
            change = int(b[column] - a[column])
            rows.append({
                "from": before, "to": after, "definition": name,
                "comparable": "no: the definition changed" if name == "published totals" and mixed else "yes",
                "before": int(a[column]), "after": int(b[column]), "change": change,
                "change_%": round(change / a[column] * 100, 1),
            })
    return pd.DataFrame(rows)


def claims(series: pd.DataFrame, report_year: int) -> pd.DataFrame:
    """The report's comparisons with the past, checked against the series."""
    visitors = series[series["metric"] == "open_days_visitors"].set_index("year")
    earlier = visitors[visitors.index < report_year]
    best = earlier["value"].idxmax()
    now, then = _value(series, report_year, "denials"), _value(series, report_year - 1, "denials")
    return pd.DataFrame([
        {"claim": "Open Days attendance is a record (رقما قياسيا غير مسبوق)",
         "published": int(visitors.at[report_year, "value"]), "compared_with": int(earlier.at[best, "value"]),
         "basis": f"highest earlier edition: {best}, {visitors.at[best, 'city_en']}; "
                  f"{int((earlier['check'] == 'yes').sum())} of {len(earlier)} earlier values uncertain",
         "status": "pass" if visitors.at[report_year, "value"] > earlier["value"].max() else "fail"},
        {"claim": f"Denials down from {then} in {report_year - 1} to {now} (تراجعا كبيرا)",
         "published": now, "compared_with": then,
         "basis": series[(series["year"] == report_year - 1) & (series["metric"] == "denials")]["note"].iloc[0]
         or "one source",
         "status": "pass" if now < then else "fail"},
    ])
