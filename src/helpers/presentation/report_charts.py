"""The charts of the whole-report notebooks, in the collection's chart style (helpers.presentation.charts).

- :func:`change_dots`: for each figure both reports state, the change the levels imply (a dot, hollow when it is
  an approximation or a bound) and, where the 2025 report states one, the stated change (a diamond);
- :func:`outlet_dots`: for each figure in conflict, the value each outlet printed as a multiple of the reconciled
  value, on a log scale (1 = the value; 0.001 = thousands left out), so that figures of any size share the axis;
- :func:`press_source`: the source line of a chart drawn from observations: the outlets, or how many.

Every chart writes its description in both languages (``fig.alt_text``) for ``charts.show``.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from helpers.language import wording
from helpers.language.bidi import LRM
from helpers.language.formats import format_percent, neutral_number
from helpers.language.labels import section_name, value_label
from helpers.presentation import chart_text
from helpers.presentation.charts import (MUTED, PALETTE, SUBTLE, TEXT, Panel, describe, finish, legend_above,
                                         new_figure, year_panels)
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


def change_dots(yoy: pd.DataFrame, *, title_ar: str, title_en: str, source: tuple[str, str]):
    """The latest two reports of ``yoy`` (helpers.analysis.sections.year_on_year), one row per figure: the
    implied change (dot; hollow when approximate or bounded, and an arrow for "at least" / "at most") and the
    stated change (diamond) where the report states one. A change beyond ±CLIP percent is drawn at the edge as an
    arrow, with its value. The pair of reports is added to the title."""
    if len(yoy):
        last = int(yoy["after_year"].max())
        yoy = yoy[yoy["after_year"] == last]
        title_ar, title_en = f"{title_ar}، {last - 1}-{last}", f"{title_en}, {last - 1}-{last}"
    rows = yoy[yoy["implied"].notna() | yoy["stated"].notna()].reset_index(drop=True)
    n = len(rows)
    labels_ar, labels_en, per_row = _row_layout(rows["metric_ar"], rows["metric_en"])
    fig, ax = new_figure(title_ar, title_en, figsize=(10, 1.9 + n * per_row))
    markers = {"exact": "o", "about": "o", "at_least": ">", "at_most": "<"}
    values = [float(v) for v in list(rows["implied"].dropna()) + list(rows["stated"].dropna())]
    low, high = max(min(values + [0]), -CLIP), min(max(values + [0]), CLIP)
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


def outlet_dots(conf: pd.DataFrame, labels: dict[str, tuple[str, str]], *, title_ar: str, title_en: str,
                source: tuple[str, str]):
    """For each (report year, figure) in conflict with a reconciled value: each outlet's printed value divided by
    that value, on a log axis; values that differ are orange and named."""
    conf = conf[conf["ratio"].notna()]
    keys = list(dict.fromkeys(zip(conf["report_year"], conf["figure"])))
    n = len(keys)
    ylabels_ar = [f"{labels[f][0]} ({y})" for y, f in keys]
    ylabels_en = [f"{labels[f][1]} ({y})" for y, f in keys]
    ylabels_ar, ylabels_en, per_row = _row_layout(ylabels_ar, ylabels_en)
    fig, ax = new_figure(title_ar, title_en, figsize=(10, 2.1 + n * per_row))
    ax.set_xscale("log")
    low = min([0.5, *conf["ratio"].astype(float)]) / 1.6
    high = max([2.0, *conf["ratio"].astype(float)]) * 1.6
    for i, key in enumerate(keys):
        rows = conf[(conf["report_year"] == key[0]) & (conf["figure"] == key[1])]
        for _, r in rows.iterrows():
            colour = AGREEMENT_COLOURS.get(r["agreement"], MUTED)
            ax.plot([float(r["ratio"])], [i], marker="o", markersize=6, linestyle="none", color=colour,
                    alpha=0.85)
        for j, (_, r) in enumerate(rows[rows["agreement"] == "differs"].iterrows()):
            ax.annotate(f"{LRM}{r['outlet']}", (float(r["ratio"]), i), xytext=(0, 6 + 8 * j),
                        textcoords="offset points", ha="center", fontsize=7, color=SUBTLE)
    ax.axvline(1, color="#BBBBBB", linewidth=1)
    ax.set_xlim(low, high)
    ticks = [t for t in (0.001, 0.01, 0.1, 0.5, 1, 2, 10, 100, 1000) if low <= t <= high]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"×{x:g}"))
    _rows_axis(ax, ylabels_ar, ylabels_en, top=-0.9)
    names = [("agrees", "يطابق القيمة", "states the value"), ("rounded", "تقريب أو حد", "a rounding or a bound"),
             ("differs", "يخالفها", "differs")]
    handles = [Line2D([], [], marker="o", linestyle="none", color=AGREEMENT_COLOURS[k]) for k, _, _ in names]
    legend_above(ax, [a for _, a, _ in names], [e for _, _, e in names], handles)
    items_ar, items_en = [], []
    for y, f in keys:
        rows = conf[(conf["report_year"] == y) & (conf["figure"] == f)]
        odd = rows[rows["agreement"] == "differs"]
        items_ar.append(f"{labels[f][0]} ({y}): " + "، ".join(
            f"{r['outlet']} ×{_ratio(r['ratio'])}" for _, r in odd.iterrows()))
        items_en.append(f"{labels[f][1]} ({y}): " + ", ".join(
            f"{r['outlet']} ×{_ratio(r['ratio'])}" for _, r in odd.iterrows()))
    describe(fig, ("القيم التي نشرتها المنابر نسبة إلى القيمة المعتمدة، للأرقام المتعارضة",
                    "Values each outlet printed relative to the reconciled value, figures in conflict"),
              title_ar, title_en, items_ar, items_en, *source)
    return finish(fig, source[0], source[1])


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
    rows = changes[changes["status"] != "not_checkable"].reset_index(drop=True)
    n = len(rows)
    cited = {"ar": "، كما يذكره التقرير", "en": ", as the report cites it"}
    labels_ar = [f"{r['metric_ar']} ({r['report_year']}{cited['ar'] if r['before_from'] == 'cited' else ''})"
                 for _, r in rows.iterrows()]
    labels_en = [f"{r['metric_en']} ({r['report_year']}{cited['en'] if r['before_from'] == 'cited' else ''})"
                 for _, r in rows.iterrows()]
    wrapped_ar, wrapped_en, per_row = _row_layout(labels_ar, labels_en)
    fig, ax = new_figure(title_ar, title_en, figsize=(10, 2.1 + n * per_row))
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
    languages, coloured. Cells run right to left."""
    latest = YEARS[-1]
    rows = headlines.to_dict("records")
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
