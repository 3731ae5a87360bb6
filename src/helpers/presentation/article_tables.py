"""The tables of the article's notebooks (00-08): figures, checks, the series, provenance, in the collection's
table style (helpers.presentation.tables).

    >>> figures_table(figures, section="open_days")   # a Table; the last value of a cell displays it
"""
from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlparse

import pandas as pd

from helpers.build.series import DEFINITIONS, THIS_REPORT
from helpers.datapackage.raw import sha256, sources
from helpers.language import labels, wording
from helpers.presentation.tables import (
    Bilingual,
    Cell,
    Column,
    Table,
    missing,
    number,
    percent,
    period,
    qualified_number,
    words,
)


def source_name(source: str) -> Cell:
    """'figures.csv:media.denials' -> this report; a URL -> its host (the full URL is in series.csv)."""
    if source.startswith(THIS_REPORT + ":"):
        return Bilingual("هذا التقرير", "this report")
    return urlparse(source).netloc.removeprefix("www.") or source


def _bilingual_columns(frame: pd.DataFrame, name: str) -> list[Bilingual]:
    """The cells of the columns ``name_ar`` and ``name_en`` as one bilingual column."""
    return [Bilingual(ar, en) for ar, en in zip(frame[f"{name}_ar"], frame[f"{name}_en"])]


def figures_table(figures: pd.DataFrame, section: str | None = None, ids: Sequence[str] | None = None,
                  context: bool = False) -> Table:
    """Figures as the report states them: what is counted, value, qualifier, unit, period, verbatim quote and its
    place in the text (character offsets); with ``context``, the clause around the quote."""
    rows = figures.loc[list(ids)] if ids is not None else figures
    if section is not None:
        rows = rows[rows["section"] == section]
    frame = pd.DataFrame({
        "id": rows["id"], "metric": _bilingual_columns(rows, "metric"),
        "value": rows["value"], "qualifier": rows["qualifier"],
        "unit": [Bilingual(labels.unit(u).label_ar, labels.unit(u).label_en) for u in rows["unit"]],
        "period": rows["period"], "quote": rows["quote"],
        "offsets": [f"{s}-{e}" for s, e in zip(rows["start"], rows["end"])], "context": rows["context"],
    })
    columns = [
        Column("id", "معرّف الرقم", "Figure id", "code"),
        Column("metric", "ما يُعدّ", "What is counted", "bilingual", wide=12, role="key"),
        Column("value", "القيمة", "Value", "number", number, role="key"),
        Column("qualifier", "الصيغة", "Qualifier", "bilingual", words("figures", "qualifier", blank=("exact",))),
        Column("unit", "الوحدة", "Unit", "bilingual"),
        Column("period", "الفترة", "Period", "bilingual", period),
        Column("quote", "الاقتباس", "Quote", "arabic", wide=14),
        Column("offsets", "الموضع في النص", "Characters", "number", role="aside"),
    ]
    if context:
        columns.append(Column("context", "السياق", "Context", "arabic", wide=True))
    return Table.from_frame(frame, columns)


def _recomputed(check: pd.Series) -> str:
    if missing(check["recomputed"]):
        return ""
    if check["kind"] == "change":
        text = percent(check["recomputed"])
    else:
        text = number(check["recomputed"])
    return wording.qualified(text, check["recomputed_qualifier"] or None, "en", "checks", "recomputed_qualifier")


def checks_table(checks: pd.DataFrame, ids: Sequence[str] | None = None, kind: str | None = None,
                 section: str | None = None, numbers: bool = True) -> Table:
    """Checks: the claim, the evidence, the numbers (published, recomputed, difference), the status in words and
    its basis. ``numbers=False`` leaves the three number columns out (claims that have none)."""
    rows = checks.loc[list(ids)] if ids is not None else checks
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    if section is not None:
        rows = rows[rows["section"] == section]
    frame = pd.DataFrame({
        "id": rows["id"], "kind": rows["kind"], "claim": _bilingual_columns(rows, "claim"),
        "evidence": _bilingual_columns(rows, "evidence"),
        "published": rows["published"], "recomputed": [_recomputed(r) for _, r in rows.iterrows()],
        "difference": rows["difference"], "status": rows["status"],
        "basis": _bilingual_columns(rows, "basis"),
    })
    columns = [Column("id", "الفحص", "Check", "code"),
               Column("kind", "النوع", "Kind", "bilingual", words("checks", "kind"), role="aside"),
               Column("claim", "الادعاء", "Claim", "bilingual", wide=12, role="key"),
               Column("status", "الحالة", "Status", "bilingual", words("checks", "status"), role="key"),
               Column("basis", "الأساس", "Basis", "bilingual", wide=20, role="key"),
               Column("evidence", "الدليل", "Evidence", "bilingual", wide=12)]
    if numbers:
        columns += [Column("published", "المعلن", "Published", "number", number),
                    Column("recomputed", "المعاد حسابه", "Recomputed", "number"),
                    Column("difference", "الفرق", "Difference", "number", number)]
    return Table.from_frame(frame, columns)


def statuses_table(resource: str = "checks", field: str = "status") -> Table:
    """Every allowed value of a field with its words and meaning in both languages (e.g. the check statuses)."""
    entries = labels.value_labels(resource, field)
    frame = pd.DataFrame({"value": list(entries),
                          "words": [Bilingual(e.label_ar, e.label_en) for e in entries.values()],
                          "meaning": [Bilingual(e.meaning_ar, e.meaning_en) for e in entries.values()]})
    return Table.from_frame(frame, [Column("value", "القيمة في البيانات", "Value in the data", "code"),
                                    Column("words", "بالكلمات", "In words", "bilingual"),
                                    Column("meaning", "المعنى", "Meaning", "bilingual", wide=True)])


def counts_table(values: pd.Series, ar: str, en: str, resource: str | None = None,
                 field: str | None = None) -> Table:
    """How many rows have each value of *values* (in words when it is an allowed value of ``resource.field``)."""
    counts = values.value_counts(sort=False)
    if resource:
        order = [v for v in labels.value_labels(resource, field) if v in counts.index]
        counts = counts.reindex(order)
    frame = pd.DataFrame({"value": counts.index, "n": counts.to_numpy()})
    fmt = words(resource, field) if resource else None
    return Table.from_frame(frame, [Column("value", ar, en, "bilingual" if resource else "code", fmt),
                                    Column("n", "الصفوف", "Rows", "number", number)])


def shares_table(figures: pd.DataFrame, ids: Sequence[str]) -> Table:
    """Each figure and its share of their sum, in percent."""
    rows = figures.loc[list(ids)]
    total = rows["value"].sum()
    frame = pd.DataFrame({"id": rows["id"], "label": [Bilingual(labels.figure_label(i).ar, labels.figure_label(i).en)
                                                      for i in rows["id"]],
                          "value": rows["value"], "share": rows["value"] / total * 100})
    return Table.from_frame(frame, [Column("id", "معرّف الرقم", "Figure id", "code"),
                                    Column("label", "ما يُعدّ", "What is counted", "bilingual"),
                                    Column("value", "القيمة", "Value", "number", number),
                                    Column("share", "النسبة من المجموع", "Share of the sum", "number", percent)])


def series_table(series: pd.DataFrame, metrics: Sequence[str] | None = None) -> Table:
    """Rows of series.csv: value and qualifier, period, edition and city, what it rests on, mapping, sources."""
    rows = series if metrics is None else series[series["metric"].isin(list(metrics))]
    frame = pd.DataFrame({
        "metric": _bilingual_columns(rows, "metric"), "year": rows["year"].astype(str),
        "value": rows["value"], "qualifier": rows["qualifier"], "period": rows["period"],
        "edition": rows["edition"], "city": [Bilingual(a, e) if e else "" for e, a in zip(rows["city_en"],
                                                                                          rows["city_ar"])],
        "check": rows["check"], "mapping": rows["mapping"],
        "sources": [Bilingual(" | ".join(dict.fromkeys(c.ar if isinstance(c, Bilingual) else c for c in cells)),
                              " | ".join(dict.fromkeys(c.en if isinstance(c, Bilingual) else c for c in cells)))
                    for cells in ([source_name(s) for s in sources.split(" | ")] for sources in rows["sources"])],
        "note": rows["note"],
    })
    return Table.from_frame(frame, [
        Column("metric", "ما يُعدّ", "What is counted", "bilingual", wide=12, role="key"),
        Column("year", "السنة", "Year", "number", role="key"),
        Column("value", "القيمة", "Value", "number", number, role="key"),
        Column("qualifier", "الصيغة", "Qualifier", "bilingual", words("series", "qualifier", blank=("exact",))),
        Column("period", "الفترة", "Period", "bilingual", period),
        Column("edition", "الدورة", "Edition", "number"),
        Column("city", "المدينة", "City", "bilingual"),
        Column("check", "السند", "Rests on", "bilingual", words("series", "check"), role="key"),
        Column("mapping", "المطابقة", "Mapping", "bilingual", words("series", "mapping")),
        Column("sources", "المصادر", "Sources", "bilingual"),
        Column("note", "ملاحظة (بالإنجليزية)", "Note (English)", "english", wide=True),
    ])


def uncertainty_table(table: pd.DataFrame) -> Table:
    """helpers.series.uncertainty: per metric, how many values rest on what."""
    def metric_name(metric):
        if metric == "total":
            return Bilingual("المجموع", "Total")
        label = labels.metric_label(metric)
        return Bilingual(label.ar, label.en)

    frame = table.assign(name=[metric_name(m) for m in table["metric"]])
    columns = [Column("name", "المؤشر", "Metric", "bilingual"),
               Column("values", "القيم", "Values", "number", number),
               Column("this_report", "في هذا التقرير", "In this report", "number", number),
               Column("two_sources", "تقريران متفقان", "Two agreeing reports", "number", number),
               Column("one_source", "تقرير آخر واحد فقط", "One other report only", "number", number),
               Column("disagree", "مصادر متعارضة", "Sources disagree", "number", number),
               Column("inferred", "مطابقة مستنتجة", "Mapping inferred", "number", number)]
    return Table.from_frame(frame, columns)


def accounting_table(books: pd.DataFrame) -> Table:
    """helpers.series.accounting: each year's published total against the sum of its kinds."""
    frame = books.assign(
        year=books["year"].astype(str),
        total=[qualified_number(v, q, "series") for v, q in zip(books["published_total"], books["total_qualifier"])],
        definition=[Bilingual(*DEFINITIONS[d]) for d in books["definition"]],
        flags=[Bilingual("، ".join(f for f, on in (("مصدر واحد", s), ("مطابقة مستنتجة", i)) if on),
                         ", ".join(f for f, on in (("one source", s), ("mapping inferred", i)) if on))
               for s, i in zip(books["single_source"], books["inferred"])])
    return Table.from_frame(frame, [
        Column("year", "السنة", "Year", "number"),
        Column("total", "المجموع المعلن", "Published total", "number"),
        Column("kinds", "الأنواع الثلاثة", "Three kinds", "number", number),
        Column("denials", "التكذيبات", "Denials", "number", number),
        Column("kinds_plus_denials", "الأنواع + التكذيبات", "Kinds + denials", "number", number),
        Column("definition", "ما يشمله المجموع", "What the total counts", "bilingual"),
        Column("flags", "السند", "Rests on", "bilingual"),
    ])


def changes_table(changes: pd.DataFrame) -> Table:
    """helpers.series.total_changes: year-on-year change of the total under each definition, with bounds."""
    def q(value, qualifier, fmt=number):
        return wording.qualified(fmt(value), qualifier, "en", "checks", "recomputed_qualifier") \
            if qualifier in ("at_least", "at_most", "about") else fmt(value)

    frame = changes.assign(
        years=[f"{a}-{b}" for a, b in zip(changes["from"], changes["to"])],
        definition_words=[Bilingual(*DEFINITIONS[d]) for d in changes["definition"]],
        comparable_words=[Bilingual("نعم", "yes") if c else Bilingual("لا: تغير التعريف", "no: the definition changed")
                          for c in changes["comparable"]],
        before_text=[qualified_number(v, q_, "series") for v, q_ in zip(changes["before"], changes["before_qualifier"])],
        after_text=[qualified_number(v, q_, "series") for v, q_ in zip(changes["after"], changes["after_qualifier"])],
        change_text=[q(v, q_) for v, q_ in zip(changes["change"], changes["change_qualifier"])],
        percent_text=[q(v, q_, percent) for v, q_ in zip(changes["change_%"], changes["change_qualifier"])],
    )
    return Table.from_frame(frame, [
        Column("years", "السنتان", "Years", "number"),
        Column("definition_words", "المجاميع المقارنة", "Totals compared", "bilingual"),
        Column("comparable_words", "قابلة للمقارنة", "Comparable", "bilingual"),
        Column("before_text", "قبل", "Before", "number"),
        Column("after_text", "بعد", "After", "number"),
        Column("change_text", "التغير", "Change", "number"),
        Column("percent_text", "التغير، %", "Change, %", "number"),
    ])


def key_value_table(items: Sequence[tuple[str, str, Cell]], value_kind: str = "text") -> Table:
    """(Arabic label, English label, value) rows: provenance, a source's metadata."""
    frame = pd.DataFrame({"label": [Bilingual(ar, en) for ar, en, _ in items], "value": [v for _, _, v in items]})
    return Table.from_frame(frame, [Column("label", "الحقل", "Field", "bilingual"),
                                    Column("value", "القيمة", "Value", value_kind, wide=True)])


def exclusions_table(exclusions: pd.DataFrame) -> Table:
    """Every number of the report that is not a figure: where, what, why (the reasons are curated in English)."""
    frame = exclusions.assign(offsets=[f"{s}-{e}" for s, e in zip(exclusions["start"], exclusions["end"])])
    return Table.from_frame(frame, [
        Column("offsets", "الموضع في النص", "Characters", "number"),
        Column("text", "كما كُتب", "As written", "arabic"),
        Column("value", "القيمة", "Value", "number", number),
        Column("kind", "النوع", "Kind", "bilingual", words("exclusions", "kind")),
        Column("reason", "السبب (بالإنجليزية)", "Reason (English)", "english", wide=True),
    ])


def provenance_table(path) -> Table:
    """A raw file's provenance (data/raw/sources.json) and its checksum recorded beside the one it has now."""
    meta = sources()[path.name]
    rows = [("العنوان", "Title", meta.get("title")), ("العنوان بالإنجليزية", "Title in English", meta.get("title_en")),
            ("الناشر", "Publisher", meta.get("publisher")), ("مصدر الأرقام", "Figures by", meta.get("author_of_figures")),
            ("تاريخ النشر", "Published", period(meta["published"]) if meta.get("published") else ""),
            ("الرابط", "Web address", meta.get("url") or meta.get("url_note")),
            ("البصمة المسجلة", "SHA-256 recorded", meta["sha256"]),
            ("بصمة الملف الآن", "SHA-256 of the file now", sha256(path))]
    return key_value_table([(ar, en, value or "") for ar, en, value in rows])
