"""Render the notebooks, as committed (with their outputs), into a static offline site with Sphinx.

    python -m helpers.publishing.site [--out DIR] [--fresh] [--execute] [notebooks...]

The engine is the stack under Jupyter Book 1: Sphinx, MyST-NB (reads .ipynb with their outputs, never executes
here: ``nb_execution_mode = "off"``) and sphinx-book-theme (sidebar, in-page contents, previous/next, search box,
print layout, light and dark). helpers.publishing.site_extension adds what they leave out: download links per page, folded
code, alt texts, direction and language of each block, search that stems Arabic, French and English, the charts'
Arabic font. Executing the notebooks is helpers.publishing.execute's job (``make html`` runs it first).

Sources are staged in ``build/site-src``: a link to each ``notebooks/NN-*.ipynb`` and an ``index.md`` written
here (what the collection is, findings read from ``data/processed``, the notebooks by section, version, build
date, licence, how to cite). Sphinx keeps its environment in ``build/site-doctrees`` and rewrites only pages
whose sources changed. No conf.py: the configuration is ``sphinx_config`` below, in one place with the code it
goes with.

Incremental, honestly:

* the configuration is the same at every run, including the values the themes set while they load (the
  permalink icon, the source-link suffix, the theme's own defaults, the theme's template folders, added once):
  Sphinx compares its saved configuration with the new one and, when any value differs, logs "The configuration
  has changed" and re-reads pages;
* nothing upstream rewrites a file it does not change (the build, the execution, the staging keep mtimes), since
  Sphinx re-reads a page when a file it depends on (the notebook, a download) is newer;
* before Sphinx is even imported, a stamp (``build/site-doctrees-stamp.json``) of everything the site is made
  from (the notebooks, the files they offer for download, the processed tables the index reads, the helpers'
  source, the lock, the citation, the build date, the folders) is compared with the one saved by the last
  successful build: when they agree, nothing is read or written ("site up to date", in a second or so).

A build that fails or is interrupted (Ctrl-C) saves no stamp and removes Sphinx's ``.buildinfo``, so the next
build writes every page again: a page half-written at the interrupt does not survive it.

The build date is today's (UTC), or ``$SOURCE_DATE_EPOCH``'s when it is set (reproducible builds); with it fixed
two builds give the same bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import os
import re
import sys
import tomllib
from pathlib import Path

if __name__ == "__main__":
    from helpers import fast_start  # noqa: F401  (before nbformat: see its docstring)

from helpers.datapackage import files  # noqa: E402
from helpers.datapackage.files import write_if_changed  # noqa: E402
from helpers.errors import DataError, guarded, run_main  # noqa: E402
from helpers.paths import BUILD, DATAPACKAGE, PROCESSED, ROOT, SITE  # noqa: E402
from helpers.publishing import downloads, pages  # noqa: E402
from helpers.publishing.catalogue import (GROUPS_FILE, Notebook, by_group, catalogue, find_notebooks,  # noqa: E402
                                          load_groups)
from helpers.publishing.citation import (  # noqa: E402
    CITATION,
    authors,
    binder_url,
    citation_text,
    collection_title,
    release_date,
)

# Sphinx, the theme, the extension and the findings are imported when a build runs: a site that is up to date is
# known to be so without them.

STAGE = BUILD / "site-src"
DOCTREES = BUILD / "site-doctrees"

COLLECTION_TITLE_AR = "حصيلات المديرية العامة للأمن الوطني، بالأرقام"  # the English one is CITATION.cff's
# The years come from the data ({years}): the description stays true as report years are added.
DESCRIPTION = {
    "en": "Research notebooks on the yearly reports of Morocco's Directorate-General for National Security (DGSN) "
          "for {years}, as the Arabic and French press published them: every figure is read by code from the "
          "outlets' own words, with its quote, reconciled across outlets with every disagreement shown, checked "
          "against the reports' own sums, claims and stated changes, and shown in tables and charts labelled in "
          "Arabic and English, one theme per notebook.",
    "ar": "دفاتر بحثية حول حصيلات المديرية العامة للأمن الوطني بالمغرب لسنوات {years}، كما نشرتها الصحافة العربية "
          "والفرنسية: كل رقم تقرؤه الشيفرة من كلمات المنابر نفسها مع الاقتباس، ويقارن بين المنابر مع عرض كل اختلاف، "
          "ويدقق بمجاميع التقارير وادعاءاتها والتغيرات التي تعلنها، ويعرض في جداول ورسوم بيانية بالعربية "
          "والإنجليزية، لكل محور دفتر.",
}


def description(lang: str) -> str:
    """The index's description with the report years the data cover."""
    return DESCRIPTION[lang].format(years=pages.years()[0 if lang == "ar" else 1])
# --- facts the index shows ---------------------------------------------------------------------------------------

def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def project_version() -> str:
    return _pyproject()["version"]


def licences() -> dict[str, str]:
    """The licence sentence in both languages: the code's from pyproject.toml, the data's from datapackage.json
    (CITATION.cff says the same: tests/test_reuse.py)."""
    code = _pyproject()["license"]
    data = files.read_json(DATAPACKAGE)["licenses"][0]["name"].replace("-", " ")
    return {
        "en": f"code: {code} (`LICENSE`); processed data (`data/processed/`, `data/curated/`): {data} "
              f"(`data/README.md`). The quotes in the data are the outlets' own words, quoted for provenance; "
              f"they stay theirs.",
        "ar": f"الشيفرة: {code}؛ البيانات المعالجة: {data}. الاقتباسات كلمات المنابر نفسها، منقولة للإحالة إلى "
              f"المصدر، وحقوقها لأصحابها.",
    }


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


DOWNLOADS = [  # (file, Arabic, English): what the index offers to take away
    (downloads.ALL_FIGURES, "كل الأرقام، جدول واحد (CSV)", "every figure, one tidy table (CSV)"),
    (downloads.WORKBOOK, "الجدول نفسه لبرامج الجداول (Excel)", "the same for spreadsheets (Excel)"),
    (downloads.SOURCES, "مصدر كل ملاحظة: رابط الصفحة أو موضعها في المقال (CSV)",
     "the source of every observation: the page's URL, or its place in the article (CSV)"),
    (downloads.DICTIONARY, "قاموس الأعمدة", "the data dictionary"),
    ("datapackage.json", "وصف الجدولين (Frictionless)", "their Frictionless descriptor"),
    (downloads.DATABASE, "الجداول المعالجة كلها في قاعدة SQLite، مع بحث في النصوص (FTS5)",
     "every processed table as one SQLite database, with full-text search over the quotes (FTS5)"),
]


def index_markdown(notebooks: list[Notebook], *, date: dt.date, version: str, citation: str,
                   facts: dict, licence: dict[str, str]) -> str:
    """The index page (MyST Markdown): Arabic blocks in ``<div dir="rtl" lang="ar">``, as in the notebooks."""
    from helpers.analysis.findings import finding_lines

    out = io.StringIO()
    w = out.write
    years_ar, years_en = pages.years()
    w(f"# {collection_title()} · {COLLECTION_TITLE_AR}\n\n")
    w(f'<div dir="rtl" lang="ar">\n\n{description("ar")}\n\n</div>\n\n{description("en")}\n\n')

    w("## Findings · أبرز النتائج\n\n")
    for lang in ("en", "ar"):
        lines = finding_lines(facts, lang)
        if lang == "ar":
            w('<div dir="rtl" lang="ar">\n\n')
        w("".join(f"- {line}\n" for line in lines))
        w("\n</div>\n\n" if lang == "ar" else "\n")

    w("## Download the data · تنزيل البيانات\n\n")
    w(f'<div dir="rtl" lang="ar">\n\nكل أرقام تقارير {years_ar} وكل مصادرها، في ملفات تُفتح دون هذا الموقع. '
      f"الرخصة: {licence['ar']}\n\n</div>\n\n")
    w(f"Every figure of the {years_en} reports and every source, in files that need nothing of this site. "
      f"Licence: {licence['en']}\n\n")
    for file, ar, en in DOWNLOADS:
        w(f'- <a href="data/{file}" download><code>data/{file}</code></a>: {en} · <span lang="ar" dir="rtl">{ar}'
          "</span>\n")
    w("\nTo explore the database in the browser, with facets, SQL and full-text search: `make explore` "
      "(Datasette on 127.0.0.1). Each figure, with a link to each page that printed it: "
      f"[every figure and its sources]({pages.FIGURES_PAGE}.md); the words of the data, how the press was read and "
      f"what the data cannot tell: [words and methods]({pages.METHODS_PAGE}.md).\n\n")

    w("## The notebooks · الدفاتر\n\n")
    for group, members in by_group(notebooks, load_groups()):
        w(f"```{{toctree}}\n:caption: {group.en} · {group.ar}\n:maxdepth: 1\n\n")
        for nb in members:
            title = " · ".join(t for t in (nb.number, nb.title_en, nb.title_ar) if t)
            w(f"{title} <{nb.stem}>\n")
        w("```\n\n")
    w(f"```{{toctree}}\n:caption: {REFERENCE_CAPTION}\n:maxdepth: 1\n\n")
    for name in REFERENCE_PAGES:
        w(f"{name}\n")
    w("```\n\n")

    w("## About · عن المجموعة\n\n")
    w(f"- Version {version}, released on {release_date()}; this site built on {date.isoformat()}.\n")
    w(f"- Licence: {licence['en']}\n")
    w(f"- How to cite: {citation} The citation file is `CITATION.cff` in the repository.\n")
    w(f"- Open the notebooks in JupyterLab in your browser: [Binder]({binder_url()}); on your machine: `make lab`.\n")
    w("- Every page has download links for its notebook, the data it shows and its charts; each code "
      "cell is folded under **Show code**. Search works offline, in Arabic, French and English.\n")
    w(f'\n<div dir="rtl" lang="ar">\n\n- الإصدار {version}، صدر في {release_date()}؛ بُني هذا الموقع في {date.isoformat()}.\n'
      f"- الرخصة: {licence['ar']}\n</div>\n")
    return out.getvalue()


REFERENCE_CAPTION = "Data and methods · البيانات والمنهج"
REFERENCE_PAGES = [pages.METHODS_PAGE, pages.FIGURES_PAGE, pages.ARTICLE_PAGE]


# --- staging and building ----------------------------------------------------------------------------------------

def stage(notebooks: list[Notebook], srcdir: Path, index: str, extra: dict[str, str] | None = None) -> None:
    """Sphinx's source folder: ``index.md``, the reference pages (``<name>.md``) and a relative link to each
    notebook (stale links removed)."""
    srcdir.mkdir(parents=True, exist_ok=True)
    wanted = {nb.name: nb.path.resolve() for nb in notebooks}
    for link in srcdir.glob("*.ipynb"):
        if link.name not in wanted or not link.is_symlink() or link.resolve() != wanted[link.name]:
            link.unlink()
    for name, target in wanted.items():
        link = srcdir / name
        if not link.is_symlink():
            link.symlink_to(os.path.relpath(target, srcdir))
    write_if_changed(srcdir / "index.md", index)
    for name, text in (extra or {}).items():
        write_if_changed(srcdir / f"{name}.md", text)


def _theme_template_folders() -> list[str]:
    """The folders sphinx-book-theme and the PyData theme under it add to ``templates_path``, in their order."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    return [os.path.join(sphinx_book_theme.get_html_theme_path(), "components"),
            str(Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "components")]


def _once(folders: list[str]) -> None:
    """Each folder once, in place: the themes append theirs while they load, after Sphinx compared this run's
    configuration with the last one's; given already, they would be there twice and the next comparison fail."""
    folders[:] = list(dict.fromkeys(folders))


def sphinx_config(version: str, generated_static: Path, extra: Path) -> dict:
    """Everything a conf.py would hold; also the values the themes would set, so that every run's configuration
    is the same (see the module's docstring)."""
    from helpers.publishing.site_extension import STATIC

    return {
        "project": collection_title(),
        "version": version,
        "release": version,
        "language": "en",  # the theme's labels; Arabic blocks carry lang="ar" and dir="rtl"
        "extensions": ["myst_nb", "helpers.publishing.site_extension"],
        "nb_execution_mode": "off",  # the committed outputs, as nbval checks them; helpers.publishing.execute runs them
        "nb_merge_streams": True,
        "master_doc": "index",
        "smartquotes": False,  # quotes stay as typed: the report's words are quoted verbatim
        "exclude_patterns": [],
        "html_theme": "sphinx_book_theme",
        "html_title": collection_title(),
        "author": authors(),
        "copyright": f"{release_date()[:4]}, {authors()}",
        "html_static_path": [str(STATIC), str(generated_static)],
        "html_extra_path": [str(extra)],  # data/: the downloads (helpers.publishing.downloads)
        "templates_path": _theme_template_folders(),  # a new list (Sphinx's default is shared), theirs in it
        "html_permalinks_icon": "#",  # as the PyData theme sets it when it is not given
        "html_sourcelink_suffix": "",  # as the PyData theme sets it
        "html_search_language": "ar-fr-en",  # helpers.publishing.site_extension.MultiScriptSearch
        "html_copy_source": True,  # the theme's download button offers the .ipynb from _sources/
        "html_show_sourcelink": False,
        "html_theme_options": {
            "home_page_in_toc": True,
            "show_toc_level": 2,
            "use_download_button": True,
            "use_fullscreen_button": False,
            "use_repository_button": False,
            "navigation_with_keys": False,
            "search_bar_text": "Search · بحث",
            "extra_footer": "<p>How to cite · للإحالة: "
                            + re.sub(r"\*(.+?)\*", r"<em>\1</em>", html.escape(citation_text())) + "</p>",
            # the PyData theme's defaults, which it writes into these options while it loads
            "navbar_persistent": ["search-button-field"],
            "icon_links": [],
            "logo": {},
        },
        "suppress_warnings": ["mystnb.unknown_mime_type"],
    }


class SiteError(Exception):
    """Sphinx did not finish: one line (Sphinx has printed its own warnings before it)."""


def stamp_path(doctrees: Path) -> Path:
    return doctrees.with_name(doctrees.name + "-stamp.json")


def site_stamp(paths: list[Path] | None, out_dir: Path, srcdir: Path, doctrees: Path) -> dict:
    """What the site is made from, as SHA-256 digests (see the module's docstring); cheap, and without Sphinx."""
    notebooks = find_notebooks() if paths is None else [Path(p) for p in paths]
    inputs = {}
    for path in notebooks:
        inputs[str(path)] = files.digest(path)
        try:
            meta = files.read_json(path).get("metadata", {}).get("helpers", {})
        except DataError:
            meta = {}
        for rel in [*meta.get("reads", []), *meta.get("writes", [])]:
            inputs[rel] = files.digest(ROOT / rel)
    for path in sorted(PROCESSED.glob("*")) + [CITATION, ROOT / "pyproject.toml", DATAPACKAGE, GROUPS_FILE,
                                               ROOT / "requirements.lock"]:
        inputs[str(path)] = files.digest(path)
    source = Path(__file__).resolve().parents[1]
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            inputs[path.relative_to(source).as_posix()] = files.digest(path)
    return {"date": build_date().isoformat(), "python": sys.version, "folders": [str(out_dir), str(srcdir),
            str(doctrees)], "inputs": inputs}


def _stamp_text(stamp: dict) -> str:
    return json.dumps(stamp, indent=1, sort_keys=True) + "\n"


def up_to_date(paths: list[Path] | None, out_dir: Path = SITE, *, srcdir: Path = STAGE,
               doctrees: Path = DOCTREES, stamp: dict | None = None) -> bool:
    """The last successful build was made from exactly what the site would be made from now (*stamp*: the
    ``site_stamp`` of now, when the caller has it)."""
    if not (out_dir / "index.html").is_file() or not (out_dir / ".buildinfo").is_file():
        return False
    stamp = stamp if stamp is not None else site_stamp(paths, out_dir, srcdir, doctrees)
    return files.holds(stamp_path(doctrees), _stamp_text(stamp))


def build_site(paths: list[Path] | None = None, out_dir: Path = SITE, *, srcdir: Path = STAGE,
               doctrees: Path = DOCTREES, fresh: bool = False, quiet: bool = False, status=None,
               stamp: dict | None = None) -> Path:
    """Stage the sources and run Sphinx's HTML builder; returns ``out_dir / "index.html"``.

    Sphinx warnings fail the build (a broken link or a missing download is an error here). ``status``: a stream
    for Sphinx's progress lines (default: stdout, or nothing with ``quiet``). A build that does not finish saves
    no stamp and removes ``.buildinfo`` (see the module's docstring). *stamp*: the ``site_stamp`` taken before
    the build, when the caller has it.
    """
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from helpers.analysis.findings import findings
    from helpers.publishing.site_extension import write_font_files

    if stamp is None:
        stamp = site_stamp(paths, out_dir, srcdir, doctrees)
    notebooks = catalogue(paths)
    extra = doctrees.parent / (doctrees.name + "-extra")  # copied beside the pages: data/, the downloads
    downloads.write_downloads(extra / "data")
    index = index_markdown(notebooks, date=build_date(), version=project_version(), citation=citation_text(),
                           facts=findings(), licence=licences())
    stage(notebooks, srcdir, index, pages.site_pages())
    generated_static = doctrees.parent / (doctrees.name + "-static")
    write_font_files(generated_static)
    if status is None:
        status = io.StringIO() if quiet else sys.stdout
    for folder in (stamp_path(doctrees).parent, srcdir, generated_static, generated_static / "fonts"):
        files.sweep(folder)  # what a killed writer left (.<name>.<random>.tmp)
    stamp_path(doctrees).unlink(missing_ok=True)
    finished = False
    try:
        with docutils_namespace():
            app = Sphinx(str(srcdir), None, str(out_dir), str(doctrees), "html",
                         confoverrides=sphinx_config(project_version(), generated_static, extra),
                         status=status, warning=sys.stderr, freshenv=fresh, warningiserror=True,
                         verbosity=0)
            _once(app.config.templates_path)
            app.build()
        if app.statuscode:
            raise SiteError(f"Sphinx stopped with status {app.statuscode} (its warnings, errors here, are above)")
        finished = True
    finally:
        if not finished:
            (out_dir / ".buildinfo").unlink(missing_ok=True)  # every page is written again next time
    files.write_if_changed(stamp_path(doctrees), _stamp_text(stamp))
    return out_dir / "index.html"


@guarded
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publishing.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SITE, help=f"site folder (default: {SITE})")
    parser.add_argument("--execute", action="store_true",
                        help="first run python -m helpers.publishing.execute on the same notebooks (what make html does)")
    parser.add_argument("--fresh", action="store_true", help="forget Sphinx's saved environment, read all again")
    parser.add_argument("--work", type=Path, default=BUILD,
                        help=f"folder for the staged sources and Sphinx's environment (default: {BUILD})")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN-*.ipynb")
    args = parser.parse_args(argv)
    if args.execute:
        from helpers.publishing import execute  # only then: a warm build needs no Jupyter client

        status = execute.main([str(p) for p in args.notebooks])
        if status:
            return status
    paths = [p.resolve() for p in args.notebooks] or None
    srcdir, doctrees = args.work / STAGE.name, args.work / DOCTREES.name
    stamp = site_stamp(paths, args.out, srcdir, doctrees)  # once: what this build is made from
    if not args.fresh and up_to_date(paths, args.out, srcdir=srcdir, doctrees=doctrees, stamp=stamp):
        print(f"site up to date: {args.out / 'index.html'} (made from the same notebooks, data and code)")
        return 0
    try:
        index = build_site(paths, args.out, fresh=args.fresh, srcdir=srcdir, doctrees=doctrees, stamp=stamp)
    except SiteError as error:
        print(f"error: the site was not built: {error}", file=sys.stderr)
        return 1
    print(f"site: {index}")
    return 0


if __name__ == "__main__":
    run_main(main)
