"""The reconciliation rules of helpers.build.reconcile, case by case (the rules are written in its docstring)."""
from decimal import Decimal

import pytest

from helpers.build.reconcile import Obs, consistent, copy_clusters, likely_cause, place_value, reconcile

D = Decimal


@pytest.mark.parametrize("value, unit", [
    ("779000", "1000"), ("1700", "100"), ("66.02", "0.01"), ("7", "1"), ("10", "10"), ("0", "1"),
    ("1731.558", "0.001"), ("2400000", "100000"),
])
def test_place_value_of_the_last_nonzero_digit(value, unit):
    assert place_value(D(value)) == D(unit)


@pytest.mark.parametrize("stated, qualifier, precise, expected", [
    # roundings and truncations the press writes
    ("779000", "exact", "779008", True),        # 779 ألف
    ("101000000", "exact", "101881322", True),  # 101 مليون: truncated
    ("102000000", "exact", "101881322", True),  # rounded half up
    ("1700", "exact", "1731.558", True),        # 1,7 tonne of 1 t 731,558 kg
    ("1900", "exact", "1948", True),            # 1,9 tonne
    ("66", "exact", "66.02", True),             # 66 % of 66.02 %
    ("1000", "about", "947", True),             # près de 1 000
    ("124000", "about", "123971", True),        # près de 124 tonnes
    # bounds: a truncation only
    ("1100", "more_than", "1112", True),        # plus de 1 100
    ("1260000", "more_than", "1268153", True),  # أزيد من 1.26 مليون
    ("1500000", "more_than", "1591455", True),  # أكثر من مليون ونصف المليون
    ("731", "more_than", "1731.558", False),    # أكثر من 731 كيلوغراما: a dropped tonne, not a bound
    ("15", "more_than", "1561", False),         # أكثر من 15 شخصا: dropped digits
    ("1200", "more_than", "1112", False),       # more than a value above it
    ("8", "less_than", "7.4", True),            # rounded up
    ("7", "less_than", "7.4", False),
    # not roundings
    ("7018", "exact", "7008", False),           # as precise as the other: a different number
    ("738541", "exact", "755541", False),
    ("0.7", "exact", "7", False),               # more precise than the value
    ("6000", "exact", "6733", True),            # 6 آلاف: truncated
    ("7000", "exact", "6733", True),            # rounded
    ("5000", "exact", "6733", False),
])
def test_consistent(stated, qualifier, precise, expected):
    assert consistent(D(stated), qualifier, D(precise)) is expected


@pytest.mark.parametrize("stated, value, cause", [
    ("755", "755541", ("wrong_scale", "×1000")),
    ("1948000", "1948", ("wrong_scale", "×0.001")),
    ("0.7", "7", ("decimal_slip", "×10")),
    ("15", "1561", ("dropped_digits", "2")),
    ("4959", "49959", ("dropped_digits", "1")),
    ("29838", "49838", ("changed_digit", "")),
    ("1961", "1916", ("transposed_digits", "")),
    ("16.53", "16.053", ("zero_dropped_or_added", "")),  # 16 kg 53 g written 16,53 kg
    ("16.053", "16.53", ("zero_dropped_or_added", "")),
    ("10", "2.3", ("another_figure", "crime_overview.violent_crime_change")),
    ("738541", "755541", ("mixed_digits", "crime_overview.criminal_cases_prior_year")),
    ("123", "456", ("", "")),
])
def test_likely_cause(stated, value, cause):
    """(A bound on the wrong side is tested below.)"""
    others = {"crime_overview.violent_crime_change": D(10), "crime_overview.criminal_cases_prior_year": D(738748)}
    assert likely_cause(D(stated), D(value), others) == cause


def _obs(i, value, outlet, quote=None, qualifier="exact", direction="none", page=None, year=2025):
    return Obs(obs=f"o{i:04d}", report_year=year, figure="x.y", outlet=outlet, page=page or f"https://{outlet}/p",
               quote=quote or f"quote {i} {value}", value=D(value), qualifier=qualifier, direction=direction)


def test_agreed_needs_every_observation_to_state_the_value():
    r = reconcile([_obs(1, "779008", "a.ma"), _obs(2, "779008", "b.ma")], {})
    assert (r.value, r.status, r.supporting_sources) == (D("779008"), "agreed", 2)
    assert [o.agreement for o in r.observations] == ["agrees", "agrees"]


def test_roundings_only():
    r = reconcile([_obs(1, "779008", "a.ma"), _obs(2, "779000", "b.ma"), _obs(3, "780000", "c.ma", qualifier="about")], {})
    assert (r.value, r.status) == (D("779008"), "rounded_only")
    assert [o.agreement for o in r.observations] == ["agrees", "rounded", "rounded"]


def test_conflict_keeps_the_most_supported_precise_value_and_names_the_other():
    r = reconcile([_obs(1, "755541", "a.ma"), _obs(2, "755541", "b.ma"), _obs(3, "738541", "c.ma")], {})
    assert (r.value, r.status) == (D("755541"), "conflict")
    assert r.observations[2].agreement == "differs"
    assert "738541" in r.values_stated and "c.ma" in r.values_stated and "c.ma" in r.note


def test_a_tie_chooses_no_value():
    r = reconcile([_obs(1, "7008", "a.ma"), _obs(2, "7018", "b.ma")], {})
    assert (r.value, r.status) == (None, "conflict")
    assert "no value is chosen" in r.note


def test_one_outlet_is_one_source_however_many_pages():
    r = reconcile([_obs(1, "947", "a.ma", page="https://a.ma/1"), _obs(2, "947", "a.ma", page="https://a.ma/2")], {})
    assert (r.status, r.independent_sources) == ("single_source", 1)
    assert {o.agreement for o in r.observations} == {"single"}


def test_identical_words_are_one_source():
    same = "تم تفكيك 947 شبكة إجرامية"
    r = reconcile([_obs(1, "947", "a.ma", quote=same), _obs(2, "947", "b.ma", quote=same + ".")], {})
    assert r.status == "single_source"


def test_a_bound_is_not_a_candidate_and_a_misleading_bound_differs():
    r = reconcile([_obs(1, "1731.558", "a.ma"), _obs(2, "1731.558", "b.ma"),
                   _obs(3, "731", "c.ma", qualifier="more_than")], {})
    assert (r.value, r.status) == (D("1731.558"), "conflict")
    assert r.observations[2].agreement == "differs"


def test_direction_is_part_of_a_change():
    r = reconcile([_obs(1, "2.3", "a.ma", direction="up"), _obs(2, "2.3", "b.ma", direction="up"),
                   _obs(3, "2.3", "c.ma", direction="down")], {})
    assert (r.value, r.direction, r.status) == (D("2.3"), "up", "conflict")
    assert r.observations[2].cause == "direction"


def test_pages_sharing_two_quotes_are_copies():
    pages = [_obs(1, "1", "a.ma", quote="q one", page="A"), _obs(2, "2", "a.ma", quote="q two", page="A"),
             _obs(3, "1", "b.ma", quote="q one", page="B"), _obs(4, "2", "b.ma", quote="q two", page="B"),
             _obs(5, "1", "c.ma", quote="q one", page="C"), _obs(6, "3", "c.ma", quote="q three", page="C")]
    assert copy_clusters(pages) == {"A": "a.ma", "B": "a.ma"}


def test_a_quote_that_names_no_direction_does_not_contradict_one():
    r = reconcile([_obs(1, "24", "a.ma", direction="down"), _obs(2, "24", "b.ma", direction="down"),
                   _obs(3, "24", "c.ma", direction="none")], {})
    assert (r.direction, r.status) == ("down", "agreed")


def test_up_and_down_equally_stated_is_a_conflict_with_no_direction():
    r = reconcile([_obs(1, "38", "a.ma", direction="down"), _obs(2, "38", "b.ma", direction="up")], {})
    assert (r.value, r.direction, r.status) == (D("38"), "none", "conflict")
    assert "no direction is chosen" in r.note


def test_the_most_precise_value_of_two_sources_wins_over_a_more_repeated_one():
    r = reconcile([_obs(1, "16.053", "a.ma"), _obs(2, "16.053", "b.ma")] +
                  [_obs(i, "16.53", f"{i}.ma") for i in range(3, 7)], {})
    assert (r.value, r.status, r.supporting_sources) == (D("16.053"), "conflict", 2)


def test_one_outlet_repeating_itself_does_not_break_a_tie():
    r = reconcile([_obs(1, "50", "a.ma"), _obs(2, "41", "b.ma"), _obs(3, "50", "a.ma", page="https://a.ma/2")], {})
    assert r.value is None and "no value is chosen" in r.note  # a.ma twice is one source: one each


def test_two_sources_beat_one():
    r = reconcile([_obs(1, "50", "a.ma"), _obs(2, "41", "b.ma"), _obs(3, "50", "c.ma")], {})
    assert (r.value, r.supporting_sources) == (D("50"), 2)


def test_a_bound_on_the_wrong_side():
    # o0928: أكثر من 332 مليون درهم of 331,907,537
    assert likely_cause(D("332000000"), D("331907537"), {}, "more_than") == ("bound_wrong_side", "")


def test_the_note_says_when_a_rounder_statement_has_two_sources():
    """2024 exam candidates: "more than 93 thousand" on two pages, 93,415 on one (o1210-o1212). A note saying no value
    has two sources would deny the two pages; it says the precise value has one and the others round it."""
    group = [Obs(f"o{i}", 2024, "human_resources.exam_candidates", outlet, f"https://{outlet}/", f"q{i}", D(v), "more_than",
                 "none") for i, (outlet, v) in enumerate([("dimatv.net", "93000"), ("elmassae.com", "93000"),
                                                           ("fr.allafrica.com", "93415")])]
    result = reconcile(group, {})
    assert result.value == D("93415") and result.status == "rounded_only"
    assert "No value is stated by two" not in result.note
    assert "1 independent source(s) of 3; 2 other(s) state it rounded or as a bound" in result.note
