"""The raw article (the 2025 communication section, in full): checked against its SHA-256, with the report's end.

The raw file is never edited. The web page's comment form and cookie notice that follow the report are kept in
the file and cut off by offset: ``Report.end`` is where the report stops (``data/raw/sources.json`` names the
marker), and every offset in the project refers to the whole raw text, so ``raw[start:end] == quote`` holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from helpers.datapackage.raw import read_raw, sources
from helpers.errors import DataError
from helpers.paths import RAW_REPORT
from helpers.reading import DateMatch, NumberMatch, find_dates, find_numbers


@dataclass(frozen=True)
class Report:
    """The raw text, where the report ends in it, and the report's year."""

    raw: str
    end: int
    year: int
    path: Path

    @property
    def text(self) -> str:
        """The report alone (offsets into it are offsets into ``raw``)."""
        return self.raw[: self.end]

    @cached_property
    def numbers(self) -> list[NumberMatch]:
        """Every number in the report, read once (figures, exclusions and checks all look them up)."""
        return find_numbers(self.text, "ar")

    @cached_property
    def dates(self) -> list[DateMatch]:
        """Every date, range and year in the report, read once."""
        return find_dates(self.text, "ar")

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the paragraph (blank-line separated) that holds ``offset``."""
        start = self.raw.rfind("\n", 0, offset) + 1
        end = self.raw.find("\n", offset)
        return start, (len(self.raw) if end < 0 else end)


@lru_cache(maxsize=4)
def load_report(path: Path = RAW_REPORT) -> Report:
    """Read and check the raw report; locate its end and its year (both from the text, see sources.json)."""
    raw = read_raw(path)
    meta = sources()[path.name]
    marker = meta["report_end_marker"]
    if raw.count(marker) != 1:
        raise DataError(path, f"the report-end marker {marker!r} occurs {raw.count(marker)} times, expected once")
    end = len(raw[: raw.index(marker)].rstrip())
    phrase = meta["report_year_phrase"]
    at = raw.find(phrase)
    years = [d for d in find_dates(raw[at: at + len(phrase) + 20], "ar") if d.iso.isdigit()] if at >= 0 else []
    if not years:
        raise DataError(path, f"no year found after the phrase {phrase!r}")
    return Report(raw=raw, end=end, year=int(years[0].iso), path=path)
