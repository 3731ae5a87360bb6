"""Files in and out: the one reader of the bytes of every file under data/, and the one atomic writer.

Reading refuses, each time with one line that names the file (and the row, line or field where there is one):

* a path that is missing, a folder, or unreadable;
* an empty file (nothing but white space);
* a UTF-8 byte-order mark (the tables are UTF-8 without one);
* bytes that are not of the declared encoding (UTF-8 unless the data says otherwise), naming the line;
* for JSON: a syntax error (its line and column), or a top level that is not an object.

Writing is atomic: the text goes to a temporary file beside the target (``.<name>.<random>.tmp``, in the same
folder, so on the same file system), which then replaces the target in one rename. A process killed at any moment
leaves the old file or the new one, never half of one; at worst a ``.*.tmp`` file, which ``sweep`` removes.
A file that already holds the text is not rewritten (its mtime stays, so a later step has nothing to re-read).
A folder that cannot be written is one line too (DataError naming it), never a traceback.

Two audit events (``sys.audit``) tell helpers.publishing.execute, which watches what a notebook reads, what a read
is for: ``helpers.unrecorded`` (+1, then -1) brackets reads that only decide whether a table can be trusted (the
digests of the build's inputs), which the notebook's outputs do not depend on; ``helpers.entry`` (path, key) names
the one entry of a JSON file that was used (``entries``), so that a notebook depends on that entry, not on the
whole file.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from helpers.errors import DataError

BOM = b"\xef\xbb\xbf"
TMP_SUFFIX = ".tmp"


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; DataError (one line) when it is missing, a folder or unreadable."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not a file") from None
    except OSError as err:
        raise DataError(path, f"cannot be read ({err.strerror or err})") from None


def decode(path: Path, data: bytes, encoding: str = "utf-8") -> str:
    """``data`` as text of ``encoding``, refusing an empty file, a byte-order mark and bytes of another encoding."""
    if not data.strip():
        raise DataError(path, "the file is empty")
    if data.startswith(BOM):
        raise DataError(path, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", row=0, line=1)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DataError(path, f"its declared encoding {encoding!r} is not one Python knows") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        name = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise DataError(path, f"byte 0x{data[err.start]:02x} at offset {err.start} is not {name} "
                              f"(saved in another encoding? save it as {name})", row=line - 1, line=line) from None


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A file's text (see the module's docstring for what is refused)."""
    return decode(Path(path), read_bytes(path), encoding)


def read_json(path: Path) -> dict:
    """A JSON object, with a one-line error naming the line of a syntax error."""
    text = read_text(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(path, f"malformed JSON: {err.msg} (column {err.colno}); a truncated or hand-broken file?",
                        line=err.lineno) from None
    if not isinstance(value, dict):
        raise DataError(path, f"holds a JSON {type(value).__name__}, where an object is expected")
    return value


# --- digests -------------------------------------------------------------------------------------------------------

_DIGESTS: dict[Path, tuple[tuple[int, int, int], str]] = {}


RACY_NS = 2_000_000_000  # a file changed this recently may change again within the same mtime tick


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes ("missing" for no file), remembered per (size, mtime, inode) within a process,
    but only for a file last changed more than two seconds ago: two writes within one tick of the clock that
    stamps mtimes (a few ms) keep the same mtime, and the second must not be taken for the first (as git does)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return "missing"
    key = (st.st_size, st.st_mtime_ns, st.st_ino)
    known = _DIGESTS.get(path)
    if known and known[0] == key:
        return known[1]
    try:
        value = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"
    if time.time_ns() - st.st_mtime_ns > RACY_NS:
        _DIGESTS[path] = (key, value)
    return value


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextmanager
def unrecorded():
    """Reads inside decide whether a table can be trusted, not what it holds (see the module's docstring)."""
    sys.audit("helpers.unrecorded", 1)
    try:
        yield
    finally:
        sys.audit("helpers.unrecorded", -1)


class Entries(dict):
    """A JSON object whose entries are looked up one by one: each lookup raises the audit event
    ``helpers.entry`` (path, key); listing them (iteration, ``keys``, ``items``, ``values``, ``len``) raises it with
    the key ``*`` (the whole file)."""

    def __init__(self, path: Path, data: dict):
        super().__init__(data)
        self.path = str(path)

    def _used(self, key) -> None:
        sys.audit("helpers.entry", self.path, str(key))

    def __getitem__(self, key):
        self._used(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._used(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._used(key)
        return super().__contains__(key)

    def __iter__(self):
        self._used("*")
        return super().__iter__()

    def __len__(self):
        self._used("*")
        return super().__len__()

    def keys(self):
        self._used("*")
        return super().keys()

    def items(self):
        self._used("*")
        return super().items()

    def values(self):
        self._used("*")
        return super().values()

    def whole(self) -> dict:
        """A plain copy (every entry used)."""
        self._used("*")
        return dict(super().items())


# --- writing -------------------------------------------------------------------------------------------------------

def _temporary(path: Path) -> tuple[int, Path]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    except OSError as err:
        raise DataError(path.parent, f"cannot be written ({err.strerror or err}); nothing was changed") from None
    return fd, Path(name)


def stage(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return it (``commit`` renames it into place)."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise DataError(path, f"cannot be written ({err.strerror or err}); nothing was changed") from None
        raise
    return tmp


def commit(tmp: Path, path: Path) -> None:
    """Rename a staged file onto its target (atomic on one file system)."""
    try:
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise DataError(path, f"cannot be replaced ({err.strerror or err}); the old file is kept") from None
        raise


def holds(path: Path, data: bytes | str) -> bool:
    """The file exists and holds exactly ``data``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = Path(path).stat()
        return st.st_size == len(raw) and Path(path).read_bytes() == raw
    except OSError:
        return False


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` atomically, unless the file already holds it.
    True when the file was written."""
    path = Path(path)
    with unrecorded():
        same = holds(path, data)
    if same:
        sys.audit("helpers.written", str(path))  # for a watcher, the file is written: it holds what was to be
        return False
    commit(stage(path, data), path)
    return True


def write_all(files: dict[Path, bytes | str], last: Path | None = None) -> list[Path]:
    """Several files at once: every changed one is staged first, so a failure while writing overwrites nothing;
    then each replaces its target (``last``, e.g. a manifest that describes the others, is renamed last).
    Returns the paths written (files that already held their text are left alone)."""
    changed = {Path(p): d for p, d in files.items() if not holds(p, d)}
    staged: dict[Path, Path] = {}
    try:
        for path, data in changed.items():
            staged[path] = stage(path, data)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    order = sorted(staged, key=lambda p: p == last)
    try:
        for path in order:
            commit(staged.pop(path), path)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    return order


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files (``.*.tmp``) a killed writer left in ``folder``; returns those removed."""
    removed = []
    for tmp in Path(folder).glob(f".*{TMP_SUFFIX}"):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed
