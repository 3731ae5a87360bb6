"""Helpers for the DGSN reports notebook collection, in subpackages by job, in the order the data flows:

    reading       text to numbers: numbers, dates and quantities as the Arabic and French press write them
    datapackage   what a table is and how it is read and checked (data/datapackage.json)
    language      how a value is written for each reader: number formats, bidi, grammar, labels, wording
    build         raw and curated data to data/processed, by the rules; every processed table loaded one way
    analysis      the processed tables to what the notebooks show
    presentation  tables and charts
    publishing    the notebook catalogue, execution, the site, JupyterLab

A subpackage imports only those above it in this list (a test checks it), and says its job in its docstring.
At the top: ``paths`` (project folders), ``errors`` (the one-line DataError), ``fast_start`` and ``notebook``
(``setup()`` for a notebook's first cell, ``say()`` for a sentence in both languages).
"""

# Every process that imports helpers (a notebook's kernel, the build, the site) starts without jsonschema's IRI
# format checker, whose import builds ~35 parsers (about 3 s): see helpers.fast_start for why that is safe.
from . import fast_start  # noqa: E402,F401

# A DataError or Ctrl-C that reaches the top of a plain Python process (a command, even while it is still importing
# its modules) is printed as one line, not a traceback: see helpers.errors.
from .errors import install_excepthook  # noqa: E402

install_excepthook()
