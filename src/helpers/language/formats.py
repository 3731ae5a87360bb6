"""Numbers written for each reader: grouped digits and percentages per language, and qualifier marks.

No matplotlib here: the data build, the tables and the charts all write numbers through this module.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from helpers.language.bidi import ALM, LRM

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NBSP = "\u00a0"  # NO-BREAK SPACE: in the chart font (U+202F is not); bidi class CS, like "." and ","

# One number, three audiences. Arabic lines write it as the Moroccan press does: CLDR's ar-MA with Latin
# digits (group ".", decimal ",": "2.400.000"); English lines as English does ("2,400,000"); labels that both
# readers share (bar values, axis ticks, the big numbers of an infographic) group with a no-break space
# ("2 400 000", as ISO 80000 and the French-language Moroccan press do), which neither reads as a decimal.
# "ar-indic" is CLDR's arab numbering system (group U+066C, decimal U+066B, percent U+066A).
# As in CLDR, signs and the percent sign carry bidi marks in the styles read inside right-to-left text.
# Without them, Unicode's bidi algorithm turns Latin digits that follow Arabic letters into "Arabic
# numbers", and "نسبة 12,5%" is displayed with the percent sign on the left of the number ("%12,5"),
# "−27,5" with its minus on the right. With LRM the number keeps the order of a standalone value label.
NUMBER_STYLES = {
    "ar": {"group": ".", "decimal": ",", "percent": LRM + "%" + LRM, "mark": LRM, "digits": None},
    "ar-indic": {"group": "\u066c", "decimal": "\u066b", "percent": "\u066a" + ALM, "mark": ALM,
                 "digits": _ARABIC_INDIC},
    "en": {"group": ",", "decimal": ".", "percent": "%", "mark": "", "digits": None},
    "neutral": {"group": NBSP, "decimal": ",", "percent": LRM + "%" + LRM, "mark": LRM, "digits": None},
}
_DIGITS_TO_STYLE = {"latin": "ar", "arabic-indic": "ar-indic"}


def format_number(n: float, digits: str = "latin", sep: str | None = None,
                  decimals: int = 0, signed: bool = False, lang: str | None = None) -> str:
    """*n* grouped by thousands as the Moroccan press writes it: 2400000 -> "2.400.000".

    *lang* chooses the style: "ar" (the default, "2.400.000"), "en" ("2,400,000"), "neutral"
    ("2 400 000" with a no-break space, for labels both readers share) or "ar-indic" ("٢٬٤٠٠٬٠٠٠");
    digits="arabic-indic" is the older spelling of lang="ar-indic". *sep* replaces the group separator
    ("" for none). *decimals* digits after the decimal sign, rounded half up. *signed* adds "+" to
    positive numbers (for changes); negative numbers get U+2212. In the styles read inside right-to-left
    text, signs are preceded by a bidi mark (LRM, or ALM for Arabic-Indic digits, as CLDR does) so that
    they stay on the left of the number. Not for years.
    """
    style = NUMBER_STYLES[lang or _DIGITS_TO_STYLE[digits]]
    rounded = Decimal(str(n)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):,f}".partition(".")
    text = whole.replace(",", style["group"] if sep is None else sep)
    if fraction:
        text += style["decimal"] + fraction
    if style["digits"]:
        text = text.translate(style["digits"])
    sign = "\u2212" if rounded < 0 else "+" if signed and rounded > 0 else ""
    return style["mark"] + sign + text if sign else text


def format_percent(x: float, decimals: int = 1, digits: str = "latin",
                   signed: bool = False, lang: str | None = None) -> str:
    """*x* in percent points: 12.5 -> "12,5%"; lang="en" -> "12.5%"; digits="arabic-indic" -> "١٢٫٥٪"."""
    style = lang or _DIGITS_TO_STYLE[digits]
    return format_number(x, decimals=decimals, signed=signed, lang=style) + NUMBER_STYLES[style]["percent"]


def neutral_number(n: float, decimals: int = 0) -> str:
    """The form of a number both readers share on a chart: 2400000 -> "2 400 000" (no-break spaces)."""
    return format_number(n, decimals=decimals, lang="neutral")


# Marks for a qualified value on a chart, where words do not fit: ≈ approximate, + a lower bound the
# source states (أكثر من), ≥ / ≤ a value computed from a bound. Words say the same in sentences and
# tables (data/curated/value-labels.csv).
# The "<" of less_than is preceded by LRM so that a right-to-left label does not mirror it into ">".
QUALIFIER_MARKS = {"exact": ("", ""), "only": ("", ""), "about": ("≈", ""), "more_than": ("", "+"),
                   "less_than": (LRM + "<", ""), "at_least": ("≥", ""), "at_most": ("≤", "")}


def with_qualifier(text: str, qualifier: str | None) -> str:
    """Mark a formatted value: about -> "≈420.000", more_than -> "1.180.000+", less_than -> "<420.000",
    at_least -> "≥865"."""
    before, after = QUALIFIER_MARKS[qualifier or "exact"]
    return before + text + after
