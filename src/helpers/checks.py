"""The report's own identities and claims, recomputed from the figures: published value, recomputed value, status.

Statuses: ``pass`` (the report agrees with itself), ``fail`` (it does not), ``flag`` (suspicious, shown and not
corrected), ``not_checkable`` (the claim needs data this source does not hold; see the series notebook).
"""
from __future__ import annotations

from itertools import combinations

import pandas as pd

from .errors import DataError
from .paths import PROCESSED
from .source import Report, load_report

CHECKS_CSV = PROCESSED / "checks.csv"
CHECK_COLUMNS = ["id", "kind", "section", "description_en", "description_ar", "figure_ids", "published",
                 "recomputed", "difference", "status", "quote", "start", "end", "note"]
STATUSES = ("pass", "fail", "flag", "not_checkable")


def _claim(report: Report, phrase: str) -> tuple[str, int, int]:
    """A claim's verbatim phrase and offsets; the phrase must occur exactly once in the report."""
    if report.text.count(phrase) != 1:
        raise ValueError(f"claim phrase {phrase!r} occurs {report.text.count(phrase)} times in the report")
    start = report.text.index(phrase)
    return phrase, start, start + len(phrase)


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def sum_check(figures: pd.DataFrame, check_id: str, total: str, parts: list[str], description_en: str,
              description_ar: str, note: str = "") -> dict:
    """The parts the report lists add up to the total it states."""
    published = figures.at[total, "value"]
    recomputed = sum(figures.at[p, "value"] for p in parts)
    inexact = [p for p in [total, *parts] if figures.at[p, "qualifier"] != "exact"]
    status = "pass" if recomputed == published else "fail"
    if inexact and status == "fail":
        status = "flag"  # approximate figures need not add up exactly
    return {"id": check_id, "kind": "sum", "section": figures.at[total, "section"],
            "description_en": description_en, "description_ar": description_ar,
            "figure_ids": " ".join([total, *parts]), "published": published, "recomputed": recomputed,
            "difference": recomputed - published, "status": status, "quote": figures.at[total, "quote"],
            "start": figures.at[total, "start"], "end": figures.at[total, "end"], "note": note}


def consistency_check(figures: pd.DataFrame, check_id: str, first: str, second: str, description_en: str,
                      description_ar: str) -> dict:
    """A figure the report states twice has the same value both times."""
    a, b = figures.at[first, "value"], figures.at[second, "value"]
    return {"id": check_id, "kind": "consistency", "section": figures.at[second, "section"],
            "description_en": description_en, "description_ar": description_ar,
            "figure_ids": f"{first} {second}", "published": a, "recomputed": b, "difference": b - a,
            "status": "pass" if a == b else "fail", "quote": figures.at[second, "quote"],
            "start": figures.at[second, "start"], "end": figures.at[second, "end"],
            "note": f"Stated at offsets {figures.at[first, 'start']} and {figures.at[second, 'start']}"}


def decline_check(report: Report, figures: pd.DataFrame, check_id: str, current: str, previous: str, phrase: str,
                  description_en: str, description_ar: str) -> dict:
    """The report calls the change from ``previous`` to ``current`` a decline: recompute it in percent."""
    now, before = figures.at[current, "value"], figures.at[previous, "value"]
    change = round((now - before) / before * 100, 1)
    quote, start, end = _claim(report, phrase)
    return {"id": check_id, "kind": "change", "section": figures.at[current, "section"],
            "description_en": description_en, "description_ar": description_ar,
            "figure_ids": f"{current} {previous}", "published": None, "recomputed": change, "difference": None,
            "status": "pass" if now < before else "fail", "quote": quote, "start": start, "end": end,
            "note": f"{_fmt(before)} ({figures.at[previous, 'period']}) to {_fmt(now)} "
                    f"({figures.at[current, 'period']}): {now - before:+,} ({change:+.1f}%); the report gives "
                    "no percentage"}


def unverifiable_claim(report: Report, figures: pd.DataFrame, check_id: str, figure: str, phrase: str,
                       description_en: str, description_ar: str, note: str) -> dict:
    """A claim this source cannot settle on its own (it needs earlier years)."""
    quote, start, end = _claim(report, phrase)
    return {"id": check_id, "kind": "claim", "section": figures.at[figure, "section"],
            "description_en": description_en, "description_ar": description_ar, "figure_ids": figure,
            "published": figures.at[figure, "value"], "recomputed": None, "difference": None,
            "status": "not_checkable", "quote": quote, "start": start, "end": end, "note": note}


def transposition_flags(figures: pd.DataFrame) -> list[dict]:
    """Pairs of different figures whose digits differ by one swap of adjacent digits (1916 and 1961)."""
    flags = []
    for (a, va), (b, vb) in combinations(figures["value"].items(), 2):
        da, db = str(va), str(vb)
        if va == vb or len(da) != len(db) or len(da) < 3:
            continue
        diff = [i for i in range(len(da)) if da[i] != db[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
            flags.append({
                "id": f"flag.transposition.{a}.{b}", "kind": "flag", "section": figures.at[b, "section"],
                "description_en": f"{figures.at[a, 'metric_en']} ({da}) and {figures.at[b, 'metric_en']} ({db}) "
                                  "differ by one swap of adjacent digits",
                "description_ar": f"{figures.at[a, 'metric_ar']} ({da}) و{figures.at[b, 'metric_ar']} ({db}): "
                                  "الرقمان يختلفان بتبديل رقمين متجاورين",
                "figure_ids": f"{a} {b}", "published": va, "recomputed": vb, "difference": vb - va,
                "status": "flag", "quote": figures.at[b, "quote"], "start": figures.at[b, "start"],
                "end": figures.at[b, "end"],
                "note": "Two different counts; the likeness may be chance or a typing slip in one of them. "
                        "Shown, not corrected.",
            })
    return flags


def build_checks(figures: pd.DataFrame, report: Report | None = None) -> pd.DataFrame:
    """Every check of the report against itself, as a table (data/processed/checks.csv)."""
    report = report or load_report()
    figures = figures.set_index("id", drop=False) if "id" in figures.columns else figures
    media_parts = ["media.communiques", "media.reportages", "media.digital_contents"]
    with_denials = sum(figures.at[p, "value"] for p in media_parts) + figures.at["media.denials", "value"]
    rows = [
        sum_check(figures, "media.total_is_sum_of_kinds", "media.activities_total", media_parts,
                  "Media activities: communiqués + reportages + digital contents = stated total",
                  "الأنشطة الإعلامية: البلاغات + الربورتاجات + المحتويات الرقمية = المجموع المعلن",
                  note=f"The {figures.at['media.denials', 'value']} denials, listed 'in addition' (علاوة على), "
                       f"are outside the total: with them the parts would come to {_fmt(with_denials)}."),
        sum_check(figures, "social_media.total_is_sum_of_platforms", "social_media.followers_total",
                  ["social_media.followers_x", "social_media.followers_facebook", "social_media.followers_instagram"],
                  "Followers: X + Facebook + Instagram = stated total",
                  "المتابعون: إكس + فايسبوك + إنستغرام = المجموع المعلن"),
        consistency_check(figures, "denials.stated_twice", "media.denials", "fake_news.denials",
                          "The number of denials is the same in both places it is stated",
                          "عدد التكذيبات هو نفسه في الموضعين"),
        consistency_check(figures, "digital_contents.stated_twice", "media.digital_contents",
                          "social_media.digital_contents",
                          "The number of digital contents is the same in both places it is stated",
                          "عدد المحتويات الرقمية هو نفسه في الموضعين"),
        decline_check(report, figures, "fake_news.decline", "fake_news.denials", "fake_news.denials_previous_year",
                      "تراجعا كبيرا في منسوب الأخبار الزائفة",
                      "Denials fell from the previous year, as the report's 'sharp decline' says",
                      "انخفاض التكذيبات مقارنة بالسنة السابقة كما يقول التقرير"),
        unverifiable_claim(report, figures, "open_days.record", "open_days.visitors",
                           "رقما قياسيا غير مسبوق مقارنة بجميع الدورات السابقة",
                           "Open Days attendance is a record for all editions",
                           "عدد زوار الأبواب المفتوحة رقم قياسي مقارنة بكل الدورات",
                           "This source gives no figure for earlier editions; the series notebook checks the "
                           "claim against other published reports."),
    ]
    rows += transposition_flags(figures)
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for column in ("published", "recomputed", "difference"):  # whole numbers stay whole, a missing value stays empty
        table[column] = pd.Series([None if pd.isna(v) else int(v) if float(v).is_integer() else float(v)
                                   for v in table[column]], dtype=object, index=table.index)
    return table


def load_checks(figures: pd.DataFrame, path=CHECKS_CSV, report: Report | None = None) -> pd.DataFrame:
    """checks.csv, verified cell by cell against the checks recomputed from ``figures``; indexed by ``id``."""
    expected = build_checks(figures, report)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in CHECK_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(path, "column missing from the header", row=0, field=missing[0], line=1)
    if len(table) != len(expected):
        raise DataError(path, f"{len(table)} checks, but the figures give {len(expected)}; run `make data`")
    for n, (row, want) in enumerate(zip(table.to_dict("records"), expected.to_dict("records")), start=1):
        for column in CHECK_COLUMNS:
            wanted = "" if want[column] is None else str(want[column])
            if row[column] != wanted:
                raise DataError(path, f"{row[column]!r} but recomputed from the figures it is {wanted!r}",
                                row=n, field=column, line=n + 1)
    return expected.set_index("id", drop=False)
