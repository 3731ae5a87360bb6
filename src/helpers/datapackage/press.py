"""The press coverage of the reports (data/raw/press-coverage.tsv): checked against its checksum and its schema.

Each row is what one page printed for one figure: the outlet's words (``quote``) and the part of them that writes
the number (``figure_text``). The file holds no values; helpers.build.observations reads them.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from helpers.datapackage.raw import entry, read_raw_table
from helpers.errors import DataError
from helpers.paths import RAW

PRESS_TSV = RAW / "press-coverage.tsv"


def load_press(path: Path = PRESS_TSV) -> list[dict[str, str]]:
    """Every observation of the press file, as strings, after its checksum, encoding, row count (sources.json),
    header, types and values are checked, and each figure text found in its quote (where it stands as a whole
    number is helpers.reading.quantities' question)."""
    rows = read_raw_table(path, "press_coverage")  # the raw copy is the recorded one, byte for byte
    for n, row in enumerate(rows, start=1):
        if row["figure_text"] not in row["quote"]:
            raise DataError(path, f"{row['obs']}: the figure text {row['figure_text']!r} is not in the quote",
                            row=n, field="figure_text", line=n + 1)
    _check_years(path, rows)
    return rows


def _check_years(path: Path, rows: list[dict[str, str]]) -> None:
    """As many rows of each report year as sources.json records (``rows_by_report_year``): a year's rows replaced
    by another's keep the total but not these counts."""
    recorded = entry(path).get("rows_by_report_year")
    if recorded is None:
        return
    counted = Counter(row["report_year"] for row in rows)
    for year in sorted(set(recorded) | set(counted)):
        if counted.get(year, 0) != recorded.get(year, 0):
            raise DataError(path, f"{counted.get(year, 0)} rows of report year {year}, but sources.json records "
                                  f"{recorded.get(year, 0)} (rows_by_report_year)", field="report_year")
