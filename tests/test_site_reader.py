"""What a researcher does with the site (issue 18), in headless Chromium with the network off and in the built
files: print every page (A4, Letter) and read the PDF back with pdftotext; read tables and charts at 1400 and 390 px;
filter and sort long tables; follow each value to its source; take the data away (the tidy CSV, its sources, the
dictionary, the workbook, the SQLite database, Datasette); the words and methods page; the charts' heights.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml
from PIL import Image

from devtools import LOCAL_SCHEMES
from helpers.paths import DATA as DATA_ROOT
from helpers.paths import PROCESSED, ROOT
from helpers.publishing import site
from sitebuild import ARABIC_PARAGRAPH, ENGLISH_PARAGRAPH, built  # noqa: F401  (built is a fixture)


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
    keys = word_keys(pdf_text(pdf, tmp_path))
    # pdftotext may also split one word in two at a glyph it positions apart ("بأكثر" read back as "بأ كرث"):
    # two neighbours joined count as the word their letters make
    printed = set(keys) | {"".join(sorted(a + b)) for a, b in zip(keys, keys[1:])}
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
