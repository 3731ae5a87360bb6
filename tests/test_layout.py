"""The house: src/helpers in a few subpackages by job, in the order the data flows, each importing only those before
it; no import circle (imports inside functions included); the data build without matplotlib; every table of data/
in the data package; no reach into another module's private names."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import DATA, ROOT

SRC = ROOT / "src" / "helpers"
ORDER = ["reading", "datapackage", "language", "build", "analysis", "presentation", "publishing"]
TOP = ["paths", "errors", "fast_start", "notebook"]  # may stay at the top; all but notebook are below every room
BELOW_EVERYTHING = {"helpers", "helpers.paths", "helpers.errors", "helpers.fast_start"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """Every helpers module that ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t.split(".")[0] == "helpers" and t in MODULES and t != name}
    return found


GRAPH = {name: imports(name) for name in MODULES}


def room(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def test_few_modules_loose_at_the_top():
    loose = sorted(p.stem for p in SRC.glob("*.py") if p.stem != "__init__")
    assert loose == sorted(TOP) and len(loose) <= 8


@pytest.mark.parametrize("package", ORDER)
def test_every_room_says_its_job_and_what_it_may_import(package):
    doc = ast.get_docstring(ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc.splitlines()[0]) > 20, f"helpers.{package} says its job in its docstring"
    assert "import" in doc, f"helpers.{package}'s docstring says what it may import"
    listed = {line.split()[0] for line in doc.splitlines()[1:] if line.startswith("    ") and line.split()}
    modules = {p.stem for p in (SRC / package).glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert modules <= listed, f"every module of helpers.{package} is named in its docstring: {modules - listed}"


def test_lower_rooms_never_import_higher_ones():
    wrong = []
    for name, targets in GRAPH.items():
        here = room(name)
        if here is None:
            if name in BELOW_EVERYTHING:
                wrong += [f"{name} -> {t}" for t in targets if t not in BELOW_EVERYTHING]
            continue
        for target in targets:
            there = room(target)
            if there is None:
                if target not in BELOW_EVERYTHING:
                    wrong.append(f"{name} -> {target}")
            elif ORDER.index(there) > ORDER.index(here):
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_no_import_circle():
    """Tarjan's strongly connected components over every import, those inside functions included."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    # a package's __init__ that re-exports its own modules is not a circle of code
    circles = [c for c in circles if not all(m.startswith(c[0].rsplit(".", 1)[0]) for m in c)]
    assert circles == []


def test_the_two_grammars_never_import_each_other_nor_the_door():
    assert not GRAPH["helpers.reading.arabic"] & {"helpers.reading.french", "helpers.reading.numbers"}
    assert not GRAPH["helpers.reading.french"] & {"helpers.reading.arabic", "helpers.reading.numbers"}


def test_no_private_name_is_imported_from_another_module():
    reached = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                reached += [f"{name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert reached == []


def test_the_data_build_and_the_tables_need_no_matplotlib():
    code = ("import sys\n"
            "from helpers.build.cli import main\n"
            "assert main(['--check']) == 0\n"
            "import helpers.presentation.tables, helpers.presentation.article_tables, "
            "helpers.presentation.report_tables, helpers.build.load\n"
            "heavy = sorted(m for m in ('matplotlib', 'arabic_reshaper', 'bidi', 'fontpkg_ibm_plex_sans_arabic') "
            "if m in sys.modules)\n"
            "print(' '.join(heavy))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_every_table_under_data_is_a_resource_of_the_data_package():
    described = {r["path"] for r in json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    tables = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.suffix in (".csv", ".tsv")}
    assert tables - described == set()
    assert described - tables == set()
