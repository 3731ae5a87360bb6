"""Honest incrementality (issue 17): a build step redoes only what changed, and says so.

* execute: a notebook depends on the entries of data/raw/sources.json it used, not on the whole file, and not on
  the reads that only verify a table (the manifest, the digests of the build's inputs);
* the notebooks' files do not churn with the Python patch version;
* the site: Sphinx sees the same configuration at every run (nothing re-read, nothing re-written), and a run with
  nothing changed does not start Sphinx; an interrupted build leaves no page that the next one would keep;
* the data: the manifest vouches for the tables only while the inputs and the code are those it records.
"""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.datapackage import files, manifest
from helpers.paths import PROCESSED, RAW, ROOT
from helpers.publishing import catalogue, execute, site
from notebook_files import notebook

SOURCES = "data/raw/sources.json"
ARTICLE = "dgsn-2025-security-communication.ar.txt"


# --- execute: what a notebook depends on ---------------------------------------------------------------------------

def test_a_kernel_records_the_entries_it_used_and_not_the_reads_that_verify(tmp_path):
    """A notebook that loads figures.csv and looks up the article's provenance depends on figures.csv, the data
    package and that one entry; not on the manifest, the raw files or the curated files the verification hashed."""
    assert manifest.current(), "data/processed is built for the current inputs and code (make data)"
    path = notebook(tmp_path, "00-entries.ipynb",
                    "from helpers.build.load import load_figures\nfrom helpers.datapackage.raw import sources\n"
                    f"n = len(load_figures())\nyear = sources()[{ARTICLE!r}]['published']")
    seen = {}
    execute.execute_notebooks([path], jobs=1, figures_dir=tmp_path / "figures",
                              on_done=lambda out, opened: seen.update(opened=opened))
    opened = seen["opened"]
    assert opened.reads == ("data/datapackage.json", "data/processed/figures.csv", SOURCES)
    assert opened.entries == {SOURCES: (ARTICLE,)}


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(RAW / "sources.json", root / SOURCES)
    return root


def _keyed(root: Path, entries: dict | None) -> str:
    nb = new_notebook(cells=[new_code_cell("x = 1", execution_count=1)])
    nb.metadata["kernelspec"] = {"name": "python3"}
    nb.metadata["helpers"] = {"reads": [SOURCES]}
    return execute.input_key(nb, root, entries)


def _edit_sources(root: Path, edit) -> None:
    path = root / SOURCES
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_new_raw_file_s_entry_runs_no_notebook_that_never_read_it(project):
    entries = {SOURCES: [ARTICLE]}
    before = _keyed(project, entries)
    _edit_sources(project, lambda d: d.update({"report-2023.tsv": {"sha256": "0" * 64, "rows": 10}}))
    assert _keyed(project, entries) == before, "an entry the notebook did not use"
    _edit_sources(project, lambda d: d[ARTICLE].update(published="2025-12-18"))
    assert _keyed(project, entries) != before, "the entry it used"


def test_a_notebook_that_read_the_whole_file_depends_on_all_of_it(project):
    for entries in (None, {SOURCES: ["*"]}):
        before = _keyed(project, entries)
        _edit_sources(project, lambda d: d.update({f"new-{len(d)}.tsv": {"sha256": "0" * 64}}))
        assert _keyed(project, entries) != before


def test_execute_changed_remembers_the_entries_with_the_key(tmp_path):
    """The entries recorded at a run are saved beside its key, and the next run keys on them."""
    path = notebook(tmp_path, "00-source.ipynb",
                    f"from helpers.datapackage.raw import sources\nsources()[{ARTICLE!r}]['title']")
    cache = tmp_path / "cache.json"
    assert execute.execute_changed([path], jobs=1, cache_file=cache) == [path]
    saved = json.loads(cache.read_text(encoding="utf-8"))[path.name]
    assert saved["entries"] == {SOURCES: [ARTICLE]}
    assert execute.execute_changed([path], jobs=1, cache_file=cache) == [], "nothing changed: nothing runs"


# --- files that do not churn -----------------------------------------------------------------------------------------

def test_the_python_patch_version_does_not_churn_the_notebooks():
    texts = []
    nb = new_notebook(cells=[new_code_cell("1")])
    for version in ("3.12.4", "3.12.11"):
        nb.metadata["language_info"] = {"name": "python", "version": version}
        texts.append(catalogue.notebook_text(nb))
    assert texts[0] == texts[1]
    assert '"version": "3.12"' in texts[0]


def test_every_committed_notebook_names_python_by_major_and_minor():
    for path in catalogue.find_notebooks():
        version = json.loads(path.read_text(encoding="utf-8"))["metadata"]["language_info"]["version"]
        assert version.count(".") == 1, f"{path.name}: {version}"


def test_an_unchanged_file_is_not_rewritten(tmp_path):
    path = tmp_path / "table.csv"
    assert files.write_if_changed(path, "a\n1\n")
    os.utime(path, ns=(1, 1))
    assert not files.write_if_changed(path, "a\n1\n")
    assert path.stat().st_mtime_ns == 1, "its mtime kept: Sphinx and make see nothing new"


def test_a_write_interrupted_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "notebook.ipynb"
    path.write_text("old", encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_if_changed(path, "new" * 1000)
    assert path.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_the_folder_of_a_killed_run_is_removed_by_the_next(tmp_path):
    dead = tmp_path / "nbexec-999999999-abc"  # no such process
    alive = tmp_path / f"nbexec-{os.getpid()}-abc"
    for folder in (dead, alive):
        (folder / "kernel").mkdir(parents=True)
    assert execute.sweep_temporary(tmp_path) == [dead]
    assert not dead.exists() and alive.exists()


# --- the data: when the manifest vouches ----------------------------------------------------------------------------

def test_the_manifest_vouches_only_for_the_inputs_and_code_it_records(processed_copy, monkeypatch):
    assert manifest.current(processed_copy)
    recorded = json.loads((processed_copy / "manifest.json").read_text(encoding="utf-8"))
    assert set(recorded["build"]["inputs"]) == set(manifest.inputs())
    assert set(recorded) - {"build"} == {p.name for p in PROCESSED.glob("*.csv")}, "no stale entries"
    monkeypatch.setattr(manifest, "code_digest", lambda: "other code")
    assert not manifest.current(processed_copy)


def test_a_table_re_recorded_by_hand_is_not_vouched_for(processed_copy):
    path = processed_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("6862", "6863", 1), encoding="utf-8")
    recorded = json.loads((processed_copy / "manifest.json").read_text(encoding="utf-8"))
    recorded["figures.csv"] = manifest.entry(path.read_text(encoding="utf-8"))
    (processed_copy / "manifest.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert not manifest.current(processed_copy), "the key binds every table's SHA-256"
    assert not manifest.trusted(path)


def test_a_verified_table_is_loaded_without_rebuilding(monkeypatch):
    from helpers.build import load

    def rebuild():
        raise AssertionError("rebuilt a table the manifest vouches for")
    monkeypatch.setattr(load, "built", rebuild)
    assert len(load.load_observations()) == manifest.read(PROCESSED / "manifest.json")["observations.csv"]["rows"]


# --- the site ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The site of two notebooks, built once."""
    work = tmp_path_factory.mktemp("site")
    paths = catalogue.find_notebooks()[:2]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the same build date for every build of the module
        site.build_site(paths, work / "html", srcdir=work / "site-src", doctrees=work / "site-doctrees", quiet=True)
        yield paths, work


def test_sphinx_sees_the_same_configuration_and_rewrites_nothing(small_site):
    """(Sphinx always writes its search and general index pages again; those are no notebook's.)"""
    paths, work = small_site
    pages = [work / "html" / "index.html", *(work / "html" / (p.stem + ".html") for p in paths)]
    before = {p: p.stat().st_mtime_ns for p in pages}
    status = io.StringIO()
    site.build_site(paths, work / "html", srcdir=work / "site-src", doctrees=work / "site-doctrees", status=status)
    log = status.getvalue()
    assert "configuration has changed" not in log, log
    assert "0 added, 0 changed, 0 removed" in log, log
    assert {p: p.stat().st_mtime_ns for p in pages} == before


def test_a_site_with_nothing_changed_is_not_built_again(small_site, capsys):
    paths, work = small_site
    args = ["--out", str(work / "html"), "--work", str(work), *map(str, paths)]
    status = site.main(args)
    assert status == 0 and "site up to date" in capsys.readouterr().out


def test_a_site_build_interrupted_says_so_and_forgets_its_pages(small_site, monkeypatch, capsys):
    paths, work = small_site
    import sphinx.application

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(sphinx.application.Sphinx, "build", interrupted)
    status = site.main(["--fresh", "--out", str(work / "html"), "--work", str(work), *map(str, paths)])
    err = capsys.readouterr().err.strip()
    assert status == 130 and err.count("\n") == 0 and err.startswith("interrupted (Ctrl-C)")
    assert not (work / "html" / ".buildinfo").exists(), "every page is written again next time"
    assert not site.stamp_path(work / "site-doctrees").exists()
    monkeypatch.undo()
    site.build_site(paths, work / "html", srcdir=work / "site-src", doctrees=work / "site-doctrees", quiet=True)
    assert (work / "html" / ".buildinfo").exists()


def test_a_notebook_run_again_with_the_same_outputs_is_touched_not_rewritten(tmp_path):
    """Sphinx re-reads a page whose notebook is older than a file it offers for download: a notebook executed
    again because what it reads changed keeps its bytes but becomes newer (once), so its page is read once, not
    at every build."""
    path = notebook(tmp_path, "00-same.ipynb", "1 + 1")
    execute.execute_notebooks([path], jobs=1)
    first = path.read_bytes()
    os.utime(path, ns=(1, 1))
    execute.execute_notebooks([path], jobs=1)
    assert path.read_bytes() == first
    assert path.stat().st_mtime_ns > 1
