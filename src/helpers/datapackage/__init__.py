"""The data package: what a table is, and how it is read and checked. Every table under data/ is a resource of
data/datapackage.json, and is read here through its schema.

It imports helpers.reading (the article's numbers are read on loading) and the top-level paths and errors, never a
higher subpackage. Reading refuses what is not whole with one line naming the file, the row and the field.

    schema    the data package itself: resources, columns, allowed values
    csvio     CSV and JSON in and out: strict reading through the schema, atomic writing, the build manifest,
              whole numbers kept whole
    raw       the raw files' provenance (data/raw/sources.json) and their checksums
    article   the raw article: its text, where the report ends, every number and date in it
    press     the press coverage (data/raw/press-coverage.tsv)
    curation  the curated figures: metrics.csv, figure-hints.csv, observation-figures.csv
"""
