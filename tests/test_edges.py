"""Tests at the edges: each one kills a mutation the suite used to let through (issue 17).

* the stacked-parts chart labels every part of 9% of the bar or more, and no smaller one (the "253 350" label
  of the Instagram followers is 20% of the bar); and no chart of the fixtures loses a text (every text element
  of each chart, against tests/baseline/chart-texts.json: an image tolerance lets a small label vanish);
* reconcile: two digits are "transposed" only when they are side by side; a bound is "on the wrong side" up to
  one unit of its last digit, and that unit included;
* quantities: a figure text that stands twice in its quote as a whole number is ambiguous; a figure text whose
  number has a digit just before it in the quote is only part of that number.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal as D
from pathlib import Path

import matplotlib
import pytest

from helpers.build.reconcile import likely_cause
from helpers.language.formats import neutral_number
from helpers.presentation import charts
from helpers.reading.quantities import QuantityError, read_quantity

from test_charts import CHARTS, texts_of

TEXTS = Path(__file__).parent / "baseline" / "chart-texts.json"
UPDATE = "HELPERS_UPDATE_CHART_TEXTS"  # set it to write the baseline anew (then look at the diff)


@pytest.fixture(autouse=True)
def restore_rcparams():
    with matplotlib.rc_context():
        yield


def all_texts(fig) -> list[str]:
    """Every text a reader sees that the chart code wrote: annotations and labels, titles, legends."""
    found = texts_of(fig)
    for ax in fig.axes:
        found += [ax.get_title(loc) for loc in ("left", "center", "right")]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    for legend in fig.legends:
        found += [t.get_text() for t in legend.get_texts()]
    return sorted(t for t in found if t.strip())


def test_no_chart_of_the_fixtures_loses_a_text():
    got = {name: all_texts(make()) for name, make in sorted(CHARTS.items())}
    if os.environ.get(UPDATE):
        TEXTS.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(TEXTS.read_text(encoding="utf-8"))
    for name in got:
        lost = [t for t in expected[name] if t not in got[name]]
        added = [t for t in got[name] if t not in expected[name]]
        assert (lost, added) == ([], []), f"{name}: texts lost {lost}, added {added}"


def _labels(parts: list[float], total: float) -> list[str]:
    fig = charts.stacked_parts(["أ", "ب", "ج"][: len(parts)], parts, "المجموع", total,
                               parts_en=["a", "b", "c"][: len(parts)], total_en="total")
    return [t for t in texts_of(fig) if t in {neutral_number(v) for v in parts}]


def test_every_part_of_the_followers_is_labelled():
    parts = [512523, 502280, 253350]
    assert sorted(_labels(parts, 1268153)) == sorted(neutral_number(v) for v in parts)


@pytest.mark.parametrize("share, labelled", [(0.095, True), (0.09, True), (0.085, False), (0.01, False)])
def test_a_part_is_labelled_from_nine_percent_of_the_bar(share, labelled):
    small = round(1_000_000 * share)
    assert (neutral_number(small) in _labels([1_000_000 - small, small], 1_000_000)) is labelled


@pytest.mark.parametrize("stated, value, cause", [
    ("1961", "1916", "transposed_digits"),    # side by side
    ("3214", "1234", ""),                     # two digits swapped, but not side by side
    ("1324", "1234", "transposed_digits"),
    ("4231", "1234", ""),                     # first and last
])
def test_only_adjacent_digits_are_transposed(stated, value, cause):
    assert likely_cause(D(stated), D(value), {})[0] == cause


@pytest.mark.parametrize("stated, qualifier, value, cause", [
    ("1100", "more_than", "1000", "bound_wrong_side"),  # one unit of its last digit above: just on the wrong side
    ("1010", "more_than", "1000", "bound_wrong_side"),
    ("1200", "more_than", "1000", "changed_digit"),     # two units above: no bound taken on the wrong side
    ("900", "less_than", "1000", "bound_wrong_side"),   # one unit below
    ("800", "less_than", "1000", ""),
])
def test_a_bound_on_the_wrong_side_by_one_unit_at_most(stated, qualifier, value, cause):
    assert likely_cause(D(stated), D(value), {}, qualifier)[0] == cause


def test_a_figure_text_that_stands_twice_as_a_whole_number_is_refused():
    with pytest.raises(QuantityError, match=r"o1: '112' stands 2 times in the quote as a whole number"):
        read_quantity("سجلت 112 قضية و112 موقوفا", "112", "ar", obs="o1")


def test_a_figure_text_that_stands_once_as_a_whole_number_is_read_there():
    q = read_quantity("بلغ 1.112 قضية و112 دراجة", "112", "ar")
    assert (q.value, q.start) == (D(112), 16)


@pytest.mark.parametrize("quote, figure_text", [
    ("سجلت 0112 قضية", "112"),       # a digit just before it: the number is 0112, not 112
    ("1.112 réseaux démantelés", "112"),
])
def test_a_figure_text_with_a_digit_before_it_is_only_part_of_a_number(quote, figure_text):
    lang = "fr" if "réseaux" in quote else "ar"
    with pytest.raises(QuantityError, match="only part of a number"):
        read_quantity(quote, figure_text, lang)
