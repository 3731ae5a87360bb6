"""The table engine: tables the notebooks show, styled once for JupyterLab and for the HTML site.

Every value is formatted once, as a reader expects it: grouped numbers (6,862), percentages with "%", dates as
"17-21 May 2025", allowed values (statuses, qualifiers) in words of both languages, empty cells empty, no text cut
short. Headers are words in both languages, not column names.

A ``Table`` renders as HTML and as plain text. The HTML carries its layout in inline ``style`` and ``dir``
attributes (numbers left to right, Arabic right to left, the rest by its first letter) and no ids, so the same
table always gives the same bytes: nbval compares them, and JupyterLab keeps inline styles even in an untrusted
notebook. Written by hand rather than with pandas' Styler because the Styler keeps its styling in a ``<style>``
block keyed by a table id (dropped by JupyterLab's sanitizer for untrusted outputs) and its text/plain repr is an
object address, which changes on every run.

    >>> Table.from_frame(frame, [Column("value", "القيمة", "Value", "number")])   # any table, one style

Columns come in the order a reader needs them, whatever their order in the definition: the **key** columns first
(what is counted, the values, the status: ``role="key"``), then the others, then the ids and locators
(``role="aside"``, the default of a ``code`` column), so that a narrow screen opens on what matters and the site
can fix the first column while the rest scrolls. Each header says its role (``data-role``) for the site and its
tests. A column can link each cell to an address held in another column of the frame (``link="url"``): an
outlet's name opens the page it printed.

The tables of the article (figures, checks, the series) are in helpers.presentation.article_tables, those of the
whole report in helpers.presentation.report_tables; both are made with this engine.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.language import labels, wording
from helpers.language.bidi import check_pair, first_strong_direction
from helpers.language.labels import Bilingual

Cell = str | Bilingual

# How a column is laid out: (HTML direction, text alignment, extra CSS).
KINDS = {
    "text": ("auto", "start", ""),
    "english": ("ltr", "left", ""),
    "arabic": ("rtl", "right", ""),
    "number": ("ltr", "right", "white-space:nowrap;font-variant-numeric:tabular-nums;"),
    # a number with its qualifier and unit in words ("more than 1,699 kg ¹"): it may wrap between its words, so
    # that six report years side by side fit the text column
    "value": ("ltr", "right", "font-variant-numeric:tabular-nums;"),
    "code": ("ltr", "left", "font-family:var(--jp-code-font-family,monospace);font-size:0.9em;"
                            "overflow-wrap:anywhere;min-width:8em;"),
    "bilingual": ("auto", "start", ""),
}
ROLES = ("key", "", "aside")  # the order columns are laid out in
WIDE_EM = 16  # the room a column of long text gets (Column.wide=True); a number of em asks for more or less
TABLE_STYLE = ("border-collapse:collapse;table-layout:auto;margin:0.5em 0;margin-left:0;margin-right:auto;"
               "font-size:0.92em;line-height:1.45;")
TH_STYLE = "padding:0.35em 0.6em;border-bottom:1.5px solid #888;vertical-align:bottom;font-weight:600;"
TD_STYLE = "padding:0.35em 0.6em;border-bottom:1px solid #ddd;vertical-align:top;"
BILINGUAL_EM = 7  # the least room a cell in both languages gets, so that a status is not squeezed to a word a line


@dataclass(frozen=True)
class Column:
    """One column: the key of the source frame, the header in both languages, its kind (a key of KINDS), a
    formatter from the raw value to the cell (default: the value as text, empty when missing) and whether its
    text is long: ``wide=True`` gives it room to wrap (WIDE_EM), a number gives that many em."""

    key: str
    ar: str
    en: str
    kind: str = "text"
    format: Callable[[object], Cell] | None = None
    wide: bool | float = False
    role: str | None = None  # "key", "" or "aside"; None: "aside" for a code column (ids), else ""
    link: str | None = None  # the frame's column holding each cell's address (http, https or a relative link)

    def __post_init__(self):
        check_pair(self.ar, self.en, f"the header of column {self.key!r}")
        if self.role not in ROLES + (None,):
            raise ValueError(f"column {self.key!r}: unknown role {self.role!r} (known: {', '.join(map(repr, ROLES))})")

    @property
    def placed(self) -> str:
        """The role the column is laid out with."""
        return self.role if self.role is not None else ("aside" if self.kind == "code" else "")


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


def percent(value, decimals: int = 1, signed: bool = False) -> str:
    """28.8 -> "28.8%"; −27.5 -> "−27.5%" (with *signed*, 28.8 -> "+28.8%"); empty when missing."""
    return "" if missing(value) else wording.percent(float(value), "en", decimals, signed=signed)


def period(value) -> Cell:
    """"2025-05-17/2025-05-21" -> Arabic "17-21 ماي 2025" above English "17-21 May 2025"."""
    if missing(value):
        return ""
    en, ar = wording.period(str(value), "en"), wording.period(str(value), "ar")
    return en if en == ar else Bilingual(ar, en)


def words(resource: str, field: str, blank: Sequence[str] = ()) -> Callable[[object], Cell]:
    """A formatter: an allowed value of ``resource.field`` in words of both languages (empty for *blank*)."""
    def format_(value) -> Cell:
        if missing(value) or value in blank:
            return ""
        label = labels.value_label(resource, field, str(value))
        return Bilingual(label.label_ar, label.label_en)
    return format_


def _address(value) -> str:
    """A link's address from the data: an http(s) URL or a relative link; anything else (empty, a script) none."""
    if missing(value):
        return ""
    text = str(value).strip()
    return text if text.startswith(("https://", "http://", "#")) or not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) \
        else ""


def qualified_number(value, qualifier, resource="figures", field="qualifier", decimals=0) -> str:
    """The number with its qualifier in English words ("about 2,400,000"); the qualifier column has both."""
    if missing(value):
        return ""
    return wording.qualified(number(value, decimals), None if missing(qualifier) else qualifier, "en", resource, field)


class Table:
    """Formatted cells with bilingual headers; displays as HTML (``_repr_html_``) and plain text (``repr``)."""

    def __init__(self, headers: Sequence[Bilingual], rows: Sequence[Sequence[Cell]], kinds: Sequence[str],
                 wide: Sequence[bool | float] | None = None, roles: Sequence[str] | None = None,
                 links: Sequence[Sequence[str]] | None = None):
        self.headers, self.rows, self.kinds = list(headers), [list(r) for r in rows], list(kinds)
        self.wide = list(wide) if wide is not None else [False] * len(self.headers)
        self.roles = list(roles) if roles is not None else [""] * len(self.headers)
        self.links = [list(r) for r in links] if links is not None else [[""] * len(self.headers) for _ in self.rows]
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown column kind {unknown[0]!r} (known: {', '.join(KINDS)})")
        if any(len(r) != len(self.headers) for r in self.rows + self.links) or len(self.kinds) != len(self.headers) \
                or len(self.links) != len(self.rows):
            raise ValueError("every row needs one cell per header")
        if "key" not in self.roles:  # the first column that is not an id is what the table is about
            first = next((i for i, r in enumerate(self.roles) if r != "aside"), None)
            if first is not None:
                self.roles[first] = "key"

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, columns: Sequence[Column]) -> Table:
        """Format *frame*'s columns as *columns* say (the index is ignored: make it a column to show it), laid
        out key columns first, ids and locators last (see the module docstring)."""
        columns = sorted(columns, key=lambda c: ROLES.index(c.placed))  # stable: the given order inside a role
        rows, links = [], []
        for record in frame.to_dict("records"):
            rows.append([as_text((c.format or as_text)(record[c.key])) for c in columns])
            links.append([_address(record[c.link]) if c.link else "" for c in columns])
        return cls([Bilingual(c.ar, c.en) for c in columns], rows, [c.kind for c in columns],
                   [c.wide for c in columns], [c.placed for c in columns], links)

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
    def _html_cell(cell: Cell, kind: str, tag: str, wide: bool, role: str = "", link: str = "") -> str:
        direction, align, extra = KINDS[kind]
        room = WIDE_EM if wide is True else wide
        if not room and kind == "bilingual" and tag == "td":
            room = BILINGUAL_EM
        style = (TH_STYLE if tag == "th" else TD_STYLE) + extra + \
            (f"min-width:{room}em;max-width:{max(room, 34)}em;" if room and tag == "td" else "")
        marks = f' data-role="{role}"' if role and tag == "th" else ""

        def text(words: str) -> str:
            escaped = html.escape(words)
            return f'<a href="{html.escape(link)}">{escaped}</a>' if link and escaped else escaped

        if isinstance(cell, Bilingual):
            parts = []
            if cell.ar:
                parts.append(f'<div dir="rtl" lang="ar" style="text-align:right">{text(cell.ar)}</div>')
            if cell.en:
                parts.append(f'<div dir="ltr" lang="en" style="text-align:left">{text(cell.en)}</div>')
            return f'<{tag} dir="auto"{marks} style="{style}">{"".join(parts)}</{tag}>'
        # a cell of free text (an outlet's words) is marked Arabic when it begins in Arabic, for the site and readers
        starts_arabic = kind == "text" and first_strong_direction(cell) == "rtl"
        lang = ' lang="ar"' if kind == "arabic" or starts_arabic else ""
        return f'<{tag} dir="{direction}"{lang}{marks} style="{style}text-align:{align}">{text(cell)}</{tag}>'

    def _repr_html_(self) -> str:
        head = "".join(self._html_cell(h, "bilingual", "th", False, r) for h, r in zip(self.headers, self.roles))
        body = "\n".join("<tr>" + "".join(self._html_cell(c, k, "td", w, link=a) for c, k, w, a in
                                          zip(row, self.kinds, self.wide, links)) + "</tr>"
                         for row, links in zip(self.rows, self.links))
        return (f'<table class="helpers-table" style="{TABLE_STYLE}">\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n{body}\n</tbody>\n</table>")

    def __repr__(self) -> str:
        if not self.rows:
            return " | ".join(h.text() for h in self.headers) + "\n(no rows)"
        return self.to_frame().to_string(index=False, max_colwidth=None)
