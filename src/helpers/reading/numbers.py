"""The one door to the number reader: numbers and dates of a text, in the language it is written in.

    >>> parse_number("مليون و268 ألف و153", "ar")
    1268153
    >>> [(m.value, m.qualifier) for m in find_numbers("حوالي مليونين و400 ألف زائر", "ar")]
    [(2400000, 'about')]
    >>> parse_number("1,731", "ar"), parse_number("1,731", "fr")
    (1731, 1.731)
    >>> parse_date("من 29 دجنبر إلى 2 يناير 2026", "ar")
    '2025-12-29/2026-01-02'

The language is an argument, never guessed: the same digits read differently ("731,558" is 731558 in Arabic text
and 731.558 in French). ``LANG`` holds one grammar per language (helpers.reading.arabic, helpers.reading.french),
as text2num's ``LANG[lang]`` does; the grammars share only helpers.reading.match and helpers.reading.dates.

Nothing partial, ever: an expression that cannot be read whole is returned as a match with ``value=None`` and the
reason, never as a smaller number; ``parse_number`` raises ``ValueError`` (``NumberError``) for it.
"""
from __future__ import annotations

from functools import lru_cache

from helpers.reading import arabic, french
from helpers.reading.match import DateMatch, Grammar, NumberError, NumberMatch, parse_one

__all__ = ["LANG", "grammar", "find_numbers", "parse_number", "find_dates", "parse_date"]

LANG: dict[str, Grammar] = {g.lang: g for g in (arabic.GRAMMAR, french.GRAMMAR)}


def grammar(lang: str) -> Grammar:
    """The grammar of ``lang`` ("ar" or "fr"); ``ValueError`` for any other (the reader never guesses)."""
    try:
        return LANG[lang]
    except (KeyError, TypeError):
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANG))}, not {lang!r}") from None


def find_numbers(text: str, lang: str = "ar") -> list[NumberMatch]:
    """Every number in ``text``, in order, each with its value, offsets, verbatim text and qualifier.

    ``lang`` is the language of the text, "ar" or "fr" (anything else: ``ValueError``). An expression that
    cannot be read whole is a match with ``value=None`` and a ``reason``.
    """
    reader = grammar(lang)
    if not isinstance(text, str):
        return reader.find_numbers(text)  # the grammar says what is wrong with it
    return list(_found(text, reader.lang))


@lru_cache(maxsize=16384)
def _found(text: str, lang: str) -> tuple[NumberMatch, ...]:
    """The matches of one text, read once per process: a press quote is read by the quantity reader for its
    place, its qualifier and its unit, and by the loaders again (matches are immutable, so they can be shared)."""
    return tuple(LANG[lang].find_numbers(text))


def parse_number(text: str, lang: str = "ar") -> int | float:
    """The value of ``text``, which must be one number (qualifier, sign and percent words allowed).

    Raises ``NumberError`` (a ``ValueError``) for anything else, naming the first word that is not part of the
    number, or the reason the number cannot be read whole.
    """
    if not isinstance(text, str):
        raise NumberError(f"not a text: {type(text).__name__}")
    reader = grammar(lang)
    return parse_one(reader.find_numbers(text), text, reader.word_spans(text))


def find_dates(text: str, lang: str = "ar") -> list[DateMatch]:
    """Every date, date range, month or year ("سنة 2025") in ``text`` with its ISO form.

    Ranges: "من 17 إلى 21 ماي 2025", "17-21 ماي 2025", "من 30 يونيو إلى 2 يوليوز 2025", across a year end
    "من 29 دجنبر إلى 2 يناير 2026" (2025-12-29/2026-01-02). A date that does not exist or a range that ends
    before it starts is returned with ``iso == ""`` and the ``reason``.
    """
    return grammar(lang).find_dates(text)


def parse_date(text: str, lang: str = "ar") -> str:
    """The ISO 8601 form of ``text``, which must be one valid date, date range, month or year; ``NumberError``
    (a ``ValueError``) otherwise."""
    if not isinstance(text, str):
        raise NumberError(f"not a text: {type(text).__name__}")
    stripped = text.strip()
    found = find_dates(stripped, lang)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        if not found[0].iso:
            raise NumberError(f"not a date: {text!r}: {found[0].reason}")
        return found[0].iso
    raise NumberError(f"not a date: {text!r}")
