"""The collection's notebooks as the build and the site see them: titles, section, what each reads and writes.

    python -m helpers.publishing.catalogue            # one line per notebook: section, reads, writes
    python -m helpers.publishing.catalogue --readme   # the README's notebook table (the columns that come from here)
    python -m helpers.publishing.catalogue --update-readme   # rewrite those columns in README.md, keeping 'shows'

    python -m helpers.publishing.catalogue --group report notebooks/09-x.ipynb   # put a notebook in a section

One place for each fact:
  * the notebooks are ``notebooks/NN-short-name.ipynb``, found by that pattern (nothing lists them by hand);
  * a notebook's titles and section are in its own metadata, ``metadata.helpers``:
    ``title_en``, ``title_ar`` (else the first ``# `` heading) and ``group``, the id of a section;
  * the sections, their Arabic and English names and their order are in ``notebooks/groups.json``;
  * ``reads`` and ``writes`` (in the same metadata) are recorded by ``helpers.publishing.execute`` from the files the
    kernel actually opened, not typed by hand: the project files it read (data, schema, source text) and the
    charts it wrote. The site's download links and the incremental build use them.

Every notebook is read through ``load_notebook``: a file that is empty, cut short or not a valid notebook is one
line naming it and saying what to do, ``git checkout notebooks/NN-x.ipynb``: its code is in git and nowhere else,
so it cannot be executed again to repair it. (The project's own writers are atomic, helpers.datapackage.files:
a killed run leaves the old notebook or the new one, never half of one.) Notebooks are written with
``write_notebook``, atomically, ``language_info.version`` cut to major.minor (3.12, not 3.12.4), so that a run
on another patch release of Python rewrites nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import nbformat.reader

from helpers.datapackage import files
from helpers.errors import DataError, display_path, guarded, run_main
from helpers.language.bidi import first_strong_direction
from helpers.paths import NOTEBOOKS, ROOT

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
GROUPS_FILE = NOTEBOOKS / "groups.json"
METADATA_KEY = "helpers"


@dataclass(frozen=True)
class Group:
    """A section of the collection (the site's sidebar groups notebooks by it)."""

    id: str
    en: str
    ar: str


@dataclass(frozen=True)
class Notebook:
    """One notebook, from its file and its metadata."""

    path: Path
    title_en: str
    title_ar: str
    group: str
    reads: tuple[str, ...] = ()   # project-relative POSIX paths, as recorded by helpers.publishing.execute
    writes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def number(self) -> str:
        return self.path.name[:2]


def load_notebook(path: Path, *, validate: bool = True) -> nbformat.NotebookNode:
    """A notebook, read and (with ``validate``) checked against the notebook format; DataError naming it, with
    ``git checkout`` to restore it, when it is not one."""
    path = Path(path)
    restore = f"restore it with `git checkout {display_path(path)}` (its code is in git only)"
    try:
        text = files.read_text(path)
    except DataError as err:
        raise DataError(path, f"{err.problem}; {restore}") from None
    try:
        nb = nbformat.reader.reads(text)  # JSON and version, without nbformat's logged validation
    except Exception as err:  # nbformat raises NotJSONError, ValueError, KeyError... for what is not a notebook
        raise DataError(path, f"not a notebook ({type(err).__name__}: {' '.join(str(err).split())[:120]}); "
                              f"{restore}") from None
    try:
        nb = nbformat.convert(nb, 4)
        if validate:
            nbformat.validate(nb)
    except Exception as err:
        raise DataError(path, f"not a valid notebook ({' '.join(str(err).split())[:120]}); {restore}") from None
    return nb


def short_version(nb: nbformat.NotebookNode) -> None:
    """``metadata.language_info.version`` to major.minor (3.12.4 -> 3.12), in place."""
    info = nb.get("metadata", {}).get("language_info")
    if isinstance(info, dict) and isinstance(info.get("version"), str):
        info["version"] = ".".join(info["version"].split(".")[:2])


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """A notebook as this project saves it: nbformat's JSON (sorted keys, indent 1), a final newline, the Python
    version as major.minor."""
    short_version(nb)
    return nbformat.writes(nb) + "\n"


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Save a notebook atomically (see ``notebook_text``), only if changed; True when written."""
    return files.write_if_changed(Path(path), notebook_text(nb))


def find_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks, ``NN-short-name.ipynb``, in number order."""
    return sorted(folder.glob(NOTEBOOK_GLOB))


def load_groups(path: Path = GROUPS_FILE) -> list[Group]:
    """The sections in their order, from ``notebooks/groups.json``."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["groups"]
    except (OSError, ValueError, KeyError) as error:
        raise DataError(path, f"cannot read the sections ({type(error).__name__}: {error})") from error
    groups = []
    for i, row in enumerate(rows, start=1):
        for field in ("id", "en", "ar"):
            if not str(row.get(field, "")).strip():
                raise DataError(path, "missing or empty", row=i, field=field)
        groups.append(Group(row["id"], row["en"], row["ar"]))
    ids = [g.id for g in groups]
    if len(set(ids)) != len(ids):
        raise DataError(path, f"a section id is used twice: {sorted(i for i in ids if ids.count(i) > 1)[0]!r}")
    return groups


def titles(nb: nbformat.NotebookNode, path: Path) -> tuple[str, str]:
    """(English, Arabic) titles: from ``metadata.helpers``, else from the first markdown H1.

    An H1 such as "المصدر والأرقام · Source and figures" is split at " · ", " | " or " — " and each part
    assigned to a language by its first strong character (a part without letters, "00", names none).
    """
    meta = nb.metadata.get(METADATA_KEY, {})
    title_en, title_ar = meta.get("title_en", ""), meta.get("title_ar", "")
    if not (title_en and title_ar):
        heading = next((m.group(1).strip() for cell in nb.cells if cell.cell_type == "markdown"
                        for m in [re.search(r"^#\s+(.+)$", cell.source, re.M)] if m), "")
        for part in re.split(r"\s+[·|—–]\s+", heading):
            direction = first_strong_direction(part)
            if direction == "rtl":
                title_ar = title_ar or part
            elif direction == "ltr":
                title_en = title_en or part
    return title_en or path.stem, title_ar


def read_notebook(path: Path, groups: list[Group] | None = None) -> Notebook:
    """A notebook's entry; DataError (one line naming the notebook and the field) when it is not a notebook or its
    section is missing."""
    nb = load_notebook(path)
    groups = load_groups() if groups is None else groups
    meta = nb.metadata.get(METADATA_KEY, {})
    group = meta.get("group")
    known = [g.id for g in groups]
    field = f"metadata.{METADATA_KEY}.group"
    if not group:
        raise DataError(path, f"missing: the notebook's section, one of {', '.join(known)} "
                              f"(python -m helpers.publishing.catalogue --group ID {display_path(path)})", field=field)
    if group not in known:
        raise DataError(path, f"unknown section {group!r}; known: {', '.join(known)} "
                              f"(sections are listed in {display_path(GROUPS_FILE)})", field=field)
    return Notebook(path, *titles(nb, path), group=group,
                    reads=tuple(meta.get("reads", ())), writes=tuple(meta.get("writes", ())))


def catalogue(paths: list[Path] | None = None) -> list[Notebook]:
    """Every notebook (or those given), in number order."""
    groups = load_groups()
    return [read_notebook(path, groups) for path in (find_notebooks() if paths is None else paths)]


def by_group(notebooks: list[Notebook], groups: list[Group] | None = None) -> list[tuple[Group, list[Notebook]]]:
    """Sections in their order, each with its notebooks in number order; empty sections left out.

    This is the reading order: the site's sidebar and its previous/next links follow it.
    """
    groups = load_groups() if groups is None else groups
    return [(g, members) for g in groups if (members := [nb for nb in notebooks if nb.group == g.id])]


def update_metadata(path: Path, **fields) -> bool:
    """Set ``metadata.helpers.<field>`` in the notebook file; write only if something changed. True if written."""
    nb = load_notebook(path)
    meta = nb.metadata.setdefault(METADATA_KEY, {})
    if all(meta.get(key) == value for key, value in fields.items()):
        return False
    meta.update(fields)
    return write_notebook(nb, path)  # sorted keys, indent=1, ensure_ascii=False: as JupyterLab saves


def _cell(paths: tuple[str, ...]) -> str:
    return ", ".join(f"`{p}`" for p in paths)


def readme_rows(notebooks: list[Notebook]) -> list[tuple[str, str, str, str]]:
    """(notebook, section, reads, writes) as the README's table shows them: the data files read, charts as globs."""
    groups = {g.id: g for g in load_groups()}
    rows = []
    for nb in notebooks:
        reads = tuple(p for p in nb.reads if p.startswith("data/") and p.endswith(".csv"))
        charts = sorted({re.sub(r"\.(png|svg)$", ".*", p) for p in nb.writes})
        rows.append((f"`{nb.stem}`", groups[nb.group].en, _cell(reads), _cell(tuple(charts))))
    return rows


README = ROOT / "README.md"
_README_HEADER = "| notebook | section | shows | reads | writes |\n|---|---|---|---|---|\n"


def update_readme(notebooks: list[Notebook], path: Path = README) -> None:
    """Rewrite the README's notebook table: notebook, section, reads and writes from the metadata; each row keeps
    the 'shows' prose it had (a new notebook gets "..." to fill in by hand)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(_README_HEADER)
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    shows = {}
    for line in text[start:end].splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5:
            shows[cells[0]] = cells[2]
    rows = [f"| {name} | {section} | {shows.get(name, '...')} | {reads} | {writes} |"
            for name, section, reads, writes in readme_rows(notebooks)]
    files.write_if_changed(path, text[:start] + _README_HEADER + "\n".join(rows) + text[end:])


@guarded
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publishing.catalogue", description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", action="store_true", help="print the README table's notebook columns")
    parser.add_argument("--update-readme", action="store_true",
                        help="rewrite the README's notebook table from the metadata, keeping its 'shows' column")
    parser.add_argument("--group", help="put the notebooks given into this section (an id of groups.json)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.group:
            known = [g.id for g in load_groups()]
            if args.group not in known:
                print(f"error: unknown section {args.group!r}; known: {', '.join(known)}", file=sys.stderr)
                return 1
            for path in args.notebooks:
                update_metadata(path, group=args.group)
            return 0
        notebooks = catalogue(args.notebooks or None)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.update_readme:
        update_readme(notebooks)
        return 0
    if args.readme:  # the "shows" column is prose, written in the README by hand
        print("| notebook | section | shows | reads | writes |\n|---|---|---|---|---|")
        for name, section, reads, writes in readme_rows(notebooks):
            print(f"| {name} | {section} | ... | {reads} | {writes} |")
        return 0
    for nb in notebooks:
        print(f"{nb.name}  [{nb.group}]  reads: {', '.join(nb.reads) or '-'}  writes: {', '.join(nb.writes) or '-'}")
    return 0


if __name__ == "__main__":
    run_main(main)
