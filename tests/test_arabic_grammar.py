"""Arabic number-noun agreement (helpers.language.grammar), against a grammar reference and the report's own text.

Reference: Karin C. Ryding, *A Reference Grammar of Modern Standard Arabic* (Cambridge University Press, 2005),
chapter 15, "Numerals and numeral constructions": 1 takes the singular and 2 the dual; 3-10 a genitive plural;
11-99 an accusative singular (tamyiz); 100, 1000 and 10^6 a genitive singular; in a compound number the counted
noun follows the last element (e.g. 103 كتب, 111 كتابا).
"""
import pytest

from helpers.language.grammar import CountedNoun, noun_form
from helpers.language.labels import unit

BOOK = CountedNoun(singular="كتاب", dual="كتابان", plural="كتب", accusative="كتابا")


@pytest.mark.parametrize("n, form", [
    (1, "singular"), (2, "dual"),                                   # Ryding 15.1: one and two
    (3, "plural"), (7, "plural"), (10, "plural"),                   # 15.2: three to ten, genitive plural
    (11, "accusative"), (12, "accusative"), (19, "accusative"),     # 15.3: eleven to nineteen
    (20, "accusative"), (21, "accusative"), (99, "accusative"),     # 15.4: tens and compounds to 99
    (100, "singular"), (200, "singular"), (1000, "singular"),       # 15.5: hundreds and thousands, genitive
    (1000000, "singular"), (2400000, "singular"),
    (103, "plural"), (1010, "plural"),                              # compound: the last element decides
    (111, "accusative"), (6862, "accusative"),
    (101, "singular"), (1002, "singular"),                          # choice documented in the module
    (0, "plural"), (56.1, "singular"),
])
def test_noun_form(n, form):
    assert noun_form(n) == form


@pytest.mark.parametrize("n, expected", [(1, "كتاب"), (2, "كتابان"), (5, "كتب"), (15, "كتابا"), (300, "كتاب")])
def test_counted_noun_after(n, expected):
    assert BOOK.after(n) == expected


# The report itself is an oracle: its counted nouns, as printed, for the units of data/curated/units.csv.
@pytest.mark.parametrize("n, unit_name, printed", [
    (6862, "activities", "نشاطا إعلاميا"),          # «ما مجموعه 6862 نشاطا إعلاميا»
    (1973, "communiques", "بلاغا وخبرا صحفيا"),      # «1973 بلاغا وخبرا صحفيا»
    (4386, "reportages", "ربورتاجا"),               # «4386 ربورتاجا صحفيا»
    (29, "denials", "تكذيبا"),                      # «29 تكذيبا»
    (1916, "schools", "مؤسسة تعليمية"),             # «1916 مؤسسة تعليمية»
    (1500, "associations", "جمعية"),                # «نحو 1500 جمعية»
    (187, "media_outlets", "وسيلة إعلامية"),        # «187 وسيلة إعلامية»
    (1256, "media_items", "مادة إعلامية"),          # «1256 مادة إعلامية»
    (29000000, "views", "مشاهدة"),                  # «أكثر من 29 مليون مشاهدة»
    (600, "reportages", "ربورتاج"),                 # «أزيد من 600 ربورتاج»
    (260, "violent_contents", "محتوى"),             # «260 محتوى»
    (97, "children", "طفلا"),                       # «97 طفلا وطفلة»
    (317, "associations", "جمعية"),                 # «317 جمعية»
    (22, "forums", "منتدى"),                        # «أكثر من 22 منتدى»
    (2400000, "visitors", "زائر"),                  # «مليونين و400 ألف زائر»
])
def test_the_reports_own_counted_nouns(report, n, unit_name, printed):
    assert unit(unit_name).noun(n, "ar") == printed


@pytest.mark.parametrize("n, unit_name, printed, grammar", [
    # Where the press departs from the grammar, the helper follows the grammar (Ryding 15.4, the last element):
    (1268153, "followers", "منخرط", "متابعا"),      # «مليون و268 ألف و153 منخرط»: 53 asks for the accusative
    (503, "digital_contents", "محتوى رقمي", "محتويات رقمية"),  # «503 محتوى رقمي»: 3 asks for the plural
])
def test_where_the_press_departs_from_the_grammar(report, n, unit_name, printed, grammar):
    assert printed in report.text
    assert unit(unit_name).noun(n, "ar") == grammar


def test_a_noun_needs_all_four_forms():
    with pytest.raises(ValueError, match="lacks its dual"):
        CountedNoun(singular="زائر", dual="", plural="زوار", accusative="زائرا")


def test_a_count_cannot_be_negative():
    with pytest.raises(ValueError):
        noun_form(-1)
