"""The notebooks' conventions: numbered, python3, narrative first in Arabic and English, run top to bottom, outputs
committed and deterministic, no figures typed into code, every figure shown somewhere."""
import re

import nbformat
import pandas as pd
import pytest

from helpers.paths import NOTEBOOKS, PROCESSED

PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")


def mostly(script, text: str) -> bool:
    other = LATIN if script is ARABIC else ARABIC
    return len(script.findall(text)) > 4 * len(other.findall(text))


def read(path):
    return nbformat.read(path, as_version=4)


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
            parts.append(out.get("data", {}).get("text/html", ""))
    return "\n".join(parts)


def test_the_collection_is_numbered_from_00_without_gaps():
    assert [p.name[:2] for p in PATHS] == [f"{i:02d}" for i in range(len(PATHS))]
    assert all(re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", p.name) for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_conventions(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    titles = nb.metadata["helpers"]
    assert ARABIC.search(titles["title_ar"]) and titles["title_en"]
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    paragraphs = [p for p in first.source.split("\n\n")[1:] if p.strip()]
    assert any(mostly(ARABIC, p) and len(p) > 100 for p in paragraphs), "an Arabic paragraph at the top"
    assert any(mostly(LATIN, p) and len(p) > 100 for p in paragraphs), "an English paragraph at the top"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_run_top_to_bottom_with_outputs_committed(path):
    code = [c for c in read(path).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert any(c.outputs for c in code)
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_outputs_are_deterministic(path):
    text = outputs_text(read(path))
    assert not re.search(r" at 0x[0-9a-f]{6,}", text), "a memory address in the outputs"
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "a timestamp in the outputs"
    for cell in read(path).cells:
        assert "execution" not in cell.get("metadata", {}), "cell timings stored"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_figures_typed_into_code(path):
    """Numbers come from the data: code cells hold no literal of three or more digits (years excepted)."""
    for cell in read(path).cells:
        if cell.cell_type == "code":
            code = re.sub(r"#.*", "", cell.source)
            code = re.sub(r"(['\"]).*?\1", "", code)  # strings: labels, not values
            typed = set(re.findall(r"(?<![\w.])\d{3,}(?![\w.])", code)) - {"2024", "2025"}
            assert not typed, f"number literals in a code cell: {sorted(typed)}"


def test_every_figure_is_shown_in_a_section_notebook():
    """Each row of figures.csv appears in a table of a notebook other than the overview (00)."""
    shown = "\n".join(outputs_text(read(p)) for p in PATHS if not p.name.startswith("00"))
    ids = pd.read_csv(PROCESSED / "figures.csv")["id"]
    assert [i for i in ids if i not in shown] == []
