"""Execute the notebooks whose code or inputs changed, in place, and record what each one read and wrote.

    python -m helpers.publishing.execute [--jobs N] [--force] [notebooks...]

A notebook is executed when its *input key* differs from the one saved at its last execution (in
``build/execute-cache.json``, not committed): the key hashes the notebook's code cells and kernel, the bytes of
every project file it read last time (``metadata.helpers.reads``), the source of ``src/helpers`` and
``requirements.lock``. Editing prose does not re-execute; editing code, a data file it reads, a helper or a pin
does. Without a cache (a fresh clone) every notebook runs once.

jupyter-cache (the engine behind MyST-NB's cache mode) keys on the code cells only: a changed CSV would not
re-run the notebooks that read it, and it keeps outputs in its own database rather than in the committed
notebooks that nbval compares. So this module does the bookkeeping itself (the hashing is the short part).

What a notebook reads and writes is recorded, not declared: an audit hook (``sys.addaudithook``, the "open"
event), installed in the kernel before the first cell by a silent request that adds no cell, output or
execution count, notes every project file opened. After the run ``metadata.helpers.reads`` (data, schema, source
files) and ``writes`` (charts, as ``figures/<name>``) are set from it; the site's download links use them.

Each notebook runs top to bottom in a fresh ``python3`` kernel (``--jobs`` at once) and is saved with its outputs
(sorted keys, indent 1, no timings: a run with the same inputs gives the same bytes, and an unchanged file is not
rewritten). A failing notebook stops the run with one line naming the notebook and the cell; it is not saved.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":
    from helpers import fast_start  # noqa: F401  (before nbformat: see its docstring)

import nbformat  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from nbclient.util import ensure_async  # noqa: E402

from helpers.datapackage.csvio import write_if_changed  # noqa: E402
from helpers.paths import BUILD, NOTEBOOKS, ROOT  # noqa: E402
from helpers.publishing.catalogue import METADATA_KEY, find_notebooks  # noqa: E402

KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per cell; the slowest cell in the collection takes a few seconds
FIGURES_ENV = "HELPERS_FIGURES_DIR"  # where helpers.presentation.charts.save writes charts (read by helpers.paths)
CACHE = BUILD / "execute-cache.json"
HELPERS_SOURCE = Path(__file__).resolve().parents[1]  # src/helpers: every module a notebook may import
LOCK = ROOT / "requirements.lock"

# Runs silently in the kernel before the first cell: records each file under the given roots that is opened,
# once per (mode, path), one line "r<TAB>path" or "w<TAB>path" appended to the log. The busy flag keeps the
# hook's own write to the log from recording itself.
RECORDER = r"""
def _helpers_record_opened_files(log, roots):
    import os, sys
    state = {"busy": False, "seen": set()}
    def hook(event, args):
        if event != "open" or state["busy"] or isinstance(args[0], int) or args[0] is None:
            return
        try:
            path = os.path.abspath(os.fsdecode(args[0]))
        except (TypeError, ValueError):
            return
        if not path.startswith(roots):
            return
        mode, flags = args[1], args[2]
        if mode is None:
            writing = bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        else:
            writing = any(c in mode for c in "wax+")
        entry = ("w" if writing else "r") + "\t" + path
        if entry in state["seen"]:
            return
        state["seen"].add(entry)
        state["busy"] = True
        try:
            with open(log, "a", encoding="utf-8") as f:
                f.write(entry + "\n")
        finally:
            state["busy"] = False
    sys.addaudithook(hook)
_helpers_record_opened_files(%r, %r)
del _helpers_record_opened_files
"""


class NotebookError(Exception):
    """A notebook failed to execute; the message is one line naming the notebook and the cell."""


def log(message: str) -> None:
    print(message, flush=True)


# --- what a notebook read and wrote ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opened:
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def classify_opened(lines: list[str], root: Path, figures: Path) -> Opened:
    """The recorder's lines as project-relative paths: files read (outside hidden folders, src/ and build/, and
    not also written) and files written (charts as ``figures/<name>``, whatever folder the charts went to)."""
    reads, writes = set(), set()
    for line in lines:
        kind, _, raw = line.partition("\t")
        path = Path(raw)
        if kind == "w":
            if path.is_relative_to(figures):
                writes.add("figures/" + path.relative_to(figures).as_posix())
            elif path.is_relative_to(root):
                writes.add(path.relative_to(root).as_posix())
        elif path.is_relative_to(root) and path.is_file():
            parts = path.relative_to(root).parts
            if parts[0].startswith(".") or parts[0] in ("src", "build") or "__pycache__" in parts:
                continue  # the environment, the helpers (in the key anyway), build products
            reads.add(path.relative_to(root).as_posix())
    return Opened(tuple(sorted(reads - writes)), tuple(sorted(writes)))


# --- the input key -----------------------------------------------------------------------------------------------

def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


def input_key(nb: nbformat.NotebookNode, root: Path = ROOT) -> str:
    """Hash of what the notebook's outputs depend on: its code and kernel, the files it read, helpers, the lock."""
    parts = [("kernel", nb.metadata.get("kernelspec", {}).get("name", ""))]
    parts += [("cell", cell.source) for cell in nb.cells if cell.cell_type == "code"]
    parts += [("read", rel, _file_digest(root / rel)) for rel in nb.metadata.get(METADATA_KEY, {}).get("reads", [])]
    parts += [("helpers", path.relative_to(HELPERS_SOURCE).as_posix(), _file_digest(path))
              for path in sorted(HELPERS_SOURCE.rglob("*.py"))]
    parts.append(("lock", _file_digest(LOCK)))
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def never_run(nb: nbformat.NotebookNode) -> bool:
    """A code cell with code but no execution count: the notebook was not run top to bottom since it was edited."""
    return any(c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None for c in nb.cells)


def read_cache(path: Path = CACHE) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_cache(cache: dict, path: Path = CACHE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cache, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def stale_notebooks(paths: list[Path], cache: dict) -> list[Path]:
    """The notebooks whose input key is not the one saved at their last execution (or that never ran)."""
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if never_run(nb) or cache.get(path.name, {}).get("key") != input_key(nb):
            stale.append(path)
    return stale


# --- execution ---------------------------------------------------------------------------------------------------

def _failure(path: Path, nb: nbformat.NotebookNode, cell_index: int | None, error: BaseException) -> NotebookError:
    """One line: which notebook, which cell (1-based, with its first line of code), what went wrong."""
    where = ""
    if cell_index is not None:
        first_line = next((line for line in nb.cells[cell_index].source.splitlines() if line.strip()), "")
        where = f" in cell {cell_index + 1} ({first_line.strip()[:60]!r})"
    if isinstance(error, CellExecutionError):
        what = f"{error.ename}: {error.evalue}"
    elif isinstance(error, CellTimeoutError):
        what = f"no result after {CELL_TIMEOUT} s"
    elif isinstance(error, DeadKernelError):
        what = "the kernel died"
    else:
        what = f"{type(error).__name__}: {error}"
    return NotebookError(f"{path.name} failed{where}: {' '.join(what.split())}")


async def _execute_one(path: Path, out: Path, workdir: Path, env: dict, folder: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    current: list[int] = []  # index of the cell being run, set by nbclient's hook (errors do not carry it)
    opened_log = folder / f"{path.stem}.opened"
    figures = Path(env.get(FIGURES_ENV) or ROOT / "figures").resolve()
    roots = tuple(sorted({str(ROOT) + os.sep, str(figures) + os.sep}))

    async def record_opened_files(notebook) -> None:
        reply = await ensure_async(client.kc.execute_interactive(
            RECORDER % (str(opened_log), roots), silent=True, store_history=False, timeout=60))
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not install the file recorder: {reply['content']}")

    # IPC sockets in a private folder: no TCP ports, and no "running over TCP without encryption" warning
    # from every kernel among the progress lines.
    km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(folder / path.stem))
    client = NotebookClient(
        nb, km=km, kernel_name=KERNEL, timeout=CELL_TIMEOUT, record_timing=False,  # no timestamps in outputs
        shutdown_kernel="immediate",  # all outputs are in when the last cell returns; saves ~1 s a notebook
        resources={"metadata": {"path": str(workdir)}},
        on_notebook_start=record_opened_files,
        on_cell_execute=lambda cell, cell_index: current.append(cell_index),
    )
    started = time.perf_counter()
    try:
        # cleanup_kc: shut the kernel down at the end, which nbclient does not do for a manager it was handed
        await client.async_execute(env=env, cleanup_kc=True)
    except Exception as error:
        raise _failure(path, nb, current[-1] if current else None, error) from error
    lines = opened_log.read_text(encoding="utf-8").splitlines() if opened_log.exists() else []
    opened = classify_opened(lines, ROOT, figures)
    nb.metadata.setdefault(METADATA_KEY, {}).update(reads=list(opened.reads), writes=list(opened.writes))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(out, nbformat.writes(nb) + "\n")  # as nbformat.write: sorted keys, indent 1, newline
    return time.perf_counter() - started


def execute_notebooks(paths: list[Path], *, jobs: int = 2, out_dir: Path | None = None,
                      workdir: Path | None = None, figures_dir: Path | None = None,
                      on_done=None) -> None:
    """Run each notebook top to bottom in its own fresh kernel, ``jobs`` at a time, and save it with outputs.

    In place by default, or into ``out_dir``; kernels start in ``workdir`` (default: the notebook's folder).
    ``figures_dir`` sets HELPERS_FIGURES_DIR for the kernels (otherwise they inherit it, or its absence, from
    this process). ``on_done(path)`` is called after each notebook is saved.
    After a failure no further notebook is started; the failed notebook is not written.
    """
    env = dict(os.environ)
    if figures_dir is not None:
        env[FIGURES_ENV] = str(figures_dir)

    async def run_all(folder: Path) -> None:
        limit = asyncio.Semaphore(max(1, jobs))
        done: list[Path] = []
        failures: list[NotebookError] = []

        async def run(path: Path) -> None:
            async with limit:
                if failures:
                    return
                out = (out_dir / path.name) if out_dir else path
                try:
                    seconds = await _execute_one(path, out, workdir or path.parent, env, folder)
                except NotebookError as error:
                    failures.append(error)
                    return
                done.append(path)
                if on_done:
                    on_done(out)
                log(f"[{len(done)}/{len(paths)}] executed {path.name} in {seconds:.1f} s")

        await asyncio.gather(*(run(path) for path in paths))
        if failures:
            raise failures[0]

    with tempfile.TemporaryDirectory(prefix="nbexec-") as folder:
        asyncio.run(run_all(Path(folder)))


def execute_changed(paths: list[Path], *, jobs: int = 2, force: bool = False, cache_file: Path = CACHE) -> list[Path]:
    """Execute, in place, the notebooks whose input key changed (all with ``force``); returns those executed."""
    cache = read_cache(cache_file)
    stale = list(paths) if force else stale_notebooks(paths, cache)
    fresh = len(paths) - len(stale)
    if fresh:
        log(f"{fresh} notebook{'s' * (fresh != 1)} up to date (same code, inputs and helpers as at the last run)")

    def remember(path: Path) -> None:  # after each success, so that a later failure keeps it
        cache[path.name] = {"key": input_key(nbformat.read(path, as_version=4))}
        write_cache(cache, cache_file)

    if stale:
        execute_notebooks(stale, jobs=jobs, on_done=remember)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publishing.execute", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    parser.add_argument("--force", action="store_true", help="execute every notebook, changed or not")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"input keys of the last runs (default: {CACHE})")
    parser.add_argument("notebooks", nargs="*", type=Path, help=f"default: every notebook in {NOTEBOOKS}")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or find_notebooks()
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"error: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        execute_changed(paths, jobs=args.jobs, force=args.force, cache_file=args.cache)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
