"""What the section notebooks show, computed from the processed tables (no number is typed in a notebook).

- :func:`figures_by_year`: each figure of some sections, 2024 and 2025 side by side, as reconciled;
- :func:`year_on_year`: levels stated in both reports, the change they imply, and the change the report states;
- :func:`compositions`: totals and their parts (metrics.csv ``part_of``): do the parts add up;
- :func:`conflicts`: for the figures the outlets disagree on, what each outlet printed.

A change computed from a bound or an approximation carries it ("at least", "about"), or is not computed when the
bounds point both ways (helpers.build.bounds).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from helpers.build import bounds
from helpers.datapackage import schema
from helpers.datapackage.csvio import read_table, whole
from helpers.datapackage.curation import Curation
from helpers.errors import DataError
from helpers.language import labels, wording

YEARS = (2024, 2025)


def _select(table: pd.DataFrame, sections) -> pd.DataFrame:
    sections = [sections] if isinstance(sections, str) else list(sections)
    return table[table["section"].isin(sections)]


def figures_by_year(report_figures: pd.DataFrame, sections) -> pd.DataFrame:
    """One row per figure of ``sections``: labels, unit, kind, and for each report year the value, qualifier,
    direction, status and number of outlets (empty where the year's report, as covered, does not state it)."""
    rows = _select(report_figures, sections)
    wide = None
    for year in YEARS:
        part = rows[rows["report_year"] == year].set_index("figure")[
            ["value", "qualifier", "direction", "status", "outlets"]].add_suffix(f"_{year}")
        wide = part if wide is None else wide.join(part, how="outer")
    labels = rows.drop_duplicates("figure").set_index("figure")[["section", "metric_en", "metric_ar", "unit", "kind"]]
    order = list(dict.fromkeys(rows["figure"]))
    table = labels.join(wide).loc[order]
    for year in YEARS:
        table[f"outlets_{year}"] = table[f"outlets_{year}"].astype("Int64")
    return table.rename_axis("figure").reset_index()


def year_on_year(report_figures: pd.DataFrame, stated_changes: pd.DataFrame, sections) -> pd.DataFrame:
    """Levels stated in both reports (kind level, not counted in years: a count since a start date or a number of
    years in a row is not compared), the change they imply
    (percent, one decimal, with its qualifier), and the change the 2025 report states where it states one."""
    by_year = figures_by_year(report_figures, sections)
    both = by_year[(by_year["kind"] == "level") & (by_year["unit"] != "years") & by_year["value_2024"].notna()
                   & by_year["value_2025"].notna()].copy()
    stated = stated_changes[stated_changes["report_year"] == YEARS[1]].set_index("level_figure")
    rows = []
    for r in both.to_dict("records"):
        before, after = Decimal(str(r["value_2024"])), Decimal(str(r["value_2025"]))
        how = bounds.ratio(r["qualifier_2025"] or "exact", r["qualifier_2024"] or "exact")
        implied = None if how is None or before == 0 else float(
            ((after - before) / before * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        s = stated.loc[r["figure"]] if r["figure"] in stated.index else None
        rows.append({
            "figure": r["figure"], "metric_en": r["metric_en"], "metric_ar": r["metric_ar"], "unit": r["unit"],
            "value_2024": r["value_2024"], "qualifier_2024": r["qualifier_2024"], "status_2024": r["status_2024"],
            "value_2025": r["value_2025"], "qualifier_2025": r["qualifier_2025"], "status_2025": r["status_2025"],
            "implied": implied, "implied_qualifier": how,
            "stated": None if s is None else s["stated"], "stated_status": None if s is None else s["status"],
        })
    table = pd.DataFrame(rows, columns=["figure", "metric_en", "metric_ar", "unit", "value_2024", "qualifier_2024",
                                        "status_2024", "value_2025", "qualifier_2025", "status_2025", "implied",
                                        "implied_qualifier", "stated", "stated_status"])
    for column in ("implied", "stated"):
        table[column] = pd.Series(list(table[column]), dtype=object, index=table.index)
    return table


ADDS_UP = ("equal", "below", "above", "incomplete", "not comparable", "no total")


def compositions(report_figures: pd.DataFrame, curation: Curation, sections) -> pd.DataFrame:
    """One row per (report year, total, breakdown) with parts in the data (metrics.csv ``part_of`` and
    ``breakdown``): the total, the sum of the parts stated that year, and how they compare.

    ``adds_up``: ``equal``; ``below`` (the parts listed need not be all of the total); ``above`` (the parts
    exceed the total: the figures cannot all be right, or the parts overlap); ``incomplete`` (a part is not
    stated that year); ``not comparable`` (a part or the total is an approximation or a bound); ``no total``.
    Shares (parts in percent of a total that is not) are summed against 100.
    """
    rows = _select(report_figures, sections)
    values = {(int(r["report_year"]), r["figure"]): r for r in report_figures.to_dict("records")}
    breakdowns: dict[tuple[str, str], list[str]] = {}
    for figure, metric in curation.metrics.items():
        if metric["part_of"]:
            breakdowns.setdefault((metric["part_of"], metric["breakdown"] or "parts"), []).append(figure)
    shown = set(rows["figure"])
    out = []
    for (total, breakdown), parts in breakdowns.items():
        if total not in shown and not set(parts) & shown:
            continue
        share = all(curation.metrics[p]["unit"] == "percent" for p in parts) and \
            curation.metrics[total]["unit"] != "percent"
        for year in YEARS:
            stated = [values[(year, p)] for p in parts if (year, p) in values and not pd.isna(values[(year, p)]["value"])]
            if not stated:
                continue
            t = values.get((year, total))
            total_value = Decimal(100) if share else (
                None if t is None or pd.isna(t["value"]) else Decimal(str(t["value"])))
            parts_sum = sum(Decimal(str(p["value"])) for p in stated)
            inexact = any(p["qualifier"] not in ("exact", "only") for p in stated) or (
                not share and t is not None and t["qualifier"] not in ("exact", "only", ""))
            if total_value is None:
                verdict = "no total"
            elif inexact:
                verdict = "not comparable"
            elif parts_sum > total_value:
                verdict = "above"
            elif len(stated) < len(parts):
                verdict = "incomplete"
            else:
                verdict = "equal" if parts_sum == total_value else "below"
            out.append({
                "report_year": year, "total": total, "breakdown": breakdown,
                "total_en": curation.metrics[total]["metric_en"], "total_ar": curation.metrics[total]["metric_ar"],
                "unit": "percent" if share else curation.metrics[total]["unit"],
                "total_value": whole(total_value),
                "parts_sum": whole(parts_sum), "parts_stated": len(stated), "parts": len(parts),
                "difference": None if total_value is None else whole(parts_sum - total_value),
                "adds_up": verdict, "part_ids": " ".join(p["figure"] for p in stated),
            })
    table = pd.DataFrame(out, columns=["report_year", "total", "breakdown", "total_en", "total_ar", "unit",
                                       "total_value", "parts_sum", "parts_stated", "parts", "difference", "adds_up",
                                       "part_ids"])
    for column in ("total_value", "parts_sum", "difference"):
        table[column] = pd.Series(list(table[column]), dtype=object, index=table.index)
    return table.sort_values(["total", "breakdown", "report_year"], kind="stable").reset_index(drop=True)


def decimals(value) -> int:
    """How many decimals a value is written with (10 -> 0, 8.5 -> 1)."""
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def conflicts(observations: pd.DataFrame, report_figures: pd.DataFrame, sections) -> pd.DataFrame:
    """For each figure in conflict: every observation with the value it printed, its agreement and likely cause,
    and its ratio to the reconciled value (empty when no value was chosen)."""
    figures = _select(report_figures, sections)
    figures = figures[figures["status"] == "conflict"]
    keys = set(zip(figures["report_year"], figures["figure"]))
    chosen = {(r["report_year"], r["figure"]): r["value"] for r in figures.to_dict("records")}
    observations = observations.reset_index(drop=True)
    obs = observations[[k in keys for k in zip(observations["report_year"], observations["figure"])]].copy()
    obs["reconciled"] = pd.Series([chosen[k] for k in zip(obs["report_year"], obs["figure"])], dtype=object,
                                  index=obs.index)
    obs["ratio"] = pd.Series(
        [None if pd.isna(c) or c == 0 else float(v) / float(c) for v, c in zip(obs["value"], obs["reconciled"])],
        dtype=object, index=obs.index)
    names = {(r["report_year"], r["figure"]): (r["metric_en"], r["metric_ar"]) for r in figures.to_dict("records")}
    obs["metric_en"] = [names[k][0] for k in zip(obs["report_year"], obs["figure"])]
    obs["metric_ar"] = [names[k][1] for k in zip(obs["report_year"], obs["figure"])]
    columns = ["report_year", "figure", "metric_en", "metric_ar", "obs", "outlet", "url", "lang", "figure_text",
               "value", "unit", "qualifier", "direction", "agreement", "cause", "cause_detail", "copy_cluster",
               "reconciled", "ratio"]
    return obs[columns].sort_values(["report_year", "figure", "value", "outlet"], kind="stable").reset_index(drop=True)


def summary(report_figures: pd.DataFrame, stated_changes: pd.DataFrame, observations: pd.DataFrame,
            sections) -> tuple[str, str]:
    """What the data say about ``sections``, as bullet lists in Arabic and in English (for ``notebook.say``):
    how many figures each report gives, their statuses, the largest changes the levels imply, the stated changes
    against the levels, and the figures the outlets disagree on. Every number comes from the tables."""
    rows = _select(report_figures, sections)
    ar, en = [], []

    def n(x, lang):
        return wording.number(x, lang)

    def status_words(resource, field, value, lang):
        return labels.value_label(resource, field, value).label(lang)

    by_year = {y: rows[rows["report_year"] == y] for y in YEARS}
    both = set(by_year[2024]["figure"]) & set(by_year[2025]["figure"])
    ar.append(f"تنقل الصحافة {wording.count(len(by_year[2025]), 'figures', 'ar')} من هذا الجزء من تقرير 2025 "
              f"و{wording.count(len(by_year[2024]), 'figures', 'ar')} من تقرير 2024، منها "
              f"{wording.count(len(both), 'figures', 'ar')} في التقريرين معا.")
    en.append(f"The press gives {wording.count(len(by_year[2025]), 'figures', 'en')} of this part of the 2025 report "
              f"and {wording.count(len(by_year[2024]), 'figures', 'en')} of the 2024 report; {n(len(both), 'en')} "
              "are in both.")
    for year in (2025, 2024):
        counts = by_year[year]["status"].value_counts()
        if counts.empty:
            continue
        order = [s for s in labels.value_labels("report_figures", "status") if s in counts]
        ar.append(f"تقرير {year}: " + "، ".join(f"{n(counts[s], 'ar')} {status_words('report_figures', 'status', s, 'ar')}"
                                               for s in order) + ".")
        en.append(f"{year} report: " + ", ".join(f"{n(counts[s], 'en')} {status_words('report_figures', 'status', s, 'en')}"
                                                for s in order) + ".")
    yoy = year_on_year(report_figures, stated_changes, sections)
    exact = yoy[(yoy["implied_qualifier"] == "exact") & yoy["implied"].notna()]
    if len(exact):
        up = exact.loc[exact["implied"].astype(float).idxmax()]
        down = exact.loc[exact["implied"].astype(float).idxmin()]
        ar.append(f"بين التقريرين، أكبر تغير صعودا: {up['metric_ar']} ({wording.percent(float(up['implied']), 'ar', 1, signed=True)})، "
                  f"وأكبر تغير نزولا: {down['metric_ar']} ({wording.percent(float(down['implied']), 'ar', 1, signed=True)}).")
        en.append(f"Between the two reports, the largest change up: {up['metric_en']} "
                  f"({wording.percent(float(up['implied']), 'en', 1, signed=True)}); the largest change down: "
                  f"{down['metric_en']} ({wording.percent(float(down['implied']), 'en', 1, signed=True)}).")
    changes = _select(stated_changes, sections)
    checked = changes[changes["status"] != "not_checkable"]
    labels_of = {r["figure"]: (r["metric_en"], r["metric_ar"]) for r in report_figures.to_dict("records")}
    if len(changes):
        counts = changes["status"].value_counts()
        order = [s for s in labels.value_labels("stated_changes", "status") if s in counts]
        ar.append("التغيرات التي يعلنها التقريران مقارنة بالمستويات المنشورة: " + "، ".join(
            f"{n(counts[s], 'ar')} {status_words('stated_changes', 'status', s, 'ar')}" for s in order) + ".")
        en.append("Changes the reports state, against the levels published: " + ", ".join(
            f"{n(counts[s], 'en')} {status_words('stated_changes', 'status', s, 'en')}" for s in order) + ".")
        for r in checked[checked["status"] == "inconsistent"].to_dict("records"):
            places = decimals(r["stated"])
            ar.append(f"{r['metric_ar']}: يعلن تقرير {r['report_year']} "
                      f"{wording.percent(float(r['stated']), 'ar', places, signed=True)}، والمستويات المنشورة تقتضي "
                      f"{wording.percent(float(r['implied']), 'ar', 1, signed=True)}.")
            en.append(f"{r['metric_en']}: the {r['report_year']} report states "
                      f"{wording.percent(float(r['stated']), 'en', places, signed=True)}; the levels published imply "
                      f"{wording.percent(float(r['implied']), 'en', 1, signed=True)}.")
            others = [f for f in (r["matches_other"] or "").split() if f]
            if others:
                names_ar = "، ".join(labels_of[f][1] for f in others)
                names_en = "; ".join(labels_of[f][0] for f in others)
                ar[-1] += f" النسبة المعلنة توافق تغير رقم آخر: {names_ar}."
                en[-1] += f" The stated percent fits the change of another figure: {names_en}."
    conflict = rows[rows["status"] == "conflict"]
    if len(conflict):
        ar.append("تختلف المنابر على: " + "، ".join(f"{r['metric_ar']} ({r['report_year']})"
                                                    for r in conflict.to_dict("records")) + ".")
        en.append("The outlets disagree on: " + "; ".join(f"{r['metric_en']} ({r['report_year']})"
                                                          for r in conflict.to_dict("records")) + ".")
    else:
        ar.append("لا تختلف المنابر على أي رقم من هذا الجزء إلا في التقريب.")
        en.append("The outlets disagree on no figure of this part, except by rounding.")
    return "\n".join(f"- {line}" for line in ar), "\n".join(f"- {line}" for line in en)


def headlines(report_figures: pd.DataFrame, curation: Curation) -> pd.DataFrame:
    """One headline figure per section (data/curated/headlines.csv), with its 2025 and 2024 values as reconciled,
    in the sections' order of the data package."""

    path = schema.path("headlines")
    rows = read_table(path, "headlines")
    for n, row in enumerate(rows, start=1):
        if row["figure"] not in curation.metrics:
            raise DataError(path, f"{row['figure']!r} is not a figure of metrics.csv", row=n, field="figure",
                            line=n + 1)
    order = {s: i for i, s in enumerate(schema.allowed("headlines", "section"))}
    chosen = sorted(rows, key=lambda r: order[r["section"]])
    by_year = figures_by_year(report_figures, list(order)).set_index("figure")
    table = by_year.loc[[r["figure"] for r in chosen]].reset_index()
    table["section"] = [r["section"] for r in chosen]
    return table
