"""Tables the notebooks show, styled once for JupyterLab and for the HTML site.

Every value is formatted once, as a reader expects it: grouped numbers (6,862), percentages with "%", dates as
"17-21 May 2025", allowed values (statuses, qualifiers) in words of both languages, empty cells empty, no text cut
short. Headers are words in both languages, not column names.

A ``Table`` renders as HTML and as plain text. The HTML carries its layout in inline ``style`` and ``dir``
attributes (numbers left to right, Arabic right to left, the rest by its first letter) and no ids, so the same
table always gives the same bytes: nbval compares them, and JupyterLab keeps inline styles even in an untrusted
notebook. Written by hand rather than with pandas' Styler because the Styler keeps its styling in a ``<style>``
block keyed by a table id (dropped by JupyterLab's sanitizer for untrusted outputs) and its text/plain repr is an
object address, which changes on every run.

    >>> table = figures_table(figures, section="open_days")   # a Table; the last value of a cell displays it
    >>> Table.from_frame(frame, [Column("value", "Value", "القيمة", "number")])   # any table, same style
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from . import labels, wording
from .text_direction import first_strong_direction
from .series import DEFINITIONS, THIS_REPORT


@dataclass(frozen=True)
class Bilingual:
    """A cell or a header in both languages: Arabic above, English below."""

    en: str
    ar: str

    def text(self) -> str:
        return " · ".join(part for part in (self.en, self.ar) if part)


Cell = str | Bilingual

# How a column is laid out: (HTML direction, text alignment, extra CSS).
KINDS = {
    "text": ("auto", "start", ""),
    "english": ("ltr", "left", ""),
    "arabic": ("rtl", "right", ""),
    "number": ("ltr", "right", "white-space:nowrap;font-variant-numeric:tabular-nums;"),
    "code": ("ltr", "left", "font-family:var(--jp-code-font-family,monospace);font-size:0.9em;"
                            "overflow-wrap:anywhere;min-width:8em;"),
    "bilingual": ("auto", "start", ""),
}
WIDE_EM = 16  # the room a column of long text gets (Column.wide=True); a number of em asks for more or less
TABLE_STYLE = ("border-collapse:collapse;table-layout:auto;margin:0.5em 0;margin-left:0;margin-right:auto;"
               "font-size:0.92em;line-height:1.45;")
TH_STYLE = "padding:0.35em 0.6em;border-bottom:1.5px solid #888;vertical-align:bottom;font-weight:600;"
TD_STYLE = "padding:0.35em 0.6em;border-bottom:1px solid #ddd;vertical-align:top;"


@dataclass(frozen=True)
class Column:
    """One column: the key of the source frame, the header in both languages, its kind (a key of KINDS), a
    formatter from the raw value to the cell (default: the value as text, empty when missing) and whether its
    text is long: ``wide=True`` gives it room to wrap (WIDE_EM), a number gives that many em."""

    key: str
    en: str
    ar: str
    kind: str = "text"
    format: Callable[[object], Cell] | None = None
    wide: bool | float = False


def missing(value) -> bool:
    """None, NaN, pd.NA and "" are all an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_text(value) -> Cell:
    if isinstance(value, Bilingual):
        return value
    return "" if missing(value) else str(value)


def number(value, decimals: int = 0) -> str:
    """6862 -> "6,862"; empty when missing."""
    return "" if missing(value) else wording.number(float(value), "en", decimals)


def percent(value, decimals: int = 1) -> str:
    """28.8 -> "28.8%"; −27.5 -> "−27.5%"; empty when missing."""
    return "" if missing(value) else wording.percent(float(value), "en", decimals)


def period(value) -> Cell:
    """"2025-05-17/2025-05-21" -> Arabic "17-21 ماي 2025" above English "17-21 May 2025"."""
    if missing(value):
        return ""
    en, ar = wording.period(str(value), "en"), wording.period(str(value), "ar")
    return en if en == ar else Bilingual(en, ar)


def words(resource: str, field: str, blank: Sequence[str] = ()) -> Callable[[object], Cell]:
    """A formatter: an allowed value of ``resource.field`` in words of both languages (empty for *blank*)."""
    def format_(value) -> Cell:
        if missing(value) or value in blank:
            return ""
        label = labels.value_label(resource, field, str(value))
        return Bilingual(label.label_en, label.label_ar)
    return format_


def qualified_number(value, qualifier, resource="figures", field="qualifier", decimals=0) -> str:
    """The number with its qualifier in English words ("about 2,400,000"); the qualifier column has both."""
    if missing(value):
        return ""
    return wording.qualified(number(value, decimals), None if missing(qualifier) else qualifier, "en", resource, field)


def source_name(source: str) -> Cell:
    """'figures.csv:media.denials' -> this report; a URL -> its host (the full URL is in series.csv)."""
    if source.startswith(THIS_REPORT + ":"):
        return Bilingual("this report", "هذا التقرير")
    return urlparse(source).netloc.removeprefix("www.") or source


class Table:
    """Formatted cells with bilingual headers; displays as HTML (``_repr_html_``) and plain text (``repr``)."""

    def __init__(self, headers: Sequence[Bilingual], rows: Sequence[Sequence[Cell]], kinds: Sequence[str],
                 wide: Sequence[bool | float] | None = None):
        self.headers, self.rows, self.kinds = list(headers), [list(r) for r in rows], list(kinds)
        self.wide = list(wide) if wide is not None else [False] * len(self.headers)
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown column kind {unknown[0]!r} (known: {', '.join(KINDS)})")
        if any(len(r) != len(self.headers) for r in self.rows) or len(self.kinds) != len(self.headers):
            raise ValueError("every row needs one cell per header")

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, columns: Sequence[Column]) -> Table:
        """Format *frame*'s columns as *columns* say (the index is ignored: make it a column to show it)."""
        rows = []
        for record in frame.to_dict("records"):
            rows.append([as_text((c.format or as_text)(record[c.key])) for c in columns])
        return cls([Bilingual(c.en, c.ar) for c in columns], rows, [c.kind for c in columns],
                   [c.wide for c in columns])

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, en_header: str) -> list[Cell]:
        """The cells under the header whose English is *en_header* (for tests and notebooks' checks)."""
        i = next(i for i, h in enumerate(self.headers) if h.en == en_header)
        return [row[i] for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        """The display strings, bilingual cells as "English · Arabic"."""
        return pd.DataFrame([[c.text() if isinstance(c, Bilingual) else c for c in row] for row in self.rows],
                            columns=[h.text() for h in self.headers])

    # --- rendering ----------------------------------------------------------------------------------------------
    @staticmethod
    def _html_cell(cell: Cell, kind: str, tag: str, wide: bool) -> str:
        direction, align, extra = KINDS[kind]
        room = WIDE_EM if wide is True else wide
        style = (TH_STYLE if tag == "th" else TD_STYLE) + extra + \
            (f"min-width:{room}em;max-width:{max(room, 34)}em;" if room and tag == "td" else "")
        if isinstance(cell, Bilingual):
            parts = []
            if cell.ar:
                parts.append(f'<div dir="rtl" lang="ar" style="text-align:right">{html.escape(cell.ar)}</div>')
            if cell.en:
                parts.append(f'<div dir="ltr" lang="en" style="text-align:left">{html.escape(cell.en)}</div>')
            return f'<{tag} dir="auto" style="{style}">{"".join(parts)}</{tag}>'
        # a cell of free text (an outlet's words) is marked Arabic when it begins in Arabic, for the site and readers
        starts_arabic = kind == "text" and first_strong_direction(cell) == "rtl"
        lang = ' lang="ar"' if kind == "arabic" or starts_arabic else ""
        return f'<{tag} dir="{direction}"{lang} style="{style}text-align:{align}">{html.escape(cell)}</{tag}>'

    def _repr_html_(self) -> str:
        head = "".join(self._html_cell(h, "bilingual", "th", False) for h in self.headers)
        body = "\n".join("<tr>" + "".join(self._html_cell(c, k, "td", w) for c, k, w in
                                          zip(row, self.kinds, self.wide)) + "</tr>" for row in self.rows)
        return (f'<table class="helpers-table" style="{TABLE_STYLE}">\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n{body}\n</tbody>\n</table>")

    def __repr__(self) -> str:
        if not self.rows:
            return " | ".join(h.text() for h in self.headers) + "\n(no rows)"
        return self.to_frame().to_string(index=False, max_colwidth=None)


# --- the project's tables ----------------------------------------------------------------------------------------

def _bilingual_columns(frame: pd.DataFrame, en: str, ar: str) -> list[Bilingual]:
    return [Bilingual(e, a) for e, a in zip(frame[en], frame[ar])]


def figures_table(figures: pd.DataFrame, section: str | None = None, ids: Sequence[str] | None = None,
                  context: bool = False) -> Table:
    """Figures as the report states them: what is counted, value, qualifier, unit, period, verbatim quote and its
    place in the text (character offsets); with ``context``, the clause around the quote."""
    rows = figures.loc[list(ids)] if ids is not None else figures
    if section is not None:
        rows = rows[rows["section"] == section]
    frame = pd.DataFrame({
        "id": rows["id"], "metric": _bilingual_columns(rows, "metric_en", "metric_ar"),
        "value": rows["value"], "qualifier": rows["qualifier"],
        "unit": [Bilingual(labels.unit(u).label_en, labels.unit(u).label_ar) for u in rows["unit"]],
        "period": rows["period"], "quote": rows["quote"],
        "offsets": [f"{s}-{e}" for s, e in zip(rows["start"], rows["end"])], "context": rows["context"],
    })
    columns = [
        Column("id", "Figure id", "معرّف الرقم", "code"),
        Column("metric", "What is counted", "ما يُعدّ", "bilingual", wide=True),
        Column("value", "Value", "القيمة", "number", number),
        Column("qualifier", "Qualifier", "الصيغة", "bilingual", words("figures", "qualifier", blank=("exact",))),
        Column("unit", "Unit", "الوحدة", "bilingual"),
        Column("period", "Period", "الفترة", "bilingual", period),
        Column("quote", "Quote", "الاقتباس", "arabic"),
        Column("offsets", "Characters", "الموضع في النص", "number"),
    ]
    if context:
        columns.append(Column("context", "Context", "السياق", "arabic", wide=True))
    return Table.from_frame(frame, columns)


def _recomputed(check: pd.Series) -> str:
    if missing(check["recomputed"]):
        return ""
    if check["kind"] == "change":
        text = percent(check["recomputed"])
    else:
        text = number(check["recomputed"])
    return wording.qualified(text, check["recomputed_qualifier"] or None, "en", "checks", "recomputed_qualifier")


def checks_table(checks: pd.DataFrame, ids: Sequence[str] | None = None, kind: str | None = None,
                 section: str | None = None, numbers: bool = True) -> Table:
    """Checks: the claim, the evidence, the numbers (published, recomputed, difference), the status in words and
    its basis. ``numbers=False`` leaves the three number columns out (claims that have none)."""
    rows = checks.loc[list(ids)] if ids is not None else checks
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    if section is not None:
        rows = rows[rows["section"] == section]
    frame = pd.DataFrame({
        "id": rows["id"], "kind": rows["kind"], "claim": _bilingual_columns(rows, "claim_en", "claim_ar"),
        "evidence": _bilingual_columns(rows, "evidence_en", "evidence_ar"),
        "published": rows["published"], "recomputed": [_recomputed(r) for _, r in rows.iterrows()],
        "difference": rows["difference"], "status": rows["status"],
        "basis": _bilingual_columns(rows, "basis_en", "basis_ar"),
    })
    columns = [Column("id", "Check", "الفحص", "code"),
               Column("kind", "Kind", "النوع", "bilingual", words("checks", "kind")),
               Column("claim", "Claim", "الادعاء", "bilingual", wide=12),
               Column("evidence", "Evidence", "الدليل", "bilingual", wide=12)]
    if numbers:
        columns += [Column("published", "Published", "المعلن", "number", number),
                    Column("recomputed", "Recomputed", "المعاد حسابه", "number"),
                    Column("difference", "Difference", "الفرق", "number", number)]
    columns += [Column("status", "Status", "الحالة", "bilingual", words("checks", "status")),
                Column("basis", "Basis", "الأساس", "bilingual", wide=24)]
    return Table.from_frame(frame, columns)


def statuses_table(resource: str = "checks", field: str = "status") -> Table:
    """Every allowed value of a field with its words and meaning in both languages (e.g. the check statuses)."""
    entries = labels.value_labels(resource, field)
    frame = pd.DataFrame({"value": list(entries),
                          "words": [Bilingual(e.label_en, e.label_ar) for e in entries.values()],
                          "meaning": [Bilingual(e.meaning_en, e.meaning_ar) for e in entries.values()]})
    return Table.from_frame(frame, [Column("value", "Value in the data", "القيمة في البيانات", "code"),
                                    Column("words", "In words", "بالكلمات", "bilingual"),
                                    Column("meaning", "Meaning", "المعنى", "bilingual", wide=True)])


def counts_table(values: pd.Series, en: str, ar: str, resource: str | None = None,
                 field: str | None = None) -> Table:
    """How many rows have each value of *values* (in words when it is an allowed value of ``resource.field``)."""
    counts = values.value_counts(sort=False)
    if resource:
        order = [v for v in labels.value_labels(resource, field) if v in counts.index]
        counts = counts.reindex(order)
    frame = pd.DataFrame({"value": counts.index, "n": counts.to_numpy()})
    fmt = words(resource, field) if resource else None
    return Table.from_frame(frame, [Column("value", en, ar, "bilingual" if resource else "code", fmt),
                                    Column("n", "Rows", "الصفوف", "number", number)])


def shares_table(figures: pd.DataFrame, ids: Sequence[str]) -> Table:
    """Each figure and its share of their sum, in percent."""
    rows = figures.loc[list(ids)]
    total = rows["value"].sum()
    frame = pd.DataFrame({"id": rows["id"], "label": [Bilingual(labels.figure_label(i).en, labels.figure_label(i).ar)
                                                      for i in rows["id"]],
                          "value": rows["value"], "share": rows["value"] / total * 100})
    return Table.from_frame(frame, [Column("id", "Figure id", "معرّف الرقم", "code"),
                                    Column("label", "What is counted", "ما يُعدّ", "bilingual"),
                                    Column("value", "Value", "القيمة", "number", number),
                                    Column("share", "Share of the sum", "النسبة من المجموع", "number", percent)])


def series_table(series: pd.DataFrame, metrics: Sequence[str] | None = None) -> Table:
    """Rows of series.csv: value and qualifier, period, edition and city, what it rests on, mapping, sources."""
    rows = series if metrics is None else series[series["metric"].isin(list(metrics))]
    frame = pd.DataFrame({
        "metric": _bilingual_columns(rows, "metric_en", "metric_ar"), "year": rows["year"].astype(str),
        "value": rows["value"], "qualifier": rows["qualifier"], "period": rows["period"],
        "edition": rows["edition"], "city": [Bilingual(e, a) if e else "" for e, a in zip(rows["city_en"],
                                                                                          rows["city_ar"])],
        "check": rows["check"], "mapping": rows["mapping"],
        "sources": [Bilingual(" | ".join(dict.fromkeys(c.en if isinstance(c, Bilingual) else c for c in cells)),
                              " | ".join(dict.fromkeys(c.ar if isinstance(c, Bilingual) else c for c in cells)))
                    for cells in ([source_name(s) for s in sources.split(" | ")] for sources in rows["sources"])],
        "note": rows["note"],
    })
    return Table.from_frame(frame, [
        Column("metric", "What is counted", "ما يُعدّ", "bilingual", wide=True),
        Column("year", "Year", "السنة", "number"),
        Column("value", "Value", "القيمة", "number", number),
        Column("qualifier", "Qualifier", "الصيغة", "bilingual", words("series", "qualifier", blank=("exact",))),
        Column("period", "Period", "الفترة", "bilingual", period),
        Column("edition", "Edition", "الدورة", "number"),
        Column("city", "City", "المدينة", "bilingual"),
        Column("check", "Rests on", "السند", "bilingual", words("series", "check")),
        Column("mapping", "Mapping", "المطابقة", "bilingual", words("series", "mapping")),
        Column("sources", "Sources", "المصادر", "bilingual"),
        Column("note", "Note (English)", "ملاحظة (بالإنجليزية)", "english", wide=True),
    ])


def uncertainty_table(table: pd.DataFrame) -> Table:
    """helpers.series.uncertainty: per metric, how many values rest on what."""
    def metric_name(metric):
        if metric == "total":
            return Bilingual("Total", "المجموع")
        label = labels.metric_label(metric)
        return Bilingual(label.en, label.ar)

    frame = table.assign(name=[metric_name(m) for m in table["metric"]])
    columns = [Column("name", "Metric", "المؤشر", "bilingual"),
               Column("values", "Values", "القيم", "number", number),
               Column("this_report", "In this report", "في هذا التقرير", "number", number),
               Column("two_sources", "Two agreeing reports", "تقريران متفقان", "number", number),
               Column("one_source", "One other report only", "تقرير آخر واحد فقط", "number", number),
               Column("disagree", "Sources disagree", "مصادر متعارضة", "number", number),
               Column("inferred", "Mapping inferred", "مطابقة مستنتجة", "number", number)]
    return Table.from_frame(frame, columns)


def accounting_table(books: pd.DataFrame) -> Table:
    """helpers.series.accounting: each year's published total against the sum of its kinds."""
    frame = books.assign(
        year=books["year"].astype(str),
        total=[qualified_number(v, q, "series") for v, q in zip(books["published_total"], books["total_qualifier"])],
        definition=[Bilingual(*DEFINITIONS[d]) for d in books["definition"]],
        flags=[Bilingual(", ".join(f for f, on in (("one source", s), ("mapping inferred", i)) if on),
                         "، ".join(f for f, on in (("مصدر واحد", s), ("مطابقة مستنتجة", i)) if on))
               for s, i in zip(books["single_source"], books["inferred"])])
    return Table.from_frame(frame, [
        Column("year", "Year", "السنة", "number"),
        Column("total", "Published total", "المجموع المعلن", "number"),
        Column("kinds", "Three kinds", "الأنواع الثلاثة", "number", number),
        Column("denials", "Denials", "التكذيبات", "number", number),
        Column("kinds_plus_denials", "Kinds + denials", "الأنواع + التكذيبات", "number", number),
        Column("definition", "What the total counts", "ما يشمله المجموع", "bilingual"),
        Column("flags", "Rests on", "السند", "bilingual"),
    ])


def changes_table(changes: pd.DataFrame) -> Table:
    """helpers.series.total_changes: year-on-year change of the total under each definition, with bounds."""
    def q(value, qualifier, fmt=number):
        return wording.qualified(fmt(value), qualifier, "en", "checks", "recomputed_qualifier") \
            if qualifier in ("at_least", "at_most", "about") else fmt(value)

    frame = changes.assign(
        years=[f"{a}-{b}" for a, b in zip(changes["from"], changes["to"])],
        definition_words=[Bilingual(*DEFINITIONS[d]) for d in changes["definition"]],
        comparable_words=[Bilingual("yes", "نعم") if c else Bilingual("no: the definition changed", "لا: تغير التعريف")
                          for c in changes["comparable"]],
        before_text=[qualified_number(v, q_, "series") for v, q_ in zip(changes["before"], changes["before_qualifier"])],
        after_text=[qualified_number(v, q_, "series") for v, q_ in zip(changes["after"], changes["after_qualifier"])],
        change_text=[q(v, q_) for v, q_ in zip(changes["change"], changes["change_qualifier"])],
        percent_text=[q(v, q_, percent) for v, q_ in zip(changes["change_%"], changes["change_qualifier"])],
    )
    return Table.from_frame(frame, [
        Column("years", "Years", "السنتان", "number"),
        Column("definition_words", "Totals compared", "المجاميع المقارنة", "bilingual"),
        Column("comparable_words", "Comparable", "قابلة للمقارنة", "bilingual"),
        Column("before_text", "Before", "قبل", "number"),
        Column("after_text", "After", "بعد", "number"),
        Column("change_text", "Change", "التغير", "number"),
        Column("percent_text", "Change, %", "التغير، %", "number"),
    ])


def key_value_table(items: Sequence[tuple[str, str, Cell]], value_kind: str = "text") -> Table:
    """(English label, Arabic label, value) rows: provenance, a source's metadata."""
    frame = pd.DataFrame({"label": [Bilingual(en, ar) for en, ar, _ in items], "value": [v for _, _, v in items]})
    return Table.from_frame(frame, [Column("label", "Field", "الحقل", "bilingual"),
                                    Column("value", "Value", "القيمة", value_kind, wide=True)])


def exclusions_table(exclusions: pd.DataFrame) -> Table:
    """Every number of the report that is not a figure: where, what, why (the reasons are curated in English)."""
    frame = exclusions.assign(offsets=[f"{s}-{e}" for s, e in zip(exclusions["start"], exclusions["end"])])
    return Table.from_frame(frame, [
        Column("offsets", "Characters", "الموضع في النص", "number"),
        Column("text", "As written", "كما كُتب", "arabic"),
        Column("value", "Value", "القيمة", "number", number),
        Column("kind", "Kind", "النوع", "bilingual", words("exclusions", "kind")),
        Column("reason", "Reason (English)", "السبب (بالإنجليزية)", "english", wide=True),
    ])


def provenance_table(path) -> Table:
    """A raw file's provenance (data/raw/sources.json) and its checksum recorded beside the one it has now."""
    from .source import sha256, sources

    meta = sources()[path.name]
    rows = [("Title", "العنوان", meta.get("title")), ("Title in English", "العنوان بالإنجليزية", meta.get("title_en")),
            ("Publisher", "الناشر", meta.get("publisher")), ("Figures by", "مصدر الأرقام", meta.get("author_of_figures")),
            ("Published", "تاريخ النشر", period(meta["published"]) if meta.get("published") else ""),
            ("Web address", "الرابط", meta.get("url") or meta.get("url_note")),
            ("SHA-256 recorded", "البصمة المسجلة", meta["sha256"]),
            ("SHA-256 of the file now", "بصمة الملف الآن", sha256(path))]
    return key_value_table([(en, ar, value or "") for en, ar, value in rows])
