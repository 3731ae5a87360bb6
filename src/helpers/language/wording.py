"""Numbers, counts, qualifiers and dates written for a reader of each language.

    >>> count(2400000, "visitors", "ar", qualifier="about")
    'حوالي 2.400.000 زائر'
    >>> count(2400000, "visitors", "en", qualifier="about")
    'about 2,400,000 visitors'
    >>> period("2025-05-17/2025-05-21", "en")
    '17-21 May 2025'

English writes 6,862; Arabic writes 6.862, as the Moroccan press does (helpers.language.formats.format_number).
A qualified value keeps its qualifier in words (data/curated/value-labels.csv: about, more than, only; for
values computed from bounds, at least and at most); an Arabic noun after a number takes the form the number
asks for (helpers.language.grammar, forms in data/curated/units.csv). ``citation`` is the source line of a
chart or table of the article, from data/raw/sources.json.
"""
from __future__ import annotations

import re

from helpers.datapackage.raw import sources
from helpers.language.formats import format_number, format_percent
from helpers.language.labels import figure_label, unit, value_label
from helpers.paths import RAW_REPORT

MONTHS_EN = ("January February March April May June July August September October November December").split()
# The Moroccan month names (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر), one list for dates and source lines.
MONTHS_AR = "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split()


def number(n: float, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """*n* grouped as *lang* writes it: "6,862" (en) or "6.862" (ar)."""
    return format_number(n, decimals=decimals, signed=signed, lang=_style(lang))


def percent(x: float, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """*x* percent: "27.5%" (en), "27,5%" (ar)."""
    return format_percent(x, decimals=decimals, signed=signed, lang=_style(lang))


def _style(lang: str) -> str:
    if lang not in ("en", "ar"):
        raise ValueError(f"language must be 'en' or 'ar', not {lang!r}")
    return lang


def qualified(text: str, qualifier: str | None, lang: str, resource: str = "figures",
              field: str = "qualifier") -> str:
    """A formatted value (or a count phrase) with its qualifier in words: "about 2,400,000", "29 فقط"."""
    return value_label(resource, field, qualifier or "exact").phrase(text, lang)


def count(n: float, unit_name: str, lang: str, qualifier: str | None = None, context: str = "",
          resource: str = "figures", field: str = "qualifier", decimals: int = 0) -> str:
    """*n* of a unit, with the right noun and the qualifier in words.

    ``count(29, "denials", "ar", "only")`` -> "29 تكذيبا فقط"; ``count(29, "denials", "en", "only")`` ->
    "only 29 denials". *context* is appended after the noun ("of the live broadcasts").
    """
    noun = unit(unit_name).noun(n, lang)
    text = f"{number(n, lang, decimals)} {noun}" + (f" {context}" if context else "")
    return qualified(text, qualifier, lang, resource, field)


def figure_count(figures, figure_id: str, lang: str, context: bool = True) -> str:
    """A figure of figures.csv as a count phrase: "حوالي 2.400.000 زائر للأبواب المفتوحة"."""
    row = figures.loc[figure_id]
    label = figure_label(figure_id)
    return count(row["value"], row["unit"], lang, row["qualifier"], label.context(lang) if context else "")


def figure_caption(figures, figure_id: str, lang: str, context: bool = True) -> str:
    """The words under a figure's big number on an infographic: its noun (for that number) and context."""
    row = figures.loc[figure_id]
    label = figure_label(figure_id)
    noun = unit(row["unit"]).noun(row["value"], lang)
    return f"{noun} {label.context(lang)}".strip() if context else noun


def words(resource: str, field: str, value: str, sep: str = " · ") -> str:
    """An allowed value in words, English then Arabic: "consistent · متسق"."""
    label = value_label(resource, field, value)
    return f"{label.label_en}{sep}{label.label_ar}"


def _month(month: int, lang: str) -> str:
    return (MONTHS_EN if lang == "en" else MONTHS_AR)[month - 1]


def period(iso: str, lang: str) -> str:
    """An ISO year, month, day or interval as the reader writes it.

    "2025" -> "2025"; "2025-05-17/2025-05-21" -> "17-21 May 2025" (ar: "17-21 ماي 2025");
    "2025-09/2025-12" -> "September-December 2025"; "2025-05-30/2025-06-02" -> "30 May-2 June 2025".
    """
    _style(lang)
    start, _, end = iso.partition("/")

    def parts(text: str) -> tuple[int, int | None, int | None]:
        fields = [int(x) for x in text.split("-")]
        return fields[0], (fields[1] if len(fields) > 1 else None), (fields[2] if len(fields) > 2 else None)

    def one(year, month, day, with_year=True) -> str:
        words_ = [str(day)] if day else []
        if month:
            words_.append(_month(month, lang))
        if with_year:
            words_.append(str(year))
        return " ".join(words_)

    y1, m1, d1 = parts(start)
    if not end:
        return one(y1, m1, d1)
    y2, m2, d2 = parts(end)
    if y1 != y2:
        return f"{one(y1, m1, d1)}-{one(y2, m2, d2)}"
    if m1 == m2 and d1 and d2:
        return f"{d1}-{d2} {_month(m1, lang)} {y1}"
    if m1 and m2:
        return f"{one(y1, m1, d1, with_year=False)}-{one(y2, m2, d2)}"
    return f"{y1}-{y2}"


def citation(name: str = RAW_REPORT.name) -> tuple[str, str]:
    """The source line for charts, in Arabic and in English, from data/raw/sources.json."""
    meta = sources()[name]
    year, month, day = (int(part) for part in meta["published"].split("-"))
    outlet_ar, outlet_en = re.match(r"(.+?) \((.+?)\)", meta["publisher"]).groups()  # "آش 24 (Ash24), ..."
    return (f"{outlet_ar}، {day} {MONTHS_AR[month - 1]} {year}، عن حصيلة المديرية العامة للأمن الوطني",
            f"Source: {outlet_en}, {meta['published']}, reporting the DGSN annual report")
