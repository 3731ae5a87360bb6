"""The press coverage of the reports (data/raw/press-coverage.tsv): checked against its checksum and its schema.

Each row is what one page printed for one figure: the outlet's words (``quote``) and the part of them that writes
the number (``figure_text``). The file holds no values; helpers.build.observations reads them.
"""
from __future__ import annotations

from pathlib import Path

from helpers.datapackage.raw import read_raw_table
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
    return rows
