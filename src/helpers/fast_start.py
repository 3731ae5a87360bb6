"""Import first (``-p helpers.fast_start`` for pytest, or at the top of a command) to start 1-3 s faster.

nbformat imports jsonschema, which imports its optional IRI format checker, rfc3987-syntax (pulled in by
jupyter-events' ``jsonschema[format-nongpl]``); that module builds ~35 Earley parsers at import, in every process
that validates a notebook: the pytest controller and each xdist worker, the site builder. No schema used here
(notebooks, the data package) has an IRI format, so the checker is left out: jsonschema treats the module as
absent and skips that one format.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)
