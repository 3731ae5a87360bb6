"""The tables of the whole-report notebooks, in the collection's table style (helpers.tables).

Values are written with their unit and qualifier ("about 779,008", "1,731.558 kg", "−10%"), statuses and
agreements in words of both languages (data/curated/value-labels.csv), empty cells empty.

    >>> section_table(sections.figures_by_year(report_figures, ["drugs"]))   # 2025 beside 2024
"""
from __future__ import annotations

import pandas as pd

from . import labels, wording
from .sections import decimals as _decimals
from .tables import Bilingual, Column, Table, missing, number, words

YEARS = (2024, 2025)
_SIGN = {"up": "+", "down": "\u2212"}




def quantity(value, unit: str, qualifier: str | None = None, direction: str | None = None, lang: str = "en",
             resource: str = "observations") -> str:
    """A value as a reader of *lang* writes it, with its unit, the sign of its direction and its qualifier in
    words: "about 779,008", "1,731.558 kg", "−10%", "more than 170,000 kg"; empty when missing."""
    if missing(value):
        return ""
    decimals = _decimals(value)
    if unit == "percent":
        text = wording.percent(float(value), lang, decimals)
    else:
        text = wording.number(float(value), lang, decimals)
        if unit != "count":
            text = labels.value_label(resource, "unit", unit).phrase(text, lang)
    text = _SIGN.get(direction or "none", "") + text
    return wording.qualified(text, None if missing(qualifier) else qualifier, lang, resource, "qualifier")


def _metric(rows: pd.DataFrame) -> list[Bilingual]:
    return [Bilingual(en, ar) for en, ar in zip(rows["metric_en"], rows["metric_ar"])]


def section_table(by_year: pd.DataFrame) -> Table:
    """Each figure of a section, 2024 and 2025 side by side (from helpers.sections.figures_by_year): value as
    reconciled with unit and qualifier, status in words, number of outlets; a year the coverage lacks is empty."""
    frame = by_year.copy()
    frame["metric"] = _metric(frame)
    for year in YEARS:
        frame[f"shown_{year}"] = [
            quantity(v, u, q, d, resource="report_figures") for v, u, q, d in
            zip(frame[f"value_{year}"], frame["unit"], frame[f"qualifier_{year}"], frame[f"direction_{year}"])]
    columns = [Column("figure", "Figure id", "معرّف الرقم", "code"),
               Column("metric", "What is counted", "ما يُعدّ", "bilingual", wide=True)]
    for year in YEARS:
        columns += [
            Column(f"shown_{year}", f"{year} report", f"تقرير {year}", "number"),
            Column(f"status_{year}", f"{year}: status", f"{year}: الحالة", "bilingual",
                   words("report_figures", "status")),
            Column(f"outlets_{year}", f"{year}: outlets", f"{year}: المنابر", "number", number),
        ]
    return Table.from_frame(frame, columns)


def year_on_year_table(yoy: pd.DataFrame) -> Table:
    """Levels in both reports, the change they imply (with its qualifier) and the change the 2025 report states."""
    frame = yoy.copy()
    frame["metric"] = _metric(frame)
    for year in YEARS:
        frame[f"shown_{year}"] = [quantity(v, u, q, resource="report_figures")
                                  for v, u, q in zip(frame[f"value_{year}"], frame["unit"], frame[f"qualifier_{year}"])]
    frame["implied_shown"] = [
        "" if missing(v) else wording.qualified(wording.percent(float(v), "en", 1, signed=True), q, "en", "checks",
                                                "recomputed_qualifier")
        for v, q in zip(frame["implied"], frame["implied_qualifier"])]
    frame["stated_shown"] = ["" if missing(v) else wording.percent(float(v), "en", _decimals(v), signed=True)
                             for v in frame["stated"]]
    return Table.from_frame(frame, [
        Column("figure", "Figure id", "معرّف الرقم", "code"),
        Column("metric", "What is counted", "ما يُعدّ", "bilingual", wide=True),
        Column("shown_2024", "2024 report", "تقرير 2024", "number"),
        Column("shown_2025", "2025 report", "تقرير 2025", "number"),
        Column("implied_shown", "Change the levels imply", "التغير الذي تقتضيه المستويات", "number"),
        Column("stated_shown", "Change the 2025 report states", "التغير الذي يعلنه تقرير 2025", "number"),
        Column("stated_status", "Stated against implied", "المعلن مقارنة بالمحسوب", "bilingual",
               words("stated_changes", "status")),
    ])


ADDS_UP = {  # the verdicts of helpers.sections.compositions, in words
    "equal": Bilingual("the parts equal the total", "الأجزاء تساوي المجموع"),
    "below": Bilingual("below the total (the parts listed need not be all)", "أقل من المجموع (قد لا تكون الأجزاء المذكورة كلها)"),
    "above": Bilingual("above the total: cannot all be right, or the parts overlap", "أكثر من المجموع: لا يمكن أن تصح كلها، أو تتداخل الأجزاء"),
    "incomplete": Bilingual("a part is not stated that year", "جزء غير مذكور تلك السنة"),
    "not comparable": Bilingual("not comparable (an approximation or a bound)", "غير قابل للمقارنة (تقريب أو حد)"),
    "no total": Bilingual("no total stated", "لا مجموع معلن"),
}


def compositions_table(comp: pd.DataFrame) -> Table:
    """Totals and their parts: the total, the sum of the parts stated that year, and whether they add up."""
    frame = comp.copy()
    frame["what"] = [Bilingual(en, ar) for en, ar in zip(frame["total_en"], frame["total_ar"])]
    frame["total_shown"] = [quantity(v, u, resource="report_figures") for v, u in zip(frame["total_value"],
                                                                                      frame["unit"])]
    frame["sum_shown"] = [quantity(v, u, resource="report_figures") for v, u in zip(frame["parts_sum"],
                                                                                    frame["unit"])]
    frame["diff_shown"] = ["" if missing(d) else (wording.number(float(d), "en", _decimals(d), signed=True)
                                                  if float(d) else "0") for d in frame["difference"]]
    frame["parts_shown"] = [f"{a} / {b}" for a, b in zip(frame["parts_stated"], frame["parts"])]
    return Table.from_frame(frame, [
        Column("report_year", "Report", "التقرير", "number"),
        Column("total", "Total id", "معرّف المجموع", "code"),
        Column("what", "Total", "المجموع", "bilingual", wide=True),
        Column("breakdown", "Breakdown", "التفصيل", "code"),
        Column("total_shown", "Total stated", "المجموع المعلن", "number"),
        Column("parts_shown", "Parts stated", "الأجزاء المذكورة", "number"),
        Column("sum_shown", "Sum of the parts", "مجموع الأجزاء", "number"),
        Column("diff_shown", "Difference", "الفرق", "number"),
        Column("adds_up", "Parts against the total", "الأجزاء مقارنة بالمجموع", "bilingual", lambda v: ADDS_UP[v]),
    ])


def conflicts_table(conf: pd.DataFrame) -> Table:
    """What each outlet printed for the figures in conflict: its words, the value read, agreement, likely cause."""
    frame = conf.copy()
    frame["value_shown"] = [quantity(v, u, q, d) for v, u, q, d in
                            zip(frame["value"], frame["unit"], frame["qualifier"], frame["direction"])]
    frame["cause_shown"] = [
        "" if missing(c) else _cause(c, d) for c, d in zip(frame["cause"], frame["cause_detail"])]
    return Table.from_frame(frame, [
        Column("report_year", "Report", "التقرير", "number"),
        Column("figure", "Figure id", "معرّف الرقم", "code"),
        Column("obs", "Observation", "الملاحظة", "code"),
        Column("outlet", "Outlet", "المنبر", "english"),
        Column("figure_text", "As printed", "كما نُشر", "text"),
        Column("value_shown", "Value read", "القيمة المقروءة", "number"),
        Column("agreement", "Against the value", "مقارنة بالقيمة", "bilingual", words("observations", "agreement")),
        Column("cause_shown", "Likely cause", "السبب المرجح", "bilingual", wide=True),
    ])


def _cause(cause: str, detail: str) -> Bilingual:
    label = labels.value_label("observations", "cause", cause)
    extra = f" ({detail})" if detail and not missing(detail) else ""
    return Bilingual(label.label_en + extra, label.label_ar + extra)


def stated_changes_table(changes: pd.DataFrame) -> Table:
    """Stated changes beside the change the levels imply, the tolerance and the status."""
    frame = changes.copy()
    frame["metric"] = _metric(frame)
    frame["stated_shown"] = [wording.qualified(wording.percent(float(v), "en", _decimals(v), signed=True), q, "en",
                                               "stated_changes", "qualifier")
                             for v, q in zip(frame["stated"], frame["qualifier"])]
    frame["implied_shown"] = ["" if missing(v) else wording.percent(float(v), "en", 1, signed=True)
                              for v in frame["implied"]]
    frame["allowed"] = [_interval(lo, hi) for lo, hi in zip(frame["tolerance_low"], frame["tolerance_high"])]
    frame["levels"] = ["" if missing(b) else f"{number(b, _decimals(b))} → {number(a, _decimals(a))}"
                       for b, a in zip(frame["level_before"], frame["level_after"])]
    return Table.from_frame(frame, [
        Column("report_year", "Report", "التقرير", "number"),
        Column("figure", "Change id", "معرّف التغير", "code"),
        Column("metric", "Level", "المستوى", "bilingual", wide=True),
        Column("stated_shown", "Stated", "المعلن", "number"),
        Column("levels", "Levels published", "المستويات المنشورة", "number"),
        Column("before_from", "Level before from", "مصدر المستوى السابق", "bilingual",
               words("stated_changes", "before_from")),
        Column("implied_shown", "Implied", "المحسوب", "number"),
        Column("allowed", "Magnitude the stated rounding allows", "المقدار الذي يسمح به تقريب المعلن", "number"),
        Column("status", "Status", "الحالة", "bilingual", words("stated_changes", "status")),
    ])


def _interval(low, high) -> str:
    """A magnitude interval in percent, the same for both readers: "9.5–10.5%", "≥ 26.5%", "≤ 7.5%"."""
    def p(x):
        return wording.number(float(x), "en", _decimals(x))
    if missing(low) and missing(high):
        return ""
    if missing(high):
        return f"≥ {p(low)}%"
    if missing(low):
        return f"≤ {p(high)}%"
    return f"{p(low)}–{p(high)}%"


# --- the press coverage (notebook 16) -------------------------------------------------------------------------------

def _section(value) -> Bilingual:
    return Bilingual(labels.section_name(value, "en"), labels.section_name(value, "ar"))


def _share(value) -> str:
    return "" if missing(value) else wording.percent(float(value), "en", 1)


def coverage_table(by_section: pd.DataFrame) -> Table:
    """Observations per section, by language and report, with the outlets and pages that carry them."""
    return Table.from_frame(by_section, [
        Column("section", "Section", "القسم", "bilingual", _section, wide=True),
        Column("ar", "In Arabic", "بالعربية", "number", number),
        Column("fr", "In French", "بالفرنسية", "number", number),
        Column("report_2024", "2024 report", "تقرير 2024", "number", number),
        Column("report_2025", "2025 report", "تقرير 2025", "number", number),
        Column("outlets", "Outlets", "المنابر", "number", number),
        Column("pages", "Pages", "الصفحات", "number", number),
    ])


def dates_table(dates: pd.DataFrame) -> Table:
    """Pages by report and publication date; a page that shows no date is counted as such."""
    frame = dates.copy()
    frame["when"] = [Bilingual("no date on the page", "لا تاريخ في الصفحة") if missing(d) else
                     Bilingual(wording.period(d, "en"), wording.period(d, "ar")) for d in frame["published"]]
    return Table.from_frame(frame, [
        Column("report_year", "Report", "التقرير", "number"),
        Column("when", "Published", "تاريخ النشر", "bilingual"),
        Column("pages", "Pages", "الصفحات", "number", number),
    ])


def outlets_table(outlets: pd.DataFrame) -> Table:
    """Per outlet: languages, pages, observations, figures, how they compare, copy cluster, aggregator."""
    frame = outlets.copy()
    frame["aggregator_shown"] = [Bilingual("yes", "نعم") if a else "" for a in frame["aggregator"]]
    return Table.from_frame(frame, [
        Column("outlet", "Outlet", "المنبر", "english"),
        Column("languages", "Languages", "اللغات", "english"),
        Column("pages", "Pages", "الصفحات", "number", number),
        Column("observations", "Figures printed", "الأرقام المنشورة", "number", number),
        Column("agrees", "Agree", "مطابقة", "number", number),
        Column("rounded", "Rounded", "مقربة", "number", number),
        Column("differs", "Differ", "مختلفة", "number", number),
        Column("single", "Single source", "مصدر وحيد", "number", number),
        Column("differs_share", "Differ, of those comparable", "المختلفة من القابلة للمقارنة", "number", _share),
        Column("copy_cluster", "Copies (cluster)", "نسخ (المجموعة)", "english"),
        Column("aggregator_shown", "Aggregator", "مجمّع", "bilingual"),
    ])


def agreement_table(rates: pd.DataFrame, by: str) -> Table:
    """Agreement counts and rates grouped by ``by`` (lang, section or report_year)."""
    key = {"lang": Column("lang", "Language", "اللغة", "bilingual",
                          lambda v: Bilingual({"ar": "Arabic", "fr": "French"}[v], {"ar": "العربية", "fr": "الفرنسية"}[v])),
           "section": Column("section", "Section", "القسم", "bilingual", _section, wide=True),
           "report_year": Column("report_year", "Report", "التقرير", "number")}[by]
    return Table.from_frame(rates, [
        key,
        Column("agrees", "Agree", "مطابقة", "number", number),
        Column("rounded", "Rounded", "مقربة", "number", number),
        Column("differs", "Differ", "مختلفة", "number", number),
        Column("single", "Single source", "مصدر وحيد", "number", number),
        Column("rounded_share", "Rounded, of those comparable", "المقربة من القابلة للمقارنة", "number", _share),
        Column("differs_share", "Differ, of those comparable", "المختلفة من القابلة للمقارنة", "number", _share),
    ])


def differences_table(differences: pd.DataFrame) -> Table:
    """Every printed value that differs from the reconciled value, with its likely cause."""
    frame = differences.copy()
    frame["metric"] = _metric(frame)
    frame["printed"] = [quantity(v, u, q, d) for v, u, q, d in
                        zip(frame["value"], frame["unit"], frame["qualifier"], frame["direction"])]
    frame["reconciled_shown"] = [quantity(v, u, resource="report_figures") for v, u in
                                 zip(frame["reconciled"], frame["unit"])]
    frame["cause_shown"] = ["" if missing(c) else _cause(c, d) for c, d in zip(frame["cause"], frame["cause_detail"])]
    return Table.from_frame(frame, [
        Column("report_year", "Report", "التقرير", "number"),
        Column("metric", "Figure", "الرقم", "bilingual", wide=True),
        Column("outlet", "Outlet", "المنبر", "english"),
        Column("figure_text", "As printed", "كما نُشر", "text"),
        Column("printed", "Value read", "القيمة المقروءة", "number"),
        Column("reconciled_shown", "Value of the report", "قيمة التقرير", "number"),
        Column("cause_shown", "Likely cause", "السبب المرجح", "bilingual", wide=True),
        Column("obs", "Observation", "الملاحظة", "code"),
    ])


def causes_table(causes: pd.Series) -> Table:
    """How many differing values each likely cause explains."""
    frame = pd.DataFrame({"cause": causes.index, "n": causes.values})
    frame["cause_shown"] = [Bilingual("no cause found in the digits", "لا سبب ظاهر في الأرقام") if not c
                            else _cause(c, "") for c in frame["cause"]]
    return Table.from_frame(frame, [
        Column("cause_shown", "Likely cause", "السبب المرجح", "bilingual", wide=True),
        Column("n", "Values", "القيم", "number", number),
    ])


def copies_table(copies: pd.DataFrame) -> Table:
    """Clusters of pages that copy each other."""
    return Table.from_frame(copies, [
        Column("cluster", "Cluster", "المجموعة", "english"),
        Column("outlets", "Outlets", "المنابر", "english", wide=True),
        Column("pages", "Pages", "الصفحات", "number", number),
        Column("observations", "Figures printed", "الأرقام المنشورة", "number", number),
        Column("identical_quotes", "Identical quotes", "الاقتباسات المتطابقة", "number", number),
        Column("report_year", "Report", "التقرير", "number"),
    ])


ROUNDING = {
    "truncated": Bilingual("cut down (779 ألف for 779,008)", "مقتطع (779 ألف بدل 779.008)"),
    "rounded": Bilingual("rounded to the nearest or up", "مقرب إلى الأقرب أو إلى الأعلى"),
    "bound": Bilingual("a bound (more than, less than)", "حد (أكثر من، أقل من)"),
}


def roundings_table(roundings: pd.DataFrame) -> Table:
    """How the rounded observations round, in each language."""
    counts = roundings.groupby(["how", "lang"]).size().unstack(fill_value=0)
    frame = pd.DataFrame({"how": [h for h in ROUNDING if h in counts.index]})
    for lang in ("ar", "fr"):
        frame[lang] = [int(counts.loc[h, lang]) if lang in counts.columns else 0 for h in frame["how"]]
    return Table.from_frame(frame, [
        Column("how", "How the value is rounded", "كيف قُرّبت القيمة", "bilingual", lambda v: ROUNDING[v], wide=True),
        Column("ar", "In Arabic", "بالعربية", "number", number),
        Column("fr", "In French", "بالفرنسية", "number", number),
    ])


# --- the whole report's key figures (notebook 18) -------------------------------------------------------------------

def headline_value(row: dict) -> str:
    """A headline's 2025 value (its 2024 value when the 2025 coverage lacks it) as both readers read it on a
    chart: grouped with no-break spaces, its unit, its qualifier mark (≈, +)."""
    from .arabic_text import neutral_number, with_qualifier

    year = 2025 if not missing(row["value_2025"]) else 2024
    value, qualifier = row[f"value_{year}"], row[f"qualifier_{year}"]
    text = neutral_number(float(value), _decimals(value))
    if row["unit"] == "percent":
        text += "%"
    elif row["unit"] not in ("count", "years"):
        text += f" {row['unit']}"
    return with_qualifier(text, None if missing(qualifier) else qualifier)
