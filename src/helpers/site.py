"""Execute the notebooks and render them as a static, offline, bidirectional HTML site.

    python -m helpers.site [--execute] [--out DIR] [--jobs N] [notebooks...]

``--execute`` runs every ``notebooks/NN-*.ipynb`` in place in a fresh ``python3`` kernel (up to ``--jobs`` at
once) and saves it with its outputs; then every notebook is rendered to ``DIR/<stem>.html`` (default
build/html) with nbconvert's ``lab`` template, and ``DIR/index.html`` lists them with their Arabic and English
titles. Each step prints one line per notebook; a failing notebook stops the build with a one-line message
naming the notebook and the cell.

What nbclient and nbconvert do not do, and this module adds by hand:
  * no network: the lab template loads require.js, MathJax and mermaid from a CDN; the page template below
    drops them (no notebook here uses widgets, JavaScript outputs, LaTeX or mermaid), and the one font the
    pages use is copied next to them (``fonts/``) instead of being fetched.
  * right to left: nbconvert writes no ``dir`` attributes and JupyterLab's CSS aligns paragraphs left;
    ``mark_direction`` puts ``dir="auto"`` on every block of text (and ``lang="ar"`` where it begins in
    Arabic), and the page CSS aligns text to its start.
  * titles from notebook metadata, a navigation header and footer, the index page.
Everything written is a pure function of the notebooks (no dates, no random ids), so a rebuild leaves no diff.
"""
from __future__ import annotations

import argparse
import asyncio
import html
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":
    from . import fast_start  # noqa: F401  (before nbformat: see its docstring)

import fontpkg_ibm_plex_sans_arabic as _plex  # noqa: E402 (after fast_start)
import nbformat  # noqa: E402

from .paths import NOTEBOOKS, SITE
from .text_direction import first_strong_direction

KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per cell; the slowest cell in the collection takes a few seconds
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
FIGURES_ENV = "HELPERS_FIGURES_DIR"  # where helpers.charts.save writes charts (read by helpers.paths)

COLLECTION_TITLE = {
    "en": "DGSN 2025: security communication",
    "ar": "المديرية العامة للأمن الوطني 2025: التواصل الأمني",
}
DESCRIPTION = {
    "en": "Research notebooks on the 2025 report of Morocco's Directorate-General for National Security (DGSN) "
          "on security communication: the figures are read from the Arabic source text with their provenance, "
          "checked against the report's own sums, and shown as tables and charts, one theme per notebook.",
    "ar": "دفاتر بحثية حول تقرير المديرية العامة للأمن الوطني بالمغرب لسنة 2025 عن التواصل الأمني: الأرقام "
          "مستخرجة من النص العربي الأصلي مع الإحالة إلى موضعها، ومدققة بمجاميع التقرير نفسه، ومعروضة في جداول "
          "ورسوم بيانية، لكل محور دفتر.",
}
FONT_FILES = {400: "IBMPlexSansArabic-Regular.ttf", 700: "IBMPlexSansArabic-Bold.ttf"}


class NotebookError(Exception):
    """A notebook failed to execute; the message is one line naming the notebook and the cell."""


def log(message: str) -> None:
    print(message, flush=True)


# --- notebooks and titles ----------------------------------------------------------------------------------------

def find_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks, ``NN-short-name.ipynb``, in order."""
    return sorted(folder.glob(NOTEBOOK_GLOB))


@dataclass(frozen=True)
class Entry:
    """One notebook as the site shows it."""

    path: Path
    title_en: str
    title_ar: str

    @property
    def page(self) -> str:
        return self.path.stem + ".html"


def notebook_titles(nb: nbformat.NotebookNode, path: Path) -> tuple[str, str]:
    """(English, Arabic) titles: from ``metadata.helpers``, else from the first markdown H1.

    An H1 such as "المصدر والأرقام · Source and figures" is split at " · ", " | " or " — " and each part
    assigned to a language by its first strong character.
    """
    meta = nb.metadata.get("helpers", {})
    title_en, title_ar = meta.get("title_en", ""), meta.get("title_ar", "")
    if not (title_en and title_ar):
        heading = next((m.group(1).strip() for cell in nb.cells if cell.cell_type == "markdown"
                        for m in [re.search(r"^#\s+(.+)$", cell.source, re.M)] if m), "")
        for part in re.split(r"\s+[·|—–]\s+", heading):
            direction = first_strong_direction(part)  # a part without letters ("00") names no language
            if direction == "rtl":
                title_ar = title_ar or part
            elif direction == "ltr":
                title_en = title_en or part
    return title_en or path.stem, title_ar


def read_entries(paths: list[Path]) -> list[tuple[Entry, nbformat.NotebookNode]]:
    entries = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        entries.append((Entry(path, *notebook_titles(nb, path)), nb))
    return entries


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


async def _execute_one(path: Path, out: Path, workdir: Path, env: dict, sockets: Path) -> float:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    current: list[int] = []  # index of the cell being run, set by nbclient's hook (errors do not carry it)
    # IPC sockets in a private folder: no TCP ports, and no "running over TCP without encryption" warning
    # from every kernel among the progress lines.
    km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(sockets / path.stem))
    client = NotebookClient(
        nb, km=km, kernel_name=KERNEL, timeout=CELL_TIMEOUT, record_timing=False,  # no timestamps in outputs
        shutdown_kernel="immediate",  # all outputs are in when the last cell returns; saves ~1 s a notebook
        resources={"metadata": {"path": str(workdir)}},
        on_cell_execute=lambda cell, cell_index: current.append(cell_index),
    )
    started = time.perf_counter()
    try:
        # cleanup_kc: shut the kernel down at the end, which nbclient does not do for a manager it was handed
        await client.async_execute(env=env, cleanup_kc=True)
    except Exception as error:
        raise _failure(path, nb, current[-1] if current else None, error) from error
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)  # sorted keys, indent=1, ensure_ascii=False, trailing newline: as JupyterLab saves
    return time.perf_counter() - started


def execute_notebooks(paths: list[Path], *, jobs: int = 2, out_dir: Path | None = None,
                      workdir: Path | None = None, figures_dir: Path | None = None) -> None:
    """Run each notebook top to bottom in its own fresh kernel, ``jobs`` at a time, and save it with outputs.

    In place by default, or into ``out_dir``; kernels start in ``workdir`` (default: the notebook's folder).
    ``figures_dir`` sets HELPERS_FIGURES_DIR for the kernels (otherwise they inherit it, or its absence, from
    this process).
    After a failure no further notebook is started; the failed notebook is not written.
    """
    env = dict(os.environ)
    if figures_dir is not None:
        env[FIGURES_ENV] = str(figures_dir)

    async def run_all() -> None:
        limit = asyncio.Semaphore(max(1, jobs))
        done: list[Path] = []
        failures: list[NotebookError] = []

        async def run(path: Path) -> None:
            async with limit:
                if failures:
                    return
                out = (out_dir / path.name) if out_dir else path
                try:
                    seconds = await _execute_one(path, out, workdir or path.parent, env, sockets)
                except NotebookError as error:
                    failures.append(error)
                    return
                done.append(path)
                log(f"[{len(done)}/{len(paths)}] executed {path.name} in {seconds:.1f} s")

        await asyncio.gather(*(run(path) for path in paths))
        if failures:
            raise failures[0]

    with tempfile.TemporaryDirectory(prefix="nbsock-") as folder:
        sockets = Path(folder)
        asyncio.run(run_all())


# --- rendering ---------------------------------------------------------------------------------------------------

FONT_FACES = "".join(
    f'@font-face {{ font-family: "IBM Plex Sans Arabic"; font-weight: {weight}; src: url("fonts/{name}"); }}\n'
    for weight, name in FONT_FILES.items())
PAGE_CSS = FONT_FACES + """
:lang(ar) { font-family: "IBM Plex Sans Arabic", var(--jp-content-font-family, sans-serif); }
/* JupyterLab aligns paragraphs left and indents lists on the left: follow each block's own direction. */
.jp-RenderedHTMLCommon :is(p, h1, h2, h3, h4, h5, h6, li, blockquote) { text-align: start; }
.jp-RenderedHTMLCommon :is(ul, ol):not(.list-inline) { padding-left: 0; padding-inline-start: 2em; }
.jp-RenderedHTMLCommon :is(p, li):lang(ar) { font-size: calc(1.1 * var(--jp-content-font-size1, 14px));
                                             line-height: 1.8; }
.site-nav { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; justify-content: space-between;
            max-width: 1100px; margin: 0 auto; padding: 0.75em 1em; font: 14px/1.5 system-ui, sans-serif; }
.site-nav a { color: #1a5fb4; text-decoration: none; }
.site-nav a:hover { text-decoration: underline; }
header .site-nav { border-bottom: 1px solid #ddd; }
footer .site-nav { border-top: 1px solid #ddd; margin-top: 2em; }
"""

# The lab template, minus its CDN scripts, plus the CSS above (after JupyterLab's, so that it wins) and a
# navigation bar. `resources.nav` is set
# per page by render_page.
PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.site_css }}</style>{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<header>{{ resources.nav }}</header>
{%- endblock body_header -%}
{% block body_footer %}
<footer>{{ resources.nav }}</footer>
{{ super() }}
{% endblock body_footer %}
"""


def make_exporter():
    """nbconvert's HTML exporter with the lab template, our page template and images embedded as data: URIs."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="site-page.html.j2", embed_images=True,
                        extra_loaders=[DictLoader({"site-page.html.j2": PAGE_TEMPLATE})])


_BLOCK_TAG = re.compile(r"<(p|h[1-6]|li|ul|ol|td|th|blockquote|caption|dt|dd)(\s[^>]*)?>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def mark_direction(page: str) -> str:
    """Add ``dir="auto"`` to every block of text in the body, and ``lang="ar"`` to those that begin in Arabic.

    By hand because nbconvert has no such option: markdown cells and HTML outputs (pandas tables) come out
    without ``dir``, so an Arabic paragraph would be laid out left to right. ``dir="auto"`` lets the browser
    choose per block from its first strong character; ``lang="ar"`` selects the Arabic font. Tags that already
    carry ``dir`` are left alone, and so is the ``<head>`` (inlined CSS).
    """
    head, sep, body = page.partition("</head>")
    if not sep:
        head, body = "", page

    def mark(match: re.Match) -> str:
        tag, attributes = match.group(1), match.group(2) or ""
        if re.search(r"\sdir\s*=", attributes):
            return match.group(0)
        closing = body.find(f"</{tag}", match.end())
        text = html.unescape(_ANY_TAG.sub("", body[match.end(): closing if closing >= 0 else None]))
        extra = ' dir="auto"'
        if first_strong_direction(text) == "rtl" and _ARABIC_LETTER.search(text) and not re.search(r"\slang\s*=", attributes):
            extra += ' lang="ar"'
        return f"<{tag}{attributes}{extra}>"

    return head + sep + _BLOCK_TAG.sub(mark, body)


def _link(href: str, label_en: str, label_ar: str, rel: str = "") -> str:
    rel = f' rel="{rel}"' if rel else ""
    arabic = f' · <span lang="ar" dir="rtl">{html.escape(label_ar)}</span>' if label_ar else ""
    return f'<a href="{html.escape(href)}"{rel}><span dir="ltr">{html.escape(label_en)}</span>{arabic}</a>'


def navigation(entries: list[Entry], i: int) -> str:
    """Back to the index, and the previous and next notebooks."""
    links = [_link("index.html", "↑ Index", "الفهرس")]
    if i > 0:
        links.append(_link(entries[i - 1].page, "← " + entries[i - 1].title_en, entries[i - 1].title_ar, "prev"))
    if i + 1 < len(entries):
        links.append(_link(entries[i + 1].page, entries[i + 1].title_en + " →", entries[i + 1].title_ar, "next"))
    return '<nav class="site-nav" aria-label="Notebooks">' + "".join(links) + "</nav>"


def render_page(exporter, nb: nbformat.NotebookNode, entries: list[Entry], i: int) -> str:
    entry = entries[i]
    title = f"{entry.title_en} · {entry.title_ar}" if entry.title_ar else entry.title_en
    resources = {"metadata": {"name": title, "path": str(entry.path.parent)},
                 "site_css": PAGE_CSS, "nav": navigation(entries, i)}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return mark_direction(page)


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title_en} · {title_ar}</title>
<style>
{font_faces}body {{ font: 16px/1.7 "IBM Plex Sans Arabic", system-ui, sans-serif; color: #222; max-width: 960px;
        margin: 0 auto; padding: 1.5em 1em; }}
h1 {{ font-size: 1.6em; line-height: 1.4; margin: 0 0 0.2em; }}
h1[lang="en"] {{ font-size: 1.3em; color: #555; margin-bottom: 1em; }}
p {{ margin: 0 0 1em; }}
ol {{ list-style: none; padding: 0; margin: 2em 0; border-top: 1px solid #ddd; }}
li a {{ display: grid; grid-template-columns: 3em 1fr 1fr; gap: 1em; padding: 0.7em 0.3em;
        border-bottom: 1px solid #ddd; color: inherit; text-decoration: none; }}
li a:hover {{ background: #f3f6fb; }}
.number {{ color: #888; font-variant-numeric: tabular-nums; }}
.title-ar {{ font-weight: 700; }}
.title-en {{ color: #1a5fb4; }}
</style>
</head>
<body>
<header>
<h1 lang="ar" dir="rtl">{title_ar}</h1>
<h1 lang="en" dir="ltr">{title_en}</h1>
</header>
<main>
<p lang="ar" dir="rtl">{description_ar}</p>
<p lang="en" dir="ltr">{description_en}</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def render_index(entries: list[Entry]) -> str:
    """The index: Arabic first (the page is right to left), English beside it, each in its own direction."""
    items = "\n".join(
        f'<li><a href="{html.escape(e.page)}"><span class="number" dir="ltr">{html.escape(e.path.stem[:2])}</span>'
        f'<span class="title-ar" lang="ar" dir="rtl">{html.escape(e.title_ar)}</span>'
        f'<span class="title-en" lang="en" dir="ltr">{html.escape(e.title_en)}</span></a></li>'
        for e in entries)
    esc = {key: html.escape(value) for key, value in {
        "title_en": COLLECTION_TITLE["en"], "title_ar": COLLECTION_TITLE["ar"],
        "description_en": DESCRIPTION["en"], "description_ar": DESCRIPTION["ar"]}.items()}
    return INDEX_TEMPLATE.format(**esc, font_faces=FONT_FACES, items=items)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Leave an identical file untouched (its mtime too), so a rebuild with no change changes nothing."""
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def build_site(paths: list[Path], out_dir: Path = SITE) -> list[Path]:
    """Render each notebook to ``out_dir/<stem>.html``, write ``out_dir/index.html`` and the font; the pages."""
    entries_nbs = read_entries(paths)
    entries = [entry for entry, _ in entries_nbs]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "fonts").mkdir(exist_ok=True)
    for name in FONT_FILES.values():  # the pages' Arabic font, next to them: nothing to fetch
        _write_if_changed(out_dir / "fonts" / name, (_plex.ROOT / "files" / name).read_bytes())
    exporter = make_exporter()
    pages = []
    for i, (entry, nb) in enumerate(entries_nbs):
        page = out_dir / entry.page
        _write_if_changed(page, render_page(exporter, nb, entries, i).encode("utf-8"))
        pages.append(page)
        log(f"[{i + 1}/{len(entries)}] rendered {page.name} ({page.stat().st_size // 1024} KiB)")
    _write_if_changed(out_dir / "index.html", render_index(entries).encode("utf-8"))
    log(f"site: {out_dir / 'index.html'} and {len(pages)} notebook pages")
    return pages


# --- command line ------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--execute", action="store_true", help="run the notebooks in place before rendering")
    parser.add_argument("--out", type=Path, default=SITE, help=f"site folder (default: {SITE})")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    parser.add_argument("notebooks", nargs="*", type=Path, help=f"default: notebooks/{NOTEBOOK_GLOB}")
    args = parser.parse_args(argv)
    paths = args.notebooks or find_notebooks()
    if not paths:
        print(f"error: no notebooks matching {NOTEBOOK_GLOB} in {NOTEBOOKS}", file=sys.stderr)
        return 1
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"error: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        if args.execute:
            execute_notebooks(paths, jobs=args.jobs)
        build_site(paths, args.out)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
