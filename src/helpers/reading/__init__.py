"""Reading: text to numbers. Numbers, dates and quantities as the Arabic and French press write them.

Its job is text in, values out: no files, no pandas, nothing of the collection's data. It imports only the
standard library and text2num, never another subpackage of helpers.

    match       NumberMatch, DateMatch, NumberError, Grammar, and the digit rules both grammars share
    dates       the ISO form of a matched date or range, shared by both grammars
    arabic      the Arabic grammar (GRAMMAR; ``normalise`` for Arabic word lookup)
    french      the French grammar (GRAMMAR), on top of text2num
    numbers     the one door: find_numbers, parse_number, find_dates, parse_date, choosing LANG[lang]
    quantities  value, unit, qualifier and direction of one figure in a press quote

The door is re-exported here: ``from helpers.reading import find_numbers, parse_number``.
"""
from helpers.reading.match import DateMatch, NumberError, NumberMatch
from helpers.reading.numbers import LANG, find_dates, find_numbers, parse_date, parse_number

__all__ = ["LANG", "DateMatch", "NumberError", "NumberMatch", "find_dates", "find_numbers", "parse_date",
           "parse_number"]
