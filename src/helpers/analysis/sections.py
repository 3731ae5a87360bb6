"""What the section notebooks show, computed from the processed tables (no number is typed in a notebook).

- :func:`figures_by_year`: each figure of some sections, report by report (2020-2025), as reconciled;
- :func:`year_on_year`: levels stated by two consecutive reports, the change they imply, and the change the later
  report states;
- :func:`trends`: the main figures of some sections over the report years, for small multiples;
- :func:`compositions`: totals and their parts (metrics.csv ``part_of``): do the parts add up;
- :func:`conflicts`: for the figures the outlets disagree on, what each outlet printed.

A change computed from a bound or an approximation carries it ("at least", "about"), or is not computed when the
bounds point both ways (helpers.build.bounds).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from helpers.build import bounds
from helpers.build.panel import report_years
from helpers.datapackage import schema
from helpers.datapackage.csvio import read_table, whole
from helpers.datapackage.curation import Curation
from helpers.errors import DataError
from helpers.language import labels, wording

YEARS = tuple(report_years())  # every report year of the collection, from the data package


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


def year_on_year(report_figures: pd.DataFrame, stated_changes: pd.DataFrame, sections,
                 years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Levels stated by two consecutive reports (kind level, not counted in years: a count since a start date or a
    number of years in a row is not compared), the change they imply (percent, one decimal, with its qualifier:
    an approximation or a bound carries over, or leaves it uncomputed), and the change the later report states,
    checked against the earlier report's level. One row per figure and pair of reports (``years``: only that pair)."""
    by_year = figures_by_year(report_figures, sections)
    stated = stated_changes[stated_changes["before_from"] == "previous_report"].set_index(["report_year",
                                                                                            "level_figure"])
    pairs = [years] if years else list(zip(YEARS[:-1], YEARS[1:]))
    rows = []
    for before_year, after_year in pairs:
        both = by_year[(by_year["kind"] == "level") & (by_year["unit"] != "years")
                       & by_year[f"value_{before_year}"].notna() & by_year[f"value_{after_year}"].notna()]
        for r in both.to_dict("records"):
            before, after = Decimal(str(r[f"value_{before_year}"])), Decimal(str(r[f"value_{after_year}"]))
            qb, qa = r[f"qualifier_{before_year}"] or "exact", r[f"qualifier_{after_year}"] or "exact"
            how = bounds.ratio(qa, qb)
            implied = None if how is None or before == 0 else float(
                ((after - before) / before * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            key = (after_year, r["figure"])
            s_ = stated.loc[key] if key in stated.index else None
            single = [y for y in (before_year, after_year) if r[f"status_{y}"] == "single_source"]
            rows.append({
                "figure": r["figure"], "metric_en": r["metric_en"], "metric_ar": r["metric_ar"], "unit": r["unit"],
                "before_year": before_year, "after_year": after_year,
                "value_before": r[f"value_{before_year}"], "qualifier_before": qb,
                "status_before": r[f"status_{before_year}"],
                "value_after": r[f"value_{after_year}"], "qualifier_after": qa,
                "status_after": r[f"status_{after_year}"],
                "implied": implied, "implied_qualifier": how, "single_source": " ".join(map(str, single)),
                "stated": None if s_ is None else s_["stated"], "stated_status": None if s_ is None else s_["status"],
            })
    table = pd.DataFrame(rows, columns=YOY_COLUMNS)
    for column in ("implied", "stated", "value_before", "value_after"):
        table[column] = pd.Series(list(table[column]), dtype=object, index=table.index)
    return table


YOY_COLUMNS = ["figure", "metric_en", "metric_ar", "unit", "before_year", "after_year", "value_before",
               "qualifier_before", "status_before", "value_after", "qualifier_after", "status_after", "implied",
               "implied_qualifier", "single_source", "stated", "stated_status"]


def trends(panel: pd.DataFrame, sections, most: int = 8) -> list[dict]:
    """The main figures of ``sections`` over the report years, for small multiples: the levels (counts, weights,
    amounts; not percents, ranks or years) stated by the most reports, at most ``most``, in the curation's order.
    A figure that continues another under a new definition (``continues``) is drawn with it in one panel, the
    earlier definition's years marked. Each entry: figure, labels, and per year value, qualifier, whether it rests
    on a single source, and whether it counts under the earlier definition; a year no source states is None."""
    rows = _select(panel, sections)
    rows = rows[(rows["kind"] == "level") & rows["unit"].isin(["count", "kg", "MAD", "EUR", "USD", "GBP"])]
    continued = {r["continues"]: r["figure"] for r in rows.to_dict("records") if r["continues"]}
    records = {r["figure"]: r for r in panel.to_dict("records")}
    chosen = []
    for r in rows.to_dict("records"):
        if r["figure"] in continued:  # drawn in the panel of the figure that continues it
            continue
        earlier = records.get(r["continues"]) if r["continues"] else None
        stated = int(r["years_stated"]) + (int(earlier["years_stated"]) if earlier else 0)
        chosen.append((stated, r, earlier))
    chosen.sort(key=lambda entry: -entry[0])  # stable: the curation's order among equals
    out = []
    for stated, r, earlier in chosen[:most]:
        if stated < 2:
            continue
        years = []
        for year in YEARS:
            own = r[f"status_{year}"] != "not_stated"
            source = r if own or earlier is None else earlier
            value = source[f"value_{year}"]
            years.append({"year": year, "value": None if pd.isna(value) else whole(value),
                          "qualifier": source[f"qualifier_{year}"] or None,
                          "single_source": source[f"status_{year}"] == "single_source",
                          "unsettled": source[f"status_{year}"] == "conflict" and pd.isna(value),
                          "earlier_definition": not own and earlier is not None
                          and earlier[f"status_{year}"] != "not_stated"})
        out.append({"figure": r["figure"], "metric_ar": r["metric_ar"], "metric_en": r["metric_en"],
                    "unit": r["unit"], "continues": r["continues"], "years": years})
    return out


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


def _caveat(qualifier: str | None, single: str, lang: str) -> str:
    """The caveat a computed change carries, by one rule: computed from an approximation or a bound (its
    qualifier), resting on a single source (its years). Empty for an exact change from confirmed values."""
    parts = []
    if qualifier and qualifier != "exact":
        parts.append(labels.value_label("checks", "recomputed_qualifier", qualifier).meaning(lang).rstrip("."))
    if single:
        years = single.split()
        if len(years) == 1:
            parts.append(f"القيمة المنشورة سنة {years[0]} من مصدر واحد" if lang == "ar" else
                         f"the {years[0]} value rests on a single source")
        else:
            parts.append(f"قيمتا {years[0]} و{years[1]} من مصدر واحد لكل منهما" if lang == "ar" else
                         f"the {years[0]} and {years[1]} values rest on a single source each")
    return ("، ".join(parts) if lang == "ar" else "; ".join(parts))


def change_phrase(row: dict, lang: str) -> str:
    """An implied change as a sentence says it, with its caveat in brackets: "+17.6% (about: computed from an
    approximation)"."""
    text = wording.qualified(wording.percent(float(row["implied"]), lang, 1, signed=True),
                             row["implied_qualifier"] or "exact", lang, "checks", "recomputed_qualifier")
    caveat = _caveat(row["implied_qualifier"], row["single_source"], lang)
    return f"{text} ({caveat})" if caveat else text


def summary(report_figures: pd.DataFrame, stated_changes: pd.DataFrame, observations: pd.DataFrame,
            sections) -> tuple[str, str]:
    """What the data say about ``sections``, as bullet lists in Arabic and in English (for ``notebook.say``):
    how many figures each report gives and their statuses, the largest changes the levels imply between two
    consecutive reports (with the caveat of an approximation, a bound or a single source, by ``_caveat``), the
    stated changes against the levels, and the figures the outlets disagree on. Every number comes from the
    tables."""
    rows = _select(report_figures, sections)
    ar, en = [], []

    def n(x, lang):
        return wording.number(x, lang)

    def status_words(resource, field, value, lang):
        return labels.value_label(resource, field, value).label(lang)

    counts_by_year = [(y, rows[rows["report_year"] == y]["status"].value_counts()) for y in reversed(YEARS)]
    for year, counts in counts_by_year:
        if counts.empty:
            ar.append(f"تقرير {year}: لا تذكر الصحافة أي رقم من هذا الجزء.")
            en.append(f"{year} report: the press states no figure of this part.")
            continue
        order = [s for s in labels.value_labels("report_figures", "status") if s in counts]
        ar.append(f"تقرير {year}: {wording.count(int(counts.sum()), 'figures', 'ar')}؛ " + "، ".join(
            f"{n(counts[s], 'ar')} {status_words('report_figures', 'status', s, 'ar')}" for s in order) + ".")
        en.append(f"{year} report: {wording.count(int(counts.sum()), 'figures', 'en')}; " + ", ".join(
            f"{n(counts[s], 'en')} {status_words('report_figures', 'status', s, 'en')}" for s in order) + ".")
    yoy = year_on_year(report_figures, stated_changes, sections)
    computed = yoy[yoy["implied"].notna()]
    if len(computed):
        up = computed.loc[computed["implied"].astype(float).idxmax()]
        down = computed.loc[computed["implied"].astype(float).idxmin()]
        ar.append(f"أكبر تغير صعودا بين تقريرين متتاليين: {up['metric_ar']}، {up['before_year']}-{up['after_year']}: "
                  f"{change_phrase(up, 'ar')}؛ وأكبر تغير نزولا: {down['metric_ar']}، "
                  f"{down['before_year']}-{down['after_year']}: {change_phrase(down, 'ar')}.")
        en.append(f"The largest change up between two consecutive reports: {up['metric_en']}, "
                  f"{up['before_year']}-{up['after_year']}: {change_phrase(up, 'en')}; the largest change down: "
                  f"{down['metric_en']}, {down['before_year']}-{down['after_year']}: {change_phrase(down, 'en')}.")
    changes = _select(stated_changes, sections)
    changes = changes[changes["before_from"] == "previous_report"]
    labels_of = {r["figure"]: (r["metric_en"], r["metric_ar"]) for r in report_figures.to_dict("records")}
    if len(changes):
        counts = changes["status"].value_counts()
        order = [s for s in labels.value_labels("stated_changes", "status") if s in counts]
        ar.append("التغيرات التي تعلنها التقارير مقارنة بمستويات التقرير السابق: " + "، ".join(
            f"{n(counts[s], 'ar')} {status_words('stated_changes', 'status', s, 'ar')}" for s in order) + ".")
        en.append("Changes the reports state, against the previous report's levels: " + ", ".join(
            f"{n(counts[s], 'en')} {status_words('stated_changes', 'status', s, 'en')}" for s in order) + ".")
        for r in changes[changes["status"] == "inconsistent"].to_dict("records"):
            places = decimals(r["stated"])
            ar.append(f"{r['metric_ar']}: يعلن تقرير {r['report_year']} "
                      f"{wording.percent(float(r['stated']), 'ar', places, signed=True)}، ومستويات التقريرين تقتضي "
                      f"{wording.percent(float(r['implied']), 'ar', 1, signed=True)}.")
            en.append(f"{r['metric_en']}: the {r['report_year']} report states "
                      f"{wording.percent(float(r['stated']), 'en', places, signed=True)}; the two reports' levels "
                      f"imply {wording.percent(float(r['implied']), 'en', 1, signed=True)}.")
            others = [f for f in (r["matches_other"] or "").split() if f]
            if others:
                names_ar = "، ".join(labels_of[f][1] for f in others)
                names_en = "; ".join(labels_of[f][0] for f in others)
                ar[-1] += f" النسبة المعلنة توافق تغير رقم آخر: {names_ar}."
                en[-1] += f" The stated percent fits the change of another figure: {names_en}."
    conflict = rows[rows["status"] == "conflict"]
    rounded = rows[rows["status"] == "rounded_only"]
    if len(conflict):
        ar.append("تختلف المنابر على: " + "، ".join(f"{r['metric_ar']} ({r['report_year']})"
                                                    for r in conflict.to_dict("records")) + ".")
        en.append("The outlets disagree on: " + "; ".join(f"{r['metric_en']} ({r['report_year']})"
                                                          for r in conflict.to_dict("records")) + ".")
    elif len(rounded):
        ar.append(f"لا تختلف المنابر على أي رقم من هذا الجزء إلا في التقريب "
                  f"({wording.count(len(rounded), 'figures', 'ar')}).")
        en.append(f"The outlets disagree on no figure of this part except by rounding "
                  f"({wording.count(len(rounded), 'figures', 'en')}).")
    else:
        ar.append("لا تختلف المنابر على أي رقم من هذا الجزء، ولا في التقريب.")
        en.append("The outlets disagree on no figure of this part, not even by rounding.")
    return "\n".join(f"- {line}" for line in ar), "\n".join(f"- {line}" for line in en)


def figures_stated(panel: pd.DataFrame) -> pd.DataFrame:
    """Per section (in the data package's order) and report year: how many figures the coverage states."""
    order = list(schema.allowed("sections", "section"))
    rows = []
    for section in order:
        part = panel[panel["section"] == section]
        if part.empty:
            continue
        rows.append({"section": section, **{str(y): int((part[f"status_{y}"] != "not_stated").sum()) for y in YEARS}})
    return pd.DataFrame(rows)


def headlines(report_figures: pd.DataFrame, curation: Curation) -> pd.DataFrame:
    """One headline figure per section (data/curated/headlines.csv), with its value in every report year as
    reconciled, in the sections' order of the data package."""

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


# ---------------------------------------------------------------------------------------------------------------
# Small questions a notebook's findings ask of the tables (each returns None where the data have no answer, so a
# finding resting on a missing value fails instead of passing).

def change(yoy: pd.DataFrame, figure: str, after_year: int | None = None) -> float | None:
    """The change the levels of ``figure`` imply between two consecutive reports (the latest pair, or the one
    ending in ``after_year``), in percent; None when not computed."""
    rows = yoy[yoy["figure"] == figure]
    if after_year is None and len(rows):
        after_year = int(rows["after_year"].max())
    rows = rows[rows["after_year"] == after_year]
    if rows.empty or rows.iloc[0]["implied"] is None or pd.isna(rows.iloc[0]["implied"]):
        return None
    return float(rows.iloc[0]["implied"])


def status_of(report_figures: pd.DataFrame, figure: str, year: int) -> str:
    """A figure's status in one report year, or ``not_stated``."""
    rows = report_figures[(report_figures["figure"] == figure) & (report_figures["report_year"] == year)]
    return "not_stated" if rows.empty else str(rows.iloc[0]["status"])


def stated_changes_of(stated_changes: pd.DataFrame, sections) -> pd.DataFrame:
    """The stated changes of ``sections``, every report and comparison, latest report first."""
    rows = _select(stated_changes, sections)
    return rows.sort_values(["report_year", "figure", "before_from"], ascending=[False, True, False],
                            kind="stable").reset_index(drop=True)


def levels(report_figures: pd.DataFrame, figure: str) -> dict[int, float] | None:
    """The values of ``figure`` report by report, for the reports that state one (report year: value, in year
    order; qualifiers are in the tables); None when no report does."""
    rows = report_figures[(report_figures["figure"] == figure) & report_figures["value"].notna()]
    if rows.empty:
        return None
    rows = rows.sort_values("report_year", kind="stable")
    return {int(y): float(v) for y, v in zip(rows["report_year"], rows["value"])}


def steps(yoy: pd.DataFrame, figure: str) -> dict[int, float] | None:
    """The changes the levels of ``figure`` imply between consecutive reports (year_on_year), by the later
    report's year, in year order, in percent: only those computed; None when none is."""
    rows = yoy[(yoy["figure"] == figure) & yoy["implied"].notna()].sort_values("after_year", kind="stable")
    if rows.empty:
        return None
    return {int(y): float(v) for y, v in zip(rows["after_year"], rows["implied"])}


def adds_up(compositions: pd.DataFrame, total: str, breakdown: str | None = None) -> dict[int, str] | None:
    """How the parts of ``total`` compare with it (the verdict of :func:`compositions`), by report year, in year
    order; ``breakdown`` names one way of dividing it, and must when the total has several. None when no report
    states its parts."""
    rows = compositions[compositions["total"] == total]
    if breakdown is not None:
        rows = rows[rows["breakdown"] == breakdown]
    elif rows["breakdown"].nunique() > 1:
        raise ValueError(f"adds_up({total!r}): name the breakdown, one of {sorted(set(rows['breakdown']))}")
    if rows.empty:
        return None
    rows = rows.sort_values("report_year", kind="stable")
    return {int(y): str(v) for y, v in zip(rows["report_year"], rows["adds_up"])}


def stated_status(stated_changes: pd.DataFrame, figure: str, year: int,
                  before_from: str = "previous_report") -> str | None:
    """The status of the change ``figure`` that the ``year`` report states, against the previous report's level
    (``before_from="cited"``: against the level the report itself cites); None when it states none."""
    rows = stated_changes[(stated_changes["figure"] == figure) & (stated_changes["report_year"] == year)
                          & (stated_changes["before_from"] == before_from)]
    return None if rows.empty else str(rows.iloc[0]["status"])
