"""Execute the notebooks whose code or inputs changed, in place, and record what each one read and wrote.

    python -m helpers.publishing.execute [--jobs N] [--force] [notebooks...]

A notebook is executed when its *input key* differs from the one saved at its last execution (in
``build/execute-cache.json``, not committed): the key hashes the notebook's code cells and kernel, what it read last
time (``metadata.helpers.reads``), the source of ``src/helpers`` and ``requirements.lock``. Editing prose does
not re-execute; editing code, a data file it reads, a helper or a pin does. Without a cache (a fresh clone) every
notebook runs once.

What a notebook read is the bytes of each file, except for JSON files looked up entry by entry
(helpers.datapackage.files.Entries: data/raw/sources.json): there the key holds only the entries the notebook used
(saved in the cache beside the key), so that a new raw file's entry re-runs no notebook that never read that file.
Reads that only decide whether a table can be trusted (the manifest, the digests of the build's inputs,
``helpers.unrecorded``) are not dependencies: a notebook depends on the tables it loaded, and ``make html`` runs
``make data`` first, which rewrites a table whose inputs changed.

jupyter-cache (the engine behind MyST-NB's cache mode) keys on the code cells only: a changed CSV would not
re-run the notebooks that read it, and it keeps outputs in its own database rather than in the committed
notebooks that nbval compares. So this module does the bookkeeping itself (the hashing is the short part).

What a notebook reads and writes is recorded, not declared: an audit hook (``sys.addaudithook``: the "open" and
"os.rename" events, and the helpers' own "helpers.entry" and "helpers.unrecorded"), installed in the kernel before
the first cell by a silent request that adds no cell, output or execution count, notes every project file opened.
After the run ``metadata.helpers.reads`` (data, schema, source files) and ``writes`` (charts, as
``figures/<name>``) are set from it; the site's download links use them.

Each notebook runs top to bottom in a fresh ``python3`` kernel (``--jobs`` at once) and is saved with its outputs
(sorted keys, indent 1, no timings, the Python version as major.minor: a run with the same inputs gives the same
bytes, on any patch release, and an unchanged file is not rewritten, only touched: Sphinx re-reads a page whose
notebook is older than a file it offers for download, so a notebook run again because what it reads changed is
made newer than that, once), atomically (helpers.datapackage.files: a
temporary file beside it, then a rename), so a run killed at any moment leaves every notebook whole. A failing
notebook stops the run with one line naming the notebook and the cell; it is not saved. A notebook that is not one
(empty, cut short) is one line saying ``git checkout`` it (helpers.publishing.catalogue.load_notebook). Ctrl-C
stops the kernels, removes the run's temporary folder and says so in one line; the folder of a run that was
killed outright (``nbexec-<pid>-*`` in the temporary directory, its process gone) is removed by the next run.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":
    from helpers import fast_start  # noqa: F401  (before nbformat: see its docstring)

import nbformat  # noqa: E402

from helpers.datapackage import files  # noqa: E402
from helpers.errors import DataError, guarded, run_main  # noqa: E402
from helpers.paths import BUILD, NOTEBOOKS, ROOT  # noqa: E402
from helpers.publishing.catalogue import METADATA_KEY, find_notebooks, load_notebook, write_notebook  # noqa: E402

# The Jupyter client (jupyter_client, nbclient, asyncio's loop) is imported when a notebook is executed: a run
# that finds every notebook up to date, the usual ``make html``, is over before it would have loaded.

KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per cell; the slowest cell in the collection takes a few seconds
FIGURES_ENV = "HELPERS_FIGURES_DIR"  # where helpers.presentation.charts.save writes charts (read by helpers.paths)
CACHE = BUILD / "execute-cache.json"
TMP_PREFIX = "nbexec-"
HELPERS_SOURCE = Path(__file__).resolve().parents[1]  # src/helpers: every module a notebook may import
LOCK = ROOT / "requirements.lock"

# Runs silently in the kernel before the first cell: records each file under the given roots that is opened,
# once per (mode, path), one line "r<TAB>path" or "w<TAB>path" appended to the log; a rename onto a path is a
# write of that path (the atomic writers rename a temporary file into place), and so is "helpers.written" (a
# file that already held what was to be written); "e<TAB>path<TAB>key" for an entry
# of a JSON file looked up (helpers.entry); nothing while helpers.unrecorded says the reads only check a table.
# The busy flag keeps the hook's own write to the log from recording itself.
RECORDER = r"""
def _helpers_record_opened_files(log, roots):
    import os, sys
    state = {"busy": False, "seen": set(), "quiet": 0}
    def note(entry):
        if entry in state["seen"]:
            return
        state["seen"].add(entry)
        state["busy"] = True
        try:
            with open(log, "a", encoding="utf-8") as f:
                f.write(entry + "\n")
        finally:
            state["busy"] = False
    def inside(raw):
        try:
            path = os.path.abspath(os.fsdecode(raw))
        except (TypeError, ValueError):
            return None
        return path if path.startswith(roots) else None
    def hook(event, args):
        if state["busy"]:
            return
        if event == "helpers.unrecorded":
            state["quiet"] += args[0]
            return
        if state["quiet"] > 0:
            return
        if event == "helpers.entry":
            path = inside(args[0])
            if path:
                note("e\t" + path + "\t" + args[1])
            return
        if event in ("os.rename", "helpers.written"):
            target = args[1] if event == "os.rename" else args[0]
            path = inside(target) if not isinstance(target, int) else None
            if path:
                note("w\t" + path)
            return
        if event != "open" or isinstance(args[0], int) or args[0] is None:
            return
        path = inside(args[0])
        if path is None:
            return
        mode, flags = args[1], args[2]
        if mode is None:
            writing = bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        else:
            writing = any(c in mode for c in "wax+")
        note(("w" if writing else "r") + "\t" + path)
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
    entries: dict = field(default_factory=dict)  # project-relative path -> the entries used ("*": all of them)


def _temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(files.TMP_SUFFIX)


def classify_opened(lines: list[str], root: Path, figures: Path) -> Opened:
    """The recorder's lines as project-relative paths: files read (outside hidden folders, src/ and build/, and
    not also written), files written (charts as ``figures/<name>``, whatever folder the charts went to; a
    writer's temporary file is not a file written) and the entries of JSON files looked up."""
    reads, writes, entries = set(), set(), {}
    for line in lines:
        kind, _, raw = line.partition("\t")
        if kind == "e":
            raw, _, key = raw.partition("\t")
        path = Path(raw)
        if kind == "w":
            if _temporary(path):
                continue
            if path.is_relative_to(figures):
                writes.add("figures/" + path.relative_to(figures).as_posix())
            elif path.is_relative_to(root):
                writes.add(path.relative_to(root).as_posix())
        elif kind == "e":
            if path.is_relative_to(root):
                entries.setdefault(path.relative_to(root).as_posix(), set()).add(key)
        elif path.is_relative_to(root) and path.is_file():
            parts = path.relative_to(root).parts
            if parts[0].startswith(".") or parts[0] in ("src", "build") or "__pycache__" in parts:
                continue  # the environment, the helpers (in the key anyway), build products
            reads.add(path.relative_to(root).as_posix())
    reads -= writes
    used = {rel: tuple(sorted(keys)) for rel, keys in sorted(entries.items()) if rel in reads}
    return Opened(tuple(sorted(reads)), tuple(sorted(writes)), used)


# --- the input key -----------------------------------------------------------------------------------------------

def _file_digest(path: Path) -> str:
    return files.digest(path)


def _entries_digest(path: Path, keys: tuple[str, ...]) -> str:
    """SHA-256 of the named entries of a JSON object (the whole file's bytes when one of them is ``*``)."""
    if "*" in keys:
        return _file_digest(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "unreadable"
    if not isinstance(data, dict):
        return "unreadable"
    used = {key: data.get(key) for key in keys}
    return hashlib.sha256(json.dumps(used, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def input_key(nb, root: Path = ROOT, entries: dict | None = None) -> str:
    """Hash of what the notebook's outputs depend on: its code and kernel, what it read (the bytes of each file, or
    of the ``entries`` it used of a JSON file), helpers, the lock."""
    entries = entries or {}
    meta = nb.get("metadata", {})
    parts = [("kernel", meta.get("kernelspec", {}).get("name", ""))]
    parts += [("cell", _source(cell)) for cell in nb.get("cells", []) if cell.get("cell_type") == "code"]
    for rel in meta.get(METADATA_KEY, {}).get("reads", []):
        if rel in entries:
            parts.append(("read", rel, list(entries[rel]), _entries_digest(root / rel, tuple(entries[rel]))))
        else:
            parts.append(("read", rel, _file_digest(root / rel)))
    parts += [("helpers", path.relative_to(HELPERS_SOURCE).as_posix(), _file_digest(path))
              for path in sorted(HELPERS_SOURCE.rglob("*.py"))]
    parts.append(("lock", _file_digest(LOCK)))
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def never_run(nb) -> bool:
    """A code cell with code but no execution count: the notebook was not run top to bottom since it was edited."""
    return any(c.get("cell_type") == "code" and _source(c).strip() and c.get("execution_count") is None
               for c in nb.get("cells", []))


def read_cache(path: Path = CACHE) -> dict:
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cache if isinstance(cache, dict) else {}


def write_cache(cache: dict, path: Path = CACHE) -> None:
    files.write_if_changed(path, json.dumps(cache, indent=1, sort_keys=True) + "\n")


def _json_notebook(path: Path) -> dict:
    """A notebook's JSON, without nbformat's validation (fast: for the key); DataError when it is not a notebook."""
    try:
        nb = files.read_json(path)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no list of cells")
        return nb
    except (DataError, ValueError):
        load_notebook(path)  # the one message for a notebook that is not one, with what to do
        raise


def stale_notebooks(paths: list[Path], cache: dict) -> list[Path]:
    """The notebooks whose input key is not the one saved at their last execution (or that never ran)."""
    stale = []
    for path in paths:
        nb = _json_notebook(path)
        saved = cache.get(path.name, {})
        if never_run(nb) or saved.get("key") != input_key(nb, entries=saved.get("entries")):
            stale.append(path)
    return stale


def sweep_temporary(folder: Path | None = None) -> list[Path]:
    """Remove the temporary folders of runs whose process is gone (``nbexec-<pid>-*``); returns those removed."""
    removed = []
    for stale in Path(folder or tempfile.gettempdir()).glob(f"{TMP_PREFIX}*-*"):
        pid = stale.name[len(TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- execution ---------------------------------------------------------------------------------------------------

def _failure(path: Path, nb: nbformat.NotebookNode, cell_index: int | None, error: BaseException) -> NotebookError:
    """One line: which notebook, which cell (1-based, with its first line of code), what went wrong."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

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


async def _execute_one(path: Path, out: Path, workdir: Path, env: dict, folder: Path) -> tuple[float, Opened]:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.util import ensure_async

    nb = load_notebook(path)
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
    if not write_notebook(nb, out):  # atomic; as nbformat.write: sorted keys, indent 1, newline; Python major.minor
        os.utime(out)  # same bytes, but run again because what it reads changed: newer than its downloads
    return time.perf_counter() - started, opened


def execute_notebooks(paths: list[Path], *, jobs: int = 2, out_dir: Path | None = None,
                      workdir: Path | None = None, figures_dir: Path | None = None,
                      on_done=None) -> None:
    """Run each notebook top to bottom in its own fresh kernel, ``jobs`` at a time, and save it with outputs.

    In place by default, or into ``out_dir``; kernels start in ``workdir`` (default: the notebook's folder).
    ``figures_dir`` sets HELPERS_FIGURES_DIR for the kernels (otherwise they inherit it, or its absence, from
    this process). ``on_done(path, opened)`` is called after each notebook is saved, with what it read and wrote.
    After a failure no further notebook is started; the failed notebook is not written. The run's temporary
    folder (its kernels' sockets, the recorders' logs) is removed at the end, after a failure or Ctrl-C too.
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
                    seconds, opened = await _execute_one(path, out, workdir or path.parent, env, folder)
                except NotebookError as error:
                    failures.append(error)
                    return
                done.append(path)
                if on_done:
                    on_done(out, opened)
                log(f"[{len(done)}/{len(paths)}] executed {path.name} in {seconds:.1f} s")

        await asyncio.gather(*(run(path) for path in paths))
        if failures:
            raise failures[0]

    sweep_temporary()
    charts = Path(env.get(FIGURES_ENV) or ROOT / "figures")
    for written in {*(p.parent for p in paths), *([out_dir] if out_dir else []), charts}:
        files.sweep(written)  # what a killed writer left (.<name>.<random>.tmp)
    folder = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-"))
    try:
        asyncio.run(run_all(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def execute_changed(paths: list[Path], *, jobs: int = 2, force: bool = False, cache_file: Path = CACHE) -> list[Path]:
    """Execute, in place, the notebooks whose input key changed (all with ``force``); returns those executed."""
    cache = read_cache(cache_file)
    stale = list(paths) if force else stale_notebooks(paths, cache)
    fresh = len(paths) - len(stale)
    if fresh:
        log(f"{fresh} notebook{'s' * (fresh != 1)} up to date (same code, inputs and helpers as at the last run)")

    def remember(path: Path, opened: Opened) -> None:  # after each success, so that a later failure keeps it
        entries = {rel: list(keys) for rel, keys in opened.entries.items()}
        cache[path.name] = {"key": input_key(_json_notebook(path), entries=entries), "entries": entries}
        write_cache(cache, cache_file)

    if stale:
        execute_notebooks(stale, jobs=jobs, on_done=remember)
    return stale


def _terminated(signum, frame):
    raise KeyboardInterrupt  # a kill (SIGTERM) cleans up as Ctrl-C does


@guarded
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
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)
    try:
        execute_changed(paths, jobs=args.jobs, force=args.force, cache_file=args.cache)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    run_main(main)
