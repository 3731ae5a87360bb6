"""Shared fixtures: the checked raw report, the committed tables, and the hand-read reference of its numbers."""
import atexit
import csv
import os
import shutil
import tempfile

import pandas as pd
import pytest

from devtools import SKIP_REASON, start_browser  # tests/devtools.py, shared by the browser tests
from helpers.datapackage.article import load_report
from helpers.paths import PROCESSED, ROOT

FIXTURES = ROOT / "tests" / "fixtures"

# Notebooks run under nbval save their charts; send them to a temporary folder, not the committed figures/. The
# process that makes the folder (pytest's controller; xdist workers inherit the variable) removes it at exit.
if "HELPERS_FIGURES_DIR" not in os.environ:
    os.environ["HELPERS_FIGURES_DIR"] = tempfile.mkdtemp(prefix="dgsn-figures-")
    atexit.register(shutil.rmtree, os.environ["HELPERS_FIGURES_DIR"], ignore_errors=True)


def read_reference() -> list[dict]:
    """tests/fixtures/source-numbers.tsv: every numeric expression of the source, read by a person."""
    with open(FIXTURES / "source-numbers.tsv", encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [{"text": r["text"], "value": int(r["value"]), "qualifier": r["qualifier"],
                 "ordinal": r["ordinal"] == "yes"} for r in rows]


@pytest.fixture(scope="session")
def report():
    return load_report()


@pytest.fixture(scope="session")
def reference():
    return read_reference()


@pytest.fixture(scope="session")
def committed():
    """The committed processed tables, as strings (what a researcher downloads)."""
    return {name: pd.read_csv(PROCESSED / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in ("figures", "exclusions", "checks", "series")}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium with the network off (tests/devtools.py); skips, saying why, where it is missing."""
    b = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    if b is None:
        print(f"SKIP browser tests: {SKIP_REASON}")
        pytest.skip(SKIP_REASON)
    yield b
    b.close()


@pytest.fixture
def processed_copy(tmp_path):
    """A copy of data/processed with its manifest, for tests that damage a table."""
    import shutil

    from helpers.paths import PROCESSED

    folder = tmp_path / "processed"
    shutil.copytree(PROCESSED, folder)
    return folder
