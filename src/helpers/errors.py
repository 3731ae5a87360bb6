"""One error type for bad input, worded as one line that names the file, the row and the field; and the top of
every command, where such an error, an OSError or Ctrl-C ends the command with that one line.

A command's ``main`` is ``@guarded`` (``python -m helpers.build``, ``helpers.publishing.execute``, ``.site``...): its
status is ``main``'s, and a DataError or an OSError prints ``error: <one line>`` and returns 1, Ctrl-C prints one
line and returns 130; ``run_main(main)`` runs one and exits with its status. ``install_excepthook()`` (called when helpers is imported) does the same for a
DataError or Ctrl-C that reaches the top of any plain Python process, including one raised while a command's
modules are still being imported (a broken data/datapackage.json is read at import time); every other exception,
which is a bug, keeps its traceback.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

from helpers.paths import ROOT

INTERRUPTED = "interrupted (Ctrl-C): stopped; every file is either as it was or completely written"


class DataError(ValueError):
    """Bad input data. ``str(err)`` is one line: ``<file>: row <n> (line <m>), field '<f>': <problem>``."""

    def __init__(self, path: Path | str, problem: str, row: int | None = None, field: str | None = None,
                 line: int | None = None):
        self.path, self.row, self.field, self.problem = Path(path), row, field, problem
        where = []
        if row is not None:
            where.append(f"row {row}" + (f" (line {line})" if line is not None else ""))
        if row is None and line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field '{field}'")
        location = display_path(path) + (": " + ", ".join(where) if where else "")
        super().__init__(f"{location}: {problem}".replace("\n", " "))


def display_path(path: Path | str) -> str:
    """The path relative to the project root when it is inside the project, else as given."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def one_line(error: BaseException) -> str:
    """What a command prints for an error a user can cause (see the module's docstring)."""
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED
    if isinstance(error, OSError):
        where = display_path(error.filename) + ": " if error.filename else ""
        return f"error: {where}{error.strerror or error}".replace("\n", " ")
    return f"error: {error}".replace("\n", " ")


def guarded(main):
    """``main(argv)`` that returns 1 after printing a DataError or OSError as one line, 130 after Ctrl-C."""
    @functools.wraps(main)
    def command(argv: list[str] | None = None) -> int:
        try:
            return main(argv)
        except KeyboardInterrupt as error:
            print(one_line(error), file=sys.stderr)
            return 130
        except (DataError, OSError) as error:
            print(one_line(error), file=sys.stderr)
            return 1
    return command


def run_main(main, argv: list[str] | None = None):
    """Run a command's ``main(argv)`` (guarded) and exit with its status."""
    sys.exit(guarded(main)(argv))


def _excepthook(kind, error, traceback):
    if isinstance(error, (DataError, KeyboardInterrupt)):
        print(one_line(error), file=sys.stderr)
        return
    _previous(kind, error, traceback)


_previous = sys.excepthook


def install_excepthook() -> None:
    """A DataError or Ctrl-C that reaches the top of the process is printed as one line (not a traceback)."""
    global _previous
    if sys.excepthook is not _excepthook:
        _previous = sys.excepthook
        sys.excepthook = _excepthook
