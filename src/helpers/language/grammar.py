"""Arabic number-noun agreement: which form of a counted noun goes with a number.

Modern Standard Arabic (Ryding, *A Reference Grammar of Modern Standard Arabic*, Cambridge University Press
2005, chapter 15, "Numerals and numeral constructions"):

====================  =========================================  ====================  ==================
number                the counted noun                          form here             example
====================  =========================================  ====================  ==================
1                     singular, the numeral follows as adjective  ``singular``          زائر (واحد)
2                     dual, the numeral is usually left out       ``dual``              زائران
3-10                  genitive plural                             ``plural``            7 زوار
11-99                 accusative singular (tamyiz)                ``accusative``        29 تكذيبا
100, 1000, 10^6 ...   genitive singular                           ``singular``          600 ربورتاج
====================  =========================================  ====================  ==================

Compound numbers take the form their *last* part asks for: 103 -> plural (مئة وثلاثة كتب), 6862 -> accusative
(ستة آلاف وثمانمئة واثنان وستون نشاطا), 2 400 000 -> genitive singular (مليونان وأربعمئة ألف زائر).

Where the grammar leaves a choice for numbers written in digits, this module chooses, and says so:

* a number above 100 whose last part is 1 or 2 (101, 1002): genitive singular, the noun following the hundreds
  or thousands as in "مئة كتاب وكتاب" (Ryding's construction), which is also how digits are read aloud;
* 0: plural, as the press writes "0 أهداف";
* a number with a fraction (2,5 مليون، 56,1): genitive singular, as after a fraction.

Unvocalized, the genitive and nominative singular are spelled alike, and so are the accusative and the singular
of nouns in ة or ى (مؤسسة، محتوى): the curated forms (data/curated/units.csv) are written as they are printed.
The plural is the form that follows 3-10, so for sound masculine plurals it is the genitive (متابعين).
"""
from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

FORMS = ("singular", "dual", "plural", "accusative")


def noun_form(n: Real) -> str:
    """The form of the counted noun after *n*: "singular", "dual", "plural" or "accusative" (see the table above)."""
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if n != int(n):
        return "singular"
    n = int(n)
    if n == 0:
        return "plural"
    if n == 1:
        return "singular"
    if n == 2:
        return "dual"
    last = n % 100  # the last part of a compound number decides
    if last == 0 or (n > 100 and last in (1, 2)):
        return "singular"
    if 3 <= last <= 10:
        return "plural"
    return "accusative"  # 11-99


@dataclass(frozen=True)
class CountedNoun:
    """The four printed forms of an Arabic noun (or noun phrase) that is counted."""

    singular: str
    dual: str
    plural: str
    accusative: str

    def __post_init__(self):
        empty = [name for name in FORMS if not getattr(self, name).strip()]
        if empty:
            raise ValueError(f"counted noun {self.singular!r} lacks its {', '.join(empty)} form")

    def after(self, n: Real) -> str:
        """The form that follows the number *n*: ``CountedNoun(...).after(29)`` -> "تكذيبا"."""
        return getattr(self, noun_form(n))
