"""One error type for bad input, worded as one line that names the file, the row and the field."""
from __future__ import annotations

from pathlib import Path

from helpers.paths import ROOT


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
