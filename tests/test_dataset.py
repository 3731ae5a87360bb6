"""The processed tables: current with the code, valid against the data package, complete, and true to the text."""
import frictionless
import pytest

from helpers.build import build_all
from helpers.build.load import load_figures
from helpers.datapackage.article import load_report
from helpers.datapackage.csvio import as_csv
from helpers.datapackage.raw import sha256, sources
from helpers.paths import DATAPACKAGE, RAW_REPORT
from helpers.reading.numbers import find_numbers, parse_number


def test_raw_copy_is_byte_for_byte_the_recorded_source():
    assert sha256(RAW_REPORT) == sources()[RAW_REPORT.name]["sha256"]


def test_report_ends_before_the_comment_form(report):
    assert "اترك تعليق" not in report.text and "الكوكيز" not in report.text
    assert report.text.endswith("باعتبارها مؤسسة مواطنة مجندة لخدمة المواطنين.")
    assert report.year == 2025


@pytest.fixture(scope="module")
def built():
    """Every table as the code builds it now, once for the module."""
    return {path.stem: table for path, table in build_all().items()}


@pytest.mark.parametrize("name", ["figures", "exclusions", "checks", "series", "observations", "report-figures",
                                  "stated-changes"])
def test_committed_tables_are_what_the_code_builds(name, built):
    committed = (DATAPACKAGE.parent / "processed" / f"{name}.csv").read_text(encoding="utf-8")
    assert committed == as_csv(built[name]), f"{name}.csv is stale: run `make data`"


def test_data_package_is_valid():
    report = frictionless.validate(str(DATAPACKAGE))
    errors = report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors[:5]


def test_data_package_catches_a_bad_row(tmp_path):
    """The schema is not a rubber stamp: an unknown qualifier fails validation."""
    package = frictionless.Package(str(DATAPACKAGE))
    resource = package.get_resource("figures")
    bad = tmp_path / "figures.csv"
    bad.write_text(resource.read_text().replace(",about,", ",roughly,", 1), encoding="utf-8")
    report = frictionless.validate(frictionless.Resource(path=bad.name, basepath=str(tmp_path), schema=resource.schema))
    assert report.flatten(["fieldName", "type"]) == [["qualifier", "constraint-error"]]


def test_every_quote_is_at_its_offsets_and_reads_as_its_value(report, committed):
    for row in committed["figures"].to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        assert report.raw[start:end] == row["quote"], row["id"]
        assert parse_number(row["quote"]) == float(row["value"]), row["id"]
        assert row["quote"] in row["context"] and row["context"] in report.text, row["id"]


def test_every_number_is_a_figure_or_an_exclusion(report, committed):
    """Completeness: nothing find_numbers sees in the report is left unaccounted for."""
    accounted = {(int(r["start"]), int(r["end"])) for table in ("figures", "exclusions")
                 for r in committed[table].to_dict("records")}
    seen = {(m.start, m.end) for m in find_numbers(report.text)}
    assert seen - accounted == set(), [report.raw[s:e] for s, e in seen - accounted]
    assert accounted - seen == set()
    assert len(committed["figures"]) + len(committed["exclusions"]) == len(seen)


def test_figures_cover_the_report(reference, committed):
    """Every count of the person-read reference that is not a date or name part is a figure."""
    values = sorted(float(v) for v in committed["figures"]["value"])
    expected = {2400000, 1916, 1500, 187, 1256, 29000000, 200, 600, 6862, 1973, 4386, 260, 1268153, 512523,
                502280, 253350, 109934, 1961, 317, 22, 97, 40}
    assert expected <= set(values)
    assert values.count(29.0) == 2 and values.count(503.0) == 2  # both mentions of the denials and contents
    ordinals = committed["figures"][committed["figures"]["unit"] == "edition"]["value"].astype(int).tolist()
    assert sorted(ordinals) == [6, 16, 30, 93]


def test_periods(committed):
    period = dict(zip(committed["figures"]["id"], committed["figures"]["period"]))
    assert period["open_days.visitors"] == "2025-05-17/2025-05-21"
    assert period["interpol.journalists"] == "2025-11-24/2025-11-27"
    assert period["fake_news.denials_previous_year"] == "2024"
    assert period["media.activities_total"] == "2025"


def test_checks(committed):
    """The statuses as committed (helpers.build.checks computes them; tests/test_checks.py says why each holds)."""
    status = dict(zip(committed["checks"]["id"], committed["checks"]["status"]))
    assert status["media.total_is_sum_of_kinds"] == "consistent"  # 1973 + 4386 + 503 = 6862
    assert status["social_media.total_is_sum_of_platforms"] == "consistent"  # 512523 + 502280 + 253350 = 1268153
    assert status["fake_news.denials_fell"] == "consistent"  # 40 -> 29
    assert status["fake_news.sharp_decline"] == "not_checkable"  # denials do not measure fake news
    assert status["open_days.record"] == "consistent_single_source"
    swapped = committed["checks"][committed["checks"]["kind"] == "transposition"]
    assert swapped["figure_ids"].tolist() == ["open_days.schools outreach.schools"]  # 1916 and 1961


def test_load_figures_returns_numbers_indexed_by_id():
    figures = load_figures()
    assert figures.at["social_media.followers_total", "value"] == 1268153
    assert figures.at["open_days.visitors", "qualifier"] == "about"
    assert load_report().raw[figures.at["open_days.visitors", "start"]:figures.at["open_days.visitors", "end"]] \
        == "حوالي مليونين و400 ألف"
