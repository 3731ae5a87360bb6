"""The whole-report tables refuse what is not whole, each time with one line naming file, row and field, and a
failed build overwrites nothing."""
import csv
import shutil

import pytest
from devtools import record_in_manifest

from helpers.build.cli import main as build_main
from helpers.build.load import load_observations, load_report_figures
from helpers.datapackage.curation import load_curation
from helpers.datapackage.press import load_press
from helpers.errors import DataError
from helpers.paths import CURATED, PROCESSED, RAW


@pytest.fixture
def processed(tmp_path, monkeypatch):
    """A copy of data/processed with its manifest, which the loaders are pointed at."""
    folder = tmp_path / "processed"
    shutil.copytree(PROCESSED, folder)
    return folder


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _one_line(err) -> str:
    message = str(err.value)
    assert "\n" not in message
    return message


def _edit(path, obs, column, new):
    """Set one cell, found by the first column's value; returns the data row number."""
    rows = _rows(path)
    header = rows[0]
    n = next(i for i, r in enumerate(rows) if r[0] == obs)
    rows[n][header.index(column)] = new
    _write(path, rows)
    return n


def test_a_truncated_table_is_refused(processed):
    path = processed / "observations.csv"
    rows = len(_rows(path)) - 1
    _write(path, _rows(path)[:-5])
    with pytest.raises(DataError, match=rf"observations\.csv: row \d+ \(line \d+\): {rows - 5} rows, but the build wrote {rows}"):
        load_observations(path)


def test_an_edited_table_is_refused_by_its_checksum(processed):
    path = processed / "report-figures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",agreed,", ",conflict,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="report-figures.csv: SHA-256 .* differs from the build's"):
        load_report_figures(path)


def test_an_edited_value_is_refused_even_with_a_matching_manifest(processed):
    """The manifest is not the only guard: a value that is not what its quote says fails on its own."""
    path = processed / "observations.csv"
    n = _edit(path, "o0071", "value", "779009")
    record_in_manifest(path)
    with pytest.raises(DataError) as err:
        load_observations(path)
    assert _one_line(err).startswith(f"{path}: row {n} (line {n + 1}), field 'value': o0071: 779009 but '779.008' reads")


def test_a_quote_that_is_only_part_of_the_number_is_refused(processed):
    path = processed / "observations.csv"
    n = _edit(path, "o0147", "quote_start", "2")  # "112" inside "1.112"
    _edit(path, "o0147", "quote_end", "5")
    record_in_manifest(path)
    with pytest.raises(DataError, match=rf"row {n} .*field 'quote_start': o0147: '112' at 2-5 is only part of a number"):
        load_observations(path)


def test_an_article_row_must_sit_on_its_figures_anchor(processed):
    path = processed / "observations.csv"
    rows = _rows(path)
    header = rows[0]
    a, b = (next(i for i, r in enumerate(rows) if r[0] == x) for x in ("a11", "a12"))
    rows[a][header.index("figure")], rows[b][header.index("figure")] = rows[b][header.index("figure")], \
        rows[a][header.index("figure")]
    _write(path, rows)
    record_in_manifest(path)
    with pytest.raises(DataError, match=rf"row {a} .*field 'figure': a11: the number at .* is the anchor of"):
        load_observations(path)


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()), "starts with a UTF-8 byte-order mark"),
    (lambda p: p.write_bytes(p.read_bytes().replace("قضية".encode(), b"\xff\xfe", 1)), "is not UTF-8"),
    (lambda p: p.write_text("", encoding="utf-8"), "the file is empty"),
    (lambda p: p.unlink(), "file not found"),
])
def test_bytes_that_are_not_a_table(processed, damage, message):
    path = processed / "observations.csv"
    damage(path)
    with pytest.raises(DataError) as err:
        load_observations(path)
    assert message in _one_line(err) and str(path) in str(err.value)


def test_malformed_manifest_json(processed):
    (processed / "manifest.json").write_text('{"observations.csv": {"rows": 1303,}', encoding="utf-8")
    with pytest.raises(DataError, match=r"manifest\.json: line 1: malformed JSON"):
        load_observations(processed / "observations.csv")


@pytest.mark.parametrize("column, bad, field", [
    ("section", "cooking", "section"),
    ("unit", "furlongs", "unit"),
])
def test_an_unknown_section_or_unit_in_the_curated_metrics(tmp_path, column, bad, field):
    metrics = tmp_path / "metrics.csv"
    rows = _rows(CURATED / "metrics.csv")
    rows[3][rows[0].index(column)] = bad
    _write(metrics, rows)
    with pytest.raises(DataError) as err:
        load_curation(metrics, CURATED / "figure-hints.csv", CURATED / "observation-figures.csv")
    assert _one_line(err).startswith(f"{metrics}: row 3 (line 4), field '{field}': constraint-error")


def test_a_hint_with_no_figure_is_refused(tmp_path):
    hints = tmp_path / "figure-hints.csv"
    rows = _rows(CURATED / "figure-hints.csv")
    rows[5][2] = "drugs.unicorns_seized"
    _write(hints, rows)
    with pytest.raises(DataError, match=r"figure-hints\.csv: row 5 \(line 6\), field 'figure': 'drugs\.unicorns_seized'"):
        load_curation(CURATED / "metrics.csv", hints, CURATED / "observation-figures.csv")


def test_the_raw_press_file_is_checked_byte_for_byte(tmp_path, monkeypatch):
    copy = tmp_path / "press-coverage.tsv"
    copy.write_bytes((RAW / "press-coverage.tsv").read_bytes().replace(b"779.008", b"779.009", 1))
    monkeypatch.setattr("helpers.datapackage.raw.SOURCES_JSON", RAW / "sources.json")
    with pytest.raises(DataError, match="press-coverage.tsv: SHA-256 .* differs from the recorded"):
        load_press(copy)


def test_a_failed_build_overwrites_nothing(tmp_path, monkeypatch):
    """A curated file with a hint that names no figure stops the build before any file is written."""
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    hints = tmp_path / "figure-hints.csv"
    rows = _rows(CURATED / "figure-hints.csv")
    _write(hints, rows[:1] + rows[2:])  # one hint left unmapped
    monkeypatch.setattr("helpers.datapackage.curation.FIGURE_HINTS_CSV", hints)
    monkeypatch.setattr("helpers.datapackage.curation.load_curation.__defaults__",
                        (CURATED / "metrics.csv", hints, CURATED / "observation-figures.csv"))
    assert build_main(["--out", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
