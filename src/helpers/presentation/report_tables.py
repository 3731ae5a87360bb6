"""The tables of the whole-report notebooks, in the collection's table style (helpers.presentation.tables).

Values are written with their unit and qualifier ("about 779,008", "1,731.558 kg", "−10%"), statuses and
agreements in words of both languages (data/curated/value-labels.csv), empty cells empty.

    >>> section_table(sections.figures_by_year(report_figures, ["drugs"]))   # every report year, side by side
"""
from __future__ import annotations

import pandas as pd

from helpers.analysis import sections
from helpers.analysis.sections import decimals as _decimals
from helpers.language import labels, wording
from helpers.language.formats import neutral_number, with_qualifier
from helpers.presentation.tables import Bilingual, Column, Table, missing, number, percent, words

YEARS = sections.YEARS
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
    return [Bilingual(ar, en) for en, ar in zip(rows["metric_en"], rows["metric_ar"])]


# A mark after a value for its status, where six years leave no room for words (the legend says them, from
# value-labels.csv): agreed carries none.
STATUS_MARKS = {"agreed": "", "rounded_only": "~", "conflict": "!", "single_source": "¹", "not_stated": ""}


def status_legend() -> Bilingual:
    """What the marks after a value mean, in both languages, from the words of the statuses."""
    ar, en = [], []
    for status, mark in STATUS_MARKS.items():
        if mark:
            label = labels.value_label("report_figures", "status", status)
            ar.append(f"{mark} {label.label_ar}")
            en.append(f"{mark} {label.label_en}")
    return Bilingual("، ".join(ar), ", ".join(en))


NBSP = "\u00a0"


def _marked(value, unit, qualifier, direction, status) -> str:
    """The value with its qualifier in words, its unit and its status mark, the mark joined to the word before it
    by a no-break space (a cell of kind "value" may wrap between the words, never before the mark)."""
    shown = quantity(value, unit, qualifier, direction, resource="report_figures")
    if not shown and status == "conflict":
        return STATUS_MARKS["conflict"]  # the outlets conflict and no value is chosen: the conflicts table lists them
    mark = STATUS_MARKS.get(status or "not_stated", "")
    return f"{shown}{NBSP}{mark}" if shown and mark else shown


def section_table(by_year: pd.DataFrame) -> Table:
    """Each figure of a section, every report year side by side (from helpers.analysis.sections.figures_by_year):
    the value as reconciled with unit and qualifier, and a mark for its status (``status_legend``); a year the
    coverage lacks is empty (unknown, not zero). The number of outlets per year is in panel.csv."""
    frame = by_year.copy()
    frame["metric"] = _metric(frame)
    years = [y for y in YEARS if frame[f"status_{y}"].notna().any()]
    for year in years:
        frame[f"shown_{year}"] = [
            _marked(v, u, q, d, st) for v, u, q, d, st in
            zip(frame[f"value_{year}"], frame["unit"], frame[f"qualifier_{year}"], frame[f"direction_{year}"],
                frame[f"status_{year}"])]
    columns = [Column("metric", "ما يُعدّ", "What is counted", "bilingual", wide=12, role="key")]
    columns += [Column(f"shown_{year}", f"تقرير {year}", f"{year} report", "value", role="key")
                for year in reversed(years)]
    columns.append(Column("figure", "معرّف الرقم", "Figure id", "code"))
    return Table.from_frame(frame, columns)


def year_on_year_table(yoy: pd.DataFrame) -> Table:
    """For each figure and pair of consecutive reports: both levels, the change they imply (with its qualifier
    and caveat) and the change the later report states, with its status against the earlier report's level."""
    frame = yoy.copy()
    frame["metric"] = _metric(frame)
    frame["reports"] = [f"{a}-{b}" for a, b in zip(frame["before_year"], frame["after_year"])]
    for side in ("before", "after"):
        frame[f"shown_{side}"] = [
            _marked(v, u, q, None, st) for v, u, q, st in
            zip(frame[f"value_{side}"], frame["unit"], frame[f"qualifier_{side}"], frame[f"status_{side}"])]
    frame["implied_shown"] = ["" if missing(r["implied"]) else sections.change_phrase(r, "en")
                              for r in frame.to_dict("records")]
    frame["stated_shown"] = ["" if missing(v) else wording.percent(float(v), "en", _decimals(v), signed=True)
                             for v in frame["stated"]]
    return Table.from_frame(frame, [
        Column("metric", "ما يُعدّ", "What is counted", "bilingual", wide=12, role="key"),
        Column("reports", "التقريران", "Reports", "number", role="key"),
        Column("shown_before", "المستوى في التقرير الأول", "Level, earlier report", "number"),
        Column("shown_after", "المستوى في التقرير الثاني", "Level, later report", "number"),
        Column("implied_shown", "التغير الذي تقتضيه المستويات", "Change the levels imply", "text", wide=12, role="key"),
        Column("stated_shown", "التغير الذي يعلنه التقرير", "Change the report states", "number", role="key"),
        Column("stated_status", "المعلن مقارنة بالمحسوب", "Stated against implied", "bilingual",
               words("stated_changes", "status"), role="key"),
        Column("figure", "معرّف الرقم", "Figure id", "code"),
    ])


ADDS_UP = {  # the verdicts of helpers.analysis.sections.compositions, in words
    "equal": Bilingual("الأجزاء تساوي المجموع", "the parts equal the total"),
    "below": Bilingual("أقل من المجموع (قد لا تكون الأجزاء المذكورة كلها)", "below the total (the parts listed need not be all)"),
    "above": Bilingual("أكثر من المجموع: لا يمكن أن تصح كلها، أو تتداخل الأجزاء", "above the total: cannot all be right, or the parts overlap"),
    "incomplete": Bilingual("جزء غير مذكور تلك السنة", "a part is not stated that year"),
    "not comparable": Bilingual("غير قابل للمقارنة (تقريب أو حد)", "not comparable (an approximation or a bound)"),
    "no total": Bilingual("لا مجموع معلن", "no total stated"),
}


def compositions_table(comp: pd.DataFrame) -> Table:
    """Totals and their parts: the total, the sum of the parts stated that year, and whether they add up."""
    frame = comp.copy()
    frame["what"] = [Bilingual(ar, en) for en, ar in zip(frame["total_en"], frame["total_ar"])]
    frame["total_shown"] = [quantity(v, u, resource="report_figures") for v, u in zip(frame["total_value"],
                                                                                      frame["unit"])]
    frame["sum_shown"] = [quantity(v, u, resource="report_figures") for v, u in zip(frame["parts_sum"],
                                                                                    frame["unit"])]
    frame["diff_shown"] = ["" if missing(d) else (wording.number(float(d), "en", _decimals(d), signed=True)
                                                  if float(d) else "0") for d in frame["difference"]]
    frame["parts_shown"] = [f"{a} / {b}" for a, b in zip(frame["parts_stated"], frame["parts"])]
    return Table.from_frame(frame, [
        Column("what", "المجموع", "Total", "bilingual", wide=12, role="key"),
        Column("report_year", "التقرير", "Report", "number", role="key"),
        Column("total", "معرّف المجموع", "Total id", "code"),
        Column("breakdown", "التفصيل", "Breakdown", "code"),
        Column("total_shown", "المجموع المعلن", "Total stated", "number", role="key"),
        Column("parts_shown", "الأجزاء المذكورة", "Parts stated", "number"),
        Column("sum_shown", "مجموع الأجزاء", "Sum of the parts", "number", role="key"),
        Column("diff_shown", "الفرق", "Difference", "number"),
        Column("adds_up", "الأجزاء مقارنة بالمجموع", "Parts against the total", "bilingual", lambda v: ADDS_UP[v],
               wide=12, role="key"),
    ])


def conflicts_table(conf: pd.DataFrame) -> Table:
    """What each outlet printed for the figures in conflict: its words, the value read, agreement, likely cause."""
    frame = conf.copy()
    frame["value_shown"] = [quantity(v, u, q, d) for v, u, q, d in
                            zip(frame["value"], frame["unit"], frame["qualifier"], frame["direction"])]
    frame["cause_shown"] = [
        "" if missing(c) else _cause(c, d) for c, d in zip(frame["cause"], frame["cause_detail"])]
    frame["metric"] = _metric(frame)
    return Table.from_frame(frame, [
        Column("metric", "ما يُعدّ", "What is counted", "bilingual", wide=10, role="key"),
        Column("report_year", "التقرير", "Report", "number", role="key"),
        Column("figure", "معرّف الرقم", "Figure id", "code"),
        Column("obs", "الملاحظة", "Observation", "code"),
        Column("outlet", "المنبر", "Outlet", "english", role="key", link="url"),
        Column("figure_text", "كما نُشر", "As printed", "text"),
        Column("value_shown", "القيمة المقروءة", "Value read", "number", role="key"),
        Column("agreement", "مقارنة بالقيمة", "Against the value", "bilingual", words("observations", "agreement"),
               role="key"),
        Column("cause_shown", "السبب المرجح", "Likely cause", "bilingual", wide=True),
    ])


def _cause(cause: str, detail: str) -> Bilingual:
    label = labels.value_label("observations", "cause", cause)
    extra = f" ({detail})" if detail and not missing(detail) else ""
    return Bilingual(label.label_ar + extra, label.label_en + extra)


def stated_changes_table(changes: pd.DataFrame) -> Table:
    """Stated changes beside the change the levels imply, the tolerance and the status."""
    frame = changes.copy()
    frame["metric"] = _metric(frame)
    frame["stated_shown"] = [wording.qualified(wording.percent(float(v), "en", _decimals(v), signed=True), q, "en",
                                               "stated_changes", "qualifier")
                             for v, q in zip(frame["stated"], frame["qualifier"])]
    frame["implied_shown"] = [percent(v, signed=True) for v in frame["implied"]]
    frame["allowed"] = [_interval(lo, hi) for lo, hi in zip(frame["tolerance_low"], frame["tolerance_high"])]
    frame["levels"] = ["" if missing(b) else f"{number(b, _decimals(b))} → {number(a, _decimals(a))}"
                       for b, a in zip(frame["level_before"], frame["level_after"])]
    return Table.from_frame(frame, [
        Column("metric", "المستوى", "Level", "bilingual", wide=12, role="key"),
        Column("report_year", "التقرير", "Report", "number", role="key"),
        Column("stated_shown", "المعلن", "Stated", "number", role="key"),
        Column("implied_shown", "المحسوب", "Implied", "number", role="key"),
        Column("status", "الحالة", "Status", "bilingual", words("stated_changes", "status"), role="key"),
        Column("before_from", "مصدر المستوى السابق", "Level before from", "bilingual",
               words("stated_changes", "before_from")),
        Column("levels", "المستويات", "Levels", "number"),
        Column("allowed", "المقدار الذي يسمح به تقريب المعلن", "Magnitude the stated rounding allows", "number"),
        Column("figure", "معرّف التغير", "Change id", "code"),
    ])


def changes_by_report_table(by_report: pd.DataFrame) -> Table:
    """helpers.analysis.changes.by_report: per report and comparison, the statuses and the share consistent."""
    frame = by_report.copy()
    frame["year"] = frame["report_year"].astype(str)
    return Table.from_frame(frame, [
        Column("year", "التقرير", "Report", "number"),
        Column("before_from", "مقارنة بـ", "Against", "bilingual", words("stated_changes", "before_from")),
        Column("consistent", "متسق", "Consistent", "number", number),
        Column("inconsistent", "غير متسق", "Inconsistent", "number", number),
        Column("not_checkable", "لا يمكن التحقق منه", "Cannot be checked", "number", number),
        Column("consistent_share", "نسبة المتسق مما يمكن التحقق منه", "Consistent, of those checkable", "number",
               percent),
    ])


def revisions_table(revisions: pd.DataFrame) -> Table:
    """Each previous-year level a report cites, beside the level the previous report published, and the status."""
    frame = revisions.copy()
    frame["metric"] = _metric(frame)
    frame["year"] = frame["report_year"].astype(str)
    frame["cited_shown"] = [_marked(v, u, q, None, st) for v, u, q, st in
                            zip(frame["cited"], frame["unit"], frame["cited_qualifier"], frame["cited_status"])]
    frame["published_shown"] = [_marked(v, u, q, None, st) for v, u, q, st in
                                zip(frame["published"], frame["unit"], frame["published_qualifier"],
                                    frame["published_status"])]
    frame["diff_shown"] = [percent(d, signed=True) for d in frame["difference_pct"]]
    return Table.from_frame(frame, [
        Column("metric", "المستوى", "Level", "bilingual", wide=True),
        Column("year", "التقرير", "Report", "number"),
        Column("cited_shown", "كما يذكره التقرير للسنة السابقة", "As the report cites the previous year", "number"),
        Column("published_shown", "كما نشره التقرير السابق", "As the previous report published it", "number"),
        Column("diff_shown", "الفرق", "Difference", "number"),
        Column("status", "الحالة", "Status", "bilingual", words("revisions", "status")),
        Column("note", "ملاحظة (بالإنجليزية)", "Note (English)", "english", wide=True),
        Column("cited_obs", "ملاحظات الذكر", "Observations cited", "code"),
        Column("published_obs", "ملاحظات النشر", "Observations published", "code"),
    ])


def figures_stated_table(counts: pd.DataFrame) -> Table:
    """helpers.analysis.sections.figures_stated: how many figures of each section each report's coverage states."""
    frame = counts.copy()
    frame["name"] = [Bilingual(labels.section_name(s, "ar"), labels.section_name(s, "en")) for s in frame["section"]]
    years = [c for c in frame.columns if str(c).isdigit()]
    return Table.from_frame(frame, [Column("name", "القسم", "Section", "bilingual")] + [
        Column(str(y), f"تقرير {y}", f"{y} report", "number", number) for y in sorted(years, reverse=True)])


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
    return Bilingual(labels.section_name(value, "ar"), labels.section_name(value, "en"))


def _share(value) -> str:
    return "" if missing(value) else wording.percent(float(value), "en", 1)


def coverage_table(by_section: pd.DataFrame) -> Table:
    """Observations per section, by language and report, with the outlets and pages that carry them."""
    return Table.from_frame(by_section, [
        Column("section", "القسم", "Section", "bilingual", _section, wide=True),
        Column("ar", "بالعربية", "In Arabic", "number", number),
        Column("fr", "بالفرنسية", "In French", "number", number),
        *[Column(f"report_{y}", f"تقرير {y}", f"{y} report", "number", number) for y in reversed(YEARS)],
        Column("outlets", "المنابر", "Outlets", "number", number),
        Column("pages", "الصفحات", "Pages", "number", number),
    ])


def coverage_by_year_table(by_year: pd.DataFrame) -> Table:
    """Per report year: how much of it the press carried and how often its values differ from the report's."""
    frame = by_year.copy()
    frame["year"] = frame["report_year"].astype(str)
    return Table.from_frame(frame, [
        Column("year", "التقرير", "Report", "number"),
        Column("observations", "الملاحظات", "Observations", "number", number),
        Column("ar", "بالعربية", "Arabic", "number", number),
        Column("fr", "بالفرنسية", "French", "number", number),
        Column("outlets", "المنابر", "Outlets", "number", number),
        Column("pages", "الصفحات", "Pages", "number", number),
        Column("sections", "الأقسام", "Sections", "number", number),
        Column("comparable", "قابلة للمقارنة", "Comparable", "number", number),
        Column("differs", "مختلفة", "Differ", "number", number),
        Column("differs_share", "نسبة المختلفة", "Share that differ", "number", percent),
    ])


def translations_table(pairs: pd.DataFrame) -> Table:
    """helpers.analysis.coverage.translated_copies: pairs of pages in two languages that may be one dispatch."""
    frame = pairs.copy()
    frame["year"] = frame["report_year"].astype(str)
    return Table.from_frame(frame, [
        Column("year", "التقرير", "Report", "number"),
        Column("outlet_ar", "الصفحة العربية", "Arabic page", "code"),
        Column("outlet_fr", "الصفحة الفرنسية", "French page", "code"),
        Column("published", "تاريخ النشر", "Published", "number"),
        Column("shared_values", "القيم المشتركة بالترتيب نفسه", "Values shared, in the same order", "number", number),
        Column("figures_counted_twice", "أرقام تحسب فيها مصدرين", "Figures where they count as two sources", "number",
               number),
    ])


def dates_table(dates: pd.DataFrame) -> Table:
    """Pages by report and publication date; a page that shows no date is counted as such."""
    frame = dates.copy()
    frame["when"] = [Bilingual("لا تاريخ في الصفحة", "no date on the page") if missing(d) else
                     Bilingual(wording.period(d, "ar"), wording.period(d, "en")) for d in frame["published"]]
    return Table.from_frame(frame, [
        Column("report_year", "التقرير", "Report", "number"),
        Column("when", "تاريخ النشر", "Published", "bilingual"),
        Column("pages", "الصفحات", "Pages", "number", number),
    ])


def outlets_table(outlets: pd.DataFrame) -> Table:
    """Per outlet: languages, pages, observations, figures, how they compare, copy cluster, aggregator."""
    frame = outlets.copy()
    frame["aggregator_shown"] = [Bilingual("نعم", "yes") if a else "" for a in frame["aggregator"]]
    return Table.from_frame(frame, [
        Column("outlet", "المنبر", "Outlet", "english"),
        Column("languages", "اللغات", "Languages", "english"),
        Column("pages", "الصفحات", "Pages", "number", number),
        Column("observations", "الأرقام المنشورة", "Figures printed", "number", number),
        Column("agrees", "مطابقة", "Agree", "number", number),
        Column("rounded", "مقربة", "Rounded", "number", number),
        Column("differs", "مختلفة", "Differ", "number", number),
        Column("single", "مصدر وحيد", "Single source", "number", number),
        Column("differs_share", "المختلفة من القابلة للمقارنة", "Differ, of those comparable", "number", _share),
        Column("copy_cluster", "نسخ (المجموعة)", "Copies (cluster)", "english"),
        Column("aggregator_shown", "مجمّع", "Aggregator", "bilingual"),
    ])


def agreement_table(rates: pd.DataFrame, by: str) -> Table:
    """Agreement counts and rates grouped by ``by`` (lang, section or report_year)."""
    key = {"lang": Column("lang", "اللغة", "Language", "bilingual",
                          lambda v: Bilingual({"ar": "العربية", "fr": "الفرنسية"}[v], {"ar": "Arabic", "fr": "French"}[v])),
           "section": Column("section", "القسم", "Section", "bilingual", _section, wide=True),
           "report_year": Column("report_year", "التقرير", "Report", "number")}[by]
    return Table.from_frame(rates, [
        key,
        Column("agrees", "مطابقة", "Agree", "number", number),
        Column("rounded", "مقربة", "Rounded", "number", number),
        Column("differs", "مختلفة", "Differ", "number", number),
        Column("single", "مصدر وحيد", "Single source", "number", number),
        Column("rounded_share", "المقربة من القابلة للمقارنة", "Rounded, of those comparable", "number", _share),
        Column("differs_share", "المختلفة من القابلة للمقارنة", "Differ, of those comparable", "number", _share),
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
        Column("metric", "الرقم", "Figure", "bilingual", wide=10, role="key"),
        Column("report_year", "التقرير", "Report", "number", role="key"),
        Column("outlet", "المنبر", "Outlet", "english", role="key", link="url"),
        Column("figure_text", "كما نُشر", "As printed", "text"),
        Column("printed", "القيمة المقروءة", "Value read", "number", role="key"),
        Column("reconciled_shown", "قيمة التقرير", "Value of the report", "number", role="key"),
        Column("cause_shown", "السبب المرجح", "Likely cause", "bilingual", wide=True),
        Column("obs", "الملاحظة", "Observation", "code"),
    ])


def causes_table(causes: pd.Series) -> Table:
    """How many differing values each likely cause explains."""
    frame = pd.DataFrame({"cause": causes.index, "n": causes.values})
    frame["cause_shown"] = [Bilingual("لا سبب ظاهر في الأرقام", "no cause found in the digits") if not c
                            else _cause(c, "") for c in frame["cause"]]
    return Table.from_frame(frame, [
        Column("cause_shown", "السبب المرجح", "Likely cause", "bilingual", wide=True),
        Column("n", "القيم", "Values", "number", number),
    ])


def copies_table(copies: pd.DataFrame) -> Table:
    """Clusters of pages that copy each other."""
    return Table.from_frame(copies, [
        Column("cluster", "المجموعة", "Cluster", "english"),
        Column("outlets", "المنابر", "Outlets", "english", wide=True),
        Column("pages", "الصفحات", "Pages", "number", number),
        Column("observations", "الأرقام المنشورة", "Figures printed", "number", number),
        Column("identical_quotes", "الاقتباسات المتطابقة", "Identical quotes", "number", number),
        Column("report_year", "التقرير", "Report", "number"),
    ])


ROUNDING = {
    "truncated": Bilingual("مقتطع (779 ألف بدل 779.008)", "cut down (779 ألف for 779,008)"),
    "rounded": Bilingual("مقرب إلى الأقرب أو إلى الأعلى", "rounded to the nearest or up"),
    "bound": Bilingual("حد (أكثر من، أقل من)", "a bound (more than, less than)"),
}


def roundings_table(roundings: pd.DataFrame) -> Table:
    """How the rounded observations round, in each language."""
    counts = roundings.groupby(["how", "lang"]).size().unstack(fill_value=0)
    frame = pd.DataFrame({"how": [h for h in ROUNDING if h in counts.index]})
    for lang in ("ar", "fr"):
        frame[lang] = [int(counts.loc[h, lang]) if lang in counts.columns else 0 for h in frame["how"]]
    return Table.from_frame(frame, [
        Column("how", "كيف قُرّبت القيمة", "How the value is rounded", "bilingual", lambda v: ROUNDING[v], wide=True),
        Column("ar", "بالعربية", "In Arabic", "number", number),
        Column("fr", "بالفرنسية", "In French", "number", number),
    ])


# --- the whole report's key figures (notebook 18) -------------------------------------------------------------------

def headline_year(row: dict) -> int:
    """The latest report year that states a headline's figure."""
    return next(y for y in reversed(YEARS) if not missing(row.get(f"value_{y}")))


def headline_value(row: dict) -> str:
    """A headline's value in the latest report that states it, as both readers read it on a
    chart: grouped with no-break spaces, its unit, its qualifier mark (≈, +)."""
    year = headline_year(row)
    value, qualifier = row[f"value_{year}"], row[f"qualifier_{year}"]
    text = neutral_number(float(value), _decimals(value))
    if row["unit"] == "percent":
        text += "%"
    elif row["unit"] not in ("count", "years"):
        text += f" {row['unit']}"
    return with_qualifier(text, None if missing(qualifier) else qualifier)
