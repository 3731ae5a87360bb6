"""The chart style of every notebook: one theme, a colour-blind-safe palette, Arabic first.

Every chart function takes Arabic labels as logical strings (as stored in the data; they
are prepared here), optional English labels shown below them, and returns a
``matplotlib.figure.Figure`` (not managed by pyplot: a notebook shows it once, as the
cell's value). Layout reads right to left: category labels stand on the right, bars grow
leftwards from them, the y axis of time charts is on the right; years still run left
to right, as in the Arabic press. ``save`` writes PNG/SVG/PDF byte-for-byte reproducibly.

Numbers on a chart are read by both audiences, so value labels and ticks group digits with a no-break space
("2 400 000", ``helpers.language.formats.neutral_number``); Arabic lines of text use the Moroccan press form ("2.400.000"),
English lines the English one ("2,400,000"). Every chart function also writes a description of what it shows,
with its values, in both languages (``fig.alt_text``); ``show`` saves the chart once per format and returns the
saved PNG for the notebook to display, with that description as its alt text.

A value that no source publishes is drawn as "×" on the baseline ("not published"), never as a zero bar; a
value that rests on one source only is hatched (bars) or hollow (lines); a value whose mapping to the series is
an inference has a dashed outline.
"""
from __future__ import annotations

import io
import math
import os
import re
import struct
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Number
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from helpers.datapackage.files import write_if_changed
from helpers.language import wording
from helpers.language.bidi import LRM, check_pair
from helpers.language.formats import QUALIFIER_MARKS, format_percent, neutral_number, with_qualifier
from helpers.language.labels import value_label
from helpers.paths import CHARTS
from helpers.presentation import chart_text
from helpers.presentation.chart_text import SAVE_RC, bilingual, prepare

FORMATS_ENV = "HELPERS_CHART_FORMATS"  # e.g. "png" or "png,svg"; see chart_formats()

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
# vision deficiency. Ordered for charts: strong colours first, yellow (weak on white) late.
MAX_HEIGHT_IN = 12.5  # the tallest a saved chart may be (2,500 px at 200 dpi); a taller one is drawn in pages
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MUTED = "#9C9C9C"    # the reference value (published total, earlier year)
TEXT = "#222222"
SUBTLE = "#595959"   # notes, English lines, annotations

STYLE = {
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "font.size": 10,
    "text.color": TEXT,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.edgecolor": "#BBBBBB",
    "axes.labelcolor": TEXT,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.left": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.8,
    "xtick.color": SUBTLE,
    "ytick.color": SUBTLE,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "legend.frameon": False,
    "hatch.linewidth": 1.0,
    "savefig.dpi": 200,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
}

# File metadata without dates or version strings: the same chart gives the same bytes.
# The tallest figure size that saves within MAX_HEIGHT_IN: the tight bounding box adds its padding above and below.
MAX_FIGURE_HEIGHT_IN = MAX_HEIGHT_IN - 2 * STYLE["savefig.pad_inches"]

METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

Formatter = Callable[[float], str]

# Words for what the marks on a chart mean, in legends and in the charts' descriptions.
NOT_PUBLISHED = ("لم يُنشر", "not published")
SINGLE_SOURCE = ("غير مؤكد", "unconfirmed")
INFERRED = ("مطابقة مستنتجة", "mapping inferred")
EARLIER_DEFINITION = ("تعريف سابق لما يعدّ", "counted under an earlier definition")
UNSETTLED = ("المنابر متعارضة، بلا قيمة معتمدة", "outlets conflict, no value chosen")


@dataclass(frozen=True)
class AltText:
    """What a chart shows, in words, in both languages: for screen readers and for anyone the image fails."""

    ar: str
    en: str

    def __post_init__(self):
        check_pair(self.ar, self.en, "a chart's alt text")

    def __str__(self) -> str:
        return f"{self.ar}\n{self.en}"


def _value_words(value: float | None, qualifier: str | None, lang: str, single: bool = False,
                 inferred: bool = False) -> str:
    """A value as a sentence says it: "about 2,400,000" (en), "حوالي 2.400.000" (ar), flags in brackets."""
    i = 0 if lang == "ar" else 1
    if value is None:
        return NOT_PUBLISHED[i]
    text = wording.number(value, lang, decimals=0 if float(value).is_integer() else 1)
    q = qualifier or "exact"
    text = wording.qualified(text, q, lang, *(("checks", "recomputed_qualifier") if q in ("at_least", "at_most")
                                              else ("figures", "qualifier")))
    flags = [f[i] for f, on in ((SINGLE_SOURCE, single), (INFERRED, inferred)) if on]
    return text + (f" ({'، '.join(flags) if lang == 'ar' else ', '.join(flags)})" if flags else "")


def describe(fig: Figure, kind: tuple[str, str], title_ar: str | None, title_en: str | None,
              items_ar: Sequence[str], items_en: Sequence[str], source: str | None = None,
              source_en: str | None = None) -> None:
    """Attach ``fig.alt_text``: the kind of chart, its title, every value it shows, its source."""
    def one(kind_text, title, items, src, sep, stop):
        parts = [kind_text + (f": {title}" if title else "")] + [sep.join(items)] + ([src] if src else [])
        return stop.join(p for p in parts if p) + stop.strip()

    fig.alt_text = AltText(
        ar=one(kind[0], title_ar, items_ar, source, "؛ ", ". "),
        en=one(kind[1], title_en or title_ar, items_en, source_en, "; ", ". "),
    )


def _year_items(name_ar: str, name_en: str, years, values, qualifiers=None, singles=None, inferred=None,
                years_en=None, earlier=None):
    years_en = years if years_en is None else years_en
    qualifiers = qualifiers or [None] * len(values)
    singles, inferred = singles or [False] * len(values), inferred or [False] * len(values)
    earlier = earlier or [False] * len(values)
    old = {"ar": f" ({EARLIER_DEFINITION[0]})", "en": f" ({EARLIER_DEFINITION[1]})"}
    ar = f"{name_ar}: " + "، ".join(f"{y} {_value_words(v, q, 'ar', s, i)}{old['ar'] if e and v is not None else ''}"
                                    for y, v, q, s, i, e in zip(years, values, qualifiers, singles, inferred, earlier))
    en = f"{name_en}: " + ", ".join(f"{y} {_value_words(v, q, 'en', s, i)}{old['en'] if e and v is not None else ''}"
                                    for y, v, q, s, i, e in zip(years_en, values, qualifiers, singles, inferred,
                                                                earlier))
    return ar, en


def use_style() -> None:
    """Register the Arabic font and apply the project's chart theme to rcParams."""
    chart_text.setup()
    matplotlib.rcParams.update(STYLE)


TITLE_CHARS_PER_INCH = 11  # what a line of the bold 13-pt title holds, in either language


def title_lines(text: str, width_inches: float) -> str:
    """``text`` as it fits a figure ``width_inches`` wide: unchanged when one line holds it, else in as few lines
    of about equal length as fit (a title wider than its figure would widen the figure beyond its charts)."""
    most = int(width_inches * TITLE_CHARS_PER_INCH)
    if len(text) <= most:
        return text
    lines = math.ceil(len(text) / most)
    width = math.ceil(len(text) / lines)
    while len(textwrap.wrap(text, width)) > lines and width < most:
        width += 1
    return "\n".join(textwrap.wrap(text, width))


def suptitle(fig: Figure, title_ar: str, title_en: str | None = None):
    """The bilingual title at the top right of ``fig``, each language in lines that fit its width."""
    width = fig.get_figwidth()
    return fig.suptitle(bilingual(title_lines(title_ar, width), title_en and title_lines(title_en, width)),
                        x=0.99, ha="right", multialignment="right")


def new_figure(title_ar: str | None = None, title_en: str | None = None, *,
               figsize: tuple[float, float] = (8, 4.5)) -> tuple[Figure, object]:
    """A styled figure with one axes and the (bilingual) title at the top right."""
    use_style()
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    if title_ar:
        suptitle(fig, title_ar, title_en)
    return fig, ax


def marks_legend(qualifiers: Iterable[str | None]) -> tuple[str, str]:
    """The qualifier marks a chart uses, explained in words: ("≈ حوالي، + أكثر من", "≈ about, + more than")."""
    used = [q for q in QUALIFIER_MARKS if q in set(qualifiers) and any(QUALIFIER_MARKS[q])]
    words = []
    for q in used:
        label = value_label(*(("checks", "recomputed_qualifier") if q in ("at_least", "at_most")
                              else ("figures", "qualifier")), q)
        mark = "".join(QUALIFIER_MARKS[q])
        # LRM on both sides: the mark keeps its left-to-right form in the Arabic line (≥ is mirrored in RTL)
        words.append((f"{LRM}{mark}{LRM} {label.label_ar}", f"{mark} {label.label_en}"))
    return "، ".join(w[0] for w in words), ", ".join(w[1] for w in words)


def finish(fig: Figure, source: str | None, source_en: str | None, qualifiers: Iterable[str | None] = ()) -> Figure:
    """The source line at the bottom, with a line explaining the qualifier marks in use (≈, +, ≥, ≤)."""
    marks_ar, marks_en = marks_legend(qualifiers)
    if source:
        note_ar = "\n".join(x for x in (f"المصدر: {source}", marks_ar) if x)
        note_en = "\n".join(x for x in (source_en or "", marks_en) if x) or None
        chart_text.source_note(fig, note_ar, en=note_en)
    elif marks_ar:
        fig.supxlabel(bilingual(marks_ar, marks_en), x=0.99, ha="right", fontsize=8, color="0.35",
                      multialignment="right")
    return fig


def _as_list(values) -> list:
    return [values] if isinstance(values, (str, Number)) else list(values)


def _rows_height(n: int, bilingual_labels: bool) -> float:
    return 1.6 + n * (0.62 if bilingual_labels else 0.45)


def _right_to_left_categories(ax, n: int, labels_ar, labels_en) -> None:
    """Categories top to bottom, labelled on the right; values grow leftwards."""
    chart_text.set_ticklabels(ax, labels_ar, labels_en, axis="y", positions=range(n))
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.set_visible(False)
    for side in ("top", "bottom", "left"):
        ax.spines[side].set_visible(False)


def barh(labels_ar: Sequence[str], values: Sequence[float], labels_en: Sequence[str] | None = None,
         qualifiers: Sequence[str | None] | None = None, *, title_ar: str | None = None,
         title_en: str | None = None, source: str | None = None, source_en: str | None = None,
         color: str = PALETTE[0], value_format: Formatter = neutral_number,
         figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars, one per category, with the value (and its qualifier mark) at the end."""
    labels_ar, values = _as_list(labels_ar), [float(v) for v in _as_list(values)]
    n = len(values)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, _rows_height(n, labels_en is not None)))
    bars = ax.barh(range(n), values, height=0.62, color=color)
    _right_to_left_categories(ax, n, labels_ar, labels_en)
    ax.set_xlim(max(values + [0]) * 1.2 or 1, 0)  # before the labels: bar_label reads it
    chart_text.annotate_bars(ax, bars, values, qualifiers, fmt=value_format, color=TEXT)
    quals = list(qualifiers) if qualifiers is not None else [None] * n
    english = list(labels_en) if labels_en is not None else labels_ar
    describe(fig, ("رسم بأعمدة أفقية", "Horizontal bar chart"), title_ar, title_en,
              [f"{a}: {_value_words(v, q, 'ar')}" for a, v, q in zip(labels_ar, values, quals)],
              [f"{e}: {_value_words(v, q, 'en')}" for e, v, q in zip(english, values, quals)], source, source_en)
    return finish(fig, source, source_en, quals)


def _change_text(before: float, after: float, change: str, value_format: Formatter) -> str:
    """The change from *before* to *after*: "+12,5%" (percent) or "−1 200" (difference)."""
    if change == "percent" and before:
        return format_percent((after - before) / abs(before) * 100, signed=True, lang="neutral")
    difference = after - before
    if difference == 0:
        return "0"
    return LRM + ("+" if difference > 0 else "\u2212") + value_format(abs(difference))


def compare_bars(labels_ar: Sequence[str] | str, before: Sequence[float] | float,
                 after: Sequence[float] | float, *, before_label: str = "2024", after_label: str = "2025",
                 labels_en: Sequence[str] | None = None, before_label_en: str | None = None,
                 after_label_en: str | None = None, change: str = "percent",
                 title_ar: str | None = None, title_en: str | None = None, source: str | None = None,
                 source_en: str | None = None, value_format: Formatter = neutral_number,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Two values per category side by side (2024 vs 2025, published vs recomputed).

    The change is written after the second value: in percent (``change="percent"``) or as a
    signed difference (``change="difference"``, e.g. for published vs recomputed).
    """
    labels_ar, before, after = _as_list(labels_ar), _as_list(before), _as_list(after)
    labels_en = None if labels_en is None else _as_list(labels_en)
    n = len(labels_ar)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 1.9 + n * 0.95))
    width = 0.36
    first = ax.barh([i - width / 2 for i in range(n)], before, height=width, color=MUTED)
    second = ax.barh([i + width / 2 for i in range(n)], after, height=width, color=PALETTE[0])
    _right_to_left_categories(ax, n, labels_ar, labels_en)
    ax.set_xlim(max([*before, *after, 0]) * 1.45 or 1, 0)
    chart_text.annotate_bars(ax, first, before, fmt=value_format, color=SUBTLE, fontsize=9)
    changes = [_change_text(b, a, change, value_format) for b, a in zip(before, after)]
    chart_text.annotate_bars(ax, second, labels=[f"{value_format(a)}   ({c})" for a, c in zip(after, changes)],
                              color=TEXT, fontsize=9)
    english = None if before_label_en is None and after_label_en is None else [before_label_en or "", after_label_en or ""]
    legend_above(ax, [before_label, after_label], english, [first, second])
    names_en = labels_en or labels_ar
    b_en, a_en = before_label_en or before_label, after_label_en or after_label
    describe(fig, ("أعمدة متقابلة", "Paired bars"), title_ar, title_en,
              [f"{name}: {before_label} {_value_words(b, None, 'ar')}، {after_label} {_value_words(a, None, 'ar')}"
               for name, b, a in zip(labels_ar, before, after)],
              [f"{name}: {b_en} {_value_words(b, None, 'en')}, {a_en} {_value_words(a, None, 'en')}"
               for name, b, a in zip(names_en, before, after)], source, source_en)
    return finish(fig, source, source_en)


def _text_colour_on(colour: str) -> str:
    r, g, b = matplotlib.colors.to_rgb(colour)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else TEXT


def stacked_parts(parts_labels: Sequence[str], parts_values: Sequence[float], total_label: str,
                  total_value: float, *, parts_en: Sequence[str] | None = None,
                  total_en: str | None = None, sum_label: str = "مجموع الأجزاء",
                  sum_en: str | None = None, total_qualifier: str | None = None,
                  title_ar: str | None = None, title_en: str | None = None,
                  source: str | None = None, source_en: str | None = None,
                  value_format: Formatter = neutral_number,
                  figsize: tuple[float, float] | None = None) -> Figure:
    """The parts of a total stacked in one bar, under the published total's bar.

    Shows whether the parts add up: the sum bar is annotated with its difference to the total.
    """
    parts_labels, parts_values = _as_list(parts_labels), [float(v) for v in _as_list(parts_values)]
    if (parts_en is not None or total_en) and sum_en is None:
        sum_en = "Sum of the parts"
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 3.4))
    total = ax.barh([0], [total_value], height=0.55, color=MUTED)
    left = 0.0
    handles = []
    for i, (label, value) in enumerate(zip(parts_labels, parts_values)):
        colour = PALETTE[i % len(PALETTE)]
        segment = ax.barh([1], [value], left=[left], height=0.55, color=colour, edgecolor="white",
                          linewidth=0.8)
        handles.append(segment)
        if value >= 0.09 * max(total_value, sum(parts_values)):
            ax.bar_label(segment, labels=[value_format(value)], label_type="center",
                         color=_text_colour_on(colour), fontsize=9)
        left += value
    _right_to_left_categories(ax, 2, [total_label, sum_label],
                              None if total_en is None and sum_en is None else [total_en or "", sum_en or ""])
    ax.set_xlim(max(total_value, left) * 1.5 or 1, 0)
    chart_text.annotate_bars(ax, total, [total_value], [total_qualifier], fmt=value_format, color=TEXT)
    difference = _change_text(total_value, left, "difference", value_format)
    ax.annotate(prepare(f"{value_format(left)}   (الفرق: {difference})"), xy=(left, 1), xytext=(-3, 0),
                textcoords="offset points", ha="right", va="center", color=TEXT)
    chart_text.legend(ax, parts_labels, parts_en, handles=handles, loc="upper right",
                       bbox_to_anchor=(1.0, 0.0), ncols=len(handles))
    names_en = list(parts_en) if parts_en is not None else parts_labels
    describe(fig, ("عمود الأجزاء مقابل المجموع", "Stacked parts against a total"), title_ar, title_en,
              [f"{total_label}: {_value_words(total_value, total_qualifier, 'ar')}"] +
              [f"{a}: {_value_words(v, None, 'ar')}" for a, v in zip(parts_labels, parts_values)] +
              [f"{sum_label}: {_value_words(left, None, 'ar')}"],
              [f"{total_en or total_label}: {_value_words(total_value, total_qualifier, 'en')}"] +
              [f"{e}: {_value_words(v, None, 'en')}" for e, v in zip(names_en, parts_values)] +
              [f"{sum_en or sum_label}: {_value_words(left, None, 'en')}"], source, source_en)
    return finish(fig, source, source_en, [total_qualifier])


def _uncertain_flags(years: Sequence, names: Iterable[str],
                     uncertain: Mapping[str, Iterable] | None) -> dict[str, list[bool]]:
    uncertain = uncertain or {}
    return {name: [year in set(uncertain.get(name, ())) for year in years] for name in names}


def legend_above(ax, labels_ar, labels_en, handles) -> None:
    """One row of legend entries above the axes, at the right, first entry rightmost."""
    chart_text.legend(ax, labels_ar, labels_en, handles=handles, loc="lower right",
                       bbox_to_anchor=(1.0, 1.01), ncols=len(handles), borderaxespad=0.2)


def _mark_handles(kind: str, single: bool, missing: bool, inferred: bool = False) -> tuple[list, list, list]:
    """Legend entries for the marks in use: unconfirmed (hollow or hatched), not published (×), inferred."""
    handles, ar, en = [], [], []
    if single:
        handles.append(Line2D([], [], color=SUBTLE, marker="o", markerfacecolor="white", markeredgewidth=1.8,
                              linestyle="none") if kind == "marker" else
                       Patch(facecolor="white", edgecolor=SUBTLE, hatch="///"))
        ar.append(SINGLE_SOURCE[0]), en.append(SINGLE_SOURCE[1])
    if inferred:
        handles.append(Patch(facecolor="white", edgecolor=TEXT, linestyle=(0, (3, 2)), linewidth=1.2))
        ar.append(INFERRED[0]), en.append(INFERRED[1])
    if missing:
        handles.append(Line2D([], [], color=SUBTLE, marker="x", markersize=7, markeredgewidth=1.6, linestyle="none"))
        ar.append(NOT_PUBLISHED[0]), en.append(NOT_PUBLISHED[1])
    return handles, ar, en


def _series_legend(ax, series: Mapping, labels_en: Mapping, handles: list, flags: Mapping,
                   kind: str, missing: bool = False) -> None:
    """Legend of the series, plus entries for the marks in use (unconfirmed, not published)."""
    labels_ar = list(series)
    english = [labels_en.get(name, "") for name in labels_ar] if labels_en else None
    extra, extra_ar, extra_en = _mark_handles(kind, any(any(f) for f in flags.values()), missing)
    legend_above(ax, labels_ar + extra_ar, None if english is None else english + extra_en, list(handles) + extra)


def _mark_missing(ax, xs, colour) -> None:
    """"×" on the baseline where no source publishes a value: a gap, never a zero."""
    if xs:
        ax.plot(xs, [0] * len(xs), linestyle="none", marker="x", markersize=7, markeredgewidth=1.6, color=colour,
                clip_on=False, zorder=4)


def _time_axes(ax, years: Sequence, value_format: Formatter) -> None:
    ax.set_xticks(list(years), [str(year) for year in years])
    ax.yaxis.tick_right()
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: value_format(v)))
    ax.grid(axis="y")
    ax.spines["right"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _series_alt(series: Mapping, labels_en: Mapping, years, flags, qualifiers=None,
                years_en=None) -> tuple[list, list]:
    items_ar, items_en = [], []
    for name, values in series.items():
        ar, en = _year_items(name, labels_en.get(name, name), years, list(values),
                             (qualifiers or {}).get(name), flags[name], years_en=years_en)
        items_ar.append(ar), items_en.append(en)
    return items_ar, items_en


def line_series(years: Sequence[int], series: Mapping[str, Sequence[float | None]], *,
                labels_en: Mapping[str, str] | None = None,
                uncertain: Mapping[str, Iterable[int]] | None = None,
                title_ar: str | None = None, title_en: str | None = None,
                source: str | None = None, source_en: str | None = None,
                value_format: Formatter = neutral_number,
                figsize: tuple[float, float] | None = None) -> Figure:
    """Values over years, one line per series (keys: Arabic names, values: one per year, None
    where no source publishes one: the line breaks there and "×" marks the gap). Points in
    *uncertain* ({name: years}) get a hollow marker and a "?"."""
    years = list(years)
    labels_en = labels_en or {}
    flags = _uncertain_flags(years, series, uncertain)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 4.6))
    lines, any_missing = [], False
    for i, (name, values) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        values = [float("nan") if v is None else float(v) for v in values]
        lines += ax.plot(years, values, color=colour, linewidth=2, marker="o", markersize=6)
        gaps = [x for x, y in zip(years, values) if y != y]
        _mark_missing(ax, gaps, colour)
        any_missing = any_missing or bool(gaps)
        doubtful = [(x, y) for x, y, flag in zip(years, values, flags[name]) if flag and y == y]
        if doubtful:
            xs, ys = zip(*doubtful)
            ax.plot(xs, ys, linestyle="none", marker="o", markersize=7, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.8, zorder=3)
            for x, y in doubtful:
                ax.annotate("?", (x, y), xytext=(0, 7), textcoords="offset points", ha="center",
                            color=colour, fontweight="bold")
    _time_axes(ax, years, value_format)
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.08)
    _series_legend(ax, series, labels_en, lines, flags, "marker", any_missing)
    describe(fig, ("رسم خطي حسب السنة", "Line chart by year"), title_ar, title_en,
              *_series_alt(series, labels_en, years, flags), source, source_en)
    return finish(fig, source, source_en)


def grouped_bars(years: Sequence[int], series: Mapping[str, Sequence[float | None]], *,
                 labels_en: Mapping[str, str] | None = None,
                 uncertain: Mapping[str, Iterable[int]] | None = None,
                 qualifiers: Mapping[str, Sequence[str | None]] | None = None,
                 show_values: bool = False, categories_ar: Sequence[str] | None = None,
                 categories_en: Sequence[str] | None = None,
                 title_ar: str | None = None, title_en: str | None = None,
                 source: str | None = None, source_en: str | None = None,
                 value_format: Formatter = neutral_number,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Bars grouped by year, one bar per category (the keys of *series*); uncertain bars
    ({name: years}) are hatched and light, with a "?" on top; a value no source publishes (None)
    is "×" on the baseline, not a bar. ``show_values`` writes each value (with its qualifier
    mark from *qualifiers*) on its bar. *categories_ar* / *categories_en* name the groups instead of
    the years (e.g. "Fes 2023" for an edition); *years* then only places them."""
    years = list(years)
    labels_en = labels_en or {}
    flags = _uncertain_flags(years, series, uncertain)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 4.6))
    width = 0.8 / max(1, len(series))
    containers, any_missing = [], False
    for i, (name, values) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        xs = [year - 0.4 + width * (i + 0.5) for year in years]
        heights = [0.0 if v is None else float(v) for v in values]
        bars = ax.bar(xs, heights, width=width * 0.92, color=colour)
        containers.append(bars)
        gaps = [x for x, v in zip(xs, values) if v is None]
        _mark_missing(ax, gaps, colour)
        any_missing = any_missing or bool(gaps)
        quals = list((qualifiers or {}).get(name) or [None] * len(years))
        for bar, flag, value, qualifier in zip(bars, flags[name], values, quals):
            if value is None:
                bar.set_visible(False)
                continue
            if flag:
                bar.set(facecolor=matplotlib.colors.to_rgba(colour, 0.35), edgecolor=colour, hatch="///")
            label = with_qualifier(value_format(value), qualifier) if show_values else ""
            mark = (label + (" ?" if flag else "")).strip()
            if mark:
                ax.annotate(prepare(mark), (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", color=colour if flag else TEXT,
                            fontweight="bold" if flag and not show_values else "normal",
                            fontsize=8.5 if show_values else None)
    _time_axes(ax, years, value_format)
    if categories_ar is not None:
        chart_text.set_ticklabels(ax, categories_ar, categories_en, axis="x", positions=years)
    ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.1)
    # Legend swatches in each series' plain colour: its first bar may be an uncertain (hatched) one.
    swatches = [Patch(facecolor=PALETTE[i % len(PALETTE)]) for i in range(len(containers))]
    _series_legend(ax, series, labels_en, swatches, flags, "hatch", any_missing)
    names_ar = years if categories_ar is None else list(categories_ar)
    names_en = names_ar if categories_en is None else list(categories_en)
    describe(fig, ("أعمدة حسب السنة", "Bar chart by year"), title_ar, title_en,
              *_series_alt(series, labels_en, names_ar, flags, qualifiers, names_en), source, source_en)
    return finish(fig, source, source_en, [q for qs in (qualifiers or {}).values() for q in qs] if show_values else ())


@dataclass(frozen=True)
class Panel:
    """One small chart of ``year_panels``: a quantity by year, in its own unit and on its own scale.

    ``values``: one per year, None where no source publishes one. ``qualifiers``, ``single_source`` and
    ``inferred``: per year, as in series.csv (helpers.build.series.yearly gives all four).
    """

    label_ar: str
    label_en: str
    values: Sequence[float | None]
    qualifiers: Sequence[str | None] | None = None
    single_source: Sequence[bool] | None = None
    inferred: Sequence[bool] | None = None
    earlier_definition: Sequence[bool] | None = None  # per year: counted under a definition the report changed
    unsettled: Sequence[bool] | None = None  # per year: stated, but the sources conflict and no value is chosen

    @classmethod
    def from_yearly(cls, label_ar: str, label_en: str, entries: Sequence[Mapping]) -> Panel:
        return cls(label_ar, label_en, [e["value"] for e in entries], [e["qualifier"] for e in entries],
                   [e.get("single_source", False) for e in entries], [e.get("inferred", False) for e in entries],
                   [e.get("earlier_definition", False) for e in entries], [e.get("unsettled", False) for e in entries])


def year_panels(years: Sequence[int], panels: Sequence[Panel], *, ncols: int = 2,
                title_ar: str | None = None, title_en: str | None = None,
                source: str | None = None, source_en: str | None = None,
                value_format: Formatter = neutral_number,
                figsize: tuple[float, float] | None = None) -> Figure:
    """Small charts side by side, one per quantity, each on its own scale: quantities of different units or
    sizes never share an axis, and a small one is not flattened beside a large one. Bars by year with their
    values; unconfirmed values hatched, inferred mappings with a dashed outline, "×" where nothing is published.
    The first panel stands at the top right."""
    years = list(years)
    nrows = -(-len(panels) // ncols)
    fig = Figure(figsize=figsize or (8.5, 0.9 + 2.55 * nrows), layout="constrained")
    use_style()
    if title_ar:
        suptitle(fig, title_ar, title_en)
    grid = fig.subfigures(1, 1)  # the panels and their legend, under the title and above the source line
    axes = grid.subplots(nrows, ncols, squeeze=False)
    used = {"single": False, "missing": False, "inferred": False, "earlier": False, "unsettled": False}
    items_ar, items_en = [], []
    for k, panel in enumerate(panels):
        row, col = divmod(k, ncols)
        ax = axes[row][ncols - 1 - col]  # right to left
        n = len(years)
        singles = list(panel.single_source or [False] * n)
        inferred = list(panel.inferred or [False] * n)
        quals = list(panel.qualifiers or [None] * n)
        earlier = list(panel.earlier_definition or [False] * n)
        heights = [0.0 if v is None else float(v) for v in panel.values]
        bars = ax.bar(years, heights, width=0.62, color=[MUTED if e else PALETTE[0] for e in earlier])
        for bar, value, single, guess, qualifier, old in zip(bars, panel.values, singles, inferred, quals, earlier):
            if value is None:
                bar.set_visible(False)
                continue
            colour = MUTED if old else PALETTE[0]
            if single:
                bar.set(facecolor=matplotlib.colors.to_rgba(colour, 0.3), edgecolor=colour, hatch="///")
            if guess:
                bar.set(edgecolor=TEXT, linestyle=(0, (3, 2)), linewidth=1.2)
            ax.annotate(prepare(with_qualifier(value_format(value), qualifier)),
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8, color=TEXT)
        unsettled = list(panel.unsettled or [False] * n)
        gaps = [y for y, v, u in zip(years, panel.values, unsettled) if v is None and not u]
        open_conflicts = [y for y, v, u in zip(years, panel.values, unsettled) if v is None and u]
        _mark_missing(ax, gaps, SUBTLE)
        for year in open_conflicts:  # "?" on the baseline: stated, but the outlets conflict and no value is chosen
            ax.annotate("?", (year, 0), ha="center", va="bottom", fontsize=11, fontweight="bold", color=PALETTE[3])
        used["unsettled"] |= bool(open_conflicts)
        changed = [y for y, a, b in zip(years[1:], earlier[:-1], earlier[1:]) if a and not b]
        for year in changed:  # where the report starts counting under the new definition
            ax.axvline(year - 0.5, color=TEXT, linestyle=(0, (2, 2)), linewidth=1)
        used["earlier"] |= any(old for old, v in zip(earlier, panel.values) if v is not None)
        used["single"] |= any(s for s, v in zip(singles, panel.values) if v is not None)
        used["inferred"] |= any(g for g, v in zip(inferred, panel.values) if v is not None)
        used["missing"] |= bool(gaps)
        ax.set_xticks(years, [str(y) for y in years], fontsize=8.5)
        ax.set_yticks([])
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.set_ylim(0, max(heights + [1]) * 1.25)
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        ax.set_title(bilingual(panel.label_ar, panel.label_en), loc="right", fontsize=9.5,
                     multialignment="right")
        a, e = _year_items(panel.label_ar, panel.label_en, years, list(panel.values), quals, singles, inferred,
                           earlier=earlier)
        items_ar.append(a), items_en.append(e)
    for k in range(len(panels), nrows * ncols):
        row, col = divmod(k, ncols)
        axes[row][ncols - 1 - col].set_axis_off()
    handles, ar, en = _mark_handles("hatch", used["single"], used["missing"], used["inferred"])
    if used["earlier"]:
        handles.append(Patch(facecolor=MUTED, edgecolor=MUTED))
        ar.append(EARLIER_DEFINITION[0]), en.append(EARLIER_DEFINITION[1])
    if used["unsettled"]:
        handles.append(Line2D([], [], color=PALETTE[3], marker="$?$", markersize=8, linestyle="none"))
        ar.append(UNSETTLED[0]), en.append(UNSETTLED[1])
    if handles:
        # one row, read right to left: the first entry rightmost, markers on the right of their text
        grid.legend(handles[::-1], chart_text.tick_labels(ar[::-1], en[::-1]), loc="outside lower right",
                   ncols=len(handles), markerfirst=False, alignment="right", fontsize=8.5)
    describe(fig, ("رسوم صغيرة حسب السنة، لكل مؤشر مقياسه", "Small charts by year, each quantity on its own scale"),
              title_ar, title_en, items_ar, items_en, source, source_en)
    return finish(fig, source, source_en, [q for panel in panels for q in (panel.qualifiers or [])])


def key_figures(items: Sequence[Mapping | Sequence], *, ncols: int = 3,
                title_ar: str | None = None, title_en: str | None = None,
                source: str | None = None, source_en: str | None = None,
                value_format: Formatter = neutral_number,
                figsize: tuple[float, float] | None = None) -> Figure:
    """An infographic grid of big numbers with Arabic (and English) captions.

    Each item: {"value": 2400000, "caption_ar": "زائر", "caption_en": "visitors",
    "qualifier": "about"} or a tuple (value, caption_ar[, caption_en[, qualifier]]). A value
    given as a string is shown as it is. The first item stands at the top right.
    """
    cells = [dict(zip(("value", "caption_ar", "caption_en", "qualifier"), item))
             if not isinstance(item, Mapping) else dict(item) for item in items]
    nrows = -(-len(cells) // ncols)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8.5, 0.9 + 1.75 * nrows))
    ax.set_axis_off()
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    for i, cell in enumerate(cells):
        row, col = divmod(i, ncols)
        x = ncols - col - 0.5  # right to left
        value = cell["value"]
        shown = value if isinstance(value, str) else with_qualifier(value_format(value), cell.get("qualifier"))
        ax.text(x, row + 0.42, prepare(shown), ha="center", va="baseline", fontsize=25,
                fontweight="bold", color=PALETTE[0])
        ax.text(x, row + 0.58, prepare(cell["caption_ar"]), ha="center", va="top", fontsize=10.5)
        if cell.get("caption_en"):
            ax.text(x, row + 0.82, cell["caption_en"], ha="center", va="top", fontsize=8.5, color=SUBTLE)

    def said(cell, lang):
        value = cell["value"]
        return value if isinstance(value, str) else _value_words(value, cell.get("qualifier"), lang)

    describe(fig, ("أرقام رئيسية", "Key figures"), title_ar, title_en,
              [f"{said(c, 'ar')} {c['caption_ar']}" for c in cells],
              [f"{said(c, 'en')} {c.get('caption_en') or c['caption_ar']}" for c in cells], source, source_en)
    return finish(fig, source, source_en, [c.get("qualifier") for c in cells if not isinstance(c["value"], str)])


def chart_formats() -> tuple[str, ...]:
    """The formats ``show`` writes: $HELPERS_CHART_FORMATS (comma-separated) if set; else PNG alone when
    $HELPERS_FIGURES_DIR sends the charts to a temporary folder (tests: each chart is drawn once); else PNG
    and SVG (the committed figures/)."""
    chosen = os.environ.get(FORMATS_ENV)
    if chosen:
        return tuple(f.strip() for f in chosen.split(",") if f.strip())
    return ("png",) if os.environ.get("HELPERS_FIGURES_DIR") else ("png", "svg")


def _png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def show(fig: Figure, name: str, alt_ar: str | None = None, alt_en: str | None = None, *,
         folder: Path | str | None = None, formats: Sequence[str] | None = None, dpi: int = 200):
    """Save *fig* once per format as folder/name.png (.svg ...) and return the saved PNG for the notebook.
    A list of figures (a chart in pages, each at most MAX_HEIGHT_IN tall) is saved as name.png, name-2.png ...,
    each page displayed in turn.

    The return value is an ``IPython.display.Image`` of exactly the bytes written to name.png, shown at the
    size of a 100-dpi rendering (sharp on dense screens), with the chart's description in Arabic and English as
    its alt text (output metadata ``{"image/png": {"alt": ...}}``): by default the one the chart function wrote
    (``fig.alt_text``), or *alt_ar* / *alt_en*. Nothing is drawn twice: the PNG is rendered once, in memory.
    """
    from IPython.display import Image, display  # the notebooks' kernel has IPython; the helpers do not need it otherwise

    if isinstance(fig, (list, tuple)):  # a chart too tall for one image, in pages: name.png, name-2.png, ...
        shown = [show(page, name if i == 0 else f"{name}-{i + 1}", alt_ar, alt_en, folder=folder, formats=formats,
                      dpi=dpi) for i, page in enumerate(fig)]
        for image in shown[:-1]:
            display(image)
        return shown[-1]
    described = getattr(fig, "alt_text", None)
    alt_ar = alt_ar or (described.ar if described else None)
    alt_en = alt_en or (described.en if described else None)
    if not (alt_ar and alt_en):
        raise ValueError(f"chart {name!r} has no description in both languages: pass alt_ar and alt_en")
    folder = Path(CHARTS if folder is None else folder)
    formats = list(formats or chart_formats())
    if "png" not in formats:
        formats.insert(0, "png")
    use_style()
    folder.mkdir(parents=True, exist_ok=True)
    png = io.BytesIO()
    with matplotlib.rc_context(SAVE_RC):
        fig.savefig(png, format="png", dpi=dpi, metadata=METADATA["png"])
        data = png.getvalue()
        write_if_changed(folder / f"{name}.png", data)  # atomic: a killed kernel leaves no half chart
    save(fig, name, [fmt for fmt in formats if fmt != "png"], folder, dpi=dpi)  # the PNG is rendered once, above
    width, _ = _png_size(data)
    return Image(data=data, format="png", width=round(width * 100 / dpi), alt=f"{alt_ar}\n{alt_en}")


_HASHED_ID = re.compile(rb'id="([pm][0-9a-f]{10})"')


def _stable_ids(data: bytes, fmt: str) -> bytes:
    """An SVG's clip-path and marker ids numbered in the order they are defined (p1, p2 ...; m1, m2 ...). matplotlib hashes each id from
    the full-precision floats of its rectangle or path (``svg.hashsalt`` fixes only the salt), and a layout run
    twice can differ in the last digits, which the written coordinates (six decimals) never show: the same chart
    then changed its ids from one run to the next. Written by hand: matplotlib has no setting for it."""
    if fmt != "svg":
        return data
    names, counts = {}, {}
    for old in dict.fromkeys(_HASHED_ID.findall(data)):
        counts[old[:1]] = counts.get(old[:1], 0) + 1
        names[old] = b"%s%d" % (old[:1], counts[old[:1]])
    if not names:
        return data
    pattern = re.compile(rb"(?<=[\"#])(" + b"|".join(map(re.escape, names)) + rb")(?=[\")])")
    return pattern.sub(lambda m: names[m.group(1)], data)


def save(fig: Figure, name: str, formats: Sequence[str] = ("png", "svg"), folder: Path | str = CHARTS,
         *, pdf: bool = False, dpi: int = 200) -> list[Path]:
    """Write *fig* as folder/name.png, .svg (and .pdf): fixed dpi, fonts embedded (SVG as
    outlines, PDF as Type 42), no dates or versions in the metadata. Returns the paths."""
    use_style()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    formats = list(formats) + (["pdf"] if pdf and "pdf" not in formats else [])
    paths = []
    for fmt in formats:
        path = folder / f"{name}.{fmt}"
        out = io.BytesIO()
        with matplotlib.rc_context(SAVE_RC):
            fig.savefig(out, format=fmt, dpi=dpi, metadata=METADATA.get(fmt))
        write_if_changed(path, _stable_ids(out.getvalue(), fmt))  # atomic, and only if changed
        paths.append(path)
    return paths
