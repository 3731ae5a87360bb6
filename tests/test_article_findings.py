"""helpers.analysis.article: the small tests the findings of notebooks 00-08 use in their conditions."""
import math

import pytest

from helpers.analysis.article import (lowest_if_rounded, percent_change, percent_of, reading_range, rises_throughout,
                                      rounding_unit, within_points)


def test_rounding_unit_is_the_largest_power_of_ten_that_divides_the_value():
    assert [rounding_unit(v) for v in (2400000, 1500, 1916, 29000000, 0)] == [100000, 100, 1, 1000000, 1]


def test_an_approximation_read_as_a_rounding_spans_half_a_unit_either_side():
    assert reading_range(2400000, "about") == (2350000, 2450000)
    assert lowest_if_rounded(500000, "about") == 450000
    assert reading_range(200, "more_than") == (200, math.inf) and reading_range(29, "only") == (29, 29)
    assert reading_range(10, "at_most") == (0, 10)
    with pytest.raises(ValueError):
        reading_range(10, "roughly")


def test_values_rise_throughout_only_beyond_their_ranges():
    assert rises_throughout([257000, 500000, 1118600], ["exact", "about", "exact"])
    assert not rises_throughout([480000, 500000], ["exact", "about"])  # 500,000 may be 450,000
    assert not rises_throughout([200, 250], ["more_than", "exact"])     # more than 200 may be 300


def test_within_points_compares_shares_in_percentage_points():
    assert within_points(0.404, 0.4, 1) and not within_points(0.42, 0.4, 1)


def test_percent_change_is_rounded_as_the_checks_round_it():
    assert percent_change(40, 29) == -27.5 and percent_change(5780, 6862) == 18.7
    assert percent_of(1, 4) == 25
