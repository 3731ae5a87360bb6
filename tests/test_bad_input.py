"""Bad input stops with one line naming file, row and field, and overwrites nothing."""
import shutil

import pytest

from devtools import record_in_manifest
from helpers.build.cli import main as build_main
from helpers.build.load import load_figures
from helpers.datapackage.article import load_report
from helpers.errors import DataError
from helpers.paths import PROCESSED, RAW_REPORT


@pytest.fixture
def figures_csv(processed_copy):
    """A copy of figures.csv with its manifest; each test edits a cell and records the edit in the manifest, so that
    the loader's own checks (against the raw text) are what refuses it."""
    return processed_copy / "figures.csv"


def _replace_cell(path, row_id, column, new):
    """Set one cell of a CSV, addressing it by id and column, without pandas (so quoting stays as written)."""
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == row_id:
            row[header.index(column)] = new
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    record_in_manifest(path)
    return next(i for i, r in enumerate(rows) if r[0] == row_id)  # the data row number


def _one_line(err) -> str:
    message = str(err.value)
    assert "\n" not in message
    return message


def test_non_numeric_value(figures_csv):
    row = _replace_cell(figures_csv, "media.communiques", "value", "ألف وتسعمائة")
    with pytest.raises(DataError) as err:
        load_figures(figures_csv)
    assert _one_line(err).startswith(f"{figures_csv}: row {row} (line {row + 1}), field 'value': ")


def test_changed_value_no_longer_matches_its_quote(figures_csv):
    row = _replace_cell(figures_csv, "social_media.followers_x", "value", "512532")
    with pytest.raises(DataError, match=rf"row {row} .*field 'value': 512532 differs .* which reads 512523"):
        load_figures(figures_csv)


def test_quote_not_at_its_offsets(figures_csv):
    row = _replace_cell(figures_csv, "media.reportages", "start", "2509")
    with pytest.raises(DataError, match=rf"row {row} .*field 'quote': '4386' is not at offsets 2509-2512"):
        load_figures(figures_csv)


def test_changed_qualifier(figures_csv):
    row = _replace_cell(figures_csv, "open_days.visitors", "qualifier", "exact")
    with pytest.raises(DataError, match=rf"row {row} .*field 'qualifier': 'exact' but the text says 'about'"):
        load_figures(figures_csv)


def test_missing_column(figures_csv):
    text = figures_csv.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    keep = [i for i, name in enumerate(header) if name != "qualifier"]
    import csv
    rows = list(csv.reader(text))
    with open(figures_csv, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
    with pytest.raises(DataError, match=r"row 0 \(line 1\), field 'qualifier': column missing"):
        load_figures(figures_csv)


def test_raw_file_with_wrong_checksum(tmp_path):
    bad = tmp_path / RAW_REPORT.name
    bad.write_bytes(RAW_REPORT.read_bytes().replace("1916".encode(), "1917".encode()))
    with pytest.raises(DataError, match=r"dgsn-2025-security-communication.ar.txt: SHA-256 .* differs"):
        load_report(bad)


def test_failed_build_overwrites_nothing(tmp_path, capsys):
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / RAW_REPORT.name
    bad.write_bytes(RAW_REPORT.read_bytes() + b" ")
    assert build_main(["--raw", str(bad), "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "SHA-256" in error
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_successful_build_into_a_folder_writes_the_committed_tables(tmp_path):
    assert build_main(["--out", str(tmp_path)]) == 0
    for name in ("figures.csv", "exclusions.csv", "checks.csv", "series.csv"):
        assert (tmp_path / name).read_bytes() == (PROCESSED / name).read_bytes()


def _report_with(old: str, new: str):
    """The real report with one number expression replaced (same length not needed: offsets are recomputed)."""
    import dataclasses
    real = load_report()
    assert real.text.count(old) == 1
    raw = real.raw.replace(old, new, 1)
    return dataclasses.replace(real, raw=raw, end=real.end + len(new) - len(old))


def test_a_figure_that_cannot_be_read_whole_stops_the_build():
    from helpers.build.figures import build_figures
    report = _report_with("أزيد من 600", "أزيد من 1.250 مليون")  # 1.25 or 1250 million: never guessed
    with pytest.raises(DataError, match=r"field 'anchor': the number .*1\.250 مليون.* cannot be read whole"):
        build_figures(report)


def test_an_unread_number_outside_the_figures_is_not_accounted_for():
    from helpers.build.figures import build_exclusions, build_figures
    report = _report_with("ما مجموعه 6862", "ما مجموعه 6862، و17.05.2025")
    with pytest.raises(DataError, match=r"'17\.05\.2025' .* cannot be read whole"):
        build_exclusions(build_figures(report), report)
