"""Fuzzing the number and date readers: whatever the text, only ValueError escapes and offsets slice to the text.

The texts are built from the pieces readers stumble on (numeral words of both languages, digits of three scripts
with every separator, signs, percent signs and words, qualifiers, brackets, glued prefixes, tatweel and
diacritics, line breaks) mixed with arbitrary Unicode.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.datapackage.schema import allowed
from helpers.reading.numbers import find_dates, find_numbers, parse_date, parse_number

PIECES = (
    "واحد إحدى اثنا اثنتا ثلاثة عشر عشرة عشرون وثمانونًا مائة مئتا ثلاثمائة ألف ألفا ألفاً آلاف مليون مليونا "
    "مليونان ملايين مليار بليون تريليون نصف ونصف ربع ثلث المليون الأول الحادي الاثنا الاثنين الأحد السادسة "
    "والعشرين رابع فاصلة صفر ناقص سالب في المائة بالمائة المئة حوالي بحوالي أكثر من لم يتجاوز ما يزيد عن فقط "
    "سوى و ب بـ لـ ـ ً ٌ ّ من إلى بين ماي دجنبر يناير سنة مليوني ألفي ملياري فالمية بعد المئة المائتين الألف "
    "وبأكثر ولم تتخط لا يقل عن درهم زائر "
    "un une deux vingt et -et- quatre-vingt cent cents mille million milliards billion premier sixième virgule "
    "pour p. plus de au moins moins de ne dépassant pas seulement du au mai décembre en d’environ d'environ entre"
).split() + ["0", "1", "12", "٣", "۴", "2025", "1.250", "779,008", "1 429", "٢٬٥٠٠٫٧٥", "17.05.2025", "-", "−",
             "+", "%", "٪", "(", ")", ".", ",", "،", "\n", " ", "\u00a0", "\u202f", "9" * 40, "00", "6،59",
             "%30،22", "45 000", "et", "(06)", "000"]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=14).map(
    lambda parts: "".join(p if i % 3 == 2 else p + " " for i, p in enumerate(parts)))


def _check_matches(text, matches):
    qualifiers = set(allowed("figures", "qualifier"))
    previous_end = 0
    for m in matches:
        assert text[m.start:m.end] == m.text
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert (m.value is None) == bool(m.reason)
        assert m.value is None or isinstance(m.value, (int, float))
        assert m.qualifier in qualifiers


@pytest.mark.parametrize("lang", ["ar", "fr"])
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_find_numbers_never_fails_and_offsets_slice(lang, text):
    _check_matches(text, find_numbers(text, lang))
    for d in find_dates(text, lang):
        assert text[d.start:d.end] == d.text and (d.iso == "") == bool(d.reason)


@pytest.mark.parametrize("lang", ["ar", "fr"])
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, st.text(max_size=30)))
def test_only_value_error_escapes(lang, text):
    try:
        value = parse_number(text, lang)
    except ValueError:
        pass
    else:
        assert isinstance(value, (int, float))
    try:
        parse_date(text, lang)
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode(text):
    for lang in ("ar", "fr"):
        _check_matches(text, find_numbers(text, lang))


@pytest.mark.parametrize("bad", [None, 12, b"12", ["12"]])
def test_a_non_text_is_a_value_error(bad):
    with pytest.raises(ValueError):
        parse_number(bad)
    with pytest.raises(ValueError):
        parse_date(bad)
