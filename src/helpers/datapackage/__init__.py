"""The data package: what a table is, and how it is read and checked. Every file under data/ is read here, through
one door: the tables as resources of data/datapackage.json, through their schema; the JSON files (the data package
itself, raw/sources.json, processed/manifest.json) through the same reader, their structure checked.

It imports helpers.reading (the article's numbers are read on loading) and the top-level paths and errors, never a
higher subpackage. Reading refuses what is not whole with one line naming the file, the row and the field; every
write is atomic (a temporary file beside the target, then a rename).

    files     bytes in and out: the one reader (missing, empty, BOM, encoding, JSON), digests, atomic writes
    schema    the data package itself, its structure checked: resources, columns, allowed values, foreign keys
    csvio     tables in and out: strict reading through the schema (types, values, foreign keys), whole numbers
              kept whole, the build's tables and manifest written whole
    manifest  what the build wrote, from which inputs, by which code: when a table can be trusted unrebuilt
    raw       the raw files' provenance (data/raw/sources.json): checksums, encodings, row counts
    article   the raw article: its text, where the report ends, every number and date in it
    press     the press coverage (data/raw/press-coverage.tsv)
    curation  the curated figures: metrics.csv, figure-hints.csv, observation-figures.csv
"""
