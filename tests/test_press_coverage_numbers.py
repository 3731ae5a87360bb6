"""The reader on the press coverage of the whole report (data/raw/press-coverage.tsv, 1,273 quotes in
Arabic and French): each figure_text, written by a person, is read by one match (or by the parts of a compound
quantity such as "170 طنا و796 كيلوغراما", which the quantity reader combines), with every digit inside a match
and no expression left unread. The same, and a whole reading by the quantity reader, for the 2,082 rows of
../shared/source/press-coverage.tsv (the 2020-2023 reports too) when that file is beside the project."""
import csv
import re

import pytest

from helpers.datapackage.curation import load_curation
from helpers.datapackage.press import load_press
from helpers.paths import ROOT
from helpers.reading.numbers import find_numbers
from helpers.reading.quantities import QuantityError, read_quantity

# A dual noun says "two" without a numeral ("شخصان", two persons): no number reader reads it.
DUAL_NOUNS = {"شخصين", "شخصان", "الشخصان"}
_COMPOUND = re.compile(r"\sو|\set\s")


def _rows():
    return load_press()  # the project's byte-for-byte copy, checksum and schema checked


def _problem(row) -> str:
    quote, text, lang = row["quote"], row["figure_text"], row["lang"]
    lo = quote.find(text)
    hi = lo + len(text)
    if lo < 0:
        return "figure_text not in quote"
    matches = [m for m in find_numbers(quote, lang) if m.start < hi and m.end > lo]
    if any(m.value is None for m in matches):
        return "unread: " + "; ".join(m.reason for m in matches if m.value is None)
    if any(quote[i].isdigit() and not any(m.start <= i < m.end for m in matches) for i in range(lo, hi)):
        return "digits outside every match"
    if not matches:
        return "no number"
    if len(matches) > 1 and not _COMPOUND.search(text):
        return f"{len(matches)} numbers"
    return ""


def test_every_figure_text_of_the_press_coverage_is_read():
    rows = _rows()
    problems = {(r["lang"], r["figure_text"]): _problem(r) for r in rows}
    failing = {key: why for key, why in problems.items() if why}
    assert {text for _, text in failing} == DUAL_NOUNS, failing
    assert len(rows) == 1273 and {r["lang"] for r in rows} == {"ar", "fr"}


SHARED = ROOT.parent / "shared" / "source" / "press-coverage.tsv"
# the dual nouns of the 2020-2023 rows ("إحداث دائرتين للشرطة": two police districts)
DUAL_NOUNS_SHARED = DUAL_NOUNS | {"دائرتين"}


def _shared_rows():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not beside the project (the 2,082-row coverage is read from there)")
    with open(SHARED, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_figure_text_of_the_whole_coverage_is_read():
    """The same property on the 2,082 rows of ../shared (2025-2020 reports), when the file is there."""
    rows = _shared_rows()
    failing = {(r["lang"], r["figure_text"]): why for r in rows if (why := _problem(r))}
    assert {text for _, text in failing} == DUAL_NOUNS_SHARED, failing
    assert len(rows) >= 1273 and {r["lang"] for r in rows} == {"ar", "fr"}


def test_every_row_of_the_whole_coverage_reads_whole():
    """read_quantity reads every row of ../shared whole: with its curated unit and kind when its hint has a
    figure (as helpers.observations does), else with the unit its words say (years for an age or years of)."""
    rows = _shared_rows()
    curation = load_curation()
    refused = []
    for r in rows:
        if r["obs"] in curation.moved or (r["section"], r["metric_en"]) in curation.hints:
            metric = curation.metrics[curation.figure_of(r)]
            unit, change = metric["unit"], metric["kind"] == "change"
        else:
            hint = r["metric_en"].lower()
            unit = "years" if "years of" in hint or "average age" in hint else None
            change = hint.startswith("change in")
        try:
            read_quantity(r["quote"], r["figure_text"], r["lang"], obs=r["obs"], unit=unit, change=change)
        except QuantityError as err:
            refused.append(str(err))
    assert refused == []
