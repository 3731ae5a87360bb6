"""The Arabic grammar of numbers and dates, as the press writes them (``GRAMMAR``, chosen by ``lang="ar"``).

Use it through the door, helpers.reading (``find_numbers(text, lang="ar")``, ``parse_number``, ``find_dates``,
``parse_date``); this module knows Arabic only and imports neither the door nor the French grammar.

    >>> from helpers.reading import find_numbers, parse_number
    >>> parse_number("مليون و268 ألف و153", "ar")
    1268153
    >>> [(m.value, m.qualifier) for m in find_numbers("حوالي مليونين و400 ألف زائر", "ar")]
    [(2400000, 'about')]
    >>> [(m.value, m.percent, m.text) for m in find_numbers("بنسبة 12 في المئة", "ar")]
    [(12, True, '12 في المئة')]

Nothing partial, ever: an expression that cannot be read whole is returned as a match with ``value=None`` and the
reason, never as a smaller number; ``parse_number`` raises ``ValueError`` (``NumberError``) for it.

Why by hand: pyarabic's ``text2number`` and arabic-itn read words only and misread the mixed digit-and-word
forms the Moroccan press uses ("مليون و268 ألف و153" -> 1,001,000 and 1,000,000; see benchmarks/), and neither
reports offsets, qualifiers or what it could not read. The reader below works on tokens (digit runs, Arabic words,
punctuation) so that numbers glued to words ("من200", "الأمن97", "بـ391") are found, and it joins the parts of one
number only where Arabic grammar allows it (after a scale word or a hundred, or a unit before its tens), so
"1973 و4386" stays two numbers. The grammar followed is W. Wright, *A Grammar of the Arabic Language* (3rd ed.),
vol. I §§ 316-331 (numerals) and K. C. Ryding, *A Reference Grammar of Modern Standard Arabic* (2005), ch. 15.
Choices where the grammar allows two readings (documented as the press means them):

- "ألفا" without tanween after a multiplier is the accusative singular ("32 ألفا" = 32,000); alone it is the dual
  in construct when its noun follows ("ألفا شخص" = 2,000) and the accusative singular before "و" and the next part
  or before من ("مليونا و153 ألفا و741" = 1,153,741: a dual in construct is followed by its noun, never by "و");
  anywhere else alone ("بلغ عددهم مليونا") it is unread. "ألفاً" with tanween is always the singular. The oblique
  dual in construct "ألفي"/"مليوني" before its noun is two ("أكثر من مليوني زائر" = more than 2,000,000).
- a scale followed by a bigger scale multiplies ("ألف مليار" = 10**12); بليون is 10**9 (= مليار), تريليون 10**12.
- "ونصف"/"وربع"/"وثلث" after a number adds that fraction of its last scale ("مليونان ونصف" = 2,500,000,
  "مليون ونصف المليون" = 1,500,000, "ثلاثة ونصف" = 3.5); "نصف مليار" is 500,000,000. "نصف" alone is no number.
- three digits after a scale word without "و" continue the number ("44 ألف 906" = 44,906: the press drops the "و").
- the formal style: a scale repeated after a round hundred of it adds to it ("مائة ألف وألف" = 101,000), and an
  Arabic comma may stand before the "و" of the next group of a number all in words ("مائة مليون، ومائة ألف، ومائة"
  = 100,100,100).
- the cardinal with the article ("الثمانية", "التسع") is a cardinal; "الاثنا عشر" (the cardinal teen with the
  article, as the press writes "الدورة الاثنا عشر") is read as the ordinal 12, as is "الواحد والعشرين".
  الاثنين and الأحد alone are weekdays, not numbers. Ordinals without the article ("رابع", "سادسة") are read,
  except "ثانية" (also "a second") and "أولى"/"أولي" (also "primary"). Above a hundred: "الحادي والعشرون بعد
  المئة" = 121st ("بعد" and the hundreds or thousands with the article).
- percent: "12 %", "12%", "١٢٪", "12 في المائة/المئة", "12 بالمائة/بالمئة", Darija "14 فالمية" are one match with
  ``percent=True``, and so is a sign typed before the digits ("%30،22", as it shows right to left).
- the Arabic comma between digits is a decimal mark ("6،59 بالمائة" = 6.59) or, before three digits, groups
  thousands, like the comma (helpers.reading.match.read_digits); "2019،2020" (four digits after it) is two numbers.
- signs: "-0,5", "−24 %" (a minus glued to the digits, not after another number: "17-21" is a range), "ناقص 4",
  "سالب 4" (not after a number: "10 ناقص 4" is a subtraction) give negative values.
- "فاصلة" in words is the decimal point ("ثلاثة فاصلة اثنان" = 3.2, "اثنان فاصلة صفر خمسة" = 2.05); decimals read
  aloud as "x out of" a power of ten are one number ("ستة وثمانية وثمانون من مئة" = 6.88), split at the rightmost
  "و" that leaves both parts whole without cutting a unit from its tens; "ثمانية وثمانون من مئة" stays 88 and 100.
- a preposition glued to a numeral word is not part of it ("بألف", "لثلاثة"); ".77" after a space is 0.77.
- a number in words followed by the same number in digits in brackets ("ستة (6)") is one match; if they
  disagree, the whole is unread.

Unread (``value=None``, with the reason): a dot or comma before three digits followed by a scale word ("1.250
مليون": 1.25 or 1,250 million), "مليونا" alone with neither its noun nor "و" after it (one or two?), "مليوني و..."
(a dual in construct without its noun), digits grouped irregularly ("17.05.2025"), numeral words that cannot follow each
other ("مليونان ثلاثمائة"), a fraction without a finite decimal ("ثلث مليون"), words and bracketed digits that
disagree ("ستة (7)"), runs of more than 1,000 digits. Not numbers at all: a dual noun ("شخصان"), "نصف" alone, the
weekdays الاثنين and الأحد, ثانية (a second), a plural scale without a multiplier ("آلاف الزوار").

Qualifiers (the schema's enum in data/datapackage.json, field ``qualifier``) are read from the words directly
before the number, with a glued و ف ب ل ك allowed on the first word ("بحوالي 12 %", "وأكثر من", "ولم يتجاوز"), or
و/ف followed by ب ل ك ("وبأكثر من 40 بالمائة"), or after it for "only" (فقط، فحسب). A negated verb of exceeding is
an upper bound ("لم تتخط 4"), a negated "يقل عن" a lower bound ("لا يقل عن 5"). See ``QUALIFIER_PHRASES``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from helpers.reading.dates import scan_dates
from helpers.reading.match import (
    DIGIT_CHUNK_AR,
    DIGITS,
    DateMatch,
    Grammar,
    NumberMatch,
    exact_value,
    merge_parenthesised,
    read_digits,
)

__all__ = ["GRAMMAR", "QUALIFIER_PHRASES", "normalise"]

# ---------------------------------------------------------------------------------------------------------------
# Normalisation: matching is done on a normalised copy of each word (no diacritics or tatweel, one alef, final
# yaa), while offsets always refer to the original text.
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_TANWEEN_FATH = "\u064b"


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """The lookup form of an Arabic word: no diacritics or tatweel; alefs, alef maqsura and taa marbuta unified."""
    return _DIACRITICS.sub("", word).translate(_LETTERS)


# ---------------------------------------------------------------------------------------------------------------
# Lexicon, in normalised spelling (Wright I §§ 316-331; Ryding ch. 15). Kinds:
#   unit 1-9 · ten (عشر/عشرة, 10, also the second word of 11-19) · tens 20-90 · hundred 100-900 · zero
#   scale (value = the scale) with a form: sing | dual | plural | alef (ألفا/مليونا: the nominative dual in
#   construct when its noun follows, else the accusative singular) | construct (ألفي/مليوني: the oblique dual in
#   construct, a number only when its noun follows) | article (المليون: only after a fraction)
#   fraction (نصف ربع ثلث ثلثا) · ordinal units 1-10 · ordinal tens · ordinal hundred
#   A unit may need عشر after it (الاثنا, الأحد: alone they are something else) or carry the article.
def _forms(*pairs):
    return {form: value for forms, value in pairs for form in forms.split()}


_UNITS = _forms(
    ("واحد واحده احد احدي", 1), ("اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي", 2), ("ثلاث ثلاثه", 3),
    ("اربع اربعه", 4), ("خمس خمسه", 5), ("ست سته", 6), ("سبع سبعه", 7), ("ثمان ثماني ثمانيه", 8), ("تسع تسعه", 9),
)
# The cardinal with the article ("the eight"): read; "الاثنا/الأحد" only before عشر (alone: a weekday).
_ARTICLE_UNITS = _forms(
    ("الثلاث الثلاثه", 3), ("الاربع الاربعه", 4), ("الخمس الخمسه", 5), ("الست السته", 6), ("السبع السبعه", 7),
    ("الثمان الثماني الثمانيه", 8), ("التسع التسعه", 9),
)
_NEEDS_TEN = _forms(("الاحد الاحدي الواحد الواحده", 1), ("الاثنا الاثني الاثنتا الاثنتي", 2))
_TENS = _forms(
    ("عشرون عشرين", 20), ("ثلاثون ثلاثين", 30), ("اربعون اربعين", 40), ("خمسون خمسين", 50), ("ستون ستين", 60),
    ("سبعون سبعين", 70), ("ثمانون ثمانين", 80), ("تسعون تسعين", 90),
)
_HUNDREDS = _forms(("مائه مئه", 100), ("مائتان مائتين مئتان مئتين مائتا مئتا مائتي مئتي", 200))
for _unit, _value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8),
                      ("تسع", 9)):
    _HUNDREDS[_unit + "مائه"] = _HUNDREDS[_unit + "مئه"] = _value * 100
_SCALES: dict[str, tuple[int, str]] = {}
for _sing, _dual, _alef, _oblique, _plural, _scale in (
    ("الف", "الفان الفين", "الفا", "الفي", "الاف الوف", 10**3),  # ألوف: the plural of multitude (Wright I)
    ("مليون", "مليونان مليونين", "مليونا", "مليوني", "ملايين", 10**6),
    ("مليار", "ملياران مليارين", "مليارا", "ملياري", "مليارات", 10**9),
    ("بليون", "بليونان بليونين", "بليونا", "بليوني", "بلايين", 10**9),
    ("تريليون", "تريليونان تريليونين", "تريليونا", "تريليوني", "تريليونات", 10**12),
    ("ترليون", "ترليونان ترليونين", "ترليونا", "ترليوني", "ترليونات", 10**12),
    ("كوادريليون", "كوادريليونان كوادريليونين", "كوادريليونا", "كوادريليوني", "كوادريليونات", 10**15),
):
    _SCALES[_sing] = (_scale, "sing")
    _SCALES[_alef] = (_scale, "alef")
    _SCALES[_oblique] = (_scale, "construct")
    for _p in _plural.split():
        _SCALES[_p] = (_scale, "plural")
    for _d in _dual.split():
        _SCALES[_d] = (_scale, "dual")
    if _sing != "الف":  # الألف is also the letter alif
        _SCALES["ال" + _sing] = (_scale, "article")
_FRACTIONS = {"نصف": Fraction(1, 2), "ربع": Fraction(1, 4), "ثلث": Fraction(1, 3), "ثلثا": Fraction(2, 3),
              "ثلثي": Fraction(2, 3)}
_ORDINAL_UNITS = _forms(
    ("الاول الاولي الحادي الحاديه", 1), ("الثاني الثانيه الثان", 2), ("الثالث الثالثه", 3), ("الرابع الرابعه", 4),
    ("الخامس الخامسه", 5), ("السادس السادسه", 6), ("السابع السابعه", 7), ("الثامن الثامنه", 8),
    ("التاسع التاسعه", 9), ("العاشر العاشره", 10),
)
# Without the article ("رابع مرة", "سادسة"); not ثانية (also "a second") nor أولى/أولي (also "primary").
_BARE_ORDINAL_UNITS = _forms(
    ("اول حادي حاديه", 1), ("ثاني ثان", 2), ("ثالث ثالثه", 3), ("رابع رابعه", 4), ("خامس خامسه", 5), ("سادس سادسه", 6),
    ("سابع سابعه", 7), ("ثامن ثامنه", 8), ("تاسع تاسعه", 9), ("عاشر عاشره", 10),
)
_ORDINAL_TENS = {"ال" + form: value for form, value in _TENS.items()}
_ORDINAL_HUNDRED = {"المائه": 100, "المئه": 100}
# one word; and "في" + one of _PERCENT_AFTER_FI. Darija writes "في المية" as one word: "14 فالمية".
_PERCENT_WORDS = {"بالمائه", "بالمئه", "بالميه", "فالميه", "فالمائه", "فالمئه"}
_PERCENT_AFTER_FI = {"المائه", "المئه", "الميه"}
_PERCENT_SIGNS = {"%", "٪", "﹪", "％"}
_DECIMAL_WORDS = {"فاصله", "فاصل"}
_MINUS_WORDS = {"ناقص", "سالب"}
_PREFIXES = "وفبلك"  # conjunctions and prepositions glued to a word
# A conjunction and a preposition glued together before a qualifier ("وبأكثر من", "فبحوالي").
_DOUBLE_PREFIXES = tuple(c + p for c in "وف" for p in "بلك")


@dataclass(frozen=True)
class _Word:
    kind: str  # unit ten tens hundred zero scale fraction ord_unit ord_tens ord_hundred
    value: int | Fraction
    form: str = ""  # scale form: sing dual plural alef article
    article: bool = False  # a unit with the article (الثمانية): starts a number, never continues one
    needs_ten: bool = False  # counts only before عشر/عشرة
    bare: bool = False  # an ordinal without the article


@lru_cache(maxsize=65536)
def _lookup_cached(norm: str, tanween: bool) -> _Word | None:
    if norm in _UNITS:
        return _Word("unit", _UNITS[norm])
    if norm in ("عشر", "عشره"):
        return _Word("ten", 10)
    if norm in _TENS:
        return _Word("tens", _TENS[norm])
    if norm in _HUNDREDS:
        return _Word("hundred", _HUNDREDS[norm])
    if norm == "صفر":
        return _Word("zero", 0)
    if norm in _SCALES:
        scale, form = _SCALES[norm]
        if form == "alef" and tanween:  # ألفاً: written accusative singular, never the dual
            form = "sing"
        return _Word("scale", scale, form)
    if norm in _FRACTIONS:
        return _Word("fraction", _FRACTIONS[norm])
    if norm in _ORDINAL_UNITS:
        return _Word("ord_unit", _ORDINAL_UNITS[norm])
    if norm in _ORDINAL_TENS:
        return _Word("ord_tens", _ORDINAL_TENS[norm])
    if norm in _ORDINAL_HUNDRED:
        return _Word("ord_hundred", 100)
    if norm in _ARTICLE_UNITS:
        return _Word("unit", _ARTICLE_UNITS[norm], article=True)
    if norm in _NEEDS_TEN:
        return _Word("unit", _NEEDS_TEN[norm], article=True, needs_ten=True)
    if norm in _BARE_ORDINAL_UNITS:
        return _Word("ord_unit", _BARE_ORDINAL_UNITS[norm], bare=True)
    if tanween and norm.endswith("ا") and len(norm) > 2:  # وثمانونًا: the tanween's alef on a tens word
        word = _lookup_cached(norm[:-1], False)
        if word is not None and word.kind in ("tens", "unit", "hundred"):
            return word
    return None


def _lookup(norm: str, raw: str) -> _Word | None:
    return _lookup_cached(norm, _TANWEEN_FATH in raw)


# ---------------------------------------------------------------------------------------------------------------
# Tokens: digit numbers, Arabic words, other words, punctuation.
_TOKEN_RE = re.compile(  # the whitespace before a token, then the token: Arabic words first, they are most of the text
    r"(?P<gap>\s*)(?:"
    r"(?P<arabic>[\u0620-\u065f\u0670-\u06d3\u06fa-\u06ff]+)"
    rf"|(?P<number>{DIGIT_CHUNK_AR})"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+)"
    r"|(?P<punct>\S))",
    re.S,
)


@dataclass(slots=True)
class _Token:
    kind: str  # number arabic latin punct
    text: str
    start: int
    end: int
    norm: str = ""
    number: Fraction | None = None
    gap_before: str = ""  # whitespace between the previous token and this one
    word: _Word | None = None  # the numeral this Arabic word is, if any
    reason: str = ""  # why a digit chunk cannot be read
    ambiguous: bool = False  # one dot or comma before three digits: ambiguous before a scale word


@lru_cache(maxsize=65536)
def _analyse(word: str) -> tuple[str, int, _Word | None]:
    """(normalised form, length of a glued prefix, the numeral after it) of an Arabic word, cached."""
    norm = normalise(word)
    if not norm:
        return norm, 0, None
    return (norm, *_split_prefix(word, norm))


def _split_prefix(word: str, norm: str) -> tuple[int, _Word | None]:
    """(length of a glued prefix, the numeral after it) for words such as وتسعمائة, وإحدى, بخمسة, لثلاثة."""
    whole = _lookup(norm, word)
    if norm[0] == "و" and len(norm) > 2:
        rest = _lookup(norm[1:], word[1:])
        # "وأحد"/"وإحدى" with a hamza is و + أحد; "واحد" without it is the unit one
        if rest is not None and (whole is None or word[1] in "أإ"):
            return 1, rest
    if whole is not None:
        return 0, whole
    if norm[0] in _PREFIXES and len(norm) > 3 and not _DIACRITICS.sub("", word).startswith("ال", 1):
        # بخمسة, لثلاثة, بألف (not بالمائة: the article after a preposition is no numeral's)
        rest = _lookup(norm[1:], word[1:])
        if rest is not None and rest.kind not in ("ord_unit",):
            return 1, rest
    return 0, None


def _tokenize(text: str, lang: str = "ar") -> list[_Token]:
    tokens: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "gap":  # trailing whitespace
            continue
        word, start, end, gap = m.group(kind), m.start(kind), m.end(), m.group(1)
        if kind == "arabic":
            norm, cut, numeral = _analyse(word)
            if cut:
                # the conjunction or preposition becomes a token of its own, glued to the numeral
                tokens.append(_Token("arabic", word[:cut], start, start + cut, norm=norm[:cut], gap_before=gap))
                tok = _Token("arabic", word[cut:], start + cut, end, norm=norm[cut:], word=numeral)
            else:
                tok = _Token("arabic", word, start, end, norm=norm, gap_before=gap, word=numeral)
        elif kind == "number":
            value, reason, ambiguous = read_digits(word, lang)
            tok = _Token("number", word, start, end, number=value, gap_before=gap, reason=reason,
                         ambiguous=ambiguous)
        else:
            tok = _Token(kind, word, start, end, gap_before=gap)
        tokens.append(tok)
    return tokens


# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Part:
    """One component of a number: a digit number or a numeral word, and whether a 'و' joined it to the previous."""

    word: _Word | None  # None for digits
    number: Fraction | None
    first: int  # index of the first token (the 'و' token when the conjunction stands alone)
    last: int  # index of the token holding the number
    conj: bool


def _joined(tokens: list[_Token], i: int) -> bool:
    """Whether token i follows the previous one on the same line (only spaces between them)."""
    return "\n" not in tokens[i].gap_before and "\r" not in tokens[i].gap_before


def _part_at(tokens: list[_Token], i: int) -> _Part | None:
    """The number component starting at token i, if any (a leading 'و' is read as a conjunction)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.kind == "number":
        return _Part(None, tok.number, i, i, False) if tok.number is not None else None
    if tok.kind != "arabic":
        return None
    if tok.word is not None:
        return _Part(tok.word, None, i, i, False)
    if tok.norm == "و" and i + 1 < len(tokens) and _joined(tokens, i + 1):
        inner = _part_at(tokens, i + 1)
        if inner is not None and not inner.conj:
            return _Part(inner.word, inner.number, i, inner.last, True)
    return None


def _next_part(tokens: list[_Token], last: int) -> _Part | None:
    """The component right after token ``last`` on the same line, if any."""
    if last + 1 < len(tokens) and _joined(tokens, last + 1):
        return _part_at(tokens, last + 1)
    return None


def _small_value(part: _Part, first: bool) -> Fraction | None:
    """Value of a part that can stand as (the start of) a group below a thousand; None for scales and ordinals."""
    if part.word is None:
        return part.number
    if part.word.kind in ("unit", "ten", "tens", "hundred", "zero") and (first or not part.word.article):
        return Fraction(part.word.value)
    return None


def _read_group(tokens: list[_Token], i: int, conj_ok: bool) -> tuple[Fraction, int, str] | None:
    """Read one group (a number below a scale: digits, or words such as 'تسعمائة وستة عشر') starting at token i.

    Returns (value, index of its last token, kind of its last component) or None. The first part may carry a
    conjunction only when ``conj_ok``.
    """
    part = _part_at(tokens, i)
    if part is None or (part.conj and not conj_ok):
        return None
    value = _small_value(part, first=not conj_ok)
    if value is None:
        return None
    last, kind = part.last, ("digits" if part.word is None else part.word.kind)
    needs_ten = part.word is not None and part.word.needs_ten
    while True:
        nxt = _next_part(tokens, last)
        if nxt is None or nxt.word is None:
            break  # digits never continue a group: "1973 و4386" are two numbers
        k = nxt.word.kind
        if not nxt.conj and kind == "unit" and k == "ten":  # ستة عشر
            value, kind, needs_ten = value + 10, "teen", False
        elif not nxt.conj and kind == "unit" and k == "hundred" and nxt.word.value == 100 and value >= 3 \
                and not needs_ten:
            value, kind = value * 100, "hundred"  # ثلاث مائة
        elif nxt.conj and kind == "hundred" and k in ("unit", "ten", "tens") and not nxt.word.article:
            value, kind = value + nxt.word.value, k  # تسعمائة وستة
        elif nxt.conj and kind == "unit" and k == "tens" and not needs_ten:  # ثلاثة وعشرون
            value, kind = value + nxt.word.value, "tens"
        else:
            break
        last = nxt.last
    if needs_ten:
        return None
    return value, last, kind


@dataclass
class _Reading:
    value: Fraction | None
    last: int
    reason: str = ""
    ordinal: bool = False


def _scale_after(tokens: list[_Token], last: int) -> tuple[int, int] | None:
    """(multiplier, last token) of one or more scale words right after token ``last`` ("ألف", "ألف مليار")."""
    nxt = _next_part(tokens, last)
    if nxt is None or nxt.conj or nxt.word is None or nxt.word.kind != "scale" or nxt.word.form == "article":
        return None
    scale, last = nxt.word.value, nxt.last
    while True:  # ألف مليار: a bigger scale right after multiplies
        more = _next_part(tokens, last)
        if more is None or more.conj or more.word is None or more.word.kind != "scale" or \
                more.word.form == "article" or more.word.value <= scale:
            return scale, last
        scale, last = scale * more.word.value, more.last


def _fraction_after(tokens: list[_Token], last: int, scale: int) -> tuple[Fraction, int] | None:
    """'ونصف' (and 'ونصف المليون' when the scale repeats) after a number whose last scale is ``scale``."""
    nxt = _next_part(tokens, last)
    if nxt is None or not nxt.conj or nxt.word is None or nxt.word.kind != "fraction":
        return None
    value, end = nxt.word.value * scale, nxt.last
    again = _next_part(tokens, end)
    if again is not None and not again.conj and again.word is not None and again.word.kind == "scale" and \
            again.word.value == scale and again.word.form in ("article", "sing"):
        end = again.last
    return value, end


# Words that cannot be the noun a dual in construct governs: particles, prepositions, the percent words.
_NOT_A_NOUN = {"من", "في", "على", "علي", "عن", "الى", "الي", "حتى", "حتي", "منذ", "خلال", "مع", "بين", "او", "ام",
               "ثم", "قد", "كما", "لا", "لم", "لن", "ما", "الذي", "التي", "الذين", "هو", "هي", "و", "ف", "ب", "ل",
               "ك", "اي", "ان", "انه", "الا", "سوي", "فقط", "فحسب", "نحو", "حوالي", "بعد", "قبل", "عند", "لدى",
               "لدي", "هذه", "هذا", "ذلك", "تلك", "وقد", "كان", "كانت"} | _PERCENT_WORDS


def _noun_after(tokens: list[_Token], last: int) -> bool:
    """Whether an Arabic noun follows token ``last`` on the same line, as the noun of a dual in construct
    ("مليونا درهم", "مليوني زائر"): a word that is no numeral, particle or preposition, and no word with a glued
    preposition and the article ("بالمغرب")."""
    k = last + 1
    if k >= len(tokens) or not _joined(tokens, k):
        return False
    tok = tokens[k]
    return tok.kind == "arabic" and tok.word is None and tok.norm not in _NOT_A_NOUN and \
        not tok.norm.startswith(("بال", "لل", "فال", "كال", "وال"))


def _scale_alone(tokens: list[_Token], part: _Part) -> tuple[Fraction | None, str]:
    """(multiplier, reason) of a scale word standing without a number before it; (None, reason) when it cannot be
    read whole, (None, "") when it is no number.

    مليون is one; مليونان/مليونين are two. مليونا without tanween is the nominative dual in construct when its
    noun follows ("مليونا درهم" = 2,000,000 dirhams), and the accusative singular, written without its tanween,
    before "و" and the next part or before من: "مليونا و153 ألفا و741" is 1,153,741 (Wright I, the dual in
    construct, and Ryding ch. 15: the construct dual drops its nuun before the counted noun, and nothing else can
    follow it: never "و").
    Anywhere else ("بلغ عددهم مليونا") it may be either and is not read. مليوني/ألفي, the oblique dual in
    construct ("أكثر من مليوني زائر" = more than 2,000,000 visitors), is a number only before its noun; before
    "و" it is a construct without its noun and is not read; elsewhere it is the adjective مليوني (a
    million-strong), no number.
    """
    form = part.word.form
    if form == "sing":
        return Fraction(1), ""
    if form == "dual":
        return Fraction(2), ""
    word = tokens[part.last].text
    if _noun_after(tokens, part.last):
        return Fraction(2), ""
    nxt = _next_part(tokens, part.last)
    conj = nxt is not None and nxt.conj
    if form == "alef":
        if conj or part.last + 1 < len(tokens) and _joined(tokens, part.last + 1) and \
                tokens[part.last + 1].norm == "من":
            return Fraction(1), ""
        return None, (f"{word!r} without its noun may be the accusative singular (one) or the dual in construct "
                      "(two)")
    if conj:
        return None, f"{word!r} is the dual in construct, which its noun follows, not {tokens[nxt.first].text!r}"
    return None, ""


def _read_cardinal(tokens: list[_Token], i: int) -> _Reading | None:
    """Read a cardinal number starting at token i: groups with scales, joined by 'و' in decreasing order.

    Two more joins of the formal style: a scale repeated after a round hundred of it adds one or two of it
    ("مائة ألف وألف" = 101,000: the hundred and one thousand that no multiplier "مائة وواحد" says), and after a
    scale word an Arabic comma may stand before the "و" of the next group when the whole number is in words
    ("مائة مليون، ومائة ألف، ومائة" = 100,100,100).
    """
    total = Fraction(0)
    bound: int | None = None  # the next group must stay below the last scale used
    last_scale = 1
    multiplier = Fraction(0)  # of the last scale used
    repeated = False
    last = None
    j = i
    while True:
        conj_ok = bound is not None
        group = _read_group(tokens, j, conj_ok)
        start_part = _part_at(tokens, j)
        scale = 1
        if group is not None:
            value, glast, _ = group
            scaled = _scale_after(tokens, glast)
            if scaled is not None:
                scale, glast = scaled
        elif start_part is not None and start_part.word and start_part.word.kind == "scale" and \
                (start_part.conj == conj_ok) and start_part.word.form in ("sing", "dual", "alef", "construct"):
            # a scale on its own: مليون (1), مليونين (2), مليونا (1 or 2), مليوني (2 before its noun); ألف مليار
            value, reason = _scale_alone(tokens, start_part)
            if value is None:
                if reason and last is None:  # مليوني و400 ألف: unread over the whole expression
                    end = start_part.last
                    nxt = _next_part(tokens, end)
                    if nxt is not None and nxt.conj:
                        rest = _read_cardinal(tokens, nxt.last)
                        end = rest.last if rest is not None else nxt.last
                    return _Reading(None, end, reason)
                break
            scale, glast = start_part.word.value, start_part.last
            more = _scale_after(tokens, glast)
            if more is not None and more[0] > scale:
                scale, glast = scale * more[0], more[1]
        elif start_part is not None and not start_part.conj and bound is None and start_part.word and \
                start_part.word.kind == "fraction":
            # نصف مليار, نصف مئة: a fraction in construct with a scale or a hundred
            scaled = _scale_after(tokens, start_part.last)
            hundred = _next_part(tokens, start_part.last)
            if scaled is None and hundred is not None and not hundred.conj and hundred.word is not None and \
                    hundred.word.kind == "hundred" and hundred.word.value == 100:
                scaled = (100, hundred.last)
            if scaled is None:
                break
            value, (scale, glast) = start_part.word.value, scaled
        else:
            break
        contribution = value * scale
        repeat = bound is not None and group is None and scale == bound and not repeated and \
            multiplier % 100 == 0 and value <= 2  # مائة ألف وألف
        if bound is not None and contribution >= bound and not repeat:
            break
        if bound is not None and scale == 1 and group is not None and tokens[group[1]].kind == "number" \
                and not start_part.conj and len(tokens[j].text) != 3:
            break  # only three digits continue after a scale without "و" ("44 ألف 906")
        total += contribution
        last = glast
        last_scale = scale
        if scale == 1:
            break  # a group without a scale ends the number
        if repeat:
            repeated, multiplier = True, multiplier + value
        else:
            repeated, multiplier = False, value
        bound = scale
        j = last + 1
        nxt = _next_part(tokens, last)
        if nxt is None:
            comma = last + 1
            if comma < len(tokens) and tokens[comma].kind == "punct" and tokens[comma].text in "،," and \
                    _joined(tokens, comma) and all(t.kind != "number" for t in tokens[i:last + 1]):
                after = _next_part(tokens, comma)
                if after is not None and after.conj and after.word is not None:
                    j = comma + 1  # مائة مليون، ومائة ألف
                    continue
            break
        if not nxt.conj and not (nxt.word is None and tokens[nxt.last].kind == "number"):
            break
    if last is None:
        return None
    fraction = _fraction_after(tokens, last, last_scale)
    if fraction is not None:
        total += fraction[0]
        last = fraction[1]
    return _Reading(total, last)


def _read_decimal_words(tokens: list[_Token], reading: _Reading) -> _Reading:
    """'ثلاثة فاصلة اثنان' (3.2), 'اثنان فاصلة صفر خمسة' (2.05), 'اثنان فاصلة خمسة مليون' (2,500,000)."""
    k = reading.last + 1
    if k >= len(tokens) or not _joined(tokens, k) or tokens[k].norm not in _DECIMAL_WORDS or \
            reading.value is None or reading.value.denominator != 1:
        return reading
    j, zeros = k + 1, 0
    while j < len(tokens) and _joined(tokens, j) and tokens[j].word is not None and tokens[j].word.kind == "zero":
        zeros, j = zeros + 1, j + 1
    group = _read_group(tokens, j, False) if j < len(tokens) and _joined(tokens, j) else None
    if group is None:
        if zeros == 0:
            return _Reading(None, k, f"no digits after {tokens[k].text!r}")
        frac_value, last = Fraction(0), j - 1
    else:
        frac_value, last, _ = group
        if frac_value.denominator != 1:
            return _Reading(None, last, "a decimal part after 'فاصلة' must be a whole number")
    digits = zeros + (len(str(int(frac_value))) if frac_value else 0)
    value = reading.value + frac_value / Fraction(10) ** digits
    scaled = _scale_after(tokens, last)
    if scaled is not None:
        value, last = value * scaled[0], scaled[1]
    return _Reading(value, last)


_CHAIN_KINDS = ("unit", "ten", "tens", "hundred", "scale", "zero")


def _read_spoken_decimal(tokens: list[_Token], i: int) -> _Reading | None:
    """'ستة وثمانية وثمانون من مئة' (6.88): a whole number, 'و', the decimals as a number 'out of' a power of ten
    (Ryding ch. 15, decimal fractions read as "x out of a hundred"), all in words.

    The whole part and the decimals are split at the rightmost 'و' where both read whole, the decimals are below
    the denominator and no unit is cut from its tens ("ثمانية وثمانون" is 88, never 8 and 80).
    """
    j = i
    seps = []
    while j < len(tokens) and (j == i or _joined(tokens, j)):
        tok = tokens[j]
        if tok.word is not None and tok.word.kind in _CHAIN_KINDS and not tok.word.article:
            j += 1
        elif tok.norm == "و" and j > i:
            seps.append(j)
            j += 1
        else:
            break
    if not seps or j >= len(tokens) or tokens[j].norm != "من" or j + 1 >= len(tokens) or not _joined(tokens, j + 1):
        return None
    den = _read_cardinal(tokens, j + 1)
    if den is None or den.value is None or den.value < 10 or den.value.denominator != 1 or \
            str(int(den.value)).rstrip("0") != "1" or tokens[den.last].kind != "arabic":
        return None
    for k in reversed(seps):
        before, after = tokens[k - 1].word, tokens[k + 1].word if k + 1 < j else None
        if before is not None and after is not None and before.kind == "unit" and after.kind == "tens":
            continue  # ثمانية وثمانون: one number
        whole = _read_cardinal(tokens[:k], i)
        part = _read_cardinal(tokens[:j], k + 1)
        if whole is None or part is None or whole.value is None or part.value is None or whole.last != k - 1 \
                or part.last != j - 1:
            continue
        if part.value >= den.value or part.value.denominator != 1 or whole.value.denominator != 1:
            continue
        return _Reading(whole.value + part.value / den.value, den.last)
    return None


# Ordinals above a hundred name the units and tens, then "بعد" and the hundreds (or thousands) with the article:
# "الحادي والعشرون بعد المئة" = 121st, "الخامس بعد الألف" = 1005th (Wright I, the ordinals; Ryding ch. 15,
# ordinals above one hundred).
_AFTER_BASE = {"ال" + form: value for form, value in _HUNDREDS.items()} | {"الالف": 1000, "الالفين": 2000}


def _read_ordinal(tokens: list[_Token], i: int) -> _Reading | None:
    """Read an ordinal starting at token i: السادسة · السادسة عشرة · الثالثة والتسعين · الثلاثين · المائة ·
    رابع · الاثنا عشر · الواحد والعشرين · الحادي والعشرون بعد المئة."""
    reading = _read_ordinal_below_hundred(tokens, i)
    if reading is None or reading.value >= 100:
        return reading
    k = reading.last + 1
    if k + 1 < len(tokens) and _joined(tokens, k) and _joined(tokens, k + 1) and tokens[k].norm == "بعد" and \
            tokens[k + 1].norm in _AFTER_BASE:
        return _Reading(reading.value + _AFTER_BASE[tokens[k + 1].norm], k + 1, ordinal=True)
    if tokens[reading.last].norm.startswith(("الحادي", "حادي")) and reading.value == 1:
        return None  # الحادي/الحادية only before عشر, a tens word or بعد المائة
    return reading


def _read_ordinal_below_hundred(tokens: list[_Token], i: int) -> _Reading | None:
    part = _part_at(tokens, i)
    if part is None or part.conj or part.word is None:
        return None
    word, last = part.word, part.last
    kind, value = word.kind, word.value
    if kind in ("ord_tens", "ord_hundred"):
        return _Reading(Fraction(value), last, ordinal=True)
    article_unit = kind == "unit" and word.article
    if kind != "ord_unit" and not article_unit:
        return None
    nxt = _next_part(tokens, last)
    if nxt is not None and nxt.word is not None and value < 10:
        if not nxt.conj and nxt.word.kind == "ten":  # السادسة عشرة · الاثنا عشر
            return _Reading(Fraction(value + 10), nxt.last, ordinal=True)
        if nxt.conj and nxt.word.kind == "ord_tens" and not word.bare:  # الثالثة والتسعين · الواحد والعشرين
            return _Reading(Fraction(value + nxt.word.value), nxt.last, ordinal=True)
        if nxt.conj and nxt.word.kind == "tens" and word.bare:  # رابع وعشرون
            return _Reading(Fraction(value + nxt.word.value), nxt.last, ordinal=True)
    if article_unit:
        return None  # a cardinal with the article: read by _read_cardinal
    return _Reading(Fraction(value), last, ordinal=True)


# ---------------------------------------------------------------------------------------------------------------
# Qualifiers, as sequences of normalised words before the number (or after it, for 'only'). Each value must be in
# the schema's enum (tests/test_arabic_numbers.py checks it against data/datapackage.json).
def _verbs(*forms: str) -> list[tuple[str, ...]]:
    return [tuple(f.split()) for f in forms]


_ABOUT = _verbs("حوالي", "نحو", "قرابه", "زهاء", "ما يناهز", "يناهز", "تناهز", "يناهزان", "تناهزان", "ناهز",
                "ناهزت", "ناهزا", "ما يقارب", "يقارب", "تقارب", "يقاربان", "تقاربان", "قارب", "قاربت",
                "ما يقرب من", "يقرب من")
_EXCEED = _verbs("يفوق", "تفوق", "يفوقان", "تفوقان", "فاق", "فاقت", "فاقا", "تجاوز", "تجاوزت", "تجاوزا",
                 "يتجاوز", "تتجاوز", "يتجاوزان", "تتجاوزان", "تخطي", "تخطت", "تخطيا", "يتخطي", "تتخطي",
                 "يزيد عن", "يزيد علي", "تزيد عن", "تزيد علي", "زاد عن", "زاد علي", "زادت عن", "زادت علي",
                 "يربو علي", "تربو علي")
_MORE_THAN = _verbs("اكثر من", "ازيد من", "ما يزيد عن", "ما يزيد علي", "ما يفوق", "ما يتجاوز", "ما يربو علي") \
    + _EXCEED + [(neg, verb, prep) for neg in ("لا", "لن") for verb in ("يقل", "تقل") for prep in ("عن", "علي")]
# ("لا يقل عن 5", no less than 5: a lower bound, never the upper bound of "يقل عن")
# A verb of exceeding after a negation is an upper bound: "لم يتجاوز 5" (at most 5). The enum has no at_most,
# so it is less_than, like أقل من; the value itself is included.
_NEGATED = _verbs("يتعد", "تتعد", "يتعدي", "تتعدي", "يزد عن", "يزد علي", "تزد عن", "تزد علي", "يتخط", "تتخط")
_LESS_THAN = _verbs("اقل من", "ما دون", "ما يقل عن", "يقل عن", "تقل عن") + \
    [(neg, *verb) for neg in ("لم", "لا", "لن") for verb in _EXCEED + _NEGATED if verb[0][0] in "يت"]
_ONLY_BEFORE = _verbs("سوي")  # "لم تسجل سوى 29 حالة"
QUALIFIER_PHRASES: dict[tuple[str, ...], str] = {
    **{p: "about" for p in _ABOUT}, **{p: "more_than" for p in _MORE_THAN},
    **{p: "less_than" for p in _LESS_THAN}, **{p: "only" for p in _ONLY_BEFORE},
}
# The phrases that can end with a given word (its last word, or a one-word phrase with a glued prefix), longest
# first: لم يتجاوز before يتجاوز.
_BY_LAST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _qualifier in sorted(QUALIFIER_PHRASES.items(), key=lambda item: -len(item[0])):
    _BY_LAST_WORD.setdefault(_phrase[-1], []).append((_phrase, _qualifier))
    if len(_phrase) == 1:
        for _prefix in (*_PREFIXES, *_DOUBLE_PREFIXES):
            _BY_LAST_WORD.setdefault(_prefix + _phrase[0], []).append((_phrase, _qualifier))
_ONLY = ("فقط", "فحسب")


def _phrase_matches(tokens: list[_Token], k: int, i: int, phrase: tuple[str, ...]) -> int | None:
    """None, or the length of the prefix glued to the phrase's first word when tokens[k:i] are the phrase."""
    window = tokens[k:i]
    if not all(t.kind == "arabic" for t in window) or not all(_joined(tokens, x) for x in range(k + 1, i + 1)):
        return None
    norms = [t.norm for t in window]
    if norms[1:] != list(phrase[1:]):
        return None
    first = norms[0]
    if first == phrase[0]:
        return 0
    if len(first) == len(phrase[0]) + 1 and first[0] in _PREFIXES and first[1:] == phrase[0]:
        return 1
    if len(first) == len(phrase[0]) + 2 and first[:2] in _DOUBLE_PREFIXES and first[2:] == phrase[0]:
        return 2  # وبأكثر من
    return None


def _qualifier_before(tokens: list[_Token], i: int) -> tuple[str, int]:
    """The qualifier phrase ending just before token i, and the offset where it starts (after a glued و ف ب ل:
    "بحوالي" starts at its ح)."""
    start = tokens[i].start
    if i == 0 or tokens[i - 1].norm not in _BY_LAST_WORD:
        return "exact", start
    for phrase, qualifier in _BY_LAST_WORD[tokens[i - 1].norm]:
        k = i - len(phrase)
        if k >= 0:
            cut = _phrase_matches(tokens, k, i, phrase)
            if cut is not None:
                return qualifier, tokens[k].start + cut
    return "exact", start


def _only_after(tokens: list[_Token], last: int) -> tuple[bool, bool]:
    """(qualified 'only', 'فقط' directly follows the number) — also '29 تكذيبا فقط' with one noun between."""
    for offset in (1, 2):
        k = last + offset
        if k >= len(tokens) or not all(_joined(tokens, x) for x in range(last + 1, k + 1)):
            return False, False
        if tokens[k].kind != "arabic":
            return False, False
        if tokens[k].norm in _ONLY:
            return True, offset == 1
    return False, False


def _percent_after(tokens: list[_Token], last: int) -> int | None:
    """Index of the last token of a percent sign or phrase right after token ``last``."""
    k = last + 1
    if k >= len(tokens) or not _joined(tokens, k):
        return None
    tok = tokens[k]
    if tok.kind == "punct" and tok.text in _PERCENT_SIGNS:
        return k
    if tok.kind == "arabic" and tok.norm in _PERCENT_WORDS:
        return k
    if tok.kind == "arabic" and tok.norm == "في" and k + 1 < len(tokens) and _joined(tokens, k + 1) and \
            tokens[k + 1].norm in _PERCENT_AFTER_FI:
        return k + 1
    return None


def _sign_before(tokens: list[_Token], i: int) -> int | None:
    """Index of a minus sign or word that makes the number at token i negative ("-0,5", "−24 %", "ناقص 4")."""
    if i == 0:
        return None
    s = i - 1
    sign = tokens[s]
    if sign.kind == "punct" and sign.text in "-\u2212" and not tokens[i].gap_before and tokens[i].kind == "number":
        before = tokens[s - 1] if s > 0 else None
        if before is None or (before.kind == "punct" and before.text not in "-\u2212") or \
                (sign.gap_before and before.kind != "number"):
            return s
        return None
    if sign.kind == "arabic" and sign.norm in _MINUS_WORDS and _joined(tokens, i):
        before = tokens[s - 1] if s > 0 else None
        if before is None or before.kind != "number" and (before.word is None or before.word.kind == "ord_unit"):
            return s
    return None


def _plus_before(tokens: list[_Token], i: int) -> int | None:
    """Index of a '+' glued to the digits at token i ("+2,5 %"), when it is not an addition."""
    if i == 0 or tokens[i].kind != "number" or tokens[i].gap_before:
        return None
    sign = tokens[i - 1]
    before = tokens[i - 2] if i > 1 else None
    if sign.kind == "punct" and sign.text == "+" and (before is None or before.kind == "punct" or
                                                      (sign.gap_before and before.kind != "number")):
        return i - 1
    return None


_CONTINUING = ("unit", "ten", "tens", "hundred", "scale", "fraction")


def _read_at(tokens: list[_Token], i: int) -> _Reading | None:
    """The number (or unreadable number expression) starting at token i."""
    tok = tokens[i]
    if tok.kind == "number" and tok.number is None:
        return _Reading(None, i, tok.reason)
    reading = None
    if tok.word is not None and tok.word.kind in _CHAIN_KINDS:
        reading = _read_spoken_decimal(tokens, i)
        if reading is not None:
            return reading
    reading = _read_ordinal(tokens, i) or _read_cardinal(tokens, i)
    if reading is None:
        return None
    if tok.kind == "number" and tok.ambiguous and reading.last > i and \
            any(t.word is not None and t.word.kind == "scale" for t in tokens[i + 1:reading.last + 1]):
        return _Reading(None, reading.last, f"{tok.text!r} before a scale word may be a decimal or grouped "
                                            f"thousands ({tok.text.replace(',', '.')} or "
                                            f"{re.sub('[.,]', '', tok.text)})")
    if not reading.ordinal:
        reading = _read_decimal_words(tokens, reading)
    # Nothing partial: a numeral word right after the number (no "و") that could not be joined to it means the
    # expression is not read whole ("مليونان ثلاثمائة", "عشرون ثلاثة").
    nxt = _next_part(tokens, reading.last)
    if nxt is not None and nxt.word is not None and not nxt.conj and nxt.word.kind in _CONTINUING and \
            not nxt.word.article and not reading.ordinal and tokens[reading.last].kind == "arabic":
        end = nxt.last
        rest = _read_at(tokens, nxt.last)
        if rest is not None:
            end = rest.last
        return _Reading(None, end, f"{tokens[nxt.last].text!r} cannot follow "
                                   f"{tokens[reading.last].text!r} in one number", reading.ordinal)
    fraction = _next_part(tokens, reading.last) if not reading.ordinal else None  # الثالثة وربع: a time
    if fraction is not None and fraction.conj and fraction.word is not None and fraction.word.kind == "fraction":
        return _Reading(None, fraction.last, f"{tokens[fraction.last].text!r} cannot be added to "
                                             f"{tokens[reading.last].text!r}", reading.ordinal)
    return reading


def _find_arabic(text: str) -> list[NumberMatch]:
    tokens = _tokenize(text, "ar")
    matches: list[NumberMatch] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind != "number" and tok.word is None:  # cannot start a number
            i += 1
            continue
        if tok.word is not None and tok.norm in _PERCENT_AFTER_FI and i > 0 and tokens[i - 1].norm == "في":
            i += 1  # the المائة of a percent phrase is not the ordinal 100
            continue
        reading = _read_at(tokens, i)
        if reading is None:
            i += 1
            continue
        last = reading.last
        value = reading.value
        first = i
        sign = _sign_before(tokens, i)
        if sign is not None:
            first = sign
            value = -value if value is not None else None
        else:
            plus = _plus_before(tokens, i)
            if plus is not None:
                first = plus
        percent_before = first > 0 and tokens[first].kind == "number" and not tokens[first].gap_before and \
            tokens[first - 1].kind == "punct" and tokens[first - 1].text in _PERCENT_SIGNS and \
            (not matches or matches[-1].end <= tokens[first - 1].start)
        if percent_before:
            first -= 1  # "%30،22": the sign typed before the digits (it shows after them, right to left)
        qualifier, start = _qualifier_before(tokens, first)
        end_token = last
        percent = _percent_after(tokens, last)
        if percent is not None:
            end_token = percent
        if qualifier == "exact":
            only, adjacent = _only_after(tokens, end_token)
            if only:
                qualifier = "only"
                end_token = end_token + 1 if adjacent else end_token
        end = tokens[end_token].end
        if value is None:
            out_value, reason = None, reading.reason
        else:
            out_value, reason = exact_value(value)
        matches.append(NumberMatch(out_value, start, end, text[start:end], qualifier, reading.ordinal, reason,
                                   percent is not None or percent_before))
        i = end_token + 1
    return merge_parenthesised(text, matches)


# ---------------------------------------------------------------------------------------------------------------
# Dates. Month names of the Maghreb (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر), of Egypt and the Gulf (مايو، أغسطس،
# سبتمبر، نوفمبر، ديسمبر), of Algeria and Tunisia (جانفي، فيفري، أفريل، جوان، جويلية، أوت) and of the Levant
# (أيار، تشرين الثاني ...).
_MONTHS = {
    1: "يناير كانون الثاني جانفي", 2: "فبراير شباط فيفري", 3: "مارس آذار", 4: "أبريل ابريل إبريل نيسان أفريل",
    5: "ماي مايو أيار", 6: "يونيو يونيه حزيران جوان", 7: "يوليوز يوليو يوليه تموز جويلية",
    8: "غشت أغسطس آب أوت", 9: "شتنبر سبتمبر أيلول", 10: "أكتوبر اكتوبر تشرين الأول",
    11: "نونبر نوفمبر تشرين الثاني", 12: "دجنبر ديسمبر كانون الأول",
}
_MONTH_NAMES: dict[str, int] = {}
for _month, _names in _MONTHS.items():
    for _name in re.findall(r"(?:تشرين|كانون) \S+|\S+", _names):
        _MONTH_NAMES[_name] = _month
_MONTH_RE = (r"(?<![\u0620-\u064a])(?:" + "|".join(sorted(map(re.escape, _MONTH_NAMES), key=len, reverse=True))
             + r")(?![\u0620-\u064a])")
_DAY = rf"(?<![{DIGITS}])[{DIGITS}]{{1,2}}(?![{DIGITS}])"
_YEAR = rf"[{DIGITS}]{{4}}(?![{DIGITS}])"


def _to(n: int) -> str:  # "و" joins a range only after بين ("بين 17 و21 ماي"); "17 و21 ماي" are two days
    return rf"\s*(?:إلى|الى|حتى|-|–|(?(b{n})و))\s*"


def _from(n: int) -> str:
    return rf"(?:(?<![\u0620-\u064a])(?:من|(?P<b{n}>بين))\s*)?"


_DATE_AR = re.compile(
    rf"(?P<range2>{_from(1)}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH_RE})(?:\s+(?P<y1>{_YEAR}))?{_to(1)}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>{_YEAR}))"
    rf"|(?P<range1>{_from(2)}(?P<d3>{_DAY}){_to(2)}(?P<d4>{_DAY})\s+(?P<m3>{_MONTH_RE})\s+(?P<y3>{_YEAR}))"
    rf"|(?P<day>(?P<d5>{_DAY})\s+(?P<m5>{_MONTH_RE})\s+(?P<y5>{_YEAR}))"
    rf"|(?P<month>(?P<m6>{_MONTH_RE})\s+(?P<y6>{_YEAR}))"
    rf"|(?P<year>(?:(?<![\u0620-\u064a])(?:سنة|عام|لسنة|لعام)\s+)(?P<y7>{_YEAR}))"
)


def _find_dates(text: str) -> list[DateMatch]:
    return scan_dates(_DATE_AR, _MONTH_NAMES, text)


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.text) for t in _tokenize(text)]


GRAMMAR = Grammar(lang="ar", find_numbers=_find_arabic, find_dates=_find_dates, word_spans=_word_spans)
