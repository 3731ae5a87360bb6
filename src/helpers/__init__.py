"""Helpers for the DGSN 2025 security-communication notebook collection.

Modules:
    paths           project folders (RAW, PROCESSED, FIGURES, ...)
    arabic_numbers  read numbers and dates as the Arabic press writes them (lang="fr": French, via french_numbers)
    number_match    NumberMatch, DateMatch, NumberError and the digit rules both readers share
    source          the raw report: checksum, where the report ends, provenance
    figures         build, write and load data/processed/figures.csv
    checks          the report's sums, changes and claims, recomputed
"""
