"""A finding cannot contradict its own table: change one quote of the press file so that the 2025 terrorism
referrals by charge no longer add up to their total, rebuild, execute the notebook, and it must stop with one line
naming the finding (instead of printing a sentence the data no longer bear out).

The repository's code, data and notebook are copied into a temporary project (its ``src`` first on the path, so the
copy's ``helpers`` is the one imported and its data the one read); nothing of the real tree is touched."""
import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers.paths import NOTEBOOKS, ROOT

NOTEBOOK = "12-cybercrime-terrorism-migration.ipynb"
OBS = "o0244"  # "وتوجيه 7 أشخاص اتهامات بالتحريض على الانضمام لتنظيمات إرهابية خارجية", a part of the 2025 total


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    for folder in ("src", "data", "figures"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (root / "notebooks").mkdir()
    for name in (NOTEBOOK, "groups.json"):
        shutil.copy(NOTEBOOKS / name, root / "notebooks" / name)
    return root


def _run(root, *args, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "HELPERS_FIGURES_DIR": str(root / "figures")}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, **kwargs)


def test_a_finding_that_no_longer_holds_stops_the_notebook(project):
    press = project / "data" / "raw" / "press-coverage.tsv"
    lines = press.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith(OBS + "\t"))
    cells = lines[n].split("\t")
    assert cells[-1] == "7" and " 7 " in cells[-2]
    cells[-2], cells[-1] = cells[-2].replace(" 7 ", " 9 "), "9"  # the parts now add up to 23, the total is 21
    lines[n] = "\t".join(cells)
    press.write_text("\n".join(lines), encoding="utf-8")
    sources = project / "data" / "raw" / "sources.json"
    meta = json.loads(sources.read_text(encoding="utf-8"))
    meta[press.name]["sha256"] = hashlib.sha256(press.read_bytes()).hexdigest()  # as if the raw file were new
    sources.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")

    built = _run(project, "-m", "helpers.build")
    assert built.returncode == 0, built.stderr
    done = _run(project, "-m", "helpers.publishing.execute", "--force", f"notebooks/{NOTEBOOK}", timeout=600)
    assert done.returncode != 0
    message = (done.stderr + done.stdout).strip().splitlines()[-1]
    assert "a finding no longer holds" in message and "terrorism" in message.lower(), message
