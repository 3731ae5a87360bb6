"""Read numbers and dates as the Arabic press writes them.

    >>> parse_number("مليون و268 ألف و153")
    1268153
    >>> [(m.value, m.qualifier) for m in find_numbers("حوالي مليونين و400 ألف زائر")]
    [(2400000, 'about')]
    >>> parse_date("من 17 إلى 21 ماي 2025")
    '2025-05-17/2025-05-21'

Why by hand: pyarabic's ``text2number`` and arabic-itn read words only and misread the mixed digit-and-word
forms the Moroccan press uses ("مليون و268 ألف و153" -> 1,001,000 and 1,000,000; see benchmarks/), and neither
reports offsets or qualifiers. The reader below works on tokens (digit runs, Arabic words, punctuation) so that
numbers glued to words ("من200", "الأمن97") are found, and it joins the parts of one number only where Arabic
grammar allows it (after a scale word or a hundred, or a unit before its tens), so "1973 و4386" stays two numbers.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["NumberMatch", "DateMatch", "parse_number", "find_numbers", "parse_date", "find_dates"]

QUALIFIERS = ("exact", "about", "more_than", "only")

# ---------------------------------------------------------------------------------------------------------------
# Normalisation: matching is done on a normalised copy of each word (no diacritics or tatweel, one alef, final
# yaa), while offsets always refer to the original text.
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_TANWEEN_FATH = "\u064b"

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """The lookup form of an Arabic word: no diacritics or tatweel; alefs, alef maqsura and taa marbuta unified."""
    return _DIACRITICS.sub("", word).translate(_LETTERS)


# ---------------------------------------------------------------------------------------------------------------
# Lexicon, in normalised spelling. Each entry: (kind, value). Kinds:
#   unit 1-9 · ten (عشر/عشرة, 10, also the second word of 11-19) · tens 20-90 · hundred 100-900 · zero
#   scale (value = the scale) with a form: sing | dual | plural | alef (ألفا/مليونا: dual alone, accusative after a
#   multiplier) · ordinal units 1-10 (ال...) · ordinal tens · ordinal hundred
def _forms(*pairs):
    return {form: value for forms, value in pairs for form in forms.split()}


_UNITS = _forms(
    ("واحد واحده احد احدي", 1), ("اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي", 2), ("ثلاث ثلاثه", 3),
    ("اربع اربعه", 4), ("خمس خمسه", 5), ("ست سته", 6), ("سبع سبعه", 7), ("ثمان ثماني ثمانيه", 8), ("تسع تسعه", 9),
)
_TENS = _forms(
    ("عشرون عشرين", 20), ("ثلاثون ثلاثين", 30), ("اربعون اربعين", 40), ("خمسون خمسين", 50), ("ستون ستين", 60),
    ("سبعون سبعين", 70), ("ثمانون ثمانين", 80), ("تسعون تسعين", 90),
)
_HUNDREDS = _forms(("مائه مئه", 100), ("مائتان مائتين مئتان مئتين مائتا مئتا مائتي مئتي", 200))
for _unit, _value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8),
                      ("تسع", 9)):
    _HUNDREDS[_unit + "مائه"] = _HUNDREDS[_unit + "مئه"] = _value * 100
_SCALES = {}
for _sing, _dual, _alef, _plural, _scale in (
    ("الف", "الفان الفين", "الفا", "الاف", 10**3),
    ("مليون", "مليونان مليونين", "مليونا", "ملايين", 10**6),
    ("مليار", "ملياران مليارين", "مليارا", "مليارات", 10**9),
):
    _SCALES[_sing] = (_scale, "sing")
    _SCALES[_alef] = (_scale, "alef")
    _SCALES[_plural] = (_scale, "plural")
    for _d in _dual.split():
        _SCALES[_d] = (_scale, "dual")
_ORDINAL_UNITS = _forms(
    ("الاول الاولي الحادي الحاديه", 1), ("الثاني الثانيه", 2), ("الثالث الثالثه", 3), ("الرابع الرابعه", 4),
    ("الخامس الخامسه", 5), ("السادس السادسه", 6), ("السابع السابعه", 7), ("الثامن الثامنه", 8),
    ("التاسع التاسعه", 9), ("العاشر العاشره", 10),
)
_ORDINAL_TENS = {"ال" + form: value for form, value in _TENS.items()}
_ORDINAL_HUNDRED = {"المائه": 100, "المئه": 100}


@dataclass(frozen=True)
class _Word:
    kind: str  # unit ten tens hundred zero scale ord_unit ord_tens ord_hundred
    value: int
    form: str = ""  # scale form


def _lookup(norm: str, raw: str) -> _Word | None:
    return _lookup_cached(norm, _TANWEEN_FATH in raw)


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
    if norm in _ORDINAL_UNITS:
        return _Word("ord_unit", _ORDINAL_UNITS[norm])
    if norm in _ORDINAL_TENS:
        return _Word("ord_tens", _ORDINAL_TENS[norm])
    if norm in _ORDINAL_HUNDRED:
        return _Word("ord_hundred", 100)
    return None


# ---------------------------------------------------------------------------------------------------------------
# Tokens: digit numbers (with grouping or a decimal part), Arabic words, other words, punctuation.
_D = f"[{_DIGITS}]"
_NUMBER_RE = (
    # grouped thousands, one separator used consistently: 2.400.000 · 142.500 · 1 118 600 · ١٬٢٥٠
    rf"(?P<grouped>{_D}{{1,3}}(?P<sep>[.,\u066c\u00a0\u202f ]){_D}{{3}}(?:(?P=sep){_D}{{3}})*(?!{_D}))"
    rf"|(?P<decimal>{_D}+[.,\u066b]{_D}+)"
    rf"|(?P<plain>{_D}+)"
)
_TOKEN_RE = re.compile(  # Arabic words first: they are most of the text (the alternatives do not overlap)
    r"(?P<arabic>[\u0620-\u065f\u0670-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<space>\s+)"
    rf"|{_NUMBER_RE}"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+)"
    r"|(?P<punct>.)",
    re.S,
)


@dataclass(slots=True)
class _Token:
    kind: str  # number arabic latin punct
    text: str
    start: int
    end: int
    norm: str = ""
    number: Decimal | None = None
    gap_before: str = ""  # whitespace between the previous token and this one
    word: _Word | None = None  # the numeral this Arabic word is, if any


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    gap = ""
    for m in _TOKEN_RE.finditer(text):
        kind, word, start, end = m.lastgroup, m.group(), m.start(), m.end()
        if kind == "space":
            gap = word
            continue
        if kind == "arabic":
            norm = normalise(word)
            numeral = _lookup(norm, word)
            if numeral is None and norm.startswith("و") and _lookup(norm[1:], word[1:]) is not None:
                # وتسعمائة, والتسعين: the conjunction becomes a token of its own, glued to the numeral
                tokens.append(_Token("arabic", word[0], start, start + 1, norm="و", gap_before=gap))
                tok = _Token("arabic", word[1:], start + 1, end, norm=norm[1:], word=_lookup(norm[1:], word[1:]))
            else:
                tok = _Token("arabic", word, start, end, norm=norm, gap_before=gap, word=numeral)
        elif kind == "grouped":
            digits = re.sub(r"\D", "", word.translate(_TO_ASCII))
            tok = _Token("number", word, start, end, number=Decimal(digits), gap_before=gap)
        elif kind in ("decimal", "plain"):
            ascii_text = word.translate(_TO_ASCII).replace(",", ".")
            tok = _Token("number", word, start, end, number=Decimal(ascii_text), gap_before=gap)
        else:
            tok = _Token(kind, word, start, end, gap_before=gap)
        tokens.append(tok)
        gap = ""
    return tokens


# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberMatch:
    """A number found in a text: its value, where it is (``text == source[start:end]``) and how it is qualified."""

    value: int | float
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    ordinal: bool = False


@dataclass(frozen=True)
class _Part:
    """One component of a number: a digit number or a numeral word, and whether a 'و' joined it to the previous."""

    word: _Word | None  # None for digits
    number: Decimal | None
    first: int  # index of the first token (the 'و' token when the conjunction stands alone)
    last: int  # index of the token holding the number
    conj: bool


def _part_at(tokens: list[_Token], i: int) -> _Part | None:
    """The number component starting at token i, if any (a leading 'و' is read as a conjunction)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.kind == "number":
        return _Part(None, tok.number, i, i, False)
    if tok.kind != "arabic":
        return None
    if tok.word is not None:
        return _Part(tok.word, None, i, i, False)
    if tok.norm == "و" and i + 1 < len(tokens) and _joined(tokens, i + 1):
        inner = _part_at(tokens, i + 1)
        if inner is not None and not inner.conj:
            return _Part(inner.word, inner.number, i, inner.last, True)
    return None


def _joined(tokens: list[_Token], i: int) -> bool:
    """Whether token i follows the previous one on the same line (only spaces between them)."""
    return "\n" not in tokens[i].gap_before and "\r" not in tokens[i].gap_before


def _small_value(part: _Part) -> Decimal | None:
    """Value of a part that can stand as (the start of) a group below a thousand; None for scales and ordinals."""
    if part.word is None:
        return part.number
    if part.word.kind in ("unit", "ten", "tens", "hundred", "zero"):
        return Decimal(part.word.value)
    return None


def _read_group(tokens: list[_Token], i: int, conj_ok: bool) -> tuple[Decimal, int, str] | None:
    """Read one group (a number below a scale: digits, or words such as 'تسعمائة وستة عشر') starting at token i.

    Returns (value, index of its last token, kind of its last component) or None. The first part may carry a
    conjunction only when ``conj_ok``.
    """
    part = _part_at(tokens, i)
    if part is None or (part.conj and not conj_ok):
        return None
    value = _small_value(part)
    if value is None:
        return None
    last, kind = part.last, ("digits" if part.word is None else part.word.kind)
    while last + 1 < len(tokens) and _joined(tokens, last + 1):
        nxt = _part_at(tokens, last + 1)
        if nxt is None or nxt.word is None:
            break  # digits never continue a group: "1973 و4386" are two numbers
        k = nxt.word.kind
        if not nxt.conj and kind == "unit" and k == "ten":  # ستة عشر
            value, kind = value + 10, "teen"
        elif not nxt.conj and kind == "unit" and k == "hundred" and nxt.word.value == 100 and value >= 3:
            value, kind = value * 100, "hundred"  # ثلاث مائة
        elif nxt.conj and kind == "hundred" and k in ("unit", "ten", "tens"):  # تسعمائة وستة
            value, kind = value + nxt.word.value, k
        elif nxt.conj and kind == "unit" and k == "tens":  # ثلاثة وعشرون
            value, kind = value + nxt.word.value, "tens"
        else:
            break
        last = nxt.last
    return value, last, kind


def _read_cardinal(tokens: list[_Token], i: int) -> tuple[Decimal, int] | None:
    """Read a cardinal number starting at token i: groups with scales, joined by 'و' in decreasing order."""
    total = Decimal(0)
    bound: Decimal | None = None  # the next group must stay below the last scale used
    last = None
    j = i
    while True:
        conj_ok = bound is not None
        group = _read_group(tokens, j, conj_ok)
        start_part = _part_at(tokens, j)
        if group is not None:
            value, glast, _ = group
            contribution = value
            scale_part = _part_at(tokens, glast + 1) if glast + 1 < len(tokens) and _joined(tokens, glast + 1) else None
            if scale_part is not None and not scale_part.conj and scale_part.word and scale_part.word.kind == "scale":
                contribution = value * scale_part.word.value
                glast = scale_part.last
        elif start_part is not None and start_part.word and start_part.word.kind == "scale" and \
                (start_part.conj == conj_ok) and start_part.word.form in ("sing", "dual", "alef"):
            # a scale on its own: مليون (1), مليونين / مليونا (2)
            multiplier = 1 if start_part.word.form == "sing" else 2
            contribution = Decimal(multiplier * start_part.word.value)
            glast = start_part.last
        else:
            break
        if bound is not None and contribution >= bound:
            break
        total += contribution
        last = glast
        scale = _scale_of(contribution)
        if scale is None:
            break  # a group without a scale ends the number
        bound = Decimal(scale)
        j = last + 1
        if j >= len(tokens) or not _joined(tokens, j):
            break
    if last is None:
        return None
    return total, last


def _scale_of(contribution: Decimal) -> int | None:
    """The scale a group's contribution was multiplied by (1000, 10**6, 10**9), or None for a plain group."""
    for scale in (10**9, 10**6, 10**3):
        if contribution >= scale and contribution % scale == 0:
            return scale
    return None


def _read_ordinal(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """Read an ordinal starting at token i: السادسة · السادسة عشرة · الثالثة والتسعين · الثلاثين · المائة."""
    part = _part_at(tokens, i)
    if part is None or part.conj or part.word is None:
        return None
    kind, value, last = part.word.kind, part.word.value, part.last
    if kind in ("ord_tens", "ord_hundred"):
        return value, last
    if kind != "ord_unit":
        return None
    if last + 1 < len(tokens) and _joined(tokens, last + 1):
        nxt = _part_at(tokens, last + 1)
        if nxt is not None and nxt.word is not None:
            if not nxt.conj and nxt.word.kind == "ten" and value < 10:
                return value + 10, nxt.last
            if nxt.conj and nxt.word.kind == "ord_tens" and value < 10:
                return value + nxt.word.value, nxt.last
    return value, last


# Qualifiers, as sequences of normalised words before the number (or after it, for 'only').
_BEFORE = [
    (("حوالي",), "about"), (("نحو",), "about"), (("قرابه",), "about"), (("ما", "يناهز"), "about"),
    (("يناهز",), "about"), (("زهاء",), "about"), (("ما", "يقارب"), "about"), (("يقارب",), "about"),
    (("اكثر", "من"), "more_than"), (("ازيد", "من"), "more_than"), (("ما", "يزيد", "عن"), "more_than"),
    (("ما", "يزيد", "علي"), "more_than"), (("يزيد", "عن"), "more_than"), (("يزيد", "علي"), "more_than"),
    (("ما", "يفوق"), "more_than"), (("يفوق",), "more_than"),
]
_BEFORE.sort(key=lambda item: -len(item[0]))  # longest phrase first: "ما يزيد عن" before "يزيد عن"
_ONLY = ("فقط", "فحسب")


_QUALIFIER_LAST_WORDS = {phrase[-1] for phrase, _ in _BEFORE}


def _qualifier_before(tokens: list[_Token], i: int) -> tuple[str, int]:
    """The qualifier phrase ending just before token i, and the index of its first token."""
    if i == 0 or tokens[i - 1].norm not in _QUALIFIER_LAST_WORDS:
        return "exact", i
    for phrase, qualifier in _BEFORE:
        k = i - len(phrase)
        if k < 0:
            continue
        window = tokens[k:i]
        if all(t.kind == "arabic" for t in window) and all(_joined(tokens, x) for x in range(k + 1, i + 1)) \
                and tuple(t.norm for t in window) == phrase:
            return qualifier, k
    return "exact", i


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


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text``, in order, each with its value, offsets, verbatim text and qualifier."""
    tokens = _tokenize(text)
    matches: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind != "number" and tokens[i].word is None:  # cannot start a number
            i += 1
            continue
        ordinal = _read_ordinal(tokens, i)
        cardinal = None if ordinal else _read_cardinal(tokens, i)
        found = ordinal or cardinal
        if found is None:
            i += 1
            continue
        value, last = found
        qualifier, first = _qualifier_before(tokens, i)
        end_token = last
        if qualifier == "exact":
            only, adjacent = _only_after(tokens, last)
            if only:
                qualifier = "only"
                end_token = last + 1 if adjacent else last
        start, end = tokens[first].start, tokens[end_token].end
        matches.append(NumberMatch(_as_number(Decimal(value)), start, end, text[start:end], qualifier,
                                   ordinal is not None))
        i = last + 1
    return matches


def parse_number(text: str) -> int | float:
    """The value of ``text``, which must be one number (qualifier words allowed); ``ValueError`` otherwise."""
    stripped = text.strip()
    matches = find_numbers(stripped)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(stripped):
        return matches[0].value
    first = matches[0] if matches else None
    for tok in _tokenize(stripped):
        if first is None or not (first.start <= tok.start and tok.end <= first.end):
            raise ValueError(f"not a number: {tok.text!r} in {text!r}")
    raise ValueError(f"not a number: {text!r}")


# ---------------------------------------------------------------------------------------------------------------
# Dates. Month names of the Maghreb (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر), of Egypt and the Gulf (مايو، أغسطس،
# سبتمبر، نوفمبر، ديسمبر) and of the Levant (أيار، تشرين الثاني ...).
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
_MONTH_RE = r"(?<![\u0620-\u064a])(?:" + "" + "|".join(sorted(map(re.escape, _MONTH_NAMES), key=len, reverse=True)) + r")(?![\u0620-\u064a])"
_DAY = rf"[{_DIGITS}]{{1,2}}"
_YEAR = rf"[{_DIGITS}]{{4}}"
_TO = r"\s*(?:إلى|الى|حتى|-|–)\s*"
_DATE_RE = re.compile(
    rf"(?P<range2>(?<![\u0620-\u064a])من\s*(?P<d1>{_DAY})\s+(?P<m1>{_MONTH_RE}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>{_YEAR}))"
    rf"|(?P<range1>(?<![\u0620-\u064a])من\s*(?P<d3>{_DAY}){_TO}(?P<d4>{_DAY})\s+(?P<m3>{_MONTH_RE})\s+(?P<y3>{_YEAR}))"
    rf"|(?P<day>(?P<d5>{_DAY})\s+(?P<m5>{_MONTH_RE})\s+(?P<y5>{_YEAR}))"
    rf"|(?P<month>(?P<m6>{_MONTH_RE})\s+(?P<y6>{_YEAR}))"
    rf"|(?P<year>(?:(?<![\u0620-\u064a])(?:سنة|عام|لسنة|لعام)\s+)(?P<y7>{_YEAR}))(?![{_DIGITS}])"
)


@dataclass(frozen=True)
class DateMatch:
    """A date, a month, a year or a date range found in a text, with its ISO 8601 form (ranges as start/end)."""

    iso: str
    start: int
    end: int
    text: str


def _iso_day(day: str, month: str, year: str) -> str:
    d = _dt.date(int(year.translate(_TO_ASCII)), _MONTH_NAMES[month], int(day.translate(_TO_ASCII)))
    return d.isoformat()


def _date_iso(m: re.Match) -> str:
    g = m.groupdict()
    if g["range2"]:
        return f"{_iso_day(g['d1'], g['m1'], g['y2'])}/{_iso_day(g['d2'], g['m2'], g['y2'])}"
    if g["range1"]:
        return f"{_iso_day(g['d3'], g['m3'], g['y3'])}/{_iso_day(g['d4'], g['m3'], g['y3'])}"
    if g["day"]:
        return _iso_day(g["d5"], g["m5"], g["y5"])
    if g["month"]:
        return f"{int(g['y6'].translate(_TO_ASCII)):04d}-{_MONTH_NAMES[g['m6']]:02d}"
    return g["y7"].translate(_TO_ASCII)


def find_dates(text: str) -> list[DateMatch]:
    """Every date, date range, month or year ("سنة 2025") in ``text`` with its ISO form."""
    found = []
    for m in _DATE_RE.finditer(text):
        try:
            iso = _date_iso(m)
        except ValueError:  # 31 شتنبر and the like: not a date
            continue
        found.append(DateMatch(iso, m.start(), m.end(), m.group()))
    return found


def parse_date(text: str) -> str:
    """The ISO 8601 form of ``text``, which must be one date, date range, month or year; ``ValueError`` otherwise."""
    stripped = text.strip()
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].iso
    raise ValueError(f"not a date: {text!r}")
