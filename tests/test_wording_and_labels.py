"""Words of the data (helpers.language.labels) and numbers, counts and dates per language (helpers.language.wording)."""
import pytest

from helpers.build.load import load_figures
from helpers.datapackage import schema
from helpers.errors import DataError
from helpers.language import labels, wording
from helpers.language.bidi import isolate
from helpers.language.formats import NBSP, format_number, format_percent

# --- labels -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("resource, field", [
    ("checks", "status"), ("checks", "kind"), ("checks", "recomputed_qualifier"), ("figures", "qualifier"),
    ("series", "qualifier"), ("series", "check"), ("series", "mapping"), ("exclusions", "kind"),
    ("observations", "qualifier"), ("observations", "unit"), ("observations", "direction"),
    ("observations", "agreement"), ("report_figures", "status"), ("report_figures", "kind"),
    ("stated_changes", "status"), ("stated_changes", "before_from"), ("metrics", "kind"),
])
def test_every_allowed_value_has_words_in_both_languages(resource, field):
    words = labels.value_labels(resource, field)
    assert list(words) == list(schema.allowed(resource, field))  # no more, no fewer, the schema's order
    for value, label in words.items():
        assert label.label_en and label.label_ar and label.meaning_en and label.meaning_ar, value


def test_a_label_for_a_value_the_schema_does_not_allow_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "value-labels.csv"
    text = labels.VALUE_LABELS_CSV.read_text(encoding="utf-8")
    bad.write_text(text.replace("checks,status,flag,", "checks,status,suspicious,", 1), encoding="utf-8")
    n = next(i for i, line in enumerate(text.splitlines()) if line.startswith("checks,status,flag,"))
    monkeypatch.setattr(labels, "VALUE_LABELS_CSV", bad)
    labels._value_labels.cache_clear()
    try:
        with pytest.raises(DataError, match=rf"value-labels.csv: row {n} \(line {n + 1}\), field 'value': "
                                            "'suspicious' is not an allowed value of checks.status"):
            labels.value_labels("checks", "status")
    finally:
        labels._value_labels.cache_clear()


def test_words_shared_by_every_table_are_refused_when_one_value_is_missing(tmp_path, monkeypatch):
    """A '*' row names a field of every table: a table whose values it covers only in part is an error."""
    bad = tmp_path / "value-labels.csv"
    lines = labels.VALUE_LABELS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    bad.write_text("".join(line for line in lines if not line.startswith("*,qualifier,less_than,")), encoding="utf-8")
    monkeypatch.setattr(labels, "VALUE_LABELS_CSV", bad)
    labels._value_labels.cache_clear()
    try:
        with pytest.raises(DataError, match=r"no words for less_than of \*\.qualifier"):
            labels.value_labels("observations", "qualifier")
    finally:
        labels._value_labels.cache_clear()


def test_every_unit_of_the_data_package_has_noun_forms():
    for name in schema.allowed("figures", "unit"):
        unit = labels.unit(name)
        assert unit.noun_ar is not None and unit.singular_en and unit.plural_en, name


def test_every_figure_and_metric_has_short_labels():
    figures = load_figures()
    for figure_id in figures.index:
        assert labels.figure_label(figure_id).ar and labels.figure_label(figure_id).en
    for metric in schema.allowed("series", "metric"):
        assert labels.metric_label(metric).ar and labels.metric_label(metric).unit in schema.allowed("figures", "unit")


# --- numbers per language ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, lang, expected", [
    (6862, "en", "6,862"), (6862, "ar", "6.862"), (6862, "neutral", f"6{NBSP}862"),
    (2400000, "en", "2,400,000"), (2400000, "ar", "2.400.000"), (999, "en", "999"),
])
def test_format_number_per_language(n, lang, expected):
    assert format_number(n, lang=lang) == expected


@pytest.mark.parametrize("x, lang, expected", [(27.5, "en", "27.5%"), (-27.5, "en", "\u221227.5%")])
def test_format_percent_in_english(x, lang, expected):
    assert format_percent(x, lang=lang) == expected


def test_isolate():
    assert isolate("الزوار 2024", "rtl") == "\u2067الزوار 2024\u2069"
    assert isolate("x") == "\u2068x\u2069"


@pytest.mark.parametrize("args, kwargs, expected", [
    ((2400000, "visitors", "ar"), {"qualifier": "about"}, "حوالي 2.400.000 زائر"),
    ((2400000, "visitors", "en"), {"qualifier": "about"}, "about 2,400,000 visitors"),
    ((29, "denials", "ar"), {"qualifier": "only"}, "29 تكذيبا فقط"),
    ((29, "denials", "en"), {"qualifier": "only"}, "only 29 denials"),
    ((29000000, "views", "ar"), {"qualifier": "more_than"}, "أكثر من 29.000.000 مشاهدة"),
    ((5, "days", "ar"), {}, "5 أيام"),
    ((1, "days", "en"), {}, "1 day"),
    ((2, "visitors", "ar"), {}, "2 زائران"),
    ((865, "activities", "en"), {"qualifier": "at_least", "resource": "checks", "field": "recomputed_qualifier"},
     "at least 865 media activities"),
    ((865, "activities", "ar"), {"qualifier": "at_least", "resource": "checks", "field": "recomputed_qualifier"},
     "865 نشاطا إعلاميا على الأقل"),
])
def test_count(args, kwargs, expected):
    assert wording.count(*args, **kwargs) == expected


@pytest.mark.parametrize("iso, en, ar", [
    ("2025", "2025", "2025"),
    ("2025-05-17/2025-05-21", "17-21 May 2025", "17-21 ماي 2025"),
    ("2025-09/2025-12", "September-December 2025", "شتنبر-دجنبر 2025"),
    ("2025-05-30/2025-06-02", "30 May-2 June 2025", "30 ماي-2 يونيو 2025"),
    ("2025-12-17", "17 December 2025", "17 دجنبر 2025"),
    ("2024-12/2025-01", "December 2024-January 2025", "دجنبر 2024-يناير 2025"),
])
def test_period(iso, en, ar):
    assert (wording.period(iso, "en"), wording.period(iso, "ar")) == (en, ar)


def test_figure_caption_uses_the_right_noun_form():
    figures = load_figures()
    assert wording.figure_caption(figures, "media.activities_total", "ar") == "نشاطا إعلاميا"
    assert wording.figure_caption(figures, "open_days.visitors", "ar") == "زائر للأبواب المفتوحة"
    assert wording.figure_count(figures, "open_days.live_views", "en") == \
        "more than 29,000,000 views of the live broadcasts"
