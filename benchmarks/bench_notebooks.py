"""Wall time of executing the notebooks, of the nbval run and of the HTML build, each against its floor; the
cold, warm and one-notebook-changed times of the build (`make html`'s steps); where pytest's start-up goes.

    python benchmarks/bench_notebooks.py [--repeat N] [--nbval-variants]

Floor: what no runner can avoid. Every notebook needs a fresh kernel that imports pandas and matplotlib, so
the floor of a run is ``n_notebooks x t_kernel / parallelism``, where ``t_kernel`` is measured here (start a
``python3`` kernel with jupyter_client, run ``import pandas, matplotlib.pyplot``, shut it down; median of 3).
Assumed: the 2 workers (or kernels) share the notebooks evenly on the 2 cores. The HTML build adds one
Sphinx start (a fresh Python importing Sphinx, MyST-NB and the theme, without jsonschema's slow optional import
of rfc3987-syntax, as helpers.publishing.site starts); a warm build (nothing to execute or render) cannot beat its three
steps' starts (data, execute, README, site), each a bare Python start: a step with nothing to do says so without
importing Sphinx or a Jupyter client. One notebook changed (a comment added to a code cell of a copy): the build
executes that notebook and renders its page, so its floor is one kernel and one Sphinx start. The nbconvert start
is printed too (nbval uses nbconvert).
Each runner is also timed on n notebooks that only import pandas and matplotlib: that row is the runner's own
overhead over the floor; the rest of the gap on the real notebooks is the notebooks' own work. On a shared machine
wall times follow the load: the CPU seconds of executing and of nbval (every process, kernels included) are
printed against the CPU floor too (n kernels' start, imports and shutdown), a ratio the load does not change.
Everything runs on copies in a temporary folder, charts go to a temporary HELPERS_FIGURES_DIR: the repository
is left as it is. Prints a table; asserts nothing (a timed test would be flaky on a shared machine).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from helpers.paths import NOTEBOOKS, ROOT
from helpers.publishing.catalogue import find_notebooks
from helpers.publishing.execute import execute_notebooks

JOBS = 2
TARGET = 1.5
PY = sys.executable
NBVAL = ["-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-q", "--nbval"]
# The command the project runs (pyproject addopts), and alternatives.
NBVAL_PROJECT = ["-p", "helpers.fast_start", "--nbval-current-env", "-n", "2", "--dist", "loadfile"]
NBVAL_VARIANTS = {
    "nbval -n 2 --dist loadscope": ["-n", "2", "--dist", "loadscope"],
    "nbval, one process (no xdist)": ["-p", "no:xdist"],
    # without helpers.fast_start: jsonschema's optional IRI checker builds its parsers in every process
    "nbval -n 2 loadfile, without fast_start": ["-n", "2", "--dist", "loadfile"],
}
KERNEL_FLOOR_CODE = """
import sys, time
from jupyter_client.manager import start_new_kernel
started = time.perf_counter()
km, kc = start_new_kernel(kernel_name="python3")
reply = kc.execute_interactive("import pandas, matplotlib.pyplot", timeout=120)
assert reply["content"]["status"] == "ok", reply
kc.stop_channels()
km.shutdown_kernel(now=True)
import resource
cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
print(time.perf_counter() - started, cpu)
"""
NBCONVERT_START = ("from nbconvert import HTMLExporter; "
                   "HTMLExporter(template_name='lab').environment.get_template('index.html.j2')")


CPU: dict[str, float] = {}  # task -> CPU seconds (user + system, this process and every process it waited for)


def _cpu() -> float:
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))


def timed(run, task: str | None = None) -> float:
    started, cpu = time.perf_counter(), _cpu()
    run()
    if task is not None:
        CPU[task] = min(CPU.get(task, float("inf")), _cpu() - cpu)
    return time.perf_counter() - started


def best_of(repeat: int, run, task: str | None = None) -> float:
    return min(timed(run, task) for _ in range(repeat))


def kernel_floor() -> tuple[float, float]:
    """One kernel: start, import pandas and matplotlib.pyplot, shut down (median of 3, the client imported):
    (wall, CPU) seconds."""
    runs = [tuple(map(float, subprocess.run([PY, "-c", KERNEL_FLOOR_CODE], check=True, capture_output=True,
                                             text=True).stdout.split())) for _ in range(3)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def process_start(code: str) -> float:
    return statistics.median(timed(lambda: subprocess.run([PY, "-c", code], check=True)) for _ in range(3))


def copy_notebooks(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, folder / path.name)) for path in find_notebooks()]


def import_only_notebooks(folder: Path, n: int) -> list[Path]:
    """n notebooks that do nothing but what the floor does (their outputs recorded, as nbval needs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        nb = new_notebook(cells=[new_code_cell("import pandas, matplotlib.pyplot")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells[0]["id"] = "imports"
        paths.append(folder / f"{i:02d}-import-only.ipynb")
        nbformat.write(nb, paths[-1])
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each task; the best is shown")
    parser.add_argument("--nbval-variants", action="store_true",
                        help="also time nbval with loadscope, without xdist, and without rfc3987-syntax")
    args = parser.parse_args()
    notebooks = find_notebooks()
    n = len(notebooks)
    if not n:
        print(f"no notebooks in {NOTEBOOKS}")
        return 1
    work = Path(tempfile.mkdtemp(prefix="bench-notebooks-"))
    env = {**os.environ, "HELPERS_FIGURES_DIR": str(work / "figures")}
    os.environ["HELPERS_FIGURES_DIR"] = env["HELPERS_FIGURES_DIR"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        print(f"{n} notebooks, {os.cpu_count()} CPUs, {JOBS} at a time; measuring floors ...", flush=True)
        t_kernel, cpu_kernel = kernel_floor()
        t_nbconvert = process_start(NBCONVERT_START)
        t_nbconvert_lean = process_start("import sys; sys.modules['rfc3987_syntax'] = None; " + NBCONVERT_START)
        t_python = process_start("pass")
        t_sphinx = process_start("import helpers.fast_start, sphinx.application, myst_nb, sphinx_book_theme")
        floor_run = n * t_kernel / JOBS

        rows = []

        def execute(paths: list[Path], out: Path) -> None:
            with contextlib.redirect_stdout(io.StringIO()):  # its progress lines
                execute_notebooks(paths, jobs=JOBS, out_dir=out, workdir=NOTEBOOKS)

        def nbval(folder: Path, extra: list[str], label: str) -> None:
            result = subprocess.run([PY, *NBVAL, *extra, str(folder)], cwd=ROOT, env=env, capture_output=True,
                                    text=True)
            if result.returncode != 0:
                print(f"  ({label}: exit {result.returncode}: {result.stdout.strip().splitlines()[-1]})")

        # (a) executing, as `helpers.publishing.execute` does (in this process: the orchestrator's imports are done)
        copies = copy_notebooks(work / "a")
        trivial = import_only_notebooks(work / "trivial", n)
        rows.append((f"execute {n} notebooks ({JOBS} kernels)",
                     best_of(args.repeat, lambda: execute(copies, work / "a-out"), "execute"), floor_run))
        rows.append(("  same runner, import-only notebooks",
                     best_of(args.repeat, lambda: execute(trivial, work / "trivial-out"), "execute, import-only"),
                     floor_run))

        # (b) nbval over copies of the notebooks, as the project runs it (pyproject addopts), and variants
        nbval_dir = copy_notebooks(work / "nbval")[0].parent
        label = "nbval, as make test runs it"
        rows.append((label, best_of(args.repeat, lambda: nbval(nbval_dir, NBVAL_PROJECT, label), "nbval"),
                     floor_run))
        rows.append(("  same, import-only notebooks",
                     best_of(args.repeat, lambda: nbval(trivial[0].parent, NBVAL_PROJECT, label),
                             "nbval, import-only"), floor_run))
        if args.nbval_variants:
            for label, extra in NBVAL_VARIANTS.items():
                parallel = 1 if "no:xdist" in extra else JOBS
                rows.append((label, best_of(args.repeat, lambda: nbval(nbval_dir, extra, label)),
                             n * t_kernel / parallel))

        # (c) the whole build, as `make html` runs it (data, execute what changed, render), on copies: cold (no
        # execution cache, no Sphinx environment), then warm (nothing changed since)
        build_copies = copy_notebooks(work / "c")
        steps = [[PY, "-m", "helpers.publishing.execute", "--cache", str(work / "cache.json"), *map(str, build_copies)],
                 [PY, "-m", "helpers.publishing.catalogue", *map(str, build_copies)],  # the README step, printing
                 [PY, "-m", "helpers.publishing.site", "--out", str(work / "html"), "--work", str(work / "site-work"),
                  *map(str, build_copies)]]

        def make_html() -> None:  # as the Makefile: the manifest first, the build only when it says so
            if subprocess.run([PY, "-m", "helpers.datapackage.manifest", "--before-build"], env=env,
                              **quiet).returncode:
                subprocess.run([PY, "-m", "helpers.build"], check=True, env=env, **quiet)
            for step in steps:
                subprocess.run(step, check=True, env=env, **quiet)

        cold = timed(make_html)
        rows.append(("make html, cold (all executed, all rendered)", cold, floor_run + t_sphinx))
        warm = min(timed(make_html) for _ in range(max(2, args.repeat)))
        rows.append(("make html, warm (nothing changed)", warm, 4 * t_python))

        def change_one() -> None:
            nb = nbformat.read(build_copies[-1], as_version=4)
            code = next(c for c in nb.cells if c.cell_type == "code")
            code.source += f"\n# changed {time.perf_counter()}"
            nbformat.write(nb, build_copies[-1])
            make_html()
        rows.append(("make html, one notebook changed", best_of(args.repeat, change_one), t_kernel + t_sphinx))
        render = [PY, "-m", "helpers.publishing.site", "--out", str(work / "html2"), "--work", str(work / "site-work2"),
                  *map(str, build_copies)]
        rows.append(("  its rendering alone, cold (Sphinx)",
                     timed(lambda: subprocess.run(render, check=True, env=env, **quiet)), t_sphinx))

        # (d) where pytest's start-up goes: collecting the notebooks (no kernel) in one process, and on 2 workers
        collect = [PY, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-q", "--co", "--nbval",
                   "-p", "helpers.fast_start", "--nbval-current-env"]
        t_collect_1 = best_of(3, lambda: subprocess.run([*collect, "-p", "no:xdist", str(nbval_dir)], cwd=ROOT,
                                                        env=env, **quiet))
        t_collect_2 = best_of(3, lambda: subprocess.run([*collect, "-n", "2", str(nbval_dir)], cwd=ROOT, env=env,
                                                        **quiet))
        t_imports = process_start("import helpers.fast_start, pytest, nbval.plugin, xdist, pytest_mpl.plugin, "
                                  "matplotlib.pyplot, jupyter_client")

        print(f"\nfloor parts: kernel start + import pandas, matplotlib.pyplot + shutdown {t_kernel:.2f} s "
              f"(x {n} / {JOBS} = {floor_run:.1f} s); nbconvert start {t_nbconvert:.2f} s "
              f"({t_nbconvert_lean:.2f} s without importing rfc3987-syntax, as helpers.publishing.site does); "
              f"Sphinx start (imports) {t_sphinx:.2f} s; bare Python start {t_python:.2f} s\n")
        print(f"{'task':<46} {'wall':>8} {'floor':>8} {'ratio':>7} {'target':>7}")
        for task, wall, floor in rows:
            print(f"{task:<46} {wall:>6.1f} s {floor:>6.1f} s {wall / floor:>6.2f}x {TARGET:>6.1f}x")
        # CPU seconds do not depend on what else the machine runs (wall seconds do, on a shared machine)
        print(f"\nCPU (user + system, every process; floor: {n} x {cpu_kernel:.2f} s for a kernel's start, "
              f"imports and shutdown = {n * cpu_kernel:.1f} s):")
        for task, cpu in CPU.items():
            print(f"  {task:<44} {cpu:>6.1f} s   {cpu / (n * cpu_kernel):>5.2f}x the floor")
        print(f"\npytest start-up: collecting {n} notebooks takes {t_collect_1:.1f} s in one process, "
              f"{t_collect_2:.1f} s with 2 xdist workers (each worker starts Python and imports the plugins once: "
              f"{t_imports:.2f} s for pytest, nbval, xdist, pytest-mpl, matplotlib, jupyter_client); "
              f"bare Python {t_python:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
