"""Claims against evidence (helpers.build.checks): curated list, statuses by rule, bases in both languages, bad input."""
import csv

import pandas as pd
import pytest

from devtools import record_in_manifest
from helpers.build.checks import CURATED_CHECKS_CSV, build_checks
from helpers.build.load import load_checks, load_figures, load_series
from helpers.datapackage import schema
from helpers.errors import DataError

ARABIC = "\u0600-\u06ff"


@pytest.fixture(scope="module")
def figures():
    return load_figures()


@pytest.fixture(scope="module")
def series():
    return load_series()


@pytest.fixture(scope="module")
def checks(figures, series):
    return load_checks()


def test_statuses_and_kinds_are_the_data_packages(checks):
    assert set(checks["status"]) <= set(schema.allowed("checks", "status"))
    assert set(checks["kind"]) <= set(schema.allowed("checks", "kind"))
    assert set(schema.allowed("checks", "status")) == {"consistent", "consistent_single_source", "inconsistent",
                                                      "not_checkable", "flag"}


@pytest.mark.parametrize("check_id, status", [
    ("media.total_is_sum_of_kinds", "consistent"),        # 1973 + 4386 + 503 = 6862
    ("social_media.total_is_sum_of_platforms", "consistent"),
    ("denials.stated_twice", "consistent"),
    ("digital_contents.stated_twice", "consistent"),
    ("fake_news.denials_fell", "consistent"),            # 40 -> 29: the denials did fall
    ("fake_news.sharp_decline", "not_checkable"),        # ... but denials do not measure fake news
    ("fake_news.decline_credited_to_citizens", "not_checkable"),
    ("open_days.record", "consistent_single_source"),    # higher than every earlier edition, each from one report
    ("media.total_definition_changed", "flag"),
    ("violent_content.repeated_value", "flag"),          # 260 in 2023 and 2025
    ("schools.digits_swapped", "flag"),                  # 1916 and 1961
])
def test_status(checks, check_id, status):
    assert checks.at[check_id, "status"] == status


def test_a_claim_is_kept_apart_from_its_evidence(checks):
    """The same two figures back a consistent check (the denials fell) and an uncheckable one (fake news fell)."""
    fell, sharp = checks.loc["fake_news.denials_fell"], checks.loc["fake_news.sharp_decline"]
    assert set(fell["figure_ids"].split()) == set(sharp["figure_ids"].split())
    assert (fell["status"], sharp["status"]) == ("consistent", "not_checkable")
    assert "responses" in sharp["basis_en"] and "not the fake news" in sharp["basis_en"]


def test_sums_are_recomputed_from_the_figures(checks, figures):
    for check in checks[checks["kind"] == "sum"].itertuples():
        total, *parts = check.figure_ids.split()
        assert check.published == figures.at[total, "value"]
        assert check.recomputed == sum(figures.at[p, "value"] for p in parts)


def test_the_change_is_recomputed_in_percent(checks, figures):
    now, before = figures.at["fake_news.denials", "value"], figures.at["fake_news.denials_previous_year", "value"]
    assert checks.at["fake_news.denials_fell", "recomputed"] == round((now - before) / before * 100, 1) == -27.5


def test_the_record_says_what_it_rests_on(checks):
    record = checks.loc["open_days.record"]
    assert record["recomputed"] == 2120000  # the highest earlier edition, Agadir 2024
    assert "one press report" in record["basis_en"] and "تقرير صحفي واحد" in record["basis_ar"]


def test_the_record_would_be_consistent_on_confirmed_figures(figures, series):
    """The status follows the series: confirm every earlier count and the status drops its caveat."""
    confirmed = series.assign(check=["no" if m == "open_days_visitors" else c
                                     for m, c in zip(series["metric"], series["check"])])
    rebuilt = build_checks(figures, series=confirmed).set_index("id")
    assert rebuilt.at["open_days.record", "status"] == "consistent"


def test_the_record_is_not_checkable_with_an_edition_missing(figures, series):
    without = series[~((series["metric"] == "open_days_visitors") & (series["edition"] == 3))]
    rebuilt = build_checks(figures, series=without).set_index("id")
    assert rebuilt.at["open_days.record", "status"] == "not_checkable"
    assert "3" in rebuilt.at["open_days.record", "basis_en"]


def test_a_sum_that_does_not_add_up_is_inconsistent(figures, series):
    changed = figures.copy()
    changed.at["media.reportages", "value"] = 4387
    rebuilt = build_checks(changed, series=series).set_index("id")
    assert rebuilt.at["media.total_is_sum_of_kinds", "status"] == "inconsistent"
    assert rebuilt.at["media.total_is_sum_of_kinds", "difference"] == 1


@pytest.mark.parametrize("check_id, english, arabic", [
    ("media.total_is_sum_of_kinds", "1,973 + 4,386 + 503 = 6,862", "1.973 + 4.386 + 503 = 6.862"),
    ("social_media.total_is_sum_of_platforms", "1,268,153", "1.268.153"),
    ("open_days.record", "about 2,400,000 visitors", "حوالي 2.400.000 زائر"),
    ("media.total_definition_changed", "«Pas moins de 5820 activités médiatiques»", "«Pas moins de 5820"),
])
def test_bases_write_numbers_as_each_language_does(checks, check_id, english, arabic):
    assert english in checks.at[check_id, "basis_en"]
    assert arabic in checks.at[check_id, "basis_ar"]


def test_every_check_has_both_languages(checks):
    for column in ("claim", "evidence", "basis"):
        assert checks[f"{column}_en"].str.len().gt(0).all(), column
        assert checks[f"{column}_ar"].str.contains(f"[{ARABIC}]").all(), column


def test_quotes_are_verbatim_at_their_offsets(checks, report):
    for check in checks.itertuples():
        assert report.raw[check.start:check.end] == check.quote, check.id


def test_claim_phrases_are_the_reports_words(report):
    with open(CURATED_CHECKS_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["claim_phrase"]:
                assert report.text.count(row["claim_phrase"]) == 1, row["id"]


# --- bad input ----------------------------------------------------------------------------------------------------

def curated_copy(tmp_path, change) -> tuple:
    with open(CURATED_CHECKS_CSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    n = change(rows)
    path = tmp_path / "checks.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path, n


def test_unknown_figure_in_the_curated_list(tmp_path, figures, series):
    def change(rows):
        rows[2]["figure_ids"] = "media.denials fake_news.nope"
        return 3
    path, n = curated_copy(tmp_path, change)
    with pytest.raises(DataError, match=rf"checks.csv: row {n} \(line {n + 1}\), field 'figure_ids': no figure "
                                        "'fake_news.nope'"):
        build_checks(figures, series=series, path=path)


def test_a_claim_phrase_not_in_the_report(tmp_path, figures, series):
    def change(rows):
        rows[5]["claim_phrase"] = "مقابل 40 في سنة 2024"
        return 6
    path, n = curated_copy(tmp_path, change)
    with pytest.raises(DataError, match=rf"row {n} .*field 'claim_phrase': 'مقابل 40 في سنة 2024' occurs 0 times"):
        build_checks(figures, series=series, path=path)


def test_an_unchecked_claim_needs_its_reason(tmp_path, figures, series):
    def change(rows):
        i = next(i for i, r in enumerate(rows) if r["kind"] == "claim")
        rows[i]["note_ar"] = ""
        return i + 1
    path, n = curated_copy(tmp_path, change)
    with pytest.raises(DataError, match=rf"row {n} .*needs a note in both languages"):
        build_checks(figures, series=series, path=path)


def test_a_new_pair_of_swapped_digits_must_be_listed(figures, series):
    changed = figures.copy()
    changed.at["outreach.associations", "value"] = 1691  # one swap away from 1961
    with pytest.raises(DataError, match="outreach.associations .* and outreach.schools .*add a transposition check|"
                                        "outreach.schools .* and outreach.associations .*add a transposition check"):
        build_checks(changed, series=series)


def test_a_tampered_checks_csv_is_refused(processed_copy):
    path = processed_copy / "checks.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    n = int(table.index[table["id"] == "fake_news.sharp_decline"][0]) + 1
    table.loc[n - 1, "status"] = "consistent"
    table.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match="checks.csv: SHA-256 .* differs from the build's"):
        load_checks(path)
    record_in_manifest(path)  # even with a manifest that agrees, the cell is not what the sources give
    with pytest.raises(DataError, match=rf"row {n} \(line {n + 1}\), field 'status': 'consistent' but the sources "
                                        "give 'not_checkable'"):
        load_checks(path)
