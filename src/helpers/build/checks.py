"""The report's claims set against the evidence: data/processed/checks.csv, built from the curated list
data/curated/checks.csv, the figures and the series.

The curated list says *what* is checked: an id, a kind, the figures (and series metric) involved, the claim and the
evidence in both languages, the report's verbatim words where it makes the claim, and a remark. This module says
*how* each kind is checked, and writes the status and its basis (the numbers, in both languages).

A claim and its evidence are kept apart. "The denials fell from 40 to 29" is ``consistent``; "fake news fell
sharply", which a count of the DGSN's denials cannot measure, is ``not_checkable``. Statuses, kinds and their words
are defined in data/datapackage.json and data/curated/value-labels.csv:

    consistent                the figures agree with the claim (values from this report or two agreeing sources)
    consistent_single_source  they agree, but some values rest on one press report only
    inconsistent              the figures contradict the claim
    not_checkable             no figure in the sources can settle it
    flag                      something looks wrong or is not comparable: shown, not corrected
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pandas as pd

from helpers.build import bounds
from helpers.build.series import accounting, build_series, repeated_values
from helpers.datapackage import schema
from helpers.datapackage.article import Report, load_report
from helpers.datapackage.csvio import frame, read_table, whole
from helpers.errors import DataError
from helpers.language import wording
from helpers.language.labels import figure_label

CURATED_CHECKS_CSV = schema.path("curated_checks")
CHECK_COLUMNS = schema.columns("checks")
DIRECTIONS = {"fall": -1, "rise": 1}  # what a change check claims


class CheckError(Exception):
    """A curated check that the data no longer bear (the build turns it into a DataError naming the row)."""


def _numbers(values, lang: str) -> str:
    return " + ".join(wording.number(v, lang) for v in values)


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


# --- one function per kind: (curated row, context) -> the computed columns ----------------------------------------

def _sum(row: dict, ctx: Context) -> dict:
    """The parts the report lists against the total it states; figures listed beside them but outside the total
    (``outside_ids``) are added in the basis, to show what the total leaves out."""
    total, *parts = row["figure_ids"].split()
    f = ctx.figures
    published, recomputed = f.at[total, "value"], sum(f.at[p, "value"] for p in parts)
    qualifier = bounds.total(f.at[p, "qualifier"] for p in parts)
    exact = qualifier == "exact" and f.at[total, "qualifier"] in ("exact", "only")
    status = "consistent" if recomputed == published else "inconsistent" if exact else "flag"
    basis = {}
    for lang in ("en", "ar"):
        stated = wording.qualified(wording.number(published, lang), f.at[total, "qualifier"], lang)
        parts_text = " + ".join(wording.qualified(wording.number(f.at[p, "value"], lang), f.at[p, "qualifier"], lang)
                                for p in parts)
        sentence = {"en": f"{parts_text} = {wording.number(recomputed, lang)}; the stated total is {stated}.",
                    "ar": f"{parts_text} = {wording.number(recomputed, lang)}؛ والمجموع المعلن {stated}."}[lang]
        outside = row["outside_ids"].split()
        if outside:
            names = {"en": " and ".join(ctx.short(o, "en").lower() for o in outside),
                     "ar": " و".join(ctx.short(o, "ar") for o in outside)}[lang]
            with_them = recomputed + sum(f.at[o, "value"] for o in outside)
            sentence += {"en": f" With the {names} ({_numbers([f.at[o, 'value'] for o in outside], lang)}), the parts "
                               f"would come to {wording.number(with_them, lang)}.",
                         "ar": f" ومع {names} ({_numbers([f.at[o, 'value'] for o in outside], lang)})، يصير مجموع "
                               f"الأجزاء {wording.number(with_them, lang)}."}[lang]
        basis[lang] = sentence
    return {"published": published, "recomputed": recomputed, "recomputed_qualifier": qualifier,
            "difference": recomputed - published, "status": status, "basis_en": basis["en"], "basis_ar": basis["ar"]}


def _stated_twice(row: dict, ctx: Context) -> dict:
    first, second = row["figure_ids"].split()
    f = ctx.figures
    a, b = f.at[first, "value"], f.at[second, "value"]
    where = (f.at[first, "start"], f.at[second, "start"])
    if a == b:
        en = f"Both mentions give {wording.number(a, 'en')} (characters {where[0]} and {where[1]} of the text)."
        ar = f"الموضعان يذكران {wording.number(a, 'ar')} (الحرفان {where[0]} و{where[1]} من النص)."
    else:
        en = (f"The first mention gives {wording.number(a, 'en')} (character {where[0]}), the second "
              f"{wording.number(b, 'en')} (character {where[1]}).")
        ar = (f"الموضع الأول يذكر {wording.number(a, 'ar')} (الحرف {where[0]})، والثاني {wording.number(b, 'ar')} "
              f"(الحرف {where[1]}).")
    return {"published": a, "recomputed": b, "recomputed_qualifier": "exact", "difference": b - a,
            "status": "consistent" if a == b else "inconsistent", "basis_en": en, "basis_ar": ar}


def _change(row: dict, ctx: Context) -> dict:
    """A stated fall (or rise) from the previous figure to the current one, recomputed in percent."""
    current, previous = row["figure_ids"].split()
    if row["direction"] not in DIRECTIONS:
        raise CheckError(f"direction {row['direction']!r} is not one of {', '.join(DIRECTIONS)}")
    f = ctx.figures
    now, before = f.at[current, "value"], f.at[previous, "value"]
    qualifier = bounds.difference(f.at[current, "qualifier"], f.at[previous, "qualifier"])
    change = round((now - before) / before * 100, 1)
    if qualifier is None:
        status = "not_checkable"
    else:
        sign = int(now > before) - int(now < before)
        holds = sign == DIRECTIONS[row["direction"]]
        # a bound that points the same way as the claim still proves it; an approximation proves little
        status = "consistent" if holds and qualifier != "about" else "inconsistent" if not holds and \
            qualifier == "exact" else "flag"
    basis = {}
    for lang in ("en", "ar"):
        a = f"{wording.qualified(wording.number(before, lang), f.at[previous, 'qualifier'], lang)} " \
            f"({wording.period(f.at[previous, 'period'], lang)})"
        b = f"{wording.qualified(wording.number(now, lang), f.at[current, 'qualifier'], lang)} " \
            f"({wording.period(f.at[current, 'period'], lang)})"
        diff = wording.number(now - before, lang, signed=True)
        pct = wording.percent(change, lang, signed=True)
        basis[lang] = {"en": f"{a} to {b}: {diff}, {pct}.", "ar": f"من {a} إلى {b}: {diff}، أي {pct}."}[lang]
    return {"published": None, "recomputed": change, "recomputed_qualifier": qualifier, "difference": None,
            "status": status, "basis_en": basis["en"], "basis_ar": basis["ar"]}


def _claim(row: dict, ctx: Context) -> dict:
    """A statement no figure can settle: the curated note says why."""
    if not (row["note_en"].strip() and row["note_ar"].strip()):
        raise CheckError("a claim that cannot be checked needs a note in both languages saying why")
    return {"published": None, "recomputed": None, "recomputed_qualifier": None, "difference": None,
            "status": "not_checkable", "basis_en": "", "basis_ar": ""}


def _record(row: dict, ctx: Context) -> dict:
    """The figure against every earlier year of its series metric: all of them, each from how many sources."""
    (figure,) = row["figure_ids"].split()
    f, series = ctx.figures, ctx.series
    year = int(f.at[figure, "period"][:4])
    rows = series[series["metric"] == row["series_metric"]]
    earlier = rows[rows["year"] < year]
    value, qualifier = f.at[figure, "value"], f.at[figure, "qualifier"]
    current = rows[rows["year"] == year]
    if current.empty or current["value"].iloc[0] != value:
        raise CheckError(f"series.csv has no {row['series_metric']} value {value} for {year}")
    edition = current["edition"].iloc[0]
    missing = [] if pd.isna(edition) else sorted(set(range(1, int(edition))) - set(earlier["edition"].dropna()))
    common = {"published": value, "recomputed_qualifier": None, "difference": None}
    if earlier.empty or missing:
        gap = ", ".join(map(str, missing))
        return {**common, "recomputed": None, "status": "not_checkable",
                "basis_en": f"No published count for the earlier edition(s) {gap}." if missing else
                            "No earlier value is published.",
                "basis_ar": f"لا يوجد عدد منشور للدورة أو الدورات السابقة {gap}." if missing else
                            "لا توجد قيمة سابقة منشورة."}
    best = earlier.loc[earlier["value"].idxmax()]
    single = int((earlier["check"] == "yes").sum())
    higher = value > best["value"]
    bounded = qualifier in ("exact", "only", "more_than") and best["qualifier"] in ("exact", "only")
    status = ("consistent_single_source" if single else "consistent") if higher else \
        "inconsistent" if bounded else "flag"
    n = len(earlier)
    place = {"en": f"{best['year']}, {best['city_en']}".rstrip(", "), "ar": f"{best['year']}، {best['city_ar']}".rstrip("، ")}
    basis = {}
    for lang in ("en", "ar"):
        now = wording.count(value, f.at[figure, "unit"], lang, qualifier)
        top = wording.qualified(wording.number(best["value"], lang), best["qualifier"], lang, "series")
        editions = wording.count(n, "edition", lang)
        if lang == "en":
            text = f"{now} in {year} against at most {top} in the {editions} before ({place['en']})."
            text += (f" All {n} earlier counts come from one press report each; none is confirmed by a second source."
                     if single == n else f" {single} of the {n} earlier counts come from one press report only."
                     if single else " Every earlier count is confirmed.")
        else:
            text = f"{now} سنة {year}، مقابل {top} على الأكثر في الدورات السابقة ({editions}؛ {place['ar']})."
            text += (f" الأعداد السابقة كلها ({n}) لم يرد كل منها إلا في تقرير صحفي واحد، ولا يؤكد أيا منها مصدر ثان."
                     if single == n else f" {single} من الأعداد السابقة ({n}) لم يرد إلا في تقرير صحفي واحد."
                     if single else " كل الأعداد السابقة مؤكدة.")
        basis[lang] = text
    return {**common, "recomputed": int(best["value"]), "difference": int(value - best["value"]), "status": status,
            "basis_en": basis["en"], "basis_ar": basis["ar"]}


def _definition_break(row: dict, ctx: Context) -> dict:
    """What each year's published total counts, from the sums of its kinds with and without the denials."""
    books = accounting(ctx.series)
    if books.empty:
        raise CheckError("the series has no year with a total and all its kinds")
    quotes = ctx.series[ctx.series["metric"] == row["series_metric"]].set_index("year")["quotes"]
    lines = {"en": [], "ar": []}
    for _, y in books.iterrows():
        for lang in ("en", "ar"):
            total = wording.number(y["published_total"], lang)
            if y["total_qualifier"] not in ("exact", "only"):  # a bound: show the source's own words
                total = f"«{quotes.at[y['year']].split(' | ')[0]}»"
            kinds, denials = wording.number(y["kinds"], lang), wording.number(y["denials"], lang)
            both = wording.number(y["kinds_plus_denials"], lang)
            lines[lang].append({
                ("en", "includes denials"): f"{y['year']}: the kinds ({kinds}) plus the denials ({denials}) make "
                                            f"{both}, the published total ({total}).",
                ("en", "excludes denials"): f"{y['year']}: the kinds alone make {kinds}, the published total "
                                            f"({total}); the {denials} denials are outside it.",
                ("en", "matches neither"): f"{y['year']}: the published total ({total}) is neither the kinds "
                                           f"({kinds}) nor the kinds plus the denials ({both}).",
                ("ar", "includes denials"): f"{y['year']}: الأنواع ({kinds}) مضافا إليها التكذيبات ({denials}) "
                                            f"تساوي {both}، وهو المجموع المعلن ({total}).",
                ("ar", "excludes denials"): f"{y['year']}: الأنواع وحدها تساوي {kinds}، وهو المجموع المعلن "
                                            f"({total})؛ والتكذيبات ({denials}) خارجه.",
                ("ar", "matches neither"): f"{y['year']}: المجموع المعلن ({total}) لا يساوي الأنواع ({kinds}) ولا "
                                           f"الأنواع مضافا إليها التكذيبات ({both}).",
            }[(lang, y["definition"])])
    changed = books["definition"].nunique() > 1
    end = {"en": " The published totals are not comparable across the change." if changed else "",
           "ar": " المجاميع المنشورة غير قابلة للمقارنة عبر هذا التغير." if changed else ""}
    return {"published": None, "recomputed": None, "recomputed_qualifier": None, "difference": None,
            "status": "flag" if changed else "consistent",
            "basis_en": " ".join(lines["en"]) + end["en"], "basis_ar": " ".join(lines["ar"]) + end["ar"]}


def _repeated_value(row: dict, ctx: Context) -> dict:
    found = [(v, years) for metric, v, years in repeated_values(ctx.series) if metric == row["series_metric"]]
    common = {"published": None, "recomputed": None, "recomputed_qualifier": None, "difference": None}
    if not found:
        return {**common, "status": "consistent", "basis_en": "No value repeats.", "basis_ar": "لا تتكرر أي قيمة."}
    series = ctx.series[ctx.series["metric"] == row["series_metric"]].set_index("year")
    en, ar = [], []
    for value, years in found:
        single = [y for y in years if series.at[y, "check"] == "yes"]
        en.append(f"The same value, {wording.number(value, 'en')}, stands for {' and '.join(map(str, years))}"
                  + (f"; {', '.join(map(str, single))} rests on one press report only." if single else "."))
        ar.append(f"القيمة نفسها، {wording.number(value, 'ar')}، واردة لسنتي {' و'.join(map(str, years))}"
                  + (f"؛ وقيمة {'، '.join(map(str, single))} لم ترد إلا في تقرير صحفي واحد." if single else "."))
    return {**common, "status": "flag", "basis_en": " ".join(en), "basis_ar": " ".join(ar)}


def swapped_digits(a: int, b: int) -> bool:
    """Different numbers of three or more digits whose digits differ by one swap of adjacent digits (1916, 1961)."""
    da, db = str(int(a)), str(int(b))
    if a == b or len(da) != len(db) or len(da) < 3:
        return False
    diff = [i for i in range(len(da)) if da[i] != db[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def _transposition(row: dict, ctx: Context) -> dict:
    a, b = row["figure_ids"].split()
    va, vb = ctx.figures.at[a, "value"], ctx.figures.at[b, "value"]
    if not swapped_digits(va, vb):
        raise CheckError(f"{va} and {vb} no longer differ by one swap of adjacent digits: remove this check")
    f = ctx.figures
    return {"published": va, "recomputed": vb, "recomputed_qualifier": "exact", "difference": vb - va,
            "status": "flag",
            "basis_en": f"{int(va)} ({f.at[a, 'metric_en']}) and {int(vb)} ({f.at[b, 'metric_en']}) differ by one "
                        "swap of adjacent digits.",
            "basis_ar": f"{int(va)} ({f.at[a, 'metric_ar']}) و{int(vb)} ({f.at[b, 'metric_ar']}): يختلف الرقمان "
                        "بتبديل رقمين متجاورين."}


RULES: dict[str, Callable[[dict, Context], dict]] = {
    "sum": _sum, "stated_twice": _stated_twice, "change": _change, "claim": _claim, "record": _record,
    "definition_break": _definition_break, "repeated_value": _repeated_value, "transposition": _transposition,
}


class Context:
    """What the rules read: the figures (indexed by id), the series, the report."""

    def __init__(self, figures: pd.DataFrame, series: pd.DataFrame, report: Report):
        self.figures, self.series, self.report = figures, series, report

    def short(self, figure_id: str, lang: str) -> str:
        return figure_label(figure_id).text(lang)


def _quote(row: dict, ctx: Context, path: Path, n: int) -> tuple[str, int, int]:
    """The claim's verbatim phrase (once in the report), else the clause of its first figure."""
    text = ctx.report.text
    phrase = row.get("claim_phrase") or ""
    if not phrase:
        phrase = ctx.figures.at[row["figure_ids"].split()[0], "context"]
    count = text.count(phrase)
    if count != 1:
        raise DataError(path, f"{phrase!r} occurs {count} times in the report, expected once", row=n,
                        field="claim_phrase", line=n + 1)
    start = text.index(phrase)
    return phrase, start, start + len(phrase)


def read_curated_checks(figures: pd.DataFrame, path: Path = CURATED_CHECKS_CSV) -> list[tuple[int, dict]]:
    """Rows of the curated list, each checked: known kind and section, existing figures and series metric."""
    kinds, sections = schema.allowed("checks", "kind"), schema.allowed("checks", "section")
    metrics = schema.allowed("series", "metric")
    rows, seen = list(enumerate(read_table(path, "curated_checks"), start=1)), {}
    for n, row in rows:
        def fail(field, problem):
            raise DataError(path, problem, row=n, field=field, line=n + 1)

        if row["id"] in seen:
            fail("id", f"duplicate id (also row {seen[row['id']]})")
        seen[row["id"]] = n
        if row["kind"] not in kinds:
            fail("kind", f"{row['kind']!r} is not one of {', '.join(kinds)}")
        if row["section"] not in sections:
            fail("section", f"{row['section']!r} is not one of {', '.join(sections)}")
        unknown = [i for i in (row["figure_ids"] + " " + (row.get("outside_ids") or "")).split()
                   if i not in figures.index]
        if unknown:
            fail("figure_ids", f"no figure {unknown[0]!r} in figures.csv")
        if (row.get("series_metric") or "") and row["series_metric"] not in metrics:
            fail("series_metric", f"{row['series_metric']!r} is not a series metric")
        for column in ("outside_ids", "series_metric", "direction", "claim_phrase", "note_en", "note_ar"):
            row[column] = row.get(column) or ""
    return rows


def build_checks(figures: pd.DataFrame, report: Report | None = None, series: pd.DataFrame | None = None,
                 path: Path = CURATED_CHECKS_CSV) -> pd.DataFrame:
    """data/processed/checks.csv: every curated check with its status and basis.

    Fails (DataError naming the curated row) when a check no longer holds as curated, and when two figures whose
    digits are one swap apart have no transposition check (so a new one cannot pass unnoticed).
    """
    report = report or load_report()
    figures = figures.set_index("id", drop=False) if "id" in figures.columns else figures
    series = build_series(figures) if series is None else series
    ctx = Context(figures, series, report)
    rows = []
    for n, row in read_curated_checks(figures, path):
        try:
            computed = RULES[row["kind"]](row, ctx)
        except CheckError as err:
            raise DataError(path, str(err), row=n, field="figure_ids", line=n + 1) from None
        quote, start, end = _quote(row, ctx, path, n)
        computed["basis_en"] = _join(computed["basis_en"], row["note_en"])
        computed["basis_ar"] = _join(computed["basis_ar"], row["note_ar"])
        rows.append({**{c: row.get(c, "") for c in CHECK_COLUMNS}, **computed,
                     "quote": quote, "start": start, "end": end})
    covered = {frozenset(r["figure_ids"].split()) for r in rows if r["kind"] == "transposition"}
    for (a, va), (b, vb) in combinations(figures["value"].items(), 2):
        if swapped_digits(va, vb) and frozenset((a, b)) not in covered:
            raise DataError(path, f"{a} ({int(va)}) and {b} ({int(vb)}) differ by one swap of adjacent digits: "
                                  "add a transposition check for them")
    table = frame(rows, "checks")
    table["recomputed_qualifier"] = table["recomputed_qualifier"].fillna("")
    for column in ("published", "recomputed", "difference"):  # whole numbers stay whole, a missing value stays empty
        table[column] = pd.Series([whole(v) for v in table[column]], dtype=object, index=table.index)
    return table
