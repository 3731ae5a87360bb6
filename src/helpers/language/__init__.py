"""Language: how a value is written for each reader, in Arabic and in English. No matplotlib.

It imports helpers.datapackage (the curated words are tables of the data package) and the top-level paths and
errors, never a higher subpackage.

    formats   number formats per reader ("6,862", "6.862", "6 862"), percentages, qualifier marks (≈, +)
    bidi      direction of mixed text, bidi marks and isolates; the check that an (Arabic, English) pair is
              not swapped
    grammar   the form of a counted Arabic noun after a number
    labels    the words of the data: value labels, units and their noun forms, short labels, section names;
              ``Bilingual`` (Arabic first), the one type for a text in both languages
    wording   numbers, counts, qualifiers, dates and source lines written as a sentence says them
"""
