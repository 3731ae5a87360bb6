"""What the number readers return, and the digit rules both grammars share (helpers.reading.arabic, .french).

A reader never returns a smaller or split value for an expression it cannot read whole: such an expression is a
``NumberMatch`` with ``value=None`` and the reason in words, so that completeness checks see it. Values are
computed exactly (``fractions.Fraction``) and given as ``int`` when whole, else as ``float``; an expression whose
exact value has no short decimal form (a third of a million) or does not fit a float is reported unread.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

# A digit run longer than this is not read as a number (Python refuses to convert much longer ones, and no count
# in a text is that long): it becomes an unread match whose reason says so.
MAX_DIGITS = 1000


class NumberError(ValueError):
    """Text that is not one number (or one date) the reader can read whole."""


@dataclass(frozen=True)
class NumberMatch:
    """A number found in a text: its value, where it is (``text == source[start:end]``) and how it is qualified.

    ``value`` is negative for a signed number ("-0,5", "ناقص 4") and ``None`` when the expression was found but
    cannot be read whole (``reason`` says why). ``percent`` is true when a percent sign or words follow, and they
    are then part of ``text``; ``qualifier`` is one of the values data/datapackage.json allows.
    """

    value: int | float | None
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    ordinal: bool = False
    reason: str = ""
    percent: bool = False


@dataclass(frozen=True)
class DateMatch:
    """A date, a month, a year or a date range found in a text, with its ISO 8601 form (ranges as start/end).

    ``iso`` is empty and ``reason`` says why when the text has the shape of a date that is not one (31 September,
    a range whose end is before its start).
    """

    iso: str
    start: int
    end: int
    text: str
    reason: str = ""


@dataclass(frozen=True)
class Grammar:
    """One language's reader: every number of a text, every date, and the words of a text (for error messages).

    helpers.reading chooses one by ``lang`` (``LANG[lang]``), as text2num does; a grammar never calls another.
    """

    lang: str
    find_numbers: Callable[[str], list[NumberMatch]]
    find_dates: Callable[[str], list[DateMatch]]
    word_spans: Callable[[str], list[tuple[int, int, str]]]


def exact_value(value: Fraction) -> tuple[int | float | None, str]:
    """(value as int or float, "") or (None, reason) when a float would not be the exact decimal value."""
    if value.denominator == 1:
        return int(value), ""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None, f"the value {value} has no finite decimal form"
    try:
        as_float = float(value)
    except OverflowError:
        return None, "the value is too large for a decimal number"
    return as_float, ""


def parse_one(matches: list[NumberMatch], text: str, tokens: list[tuple[int, int, str]]) -> int | float:
    """The value of the single match that covers all of ``text`` (stripped); ``NumberError`` otherwise.

    ``tokens`` are (start, end, text) of the words of ``text``, used to name the first word that is not part of
    the number.
    """
    stripped_start = len(text) - len(text.lstrip())
    stripped_end = len(text.rstrip())
    if len(matches) == 1 and matches[0].start == stripped_start and matches[0].end == stripped_end:
        m = matches[0]
        if m.value is None:
            raise NumberError(f"cannot read {m.text!r}: {m.reason}")
        return m.value
    first = matches[0] if matches else None
    for start, end, word in tokens:
        if first is None or not (first.start <= start and end <= first.end):
            raise NumberError(f"not a number: {word!r} in {text!r}")
    raise NumberError(f"not a number: {text!r}")


def merge_parenthesised(text: str, matches: list[NumberMatch]) -> list[NumberMatch]:
    """"six (6)", "ستة (6)": a number in words followed by the same number in digits in brackets is one match.

    When the two disagree ("ستة (7)") the whole is one unread match: neither value can be trusted.
    """
    out: list[NumberMatch] = []
    i = 0
    while i < len(matches):
        m = matches[i]
        if i + 1 < len(matches):
            n = matches[i + 1]
            between, after = text[m.end:n.start], text[n.end:n.end + 2]
            words_then_digits = not any(c.isdigit() for c in m.text) and n.text.isdigit()
            if words_then_digits and between.strip() == "(" and after.lstrip().startswith(")") \
                    and m.value is not None and n.qualifier == "exact" and not n.percent:
                end = n.end + after.index(")") + 1
                if n.value == m.value:
                    out.append(NumberMatch(m.value, m.start, end, text[m.start:end], m.qualifier, m.ordinal,
                                           percent=m.percent))
                else:
                    out.append(NumberMatch(None, m.start, end, text[m.start:end], m.qualifier, m.ordinal,
                                           f"the words say {m.value} and the digits in brackets {n.value}"))
                i += 2
                continue
        out.append(m)
        i += 1
    return out


# ---------------------------------------------------------------------------------------------------------------
# Digits. One tokenizer pattern for both languages; what the separators mean depends on the language.
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = f"[{DIGITS}]"
_SPACES = "\u0020\u00a0\u202f\u2009"
# A digit chunk: digits joined by marks (. , ٫ ٬), or 1-3 digits followed by groups of three joined by one kind of
# space ("1 429 052", "1\u202f118\u202f600"), optionally with a decimal part.
DIGIT_CHUNK = (rf"{_D}{{1,3}}(?:[{_SPACES}]{_D}{{3}})+(?!{_D})(?:[.,\u066b]{_D}+)?"
               rf"|{_D}+(?:[.,\u066b\u066c]{_D}+)*"
               rf"|(?<!\S)[.\u066b]{_D}+(?![.,\u066b\u066c]?{_D})")  # ".77" after a space: 0.77
# Arabic text also writes the Arabic comma (U+060C) between digits, as the decimal mark ("6،59 بالمائة",
# "%30،22"; the Arabic decimal separator ٫ looks like it) or, before three digits, to group thousands. It is
# also the list comma, so it joins digits only when one to three digits follow it ("2019،2020" stays two years).
DIGIT_CHUNK_AR = (rf"{_D}{{1,3}}(?:[{_SPACES}]{_D}{{3}})+(?!{_D})(?:[.,\u066b]{_D}+)?"
                  rf"|{_D}+(?:[.,\u066b\u066c]{_D}+|\u060c{_D}{{1,3}}(?!{_D}))*"
                  rf"|(?<!\S)[.\u066b]{_D}+(?![.,\u066b\u066c]?{_D})")
_SEP = re.compile(rf"[^{DIGITS}]")


@lru_cache(maxsize=65536)
def read_digits(chunk: str, lang: str) -> tuple[Fraction | None, str, bool]:
    """The value of a digit chunk under the rules of ``lang``: (value, reason, ambiguous before a scale word).

    Arabic text (Moroccan and Middle-Eastern press): a dot, comma (also the Arabic comma ،) or ٬ followed by
    exactly three digits groups thousands ("779,008", "10.249", "1.864.108"); otherwise a dot, comma, Arabic
    comma or ٫ is the decimal mark ("8.5", "123,97", "6،59", "٢٫٥"). French text (Grevisse, Le Bon Usage, § 602,
    and the Imprimerie nationale's rules): the comma is always the decimal mark ("1,731 tonne" is 1.731); a dot or
    a (thin, no-break) space groups thousands ("98.543 tonnes" is 98,543 tonnes as printed); a dot followed by
    other than three digits is read as a decimal point, as English-style copy writes it. Two different marks: the
    last one is the decimal mark ("1.234,5", "٢٬٥٠٠٫٧٥"). The third value is true for one mark followed by three
    digits, which a scale word after it makes ambiguous ("1.250 مليون": 1.25 or 1250 million?); before a weight
    unit, helpers.quantities asks the quote whether the mark may be a decimal point.
    """
    ascii_chunk = chunk.translate(TO_ASCII)
    if lang == "ar":
        ascii_chunk = ascii_chunk.replace("\u060c", ",")  # the Arabic comma: as "," (see DIGIT_CHUNK_AR)
    digits = [c for c in ascii_chunk if c.isdigit()]
    if len(digits) > MAX_DIGITS:
        return None, f"a run of {len(digits)} digits is longer than {MAX_DIGITS}", False
    if ascii_chunk[0] in ".\u066b":  # ".77"
        return Fraction(f"0.{ascii_chunk[1:]}"), "", False
    seps = _SEP.findall(ascii_chunk)
    groups = _SEP.split(ascii_chunk)
    if not seps:
        return Fraction(int(ascii_chunk)), "", False
    spaces = set(_SPACES)

    def grouped(gs: list[str]) -> bool:
        return 1 <= len(gs[0]) <= 3 and all(len(g) == 3 for g in gs[1:])

    if lang == "fr" and "," in seps[:-1] or lang == "fr" and seps.count(",") > 1:
        return None, f"{chunk!r}: a comma is the decimal mark in French and cannot stand twice or before a group", \
            False
    last = seps[-1]
    same = all(s == last for s in seps)
    decimal_marks = {"\u066b"} | ({","} if lang == "fr" else set())
    if same and last not in decimal_marks and grouped(groups):
        ambiguous = len(seps) == 1 and last in ".,"
        return Fraction(int("".join(groups))), "", ambiguous
    if same and len(seps) == 1 and last in ".,\u066b":
        return Fraction(f"{groups[0]}.{groups[1]}"), "", False
    if not same and last in ".,\u066b" and all(s == seps[0] for s in seps[:-1]) and seps[0] != last \
            and (seps[0] in spaces or seps[0] in ".,\u066c") and grouped(groups[:-1]):
        return Fraction(f"{''.join(groups[:-1])}.{groups[-1]}"), "", False
    return None, f"{chunk!r}: its digits are not grouped by thousands and have no single decimal mark", False
