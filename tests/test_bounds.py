"""helpers.build.bounds: what a value computed from approximations and bounds is (or that it means nothing)."""
import pytest

from helpers.build import bounds
from helpers.datapackage import schema


@pytest.mark.parametrize("after, before, expected", [
    ("exact", "exact", "exact"),
    ("only", "exact", "exact"),
    ("about", "exact", "about"),
    ("exact", "about", "about"),
    ("more_than", "exact", "at_least"),   # (> 5820) - 4955 > 865
    ("exact", "more_than", "at_most"),    # 6862 - (> 5820) < 1042
    ("more_than", "more_than", None),     # two lower bounds: the difference can be anything
    ("about", "more_than", None),
])
def test_difference(after, before, expected):
    assert bounds.difference(after, before) == expected


@pytest.mark.parametrize("numerator, denominator, expected", [
    ("about", "exact", "about"),         # (about 2 400 000) / 5 days
    ("more_than", "exact", "at_least"),
    ("exact", "more_than", "at_most"),
    ("more_than", "about", None),
])
def test_ratio(numerator, denominator, expected):
    assert bounds.ratio(numerator, denominator) == expected


@pytest.mark.parametrize("qualifiers, expected", [
    (["exact", "exact", "only"], "exact"), (["exact", "about"], "about"), (["more_than", "exact"], "at_least"),
    (["about", "more_than"], None),
])
def test_total(qualifiers, expected):
    assert bounds.total(qualifiers) == expected


def test_results_are_allowed_values_of_the_checks():
    allowed = set(schema.allowed("checks", "recomputed_qualifier"))
    for a in schema.allowed("figures", "qualifier"):
        for b in schema.allowed("figures", "qualifier"):
            assert {bounds.difference(a, b), bounds.ratio(a, b)} - {None} <= allowed


def test_unknown_qualifier():
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'"):
        bounds.difference("roughly", "exact")
