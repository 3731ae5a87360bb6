"""The raw report: read byte for byte, checked against its recorded SHA-256, with the report's end marked.

The raw file is never edited. The web page's comment form and cookie notice that follow the report are kept in
the file and cut off by offset: ``Report.end`` is where the report stops (``data/raw/sources.json`` names the
marker), and every offset in the project refers to the whole raw text, so ``raw[start:end] == quote`` holds.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .arabic_numbers import DateMatch, NumberMatch, find_dates, find_numbers
from .errors import DataError
from .paths import RAW, RAW_REPORT

SOURCES_JSON = RAW / "sources.json"


def sources() -> dict:
    """Provenance of every raw file (publisher, dates, URL, checksum, notes), from data/raw/sources.json."""
    return json.loads(SOURCES_JSON.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_raw(path: Path) -> str:
    """The text of a raw file after checking its SHA-256 against data/raw/sources.json."""
    meta = sources().get(path.name)
    if meta is None:
        raise DataError(path, f"no provenance entry for this file in {SOURCES_JSON.name}")
    got = sha256(path)
    if got != meta["sha256"]:
        raise DataError(path, f"SHA-256 {got[:12]}… differs from the recorded {meta['sha256'][:12]}… "
                              f"(the raw file changed; restore it byte for byte from the source)")
    return path.read_bytes().decode(meta.get("encoding", "utf-8"))


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
        return find_numbers(self.text)

    @cached_property
    def dates(self) -> list[DateMatch]:
        """Every date, range and year in the report, read once."""
        return find_dates(self.text)

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
    years = [d for d in find_dates(raw[at: at + len(phrase) + 20]) if d.iso.isdigit()] if at >= 0 else []
    if not years:
        raise DataError(path, f"no year found after the phrase {phrase!r}")
    return Report(raw=raw, end=end, year=int(years[0].iso), path=path)


_MONTHS_AR = "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split()


def citation(name: str = RAW_REPORT.name) -> tuple[str, str]:
    """The source line for charts, in Arabic and in English, from data/raw/sources.json."""
    meta = sources()[name]
    year, month, day = (int(part) for part in meta["published"].split("-"))
    outlet_ar, outlet_en = re.match(r"(.+?) \((.+?)\)", meta["publisher"]).groups()  # "آش 24 (Ash24), ..."
    return (f"{outlet_ar}، {day} {_MONTHS_AR[month - 1]} {year}، عن حصيلة المديرية العامة للأمن الوطني",
            f"Source: {outlet_en}, {meta['published']}, reporting the DGSN annual report")
