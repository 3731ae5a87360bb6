"""The words of the data, from data/curated: what each allowed value means, units and their counted forms,
short labels of figures and series metrics.

The allowed values themselves are defined once, in data/datapackage.json (helpers.datapackage.schema); the curated files
here give each of them words, and loading fails when a value has no words or words stand for a value the
schema does not allow.

    value-labels.csv  resource, field, value -> label, sentence phrase ("about {n}") and meaning, in both languages
    units.csv         unit -> labels and the forms of its noun after a number (helpers.language.grammar)
    figure-labels.csv figure id -> short label and the words that follow its count ("of the live broadcasts")
    series-metrics.csv series metric -> short label and unit
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from helpers.datapackage import schema
from helpers.datapackage.csvio import read_table
from helpers.errors import DataError
from helpers.language.bidi import check_pair
from helpers.language.grammar import FORMS, CountedNoun

LABELS_CSV = schema.path("figure_labels")
VALUE_LABELS_CSV = schema.path("value_labels")
UNITS_CSV = schema.path("units")
SERIES_METRICS_CSV = schema.path("series_metrics")
LANGUAGES = ("en", "ar")


@dataclass(frozen=True)
class Bilingual:
    """One text in Arabic and in English (a table's header or cell, a label): Arabic first, as everywhere in the
    collection. A pair given the wrong way round is refused (helpers.language.bidi.check_pair)."""

    ar: str
    en: str

    def __post_init__(self):
        check_pair(self.ar, self.en)

    def text(self) -> str:
        """Both on one line, English first (for plain text, where the Arabic would otherwise lead the line)."""
        return " · ".join(part for part in (self.en, self.ar) if part)


@dataclass(frozen=True)
class ValueLabel:
    """Words for one allowed value of a field."""

    value: str
    label_en: str
    label_ar: str
    phrase_en: str
    phrase_ar: str
    meaning_en: str
    meaning_ar: str

    def label(self, lang: str) -> str:
        return getattr(self, f"label_{_lang(lang)}")

    def meaning(self, lang: str) -> str:
        return getattr(self, f"meaning_{_lang(lang)}")

    def phrase(self, number_text: str, lang: str) -> str:
        """The value in a sentence: ``phrase("2,400,000", "en")`` -> "about 2,400,000" for ``about``."""
        template = getattr(self, f"phrase_{_lang(lang)}") or "{n}"
        return template.replace("{n}", number_text)


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def _enum_fields(field: str) -> dict[str, tuple[str, ...]]:
    """Every resource of the data package whose ``field`` has allowed values: resource -> values."""
    out = {}
    for res in schema.package()["resources"]:
        if field not in schema.columns(res["name"]) or "enumFrom" in schema.field(res["name"], field):
            continue  # no such field, or its values are another field's, with that field's words
        try:
            out[res["name"]] = schema.allowed(res["name"], field)
        except KeyError:
            continue
    return out


@lru_cache(maxsize=1)
def _value_labels() -> dict[tuple[str, str], dict[str, ValueLabel]]:
    """Words per (resource, field); resource ``*`` gives words to a field in every resource that has it, has no
    words of its own and shares values with it (the qualifiers mean the same in every table; the counted nouns of
    figures.unit, whose words are in units.csv, share none with the measurement units)."""
    found: dict[tuple[str, str], dict[str, ValueLabel]] = {}
    lines: dict[tuple[str, str], int] = {}
    for n, row in enumerate(read_table(VALUE_LABELS_CSV, "value_labels"), start=1):
        key = (row["resource"], row["field"])
        try:
            if key[0] == "*":
                resources = _enum_fields(key[1])
                if not resources:
                    raise KeyError(f"no resource has an enum field {key[1]!r}")
                allowed = tuple(dict.fromkeys(v for values in resources.values() for v in values))
            else:
                allowed = schema.allowed(*key)
        except KeyError as err:
            raise DataError(VALUE_LABELS_CSV, str(err.args[0]), row=n, field="field", line=n + 1) from None
        if row["value"] not in allowed:
            raise DataError(VALUE_LABELS_CSV, f"{row['value']!r} is not an allowed value of {key[0]}.{key[1]} "
                                              f"({', '.join(allowed)})", row=n, field="value", line=n + 1)
        if row["value"] in found.setdefault(key, {}):
            raise DataError(VALUE_LABELS_CSV, "the same value twice", row=n, field="value", line=n + 1)
        lines.setdefault(key, n)
        found[key][row["value"]] = ValueLabel(**{k: row.get(k) or "" for k in ValueLabel.__dataclass_fields__})
    for key, words in found.items():
        needed = ([schema.allowed(*key)] if key[0] != "*" else
                  [values for res, values in _enum_fields(key[1]).items()
                   if (res, key[1]) not in found and set(values) & set(words)])
        missing = list(dict.fromkeys(v for values in needed for v in values if v not in words))
        if missing:
            raise DataError(VALUE_LABELS_CSV, f"no words for {', '.join(missing)} of {key[0]}.{key[1]}",
                            row=lines[key], field="value", line=lines[key] + 1)
    return found


def value_labels(resource: str, field: str) -> dict[str, ValueLabel]:
    """Words for every allowed value of ``resource.field``, in the schema's order."""
    found = _value_labels()
    words = found.get((resource, field))
    shared = found.get(("*", field))
    if words is None and shared is not None and set(shared) & set(schema.allowed(resource, field)):
        words = shared
    if words is None:
        raise KeyError(f"{VALUE_LABELS_CSV.name} has no words for {resource}.{field}")
    return {value: words[value] for value in schema.allowed(resource, field)}


def value_label(resource: str, field: str, value: str) -> ValueLabel:
    """Words for one value; KeyError names the allowed ones."""
    labels = value_labels(resource, field)
    if value not in labels:
        raise KeyError(f"{value!r} is not an allowed value of {resource}.{field} ({', '.join(labels)})")
    return labels[value]


# --- units ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """A unit of count: labels, English singular and plural, the Arabic forms after a number."""

    unit: str
    label_en: str
    label_ar: str
    singular_en: str
    plural_en: str
    noun_ar: CountedNoun | None  # None for an ordinal ("edition" of the figures is an n-th, not a count)

    def label(self, lang: str) -> str:
        return getattr(self, f"label_{_lang(lang)}")

    def noun(self, n: float, lang: str) -> str:
        """The noun that follows *n*: ``noun(29, "ar")`` -> "تكذيبا", ``noun(1, "en")`` -> "denial"."""
        if lang == "en":
            return self.singular_en if n == 1 else self.plural_en
        if self.noun_ar is None:
            raise ValueError(f"unit {self.unit!r} is not a count: {UNITS_CSV.name} gives it no noun forms")
        return self.noun_ar.after(n)


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Every row of data/curated/units.csv: the data package's units (kind "unit", every one of them) and the
    nouns prose counts besides them (kind "noun": values, days, checks...)."""
    allowed = schema.allowed("figures", "unit")
    found = {}
    for n, row in enumerate(read_table(UNITS_CSV, "units"), start=1):
        if row["kind"] == "unit" and row["unit"] not in allowed:
            raise DataError(UNITS_CSV, f"{row['unit']!r} is not a unit of the data package ({', '.join(allowed)})",
                            row=n, field="unit", line=n + 1)
        if row["unit"] in found:
            raise DataError(UNITS_CSV, "the same unit twice", row=n, field="unit", line=n + 1)
        forms = {name: row[f"{name}_ar"] for name in FORMS}
        given = [name for name, text in forms.items() if text.strip()]
        if given and len(given) < len(FORMS):
            missing = next(name for name in FORMS if name not in given)
            raise DataError(UNITS_CSV, "a counted noun needs all four forms", row=n, field=f"{missing}_ar",
                            line=n + 1)
        found[row["unit"]] = Unit(row["unit"], row["label_en"], row["label_ar"], row["singular_en"],
                                  row["plural_en"], CountedNoun(**forms) if given else None)
    missing = [u for u in allowed if u not in found]
    if missing:
        raise DataError(UNITS_CSV, f"no row for the unit(s) {', '.join(missing)} of the data package")
    return found


def unit(name: str) -> Unit:
    return units()[name]


# --- short labels -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShortLabel:
    """How a figure or a series metric is named where space is short (chart categories, table rows)."""

    ar: str
    en: str
    unit: str
    context_ar: str = ""  # words after its count: "2,400,000 visitors *at the Open Days*"
    context_en: str = ""

    def __post_init__(self):
        check_pair(self.ar, self.en, f"the short label of {self.unit!r}")

    def text(self, lang: str) -> str:
        return getattr(self, _lang(lang))

    def context(self, lang: str) -> str:
        return getattr(self, f"context_{_lang(lang)}")


@lru_cache(maxsize=1)
def _figure_labels() -> dict[str, ShortLabel]:
    rows = read_table(LABELS_CSV, "figure_labels")
    return {row["id"]: ShortLabel(row["short_ar"], row["short_en"], row["unit"], row["count_context_ar"],
                                  row["count_context_en"]) for row in rows}


@lru_cache(maxsize=1)
def _metric_labels() -> dict[str, ShortLabel]:
    rows = read_table(SERIES_METRICS_CSV, "series_metrics")
    return {row["metric"]: ShortLabel(row["short_ar"], row["short_en"], row["unit"]) for row in rows}


def figure_label(figure_id: str) -> ShortLabel:
    """Short labels of a figure (data/curated/figure-labels.csv)."""
    return _figure_labels()[figure_id]


def metric_label(metric: str) -> ShortLabel:
    """Short labels of a series metric (data/curated/series-metrics.csv)."""
    return _metric_labels()[metric]


SECTIONS_CSV = schema.path("sections")


@lru_cache(maxsize=1)
def _sections() -> dict[str, tuple[str, str]]:
    rows = read_table(SECTIONS_CSV, "sections")
    missing = [s for s in schema.allowed("sections", "section") if s not in {r["section"] for r in rows}]
    if missing:
        raise DataError(SECTIONS_CSV, f"no name for the section {missing[0]!r}", field="section")
    return {r["section"]: (r["title_en"], r["title_ar"]) for r in rows}


def section_name(section: str, lang: str) -> str:
    """The name of a section of the report (data/curated/sections.csv) in ``lang``."""
    en, ar = _sections()[section]
    return ar if _lang(lang) == "ar" else en
