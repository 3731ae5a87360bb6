"""The raw files (data/raw): each read byte for byte and checked against its SHA-256 in data/raw/sources.json.

A raw file is never edited; ``sources.json`` records where each came from (publisher, URL, dates, licence, how it was
collected) and its checksum, and ``read_raw`` refuses a file whose bytes changed.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.errors import DataError
from helpers.paths import RAW

SOURCES_JSON = RAW / "sources.json"


def sources() -> dict:
    """Provenance of every raw file (publisher, dates, URL, checksum, notes), from data/raw/sources.json."""
    return json.loads(SOURCES_JSON.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_raw(path: Path) -> str:
    """The text of a raw file after checking its SHA-256 against data/raw/sources.json."""
    meta = sources().get(path.name)
    if meta is None:
        raise DataError(path, f"no provenance entry for this file in {SOURCES_JSON.name}")
    got = sha256(path)
    if got != meta["sha256"]:
        raise DataError(path, f"SHA-256 {got[:12]}… differs from the recorded {meta['sha256'][:12]}… "
                              f"(the raw file changed; restore it byte for byte from the source)")
    return path.read_bytes().decode(meta.get("encoding", "utf-8"))
