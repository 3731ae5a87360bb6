"""The whole report as data: every observation read, reconciled and traceable; checked against a reading by hand.

The expected values below were read by a person from the quotes of data/raw/press-coverage.tsv (obs ids given),
not taken from the code's output.
"""
from decimal import Decimal

import pytest

from helpers.build.load import load_figures, load_observations, load_report_figures, load_stated_changes
from helpers.datapackage.press import load_press
from helpers.datapackage.raw import sources


@pytest.fixture(scope="module")
def observations():
    return load_observations()


@pytest.fixture(scope="module")
def report_figures():
    return load_report_figures().set_index(["report_year", "figure"])


@pytest.fixture(scope="module")
def changes():
    return load_stated_changes().set_index(["report_year", "figure"])


def test_every_press_row_and_every_article_figure_is_one_observation(observations):
    press = load_press()
    assert len(press) == sources()["press-coverage.tsv"]["rows"]
    assert set(observations["obs"]) == {r["obs"] for r in press} | {f"a{n:02d}" for n in range(1, 31)}


def test_the_communication_figures_are_unchanged(observations):
    """The article's 30 figures are observations of outlet ash24 with the values and offsets of figures.csv."""
    figures = load_figures()
    article = observations[observations["outlet"] == "ash24"].set_index("figure")
    assert set(article.index) == set(figures.index)
    for figure_id, fig in figures.iterrows():
        row = article.loc[figure_id]
        assert (row["value"], row["source_start"], row["source_end"], row["figure_text"]) == \
               (fig["value"], fig["start"], fig["end"], fig["quote"]), figure_id


def test_each_figure_text_stands_at_its_offsets(observations):
    for row in observations.itertuples():
        assert row.quote[row.quote_start:row.quote_end] == row.figure_text, row.obs


@pytest.mark.parametrize("year, figure, value, status", [
    (2025, "crime_overview.criminal_cases", 779008, "rounded_only"),  # 779.008, 779 008, 779 ألف (truncated)
    (2024, "crime_overview.criminal_cases", 755541, "conflict"),      # o0660 738 541, o0663 755 حالة
    (2024, "drugs.heroin_seized", Decimal("16.053"), "conflict"),     # 16 kg et 53 g / 16,53 kg
    (2025, "drugs.cocaine_seized", Decimal("1731.558"), "conflict"),  # o0176 أكثر من 731 كيلوغراماً
    (2025, "drugs.hashish_seized", 170796, "rounded_only"),           # 170 طنا و796 كيلوغراما; plus de 170 tonnes
    (2024, "violent_crime.cases", 49838, "conflict"),                 # o0701 29 838
    (2025, "financial_crime.proceeds_seized", 660146402, "rounded_only"),  # 660 مليون و146 ألف و402 درهم
])
def test_values_read_by_hand(report_figures, year, figure, value, status):
    row = report_figures.loc[(year, figure)]
    assert (Decimal(str(row["value"])), row["status"]) == (Decimal(str(value)), status)


@pytest.mark.parametrize("obs, agreement, cause", [
    ("o0663", "differs", "wrong_scale"),     # 755 حالة for 755,541
    ("o0701", "differs", "changed_digit"),   # 29 838 for 49,838
    ("o0738", "differs", "dropped_digits"),  # أكثر من 15 شخصا for 1,561
    ("o0710", "differs", "decimal_slip"),    # 0.7% for 7%
    ("o0642", "agrees", ""),                 # "diminution globale de 10 %": the violent-crime fall (curated move)
    ("o0066", "rounded", ""),                # 779 ألف of 779,008
])
def test_disagreements_and_their_likely_cause(observations, obs, agreement, cause):
    row = observations.loc[obs]
    assert (row["agreement"], row["cause"] or "") == (agreement, cause)


def test_a_change_keeps_its_magnitude_and_its_direction(report_figures):
    row = report_figures.loc[(2025, "crime_overview.violent_crime_change")]  # تراجع ... بنسبة 10%
    assert (row["value"], row["unit"], row["direction"]) == (10, "percent", "down")


@pytest.mark.parametrize("figure, status", [
    ("cybercrime.sextortion_cases_change", "consistent"),     # -5 %: 391 -> 370 is -5.4 %
    ("financial_crime.corruption_cases_change", "inconsistent"),  # -10 %: 504 -> 431 is -14.5 %
    ("migration.organisers_arrested_change", "consistent"),   # about -2 %: 425 -> 415 is -2.4 %
])
def test_stated_changes_against_the_levels(changes, figure, status):
    assert changes.loc[(2025, figure)]["status"] == status


def test_no_conflict_is_resolved_silently(report_figures):
    """Every conflict names each value printed and its outlets, and the note names what differs."""
    for (year, figure), row in report_figures[report_figures["status"] == "conflict"].iterrows():
        assert row["values_stated"].count("|") >= 1, (year, figure)
        assert "differs" in row["note"] or "no value is chosen" in row["note"] or "no direction" in row["note"]


@pytest.mark.parametrize("obs, qualifier", [
    ("o0118", "less_than"),  # "ولم تتجاوز الجريمة العنيفة 6 %": did not exceed, an upper bound (was read as more_than)
    ("o0124", "less_than"),
    ("o0005", "about"),      # "d'environ 12 %"
])
def test_qualifiers_read_by_hand(observations, obs, qualifier):
    assert observations.loc[obs, "qualifier"] == qualifier


def test_a_label_says_what_its_quotes_say(observations, report_figures):
    """terrorism.referred_planning_act: its quote says the two were arrested (تم القبض على), so its label says so."""
    quote = observations.loc["o0246", "quote"]
    assert "القبض" in quote and observations.loc["o0246", "figure"] == "terrorism.referred_planning_act"
    row = report_figures.loc[(2025, "terrorism.referred_planning_act")]
    assert "arrested" in row["metric_en"] and "الموقوفون" in row["metric_ar"]


def test_the_violent_crime_fall_of_2024_is_not_the_change_in_criminal_cases(report_figures):
    """o0642, "diminution globale de 10 %", is the 2024 fall in violent crime; counted with the change in criminal
    cases it made that figure a false conflict."""
    assert report_figures.loc[(2024, "crime_overview.criminal_cases_change"), "status"] != "conflict"
