"""Analysis: the processed tables to what the notebooks show. Computed, never typed: every number a notebook
prints or a sentence says comes from here or from the tables themselves.

It imports helpers.build (its rules and tables), helpers.datapackage and helpers.language, never
helpers.presentation or helpers.publishing; no matplotlib.

    sections   the section notebooks: figures by year, changes implied and stated, parts and totals, conflicts,
               headlines, summaries
    coverage   the press coverage: outlets, languages, dates, agreement, causes, roundings, copies
    changes    the stated changes in sentences
    series     the 2017-2025 communication series by year, what each value rests on, the total's changes
    findings   the site's findings, from the processed tables
    article    the article's findings (notebooks 00-08): small tests their conditions need (rounding, shares)
"""
