"""Read a quantity from a press quote: value, unit, qualifier and direction of the number an outlet printed.

    >>> q = read_quantity("من ضمنها أزيد من 170 طنا و796 كيلوغراما من الحشيش", "170 طنا و796 كيلوغراما", "ar")
    >>> (q.value, q.unit, q.qualifier, q.direction)
    (Decimal('170796'), 'kg', 'more_than', 'none')

The numbers themselves come from the number reader (``helpers.reading.find_numbers``, in the quote's
language); this module only adds what a number alone does not say:

- **unit**: ``count | percent | kg | MAD | EUR | USD | GBP | years``. Weights combine their parts and are converted
  to kilograms ("170 طنا و796 كيلوغراما" = 170796 kg, "1 t 731,558 kg" = 1731.558 kg, "16 kg et 53 g" = 16.053 kg);
  a unit word with no number before it counts one ("طن و948 كيلوغراماً" = 1948 kg). Money stays in its currency.
  A figure of a metric counted in years ("for the ninth year in a row") is in years; anything else is a count.
- **qualifier**: read by the number reader from the words just before the number in the quote (and "فقط" after
  it); where none stands there, the clause before the number is searched for a qualifying verb (ناهزت نسبة ...
  68 بالمائة; "لم يتجاوز نسبة 0.7%"), see ``_CLAUSE_QUALIFIERS``.
- **direction** of a change: the nearest word of rise or fall before the number in the quote (تراجع، انخفاض،
  ارتفاع، زيادة; baisse, recul, hausse, progression ...), else a sign written before it ("-10 %"), else the
  nearest such word after it. The value keeps the positive magnitude as published.

The figure text must be the whole number at its place in the quote: "112" inside "1.112" is refused. Anything that
cannot be read whole raises :class:`QuantityError`, one line that names the observation. Nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from helpers.reading.arabic import normalise
from helpers.reading.match import NumberMatch
from helpers.reading.numbers import find_numbers

__all__ = ["Quantity", "QuantityError", "read_quantity", "WEIGHT_UNITS", "CURRENCIES"]


class QuantityError(ValueError):
    """A quote whose figure cannot be read whole. ``str(err)`` is one line that starts with the observation id."""


@dataclass(frozen=True)
class Quantity:
    """What one outlet printed: the value in ``unit`` (kg for weights), its qualifier and, for changes, direction."""

    value: Decimal
    unit: str
    qualifier: str
    direction: str
    start: int  # figure_text == quote[start:end]
    end: int


# ---------------------------------------------------------------------------------------------------------------
# Unit words, in the lookup form of the number reader (Arabic normalised) or lower-case (French, English).
# Why a small table by hand: no library knows the press spellings (طناً، كيلوغرامات، DH) in both languages.
WEIGHT_UNITS = {  # kilograms per unit
    **dict.fromkeys(["طن", "طنا", "اطنان", "الطن", "t", "tonne", "tonnes", "tonnes", "ton", "tons"], Decimal(1000)),
    **dict.fromkeys(["كيلوغرام", "كيلوغراما", "كيلوغرامات", "كيلوجرام", "كيلوجراما", "كيلوغرامات", "كلغ", "كغ",
                     "كيلو", "kg", "kgs", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms"],
                    Decimal(1)),
    **dict.fromkeys(["غرام", "غراما", "غرامات", "جرام", "جراما", "g", "gr", "gramme", "grammes", "gram", "grams"],
                    Decimal("0.001")),
}
CURRENCIES = {
    **dict.fromkeys(["درهم", "درهما", "دراهم", "dh", "dhs", "mad", "dirham", "dirhams"], "MAD"),
    **dict.fromkeys(["دولار", "دولارا", "دولارات", "dollar", "dollars", "usd", "$"], "USD"),
    **dict.fromkeys(["يورو", "euro", "euros", "eur", "€"], "EUR"),
    **dict.fromkeys(["جنيه", "جنيها", "جنيهات", "sterling", "gbp", "£"], "GBP"),
}
_WORD = re.compile(r"[^\W\d_]+|[$€£]")
# A prefix glued to an Arabic word: و ب ف ل ك and the article after them (وبانخفاض، بالمائة).
_PREFIX = re.compile(r"^(?:[وفبلك]{1,2})(?=\w{3,})")

# Words of rise and fall, matched on the start of a word (Arabic normalised, prefixes removed; French lower-case).
_DOWN = ("تراجع", "انخفاض", "انخفض", "تقلص", "هبوط", "نقص", "ناقص", "تدني", "انحسار", "تناقص",
         "baisse", "baissé", "recul", "diminu", "chut", "effondr", "repli", "régress", "rédu", "decru", "décru")
_UP = ("ارتفاع", "ارتفع", "زياده", "تزايد", "ازدياد", "نمو", "تنامي", "قفز",
       "hausse", "augment", "progress", "ascension", "croissance", "bond", "accru", "grimp", "envol")
_SIGN_BEFORE = re.compile(r"([-−–+])\s*$")

# Qualifying verbs that may stand a few words before their number in the same clause (the number reader reads the
# ones directly before it). Arabic normalised; each is a bound or an approximation of the number that follows.
_CLAUSE_QUALIFIERS = [  # longer phrases first: "لم يتجاوز" before "يتجاوز"
    (("لم", "يتجاوز"), "less_than"), (("لم", "تتجاوز"), "less_than"), (("لا", "يتجاوز"), "less_than"),
    (("لا", "تتجاوز"), "less_than"),
    (("ناهز",), "about"), (("ناهزت",), "about"), (("يناهز",), "about"), (("تناهز",), "about"),
    (("تجاوز",), "more_than"), (("تجاوزت",), "more_than"), (("يتجاوز",), "more_than"), (("تتجاوز",), "more_than"),
    (("فاق",), "more_than"), (("فاقت",), "more_than"), (("يفوق",), "more_than"), (("تفوق",), "more_than"),
]
_CLAUSE_END = re.compile(r"[،؛,;:.!?؟()\n]")


def read_quantity(quote: str, figure_text: str, lang: str, *, obs: str = "", unit: str | None = None,
                  change: bool = False) -> Quantity:
    """The quantity ``figure_text`` writes in ``quote`` (language ``lang``).

    ``unit`` is the unit the metric is counted in, when known: it settles what the text leaves open (a number
    with no unit word is a count, or years for a metric counted in years) and must agree with what the text says.
    ``change`` says the figure is a change from the previous year: its direction is read (else it is 'none').
    """
    where = f"{obs}: " if obs else ""
    if not figure_text.strip():
        raise QuantityError(f"{where}the figure text is empty")
    parts = find_numbers(figure_text, lang)
    if not parts and _is_dual(figure_text, lang):
        return _dual(quote, figure_text, lang, where, unit)
    if not parts:
        raise QuantityError(f"{where}no number in the figure text {figure_text!r}")
    for m in parts:
        if m.value is None:
            raise QuantityError(f"{where}{m.text!r} cannot be read ({m.reason})")
    start, end, matches = _place(quote, figure_text, [abs(m.value) for m in parts], lang, where)
    text_unit, value = _unit_and_value(figure_text, parts, matches, lang, where)
    read_unit = text_unit or ("years" if unit == "years" else "count")
    if unit is not None and read_unit != unit:
        raise QuantityError(f"{where}{figure_text!r} reads as {read_unit}, but the metric is counted in {unit}")
    qualifier = _qualifier(quote, start, matches, lang)
    direction = _direction(quote, start, end) if change else "none"
    return Quantity(value=value, unit=read_unit, qualifier=qualifier, direction=direction, start=start, end=end)


def _place(quote: str, figure_text: str, wanted: list, lang: str, where: str) -> tuple[int, int, list[NumberMatch]]:
    """Where ``figure_text`` stands in ``quote`` as whole numbers, and the quote's number matches that cover it.

    The figure text may occur more than once (112 in "1.112 ... 112 motos"): the place is the one occurrence
    where the numbers read in the quote are exactly those of the figure text.
    """
    in_quote = find_numbers(quote, lang)
    places = []
    at = quote.find(figure_text)
    while at >= 0:
        end = at + len(figure_text)
        covering = [m for m in in_quote if m.start < end and m.end > at]
        unread = [m for m in covering if m.value is None]
        if unread:
            raise QuantityError(f"{where}{unread[0].text!r} in the quote cannot be read ({unread[0].reason})")
        if [abs(m.value) for m in covering] == wanted and all(_core_inside(m, at, end, quote) for m in covering):
            places.append((at, end, covering))
        at = quote.find(figure_text, at + 1)
    if not places:
        if figure_text not in quote:
            raise QuantityError(f"{where}the figure text {figure_text!r} is not in the quote")
        raise QuantityError(f"{where}{figure_text!r} is only part of a number in the quote")
    if len(places) > 1:
        raise QuantityError(f"{where}{figure_text!r} stands {len(places)} times in the quote as a whole number")
    return places[0]


# A noun in the dual says "two" by itself (Ryding, A Reference Grammar of Modern Standard Arabic, 2005, §15.2.2:
# the dual is used for two, with no numeral). Only a figure text that is one such word and holds no numeral is
# read so: the curators named it as the words that state the number ("الشخصان"، "شخصين").
_DUAL = re.compile(r"^(?:ال)?[\u0621-\u064a]{2,}(?:ان|ين|تان|تين)$")


def _is_dual(figure_text: str, lang: str) -> bool:
    return lang == "ar" and bool(_DUAL.match(normalise(figure_text.strip())))


def _dual(quote: str, figure_text: str, lang: str, where: str, unit: str | None) -> Quantity:
    if unit not in (None, "count"):
        raise QuantityError(f"{where}the dual {figure_text!r} counts two, but the metric is counted in {unit}")
    count = quote.count(figure_text)
    if count != 1:
        raise QuantityError(f"{where}the dual {figure_text!r} occurs {count} times in the quote, expected once")
    start = quote.index(figure_text)
    return Quantity(Decimal(2), "count", "exact", "none", start, start + len(figure_text))


def _core_inside(m: NumberMatch, start: int, end: int, quote: str) -> bool:
    """The match adds to the figure text only words that are not digits (a qualifier before, % or فقط after)."""
    return not re.search(r"\d", quote[m.start:start]) and not re.search(r"\d", quote[end:m.end])


def _words(text: str) -> list[tuple[str, int, int]]:
    """(lookup form, start, end) of each word of ``text``: Arabic normalised, others lower-case."""
    out = []
    for w in _WORD.finditer(text):
        word = w.group()
        form = normalise(word) if re.match(r"[\u0600-\u06ff]", word) else word.lower()
        out.append((form, w.start(), w.end()))
    return out


def _unit_and_value(figure_text: str, parts: list[NumberMatch], matches: list[NumberMatch], lang: str,
                    where: str) -> tuple[str | None, Decimal]:
    """The unit the text writes (None when it writes none) and the value in that unit."""
    words = _words(figure_text)
    weights = [(form, s, e) for form, s, e in words if form in WEIGHT_UNITS]
    currencies = {CURRENCIES[form] for form, _, _ in words if form in CURRENCIES}
    percent = any(m.percent for m in matches) or any(m.percent for m in parts)
    kinds = [k for k, present in (("percent", percent), ("kg", bool(weights)), ("currency", bool(currencies)))
             if present]
    if len(kinds) > 1 or len(currencies) > 1:
        raise QuantityError(f"{where}{figure_text!r} mixes units ({', '.join(kinds + sorted(currencies))})")
    if weights:
        return "kg", _weight(figure_text, parts, weights, where)
    if len(parts) != 1:
        raise QuantityError(f"{where}{figure_text!r} holds {len(parts)} numbers and no unit that joins them")
    value = abs(Decimal(str(parts[0].value)))  # a sign is read as the direction of a change
    if currencies:
        return currencies.pop(), value
    return ("percent" if percent else None), value


def _weight(figure_text: str, parts: list[NumberMatch], units: list[tuple[str, int, int]], where: str) -> Decimal:
    """Kilograms: each unit word takes the number written just before it (one when there is none)."""
    total = Decimal(0)
    used = set()
    for form, start, _ in units:
        before = [m for m in parts if m.end <= start and not figure_text[m.end:start].strip()]
        if before:
            used.add(before[-1].start)
            amount = Decimal(str(before[-1].value))
        else:
            amount = Decimal(1)  # "طن و948 كيلوغراما", "une tonne": the unit word alone is one
        total += amount * WEIGHT_UNITS[form]
    loose = [m.text for m in parts if m.start not in used]
    if loose:
        raise QuantityError(f"{where}{figure_text!r}: {', '.join(map(repr, loose))} has no weight unit")
    return total.normalize() if total != total.to_integral_value() else total.quantize(Decimal(1))


def _qualifier(quote: str, start: int, matches: list[NumberMatch], lang: str) -> str:
    """The number reader's qualifier, or a qualifying verb earlier in the clause (no other number between)."""
    qualifier = matches[0].qualifier
    if qualifier == "exact" and matches[0].start > start:
        # the figure text starts with a word, not its first number ("أكثر من طن و700 كيلوغرام"): ask the number
        # reader what qualifies a number standing where the figure text starts (one rule for qualifiers)
        probe = quote[:start] + "1"
        found = find_numbers(probe, lang)
        if found and found[-1].end == len(probe):
            qualifier = found[-1].qualifier
    if qualifier != "exact":
        return qualifier
    if len(matches) > 1 and matches[-1].qualifier == "only":
        return "only"
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(quote, 0, matches[0].start)), default=0)
    clause = quote[clause_start:matches[0].start]
    if re.search(r"\d", clause):
        clause = clause[clause.rfind(re.findall(r"\d", clause)[-1]) + 1:]
    forms = [_PREFIX.sub("", form) if not form.startswith(("لم", "لا")) else form for form, _, _ in _words(clause)]
    found, i = "exact", 0
    while i < len(forms):  # the last phrase before the number wins; a longer phrase before its own last word
        match = next(((phrase, q) for phrase, q in _CLAUSE_QUALIFIERS if tuple(forms[i:i + len(phrase)]) == phrase),
                     None)
        if match:
            found = match[1]
            i += len(match[0])
        else:
            i += 1
    return found


def _direction(quote: str, start: int, end: int) -> str:
    """'down', 'up' or 'none': the nearest word of fall or rise before the number, a sign, or the nearest after."""
    def kind(form: str) -> str | None:
        bare = _PREFIX.sub("", form) if re.match(r"[\u0600-\u06ff]", form) else form
        for stem in _DOWN:
            if bare.startswith(stem) or form.startswith(stem):
                return "down"
        for stem in _UP:
            if bare.startswith(stem) or form.startswith(stem):
                return "up"
        return None

    before = [k for form, s, _ in _words(quote[:start]) if (k := kind(form))]
    if before:
        return before[-1]
    sign = _SIGN_BEFORE.search(quote[:start]) or re.match(r"\s*([-−–+])", quote[start:end])
    if sign:
        return "up" if sign.group(1) == "+" else "down"
    after = [k for form, _, _ in _words(quote[end:]) if (k := kind(form))]
    return after[0] if after else "none"
