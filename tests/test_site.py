"""The static site (helpers.publishing.site, Sphinx + MyST-NB + book theme, helpers.publishing.site_extension), built from the committed
notebooks plus one fixture notebook, offline.

Static checks read the built HTML with BeautifulSoup; the browser tests open it in headless Chromium with the
network off (tests/devtools.py) and read the facts from the live page: direction and geometry of each Arabic
paragraph, image load states, every request made, search results, the layout of the navigation, print media.
Each browser check is also shown to fail on a page built to be wrong.
"""
from __future__ import annotations

import json
import re
import shutil
import urllib.parse

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from devtools import LOCAL_SCHEMES, PAGE_FACTS_JS, distinct_colours, page_facts_js, page_problems
from helpers.paths import PROCESSED, ROOT
from helpers.publishing import site
from helpers.publishing.catalogue import by_group
from helpers.publishing.site_extension import MultiScriptSearch, chart_title, mark_direction
from sitebuild import (  # noqa: F401  (built is a fixture)
    ARABIC_PARAGRAPH,
    CHART_CALL,
    ENGLISH_PARAGRAPH,
    FIXTURE_STEM,
    STATED_ALT,
    build,
    built,
    png,
)


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
    changes = changes[changes["before_from"] == "previous_report"]  # the index counts each change once
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
