"""The site both site test modules check: built from the committed notebooks plus one fixture notebook, offline,
into a temporary folder (tests/test_site.py, tests/test_site_reader.py; each module builds its own, so that the two
run on two workers)."""
from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from PIL import Image

from helpers.paths import ROOT
from helpers.publishing import site
from helpers.publishing.catalogue import Notebook, by_group, catalogue, find_notebooks

ARABIC_PARAGRAPH = "يعرض هذا الدفتر عدد الزوار في تقرير المديرية العامة للأمن الوطني لسنة 2025 حول التواصل الأمني."
ENGLISH_PARAGRAPH = "This notebook shows how many visitors the DGSN 2025 report on security communication counts."
FRENCH_PARAGRAPH = "Ce carnet présente les chiffres de la sécurité publique publiés par la presse marocaine."
STATED_ALT = "Bar chart: visitors per day, stated by the chart's own alt metadata"
CHART_CALL = "fig = charts.barh(labels, values, title_en='Visitors per day', title_ar='الزوار في اليوم')"
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: the build date the fixture site shows
FIXTURE_STEM = "99-fixture"


def png(colour: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def fixture_notebook(folder: Path) -> Path:
    """A notebook with stored outputs (no kernel needed): Arabic in its div, English and French paragraphs, a chart
    without alt metadata, one with it, a table with Arabic, and a cell tagged show-input."""
    chart = new_output("display_data", data={"image/png": png("red"), "text/plain": "<Figure>"})
    stated = new_output("display_data", data={"image/png": png("blue"), "text/plain": "<IPython.core.display.Image>"},
                        metadata={"image/png": {"alt": STATED_ALT}})
    table = new_output("display_data", data={"text/html": "<table><tr><th>المؤشر</th><th>value</th></tr>"
                                                          "<tr><td>عدد الزوار</td><td>2400000</td></tr></table>",
                                             "text/plain": "table"})
    nb = new_notebook(cells=[
        new_markdown_cell(f'# 99 · تجربة · Fixture\n\n<div dir="rtl" lang="ar">\n\n{ARABIC_PARAGRAPH}\n\n</div>\n\n'
                          f"{ENGLISH_PARAGRAPH}\n\n{FRENCH_PARAGRAPH}"),
        new_markdown_cell("## Charts · الرسوم"),
        new_code_cell(CHART_CALL, execution_count=1, outputs=[chart]),
        new_code_cell("display(Image(data=png, alt=alt))", execution_count=2, outputs=[stated]),
        new_code_cell("table", execution_count=3, outputs=[table]),
        new_code_cell("print('shown')", execution_count=4, metadata={"tags": ["show-input"]},
                      outputs=[new_output("stream", name="stdout", text="shown\n")]),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    chart_file = sorted((ROOT / "figures").glob("*.png"))[0]
    nb.metadata["helpers"] = {"title_en": "Fixture", "title_ar": "تجربة", "group": "press",
                              "reads": ["data/processed/figures.csv", "data/raw/sources.json"],
                              "writes": [f"figures/{chart_file.name}", f"figures/{chart_file.stem}.svg"]}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    path = folder / f"{FIXTURE_STEM}.ipynb"
    nbformat.write(nb, path)
    return path


@dataclass
class Site:
    out: Path
    work: Path
    notebooks: list[Notebook]
    paths: list[Path]

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / name).read_text(encoding="utf-8"), "html.parser")

    def reading_order(self) -> list[Notebook]:
        return [nb for _, members in by_group(self.notebooks) for nb in members]


def build(paths: list[Path], work: Path, **options) -> Path:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        return site.build_site(paths, work / "html", srcdir=work / "src", doctrees=work / "doctrees", quiet=True,
                               **options)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    paths = [*find_notebooks(), fixture_notebook(tmp_path_factory.mktemp("fixture-notebooks"))]
    work = tmp_path_factory.mktemp("site")
    build(paths, work)
    return Site(work / "html", work, catalogue(paths), paths)
