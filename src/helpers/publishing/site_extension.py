"""The Sphinx extension behind the site (loaded by helpers.publishing.site): what MyST-NB and the book theme leave to us.

* Downloads: under each notebook's title, links to the notebook (.ipynb), the CSV files it reads and the charts
  it writes (PNG, SVG), from ``metadata.helpers.reads``/``writes``; Sphinx copies them into ``_downloads/``.
* Code folded: every code cell's source sits in a closed ``<details>`` (MyST-NB's ``hide-input``), so prose and
  outputs come first; a cell tagged ``show-input`` stays open.
* Alt text: MyST-NB keeps only width and height from an output's metadata; the ``alt`` that helpers.presentation.charts
  stores there (``{"image/png": {"alt": ...}}``) is carried to ``<img alt>``. An image without one gets the chart
  title from its cell's code (``title_en=...``), else "Chart in <section> of <notebook>".
* Direction: every block of text in a page body without an explicit direction gets ``dir="auto"`` (the browser
  lays it out in the direction of its first letter), and ``lang="ar"`` when it begins in Arabic, unless an
  enclosing element already says (the notebooks wrap Arabic in ``<div dir="rtl" lang="ar">``). Done on the
  parsed HTML (BeautifulSoup), after the theme's translator, because the pandas tables arrive as raw HTML.
* Search in Arabic, French and English: Sphinx's JavaScript search has one stemmer per site. This search
  language stems each word with the Snowball stemmer of its script: Arabic letters with Snowball's Arabic
  stemmer, a word with French accents with the French one, others with the English one, the same on both sides
  (Python builds the index, the JavaScript Snowball stemmers that ship with Sphinx stem the query). Arabic
  vowel marks and tatweel are removed before words are split, on both sides.
* The Arabic font: ``write_font_files`` (called by helpers.publishing.site before Sphinx starts) writes ``fonts/`` and
  ``fonts.css`` for ``_static`` from helpers.presentation.chart_text, the charts' font.
"""
from __future__ import annotations

import ast
import base64
import hashlib
import os
import re
from pathlib import Path

import nbformat
import snowballstemmer
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

from helpers.datapackage.files import write_if_changed
from helpers.language.bidi import first_strong_direction
from helpers.paths import ROOT
from helpers.presentation.chart_text import FONT_FAMILY, font_path
from helpers.publishing.catalogue import METADATA_KEY

STATIC = Path(__file__).resolve().parent / "site_static"
SHOW_INPUT_TAG = "show-input"
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "dt", "dd", "blockquote",
          "figcaption", "summary")
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel, harakat, superscript alef
FRENCH_LETTERS = re.compile("[àâæçéèêëîïôœùûüÿ]")


# --- search --------------------------------------------------------------------------------------------------------

# The same choice of stemmer and the same word splitting as MultiScriptSearch below, for the query in the browser.
# ArabicStemmer, FrenchStemmer and EnglishStemmer are Sphinx's minified Snowball stemmers, prepended to this.
JS_STEMMER = """
var Stemmer = function () {
  const arabic = new ArabicStemmer(), french = new FrenchStemmer(), english = new EnglishStemmer();
  this.stemWord = function (word) {
    if (/[\\u0600-\\u06ff\\u0750-\\u077f\\u08a0-\\u08ff\\ufb50-\\ufdff\\ufe70-\\ufeff]/.test(word)) return arabic.stemWord(word);
    if (/[àâæçéèêëîïôœùûüÿ]/.test(word)) return french.stemWord(word);
    return english.stemWord(word);
  };
};
"""
JS_SPLITTER = """
function splitQuery(query) {
  return query.replace(/[\\u0640\\u064b-\\u065f\\u0670]/g, '')
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
}
"""


class MultiScriptSearch(SearchLanguage):
    """Index words with the Snowball stemmer of their script (see the module docstring)."""

    lang = "ar-fr-en"
    language_name = "Arabic, French and English"
    stopwords = ENGLISH_STOPWORDS
    js_splitter_code = JS_SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.arabic = snowballstemmer.stemmer("arabic")
        self.french = snowballstemmer.stemmer("french")
        self.english = snowballstemmer.stemmer("english")
        minified = Path(__import__("sphinx.search", fromlist=["x"]).__file__).parent / "minified-js"
        self.js_stemmer_code = "\n".join(
            (minified / f"{name}-stemmer.js").read_text(encoding="utf-8")
            for name in ("base", "arabic", "french", "english")) + JS_STEMMER

    def split(self, input: str) -> list[str]:
        return self._word_re.findall(ARABIC_MARKS.sub("", input))

    def stem(self, word: str) -> str:
        word = word.lower()
        if ARABIC_SCRIPT.search(word):
            return self.arabic.stemWord(word)
        if FRENCH_LETTERS.search(word):
            return self.french.stemWord(word)
        return self.english.stemWord(word)


# --- notebook pages: downloads, folded code, alt text ----------------------------------------------------------------

def _notebook_path(app, docname: str) -> Path | None:
    source = Path(app.env.doc2path(docname))
    return source.resolve() if source.suffix == ".ipynb" else None


def _relative_to_source(app, target: Path) -> str:
    """A path Sphinx resolves against the source folder ("/..." is relative to it), for a file of the project."""
    return "/" + Path(os.path.relpath(target, Path(app.srcdir).resolve())).as_posix()


def downloads_node(app, nb: nbformat.NotebookNode, path: Path) -> nodes.container:
    """Download links: the notebook, the CSV files it reads, its charts (each PNG and SVG that exists)."""
    meta = nb.metadata.get(METADATA_KEY, {})
    groups = [("Notebook", "الدفتر", [path])]
    reads = [ROOT / p for p in meta.get("reads", []) if p.endswith(".csv")]
    groups.append(("Data", "البيانات", reads))
    charts = [ROOT / p for p in meta.get("writes", []) if p.endswith((".png", ".svg"))]
    groups.append(("Charts", "الرسوم", [c for c in charts if c.is_file()]))
    box = nodes.container(classes=["page-downloads"])
    for label_en, label_ar, files in groups:
        if not files:
            continue
        para = nodes.paragraph(classes=["downloads-" + label_en.lower()])
        para += nodes.strong(text=f"{label_en} · ")
        para += nodes.inline(text=label_ar, classes=["label-ar"])
        para += nodes.Text(": ")
        for i, file in enumerate(files):
            if i:
                para += nodes.Text(", ")
            para += addnodes.download_reference("", "", nodes.literal(text=file.name),
                                                reftarget=_relative_to_source(app, file), refexplicit=True)
        box += para
    return box


def _output_alts(nb: nbformat.NotebookNode) -> dict[str, str]:
    """sha256 of each image output's bytes -> its alt text (stated, or the title of the chart in the cell)."""
    alts = {}
    section = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = re.findall(r"^#{1,6}\s+(.+)$", cell.source, re.M)
            section = headings[-1].strip() if headings else section
            continue
        for output in cell.get("outputs", []):
            for mime, data in output.get("data", {}).items():
                if not mime.startswith("image/") or mime == "image/svg+xml":
                    continue
                digest = hashlib.sha256(base64.b64decode(data)).hexdigest()
                stated = output.get("metadata", {}).get(mime, {}).get("alt")
                alts[digest] = stated or chart_title(cell.source) or f"Chart in «{section}»"
    return alts


def chart_title(source: str) -> str:
    """The ``title_en`` (and ``title_ar``) string given to the chart call in a cell's code, if any."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("title_en", "title_ar"):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                found.setdefault(node.arg, node.value.value)
    return " · ".join(found[k] for k in ("title_en", "title_ar") if k in found)


def prepare_notebook_page(app, doctree: nodes.document) -> None:
    """doctree-read, before Sphinx collects the downloads: add the download links, fold code, set alt texts."""
    docname = app.env.current_document.docname
    path = _notebook_path(app, docname)
    if path is None:
        return
    nb = nbformat.read(path, as_version=4)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        section.insert(1, downloads_node(app, nb, path))
    for cell in doctree.findall(nodes.container):
        if (cell.get("nb_element") == "cell_code" and not cell.get("hide_mode")
                and SHOW_INPUT_TAG not in cell.get("cell_metadata", {}).get("tags", [])
                and any(child.get("nb_element") == "cell_code_source" for child in cell.children)):
            cell["hide_mode"] = "input"
            cell["prompt_show"] = "Show code"
            cell["prompt_hide"] = "Hide code"
    alts = _output_alts(nb)
    for image in doctree.findall(nodes.image):
        if not image.get("alt"):
            digest = Path(image["uri"]).stem
            image["alt"] = alts.get(digest) or f"Image in {nb.metadata.get(METADATA_KEY, {}).get('title_en', docname)}"


# --- every page: direction and language of each block ------------------------------------------------------------

def mark_direction(body: str) -> str:
    """``dir="auto"`` on every block of text with no direction of its own or inherited from the body's elements,
    plus ``lang="ar"`` on those that begin in Arabic and have no language from an enclosing element."""
    soup = BeautifulSoup(body, "html.parser")
    for tag in soup.find_all(BLOCKS):
        if tag.find_parent("pre") or tag.find_parent(attrs={"dir": True}) or tag.has_attr("dir"):
            continue
        tag["dir"] = "auto"
        text = tag.get_text()
        if (first_strong_direction(text) == "rtl" and ARABIC_SCRIPT.search(text) and not tag.has_attr("lang")
                and not tag.find_parent(attrs={"lang": True})):
            tag["lang"] = "ar"
    return str(soup)


def mark_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if context.get("body"):
        context["body"] = mark_direction(context["body"])


# --- static files --------------------------------------------------------------------------------------------------

def write_font_files(folder: Path) -> None:
    """The charts' Arabic font and a stylesheet naming it, into *folder* (a static folder of the site)."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    faces = []
    for weight in (400, 700):
        font = font_path(weight)
        write_if_changed(folder / "fonts" / font.name, font.read_bytes())  # atomic, only if changed
        faces.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
                     f'src: url("fonts/{font.name}"); }}')
    css = "\n".join(faces) + (
        f'\n/* Arabic text in the charts\' font; the theme\'s font for the rest */\n'
        f':lang(ar) {{ font-family: "{FONT_FAMILY}", var(--pst-font-family-base, sans-serif); }}\n')
    write_if_changed(folder / "fonts.css", css)


def setup(app):
    app.add_search_language(MultiScriptSearch)
    app.connect("doctree-read", prepare_notebook_page, priority=400)  # before the download collector (500)
    app.connect("html-page-context", mark_page)
    app.add_css_file("fonts.css")
    app.add_css_file("site.css")
    app.add_css_file("print.css", media="print")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
