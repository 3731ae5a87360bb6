"""The charts of the whole-report notebooks, in the collection's chart style (helpers.presentation.charts).

- :func:`change_dots`: for each figure both reports state, the change the levels imply (a dot, hollow when it is
  an approximation or a bound) and, where the 2025 report states one, the stated change (a diamond);
- :func:`outlet_dots`: for each figure in conflict, a panel with one row per outlet: how far the value it printed
  stands from the reconciled value, in percent, on an axis scaled to the near values so that a slip of one digit
  (124,971 for 123,971 kg) shows; a value more than twice or less than half the reconciled one (a wrong scale) is
  drawn at the edge with its value written, instead of stretching the axis;
- :func:`press_source`: the source line of a chart drawn from observations: the outlets, or how many.

Every chart writes its description in both languages (``fig.alt_text``) for ``charts.show``. A chart that would be
taller than ``charts.MAX_HEIGHT_IN`` is returned as a list of pages (figures), each titled "(1/2)" ..., on the
same value axis; ``charts.show`` saves and displays them in turn.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers.language import wording
from helpers.language.bidi import LRM
from helpers.language.formats import format_percent, neutral_number
from helpers.language.labels import section_name, value_label
from helpers.presentation import chart_text
from helpers.presentation.charts import (
    MAX_FIGURE_HEIGHT_IN,
    MUTED,
    PALETTE,
    SUBTLE,
    TEXT,
    Panel,
    describe,
    finish,
    legend_above,
    new_figure,
    year_panels,
)
from helpers.presentation.report_tables import YEARS, headline_value, headline_year

LABEL_WIDTH = 44  # characters per line of a row label, so that long labels leave room for the plot


def _wrapped(labels_ar, labels_en) -> tuple[list[str], list[str]]:
    """Row labels wrapped to LABEL_WIDTH (Arabic lines are prepared one by one by helpers.presentation.chart_text)."""
    return (["\n".join(textwrap.wrap(a, LABEL_WIDTH)) for a in labels_ar],
            ["\n".join(textwrap.wrap(e, LABEL_WIDTH + 6)) for e in labels_en])


AGREEMENT_COLOURS = {"agrees": PALETTE[0], "rounded": MUTED, "differs": PALETTE[3], "single": MUTED}


def press_source(observations: pd.DataFrame, max_named: int = 3) -> tuple[str, str]:
    """The source line for a chart of these observations: the outlets by name when few, else how many."""
    outlets = sorted(set(observations["outlet"]))
    if len(outlets) <= max_named:
        names = ", ".join(outlets)
        return (f"{names}، عن حصيلة المديرية العامة للأمن الوطني",
                f"Source: {names}, reporting the DGSN annual report")
    n = len(outlets)
    return (f"{wording.number(n, 'ar')} منبرا، انظر observations.csv",
            f"Source: {wording.number(n, 'en')} outlets, see observations.csv")


def _signed_percent(x: float, decimals: int = 1) -> str:
    return format_percent(x, decimals=decimals, signed=True, lang="neutral")


def _percent_axis(ax) -> None:
    """A percent axis with a few whole-number ticks (+10%, not +10,0%), so the labels do not run together."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _signed_percent(x, 0) if x else "0%"))


CLIP = 150.0  # percent: a change beyond it is drawn at the edge, as an arrow, with its value written


def _rows_axis(ax, labels_ar, labels_en, top: float) -> None:
    """One row per category, labelled on the right (Arabic above English), the value axis below with its grid."""
    n = len(labels_ar)
    chart_text.set_ticklabels(ax, labels_ar, labels_en, axis="y", positions=range(n))
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(n - 0.5, top)
    ax.grid(axis="x")
    for side in ("top", "left", "right"):
        ax.spines[side].set_visible(False)


def _row_layout(labels_ar, labels_en) -> tuple[list[str], list[str], float]:
    """Wrapped labels and the height (inches) each row needs for its longest label."""
    ar, en = _wrapped(labels_ar, labels_en)
    lines = max([a.count("\n") + e.count("\n") + 2 for a, e in zip(ar, en)] or [2])
    return ar, en, 0.17 * lines + 0.14


def pages(heights, fixed: float, limit: float = MAX_FIGURE_HEIGHT_IN) -> list[list[int]]:
    """The items (of these heights, in inches) split into as few pages as keep each page, with its *fixed* part
    (title, legend, axis, source), within *limit*; the pages as even as the items allow."""
    heights = list(heights)
    room = max(limit - fixed, max(heights, default=0))
    count = max(1, math.ceil(sum(heights) / room))
    while True:
        target, groups, current, used = sum(heights) / count, [], [], 0.0
        for i, h in enumerate(heights):
            if current and (used + h > room or (used >= target and len(groups) < count - 1)):
                groups.append(current)
                current, used = [], 0.0
            current.append(i)
            used += h
        groups.append(current)
        if all(sum(heights[i] for i in g) <= room + 1e-9 for g in groups):
            return groups
        count += 1


def _paged(titles: tuple[str, str], groups: list[list[int]], draw):
    """One figure per page from ``draw(indices, title_ar, title_en)``; one figure when one page is enough."""
    title_ar, title_en = titles
    if len(groups) == 1:
        return draw(groups[0], title_ar, title_en)
    n = len(groups)
    return [draw(group, f"{title_ar} ({k}/{n})", f"{title_en} ({k}/{n})") for k, group in enumerate(groups, 1)]


def change_dots(yoy: pd.DataFrame, *, title_ar: str, title_en: str, source: tuple[str, str]):
    """The latest two reports of ``yoy`` (helpers.analysis.sections.year_on_year), one row per figure: the
    implied change (dot; hollow when approximate or bounded, and an arrow for "at least" / "at most") and the
    stated change (diamond) where the report states one. A change beyond ±CLIP percent is drawn at the edge as an
    arrow, with its value. The pair of reports is added to the title. In pages when too tall, on one axis."""
    if len(yoy):
        last = int(yoy["after_year"].max())
        yoy = yoy[yoy["after_year"] == last]
        title_ar, title_en = f"{title_ar}، {last - 1}-{last}", f"{title_en}, {last - 1}-{last}"
    everything = yoy[yoy["implied"].notna() | yoy["stated"].notna()].reset_index(drop=True)
    values = [float(v) for v in list(everything["implied"].dropna()) + list(everything["stated"].dropna())]
    low, high = max(min(values + [0]), -CLIP), min(max(values + [0]), CLIP)
    _, _, per_row = _row_layout(everything["metric_ar"], everything["metric_en"])
    groups = pages([per_row] * len(everything), 1.9)
    return _paged((title_ar, title_en), groups, lambda group, t_ar, t_en: _change_page(
        everything.iloc[group].reset_index(drop=True), low, high, per_row, t_ar, t_en, source))


def _change_page(rows, low, high, per_row, title_ar, title_en, source):
    n = len(rows)
    labels_ar, labels_en, _ = _row_layout(rows["metric_ar"], rows["metric_en"])
    fig, ax = new_figure(title_ar, title_en, figsize=(10, 1.9 + n * per_row))
    markers = {"exact": "o", "about": "o", "at_least": ">", "at_most": "<"}
    span = (high - low) or 1
    for i, r in rows.iterrows():
        if pd.notna(r["implied"]):
            q = r["implied_qualifier"] or "exact"
            value = float(r["implied"])
            shown = min(max(value, -CLIP), CLIP)
            marker = markers.get(q, "o") if shown == value else (">" if value > 0 else "<")
            filled = q == "exact"
            ax.plot([shown], [i], marker=marker, markersize=7, linestyle="none", color=PALETTE[0],
                    markerfacecolor=PALETTE[0] if filled else "white", markeredgewidth=1.5)
            ax.annotate(_signed_percent(value), (shown, i), xytext=(0, 7), textcoords="offset points",
                        ha="center", fontsize=8, color=TEXT)
        if pd.notna(r["stated"]):
            ax.plot([float(r["stated"])], [i], marker="D", markersize=6, linestyle="none", color=PALETTE[1])
    ax.axvline(0, color="#BBBBBB", linewidth=1)
    ax.set_xlim(low - 0.08 * span, high + 0.08 * span)
    _rows_axis(ax, labels_ar, labels_en, top=-0.8)
    _percent_axis(ax)
    handles = [Line2D([], [], marker="o", linestyle="none", color=PALETTE[0], label="x"),
               Line2D([], [], marker="o", linestyle="none", color=PALETTE[0], markerfacecolor="white", label="x"),
               Line2D([], [], marker="D", linestyle="none", color=PALETTE[1], label="x")]
    names = [("التغير الذي تقتضيه المستويات", "change the levels imply"),
             ("محسوب من رقم تقريبي أو حد", "from an approximation or a bound"),
             ("التغير الذي يعلنه التقرير", "change the report states")]
    legend_above(ax, [a for a, _ in names], [e for _, e in names], handles)
    describe(fig, ("نقاط التغير بين التقريرين", "Dot chart of changes between the two reports"), title_ar,
              title_en,
              [f"{r['metric_ar']}: " + _change_words(r, "ar") for _, r in rows.iterrows()],
              [f"{r['metric_en']}: " + _change_words(r, "en") for _, r in rows.iterrows()], *source)
    return finish(fig, source[0], source[1])


def _change_words(r, lang: str) -> str:
    parts = []
    if pd.notna(r["implied"]):
        text = wording.percent(float(r["implied"]), lang, 1, signed=True)
        q = r["implied_qualifier"] or "exact"
        text = wording.qualified(text, q, lang, "checks", "recomputed_qualifier")
        parts.append(("المحسوب " if lang == "ar" else "implied ") + text)
    if pd.notna(r["stated"]):
        text = wording.percent(float(r["stated"]), lang, 1, signed=True)
        parts.append(("المعلن " if lang == "ar" else "stated ") + text)
    return ("، " if lang == "ar" else ", ").join(parts)


OUTLIER = 2.0   # a value more than OUTLIER times, or less than 1/OUTLIER of, the reconciled one: drawn at the edge
OUTLET_ROW = 0.25    # inches per outlet row
PANEL_HEAD = 0.62    # inches for a panel's title and axis
OUTLET_FIXED = 1.7   # title, legend and source of the chart


def outlet_dots(conf: pd.DataFrame, labels: dict[str, tuple[str, str]], *, title_ar: str, title_en: str,
                source: tuple[str, str]):
    """For each (report year, figure) in conflict with a reconciled value, a panel with one row per outlet: the
    value it printed, as a difference from the reconciled value in percent (agreeing values at 0, orange and
    written out where it differs). Each panel's axis is scaled to the values near the reconciled one; a value
    beyond ×OUTLIER or ÷OUTLIER (thousands left out, a wrong scale) is an arrow at the edge with its value, so it
    does not flatten the slips of a digit. The precise values are in the conflicts table."""
    conf = conf[conf["ratio"].notna()]
    keys = list(dict.fromkeys(zip(conf["report_year"], conf["figure"])))
    panels = [conf[(conf["report_year"] == y) & (conf["figure"] == f)] for y, f in keys]
    heights = [PANEL_HEAD + OUTLET_ROW * len(p) for p in panels]
    groups = pages(heights, OUTLET_FIXED)
    return _paged((title_ar, title_en), groups, lambda group, t_ar, t_en: _outlet_page(
        [keys[i] for i in group], [panels[i] for i in group], labels, t_ar, t_en, source))


def _outlet_page(keys, panels, labels, title_ar, title_en, source):
    heights = [PANEL_HEAD + OUTLET_ROW * len(p) for p in panels]
    fig, first = new_figure(title_ar, title_en, figsize=(10, OUTLET_FIXED + sum(heights)))
    first.remove()
    grid = fig.add_gridspec(len(panels), 1, height_ratios=heights)
    items_ar, items_en = [], []
    for k, ((year, figure), rows) in enumerate(zip(keys, panels)):
        ax = fig.add_subplot(grid[k])
        rows = rows.assign(diff=[(float(r) - 1) * 100 for r in rows["ratio"]]).sort_values(
            ["diff", "outlet"], kind="stable").reset_index(drop=True)
        near = [abs(d) for d, r in zip(rows["diff"], rows["ratio"]) if 1 / OUTLIER <= float(r) <= OUTLIER]
        limit = max([*near, 0.5]) * 1.35
        decimals = 1 if limit < 10 else 0
        for i, r in rows.iterrows():
            colour = AGREEMENT_COLOURS.get(r["agreement"], MUTED)
            inside = abs(r["diff"]) <= limit
            x = r["diff"] if inside else math.copysign(limit, r["diff"])
            marker = "o" if inside else (">" if r["diff"] > 0 else "<")
            ax.plot([x], [i], marker=marker, markersize=6, linestyle="none", color=colour, alpha=0.9)
            if r["agreement"] == "differs":
                shown = _printed(r)
                text = shown if inside else f"{shown} (×{_ratio(r['ratio'])})"
                ax.annotate(f"{LRM}{text}", (x, i), xytext=(-7 if x > 0 else 7, 0), textcoords="offset points",
                            ha="right" if x > 0 else "left", va="center", fontsize=7.5, color=TEXT)
        ax.axvline(0, color="#BBBBBB", linewidth=1)
        ax.set_xlim(-limit * 1.02, limit * 1.02)
        ax.set_yticks(range(len(rows)), [f"{LRM}{o} · {i}" for o, i in zip(rows["outlet"], rows["obs"])], fontsize=7.5)
        ax.yaxis.tick_right()
        ax.tick_params(axis="y", length=0, pad=4)
        ax.set_ylim(len(rows) - 0.5, -0.6)
        ax.grid(axis="x")
        for side in ("top", "left", "right"):
            ax.spines[side].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10], symmetric=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _, d=decimals: _signed_percent(x, d) if x else "0%"))
        ax.tick_params(axis="x", labelsize=7.5)
        reconciled = float(rows.iloc[0]["reconciled"])
        value_ar, value_en = (_written(reconciled, rows.iloc[0]["unit"], lang) for lang in ("ar", "en"))
        name_ar, name_en = labels[figure]
        ax.set_title(chart_text.bilingual(f"{name_ar} ({year})، القيمة {value_ar}",
                                          f"{name_en} ({year}): value {value_en}"),
                     loc="right", fontsize=8.5, multialignment="right")
        odd = rows[rows["agreement"] == "differs"]
        for items, lang, value_text, sep in ((items_ar, "ar", value_ar, "، "), (items_en, "en", value_en, ", ")):
            head = f"{name_ar} ({year})، القيمة {value_text}: " if lang == "ar" else \
                f"{name_en} ({year}), value {value_text}: "
            items.append(head + sep.join(
                f"{r['outlet']} {_written(float(r['value']), r['unit'], lang)} "
                f"({wording.percent(r['diff'], lang, 1, signed=True)})" for _, r in odd.iterrows()))
    names = [("agrees", "يطابق القيمة", "states the value"), ("rounded", "تقريب أو حد", "a rounding or a bound"),
             ("differs", "يخالفها", "differs")]
    handles = [Line2D([], [], marker="o", linestyle="none", color=AGREEMENT_COLOURS[k]) for k, _, _ in names]
    handles.append(Line2D([], [], marker=">", linestyle="none", color=PALETTE[3]))
    names.append(("beyond", f"خارج المحور (أكثر من ×{OUTLIER:g} أو أقل من ÷{OUTLIER:g})",
                  f"off the axis (beyond ×{OUTLIER:g} or ÷{OUTLIER:g})"))
    entries = chart_text.tick_labels([a for _, a, _ in names], [e for _, _, e in names])
    last = fig.axes[-1]  # under the last panel, one row, first entry rightmost
    last.legend(handles[::-1], entries[::-1], loc="upper right", bbox_to_anchor=(1.0, -0.5 / heights[-1]),
                ncols=len(handles), markerfirst=False, alignment="right", fontsize=8, frameon=False)
    describe(fig, ("الفرق بين ما نشره كل منبر والقيمة المعتمدة، بالنسبة المئوية، للأرقام المتعارضة",
                   "How far each outlet's value stands from the reconciled value, in percent, figures in conflict"),
             title_ar, title_en, items_ar, items_en, *source)
    return finish(fig, source[0], source[1])


def _printed(r, value=None) -> str:
    """A value as a chart label: digits grouped with no-break spaces, with its unit (kg, %, MAD)."""
    value = r["value"] if value is None else value
    text = neutral_number(float(value), _decimals(float(value)))
    if r["unit"] == "percent":
        return text + "%"
    return text if r["unit"] in ("count", "years") else f"{text} {r['unit']}"


def _written(value: float, unit: str, lang: str) -> str:
    """A value as a sentence of *lang* writes it, with its unit: "16.053 kg", "16,053 kg", "2.3%"."""
    text = wording.number(value, lang, _decimals(value))
    if unit == "percent":
        return text + "%"
    return text if unit in ("count", "years") else value_label("observations", "unit", unit).phrase(text, lang)


def _decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _ratio(x) -> str:
    x = float(x)
    if x == 0:
        return "0"
    digits = max(0, 2 - int(math.floor(math.log10(abs(x)))))
    return f"{round(x, digits):g}"


def stated_vs_implied(changes: pd.DataFrame, *, title_ar: str, title_en: str, source: tuple[str, str]):
    """One row per change a report states that the levels can check: the interval its rounding allows (a bar),
    the stated change (a diamond) and the change the levels imply (a dot: blue inside the interval, orange
    outside)."""
    everything = changes[changes["status"] != "not_checkable"].reset_index(drop=True)
    _, _, per_row = _row_layout([f"{r['metric_ar']} ({r['report_year']})" for _, r in everything.iterrows()],
                                [f"{r['metric_en']} ({r['report_year']})" for _, r in everything.iterrows()])
    values = [max(min(float(v), CLIP), -CLIP) for c in ("stated", "implied", "tolerance_low", "tolerance_high")
              for v in everything[c].dropna()]  # beyond ±CLIP a value is drawn at the edge
    values += [-v for v in values]
    span = (min(values + [0]), max(values + [0]))
    groups = pages([per_row] * len(everything), 2.1)
    return _paged((title_ar, title_en), groups, lambda group, t_ar, t_en: _stated_page(
        everything.iloc[group].reset_index(drop=True), per_row, span if len(groups) > 1 else None, t_ar, t_en,
        source))


def _stated_page(rows, per_row, span, title_ar, title_en, source):
    n = len(rows)
    cited = {"ar": "، كما يذكره التقرير", "en": ", as the report cites it"}
    labels_ar = [f"{r['metric_ar']} ({r['report_year']}{cited['ar'] if r['before_from'] == 'cited' else ''})"
                 for _, r in rows.iterrows()]
    labels_en = [f"{r['metric_en']} ({r['report_year']}{cited['en'] if r['before_from'] == 'cited' else ''})"
                 for _, r in rows.iterrows()]
    wrapped_ar, wrapped_en, _ = _row_layout(labels_ar, labels_en)
    fig, ax = new_figure(title_ar, title_en, figsize=(10, 2.1 + n * per_row))
    if span is not None:
        pad = 0.06 * ((span[1] - span[0]) or 1)
        ax.set_xlim(span[0] - pad, span[1] + pad)
    for i, r in rows.iterrows():
        sign = -1 if float(r["stated"]) < 0 else 1
        lo = float(r["tolerance_low"]) if pd.notna(r["tolerance_low"]) else None
        hi = float(r["tolerance_high"]) if pd.notna(r["tolerance_high"]) else None
        ends = sorted(sign * x for x in (lo, hi) if x is not None)
        if len(ends) == 2:
            ax.plot(ends, [i, i], color=PALETTE[1], linewidth=6, alpha=0.35, solid_capstyle="butt")
        ax.plot([float(r["stated"])], [i], marker="D", markersize=6, linestyle="none", color=PALETTE[1])
        colour = PALETTE[0] if r["status"] == "consistent" else PALETTE[3]
        implied = float(r["implied"])
        shown = min(max(implied, -CLIP), CLIP)  # beyond ±CLIP: drawn at the edge as an arrow, its value written
        marker = "o" if shown == implied else (">" if implied > 0 else "<")
        ax.plot([shown], [i], marker=marker, markersize=7, linestyle="none", color=colour)
        ax.annotate(_signed_percent(implied), (shown, i), xytext=(0, 7),
                    textcoords="offset points", ha="center", fontsize=8, color=TEXT)
    ax.axvline(0, color="#BBBBBB", linewidth=1)
    _rows_axis(ax, wrapped_ar, wrapped_en, top=-0.9)
    _percent_axis(ax)
    handles = [Line2D([], [], marker="D", linestyle="none", color=PALETTE[1]),
               Line2D([], [], color=PALETTE[1], linewidth=6, alpha=0.35),
               Line2D([], [], marker="o", linestyle="none", color=PALETTE[0]),
               Line2D([], [], marker="o", linestyle="none", color=PALETTE[3])]
    names = [("التغير المعلن", "stated change"), ("ما يسمح به تقريبه", "what its rounding allows"),
             ("المحسوب: متسق", "implied: consistent"), ("المحسوب: غير متسق", "implied: inconsistent")]
    legend_above(ax, [a for a, _ in names], [e for _, e in names], handles)
    describe(fig, ("التغيرات المعلنة مقارنة بالتغيرات المحسوبة من المستويات",
                    "Stated changes against the changes the levels imply"), title_ar, title_en,
              [f"{a}: المعلن {wording.percent(float(r['stated']), 'ar', 1, signed=True)}، المحسوب "
               f"{wording.percent(float(r['implied']), 'ar', 1, signed=True)}" for a, (_, r) in zip(labels_ar, rows.iterrows())],
              [f"{e}: stated {wording.percent(float(r['stated']), 'en', 1, signed=True)}, implied "
               f"{wording.percent(float(r['implied']), 'en', 1, signed=True)}" for e, (_, r) in zip(labels_en, rows.iterrows())],
              *source)
    return finish(fig, source[0], source[1])


STATUS_COLOURS = {"agreed": PALETTE[2], "rounded_only": PALETTE[0], "conflict": PALETTE[3], "single_source": MUTED}


def headline_grid(headlines: pd.DataFrame, *, title_ar: str, title_en: str, source: tuple[str, str],
                  ncols: int = 3, wrap: int = 34):
    """One cell per section's headline figure: the big number (from the latest report that states it, its year
    marked when it is not the latest report), what it counts in Arabic and in English, and its status in both
    languages, coloured. Cells run right to left. In pages when too tall."""
    everything = headlines.to_dict("records")
    lines = -(-len(everything) // ncols)
    groups = pages([2.8] * lines, 0.9)
    return _paged((title_ar, title_en), groups, lambda group, t_ar, t_en: _headline_page(
        everything[group[0] * ncols:(group[-1] + 1) * ncols], t_ar, t_en, source, ncols, wrap))


def _headline_page(rows, title_ar, title_en, source, ncols, wrap):
    latest = YEARS[-1]
    nrows = -(-len(rows) // ncols)
    fig, ax = new_figure(title_ar, title_en, figsize=(9.5, 0.9 + 2.8 * nrows))
    ax.set_axis_off()
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    items_ar, items_en = [], []
    for i, r in enumerate(rows):
        row, col = divmod(i, ncols)
        x = ncols - col - 0.5
        year = headline_year(r)
        status = r[f"status_{year}"]
        words = value_label("report_figures", "status", status)
        ax.text(x, row + 0.22, chart_text.prepare(headline_value(r)), ha="center", va="baseline", fontsize=21,
                fontweight="bold", color=PALETTE[0])
        when_ar, when_en = ("", "") if year == latest else (f" (تقرير {year})", f" ({year} report)")
        ar_lines = textwrap.wrap(f"{section_name(r['section'], 'ar')}: {r['metric_ar']}{when_ar}", wrap)[:3]
        en_lines = textwrap.wrap(f"{section_name(r['section'], 'en')}: {r['metric_en']}{when_en}", wrap + 8)[:3]
        ax.text(x, row + 0.30, "\n".join(chart_text.prepare(line) for line in ar_lines), ha="center", va="top",
                fontsize=9.5, linespacing=1.25)
        ax.text(x, row + 0.60, "\n".join(en_lines), ha="center", va="top", fontsize=8, color=SUBTLE,
                linespacing=1.2)
        ax.text(x, row + 0.93, chart_text.prepare(f"{words.label_ar} · {words.label_en}"), ha="center",
                va="center", fontsize=8, color="white", fontweight="bold",
                bbox={"boxstyle": "round,pad=0.3", "facecolor": STATUS_COLOURS[status], "edgecolor": "none"})
        items_ar.append(f"{section_name(r['section'], 'ar')}: {r['metric_ar']} {headline_value(r)}{when_ar}، "
                        f"{words.label_ar}")
        items_en.append(f"{section_name(r['section'], 'en')}: {r['metric_en']} {headline_value(r)}{when_en}, "
                        f"{words.label_en}")
    describe(fig, ("أرقام رئيسية، رقم من كل قسم", "Key figures, one from each section"), title_ar, title_en,
              items_ar, items_en, *source)
    return finish(fig, source[0], source[1], [r[f"qualifier_{headline_year(r)}"] for r in rows])


def trend_panels(trends: list[dict], *, title_ar: str, title_en: str, source: tuple[str, str]):
    """Small multiples of a section's main figures over the report years (helpers.analysis.sections.trends),
    each on its own scale: a year no source states is marked ×, never drawn as zero; a single-source value is
    hatched; the years counted under an earlier definition are grey, with a dashed line where it changed."""
    years = list(YEARS)
    panels = []
    for t in trends:
        unit_ar = unit_en = ""
        if t["unit"] != "count":  # a weight or an amount: its unit beside its name
            words = value_label("report_figures", "unit", t["unit"])
            unit_ar, unit_en = f" ({words.label_ar})", f" ({words.label_en})"
        panels.append(Panel.from_yearly(t["metric_ar"] + unit_ar, t["metric_en"] + unit_en, t["years"]))
    return year_panels(years, panels, ncols=2, title_ar=f"{title_ar}، {years[0]}-{years[-1]}",
                       title_en=f"{title_en}, {years[0]}-{years[-1]}", source=source[0], source_en=source[1],
                       value_format=_panel_number)


def _panel_number(value: float) -> str:
    """A bar's value for both readers: whole above 100, with one decimal below it (2.8 kg, not 3)."""
    return neutral_number(value, 1 if abs(value) < 100 and float(value) != int(value) else 0)
