"""Helpers for the DGSN 2025 security-communication notebook collection.

Modules:
    paths           project folders (RAW, PROCESSED, CHARTS, ...)
    schema          tables, columns and allowed values, from data/datapackage.json
    arabic_numbers  read numbers and dates as the Arabic press writes them (lang="fr": French, via french_numbers)
    number_match    NumberMatch, DateMatch, NumberError and the digit rules both readers share
    source          the raw report: checksum, where the report ends, provenance
    figures         build, write and load data/processed/figures.csv
    series          the 2017-2025 series from other reports, how sure each value is
    checks          the report's claims set against the evidence, status and basis
    labels          the words of the data: value labels, units and Arabic noun forms, short labels
    arabic_grammar  the form of a counted Arabic noun after a number
    wording         numbers, counts, qualifiers and dates written for each language
    bounds          what a value computed from approximations and bounds is
    arabic_text     Arabic in charts: font, shaping, labels, number formats, bidi isolates
    charts          chart style and chart types; show() saves once and displays with alt text
    tables          the tables notebooks show, styled once
    notebook        setup() for a notebook's first cell; say() for a sentence in both languages
    site            execute the notebooks, render the offline HTML site
"""

# Every process that imports helpers (a notebook's kernel, the build, the site) starts without jsonschema's IRI
# format checker, whose import builds ~35 parsers (about 3 s): see helpers.fast_start for why that is safe.
from . import fast_start  # noqa: E402,F401
