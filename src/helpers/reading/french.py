"""The French grammar of numbers and dates, as the press writes them (``GRAMMAR``, chosen by ``lang="fr"``).

Use it through the door, helpers.reading; this module knows French only and imports neither the door nor the
Arabic grammar.

    >>> from helpers.reading import find_numbers, parse_number
    >>> parse_number("1 429 052", lang="fr"), parse_number("1,731", lang="fr"), parse_number("1,4 million", lang="fr")
    (1429052, 1.731, 1400000)
    >>> [(m.value, m.qualifier, m.percent) for m in find_numbers("plus de 12 %", lang="fr")]
    [(12, 'more_than', True)]

Digits follow the French rules (Grevisse, *Le Bon Usage*, 16th ed., § 602; Lexique des règles typographiques en
usage à l'Imprimerie nationale): thousands grouped by a space, a no-break or a thin space, or a dot ("779.008",
"779 008", "1 429 052"); the comma is always the decimal mark ("16,53 kg", "1,731 tonne" = 1.731). A dot
followed by other than three digits is read as a decimal point (English-style copy). Scale words (mille,
million(s), milliard(s)) multiply digits ("1,4 million", "331,9 millions").

Number words (Grevisse §§ 593-598: "vingt et un", "quatre-vingt-dix", "deux cents", "mille", septante/nonante)
are read by text2num's ``alpha2digit`` (a kept library: it is what people use for French), on the runs of number
words this module finds, so that offsets and qualifiers stay ours. "un"/"une" alone in running text is the
article, not a number ("un million" is read; a text that is only "un" is 1). Ordinals: "premier", "sixième", "1er", "6e", "6ème" (``ordinal=True``). "six (6)" is one
match with the value 6 (words and digits that disagree make the whole unread).

A number of whole thousands written with a group separator, "et" and up to three plain digits is one number:
"45 000 et 829" is 45,829, "82.000 et 950" 82,950 (the French copy of the Arabic "45 ألف و829"; not after "entre",
where it is a range, nor when more digits or a scale word follow).

Qualifiers are read from the words before the number (see ``QUALIFIER_PHRASES``), also after an elided "d'"
("une baisse d'environ 19 %"); "au moins" and "pas moins de" are lower bounds that include the value, and "au
plus", "pas plus de", "ne dépassant pas" upper bounds: the schema has no at_least/at_most, so they are more_than
and less_than. "à peine" (barely) is read as only: the value is exact and stressed as small. "en plus de 65
véhicules" is "in addition to": no qualifier. Verbs a few words before the number ("n'ont pas dépassé la barre de
4 %") are read by helpers.quantities. Percent: "%", " %", "pour cent", "pour-cent", "p. 100", "p.100".
"""
from __future__ import annotations

import re
from fractions import Fraction

from text_to_num import alpha2digit

from helpers.reading.dates import scan_dates
from helpers.reading.match import (
    DIGIT_CHUNK,
    DIGITS,
    DateMatch,
    Grammar,
    NumberMatch,
    exact_value,
    merge_parenthesised,
    read_digits,
)

__all__ = ["GRAMMAR", "QUALIFIER_PHRASES"]

_UNIT_WORDS = ("zéro zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
               "seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent cents")
_SCALE_WORDS = {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
_BILLION = {"billion": 10**12, "billions": 10**12}  # the French billion (long scale); text2num does not know it
_ORDINAL_WORDS = {"premier", "première", "premiere", "premiers", "premières", "unième"} | {
    stem + "ième" for stem in ("deux", "trois", "quatr", "cinqu", "six", "sept", "huit", "neuv", "dix", "onz",
                               "douz", "treiz", "quatorz", "quinz", "seiz", "vingt", "trent", "quarant",
                               "cinquant", "soixant", "septant", "nonant", "cent", "mill", "million",
                               "milliard")}
_ORDINAL_WORDS |= {w + "s" for w in _ORDINAL_WORDS if w.endswith("ième")}
_NUMBER_WORDS = set(_UNIT_WORDS.split()) | set(_SCALE_WORDS) | _ORDINAL_WORDS
_INSIDE_WORDS = {"et", "virgule"}  # only between two number words: "vingt et un", "trois virgule cinq"
_ORDINAL_SUFFIX = {"er", "re", "ère", "e", "ème", "eme", "è", "nd", "nde", "ers", "res", "ères", "es", "èmes"}

_TOKEN_RE = re.compile(
    rf"(?P<number>{DIGIT_CHUNK})"
    r"|(?P<word>[^\W\d_]+['’]?)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>.)",
    re.S,
)

_PERCENT_RE = re.compile(r"\s?(?:%|٪|﹪|％|pour[ -]cent\b|pourcent\b|p\.\s?100(?![\d]))", re.I)
_A2D_NUMBER = re.compile(r"(\d+(?:,\d+)?)(ème|èmes|er|ère|ers|ères)?")


def _phrases(*forms: str) -> list[str]:
    return list(forms)


QUALIFIER_PHRASES: dict[str, str] = {
    **{p: "about" for p in _phrases("près de", "près d'", "environ", "quelque", "quelques", "approximativement",
                                     "autour de", "autour d'", "avoisinant", "avoisinant les", "aux alentours de",
                                     "de l'ordre de", "de l'ordre d'")},
    **{p: "more_than" for p in _phrases("plus de", "plus d'", "au moins", "pas moins de", "pas moins d'",
                                         "au-delà de", "au-delà d'", "au delà de", "dépassant", "dépasse",
                                         "dépassent", "dépassant les", "supérieur à", "supérieure à",
                                         "supérieurs à", "supérieures à")},
    **{p: "less_than" for p in _phrases("moins de", "moins d'", "ne dépassant pas", "ne dépasse pas",
                                         "ne dépassent pas", "pas plus de", "pas plus d'", "au plus",
                                         "inférieur à", "inférieure à", "inférieurs à", "inférieures à")},
    **{p: "only" for p in _phrases("seulement", "uniquement", "à peine")},
}
# A qualifier starts a word, also after an elided "d'" or "qu'" ("une baisse d'environ 19 %": the elision of "de"
# before a vowel, Grevisse, Le Bon Usage).
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(«\"'’]))(?P<q>" + "|".join(re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+")
                                           for p in sorted(QUALIFIER_PHRASES, key=len, reverse=True))
    + r")\s*$", re.I)
_ONLY_AFTER_RE = re.compile(r"\s+(?:seulement|uniquement)\b", re.I)
# "en plus de 65 véhicules" is "in addition to 65 vehicles" (the locution "en plus de"), not a lower bound.
_EN_PLUS_RE = re.compile(r"(?:^|(?<=[\s(«\"]))en\s+$", re.I)
# "45 000 et 829": a number of whole thousands, "et" and up to three digits is one number (45,829), as the French
# copy of an Arabic "45 ألف و829" writes it; see _thousands_and.
_ZERO_GROUP_RE = re.compile(r"[.\s\u00a0\u202f\u2009]000$")


class _Tok:
    __slots__ = ("kind", "text", "start", "end", "low", "gap")

    def __init__(self, kind, text, start, end, gap):
        self.kind, self.text, self.start, self.end, self.gap = kind, text, start, end, gap
        self.low = text.lower().replace("’", "'")


def _tokenize(text: str) -> list[_Tok]:
    tokens, gap = [], ""
    for m in _TOKEN_RE.finditer(text):
        if m.lastgroup == "space":
            gap = m.group()
            continue
        tokens.append(_Tok(m.lastgroup, m.group(), m.start(), m.end(), gap))
        gap = ""
    return tokens


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every word, number and sign of ``text`` (for error messages)."""
    return [(t.start, t.end, t.text) for t in _tokenize(text)]


def _same_line(tok: _Tok) -> bool:
    return "\n" not in tok.gap and "\r" not in tok.gap


def _word_run(tokens: list[_Tok], i: int) -> int:
    """Index of the last token of the run of number words starting at i (hyphens, "et", "virgule" inside)."""
    last = i
    j = i + 1
    while j < len(tokens) and _same_line(tokens[j]) and tokens[last].low not in _ORDINAL_WORDS:
        tok = tokens[j]
        if tok.kind == "punct" and tok.text == "-" and not tok.gap and j + 1 < len(tokens) and \
                not tokens[j + 1].gap:
            j += 1  # quatre-vingt-dix, vingt-et-un
        elif tok.kind == "word" and tok.low in _INSIDE_WORDS:
            j += 1  # vingt et un, trois virgule cinq: only if a number word follows
        elif tok.kind == "word" and tok.low in _NUMBER_WORDS:
            last = j
            j += 1
        else:
            break
    return last


def _read_words(text: str, tokens: list[_Tok], i: int, last: int) -> tuple[Fraction, bool, int] | None:
    """(value, ordinal, last token) of the longest prefix of tokens[i:last+1] that text2num reads as one number."""
    ends = [k for k in range(last, i - 1, -1) if tokens[k].low in _NUMBER_WORDS]
    for k in ends:
        converted = alpha2digit(text[tokens[i].start:tokens[k].end], "fr", threshold=0).strip()
        m = _A2D_NUMBER.fullmatch(converted)
        if m:
            return Fraction(m.group(1).replace(",", ".")), bool(m.group(2)), k
    return None


def _scale_after(tokens: list[_Tok], k: int) -> tuple[int, int] | None:
    if k + 1 < len(tokens) and _same_line(tokens[k + 1]) and tokens[k + 1].low in _SCALE_WORDS:
        return _SCALE_WORDS[tokens[k + 1].low], k + 1
    return None


def _is_sign(tokens: list[_Tok], i: int, signs: str) -> bool:
    if i == 0 or tokens[i].gap:
        return False
    sign = tokens[i - 1]
    if sign.kind != "punct" or sign.text not in signs:
        return False
    before = tokens[i - 2] if i > 1 else None
    return before is None or (before.kind == "punct" and before.text not in "-\u2212+") or \
        (bool(sign.gap) and before.kind != "number")


def _thousands_and(tokens: list[_Tok], i: int) -> tuple[Fraction, int] | None:
    """(the part after "et", its token) for "45 000 et 829", "82.000 et 950": digits of whole thousands written
    with a group separator, "et", then one to three plain digits on the same line (the units of the same number).
    Not after "entre" (a range: "entre 1 000 et 500") and not when a scale word or more digits follow."""
    tok = tokens[i]
    if not tok.text.endswith("000") or i + 2 >= len(tokens) or tokens[i + 1].low != "et" or \
            not _ZERO_GROUP_RE.search(tok.text) or i > 0 and tokens[i - 1].low == "entre":
        return None
    et, units = tokens[i + 1], tokens[i + 2]
    if et.low != "et" or units.kind != "number" or not units.text.isdigit() or len(units.text) > 3 or \
            not _same_line(et) or not _same_line(units):
        return None
    if i + 3 < len(tokens) and _same_line(tokens[i + 3]) and (tokens[i + 3].low in _SCALE_WORDS or
                                                               tokens[i + 3].kind == "number"):
        return None
    return Fraction(int(units.text)), i + 2


def find_numbers_fr(text: str) -> list[NumberMatch]:
    """Every number in French ``text`` (see the module's docstring)."""
    tokens = _tokenize(text)
    matches: list[NumberMatch] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        value: Fraction | None = None
        reason, ordinal = "", False
        if tok.kind == "number":
            value, reason, ambiguous = read_digits(tok.text, "fr")
            if tok.text == "100" and i > 0 and (tokens[i - 1].low == "pour" or
                                                (tokens[i - 1].text == "." and i > 1 and tokens[i - 2].low == "p")):
                i += 1  # the 100 of "pour 100", "p. 100"
                continue
            last = i
            scaled = _scale_after(tokens, i) if value is not None else None
            if scaled is None and value is not None and i + 1 < n and _same_line(tokens[i + 1]) and \
                    tokens[i + 1].low in _BILLION:
                scaled = (10**12, i + 1)
            if scaled is not None:
                if ambiguous:
                    value, reason = None, (f"{tok.text!r} before {tokens[scaled[1]].text!r} may be a decimal or "
                                           f"grouped thousands")
                else:
                    value = value * scaled[0]
                last = scaled[1] if scaled else last
            elif value is not None and i + 1 < n and not tokens[i + 1].gap and \
                    tokens[i + 1].low in _ORDINAL_SUFFIX:
                ordinal, last = True, i + 1  # 1er, 6e, 6ème
            elif value is not None:
                joined = _thousands_and(tokens, i)
                if joined is not None:
                    value, last = value + joined[0], joined[1]
        elif tok.kind == "word" and tok.low in _NUMBER_WORDS:
            if tok.low == "cent" and i > 0 and tokens[i - 1].low in ("pour",):
                i += 1
                continue
            run_last = _word_run(tokens, i)
            if tok.low in ("un", "une") and run_last == i and len(tokens) > 1 and \
                    not (i + 1 < n and tokens[i + 1].low in _BILLION):
                i += 1  # the article ("un" alone as the whole text is the number 1)
                continue
            read = _read_words(text, tokens, i, run_last)
            if read is None:
                i += 1
                continue
            value, ordinal, last = read
            if not ordinal and last + 1 < n and _same_line(tokens[last + 1]) and tokens[last + 1].low in _BILLION:
                value, last = value * 10**12, last + 1
                if last + 1 < n and _same_line(tokens[last + 1]) and tokens[last + 1].low in _NUMBER_WORDS:
                    value, reason = None, "numbers above a billion (10**12) written in words are not read"
                    last = _word_run(tokens, last + 1)
            elif tok.low in ("un", "une") and last == i and len(tokens) > 1:
                i += 1
                continue
        else:
            i += 1
            continue
        first = i
        if _is_sign(tokens, i, "-\u2212") and tok.kind == "number":
            first = i - 1
            value = -value if value is not None else None
        elif _is_sign(tokens, i, "+") and tok.kind == "number":
            first = i - 1
        start = tokens[first].start
        # a qualifier phrase the previous number already took ("quatre-vingt seulement 0") is not this one's
        floor = matches[-1].end if matches else 0
        before = _QUALIFIER_RE.search(text, max(0, floor, start - 40), start)
        if before and before.group("q").lower().startswith("plus d") and \
                _EN_PLUS_RE.search(text, max(0, floor, before.start("q") - 10), before.start("q")):
            before = None  # en plus de: in addition to
        qualifier = "exact"
        if before:
            qualifier = QUALIFIER_PHRASES[re.sub(r"\s+", " ", before.group("q").lower().replace("’", "'"))]
            start = before.start("q")
        end = tokens[last].end
        percent = _PERCENT_RE.match(text, end)
        if percent:
            end = percent.end()
        if qualifier == "exact":
            only = _ONLY_AFTER_RE.match(text, end)
            if only:
                qualifier, end = "only", only.end()
        if value is None:
            out, why = None, reason
        else:
            out, why = exact_value(value)
        matches.append(NumberMatch(out, start, end, text[start:end], qualifier, ordinal, why, percent is not None))
        while i < n and tokens[i].start < end:
            i += 1
    return merge_parenthesised(text, matches)


# ---------------------------------------------------------------------------------------------------------------
# Dates: "24 décembre 2024", "1er mai 2025", "du 17 au 21 mai 2025", "17-21 mai 2025", "mai 2025", "en 2025".
_MONTHS_FR = {name: i for i, names in enumerate(
    ["janvier", "février fevrier", "mars", "avril", "mai", "juin", "juillet", "août aout", "septembre",
     "octobre", "novembre", "décembre decembre"], start=1) for name in names.split()}
_M = r"(?:" + "|".join(sorted(_MONTHS_FR, key=len, reverse=True)) + r")\b"
_D = rf"(?<![{DIGITS}])[{DIGITS}]{{1,2}}(?:er)?(?![{DIGITS}])"
_Y = rf"[{DIGITS}]{{4}}(?![{DIGITS}])"


def _to(n: int) -> str:  # "et" joins a range only after "entre"
    return rf"\s*(?:au|à|jusqu'au|-|–|(?(b{n})et(?:\s+le)?))\s*"


def _from(n: int) -> str:
    return rf"(?:\b(?:du|(?P<b{n}>entre(?:\s+le)?))\s+)?"


_DATE_FR = re.compile(
    rf"(?P<range2>{_from(1)}(?P<d1>{_D})\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?{_to(1)}"
    rf"(?P<d2>{_D})\s+(?P<m2>{_M})\s+(?P<y2>{_Y}))"
    rf"|(?P<range1>{_from(2)}(?P<d3>{_D}){_to(2)}(?P<d4>{_D})\s+(?P<m3>{_M})\s+(?P<y3>{_Y}))"
    rf"|(?P<day>(?P<d5>{_D})\s+(?P<m5>{_M})\s+(?P<y5>{_Y}))"
    rf"|(?P<month>(?P<m6>{_M})\s+(?P<y6>{_Y}))"
    rf"|(?P<year>\b(?:en|année|l'année|l’année)\s+(?P<y7>{_Y}))",
    re.I,
)


def find_dates_fr(text: str) -> list[DateMatch]:
    """Every date, date range, month or year ("en 2025") in French ``text`` with its ISO form."""
    return scan_dates(_DATE_FR, _MONTHS_FR, text)


GRAMMAR = Grammar(lang="fr", find_numbers=find_numbers_fr, find_dates=find_dates_fr, word_spans=word_spans)
