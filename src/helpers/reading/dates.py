"""Dates as both grammars read them: ISO forms of a matched day, month, year or range, and the scan of a pattern.

Each grammar (helpers.reading.arabic, helpers.reading.french) has its own month names and date pattern, with the
same named groups (``range2``: two dated ends; ``range1``: two days of one month; ``day``; ``month``; ``year``);
this module turns a match of either into its ISO 8601 form, so that both grammars follow one rule for ranges
across a month or a year end and for dates that do not exist.
"""
from __future__ import annotations

import datetime as _dt
import re

from helpers.reading.match import TO_ASCII, DateMatch


def _int(digits: str) -> int:
    return int(re.sub(r"\D", "", digits.translate(TO_ASCII)))  # "1er" -> 1


def date_range(d1: int, m1: int, y1: int | None, d2: int, m2: int, y2: int) -> str:
    """'start/end' in ISO 8601; the start's year, when not written, is the end's or (across a year end) the one
    before. ``ValueError`` for a day that does not exist or an end before the start."""
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    start, end = _dt.date(y1, m1, d1), _dt.date(y2, m2, d2)
    if end < start:
        raise ValueError(f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    return f"{start.isoformat()}/{end.isoformat()}"


def _date_iso(g: dict, months: dict[str, int]) -> str:
    def month(name):
        return months[name.lower()] if name.lower() in months else months[name]

    if g["range2"]:
        y1 = _int(g["y1"]) if g["y1"] else None
        return date_range(_int(g["d1"]), month(g["m1"]), y1, _int(g["d2"]), month(g["m2"]), _int(g["y2"]))
    if g["range1"]:
        m, y = month(g["m3"]), _int(g["y3"])
        return date_range(_int(g["d3"]), m, y, _int(g["d4"]), m, y)
    if g["day"]:
        return _dt.date(_int(g["y5"]), month(g["m5"]), _int(g["d5"])).isoformat()
    if g["month"]:
        return f"{_int(g['y6']):04d}-{month(g['m6']):02d}"
    return f"{_int(g['y7']):04d}"


def scan_dates(pattern: re.Pattern, months: dict[str, int], text: str) -> list[DateMatch]:
    """Every match of a date pattern, with its ISO form, or an empty ISO form and the reason it is no date."""
    found = []
    for m in pattern.finditer(text):
        try:
            iso, reason = _date_iso(m.groupdict(), months), ""
        except ValueError as err:  # 31 شتنبر, a reversed range: the shape of a date that is not one
            iso, reason = "", str(err)
        found.append(DateMatch(iso, m.start(), m.end(), m.group(), reason))
    return found
