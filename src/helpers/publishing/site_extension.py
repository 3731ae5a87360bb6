"""The Sphinx extension behind the site (loaded by helpers.publishing.site): what MyST-NB and the book theme leave to us.

* Downloads: under each notebook's title, links to the notebook (.ipynb), the data it shows (the processed tables
  it reads, not the curated lookups) and the charts it writes (PNG, SVG), from ``metadata.helpers.reads``/``writes``;
  Sphinx copies them into ``_downloads/``; two files of one name are labelled with their path under data/.
* Wide content: tables scroll inside their own box with the first column fixed, long ones sort and filter
  (``site_static/tables.js``), charts keep a legible width and scroll on a phone (``wrap_wide``).
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
  language folds case, accents and Arabic marks, takes the Arabic article and its clitics off, and stems with the
  Snowball stemmers (Arabic; the shorter of English and French for Latin letters), the same on both sides
  (Python builds the index, the JavaScript Snowball stemmers that ship with Sphinx stem the query; see "search"
  below). Results quote their page (``site_static/search-snippets.js``, from each page's ``_texts/<page>.js``).
* The Arabic font: ``write_font_files`` (called by helpers.publishing.site before Sphinx starts) writes ``fonts/`` and
  ``fonts.css`` for ``_static`` from helpers.presentation.chart_text, the charts' font.
"""
from __future__ import annotations

import ast
import base64
import hashlib
import json
import os
import re
import unicodedata
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
from helpers.datapackage.files import write_if_changed
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

# One folding and one stemming, the same in Python (the index) and in the browser (the query), tested word for word:
#   1. lower case; accents and Arabic marks removed (NFD, then every combining mark: é -> e, ï -> i, أ/إ/آ -> ا,
#      ؤ -> و, vowel marks), tatweel removed;
#   2. Arabic: the article with the conjunction or preposition glued to it (ال، وال، فال، بال، كال، لل، وبال ...)
#      taken off, so that "الكوكايين", "والكوكايين" and "كوكايين" are one word; then Snowball's Arabic stemmer;
#   3. other scripts: the shorter of Snowball's English and French stems of the folded word (ties: the first in
#      alphabetical order), so that French with or without accents and English share stems where they can
#      ("sécurité", "securite", "security" -> "secur").
# Sphinx's search then matches a query word against every indexed word that contains it (its partial match), so
# a word's beginning finds it ("cyber" finds "cybercriminalité").
ARABIC_ARTICLE = re.compile("^(?:[وف]?[بكل]?ال|[وف]?لل)(?=[\u0621-\u064a]{2})")
JS_STEMMER = """
var Stemmer = function () {
  const arabic = new ArabicStemmer(), french = new FrenchStemmer(), english = new EnglishStemmer();
  this.stemWord = function (word) {
    word = foldWord(word);
    if (/[\\u0600-\\u06ff\\u0750-\\u077f\\u08a0-\\u08ff\\ufb50-\\ufdff\\ufe70-\\ufeff]/.test(word)) {
      return arabic.stemWord(word.replace(/ARTICLE/, ''));
    }
    const en = english.stemWord(word), fr = french.stemWord(word);
    return en.length !== fr.length ? (en.length < fr.length ? en : fr) : (en <= fr ? en : fr);
  };
};
""".replace("ARTICLE", ARABIC_ARTICLE.pattern.replace("\\", "\\\\"))
JS_FOLD = """
function foldWord(word) {
  return word.toLowerCase().normalize('NFD').replace(/\\p{M}/gu, '').replace(/\\u0640/g, '').normalize('NFC');
}
"""
JS_SPLITTER = JS_FOLD + """
function splitQuery(query) {
  return query.normalize('NFD').replace(/[\\u0640\\u064b-\\u065f\\u0670]/g, '').normalize('NFC')
    .split(/[^\\p{Letter}\\p{Mark}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
}
"""


def fold(word: str) -> str:
    """Step 1 above: lower case, no accents or Arabic marks, no tatweel."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")
                                                and c != "\u0640"))


class MultiScriptSearch(SearchLanguage):
    """Index words folded and stemmed as the comment above says, in Python as the browser does for the query."""

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
        self.js_stemmer_code = JS_FOLD + "\n".join(
            (minified / f"{name}-stemmer.js").read_text(encoding="utf-8")
            for name in ("base", "arabic", "french", "english")) + JS_STEMMER

    def split(self, input: str) -> list[str]:
        text = unicodedata.normalize("NFC", ARABIC_MARKS.sub("", unicodedata.normalize("NFD", input)))
        return self._word_re.findall(text)

    def stem(self, word: str) -> str:
        word = fold(word)
        if ARABIC_SCRIPT.search(word):
            return self.arabic.stemWord(ARABIC_ARTICLE.sub("", word))
        en, fr = self.english.stemWord(word), self.french.stemWord(word)
        return min((en, fr), key=lambda s: (len(s), s))


# --- notebook pages: downloads, folded code, alt text ----------------------------------------------------------------

def _notebook_path(app, docname: str) -> Path | None:
    source = Path(app.env.doc2path(docname))
    return source.resolve() if source.suffix == ".ipynb" else None


def _relative_to_source(app, target: Path) -> str:
    """A path Sphinx resolves against the source folder ("/..." is relative to it), for a file of the project."""
    return "/" + Path(os.path.relpath(target, Path(app.srcdir).resolve())).as_posix()


SHOWN_DATA = "data/processed/"  # the tables a page shows; the curated lookups it also reads are not offered


def shown_data(reads) -> list[Path]:
    """The data a notebook shows, from what it read: the processed tables (not the lookup tables of curated/)."""
    return [ROOT / p for p in reads if p.startswith(SHOWN_DATA) and p.endswith(".csv")]


def download_label(file: Path, files: list[Path]) -> str:
    """A file's name, or its path under data/ where two downloads of the page share a name."""
    if sum(f.name == file.name for f in files) > 1:
        return Path(os.path.relpath(file, ROOT / "data")).as_posix()
    return file.name


def downloads_node(app, nb: nbformat.NotebookNode, path: Path) -> nodes.container:
    """Download links: the notebook, the data it shows, its charts (each PNG and SVG that exists)."""
    meta = nb.metadata.get(METADATA_KEY, {})
    groups = [("Notebook", "الدفتر", [path])]
    groups.append(("Data", "البيانات", shown_data(meta.get("reads", []))))
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
            para += addnodes.download_reference("", "", nodes.literal(text=download_label(file, files)),
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
    _mark_direction(soup)
    return str(soup)


def _mark_direction(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(BLOCKS):
        if tag.find_parent("pre") or tag.find_parent(attrs={"dir": True}) or tag.has_attr("dir"):
            continue
        tag["dir"] = "auto"
        text = tag.get_text()
        if (first_strong_direction(text) == "rtl" and ARABIC_SCRIPT.search(text) and not tag.has_attr("lang")
                and not tag.find_parent(attrs={"lang": True})):
            tag["lang"] = "ar"


def wrap_wide(soup: BeautifulSoup) -> None:
    """Wide things scroll inside themselves, never the page: each table in a ``div.table-scroll`` (a region
    a keyboard can scroll, named by the table's first header), each chart of a cell's output in a
    ``div.chart-scroll`` laid out right to left, so that on a narrow screen a chart keeps a legible width and
    opens on its right side, where its title and its Arabic labels are."""
    for table in soup.find_all("table"):
        if table.find_parent(class_="table-scroll"):
            continue
        first = table.find("th")
        name = " ".join(first.get_text(" ", strip=True).split()) if first else "table"
        box = soup.new_tag("div", attrs={"class": "table-scroll", "role": "region", "tabindex": "0",
                                         "aria-label": f"Table: {name}"[:120]})
        table.wrap(box)
    for img in soup.select(".cell_output img"):
        if not img.find_parent(class_="chart-scroll"):
            img.wrap(soup.new_tag("div", attrs={"class": "chart-scroll", "dir": "rtl"}))


def page_text(soup: BeautifulSoup) -> str:
    """The words of a page's body, as one line: what search results quote from."""
    return " ".join(soup.get_text(" ").split())


def mark_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not context.get("body"):
        return
    soup = BeautifulSoup(context["body"], "html.parser")
    _mark_direction(soup)
    wrap_wide(soup)
    context["body"] = str(soup)
    # the page's text for the search results' snippets (site_static/search-snippets.js): a script, because a page
    # opened from the disk (file://) may not fetch another
    texts = Path(app.outdir) / "_texts"
    texts.mkdir(exist_ok=True)
    write_if_changed(texts / f"{pagename}.js",
                     f"PAGE_TEXTS[{json.dumps(pagename)}] = {json.dumps(page_text(soup), ensure_ascii=False)};\n")


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
    app.add_js_file("tables.js", loading_method="defer")
    app.add_js_file("search-snippets.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
