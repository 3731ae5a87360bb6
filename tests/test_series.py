"""The 2017-2025 series: merged sources, uncertain rows, the accounting break and the report's claims."""
import shutil

import pytest

from helpers import series as series_module
from helpers.errors import DataError
from helpers.figures import load_figures
from helpers.paths import RAW_SECONDARY
from helpers.series import accounting, build_series, claims, load_series, read_secondary, total_changes


@pytest.fixture(scope="module")
def series():
    return load_series()


def row(series, year, metric):
    hit = series[(series["year"] == year) & (series["metric"] == metric)]
    assert len(hit) == 1, (year, metric)
    return hit.iloc[0]


def test_one_row_per_year_and_metric(series):
    assert not series.duplicated(["year", "metric"]).any()


def test_every_secondary_figure_is_in_the_series(series):
    for _, _, source in read_secondary():
        hits = series[(series["year"] == source["year"]) & series["sources"].str.contains(source["url"], regex=False)
                      & (series["value"] == source["value"])]
        assert len(hits) == 1, source


def test_2025_values_come_from_the_figures(series):
    figures = load_figures()
    assert row(series, 2025, "open_days_visitors")["value"] == figures.at["open_days.visitors", "value"]
    assert row(series, 2025, "open_days_visitors")["sources"] == "figures.csv:open_days.visitors"
    assert row(series, 2024, "denials")["sources"].startswith("figures.csv:fake_news.denials_previous_year | http")


def test_agreeing_sources_confirm_and_single_doubtful_ones_stay_uncertain(series):
    assert row(series, 2024, "denials")["check"] == "no"
    assert row(series, 2017, "open_days_visitors")["check"] == "yes"
    assert row(series, 2023, "violent_contents")["check"] == "yes"
    assert "repeated" in row(series, 2023, "violent_contents")["note"]  # 260 in 2023 and in 2025


def test_open_days_rows_know_their_edition_and_city(series):
    open_days = series[series["metric"] == "open_days_visitors"].set_index("year")
    assert open_days["edition"].tolist() == [1, 2, 3, 4, 5, 6]
    assert open_days.at[2025, "city_ar"] == "الجديدة" and open_days.at[2024, "city_en"] == "Agadir"
    assert row(series, 2024, "open_days_schools")["period"] == "2024-05-17/2024-05-21"


def test_accounting_break_is_computed_not_stated(series):
    table = accounting(series).set_index("year")
    assert table["definition"].to_dict() == {2023: "includes denials", 2024: "includes denials",
                                            2025: "excludes denials"}
    assert table.at[2023, "kinds_plus_denials"] == 4955 and table.at[2024, "kinds_plus_denials"] == 5820
    assert table.at[2025, "kinds"] == 6862


def test_total_changes_say_which_definition(series):
    changes = total_changes(series)
    last = changes[changes["to"] == 2025].set_index("definition")
    assert last.at["published totals", "comparable"].startswith("no")
    assert last.at["denials excluded", "change"] == 6862 - (1674 + 3572 + 534)
    assert last.at["denials included", "change"] == (6862 + 29) - 5820


def test_claims(series):
    assert list(claims(series, 2025)["status"]) == ["pass", "pass"]
    assert claims(series, 2025)["compared_with"].tolist() == [2120000, 40]


def test_secondary_file_with_a_bad_value(tmp_path, monkeypatch):
    bad = tmp_path / RAW_SECONDARY.name
    bad.write_text(RAW_SECONDARY.read_text(encoding="utf-8").replace("\t92\t", "\tninety-two\t"), encoding="utf-8")
    monkeypatch.setattr(series_module, "read_raw", lambda path: path.read_text(encoding="utf-8"))
    with pytest.raises(DataError, match=r"secondary-figures.tsv: row 1 \(line 5\), field 'value': 'ninety-two'"):
        read_secondary(bad)


def test_secondary_file_checksum_is_enforced(tmp_path):
    bad = tmp_path / RAW_SECONDARY.name
    shutil.copy(RAW_SECONDARY, bad)
    bad.write_text(bad.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="SHA-256"):
        read_secondary(bad)


def test_build_is_deterministic():
    figures = load_figures()
    assert build_series(figures).equals(build_series(figures))
