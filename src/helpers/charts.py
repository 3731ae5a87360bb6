"""The chart style of every notebook: one theme, a colour-blind-safe palette, Arabic first.

Every chart function takes Arabic labels as logical strings (as stored in the data; they
are prepared here), optional English labels shown below them, and returns a
``matplotlib.figure.Figure`` (not managed by pyplot: a notebook shows it once, as the
cell's value). Layout reads right to left: category labels stand on the right, bars grow
leftwards from them, the y axis of time charts is on the right; years still run left
to right, as in the Arabic press. ``save`` writes PNG/SVG/PDF byte-for-byte reproducibly.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Number
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from helpers import arabic_text
from helpers.arabic_text import LRM, bilingual, format_number, format_percent, prepare, with_qualifier
from helpers.paths import FIGURES

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
# vision deficiency. Ordered for charts: strong colours first, yellow (weak on white) late.
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
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

Formatter = Callable[[float], str]


def use_style() -> None:
    """Register the Arabic font and apply the project's chart theme to rcParams."""
    arabic_text.setup()
    matplotlib.rcParams.update(STYLE)


def new_figure(title_ar: str | None = None, title_en: str | None = None, *,
               figsize: tuple[float, float] = (8, 4.5)) -> tuple[Figure, object]:
    """A styled figure with one axes and the (bilingual) title at the top right."""
    use_style()
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    if title_ar:
        fig.suptitle(bilingual(title_ar, title_en), x=0.99, ha="right", multialignment="right")
    return fig, ax


def _finish(fig: Figure, source: str | None, source_en: str | None) -> Figure:
    if source:
        arabic_text.source_note(fig, source, en=source_en)
    return fig


def _as_list(values) -> list:
    return [values] if isinstance(values, (str, Number)) else list(values)


def _rows_height(n: int, bilingual_labels: bool) -> float:
    return 1.6 + n * (0.62 if bilingual_labels else 0.45)


def _right_to_left_categories(ax, n: int, labels_ar, labels_en) -> None:
    """Categories top to bottom, labelled on the right; values grow leftwards."""
    arabic_text.set_ticklabels(ax, labels_ar, labels_en, axis="y", positions=range(n))
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.set_visible(False)
    for side in ("top", "bottom", "left"):
        ax.spines[side].set_visible(False)


def barh(labels_ar: Sequence[str], values: Sequence[float], labels_en: Sequence[str] | None = None,
         qualifiers: Sequence[str | None] | None = None, *, title_ar: str | None = None,
         title_en: str | None = None, source: str | None = None, source_en: str | None = None,
         color: str = PALETTE[0], value_format: Formatter = format_number,
         figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars, one per category, with the value (and its qualifier mark) at the end."""
    labels_ar, values = _as_list(labels_ar), [float(v) for v in _as_list(values)]
    n = len(values)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, _rows_height(n, labels_en is not None)))
    bars = ax.barh(range(n), values, height=0.62, color=color)
    _right_to_left_categories(ax, n, labels_ar, labels_en)
    ax.set_xlim(max(values + [0]) * 1.2 or 1, 0)  # before the labels: bar_label reads it
    arabic_text.annotate_bars(ax, bars, values, qualifiers, fmt=value_format, color=TEXT)
    return _finish(fig, source, source_en)


def _change_text(before: float, after: float, change: str, value_format: Formatter) -> str:
    """The change from *before* to *after*: "+12,5%" (percent) or "−1.200" (difference)."""
    if change == "percent" and before:
        return format_percent((after - before) / abs(before) * 100, signed=True)
    difference = after - before
    if difference == 0:
        return "0"
    return LRM + ("+" if difference > 0 else "\u2212") + value_format(abs(difference))


def compare_bars(labels_ar: Sequence[str] | str, before: Sequence[float] | float,
                 after: Sequence[float] | float, *, before_label: str = "2024", after_label: str = "2025",
                 labels_en: Sequence[str] | None = None, before_label_en: str | None = None,
                 after_label_en: str | None = None, change: str = "percent",
                 title_ar: str | None = None, title_en: str | None = None, source: str | None = None,
                 source_en: str | None = None, value_format: Formatter = format_number,
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
    arabic_text.annotate_bars(ax, first, before, fmt=value_format, color=SUBTLE, fontsize=9)
    changes = [_change_text(b, a, change, value_format) for b, a in zip(before, after)]
    arabic_text.annotate_bars(ax, second, labels=[f"{value_format(a)}   ({c})" for a, c in zip(after, changes)],
                              color=TEXT, fontsize=9)
    english = None if before_label_en is None and after_label_en is None else [before_label_en or "", after_label_en or ""]
    _legend_above(ax, [before_label, after_label], english, [first, second])
    return _finish(fig, source, source_en)


def _text_colour_on(colour: str) -> str:
    r, g, b = matplotlib.colors.to_rgb(colour)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else TEXT


def stacked_parts(parts_labels: Sequence[str], parts_values: Sequence[float], total_label: str,
                  total_value: float, *, parts_en: Sequence[str] | None = None,
                  total_en: str | None = None, sum_label: str = "مجموع الأجزاء",
                  sum_en: str | None = None, total_qualifier: str | None = None,
                  title_ar: str | None = None, title_en: str | None = None,
                  source: str | None = None, source_en: str | None = None,
                  value_format: Formatter = format_number,
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
    arabic_text.annotate_bars(ax, total, [total_value], [total_qualifier], fmt=value_format, color=TEXT)
    difference = _change_text(total_value, left, "difference", value_format)
    ax.annotate(prepare(f"{value_format(left)}   (الفرق: {difference})"), xy=(left, 1), xytext=(-3, 0),
                textcoords="offset points", ha="right", va="center", color=TEXT)
    arabic_text.legend(ax, parts_labels, parts_en, handles=handles, loc="upper right",
                       bbox_to_anchor=(1.0, 0.0), ncols=len(handles))
    return _finish(fig, source, source_en)


def _uncertain_flags(years: Sequence, names: Iterable[str],
                     uncertain: Mapping[str, Iterable] | None) -> dict[str, list[bool]]:
    uncertain = uncertain or {}
    return {name: [year in set(uncertain.get(name, ())) for year in years] for name in names}


def _legend_above(ax, labels_ar, labels_en, handles) -> None:
    """One row of legend entries above the axes, at the right, first entry rightmost."""
    arabic_text.legend(ax, labels_ar, labels_en, handles=handles, loc="lower right",
                       bbox_to_anchor=(1.0, 1.01), ncols=len(handles), borderaxespad=0.2)


def _series_legend(ax, series: Mapping, labels_en: Mapping, handles: list, flags: Mapping,
                   kind: str) -> None:
    """Legend of the series, plus an "uncertain" entry when some value is flagged."""
    labels_ar = list(series)
    english = [labels_en.get(name, "") for name in labels_ar] if labels_en else None
    handles = list(handles)
    if any(any(f) for f in flags.values()):
        if kind == "marker":
            handles.append(Line2D([], [], color=SUBTLE, marker="o", markerfacecolor="white",
                                  markeredgewidth=1.8, linestyle="none"))
        else:
            handles.append(Patch(facecolor="white", edgecolor=SUBTLE, hatch="///"))
        labels_ar.append("غير مؤكد")
        english = None if english is None else english + ["uncertain"]
    _legend_above(ax, labels_ar, english, handles)


def _time_axes(ax, years: Sequence, value_format: Formatter) -> None:
    ax.set_xticks(list(years), [str(year) for year in years])
    ax.yaxis.tick_right()
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: value_format(v)))
    ax.grid(axis="y")
    ax.spines["right"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def line_series(years: Sequence[int], series: Mapping[str, Sequence[float | None]], *,
                labels_en: Mapping[str, str] | None = None,
                uncertain: Mapping[str, Iterable[int]] | None = None,
                title_ar: str | None = None, title_en: str | None = None,
                source: str | None = None, source_en: str | None = None,
                value_format: Formatter = format_number,
                figsize: tuple[float, float] | None = None) -> Figure:
    """Values over years, one line per series (keys: Arabic names, values: one per year, None
    for a gap). Points in *uncertain* ({name: years}) get a hollow marker and a "?"."""
    years = list(years)
    labels_en = labels_en or {}
    flags = _uncertain_flags(years, series, uncertain)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 4.6))
    lines = []
    for i, (name, values) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        values = [float("nan") if v is None else float(v) for v in values]
        lines += ax.plot(years, values, color=colour, linewidth=2, marker="o", markersize=6)
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
    _series_legend(ax, series, labels_en, lines, flags, "marker")
    return _finish(fig, source, source_en)


def grouped_bars(years: Sequence[int], series: Mapping[str, Sequence[float | None]], *,
                 labels_en: Mapping[str, str] | None = None,
                 uncertain: Mapping[str, Iterable[int]] | None = None,
                 title_ar: str | None = None, title_en: str | None = None,
                 source: str | None = None, source_en: str | None = None,
                 value_format: Formatter = format_number,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Bars grouped by year, one bar per category (the keys of *series*); uncertain bars
    ({name: years}) are hatched and light, with a "?" on top."""
    years = list(years)
    labels_en = labels_en or {}
    flags = _uncertain_flags(years, series, uncertain)
    fig, ax = new_figure(title_ar, title_en, figsize=figsize or (8, 4.6))
    width = 0.8 / max(1, len(series))
    containers = []
    for i, (name, values) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        xs = [year - 0.4 + width * (i + 0.5) for year in years]
        heights = [0.0 if v is None else float(v) for v in values]
        bars = ax.bar(xs, heights, width=width * 0.92, color=colour)
        containers.append(bars)
        for bar, flag, value in zip(bars, flags[name], values):
            if value is None:
                bar.set_visible(False)
            elif flag:
                bar.set(facecolor=matplotlib.colors.to_rgba(colour, 0.35), edgecolor=colour, hatch="///")
                ax.annotate("?", (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", color=colour,
                            fontweight="bold")
    _time_axes(ax, years, value_format)
    ax.set_ylim(top=ax.get_ylim()[1] * 1.08)
    # Legend swatches in each series' plain colour: its first bar may be an uncertain (hatched) one.
    swatches = [Patch(facecolor=PALETTE[i % len(PALETTE)]) for i in range(len(containers))]
    _series_legend(ax, series, labels_en, swatches, flags, "hatch")
    return _finish(fig, source, source_en)


def key_figures(items: Sequence[Mapping | Sequence], *, ncols: int = 3,
                title_ar: str | None = None, title_en: str | None = None,
                source: str | None = None, source_en: str | None = None,
                value_format: Formatter = format_number,
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
    return _finish(fig, source, source_en)


def save(fig: Figure, name: str, formats: Sequence[str] = ("png", "svg"), folder: Path | str = FIGURES,
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
        with matplotlib.rc_context({"svg.hashsalt": "dgsn-2025", "svg.fonttype": "path",
                                    "pdf.fonttype": 42}):
            fig.savefig(path, format=fmt, dpi=dpi, metadata=METADATA.get(fmt))
        paths.append(path)
    return paths
