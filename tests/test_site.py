"""The static site (helpers.publishing.site, Sphinx + MyST-NB + book theme, helpers.publishing.site_extension), built from the committed
notebooks plus one fixture notebook, offline.

Static checks read the built HTML with BeautifulSoup; the browser tests open it in headless Chromium with the
network off (tests/devtools.py) and read the facts from the live page: direction and geometry of each Arabic
paragraph, image load states, every request made, search results, the layout of the navigation, print media.
Each browser check is also shown to fail on a page built to be wrong.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from PIL import Image

from devtools import LOCAL_SCHEMES, PAGE_FACTS_JS, distinct_colours, page_facts_js, page_problems
from helpers.paths import DATA as DATA_ROOT
from helpers.paths import PROCESSED, ROOT
from helpers.publishing import site
from helpers.publishing.catalogue import Notebook, by_group, catalogue, find_notebooks
from helpers.publishing.site_extension import MultiScriptSearch, chart_title, mark_direction

ARABIC_PARAGRAPH = "يعرض هذا الدفتر عدد الزوار في تقرير المديرية العامة للأمن الوطني لسنة 2025 حول التواصل الأمني."
ENGLISH_PARAGRAPH = "This notebook shows how many visitors the DGSN 2025 report on security communication counts."
FRENCH_PARAGRAPH = "Ce carnet présente les chiffres de la sécurité publique publiés par la presse marocaine."
STATED_ALT = "Bar chart: visitors per day, stated by the chart's own alt metadata"
CHART_CALL = "fig = charts.barh(labels, values, title_en='Visitors per day', title_ar='الزوار في اليوم')"
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: the build date the fixture site shows
FIXTURE_STEM = "99-fixture"


def png(colour: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def fixture_notebook(folder: Path) -> Path:
    """A notebook with stored outputs (no kernel needed): Arabic in its div, English and French paragraphs, a chart
    without alt metadata, one with it, a table with Arabic, and a cell tagged show-input."""
    chart = new_output("display_data", data={"image/png": png("red"), "text/plain": "<Figure>"})
    stated = new_output("display_data", data={"image/png": png("blue"), "text/plain": "<IPython.core.display.Image>"},
                        metadata={"image/png": {"alt": STATED_ALT}})
    table = new_output("display_data", data={"text/html": "<table><tr><th>المؤشر</th><th>value</th></tr>"
                                                          "<tr><td>عدد الزوار</td><td>2400000</td></tr></table>",
                                             "text/plain": "table"})
    nb = new_notebook(cells=[
        new_markdown_cell(f'# 99 · تجربة · Fixture\n\n<div dir="rtl" lang="ar">\n\n{ARABIC_PARAGRAPH}\n\n</div>\n\n'
                          f"{ENGLISH_PARAGRAPH}\n\n{FRENCH_PARAGRAPH}"),
        new_markdown_cell("## Charts · الرسوم"),
        new_code_cell(CHART_CALL, execution_count=1, outputs=[chart]),
        new_code_cell("display(Image(data=png, alt=alt))", execution_count=2, outputs=[stated]),
        new_code_cell("table", execution_count=3, outputs=[table]),
        new_code_cell("print('shown')", execution_count=4, metadata={"tags": ["show-input"]},
                      outputs=[new_output("stream", name="stdout", text="shown\n")]),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    chart_file = sorted((ROOT / "figures").glob("*.png"))[0]
    nb.metadata["helpers"] = {"title_en": "Fixture", "title_ar": "تجربة", "group": "press",
                              "reads": ["data/processed/figures.csv", "data/raw/sources.json"],
                              "writes": [f"figures/{chart_file.name}", f"figures/{chart_file.stem}.svg"]}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    path = folder / f"{FIXTURE_STEM}.ipynb"
    nbformat.write(nb, path)
    return path


@dataclass
class Site:
    out: Path
    work: Path
    notebooks: list[Notebook]
    paths: list[Path]

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / name).read_text(encoding="utf-8"), "html.parser")

    def reading_order(self) -> list[Notebook]:
        return [nb for _, members in by_group(self.notebooks) for nb in members]


def build(paths: list[Path], work: Path, **options) -> Path:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        return site.build_site(paths, work / "html", srcdir=work / "src", doctrees=work / "doctrees", quiet=True,
                               **options)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    paths = [*find_notebooks(), fixture_notebook(tmp_path_factory.mktemp("fixture-notebooks"))]
    work = tmp_path_factory.mktemp("site")
    build(paths, work)
    return Site(work / "html", work, catalogue(paths), paths)


# --- static checks -----------------------------------------------------------------------------------------------

# Anything a browser would fetch: src=, <link href=, CSS url() and @import, to an http(s) or protocol-relative URL.
_EXTERNAL = re.compile(
    r"""(?:\bsrc\s*=\s*|<link\b[^>]*?\bhref\s*=\s*|\burl\(\s*|@import\s+)["']?\s*((?:https?:)?//[^"'\s)>]*)""",
    re.I)


def external_references(page: str) -> list[str]:
    return _EXTERNAL.findall(page)


def test_external_reference_check_detects_cdn_links():
    page = ('<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>'
            '<link rel="stylesheet" href="//cdn.example.org/x.css"><img src=\'http://example.com/a.png\'>'
            '<style>@import "https://fonts.example/f.css"; p { background: url(https://example.com/b.png) }</style>'
            '<img src="data:image/png;base64,AAAA"><a href="https://example.com/">a link is not fetched</a>')
    assert len(external_references(page)) == 5


def test_nothing_in_the_site_fetches_from_another_host(built):
    pages = sorted(built.out.rglob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "search.html", *(nb.stem + ".html" for nb in built.notebooks)}
    for file in [*pages, *built.out.rglob("*.css")]:
        assert external_references(file.read_text(encoding="utf-8")) == [], file.name


def test_index_says_what_the_collection_is_and_lists_the_notebooks_by_section(built):
    index = built.page("index.html")
    text = index.get_text(" ", strip=True)
    assert site.collection_title() in text and site.COLLECTION_TITLE_AR in text and site.description("en") in text
    assert index.find(attrs={"dir": "rtl", "lang": "ar"}).get_text(strip=True).startswith(site.description("ar")[:40])
    years = sorted(set(pd.read_csv(PROCESSED / "report-figures.csv")["report_year"]))
    assert f"for {years[0]}" in site.description("en") and str(years[-1]) in site.description("en")
    article = index.select_one("article")
    captions = [p.get_text(strip=True) for p in article.select("p.caption")]
    assert captions == [f"{g.en} · {g.ar}" for g, _ in by_group(built.notebooks)] + [site.REFERENCE_CAPTION]
    links = [a["href"] for a in article.select(".toctree-wrapper a.reference")]
    assert links == [nb.stem + ".html" for nb in built.reading_order()] + [p + ".html" for p in site.REFERENCE_PAGES]
    for nb in built.notebooks:
        assert f"{nb.number} · {nb.title_en} · {nb.title_ar}" in text


def test_index_shows_findings_read_from_the_data(built):
    text = built.page("index.html").get_text(" ", strip=True)
    observations = pd.read_csv(PROCESSED / "observations.csv", keep_default_na=False)
    report_figures = pd.read_csv(PROCESSED / "report-figures.csv", keep_default_na=False)
    changes = pd.read_csv(PROCESSED / "stated-changes.csv", keep_default_na=False)
    checks = pd.read_csv(PROCESSED / "checks.csv", keep_default_na=False)
    press = observations[observations["source"] == "press-coverage.tsv"]
    assert f"{len(press):,} figures as {press['outlet'].nunique()} Moroccan outlets printed them" in text
    assert f"read by code into {len(report_figures)} figures" in text
    from helpers.language.labels import value_label  # the statuses' words are curated data
    for resource, table in (("report_figures", report_figures), ("stated_changes", changes)):
        for status, n in table["status"].value_counts().items():
            assert f"{n} {value_label(resource, 'status', status).label_en}" in text, status
    notable = checks[checks["status"] != "consistent"]
    assert len(notable) > 0
    for _, row in notable.iterrows():
        assert row["claim_en"] in text and row["claim_ar"] in text


def test_index_shows_version_build_date_licence_and_citation(built):
    text = built.page("index.html").get_text(" ", strip=True)
    import tomllib
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    cff_date = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["date-released"]
    assert f"Version {version}, released on {cff_date}; this site built on 2026-01-01" in text
    assert "MIT" in text and "CC BY 4.0" in text
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] in text and f"version {cff['version']}" in text
    assert cff["authors"][0]["name"] in text and cff["repository-code"] in text


def test_every_page_says_its_authors_and_how_to_cite_in_its_footer(built):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for page in sorted(built.out.glob("*.html")):
        footer = built.page(page.name).select_one(".bd-footer-content").get_text(" ", strip=True)
        assert "Author name not set" not in footer, page.name
        assert f"By {cff['authors'][0]['name']}" in footer and "How to cite" in footer, page.name
        assert cff["title"] in footer and str(cff["date-released"])[:4] in footer, page.name


def test_sidebar_and_previous_next_follow_the_reading_order(built):
    order = ["index", *(nb.stem for nb in built.reading_order()), *site.REFERENCE_PAGES]
    captions = [f"{g.en} · {g.ar}" for g, _ in by_group(built.notebooks)] + [site.REFERENCE_CAPTION]
    for i, stem in enumerate(order):
        page = built.page(stem + ".html")
        assert [p.get_text(strip=True) for p in page.select(".bd-sidebar-primary p.caption")] == captions, stem
        prev, following = page.select_one(".prev-next-area a.left-prev"), page.select_one(".prev-next-area a.right-next")
        assert (prev["href"] if prev else None) == (order[i - 1] + ".html" if i > 0 else None), stem
        assert (following["href"] if following else None) == (order[i + 1] + ".html" if i + 1 < len(order) else None)


def test_each_notebook_page_has_its_contents_beside_it(built):
    with_sections = 0
    for nb in built.notebooks:
        page = built.page(nb.stem + ".html")
        headings = [h2.parent["id"] for h2 in page.select("article section > h2")]
        toc = [a["href"] for a in page.select(".bd-sidebar-secondary nav.page-toc a")]
        assert [h for h in toc if h[1:] in headings] == ["#" + h for h in headings], nb.name
        with_sections += bool(headings)
    assert with_sections >= len(built.notebooks) // 2, "most notebooks have sections in their contents"


def test_each_notebook_page_links_its_notebook_data_and_charts(built):
    """The notebook, the data it shows (processed tables, not the curated lookups it reads), its charts; no two
    links of a page with one name."""
    for nb in built.notebooks:
        links = built.page(nb.stem + ".html").select(".page-downloads a.download")
        labels = [a.get_text() for a in links]
        assert len(labels) == len(set(labels)), (nb.name, labels)
        assert not any("curated" in label or label in ("value-labels.csv", "units.csv") for label in labels), nb.name
        files = [built.out / urllib.parse.unquote(a["href"]) for a in links]
        expected = [nb.path] + [ROOT / p for p in nb.reads if p.startswith("data/processed/") and p.endswith(".csv")]
        expected += [ROOT / p for p in nb.writes if p.endswith((".png", ".svg")) and (ROOT / p).is_file()]
        assert sorted(f.name for f in files) == sorted(p.name for p in expected), nb.name
        for source in expected:
            assert any(f.name == source.name and f.read_bytes() == source.read_bytes() for f in files), \
                (nb.name, source.name)
    fixture = built.page(FIXTURE_STEM + ".html").select(".page-downloads a.download")
    assert {a.get_text() for a in fixture} >= {"99-fixture.ipynb", "figures.csv"}
    assert any(a.get_text() == "checks.csv" for a in built.page("01-open-days.html").select(".page-downloads a"))
    assert not any(a.get_text() == "sources.json" for a in fixture), "only the CSV files it reads"
    assert any(a.get_text().endswith(".svg") for a in fixture) and any(a.get_text().endswith(".png") for a in fixture)


def test_every_image_has_alt_text(built):
    for page in built.out.glob("*.html"):
        for img in built.page(page.name).select("article img"):
            alt = img.get("alt", "").strip()
            assert alt and "No description has been provided" not in alt, (page.name, img.get("src"))
    alts = [img["alt"] for img in built.page(FIXTURE_STEM + ".html").select("article img")]
    assert alts == ["Visitors per day · الزوار في اليوم", STATED_ALT]


@pytest.mark.parametrize("source, title", [
    (CHART_CALL, "Visitors per day · الزوار في اليوم"),
    ("%matplotlib inline\nfig = charts.line_series(years, series, title_en='Followers')", "Followers"),
    ("fig = charts.barh(labels, values, title_en=f'{n} schools')", ""),  # not a plain string: no guess
    ("x = (", ""),
])
def test_chart_title_for_the_alt_text(source, title):
    assert chart_title(source) == title


def test_code_is_folded_and_prose_comes_first(built):
    for nb in built.notebooks:
        article = built.page(nb.stem + ".html").select_one("article")
        inputs = article.select("div.cell_input")
        folded = [cell for cell in inputs if cell.find_parent("details")]
        shown = [cell for cell in inputs if not cell.find_parent("details")]
        if nb.stem == FIXTURE_STEM:
            assert len(shown) == 1 and "print('shown')" in shown[0].get_text()
        else:
            assert inputs and shown == [], nb.name
        assert all(d.find("summary") for d in article.select("details.hide")), nb.name
        assert article.select_one("section > p, section > div[dir]"), "prose before the first folded cell"


def test_arabic_blocks_are_right_to_left_and_marked_arabic(built):
    for page in built.out.glob("*.html"):
        for block in built.page(page.name).select("article p, article li, article td, article th"):
            text = block.get_text(strip=True)
            if not text or not re.match(r"[^A-Za-z\u00c0-\u024f\u0620-\u064a\u0671-\u06d3]*[\u0620-\u064a\u0671-\u06d3]",
                                        text):
                continue  # blocks whose first letter is Arabic ("07 ٪" has none: a number and a sign)
            if len(re.findall(r"[A-Za-z]", text)) > len(re.findall(r"[\u0620-\u064a\u0671-\u06d3]", text)):
                continue  # English prose that opens by quoting an Arabic word is English
            # the element that holds the block's first text: a bilingual cell holds its Arabic in a div of its own
            holder = next(s for s in block.strings if s.strip()).parent
            direction = holder if holder.has_attr("dir") else holder.find_parent(attrs={"dir": True})
            language = holder if holder.has_attr("lang") else holder.find_parent(attrs={"lang": True})
            assert direction is not None and direction["dir"] in ("rtl", "auto"), (page.name, text[:40])
            assert language is not None and language["lang"] == "ar", (page.name, text[:40])


@pytest.mark.parametrize("body, expected", [
    ("<p>English</p>", '<p dir="auto">English</p>'),
    ("<p>\u200fعربي</p>", '<p dir="auto" lang="ar">\u200fعربي</p>'),
    ("<td><b>ع</b>ربي</td>", '<td dir="auto" lang="ar"><b>ع</b>ربي</td>'),
    ('<li dir="rtl">x</li>', '<li dir="rtl">x</li>'),  # its own direction is kept
    ('<h2 class="a">2025 عدد</h2>', '<h2 class="a" dir="auto" lang="ar">2025 عدد</h2>'),
    ("<th>2025</th>", '<th dir="auto">2025</th>'),
    ('<div dir="rtl" lang="ar"><p>DGSN تنشر</p></div>', '<div dir="rtl" lang="ar"><p>DGSN تنشر</p></div>'),
    ('<div lang="fr"><p>عربي</p></div>', '<div lang="fr"><p dir="auto">عربي</p></div>'),
    ("<pre><p>عربي</p></pre>", "<pre><p>عربي</p></pre>"),
])
def test_mark_direction(body, expected):
    assert mark_direction(body) == expected


def test_rebuild_gives_the_same_bytes(built, tmp_path):
    """A fresh build (Sphinx's saved environment forgotten, every page read and written again): same bytes."""
    before = {p.relative_to(built.out): p.read_bytes() for p in built.out.rglob("*") if p.is_file()}
    build(built.paths, built.work, fresh=True)
    after = {p.relative_to(built.out): p.read_bytes() for p in built.out.rglob("*") if p.is_file()}
    assert sorted(map(str, after)) == sorted(map(str, before))
    assert [str(rel) for rel in before if before[rel] != after[rel]] == []


def test_second_build_with_nothing_changed_rewrites_no_page(built):
    pages = [built.out / "index.html", *(built.out / (nb.stem + ".html") for nb in built.notebooks)]
    before = {p: p.stat().st_mtime_ns for p in pages}
    build(built.paths, built.work)
    assert {p: p.stat().st_mtime_ns for p in pages} == before


@pytest.mark.parametrize("words", [
    ("الزوار", "زوار", "زوارها", "زُوّار"),              # article, suffix, vowel marks
    ("الكوكايين", "كوكايين", "والكوكايين", "للكوكايين", "بالكوكايين"),  # the article and its clitics
    ("مؤسسة", "المؤسسة", "مؤسسه"),                        # hamza, article, ta marbuta
    ("cocaïne", "cocaine", "Cocaïne", "COCAINE"),          # accents and case
    ("sécurité", "securite", "Sécurité"),
    ("visitors", "visitor"), ("recrutement", "recrutements"),
])
def test_search_folds_what_a_reader_would_not_type_the_same(words):
    search = MultiScriptSearch({})
    stems = {w: search.stem(w) for w in words}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize("a, b", [("زوار", "مؤسسة"), ("cocaïne", "cannabis"), ("visitors", "visits")])
def test_search_keeps_different_words_apart(a, b):
    search = MultiScriptSearch({})
    assert search.stem(a) != search.stem(b)


# --- in the browser ------------------------------------------------------------------------------------------------

ARTICLE_FACTS_JS = page_facts_js("article.bd-article", "summary")


def test_site_in_browser_offline(browser, built, tmp_path):
    images = 0
    for name in ["index.html", *(nb.stem + ".html" for nb in built.notebooks),
                 *(p + ".html" for p in site.REFERENCE_PAGES), "search.html"]:
        browser.open((built.out / name).as_uri())
        facts = browser.evaluate(ARTICLE_FACTS_JS)
        shot = browser.screenshot()
        (tmp_path / f"{name}.png").write_bytes(shot)
        assert shot.startswith(b"\x89PNG\r\n\x1a\n") and distinct_colours(shot) > 32, f"{name}: blank screenshot"
        assert page_problems(facts, browser.requested_urls()) == [], name
        if name != "search.html":
            assert [p for p in facts["paragraphs"] if p["strong"] == "rtl" and p["visible"]], f"{name}: no Arabic"
            assert any(f.startswith("IBM Plex Sans Arabic 400 loaded") for f in facts["fonts"]), (name, facts["fonts"])
        images += len(facts["images"])
    assert images > 0, "no figure anywhere in the site"


SEARCH_RESULTS_JS = """
(() => {
  const title = document.querySelector('#search-results h2');
  if (!title || !title.textContent.startsWith('Search Results')) return null;
  return [...document.querySelectorAll('#search-results ul.search li a')].map((a) => a.getAttribute('href'));
})()
"""
SNIPPETS_JS = """
(() => [...document.querySelectorAll('#search-results ul.search li')].map((li) => {
  const p = li.querySelector('p.context');
  return p ? p.textContent : null;
}))()
"""


def search(browser, built, query: str) -> list[str]:
    """The pages a query finds, in the built site's search page, offline."""
    browser.open((built.out / "search.html").as_uri() + "?q=" + urllib.parse.quote(query))
    results = browser.wait_until(SEARCH_RESULTS_JS, timeout=30)
    assert [u for u in browser.requested_urls() if not u.startswith(LOCAL_SCHEMES)] == []
    return [r.split("#")[0] for r in results]


@pytest.mark.parametrize("query, expected", [
    ("زوار", FIXTURE_STEM),        # Arabic, another form of the text's "الزوار"
    ("الزوار", "01-open-days"),    # a real notebook's Arabic prose
    ("كوكايين", "10-drugs"),        # the article left off: the text says "الكوكايين"
    ("sécurité", FIXTURE_STEM),     # French
    ("cybercriminalité", "all-figures"),  # French, in the French outlets' quotes
    ("cocaïne", "all-figures"), ("cocaine", "all-figures"),  # with and without its accent
    ("blanchiment", "all-figures"), ("recrutement", "all-figures"),
    ("portes ouvertes", "methods"), ("chira", "methods"),     # French words the data only have in Arabic
    ("cyber", "12-cybercrime-terrorism-migration"),           # the beginning of a word
    ("visitor", FIXTURE_STEM),      # English, stemmed ("visitors")
])
def test_search_finds_arabic_french_and_english_offline(browser, built, query, expected):
    assert f"{expected}.html" in search(browser, built, query), query


def test_search_folds_the_arabic_article_and_quotes_each_result(browser, built):
    """"كوكايين" and "الكوكايين" find the same pages; every result quotes its page, around the word."""
    assert set(search(browser, built, "كوكايين")) == set(search(browser, built, "الكوكايين")) != set()
    search(browser, built, "cocaine")
    snippets = browser.wait_until(f"(() => {{ const s = {SNIPPETS_JS.strip()}; "
                                  "return s.length && s.every((t) => t) ? s : null; })()", timeout=30)
    assert any(re.search("coca[iï]ne", s, re.I) for s in snippets), snippets[:3]


def test_search_stems_the_query_as_the_index_was_stemmed(browser, built):
    """The browser's stemmer (language_data.js) and the index builder's agree, word for word."""
    words = ["الزوار", "زوارها", "المديرية", "التكذيبات", "الكوكايين", "والكوكايين", "للمخدرات", "مؤسسة", "الأمن",
             "sécurité", "présente", "marocaine", "cocaïne", "Cybercriminalité", "blanchiment", "recrutement",
             "visitors", "reports", "Interpol", "2025"]
    browser.open((built.out / "search.html").as_uri())
    browser.wait_until("typeof Stemmer !== 'undefined'")
    in_browser = browser.evaluate(
        f"(() => {{ const s = new Stemmer(); return {json.dumps(words)}.map((w) => s.stemWord(w.toLowerCase())); }})()")
    search = MultiScriptSearch({})
    assert in_browser == [search.stem(w) for w in words]
    split = browser.evaluate("splitQuery('الزُّوار، sécurité; visitors')")
    assert split == search.split("الزُّوار، sécurité; visitors")


LAYOUT_JS = """
(() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const visible = (sel) => { const el = document.querySelector(sel);
                             return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0; };
  const area = document.querySelector('.prev-next-area');
  const prev = document.querySelector('.prev-next-area a.left-prev');
  const next = document.querySelector('.prev-next-area a.right-next');
  return {
    sidebar: visible('.bd-sidebar-primary'), toc: visible('.bd-sidebar-secondary nav.page-toc'),
    area: box(area), prev: box(prev), next: box(next),
    prevArrow: box(prev && prev.querySelector('i, svg')), nextArrow: box(next && next.querySelector('i, svg')),
    downloads: visible('.page-downloads'), sections: document.querySelectorAll('article section > h2').length,
  };
})()
"""


def test_layout_sidebar_contents_and_previous_next_in_place(browser, built):
    """At 1280 px: sidebar and in-page contents shown; previous on the left half, next on the right half, on one
    row, each arrow inside its own link (long titles wrap inside their half instead of pushing the link down)."""
    for nb in built.reading_order():
        browser.open((built.out / (nb.stem + ".html")).as_uri())
        facts = browser.evaluate(LAYOUT_JS)
        assert facts["sidebar"] and facts["downloads"], nb.name
        assert facts["toc"] or not facts["sections"], f"{nb.name}: sections but no in-page contents"
        area, prev, following = facts["area"], facts["prev"], facts["next"]
        middle = (area["left"] + area["right"]) / 2
        assert prev and following, nb.name  # the reference pages come after the last notebook
        for link, arrow in ((prev, facts["prevArrow"]), (following, facts["nextArrow"])):
            if link is None:
                continue
            assert arrow, nb.name
            assert link["left"] - 1 <= arrow["left"] and arrow["right"] <= link["right"] + 1, nb.name
            assert link["top"] - 1 <= arrow["top"] and arrow["bottom"] <= link["bottom"] + 1, nb.name
        assert prev["right"] <= middle + 1 and abs(prev["left"] - area["left"]) < 2, nb.name
        if following:
            assert following["left"] >= middle - 1 and abs(following["right"] - area["right"]) < 2, nb.name
            assert abs(prev["top"] - following["top"]) < 2, f"{nb.name}: previous and next are not on one row"


PRINT_JS = """
(() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0);
  return {sidebar: shown('.bd-sidebar-primary'), toc: shown('.bd-sidebar-secondary'), header: shown('.bd-header'),
          prevNext: shown('.prev-next-area'), code: shown('article details.hide'), article: shown('article p'),
          images: shown('article img')};
})()
"""


def test_print_style_keeps_prose_and_outputs_only(browser, built):
    browser.open((built.out / "01-open-days.html").as_uri())
    assert browser.evaluate(PRINT_JS) == {"sidebar": True, "toc": True, "header": True, "prevNext": True,
                                          "code": True, "article": True, "images": True}
    browser.emulate_media("print")
    try:
        assert browser.evaluate(PRINT_JS) == {"sidebar": False, "toc": False, "header": False, "prevNext": False,
                                              "code": False, "article": True, "images": True}
    finally:
        browser.emulate_media("")


# A 4x4 red PNG, embedded.
RED_PNG = png("red")
BAD_PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>
<body style="width: 700px; font: 16px sans-serif">
<p dir="ltr">{ARABIC_PARAGRAPH[:40]}</p>
<p dir="auto" style="text-align: left">{ARABIC_PARAGRAPH[:40]}</p>
<p dir="auto">{ARABIC_PARAGRAPH[:41]}</p>
<p dir="auto">{ENGLISH_PARAGRAPH}</p>
<img src="missing.png"><img src="http://example.com/remote.png"><img src="data:image/png;base64,{RED_PNG}">
</body></html>"""


def test_browser_checks_detect_a_wrong_page(browser, tmp_path):
    """Forced left to right, aligned left, a missing and a remote image: each is caught; the good parts are not."""
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    browser.open(page.as_uri())
    problems = page_problems(browser.evaluate(PAGE_FACTS_JS), browser.requested_urls())
    arabic = ARABIC_PARAGRAPH[:40]
    assert problems == [
        f"Arabic paragraph laid out ltr: {arabic!r}",
        problems[1],  # its distance from the right edge depends on the font
        "image not loaded: missing.png",
        "image not loaded: http://example.com/remote.png",
        "network request: http://example.com/remote.png",
    ], problems
    assert problems[1].startswith("Arabic paragraph's first line not flush right (") and arabic in problems[1]
    # the remote image was refused by the dead proxy the browser is pointed at: the network is off
    assert "net::ERR_PROXY_CONNECTION_FAILED" in browser.load_errors()


def test_browser_checks_detect_a_broken_copy_of_a_real_page(browser, built, tmp_path):
    """A built page with its Arabic block forced left to right and its first figure missing: both are caught."""
    copy = tmp_path / "copy"
    shutil.copytree(built.out, copy)
    page = copy / "01-open-days.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    arabic = next(p for p in soup.select("article p") if re.match(r"[\W\d_]*[\u0600-\u06ff]", p.get_text()))
    arabic["dir"] = "ltr"
    image = soup.select_one("article img")
    image["src"] = image["src"].replace("_images/", "_images/missing-")
    page.write_text(str(soup), encoding="utf-8")
    browser.open(page.as_uri())
    problems = page_problems(browser.evaluate(ARTICLE_FACTS_JS), browser.requested_urls())
    assert len(problems) == 2, problems
    assert problems[0].startswith("Arabic paragraph laid out ltr: ")
    assert problems[1].startswith("image not loaded: _images/missing-")


# --- printing: every page whole on A4 and Letter ---------------------------------------------------------------------

PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
PRINT_BLOCKS_JS = """
(() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const texts = [...document.querySelectorAll(
      '#jb-print-docs-body h1, article :is(h1, h2, h3, p)')]
    .filter((el) => shown(el) && !el.closest('details, table, .cell_input, pre'))
    .map((el) => el.textContent.replace(/[#¶]/g, ' ').trim()).filter((t) => /\\p{L}/u.test(t));
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('article :is(p, h1, h2, h3, li, table, img, th, td)')]
    .filter(shown).map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width > 0 && (r.left < -1 || r.right > width + 1))
    .map(([el, r]) => `${el.tagName} ${Math.round(r.left)}..${Math.round(r.right)} of ${width}: `
                      + el.textContent.trim().slice(0, 40));
  return {texts, out};
})()
"""
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # pdftotext's embeddings: between words


def word_keys(text: str) -> list[str]:
    """Words as sorted letters, NFKC, without marks or alef's forms: pdftotext gives back the letters of a
    ligature (لا, لى, في ...) in another order, and Arabic presentation forms; sorting keeps what is compared
    the letters of each word."""
    import unicodedata
    text = unicodedata.normalize("NFKC", _MARKS.sub("", _BIDI.sub(" ", text))).lower()
    # digits, Latin and Arabic runs apart: pdftotext may glue a number or an English word to an Arabic one
    words = re.findall(r"\d+|[a-z\u00c0-\u024f]+|[^\W\da-z\u00c0-\u024f_]+", text)
    return ["".join(sorted(re.sub("[اأإآٱ]", "", w))) for w in words if re.sub("[اأإآٱ]", "", w)]


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def print_problems(browser, url: str, paper: tuple[float, float], tmp_path) -> list[str]:
    """What printing *url* on *paper* (inches) cuts: a block wider than the paper, or the start of a heading or
    a paragraph (its first words) missing from the PDF's text."""
    margin = 0.4
    width = round((paper[0] - 2 * margin) * 96)
    browser.open(url)
    browser.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=1000,
                 deviceScaleFactor=1, mobile=False)
    browser.emulate_media("print")
    try:
        facts = browser.evaluate(PRINT_BLOCKS_JS)
        pdf = base64.b64decode(browser.send(
            "Page.printToPDF", session=True, paperWidth=paper[0], paperHeight=paper[1], marginTop=margin,
            marginBottom=margin, marginLeft=margin, marginRight=margin, timeout=180)["data"])
    finally:
        browser.emulate_media("")
        browser.send("Emulation.clearDeviceMetricsOverride", session=True)
    printed = set(word_keys(pdf_text(pdf, tmp_path)))
    problems = [f"wider than the paper: {line}" for line in facts["out"]]
    for text in facts["texts"]:
        start = word_keys(text)[:5]
        missing = [w for w in start if w not in printed]
        if missing:
            problems.append(f"not in the PDF: {text[:60]!r}")
    assert facts["texts"], "no heading or paragraph found to check"
    return problems


def printable_pages(built) -> list[str]:
    return ["index", *(nb.stem for nb in built.notebooks), *site.REFERENCE_PAGES]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (Debian: poppler-utils)")
@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_prints_whole(browser, built, paper, tmp_path):
    """Headless Chromium prints each page (Page.printToPDF); pdftotext reads the PDF back: every heading and
    the beginning of every paragraph is there, and no block of the article is wider than the paper."""
    problems = {name: print_problems(browser, (built.out / f"{name}.html").as_uri(), PAPERS[paper], tmp_path)
                for name in printable_pages(built)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_print_check_catches_a_page_cut_off(browser, tmp_path):
    """The print check fails on a page whose article is wider than the paper and starts left of it."""
    page = tmp_path / "wide.html"
    page.write_text(f"""<!DOCTYPE html><html><body style="margin:0"><article style="width:1400px;margin-left:-300px">
<h1>Heading that starts left of the paper</h1><p>{ENGLISH_PARAGRAPH}</p>
<p dir="rtl" lang="ar">{ARABIC_PARAGRAPH}</p></article></body></html>""", encoding="utf-8")
    problems = print_problems(browser, page.as_uri(), PAPERS["A4"], tmp_path)
    assert any(p.startswith("not in the PDF: 'Heading") for p in problems), problems
    assert any(p.startswith("wider than the paper") for p in problems), problems


def test_printed_tables_repeat_their_header_and_charts_fit_the_page(browser, built, tmp_path):
    """A long table breaks across pages with its header on each; a tall chart is scaled into one page."""
    browser.open((built.out / "all-figures.html").as_uri())
    browser.emulate_media("print")
    try:
        styles = browser.evaluate("""(() => {
          const t = document.querySelector('article table');
          return {thead: getComputedStyle(t.tHead).display, breakInside: getComputedStyle(t).breakInside,
                  row: getComputedStyle(t.tBodies[0].rows[0]).breakInside};
        })()""")
    finally:
        browser.emulate_media("")
    assert styles == {"thead": "table-header-group", "breakInside": "auto", "row": "avoid"}
    pdf = base64.b64decode(browser.send("Page.printToPDF", session=True, paperWidth=8.27, paperHeight=11.69,
                                        timeout=180)["data"])
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    with_header = [p for p in pages if "Sources" in p and "Outlets" in p]
    assert len(pages) > 3 and len(with_header) >= len(pages) - 3, (len(pages), len(with_header))
    browser.open((built.out / "14-the-institution.html").as_uri())
    browser.emulate_media("print")
    try:
        tallest = browser.evaluate("Math.max(...[...document.querySelectorAll('article img')].map("
                                   "(i) => i.getBoundingClientRect().height))")
    finally:
        browser.emulate_media("")
    assert tallest <= 245 / 25.4 * 96 + 1  # 245 mm: a page of A4 less its margins


# --- tables and charts at 1400 and 390 px ----------------------------------------------------------------------------

WIDTH_JS = """
(() => {
  const page = document.documentElement;
  const tables = [...document.querySelectorAll('article .table-scroll')].map((box) => {
    const b = box.getBoundingClientRect();
    const keys = [...box.querySelectorAll('thead th[data-role="key"]')].map((th) => {
      const r = th.getBoundingClientRect(); return {left: r.left, right: r.right, text: th.textContent.trim()}; });
    const first = box.querySelector('tbody tr td');
    box.scrollLeft = box.scrollWidth;  // scrolled to its end, the first column stays in place
    const after = first ? first.getBoundingClientRect().left : null;
    box.scrollLeft = 0;
    return {left: b.left, right: b.right, keys, firstLeft: first ? first.getBoundingClientRect().left : null,
            firstAfterScroll: after, scrolls: box.scrollWidth > box.clientWidth + 1,
            text: box.querySelector('th') ? box.querySelector('th').textContent.trim().slice(0, 30) : ''};
  });
  const charts = [...document.querySelectorAll('article .chart-scroll img')].map((img) =>
    ({width: img.getBoundingClientRect().width, natural: img.naturalWidth}));
  return {pageScrolls: page.scrollWidth > window.innerWidth + 1, scrollWidth: page.scrollWidth, tables, charts};
})()
"""


def layout_at(browser, url: str, width: int) -> dict:
    browser.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=900, deviceScaleFactor=1,
                 mobile=width < 500)
    try:
        browser.open(url)
        return browser.evaluate(WIDTH_JS)
    finally:
        browser.send("Emulation.clearDeviceMetricsOverride", session=True)


@pytest.mark.parametrize("width", [1400, 390])
def test_tables_and_charts_read_at_any_width(browser, built, width):
    """The page never scrolls sideways; a table scrolls inside its box, its first column fixed; at 1400 px
    every key column (what is counted, the values, the status) is in view, at 390 px the first key column and
    the start of the next; charts keep at least 560 px, scrolling in their box on a phone."""
    problems = []
    for name in [nb.stem for nb in built.notebooks] + [site.pages.FIGURES_PAGE]:
        facts = layout_at(browser, (built.out / f"{name}.html").as_uri(), width)
        if facts["pageScrolls"]:
            problems.append(f"{name}: the page scrolls sideways ({facts['scrollWidth']} px)")
        for t in facts["tables"]:
            keys = t["keys"]
            if t["firstLeft"] is not None and abs(t["firstAfterScroll"] - t["firstLeft"]) > 1:
                problems.append(f"{name}: first column moves with the scroll in {t['text']!r}")
            hidden = [k["text"][:30] for k in (keys if width >= 1400 else keys[:2][1:])
                      if k["right"] > t["right"] + 1 and k["left"] > t["left"] + 1 and
                      (width >= 1400 or k["left"] > t["right"] - 40)]
            if hidden:
                problems.append(f"{name}: key columns out of view in {t['text']!r}: {hidden}")
        for chart in facts["charts"]:
            if chart["width"] < min(560, chart["natural"]) - 1:
                problems.append(f"{name}: a chart shrunk to {chart['width']:.0f} px")
    assert problems == []


TABLE_TOOLS_JS = """
(() => {
  const table = [...document.querySelectorAll('article table')].find((t) => t.tBodies[0].rows.length > 20);
  const filter = table.closest('.table-scroll').previousElementSibling.querySelector('input.table-filter');
  const shown = () => [...table.tBodies[0].rows].filter((r) => !r.hidden).length;
  const before = shown();
  const word = table.tBodies[0].rows[0].cells[table.tBodies[0].rows[0].cells.length - 1].textContent.trim().split(/[ ¶]/)[0];
  filter.value = word; filter.dispatchEvent(new Event('input'));
  const filtered = shown();
  const firstCell = () => [...table.tBodies[0].rows].filter((r) => !r.hidden)[0].cells[0].textContent;
  filter.value = ''; filter.dispatchEvent(new Event('input'));
  const th = table.tHead.rows[0].cells[1];   // the report year
  th.click();
  const up = [...table.tBodies[0].rows].map((r) => r.cells[1].textContent.trim());
  th.click();
  const down = [...table.tBodies[0].rows].map((r) => r.cells[1].textContent.trim());
  return {before, filtered, sort: th.getAttribute('aria-sort'), up, down,
          small: [...document.querySelectorAll('article table')].filter((t) => t.tBodies[0].rows.length <= 20)
                 .some((t) => t.closest('.table-scroll').previousElementSibling?.classList?.contains('table-tools'))};
})()
"""


def test_long_tables_filter_and_sort_in_the_page(browser, built):
    browser.open((built.out / "all-figures.html").as_uri())
    facts = browser.wait_until("document.querySelector('input.table-filter') && " + TABLE_TOOLS_JS.strip())
    assert 0 < facts["filtered"] < facts["before"]
    assert facts["up"] == sorted(facts["up"]) and facts["down"] == sorted(facts["down"], reverse=True)
    assert facts["sort"] == "descending" and facts["small"] is False
    assert [u for u in browser.requested_urls() if not u.startswith(LOCAL_SCHEMES)] == []


# --- every value leads to its source ---------------------------------------------------------------------------------

def test_outlets_link_to_the_pages_that_printed_them(built):
    """In the notebooks' conflict tables and on the page of every figure, each outlet links to its page, the
    URL of observations.csv; the article's figures link to their place in the source article."""
    observations = pd.read_csv(PROCESSED / "observations.csv", dtype=str, keep_default_na=False).set_index("obs")
    page = built.page("all-figures.html")
    anchors = {a["id"]: a for a in page.select("a[id]")}
    assert set(observations.index) <= set(anchors), "every observation has an anchor"
    article = built.page("source-article.html")
    for obs, row in observations.iterrows():
        href = anchors[obs]["href"]
        if row["url"]:
            assert href == row["url"], obs
        else:
            assert href == f"source-article.html#{obs}" and article.find(id=obs) is not None, obs
            mark = article.find(id=obs)
            assert mark.get_text() == row["figure_text"], obs
    figures = pd.read_csv(PROCESSED / "report-figures.csv", dtype=str, keep_default_na=False)
    rows = {tr["id"] for tr in page.select("tr[id]")}
    assert {f"f-{y}-{f}" for y, f in zip(figures["report_year"], figures["figure"])} <= rows
    drugs = built.page("10-drugs.html")
    linked = {a.get_text(): a["href"] for a in drugs.select("table a[href^=http]")}
    assert linked, "the conflicts table links its outlets"
    assert set(linked.values()) <= set(observations["url"])


def test_a_figure_anchor_opens_on_its_row(browser, built):
    observations = pd.read_csv(PROCESSED / "observations.csv", dtype=str, keep_default_na=False)
    row = observations[observations["agreement"] == "differs"].iloc[0]
    browser.open("about:blank")  # a new load: opening the same page with a fragment would only scroll
    browser.open((built.out / "all-figures.html").as_uri() + f"#f-{row['report_year']}-{row['figure']}")
    box = browser.evaluate("(() => { const r = document.querySelector(':target').getBoundingClientRect();"
                           " return {top: r.top, bottom: r.bottom, h: innerHeight}; })()")
    assert 0 <= box["top"] < box["h"], box


# --- downloads: one tidy file, its sources, a dictionary, a workbook, a database -------------------------------------

def site_data(built) -> Path:
    return built.out / "data"


def test_index_links_the_downloads_and_they_hold_every_figure(built):
    index = built.page("index.html")
    links = {a["href"] for a in index.select("article a[href^='data/']")}
    for file, _, _ in site.DOWNLOADS:
        assert f"data/{file}" in links and (built.out / "data" / file).is_file(), file
    tidy = pd.read_csv(site_data(built) / "all-figures.csv", dtype=str, keep_default_na=False)
    figures = pd.read_csv(PROCESSED / "report-figures.csv", dtype=str, keep_default_na=False)
    assert len(tidy) == len(figures)
    merged = tidy.merge(figures, on=["report_year", "figure"], suffixes=("", "_p"))
    assert len(merged) == len(figures)
    for column in ("value", "unit", "qualifier", "status", "outlets", "metric_en", "metric_ar", "section"):
        assert (merged[column] == merged[f"{column}_p"]).all(), column
    assert (tidy["section_en"] != "").all() and (tidy["section_ar"] != "").all()


def test_every_observation_has_a_source_to_check(built):
    """One row per observation: the page's URL as printed, or the place in the raw article, whose characters are
    the number as printed."""
    sources = pd.read_csv(site_data(built) / "all-figures-sources.csv", dtype=str, keep_default_na=False)
    observations = pd.read_csv(PROCESSED / "observations.csv", dtype=str, keep_default_na=False)
    assert sorted(sources["obs"]) == sorted(observations["obs"])
    assert ((sources["url"] != "") | (sources["locator"] != "")).all()
    for row in sources[sources["locator"] != ""].to_dict("records"):
        file, chars = row["locator"].split("#char=")
        start, end = map(int, chars.split(","))
        assert (ROOT / "data" / "raw" / file).read_text(encoding="utf-8")[start:end] == row["figure_text"]


def test_the_downloads_are_described_by_their_data_package(built):
    """Every column has its descriptor (copied from data/datapackage.json's), and Frictionless finds the files
    valid against them; the dictionary lists every column."""
    import frictionless
    folder = site_data(built)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    words = pd.read_csv(folder / "data-dictionary.csv", dtype=str, keep_default_na=False)
    for resource in descriptor["resources"]:
        header = pd.read_csv(folder / resource["path"], nrows=0).columns.tolist()
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        listed = words[words["file"] == resource["path"]]
        assert listed["column"].tolist() == header and (listed["description"] != "").all()
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_workbook_holds_every_row(built):
    """all-figures.xlsx: the figures, the sources and the dictionary as sheets, every row (read from the file's
    XML, no spreadsheet library needed)."""
    import zipfile
    with zipfile.ZipFile(site_data(built) / "all-figures.xlsx") as book:
        names = book.namelist()
        workbook = book.read("xl/workbook.xml").decode()
        rows = [book.read(f"xl/worksheets/sheet{i}.xml").decode().count("<row ") for i in (1, 2, 3)]
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == ["figures", "sources", "dictionary"]
    figures = pd.read_csv(PROCESSED / "report-figures.csv")
    observations = pd.read_csv(PROCESSED / "observations.csv")
    assert rows[:2] == [len(figures) + 1, len(observations) + 1] and "xl/sharedStrings.xml" in names


def test_the_database_holds_every_processed_table_and_searches_the_quotes(built):
    import sqlite3
    from helpers.datapackage import schema
    db = sqlite3.connect(site_data(built) / "dgsn-reports.sqlite")
    processed = [r for r in schema.package()["resources"] if r["path"].startswith("processed/")
                 and r["path"].endswith(".csv")]
    assert processed
    for resource in processed:
        rows = pd.read_csv(DATA_ROOT / resource["path"], dtype=str, keep_default_na=False)
        assert db.execute(f'SELECT count(*) FROM "{resource["name"]}"').fetchone()[0] == len(rows), resource["name"]
    assert db.execute("SELECT count(*) FROM all_figures").fetchone()[0] == len(
        pd.read_csv(PROCESSED / "report-figures.csv"))
    found = db.execute("SELECT o.figure_text FROM observations_fts JOIN observations o ON o.rowid = "
                       "observations_fts.rowid WHERE observations_fts MATCH 'cocaine'").fetchall()
    assert found and len(found) == len(db.execute("SELECT 1 FROM observations_fts WHERE observations_fts "
                                                  "MATCH 'cocaïne'").fetchall())


def test_datasette_returns_a_known_figure(built):
    """The database as `make explore` serves it: Datasette's in-process client, a known figure by SQL."""
    import asyncio
    from datasette.app import Datasette
    figures = pd.read_csv(PROCESSED / "report-figures.csv", dtype=str, keep_default_na=False)
    known = figures[(figures["status"] == "agreed") & (figures["value"] != "")].iloc[0]
    folder = site_data(built)
    metadata = json.loads((folder / "datasette.json").read_text(encoding="utf-8"))
    ds = Datasette([str(folder / "dgsn-reports.sqlite")], metadata=metadata)

    async def ask():
        sql = "select value, status from report_figures where figure = :f and report_year = :y"
        reply = await ds.client.get("/dgsn-reports.json", params={"sql": sql, "f": known["figure"],
                                                                   "y": known["report_year"], "_shape": "array"})
        search = await ds.client.get("/dgsn-reports/observations.json", params={"_search": "cocaine",
                                                                                 "_shape": "array"})
        return reply.status_code, reply.json(), search.status_code, search.json()
    status, rows, search_status, hits = asyncio.run(ask())
    assert status == 200 and rows == [{"value": float(known["value"]), "status": known["status"]}]
    assert search_status == 200 and hits and all(h["figure"].startswith("drugs.") for h in hits)


# --- words and methods -----------------------------------------------------------------------------------------------

def test_the_glossary_defines_every_allowed_value_in_both_languages(built):
    page = built.page("methods.html")
    text = page.get_text(" ", strip=True)
    labels = pd.read_csv(ROOT / "data" / "curated" / "value-labels.csv", dtype=str, keep_default_na=False)
    for row in labels.to_dict("records"):
        cell = page.find(id=f"{row['resource'].strip('*') or 'all'}-{row['field']}-{row['value']}")
        assert cell is not None, row
        words = cell.get_text(" ", strip=True)
        for key in ("label_en", "label_ar", "meaning_en", "meaning_ar"):
            assert row[key] in words, (row["value"], key)
    for heading in ("How the press was collected and read", "What the collection cannot tell",
                    "How to report an error"):
        assert heading in text
    assert "Open Days visitors were counted" in text
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["repository-code"] in text
    vocabulary = pd.read_csv(ROOT / "src" / "helpers" / "publishing" / "site_pages" / "vocabulary.csv")
    sections = set(pd.read_csv(ROOT / "data" / "curated" / "sections.csv")["section"])
    assert set(vocabulary["section"]) <= sections


def test_no_saved_chart_is_taller_than_a_page(built):
    """Every chart the notebooks saved is at most 2,500 px tall (12.5 in at 200 dpi): a taller one is in pages."""
    tall = {}
    for png in sorted((ROOT / "figures").glob("*.png")):
        with Image.open(png) as image:
            if image.height > 2500:
                tall[png.name] = image.height
    assert tall == {}
