"""helpers.publishing.execute: deterministic execution, one-line failures, what a notebook read and wrote, and which notebooks
a build executes again (the input key)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.paths import ROOT
from helpers.publishing import execute
from notebook_files import notebook

ARABIC = "عدد الزوار"

FIXTURE_CELLS = (
    "import pandas as pd\nimport matplotlib.pyplot as plt\n%matplotlib inline",
    f"pd.DataFrame({{'المؤشر': ['{ARABIC}'], 'value': [7]}})",
    "fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(['a', 'b'], [3, 5])\nplt.show()",
)


def test_execute_saves_deterministic_readable_notebooks(tmp_path):
    """Two fresh kernels, in parallel, on the same notebook: byte-identical files, stable JSON, env passed on."""
    src = tmp_path / "src"
    src.mkdir()
    check_env = "import os\nprint(os.environ['HELPERS_FIGURES_DIR'] == os.environ['EXPECTED'], 'تم')"
    a = notebook(src, "00-a.ipynb", *FIXTURE_CELLS, check_env)
    b = src / "01-b.ipynb"
    shutil.copyfile(a, b)
    os.environ["EXPECTED"] = str(tmp_path / "figures")
    try:
        execute.execute_notebooks([a, b], jobs=2, out_dir=tmp_path / "out", figures_dir=tmp_path / "figures")
    finally:
        del os.environ["EXPECTED"]
    saved_a, saved_b = ((tmp_path / "out" / name).read_text("utf-8") for name in ("00-a.ipynb", "01-b.ipynb"))
    assert saved_a == saved_b
    nb = nbformat.reads(saved_a, as_version=4)
    assert nb.cells[-1].outputs[0]["text"] == "True تم\n", "HELPERS_FIGURES_DIR reaches the kernel; Arabic kept"
    assert any(o.get("data", {}).get("image/png") for o in nb.cells[3].outputs)
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3, 4], "no extra request counted"
    assert saved_a.endswith("}\n") and '\n "cells": [\n  {\n' in saved_a  # indent=1, trailing newline
    assert "المؤشر" in saved_a and '"execution"' not in saved_a  # ensure_ascii=False; record_timing=False
    assert a.read_text("utf-8").count('"outputs": []') == 4, "the source notebook was left alone"


def test_records_the_project_files_read_and_the_charts_written(tmp_path):
    figures = tmp_path / "figures"
    path = notebook(tmp_path, "00-io.ipynb",
                    "import pandas as pd\nfrom helpers.paths import PROCESSED, RAW, CHARTS\n"
                    "rows = len(pd.read_csv(PROCESSED / 'checks.csv'))\n"
                    "meta = (RAW / 'sources.json').read_text(encoding='utf-8')",
                    "(CHARTS / 'chart.png').parent.mkdir(parents=True, exist_ok=True)\n"
                    "(CHARTS / 'chart.png').write_bytes(b'png')\n(CHARTS / 'chart.svg').write_text('svg')",
                    "import matplotlib.pyplot as plt  # reads its own files, outside the project: not recorded")
    execute.execute_notebooks([path], jobs=1, figures_dir=figures)
    meta = nbformat.read(path, as_version=4).metadata["helpers"]
    assert meta["reads"] == ["data/processed/checks.csv", "data/raw/sources.json"]
    assert meta["writes"] == ["figures/chart.png", "figures/chart.svg"]
    assert meta["group"] == "source", "the rest of the metadata is kept"


@pytest.mark.parametrize("lines, reads, writes", [
    (["r\t{root}/data/processed/figures.csv"], ["data/processed/figures.csv"], []),
    (["r\t{root}/.venv/lib/x.py", "r\t{root}/src/helpers/paths.py", "r\t{root}/build/site-src/index.md"], [], []),
    (["w\t{figures}/a.png", "r\t{figures}/a.png"], [], ["figures/a.png"]),  # written, then read back: written
    (["w\t{root}/data/processed/new.csv"], [], ["data/processed/new.csv"]),
    (["r\t/usr/share/fonts/x.ttf"], [], []),
])
def test_classify_opened(tmp_path, lines, reads, writes):
    root, figures = ROOT, tmp_path / "figs"
    figures.mkdir()
    (figures / "a.png").write_bytes(b"")
    lines = [line.format(root=root, figures=figures) for line in lines]
    assert execute.classify_opened(lines, root, figures) == execute.Opened(tuple(reads), tuple(writes))


def test_failing_notebook_stops_with_one_line(tmp_path, capsys):
    path = notebook(tmp_path, "03-broken.ipynb", *FIXTURE_CELLS, "x = 1\nraise ValueError('no such figure')")
    before = path.read_bytes()
    assert execute.main([str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "error: 03-broken.ipynb failed in cell 5 ('x = 1'): ValueError: no such figure", err
    assert path.read_bytes() == before, "a failed notebook is not written"


# --- the input key: what makes a notebook run again ------------------------------------------------------------------

@pytest.fixture
def data_file(tmp_path):
    """A project whose notebook reads one data file (ROOT pointed at a temporary copy of the layout)."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "table.csv").write_text("a\n1\n")
    return root


def keyed(root: Path, nb: nbformat.NotebookNode) -> str:
    return execute.input_key(nb, root)


def executed_notebook(markdown: str = "# Title", code: str = "x = 1") -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_markdown_cell(markdown), new_code_cell(code, execution_count=1)])
    nb.metadata["kernelspec"] = {"name": "python3"}
    nb.metadata["helpers"] = {"reads": ["data/table.csv"]}
    return nb


@pytest.mark.parametrize("change, runs_again", [
    ("nothing", False),
    ("prose", False),
    ("outputs", False),
    ("code", True),
    ("data read", True),
    ("kernel", True),
])
def test_input_key_changes_with_code_and_inputs_only(data_file, change, runs_again):
    nb = executed_notebook()
    before = keyed(data_file, nb)
    if change == "prose":
        nb.cells[0].source = "# Another title · عنوان آخر"
    elif change == "outputs":
        nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    elif change == "code":
        nb.cells[1].source = "x = 2"
    elif change == "data read":
        (data_file / "data" / "table.csv").write_text("a\n2\n")
    elif change == "kernel":
        nb.metadata["kernelspec"]["name"] = "python2"
    assert (keyed(data_file, nb) != before) == runs_again


@pytest.mark.parametrize("changed", ["helper", "lock"])
def test_input_key_covers_the_helpers_source_and_the_lock(data_file, tmp_path, monkeypatch, changed):
    """A change in any helpers module or in a pinned version runs every notebook again."""
    helpers, lock = tmp_path / "helpers", tmp_path / "requirements.lock"
    (helpers / "sub").mkdir(parents=True)
    (helpers / "sub" / "charts.py").write_text("A = 1\n")
    lock.write_text("pandas==3.1.1\n")
    monkeypatch.setattr(execute, "HELPERS_SOURCE", helpers)
    monkeypatch.setattr(execute, "LOCK", lock)
    nb = executed_notebook()
    before = keyed(data_file, nb)
    if changed == "helper":
        (helpers / "sub" / "charts.py").write_text("A = 2\n")
    else:
        lock.write_text("pandas==3.1.2\n")
    assert keyed(data_file, nb) != before


def test_only_changed_notebooks_run_again(tmp_path, capsys):
    a = notebook(tmp_path, "00-a.ipynb", "print('a')")
    b = notebook(tmp_path, "01-b.ipynb", "print('b')")
    cache = tmp_path / "cache.json"
    assert execute.execute_changed([a, b], jobs=2, cache_file=cache) == [a, b], "no cache: both run"
    assert execute.execute_changed([a, b], jobs=2, cache_file=cache) == [], "nothing changed: none runs"
    assert "2 notebooks up to date" in capsys.readouterr().out
    nb = nbformat.read(b, as_version=4)
    nb.cells[1].source = "print('b, changed')"
    nbformat.write(nb, b)
    assert execute.execute_changed([a, b], jobs=2, cache_file=cache) == [b]
    assert nbformat.read(b, as_version=4).cells[1].outputs[0]["text"] == "b, changed\n"
    nb = nbformat.read(a, as_version=4)
    nb.cells[0].source = "# Prose edited · نص معدل"
    nbformat.write(nb, a)
    assert execute.execute_changed([a, b], jobs=2, cache_file=cache) == [], "prose alone does not re-execute"


def test_a_notebook_never_run_runs_even_with_a_matching_cache(tmp_path):
    nb = executed_notebook()
    nb.cells[1].execution_count = None
    assert execute.never_run(nb)
    assert not execute.never_run(executed_notebook())
