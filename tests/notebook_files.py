"""Small notebooks written for the tests of the execution and its incrementality."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def notebook(folder: Path, name: str, *cells: str, markdown: str = "# Title · عنوان") -> Path:
    """folder/name: a heading cell (*markdown*), then one code cell per item of *cells*, with the collection's
    kernel and metadata and stable cell ids."""
    nb = new_notebook(cells=[new_markdown_cell(markdown), *(new_code_cell(code) for code in cells)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["helpers"] = {"title_en": "Title", "title_ar": "عنوان", "group": "source"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    path = folder / name
    nbformat.write(nb, path)
    return path
