"""The 2017-2025 series: merged sources, ``check`` computed from them, qualifiers and mappings kept, the accounting
break with its bounds, and the sentences about uncertainty computed from the data."""
import re
import shutil

import pytest

from helpers.analysis.series import total_changes, uncertainty, uncertainty_note, year_range, yearly
from helpers.build import series as series_module
from helpers.build.load import load_figures, load_series
from helpers.build.series import accounting, build_series, read_secondary
from helpers.errors import DataError
from helpers.paths import RAW_SECONDARY


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


def publications(sources: str) -> set[str]:
    """Each figures.csv row is one publication (this report); each URL is one."""
    return {"this report" if s.startswith("figures.csv:") else s for s in sources.split(" | ")}


def test_check_follows_the_data_package_rule_row_by_row(series):
    """no: this report, or two publications that agree; yes: one other report alone, or a disagreement."""
    for row in series.to_dict("records"):
        pubs = publications(row["sources"])
        disagree = "sources disagree" in row["note"]
        expected = "no" if not disagree and ("this report" in pubs or len(pubs) >= 2) else "yes"
        assert row["check"] == expected, (row["year"], row["metric"], row["sources"])


@pytest.mark.parametrize("year, metric, check", [
    (2024, "open_days_visitors", "yes"),   # one report (allafrica): the record claim rests on it
    (2023, "open_days_visitors", "yes"),
    (2024, "denials", "no"),               # this report and dimatv agree on 40
    (2022, "denials", "yes"),
    (2025, "open_days_visitors", "no"),    # this report
    (2025, "open_days_first_day_visitors", "yes"),  # one other report, even for 2025
])
def test_single_source_values_are_unconfirmed(series, year, metric, check):
    assert row(series, year, metric)["check"] == check


def test_the_raw_files_own_check_column_is_not_used(monkeypatch):
    """Flipping the compiler's yes/no in secondary-figures.tsv changes nothing: check is computed."""
    figures = load_figures()
    before = build_series(figures)
    flipped = [(n, line, {**r, "check": "no" if r["check"] == "yes" else "yes"}) for n, line, r in read_secondary()]
    monkeypatch.setattr(series_module, "read_secondary", lambda path=None: flipped)
    assert build_series(figures).equals(before)


def test_disagreeing_sources_make_a_value_unconfirmed(monkeypatch):
    """A second report giving another value for 2024's denials turns the confirmed row into an uncertain one."""
    figures = load_figures()
    rows = read_secondary()
    extra = next(r for _, _, r in rows if r["year"] == 2024 and r["metric"].startswith("denials"))
    rows = rows + [(len(rows) + 1, 0, {**extra, "value": 41, "url": "https://example.org/other"})]
    monkeypatch.setattr(series_module, "read_secondary", lambda path=None: rows)
    denials = row(build_series(figures), 2024, "denials")
    assert denials["check"] == "yes" and "sources disagree" in denials["note"]


@pytest.mark.parametrize("year", [2024, 2025])
def test_only_is_kept_where_a_source_says_it(series, year):
    """«40 تكذيبا فقط في 2024», «29 تكذيبا فقط»: exact counts stressed as small, whichever source leads the row."""
    assert row(series, year, "denials")["qualifier"] == "only"


def test_bounds_and_approximations_keep_their_qualifier(series):
    assert row(series, 2024, "media_activities_total")["qualifier"] == "more_than"  # «Pas moins de 5820»
    assert row(series, 2025, "open_days_visitors")["qualifier"] == "about"


def test_two_measures_of_views_are_two_metrics(series):
    """2024's views (of what, the source does not say) and 2025's views of the live broadcasts are not one series."""
    views = series[series["metric"].str.contains("views")]
    assert sorted(zip(views["year"], views["metric"])) == [(2024, "open_days_online_views"),
                                                           (2025, "open_days_live_views")]


@pytest.mark.parametrize("year, metric, published_as", [
    (2023, "communiques_and_press_news", "missions d'information"),
    (2024, "communiques_and_press_news", "communiqués"),
    (2023, "reportages", "reportages vidéos"),
])
def test_inferred_mappings_say_so_in_their_row(series, year, metric, published_as):
    hit = row(series, year, metric)
    assert hit["mapping"] == "inferred"
    assert hit["note"].startswith("Inferred:") and published_as in hit["note"]


def test_every_inferred_row_has_a_note(series):
    inferred = series[series["mapping"] == "inferred"]
    assert len(inferred) == 3 and inferred["note"].str.startswith("Inferred:").all()


def test_an_inferred_mapping_without_a_note_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "series-metrics.csv"
    text = series_module.METRICS_CSV.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if ",inferred," in l)
    bad.write_text(text.replace(line, line[: line.index(",inferred,") + len(",inferred,")]), encoding="utf-8")
    n = text.splitlines().index(line)
    with pytest.raises(DataError, match=rf"series-metrics.csv: row {n} \(line {n + 1}\), field 'note': an inferred"):
        series_module._metric_map(bad)


def test_yearly_gives_gaps_as_none(series):
    years = year_range(series, ["followers_x"])
    entries = yearly(series, "followers_x", years)
    assert years == [2022, 2023, 2024, 2025]
    assert [e["value"] for e in entries][2] is None  # no source publishes 2024's followers
    assert [e["single_source"] for e in entries] == [True, True, False, False]


def numbers_in(text: str) -> list[int]:
    return [int(n.replace(",", "").replace(".", "")) for n in re.findall(r"\d[\d,.]*\d|\d", text)]


def test_uncertainty_sentences_follow_from_the_data(series):
    """Notebook 08 says how many values rest on what: every number in its sentences is recounted here."""
    ar, en = uncertainty_note(series, 2025)
    earlier = series[series["year"] < 2025]
    single = sum(1 for s, n in zip(series["sources"], series["note"])
                 if "sources disagree" not in n and publications(s) != {"this report"}
                 and "this report" not in publications(s) and len(publications(s)) == 1)
    expected = [len(series), int((series["check"] == "no").sum()), single, len(earlier),
                int((earlier["check"] == "yes").sum()), int((series["mapping"] == "inferred").sum())]
    assert [n for n in numbers_in(en) if n != 2025] == expected
    assert [n for n in numbers_in(ar) if n != 2025] == expected


def test_uncertainty_table_adds_up(series):
    table = uncertainty(series).set_index("metric")
    total = table.loc["total"]
    assert total["values"] == len(series)
    assert total[["this_report", "two_sources", "one_source", "disagree"]].sum() == len(series)
    assert total["one_source"] + total["disagree"] == (series["check"] == "yes").sum()


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
    assert not last.at["published totals", "comparable"]
    assert last.at["denials excluded", "change"] == 6862 - (1674 + 3572 + 534)
    assert last.at["denials included", "change"] == (6862 + 29) - 5820


@pytest.mark.parametrize("start, definition, qualifier", [
    (2023, "published totals", "at_least"),  # 4955 -> more than 5820: the rise is at least 865
    (2024, "published totals", "at_most"),   # more than 5820 -> 6862: the rise is at most 1042
    (2024, "denials excluded", "exact"),
])
def test_changes_from_a_bound_carry_the_bound(series, start, definition, qualifier):
    changes = total_changes(series).set_index(["from", "definition"])
    assert changes.at[(start, definition), "change_qualifier"] == qualifier


def test_what_the_total_counts_beyond_its_kinds(series):
    books = accounting(series).set_index("year")
    assert books["total_minus_kinds"].to_dict() == {2023: 56, 2024: 40, 2025: 0}
    assert books["total_minus_kinds_qualifier"].to_dict() == {2023: "exact", 2024: "at_least", 2025: "exact"}
    assert books["single_source"].to_dict() == {2023: True, 2024: True, 2025: False}


def test_secondary_file_with_a_bad_value(tmp_path, monkeypatch):
    bad = tmp_path / RAW_SECONDARY.name
    bad.write_text(RAW_SECONDARY.read_text(encoding="utf-8").replace("\t92\t", "\tninety-two\t"), encoding="utf-8")
    monkeypatch.setattr(series_module, "read_raw", lambda path: path.read_text(encoding="utf-8"))
    monkeypatch.setattr("helpers.datapackage.raw.read_raw", lambda path: path.read_text(encoding="utf-8"))
    with pytest.raises(DataError, match=r"secondary-figures.tsv: row 1 \(line 5\), field 'value': type-error: 'ninety-two'"):
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
