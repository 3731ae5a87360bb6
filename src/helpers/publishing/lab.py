"""JupyterLab for this collection, showing the notebooks' Arabic as the site does: ``python -m helpers.publishing.lab [args]``.

JupyterLab 4 aligns rendered markdown paragraphs to the left whatever their direction
(``.jp-RenderedHTMLCommon p { text-align: left }``), so an Arabic paragraph inside the notebooks'
``<div dir="rtl" lang="ar">`` is laid out right to left but ends ragged on the right. No setting changes that.
JupyterLab's ``custom_css`` option can: it loads ``custom/custom.css`` from the Jupyter configuration folder (that
folder only: ``ServerApp.static_custom_path`` is not configurable). So this starts ``jupyter lab`` with its own
configuration folder, ``.venv/jupyter-config`` by default, holding ``helpers/lab_custom/custom.css`` and the setting
that loads it; the user's ``~/.jupyter`` is left alone (this lab keeps its own settings there). ``make lab`` runs it;
extra arguments go to ``jupyter lab``. Binder's postBuild calls ``prepare`` on the Binder user's ``~/.jupyter``.

The Lab is rooted at the repository (``ServerApp.root_dir``), as on Binder, so that its file browser reaches
``data/``, ``figures/`` and the README, and the Binder URL layout ``/lab/tree/notebooks/10-drugs.ipynb`` works
here too; it opens on ``notebooks/`` (``LabApp.default_url``). Where the user is root (a container), it passes
``--allow-root``, without which Jupyter refuses to start.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jupyter_core.paths import jupyter_config_dir

from helpers.datapackage.files import write_if_changed
from helpers.paths import NOTEBOOKS, ROOT

CUSTOM_CSS = Path(__file__).resolve().parent / "lab_custom" / "custom.css"
CONFIG_DIR = ROOT / ".venv" / "jupyter-config"


def prepare(config_dir: Path = CONFIG_DIR) -> Path:
    """Put custom.css and the setting that loads it into *config_dir*; returns the folder."""
    write_if_changed(config_dir / "custom" / "custom.css", CUSTOM_CSS.read_bytes())  # atomic, only if changed
    settings = config_dir / "jupyter_server_config.json"
    try:
        config = json.loads(settings.read_text(encoding="utf-8")) if settings.exists() else {}
    except ValueError:
        config = {}  # a settings file cut short (a killed writer before these were atomic): written anew
    config.setdefault("LabApp", {})["custom_css"] = True
    write_if_changed(settings, json.dumps(config, indent=1) + "\n")
    return config_dir


def lab_arguments(root: Path = ROOT, start: Path = NOTEBOOKS, *, as_root: bool | None = None) -> list[str]:
    """The arguments ``make lab`` gives ``jupyter lab``: rooted at *root*, opening *start* (a folder under it);
    ``--allow-root`` when running as root (default: when the effective user is root)."""
    if as_root is None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    opening = Path(os.path.relpath(start, root)).as_posix()
    args = [f"--ServerApp.root_dir={root}", f"--LabApp.default_url=/lab/tree/{opening}"]
    return args + (["--allow-root"] if as_root else [])


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--prepare"]:  # only write the configuration, into the given folder or ~/.jupyter
        print(f"JupyterLab configuration: {prepare(Path(args[1]) if len(args) > 1 else Path(jupyter_config_dir()))}")
        return
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(prepare())}
    os.execve(sys.executable, [sys.executable, "-m", "jupyter", "lab", *lab_arguments(), *args], env)


if __name__ == "__main__":
    main()
