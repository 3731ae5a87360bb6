"""The reader on the press coverage of the six reports (data/raw/press-coverage.tsv, every quote, in Arabic and
French): each figure_text, written by a person, is read by one match (or by the parts of a compound quantity such
as "170 طنا و796 كيلوغراما", which the quantity reader combines), with every digit inside a match and no expression
left unread. (That every row is also read whole by the quantity reader is the build's own check: a row it cannot
read stops ``make data`` with a line naming the obs; tests/test_observations.py sees every row as an observation.)"""
import re


from helpers.datapackage.press import load_press
from helpers.datapackage.raw import sources
from helpers.reading.numbers import find_numbers

# A dual noun says "two" without a numeral ("شخصان", two persons; "إحداث دائرتين للشرطة", two police districts):
# no number reader reads it; the quantity reader reads it as 2.
DUAL_NOUNS = {"شخصين", "شخصان", "الشخصان", "دائرتين"}
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
    assert len(rows) == sources()["press-coverage.tsv"]["rows"] and {r["lang"] for r in rows} == {"ar", "fr"}
