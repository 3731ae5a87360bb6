"""Read a quantity from a press quote: value, unit, qualifier and direction of the number an outlet printed.

    >>> q = read_quantity("من ضمنها أزيد من 170 طنا و796 كيلوغراما من الحشيش", "170 طنا و796 كيلوغراما", "ar")
    >>> (q.value, q.unit, q.qualifier, q.direction)
    (Decimal('170796'), 'kg', 'more_than', 'none')

The numbers themselves come from the number reader (``helpers.reading.find_numbers``, in the quote's
language); this module only adds what a number alone does not say:

- **unit**: ``count | percent | kg | MAD | EUR | USD | GBP | years``. Weights combine their parts and are converted
  to kilograms ("170 طنا و796 كيلوغراما" = 170796 kg, "1 t 731,558 kg" = 1731.558 kg, "16 kg et 53 g" = 16.053 kg);
  a unit word with no number before it counts one ("طن و948 كيلوغراماً" = 1948 kg, "وطنا و922 كيلوغراما" = 1922 kg:
  a glued "و" is the conjunction). A weight whose digits have one mark before three digits ("98.543 tonnes") is
  read by the digit rules (98,543 t) unless the quote says the mark is a decimal point (see
  ``_check_grouping_before_weight``): then it is refused. Money stays in its currency. A figure of a metric
  counted in years ("for the ninth year in a row") is in years; anything else is a count.
- **qualifier**: read by the number reader from the words just before the number in the quote (and "فقط" after
  it); where none stands there, the clause before the number is searched for a qualifying verb (ناهزت نسبة ...
  68 بالمائة; "لم يتجاوز نسبة 0.7%", "ولم تتخط ... حاجز 4 في المائة"; French "n'ont pas dépassé la barre de 4 %",
  "dépassant cette année 95 %", and the restrictive "n'a atteint que 4 %" = only), see ``_CLAUSE_QUALIFIERS`` and
  ``_FR_CLAUSE_QUALIFIERS``.
- **direction** of a change: "de plus"/"de moins" right after the figure ("18 % de plus"), else the nearest word
  of rise or fall before the number in the quote (تراجع، انخفاض، ارتفاع، زيادة، متراجعة; baisse, recul, hausse,
  progression ...), else a sign written before it ("-10 %"), else the nearest such word after it. The value keeps
  the positive magnitude as published.

The figure text must be the whole number at its place in the quote: "112" inside "1.112" is refused; a number in
words whose digits follow in brackets ("six (06) concours") may be named by its words alone. Anything that cannot
be read whole raises :class:`QuantityError`, one line that names the observation. Nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from helpers.reading.arabic import QUALIFIER_PHRASES, normalise
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
# The active participles count too ("متراجعة بنسبة 12 بالمائة": falling by 12 percent).
_DOWN = ("تراجع", "انخفاض", "انخفض", "تقلص", "هبوط", "نقص", "ناقص", "تدني", "انحسار", "تناقص",
         "متراجع", "متقلص", "متناقص",
         "baisse", "baissé", "recul", "diminu", "chut", "effondr", "repli", "régress", "rédu", "decru", "décru")
_UP = ("ارتفاع", "ارتفع", "زياده", "تزايد", "ازدياد", "نمو", "تنامي", "قفز", "متزايد", "متنامي",
       "hausse", "augment", "progress", "ascension", "croissance", "bond", "accru", "grimp", "envol")
# "soit 18 % de plus qu'en 2022": "de plus"/"de moins" right after the figure says the direction by itself.
_MORE_LESS_AFTER = re.compile(r"\s+de\s+(plus|moins)\b(?!\s+(?:de|d['’]))", re.I)
_SIGN_BEFORE = re.compile(r"([-−–+])\s*$")

# Qualifying verbs that may stand a few words before their number in the same clause (the number reader reads the
# ones directly before it). Arabic normalised; each is a bound or an approximation of the number that follows.
# Every negated verb of exceeding the number reader knows ("لم تتخط", "لا يتعدى") is an upper bound here too.
_CLAUSE_QUALIFIERS = sorted([
    *((phrase, q) for phrase, q in QUALIFIER_PHRASES.items() if phrase[0] in ("لم", "لا", "لن")),
    (("ناهز",), "about"), (("ناهزت",), "about"), (("يناهز",), "about"), (("تناهز",), "about"),
    (("تجاوز",), "more_than"), (("تجاوزت",), "more_than"), (("يتجاوز",), "more_than"), (("تتجاوز",), "more_than"),
    (("تخطت",), "more_than"), (("تخطي",), "more_than"), (("يتخطي",), "more_than"), (("تتخطي",), "more_than"),
    (("فاق",), "more_than"), (("فاقت",), "more_than"), (("يفوق",), "more_than"), (("تفوق",), "more_than"),
], key=lambda item: -len(item[0]))  # longer phrases first: "لم يتجاوز" before "يتجاوز"
_NEGATIONS = {"لم", "لا", "لن"}
# French: verbs of exceeding, negated (an upper bound: "n'ont pas dépassé la barre de 4 %") or not (a lower bound:
# "dépassant cette année 95 %"), at most a few words before the number; and the restrictive "ne ... que" (Grevisse,
# Le Bon Usage, on ne ... que: "n'a atteint que 4 %", "ne représente plus que 6 %" = only), "que" directly before
# the number and no "pas" between (ne ... pas que: not only).
_FR_EXCEED = r"(?:dépass|excéd|excèd)\w*"
_FR_CLAUSE_QUALIFIERS = [
    (re.compile(rf"\b(?:n'\s*(?:a|ont|avait|avaient|aura|auront)\s+pas\s+{_FR_EXCEED}"
                rf"|ne\s+{_FR_EXCEED}\s+pas|n'\s*{_FR_EXCEED}\s+pas)\b"), "less_than"),
    (re.compile(rf"\b{_FR_EXCEED}\b"), "more_than"),
]
_FR_WINDOW = 5  # words between the verb and its number, at most ("la barre de", "cette année")
_FR_RESTRICTIVE = re.compile(r"\b(?:ne\s|n')(?P<between>.*?)\bqu(?:e\s+|')$")
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
    text_unit, value = _unit_and_value(quote, figure_text, parts, matches, lang, where)
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
    """The match adds to the figure text only words that are not digits (a qualifier before, % or فقط after), or
    the digits in brackets that restate a number in words ("six (06) concours": the figure text "six")."""
    after = quote[end:m.end]
    restated = m.value is not None and _RESTATED.fullmatch(after) and not re.search(r"\d", quote[start:end])
    return not re.search(r"\d", quote[m.start:start]) and (not re.search(r"\d", after) or bool(restated))


_RESTATED = re.compile(r"\s*\(\s*\d+\s*\)")


def _words(text: str) -> list[tuple[str, int, int]]:
    """(lookup form, start, end) of each word of ``text``: Arabic normalised, others lower-case."""
    out = []
    for w in _WORD.finditer(text):
        word = w.group()
        form = normalise(word) if re.match(r"[\u0600-\u06ff]", word) else word.lower()
        out.append((form, w.start(), w.end()))
    return out


def _unit_form(form: str) -> str:
    """A unit word's lookup form: "وطنا" (and a tonne: the conjunction glued to the unit word) is "طنا"."""
    if form[:1] == "و" and form not in WEIGHT_UNITS and form not in CURRENCIES and \
            (form[1:] in WEIGHT_UNITS or form[1:] in CURRENCIES) and re.match(r"[\u0600-\u06ff]", form):
        return form[1:]
    return form


def _unit_and_value(quote: str, figure_text: str, parts: list[NumberMatch], matches: list[NumberMatch], lang: str,
                    where: str) -> tuple[str | None, Decimal]:
    """The unit the text writes (None when it writes none) and the value in that unit."""
    words = [(_unit_form(form), s, e) for form, s, e in _words(figure_text)]
    weights = [(form, s, e) for form, s, e in words if form in WEIGHT_UNITS]
    currencies = {CURRENCIES[form] for form, _, _ in words if form in CURRENCIES}
    percent = any(m.percent for m in matches) or any(m.percent for m in parts)
    kinds = [k for k, present in (("percent", percent), ("kg", bool(weights)), ("currency", bool(currencies)))
             if present]
    if len(kinds) > 1 or len(currencies) > 1:
        raise QuantityError(f"{where}{figure_text!r} mixes units ({', '.join(kinds + sorted(currencies))})")
    if weights:
        _check_grouping_before_weight(quote, figure_text, parts, weights, lang, where)
        return "kg", _weight(figure_text, parts, weights, where)
    if len(parts) != 1:
        raise QuantityError(f"{where}{figure_text!r} holds {len(parts)} numbers and no unit that joins them")
    value = abs(Decimal(str(parts[0].value)))  # a sign is read as the direction of a change
    if currencies:
        return currencies.pop(), value
    return ("percent" if percent else None), value


# One mark and three digits before a weight unit: "98.543 tonnes". The number reader's rule (helpers.number_match.
# read_digits) makes the mark group thousands (a dot in French; a dot or comma in Arabic text), and it stands: a
# weight is read as printed, and an outlet's slip is for reconciliation to find. But three decimals are also how
# the press writes a weight to the next unit ("1,731 tonne", "190,178 kg"), so the quote itself may say the mark is
# a decimal point: then the weight is not read. It says so when the quote writes the same mark as a decimal point
# elsewhere ("1.5 tonne ... 98.543 tonnes"), or, in French, when the unit word is singular after a value of two or
# more (the noun after a number takes the plural from two: Grevisse, Le Bon Usage; "1.948 tonne" is 1.948, not
# 1,948, tonnes).
_ONE_MARK_THREE = re.compile(r"(?<![\d.,])\d{1,3}([.,])\d{3}(?![\d.,])")
_SINGULAR_WEIGHTS = {"tonne", "kilogramme", "gramme", "kilo"}


def _check_grouping_before_weight(quote: str, figure_text: str, parts: list[NumberMatch],
                                  units: list[tuple[str, int, int]], lang: str, where: str) -> None:
    for form, start, _ in units:
        before = [m for m in parts if m.end <= start and not figure_text[m.end:start].strip()]
        if not before:
            continue
        m = before[-1]
        grouped = _ONE_MARK_THREE.search(m.text.translate(_TO_ASCII))
        if not grouped or (lang == "fr" and grouped.group(1) != "."):
            continue
        mark = grouped.group(1)
        decimal_elsewhere = re.search(rf"\d{re.escape(mark)}(?:\d{{1,2}}|\d{{4,}})(?![\d.,])",
                                      quote.translate(_TO_ASCII))
        singular = lang == "fr" and form in _SINGULAR_WEIGHTS and m.value is not None and abs(m.value) >= 2
        if decimal_elsewhere or singular:
            why = (f"the quote writes {mark!r} as a decimal point in {decimal_elsewhere.group()!r}"
                   if decimal_elsewhere else f"the singular {form!r} says it is a decimal point")
            raise QuantityError(f"{where}{m.text!r} before {form!r}: {mark!r} before three digits groups thousands, "
                                f"but {why}")


_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


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
    if lang == "fr":
        return _french_clause_qualifier(clause)
    forms = [form[1:] if form[1:] in _NEGATIONS and form[0] in "وف" else  # ولم تتجاوز
             form if form.startswith(("لم", "لا")) else _PREFIX.sub("", form) for form, _, _ in _words(clause)]
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


def _french_clause_qualifier(clause: str) -> str:
    """The qualifier a French clause puts on the number that ends it (see _FR_CLAUSE_QUALIFIERS)."""
    text = clause.lower().replace("’", "'")
    restrictive = _FR_RESTRICTIVE.search(text)
    if restrictive and not re.search(r"\b(?:pas|jamais)\b", restrictive.group("between")) and \
            len(restrictive.group("between").split()) <= _FR_WINDOW + 2:
        return "only"
    best = None
    for pattern, qualifier in _FR_CLAUSE_QUALIFIERS:
        for m in pattern.finditer(text):
            if len(text[m.end():].split()) <= _FR_WINDOW and (best is None or m.end() > best[0]):
                best = (m.end(), qualifier)
        if best is not None:
            break  # a negated verb before the bare verb it contains
    return best[1] if best else "exact"


def _direction(quote: str, start: int, end: int) -> str:
    """'down', 'up' or 'none': "de plus"/"de moins" right after the figure, else the nearest word of fall or rise
    before the number, a sign, or the nearest such word after it."""
    attached = _MORE_LESS_AFTER.match(quote, end)
    if attached:
        return "up" if attached.group(1).lower() == "plus" else "down"

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
