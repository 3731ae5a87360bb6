"""How to cite the collection, from CITATION.cff: the one place for its title, authors, release date, licences and
repository address. The site's index, every page's footer, Sphinx's ``author`` and the Binder link are made here.

    >>> citation_text()   # "Authors (2026). *Title* (version 0.1.0) [Data set]. https://..."
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from helpers.paths import ROOT

CITATION = ROOT / "CITATION.cff"
BINDER_URL = "https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/notebooks"
KINDS = {"dataset": "Data set", "software": "Software"}


@lru_cache(maxsize=4)
def _cff(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cff(path: Path = CITATION) -> dict:
    return _cff(path)


def collection_title(path: Path = CITATION) -> str:
    """The collection's title, as CITATION.cff gives it."""
    return cff(path)["title"]


def authors(path: Path = CITATION) -> str:
    """The authors as a citation names them: a name, or "Family, Given"."""
    return ", ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
                     for a in cff(path)["authors"])


def release_date(path: Path = CITATION) -> str:
    return str(cff(path).get("date-released", ""))


def repository(path: Path = CITATION) -> str:
    """The repository's address (``repository-code``)."""
    return cff(path)["repository-code"]


def binder_url(path: Path = CITATION) -> str:
    """The Binder link that opens notebooks/ in JupyterLab, from the repository's GitHub path."""
    slug = repository(path).removeprefix("https://github.com/").strip("/")
    return BINDER_URL.format(repository=slug)


def licences(path: Path = CITATION) -> dict[str, str]:
    """SPDX ids: the data set's (the work CITATION.cff describes) and the code's (its software reference)."""
    data = cff(path)
    code = next((r["license"] for r in data.get("references", []) if r.get("type") == "software"), data["license"])
    return {"data": data["license"], "code": code}


def citation_text(path: Path = CITATION) -> str:
    """"Authors (year). *Title* (version X) [type]. Repository." from CITATION.cff."""
    data = cff(path)
    year = release_date(path)[:4] or "n.d."
    kind = KINDS.get(data.get("type", "software"), "Software")
    return f"{authors(path)} ({year}). *{data['title']}* (version {data['version']}) [{kind}]. {repository(path)}"
