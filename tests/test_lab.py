"""JupyterLab shows the notebooks' Arabic right to left, rooted at the repository: `jupyter lab` from the project's
environment with the configuration and the arguments `make lab` gives it (rooted at the repository, opening notebooks/,
--allow-root where the user is root) (helpers.publishing.lab: JupyterLab aligns markdown paragraphs left, its custom.css aligns
them to their start), headless (no token, a free port, on 127.0.0.1 only), a notebook opened in headless Chromium with the network off
(tests/devtools.py). Each Arabic markdown paragraph inside ``<div dir="rtl" lang="ar">`` must be laid out right to
left with its first line flush right, each English one left to right, flush left; nothing is fetched from another
host. Notebooks: a fixture, and every committed notebook that has such a div.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from devtools import page_facts_js, page_problems
from helpers.paths import ROOT
from helpers.publishing.catalogue import find_notebooks
from helpers.publishing.lab import lab_arguments, prepare

ARABIC = "يعرض هذا الدفتر أرقام تقرير المديرية العامة للأمن الوطني لسنة 2025 حول التواصل الأمني في المغرب."
ENGLISH = "This notebook shows the figures of the DGSN 2025 report on security communication in Morocco."
RTL_DIV = '<div dir="rtl" lang="ar">'
MARKDOWN_FACTS_JS = page_facts_js(".jp-RenderedMarkdown", "summary")


def fixture_notebook(folder: Path) -> Path:
    nb = new_notebook(cells=[
        new_markdown_cell(f"# 00 · الأرقام · Figures\n\n{RTL_DIV}\n\n{ARABIC}\n\n</div>\n\n{ENGLISH}"),
        new_code_cell("1 + 1"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    path = folder / "00-fixture.ipynb"
    nbformat.write(nb, path)
    return path


def with_rtl_divs() -> list[Path]:
    """The committed notebooks that wrap Arabic markdown in <div dir="rtl" lang="ar">."""
    return [p for p in find_notebooks() if any(
        c.cell_type == "markdown" and RTL_DIV in c.source for c in nbformat.read(p, as_version=4).cells)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1, started as `make lab` starts it, on a copy of the repository's layout:
    notebooks/ (the fixture and the committed notebooks with divs) and data/."""
    root = tmp_path_factory.mktemp("lab-root")
    home = tmp_path_factory.mktemp("lab-home")
    (root / "notebooks").mkdir()
    fixture_notebook(root / "notebooks")
    for path in with_rtl_divs():
        shutil.copy2(path, root / "notebooks" / path.name)
    shutil.copytree(ROOT / "data", root / "data")
    port = free_port()
    # the configuration `make lab` (python -m helpers.publishing.lab) starts JupyterLab with: the project's custom.css
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(prepare(home / "config")),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "HOME": str(home)}
    log = open(home / "lab.log", "wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
         *lab_arguments(root, root / "notebooks"), f"--LabApp.workspaces_dir={home / 'workspaces'}"],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("jupyter lab did not start: " + (home / "lab.log").read_text(errors="replace")[-2000:])
            time.sleep(0.3)
        yield base, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


RENDERED_JS = """
(() => {
  // rendered and laid out: an Arabic paragraph with a box (under load JupyterLab renders the cells first and lays
  // them out after)
  const paragraphs = [...document.querySelectorAll('.jp-RenderedMarkdown p')];
  return paragraphs.some((p) => p.closest('[dir="rtl"]') && p.getBoundingClientRect().height > 0);
})()
"""


def notebooks_to_open() -> list[str]:
    return ["00-fixture.ipynb", *(p.name for p in with_rtl_divs())]


@pytest.mark.parametrize("name", notebooks_to_open())
def test_jupyterlab_shows_arabic_markdown_right_to_left(browser, lab, name):
    base, _ = lab
    browser.open(f"{base}/lab/tree/notebooks/{name}")  # the Binder URL layout (urlpath=lab/tree/notebooks/...)
    browser.wait_until(RENDERED_JS, timeout=90)
    facts = browser.evaluate(MARKDOWN_FACTS_JS)
    requests = [url for url in browser.requested_urls() if not url.startswith(base)]
    assert page_problems(facts, requests) == [], name
    visible = [p for p in facts["paragraphs"] if p["visible"]]
    arabic = [p for p in visible if p["strong"] == "rtl"]
    assert arabic and all(p["direction"] == "rtl" for p in arabic), name
    if name == "00-fixture.ipynb":
        assert [p["text"] for p in arabic] == [ARABIC[:50]]
        assert [p["text"] for p in visible if p["strong"] == "ltr"] == [ENGLISH[:50]]


FILE_BROWSER_JS = """
(() => {
  const crumbs = document.querySelector('.jp-BreadCrumbs');
  const items = [...document.querySelectorAll('.jp-DirListing-itemText')].map((e) => e.textContent.trim());
  return crumbs && items.includes('00-fixture.ipynb') ? {crumbs: crumbs.textContent, items, url: location.href} : null;
})()
"""


def test_lab_opens_notebooks_in_a_lab_rooted_at_the_repository(browser, lab):
    """The start page lists notebooks/; the repository's data/ is reachable from the same Lab (its root)."""
    base, root = lab
    browser.open(f"{base}/")
    listing = browser.wait_until(FILE_BROWSER_JS, timeout=90)
    assert "notebooks" in listing["crumbs"] and listing["url"].endswith("/lab/tree/notebooks"), listing
    with urllib.request.urlopen(f"{base}/api/contents/data/processed", timeout=10) as reply:
        names = {item["name"] for item in json.load(reply)["content"]}
    assert "observations.csv" in names and "report-figures.csv" in names


@pytest.mark.parametrize("as_root", [True, False])
def test_lab_arguments_root_the_lab_at_the_repository(as_root):
    args = lab_arguments(ROOT, ROOT / "notebooks", as_root=as_root)
    assert f"--ServerApp.root_dir={ROOT}" in args and "--LabApp.default_url=/lab/tree/notebooks" in args
    assert ("--allow-root" in args) == as_root


def test_make_lab_passes_no_folder_that_would_move_the_root():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert recipe.strip().splitlines()[-1].strip() == "$(PY) -m helpers.publishing.lab", recipe
