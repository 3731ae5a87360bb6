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

import csv
import io
import re
from pathlib import Path

import pandas as pd

from . import bounds, schema, wording
from .errors import DataError
from .figures import read_curated
from .paths import CURATED, PROCESSED, RAW_REPORT, RAW_SECONDARY
from .source import citation, read_raw, sources

SERIES_CSV = PROCESSED / "series.csv"
METRICS_CSV = CURATED / "series-metrics.csv"
CITIES_CSV = CURATED / "open-days-cities.csv"
SERIES_COLUMNS = ["year", "metric", "metric_en", "metric_ar", "unit", "value", "qualifier", "period", "edition",
                  "city_en", "city_ar", "sources", "quotes", "check", "mapping", "note"]
SECONDARY_FIELDS = ["year", "metric", "value", "qualifier", "url", "quote", "check"]
THIS_REPORT = "figures.csv"
DISAGREE = "sources disagree"  # the note that records a disagreement
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
        qualifiers = schema.allowed("series", "qualifier")
        if row["qualifier"] not in qualifiers:
            fail("qualifier", f"{row['qualifier']!r} is not one of {', '.join(qualifiers)}")
        if row["check"] not in ("yes", "no"):
            fail("check", f"{row['check']!r} is neither yes nor no")
        rows.append((n, line, {**row, "year": int(row["year"]), "value": int(row["value"])}))
    return rows


def _metric_map(path: Path = METRICS_CSV):
    """(labels and unit by metric, figure id -> metric, [(source metric, years, metric, mapping, note)]).

    A source label may map differently in some years: rows naming years come before the "*" rows, so that
    the most specific mapping wins.
    """
    labels, by_figure, by_source = {}, {}, []
    for n, row in read_curated(path, ["metric", "metric_en", "metric_ar", "unit", "mapping"]):
        mappings = schema.allowed("series", "mapping")
        if row["mapping"] not in mappings:
            raise DataError(path, f"{row['mapping']!r} is not one of {', '.join(mappings)}", row=n, field="mapping",
                            line=n + 1)
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


def _publication(source: str) -> str:
    """The publication a source belongs to: all figures.csv rows are one (this report), each URL is one."""
    return THIS_REPORT if source.startswith(THIS_REPORT + ":") else source


def confirmation(sources: list[str], values: list[int]) -> str:
    """The data package's rule for ``check``: "no" if this report states the value or two publications agree
    on it, "yes" if the sources disagree or one other report alone gives it."""
    publications = {_publication(s) for s in sources}
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
    elif len({_publication(s) for s in sources}) > 1:
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
    series = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    for metric, value, years in repeated_values(series):
        note = f"same value ({value:,}) in {', '.join(map(str, years))}: possibly a repeated figure"
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


def series_citation() -> tuple[str, str]:
    """The source line of a chart of the series, in Arabic and English: this report and the other reports."""
    report_ar, report_en = citation(RAW_REPORT.name)
    if RAW_SECONDARY.name not in sources():
        raise DataError(RAW_SECONDARY, "no provenance entry in sources.json")
    return (f"{report_ar}؛ وللسنوات السابقة تقارير صحفية أخرى، مصدر كل قيمة في series.csv",
            f"{report_en}; earlier years: other press reports, each value's source in series.csv")


# ---------------------------------------------------------------------------------------------------------------
# The series by year, as charts and tables need it.

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
    publications = {_publication(s) for s in sources.split(" | ")}
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


# ---------------------------------------------------------------------------------------------------------------
# What the series says about how the report counts, computed from the data.
KINDS = ["communiques_and_press_news", "reportages", "digital_contents"]
# The words of the values accounting() and total_changes() give, in English and Arabic.
DEFINITIONS = {
    "includes denials": ("the kinds and the denials", "الأنواع والتكذيبات"),
    "excludes denials": ("the kinds, not the denials", "الأنواع دون التكذيبات"),
    "matches neither": ("neither sum", "لا هذا المجموع ولا ذاك"),
    "published totals": ("published totals", "المجاميع المعلنة"),
    "denials excluded": ("kinds without the denials", "الأنواع دون التكذيبات"),
    "denials included": ("kinds with the denials", "الأنواع مع التكذيبات"),
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
