"""The article's findings (notebooks 00-08): small tests on its figures that a finding's condition needs.

    rounding_unit       the place a round number is given to (2,400,000: the hundred thousand)
    reading_range       the least and the greatest a qualified figure can be, an approximation read as a rounding
    lowest_if_rounded   the least of that range
    rises_throughout    whether values rise from each to the next even at the ends of their ranges
    within_points       whether two shares (0 to 1) are within some percentage points of each other
    percent_change      the change from one value to another in percent, rounded as checks.csv rounds it
    percent_of          a part of a whole in percent (unrounded: wording.percent rounds it for a sentence)

A figure stated "حوالي" (about) does not say how far it may be from the count; ``reading_range`` reads it as
rounded to its last non-zero digit, the reading a finding that uses it must say it makes.

    >>> rounding_unit(2400000), reading_range(2400000, "about"), reading_range(1916, "exact")
    (100000, (2350000.0, 2450000.0), (1916, 1916))
"""
from __future__ import annotations

import math


def rounding_unit(value: int) -> int:
    """The largest power of ten that divides *value* (1 when it is not round; 1 for zero)."""
    value, unit = abs(int(value)), 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


def reading_range(value: int, qualifier: str | None) -> tuple[float, float]:
    """The least and the greatest the counted quantity can be: the value itself when exact ("only" too); half
    the rounding unit either side when "about" (rounded to its last non-zero digit, see ``rounding_unit``); from
    the value up, without end, for a lower bound; from zero to the value for an upper bound."""
    if qualifier in (None, "exact", "only"):
        return value, value
    if qualifier == "about":
        half = rounding_unit(value) / 2
        return value - half, value + half
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("less_than", "at_most"):
        return 0, value
    raise ValueError(f"unknown qualifier {qualifier!r}")


def lowest_if_rounded(value: int, qualifier: str | None) -> float:
    """The least the counted quantity can be (``reading_range``)."""
    return reading_range(value, qualifier)[0]


def rises_throughout(values, qualifiers) -> bool:
    """Whether each value is above the one before it even at the ends of their ranges: the least the later can
    be is more than the greatest the earlier can be (``reading_range``)."""
    ranges = [reading_range(v, q) for v, q in zip(values, qualifiers)]
    return all(later[0] > earlier[1] for earlier, later in zip(ranges, ranges[1:]))


def within_points(a: float, b: float, points: float) -> bool:
    """Whether shares *a* and *b* (fractions of 1) differ by less than *points* percentage points."""
    return abs(a - b) * 100 < points


def percent_change(before: float, after: float, decimals: int = 1) -> float:
    """``(after - before) / before`` in percent, rounded to *decimals* places (as checks.csv's ``recomputed``)."""
    return round((after - before) / before * 100, decimals)


def percent_of(part: float, whole: float) -> float:
    """*part* as a percentage of *whole*, unrounded."""
    return part / whole * 100
