"""The direction of a piece of text, as the Unicode bidi algorithm (and HTML's dir="auto") decides it."""
from __future__ import annotations

import unicodedata


def first_strong_direction(text: str) -> str | None:
    """'rtl' or 'ltr' from the first strong character of *text*; None when it has none (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
