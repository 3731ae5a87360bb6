"""The site's reference pages, written from the data on each build (MyST Markdown with HTML tables): what a
researcher checks a figure against, and the words of the data.

- ``all-figures``: every (report year, figure) by section, with an anchor to cite (``all-figures.html#f-2025-
  drugs.cocaine_seized``), its value, status and outlets, and each observation linked to its source: the page the
  outlet printed (the URL as printed), or the place in the source article (``source-article.html#a02``); each
  observation has its own anchor (``#o0656``);
- ``source-article``: the article the communication section's figures come from, as retrieved, up to where the
  report ends, each figure's number marked at its character offsets with an anchor per observation (``#a02``) and
  per figure (``#figure-open_days.visitors``); its provenance from data/raw/sources.json;
- ``methods``: words and methods: the prose of ``site_pages/methods.md`` with, generated, every allowed value's
  words and meaning (data/curated/value-labels.csv), the columns of the downloads (their descriptors) and the
  words a reader may search for in three languages (``site_pages/vocabulary.csv``).

Nothing here lists the pages, sections or years there are: they come from the tables.
"""
from __future__ import annotations

import csv
import html
from collections import defaultdict
from pathlib import Path

import pandas as pd

from helpers.datapackage import schema
from helpers.datapackage.article import load_report
from helpers.datapackage.csvio import read_table
from helpers.datapackage.raw import sources
from helpers.language import wording
from helpers.language.labels import section_name, value_label
from helpers.paths import CURATED
from helpers.presentation.report_tables import quantity
from helpers.publishing import downloads
from helpers.publishing.citation import repository

PAGES = Path(__file__).resolve().parent / "site_pages"
ARTICLE_PAGE = "source-article"
FIGURES_PAGE = "all-figures"
METHODS_PAGE = "methods"


def figure_anchor(report_year, figure: str) -> str:
    return f"f-{report_year}-{figure}"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _both(ar: str, en: str) -> str:
    return f'<div dir="rtl" lang="ar">{_e(ar)}</div><div dir="ltr" lang="en">{_e(en)}</div>'


def _header(cells: list[tuple[str, str, str]]) -> str:
    """A header row: (Arabic, English, role) per column; the role as the table engine marks it."""
    return "<thead><tr>" + "".join(
        f'<th dir="auto"{f" data-role={chr(34)}{role}{chr(34)}" if role else ""}>{_both(ar, en)}</th>'
        for ar, en, role in cells) + "</tr></thead>"


def _years(values) -> tuple[str, str]:
    years = sorted({int(y) for y in values})
    span = f"{years[0]}–{years[-1]}" if len(years) > 2 else " & ".join(map(str, years))
    span_ar = f"{years[0]}-{years[-1]}" if len(years) > 2 else " و".join(map(str, years))
    return span_ar, span


# --- every figure and its sources ------------------------------------------------------------------------------------

def _source_link(obs: dict) -> str:
    """One observation as a link to where it can be checked, with its id as anchor."""
    title = _e(obs["figure_text"])
    if obs["url"]:
        return f'<a id="{_e(obs["obs"])}" href="{_e(obs["url"])}" title="{title}">{_e(obs["outlet"])}</a>'
    if obs["locator"]:
        return (f'<a id="{_e(obs["obs"])}" href="{ARTICLE_PAGE}.html#{_e(obs["obs"])}" title="{title}">'
                f'{_e(obs["outlet"])}</a>')
    return f'<span id="{_e(obs["obs"])}" title="{title}">{_e(obs["outlet"])}</span>'


def _observation(obs: dict) -> str:
    """The link, and the value printed where it is not the figure's value."""
    shown = _source_link(obs)
    if obs["agreement"] in ("differs", "rounded"):
        printed = quantity(obs["value"], obs["unit"], obs["qualifier"], obs["direction"] or None)
        shown += f' <span class="printed">({_e(printed)})</span>'
    return f"<li>{shown}</li>"


def figures_markdown() -> str:
    figures, observations = downloads.all_figures(), downloads.all_sources()
    by_figure = defaultdict(list)
    for obs in observations.to_dict("records"):
        by_figure[(obs["report_year"], obs["figure"])].append(obs)
    years_ar, years_en = _years(figures["report_year"])
    out = [f"# Every figure and its sources · كل الأرقام ومصادرها\n\n",
           f'<div dir="rtl" lang="ar">\n\nكل رقم من تقارير {years_ar} ({wording.number(len(figures), "ar")} رقما)، '
           f"بقسمه وقيمته المعتمدة وحالته، وكل منبر نشره مع رابط صفحته (أو موضعه في المقال المصدر). لكل رقم رابط "
           f"خاص به يمكن الإحالة إليه (¶)، ولكل ملاحظة معرّفها. بين قوسين: القيمة التي نشرها منبر حين تخالف القيمة "
           f"المعتمدة أو تقربها.\n\n</div>\n\n",
           f"Every figure of the {years_en} reports ({len(figures):,} figures), by section, with the value the report "
           f"most likely published, its status, and every outlet that printed it, linked to its page (or to its "
           f"place in the source article), and the outlets' words under Quotes. Each figure has its own link to "
           f"cite (¶), each observation its id. In "
           f"brackets, the value an outlet printed where it differs from the value kept or rounds it. The same "
           f'data: <a href="data/{downloads.ALL_FIGURES}"><code>data/{downloads.ALL_FIGURES}</code></a> and '
           f'<a href="data/{downloads.SOURCES}"><code>data/{downloads.SOURCES}</code></a>.\n\n']
    order = list(schema.allowed("report_figures", "section"))
    for section in sorted(set(figures["section"]), key=order.index):
        rows = figures[figures["section"] == section].sort_values(["figure", "report_year"], kind="stable")
        out.append(f"## {section_name(section, 'en')} · {section_name(section, 'ar')}\n\n")
        head = _header([("ما يُعدّ", "What is counted", "key"), ("التقرير", "Report", "key"),
                        ("القيمة", "Value", "key"), ("الحالة", "Status", "key"), ("المنابر", "Outlets", ""),
                        ("المصادر", "Sources", ""), ("معرّف الرقم", "Figure id", "aside")])
        body = []
        for r in rows.to_dict("records"):
            anchor = figure_anchor(r["report_year"], r["figure"])
            status = value_label("report_figures", "status", r["status"])
            value = quantity(r["value"], r["unit"], r["qualifier"], r["direction"] or None, resource="report_figures")
            found = by_figure[(r["report_year"], r["figure"])]
            links = "".join(_observation(o) for o in found)
            quotes = "".join(
                f'<li dir="{"rtl" if o["lang"] == "ar" else "ltr"}" lang="{_e(o["lang"])}">{_e(o["quote"])} '
                f'<span dir="ltr">({_e(o["outlet"])}, {_e(o["obs"])})</span></li>' for o in found)
            body.append(
                f'<tr id="{_e(anchor)}"><td dir="auto">{_both(r["metric_ar"], r["metric_en"])}</td>'
                f'<td dir="ltr">{_e(r["report_year"])}</td><td dir="ltr" style="white-space:nowrap">{_e(value)}</td>'
                f'<td dir="auto">{_both(status.label_ar, status.label_en)}</td>'
                f'<td dir="ltr">{_e(r["outlets"])}</td>'
                f'<td dir="ltr"><ul class="figure-sources">{links}</ul><details class="figure-quotes"><summary>'
                f'Quotes · الاقتباسات ({len(found)})</summary><ul>{quotes}</ul></details></td>'
                f'<td dir="ltr"><code>{_e(r["figure"])}</code> <a class="permalink" href="#{_e(anchor)}" '
                f'title="Link to this figure · رابط هذا الرقم">¶</a></td></tr>')
        out.append(f'<table class="helpers-table figures-table">{head}<tbody>{"".join(body)}</tbody></table>\n\n')
    return "".join(out)


# --- the source article ----------------------------------------------------------------------------------------------

def article_markdown() -> str:
    report = load_report()
    name = report.path.name
    meta = sources()[name]
    observations = downloads.read_table("observations")
    article = observations[observations["source"] == name]
    figures = downloads.read_table("figures")
    marks = defaultdict(list)  # (start, end) -> anchors
    for r in article.to_dict("records"):
        marks[(int(r["source_start"]), int(r["source_end"]))].append(r["obs"])
    for r in figures.to_dict("records"):
        marks[(int(r["start"]), int(r["end"]))].append(f"figure-{r['id']}")
    text, pieces, at = report.raw[:report.end], [], 0
    for (start, end), anchors in sorted(marks.items()):
        if start < at:
            continue  # a span inside one already marked
        pieces.append(_e(text[at:start]))
        extra = "".join(f'<span id="{_e(a)}"></span>' for a in anchors[1:])
        pieces.append(f'{extra}<mark id="{_e(anchors[0])}" title="{_e(" ".join(anchors))}">{_e(text[start:end])}</mark>')
        at = end
    pieces.append(_e(text[at:]))
    body = "".join(pieces).strip().replace("\r\n", "\n").replace("\n", "<br>")
    address = (f"[{meta['url']}]({meta['url']})" if meta.get("url") else
               f"no web address: {meta.get('url_note', '')}")
    published = meta.get("published") or ""
    return (f"# The source article · المقال المصدر\n\n"
            f'<div dir="rtl" lang="ar">\n\n{_e(meta["title"])}، {_e(meta["publisher"])}، {_e(published)}. النص كما '
            f"استُرجع، إلى حيث ينتهي التقرير؛ كل رقم معلَّم في موضعه (الحروف من {report.end:,} حرفا)، وله رابط.\n\n</div>\n\n"
            f"*{_e(meta.get('title_en', ''))}*, {_e(meta['publisher'])}, {_e(published)}; {address}. Figures by: "
            f"{_e(meta.get('author_of_figures', ''))}. The text as retrieved (`data/raw/{name}`, SHA-256 "
            f"`{meta['sha256']}`), up to where the report ends; each figure's number is marked where it stands, "
            f"with an anchor per observation (`#a02`) and per figure (`#figure-open_days.visitors`), the character "
            f"offsets of `data/processed/observations.csv` (`source_start`, `source_end`).\n\n"
            f'<div class="source-text" dir="rtl" lang="ar">{body}</div>\n')


# --- words and methods -----------------------------------------------------------------------------------------------

def _read_csv(path: Path) -> list[dict]:
    """The site's own word lists (not data: no resource of the data package)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def glossary_html() -> str:
    """Every allowed value's words and meaning, one table per field, from value-labels.csv."""
    groups = defaultdict(list)
    for row in read_table(CURATED / "value-labels.csv", "value_labels"):  # through the door, as every data table
        groups[(row["resource"], row["field"])].append(row)
    out = []
    for (resource, field), rows in groups.items():
        where = "every table" if resource == "*" else f"`{resource}`"
        described = ""
        if resource != "*":
            try:
                described = schema.field(resource, field).get("description", "").split(":")[0].split("(")[0]
            except KeyError:
                described = ""
        out.append(f"### `{field}` ({where}) · `{field}`\n\n" + (f"{described.strip()}.\n\n" if described else ""))
        head = _header([("القيمة في البيانات", "Value in the data", "key"), ("بالكلمات", "In words", "key"),
                        ("المعنى", "Meaning", "key")])
        body = "".join(f'<tr id="{_e(resource.strip("*") or "all")}-{_e(field)}-{_e(r["value"])}"><td dir="ltr">'
                       f'<code>{_e(r["value"])}</code></td><td dir="auto">{_both(r["label_ar"], r["label_en"])}</td>'
                       f'<td dir="auto">{_both(r["meaning_ar"], r["meaning_en"])}</td></tr>' for r in rows)
        out.append(f'<table class="helpers-table glossary-table">{head}<tbody>{body}</tbody></table>\n\n')
    return "".join(out)


def vocabulary_html() -> str:
    rows = _read_csv(PAGES / "vocabulary.csv")
    head = _header([("بالعربية", "Arabic", "key"), ("بالإنجليزية", "English", "key"), ("بالفرنسية", "French", "key"),
                    ("القسم", "Section", "")])
    body = "".join(f'<tr><td dir="rtl" lang="ar">{_e(r["ar"])}</td><td dir="ltr" lang="en">{_e(r["en"])}</td>'
                   f'<td dir="ltr" lang="fr">{_e(r["fr"])}</td><td dir="auto">'
                   f'{_both(section_name(r["section"], "ar"), section_name(r["section"], "en"))}</td></tr>'
                   for r in rows)
    return f'<table class="helpers-table vocabulary-table">{head}<tbody>{body}</tbody></table>\n'


def dictionary_html() -> str:
    words = downloads.dictionary({downloads.ALL_FIGURES: downloads.fields(downloads.FIGURE_COLUMNS),
                                  downloads.SOURCES: downloads.fields(downloads.SOURCE_COLUMNS)})
    head = _header([("الملف", "File", ""), ("العمود", "Column", "key"), ("النوع", "Type", ""),
                    ("المعنى (بالإنجليزية)", "Meaning (English)", "key"), ("القيم المسموح بها", "Allowed values", "")])
    body = "".join(f'<tr><td dir="ltr"><code>{_e(r["file"])}</code></td><td dir="ltr"><code>{_e(r["column"])}'
                   f'</code></td><td dir="ltr">{_e(r["type"])}</td><td dir="ltr">{_e(r["description"])}</td>'
                   f'<td dir="ltr">{_e(r["allowed_values"])}</td></tr>' for r in words.to_dict("records"))
    return f'<table class="helpers-table dictionary-table">{head}<tbody>{body}</tbody></table>\n'


def methods_markdown() -> str:
    observations = downloads.read_table("observations")
    press = observations[observations["source"] == downloads.PRESS]
    years_ar, years_en = _years(observations["report_year"])
    fill = {
        "years_ar": years_ar, "years_en": years_en,
        "observations_ar": wording.number(len(press), "ar"), "observations_en": wording.number(len(press), "en"),
        "outlets_ar": wording.number(press["outlet"].nunique(), "ar"),
        "outlets_en": wording.number(press["outlet"].nunique(), "en"),
        "how_quotes": sources()[downloads.PRESS].get("how_quotes_were_taken", ""),
        "repository": repository(),
        "vocabulary": vocabulary_html(), "glossary": glossary_html(), "dictionary": dictionary_html(),
    }
    text = (PAGES / "methods.md").read_text(encoding="utf-8")
    for key, value in fill.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def site_pages() -> dict[str, str]:
    """The reference pages by name (their file is ``<name>.md`` in the site's sources), in reading order."""
    return {METHODS_PAGE: methods_markdown(), FIGURES_PAGE: figures_markdown(), ARTICLE_PAGE: article_markdown()}


def years(frame: pd.DataFrame | None = None) -> tuple[str, str]:
    """The report years the data cover, as each language writes a span ("2024 & 2025", "2020–2025")."""
    frame = downloads.read_table("report_figures") if frame is None else frame
    return _years(frame["report_year"])
