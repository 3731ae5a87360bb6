"""The article's findings (notebooks 00-08): small tests on its figures that a finding's condition needs.

    rounding_unit       the place a round number is given to (2,400,000: the hundred thousand)
    lowest_if_rounded   the least a qualified figure can be, if an approximation is a rounding to that place
    within_points       whether two shares (0 to 1) are within some percentage points of each other
    percent_change      the change from one value to another in percent, rounded as checks.csv rounds it
    percent_of          a part of a whole in percent (unrounded: wording.percent rounds it for a sentence)

A figure stated "حوالي" (about) does not say how far it may be from the count; ``lowest_if_rounded`` reads it as
rounded to its last non-zero digit, the reading a finding that uses it must say it makes.

    >>> rounding_unit(2400000), lowest_if_rounded(2400000, "about"), lowest_if_rounded(1916, "exact")
    (100000, 2350000.0, 1916)
"""
from __future__ import annotations


def rounding_unit(value: int) -> int:
    """The largest power of ten that divides *value* (1 when it is not round; 1 for zero)."""
    value, unit = abs(int(value)), 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


def lowest_if_rounded(value: int, qualifier: str | None):
    """The least the counted quantity can be: the value itself when exact or a lower bound ("more than", "only"),
    half the rounding unit below it when "about" (rounded to its last non-zero digit, see ``rounding_unit``).
    An upper bound ("less than", "at most") has no least value here: ``ValueError``."""
    if qualifier in ("less_than", "at_most"):
        raise ValueError(f"an upper bound ({qualifier}) gives no least value")
    if qualifier == "about":
        return value - rounding_unit(value) / 2
    return value


def within_points(a: float, b: float, points: float) -> bool:
    """Whether shares *a* and *b* (fractions of 1) differ by less than *points* percentage points."""
    return abs(a - b) * 100 < points


def percent_change(before: float, after: float, decimals: int = 1) -> float:
    """``(after - before) / before`` in percent, rounded to *decimals* places (as checks.csv's ``recomputed``)."""
    return round((after - before) / before * 100, decimals)


def percent_of(part: float, whole: float) -> float:
    """*part* as a percentage of *whole*, unrounded."""
    return part / whole * 100
