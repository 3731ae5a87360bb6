"""helpers.publishing.catalogue: every notebook has a section from notebooks/groups.json, recorded reads and writes that exist,
and the README's notebook table says the same as the notebooks' metadata."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import helpers.publishing.catalogue as notebooks
from helpers.errors import DataError
from helpers.paths import ROOT

PATHS = notebooks.find_notebooks()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_has_a_known_section_and_its_inputs_and_outputs_exist(path):
    nb = notebooks.read_notebook(path)
    assert nb.group in [g.id for g in notebooks.load_groups()]
    assert nb.reads, "reads recorded by helpers.publishing.execute (python -m helpers.publishing.execute --force to record them)"
    assert any(p.startswith("data/") for p in nb.reads)
    missing = [p for p in (*nb.reads, *nb.writes) if not (ROOT / p).is_file()]
    assert missing == [], "recorded files that are not in the repository"


def test_sections_are_read_in_their_order_with_notebooks_in_number_order():
    catalogue = notebooks.catalogue()
    ordered = notebooks.by_group(catalogue)
    groups = [g.id for g in notebooks.load_groups()]
    assert [g.id for g, _ in ordered] == [g for g in groups if any(nb.group == g for nb in catalogue)]
    for _, members in ordered:
        assert [nb.number for nb in members] == sorted(nb.number for nb in members)
    assert sorted(nb.name for _, members in ordered for nb in members) == [p.name for p in PATHS]


def readme_table() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The notebooks", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in rows]


def test_readme_table_matches_the_notebooks_metadata():
    """Columns notebook, section, reads and writes come from the metadata (python -m helpers.publishing.catalogue --readme)."""
    table = readme_table()
    expected = notebooks.readme_rows(notebooks.catalogue())
    assert [[row[0], row[1], row[3], row[4]] for row in table] == [list(row) for row in expected]


def write_groups(path: Path, groups) -> Path:
    path.write_text(json.dumps({"groups": groups}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("groups, message", [
    ([{"id": "a", "en": "A"}], "groups.json: row 1, field 'ar': missing or empty"),
    ([{"id": "a", "en": "A", "ar": "أ"}, {"id": "a", "en": "B", "ar": "ب"}],
     "groups.json: a section id is used twice: 'a'"),
])
def test_bad_sections_file_is_one_clear_line(tmp_path, groups, message):
    with pytest.raises(DataError) as error:
        notebooks.load_groups(write_groups(tmp_path / "groups.json", groups))
    assert str(error.value).endswith(message) and "\n" not in str(error.value)


@pytest.mark.parametrize("group, message", [
    (None, "field 'metadata.helpers.group': missing: the notebook's section, one of a, b"),
    ("c", "field 'metadata.helpers.group': unknown section 'c'; known: a, b"),
])
def test_notebook_without_a_known_section_is_one_clear_line(tmp_path, group, message):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title · عنوان")])
    if group:
        nb.metadata["helpers"] = {"group": group}
    path = tmp_path / "09-new.ipynb"
    nbformat.write(nb, path)
    groups = [notebooks.Group("a", "A", "أ"), notebooks.Group("b", "B", "ب")]
    with pytest.raises(DataError) as error:
        notebooks.read_notebook(path, groups)
    assert str(error.value).startswith(f"{path}: {message}") and "\n" not in str(error.value)


def test_group_command_sets_the_section_and_refuses_an_unknown_one(tmp_path, capsys):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title · عنوان")])
    path = tmp_path / "09-new.ipynb"
    nbformat.write(nb, path)
    assert notebooks.main(["--group", "report", str(path)]) == 0
    assert nbformat.read(path, as_version=4).metadata["helpers"]["group"] == "report"
    assert notebooks.main(["--group", "nowhere", str(path)]) == 1
    assert "unknown section 'nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize("heading, titles", [
    ("# 00 · الأرقام · Figures", ("Figures", "الأرقام")),
    ("# Figures | الأرقام", ("Figures", "الأرقام")),
    ("# الأرقام", ("09-x", "الأرقام")),
])
def test_titles_fall_back_to_the_first_heading(heading, titles):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"{heading}\n\ntext")])
    assert notebooks.titles(nb, Path("09-x.ipynb")) == titles


def test_update_readme_rewrites_the_metadata_columns_and_keeps_the_prose(tmp_path):
    readme = tmp_path / "README.md"
    text = notebooks.README.read_text(encoding="utf-8")
    at = text.index("| notebook | section | shows |")
    stale = text[:at] + text[at:].replace("`data/processed/observations.csv`", "`data/processed/nothing.csv`", 1)
    assert stale != text
    readme.write_text(stale, encoding="utf-8")
    notebooks.update_readme(notebooks.catalogue(), readme)
    assert readme.read_text(encoding="utf-8") == text  # the columns from the metadata, the 'shows' prose as it was
