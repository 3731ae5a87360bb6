"""Direction in mixed text: the first strong direction (as the Unicode bidi algorithm and HTML's dir="auto"
decide it), the bidi marks, and isolates for printed lines and plain-text cells.
"""
from __future__ import annotations

import unicodedata

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: forces a right-to-left paragraph
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
ALM = "\u061c"  # ARABIC LETTER MARK
FSI, RLI, LRI, PDI = "\u2068", "\u2067", "\u2066", "\u2069"


def first_strong_direction(text: str) -> str | None:
    """'rtl' or 'ltr' from the first strong character of *text*; None when it has none (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def check_pair(ar: str, en: str, what: str = "a text in both languages") -> None:
    """Refuse an Arabic and English pair given the wrong way round: the "Arabic" begins with a Latin letter and the
    "English" with an Arabic one. Everything in the collection that holds both languages takes the Arabic first
    (as ``say(ar, en)``), and this check makes a swapped pair fail instead of rendering without error."""
    if first_strong_direction(ar) == "ltr" and first_strong_direction(en) == "rtl":
        raise ValueError(f"{what}: Arabic and English swapped (Arabic first): ar={ar!r}, en={en!r}")


def has_arabic(text: str) -> bool:
    """True when *text* holds at least one Arabic letter (bidi class AL)."""
    return any(unicodedata.bidirectional(ch) == "AL" for ch in text)


def isolate(text: str, direction: str = "auto") -> str:
    """*text* as a bidi isolate (Unicode UAX #9, "isolates"): it takes its own direction ("auto": from its
    first strong letter; "rtl"; "ltr") and does not reorder the text around it. For printed lines and
    plain-text cells that put Arabic beside numbers or Latin ("(2024) 40 | ..."). Not for charts: the
    chart font has no glyph for these marks, and helpers.presentation.chart_text.prepare handles chart labels."""
    opener = {"auto": FSI, "rtl": RLI, "ltr": LRI}[direction]
    return opener + text + PDI
