"""The press coverage of the reports (data/raw/press-coverage.tsv): checked against its checksum and its schema.

Each row is what one page printed for one figure: the outlet's words (``quote``) and the part of them that writes
the number (``figure_text``). The file holds no values; helpers.build.observations reads them.
"""
from __future__ import annotations

from pathlib import Path

from helpers.datapackage.csvio import read_table
from helpers.datapackage.raw import read_raw
from helpers.errors import DataError
from helpers.paths import RAW

PRESS_TSV = RAW / "press-coverage.tsv"


def load_press(path: Path = PRESS_TSV) -> list[dict[str, str]]:
    """Every observation of the press file, as strings, after its checksum, header, types and values are checked."""
    read_raw(path)  # the raw copy is the recorded one, byte for byte
    rows = read_table(path, "press_coverage")
    for n, row in enumerate(rows, start=1):
        if row["figure_text"] not in row["quote"]:
            raise DataError(path, f"{row['obs']}: the figure text {row['figure_text']!r} is not in the quote",
                            row=n, field="figure_text", line=n + 1)
    return rows
