"""What a value computed from qualified values is: exact, about, at least, at most, or not worth computing.

A figure stated "حوالي" (about) or "أكثر من" / "pas moins de" (a lower bound) is not exact, and neither is
anything computed from it. These functions give the qualifier of a sum, difference or ratio of two values
(positive, as every count here is) from theirs, or ``None`` when the result would mean nothing: the
difference of two lower bounds, or a value that is both approximate and bounded.

    >>> difference("exact", "more_than")   # 6862 - (more than 5820): less than 1042
    'at_most'
    >>> ratio("about", "exact")            # (about 2 400 000) / 5 days
    'about'

The results are values of checks.recomputed_qualifier in data/datapackage.json.
"""
from __future__ import annotations

from collections.abc import Iterable

_KIND = {"exact": "exact", "only": "exact", "about": "about", "more_than": "lower", "at_least": "lower",
         "less_than": "upper", "at_most": "upper"}
_NAME = {"exact": "exact", "about": "about", "lower": "at_least", "upper": "at_most"}
_FLIP = {"lower": "upper", "upper": "lower", "exact": "exact", "about": "about"}


def _kind(qualifier: str | None) -> str:
    try:
        return _KIND[qualifier or "exact"]
    except KeyError:
        raise ValueError(f"unknown qualifier {qualifier!r} (known: {', '.join(_KIND)})") from None


def _combine(a: str, b: str) -> str | None:
    """Kinds of a + b (or of a / (1/b)): exact and about mix to about; a bound survives exact; else nothing."""
    if a == b:
        return a
    pair = {a, b}
    if pair == {"exact", "about"}:
        return "about"
    if "exact" in pair:
        return (pair - {"exact"}).pop()
    return None  # about with a bound, or lower with upper


def total(qualifiers: Iterable[str | None]) -> str | None:
    """Qualifier of a sum of positive values."""
    kind = "exact"
    for q in qualifiers:
        kind = _combine(kind, _kind(q))
        if kind is None:
            return None
    return _NAME[kind]


def difference(after: str | None, before: str | None) -> str | None:
    """Qualifier of ``after - before``: subtracting a lower bound gives an upper bound."""
    kind = _combine(_kind(after), _FLIP[_kind(before)])
    return None if kind is None else _NAME[kind]


def ratio(numerator: str | None, denominator: str | None) -> str | None:
    """Qualifier of ``numerator / denominator`` (positive): dividing by a lower bound gives an upper bound.
    The same holds for a change in percent, ``after / before - 1``."""
    return difference(numerator, denominator)
