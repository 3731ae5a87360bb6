"""How the press reported the reports: outlets, languages, dates, agreement, errors, copies (notebook 16).

Every function reads observations.csv (and report-figures.csv) and returns a table; nothing is typed.
Rates are shares of the observations that can agree or not (those of figures with two or more independent
sources), so that single-source figures do not count as agreement.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pandas as pd

from helpers.build.reconcile import words as quote_words
from helpers.build.panel import report_years
from helpers.language import labels, wording

YEARS = tuple(report_years())

PRESS = "press-coverage.tsv"
COMPARABLE = ("agrees", "rounded", "differs")


def press(observations: pd.DataFrame) -> pd.DataFrame:
    """The press observations only (not the figures of the raw article)."""
    return observations[observations["source"] == PRESS]


def by_section(observations: pd.DataFrame, order) -> pd.DataFrame:
    """Per section: observations in Arabic and French, for each report, outlets and pages."""
    obs = press(observations)
    rows = []
    for section in order:
        part = obs[obs["section"] == section]
        if part.empty:
            continue
        rows.append({"section": section, "ar": int((part["lang"] == "ar").sum()), "fr": int((part["lang"] == "fr").sum()),
                     **{f"report_{y}": int((part["report_year"] == y).sum()) for y in YEARS},
                     "outlets": part["outlet"].nunique(), "pages": part["url"].nunique()})
    return pd.DataFrame(rows)


def by_year(observations: pd.DataFrame) -> pd.DataFrame:
    """Per report year: observations, in Arabic and French, outlets, pages and sections, with the agreement rates
    of that year's coverage (``agreement(observations, "report_year")``): is the coverage of 2020 as accurate as
    that of 2025?"""
    obs = press(observations)
    rows = []
    for year in YEARS:
        part = obs[obs["report_year"] == year]
        if part.empty:
            continue
        rows.append({"report_year": year, "observations": len(part), "ar": int((part["lang"] == "ar").sum()),
                     "fr": int((part["lang"] == "fr").sum()), "outlets": part["outlet"].nunique(),
                     "pages": part["url"].nunique(), "sections": part["section"].nunique()})
    return pd.DataFrame(rows).merge(agreement(observations, "report_year"), on="report_year", how="left")


def publication_dates(observations: pd.DataFrame) -> pd.DataFrame:
    """Pages by report and publication date (empty where the page shows none)."""
    pages = press(observations).drop_duplicates("url")
    table = pages.groupby(["report_year", "published"], dropna=False).size().rename("pages").reset_index()
    return table.sort_values(["report_year", "published"], kind="stable").reset_index(drop=True)


def outlets(observations: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: languages, pages, observations, figures, how its observations compare, its copy cluster, and
    whether it is an aggregator (a page republished under another outlet's name: domain/first path part)."""
    obs = press(observations)
    rows = []
    for outlet, part in obs.groupby("outlet"):
        counts = Counter(part["agreement"])
        comparable = sum(counts[a] for a in COMPARABLE)
        rows.append({
            "outlet": outlet, "languages": " ".join(sorted(set(part["lang"]))), "pages": part["url"].nunique(),
            "observations": len(part), "figures": part["figure"].nunique(),
            "agrees": counts["agrees"], "rounded": counts["rounded"], "differs": counts["differs"],
            "single": counts["single"],
            "differs_share": None if not comparable else round(100 * counts["differs"] / comparable, 1),
            "copy_cluster": next((c for c in part["copy_cluster"] if c), ""),
            "aggregator": "/" in outlet,
        })
    table = pd.DataFrame(rows)
    table["differs_share"] = pd.Series(list(table["differs_share"]), dtype=object, index=table.index)
    return table.sort_values(["observations", "outlet"], ascending=[False, True], kind="stable").reset_index(drop=True)


def agreement(observations: pd.DataFrame, by: str) -> pd.DataFrame:
    """How observations compare with the reconciled values, grouped by ``by`` (lang, section, report_year):
    counts of each agreement and the share that differ among those that can be compared."""
    obs = press(observations)
    rows = []
    for key, part in obs.groupby(by, sort=True):
        counts = Counter(part["agreement"])
        comparable = sum(counts[a] for a in COMPARABLE)
        rows.append({by: key, **{a: counts[a] for a in (*COMPARABLE, "single")}, "comparable": comparable,
                     "differs_share": None if not comparable else round(100 * counts["differs"] / comparable, 1),
                     "rounded_share": None if not comparable else round(100 * counts["rounded"] / comparable, 1)})
    table = pd.DataFrame(rows)
    for column in ("differs_share", "rounded_share"):
        table[column] = pd.Series(list(table[column]), dtype=object, index=table.index)
    return table


def differences(observations: pd.DataFrame, report_figures: pd.DataFrame) -> pd.DataFrame:
    """Every printed value that differs from the reconciled value, with the value, the likely cause and the
    figure's labels; ordered by cause."""
    obs = observations[observations["agreement"] == "differs"].reset_index(drop=True)
    values = report_figures.set_index(["report_year", "figure"])
    obs["reconciled"] = pd.Series([values.loc[(y, f), "value"] for y, f in zip(obs["report_year"], obs["figure"])],
                                  dtype=object, index=obs.index)
    obs["metric_en"] = [values.loc[(y, f), "metric_en"] for y, f in zip(obs["report_year"], obs["figure"])]
    obs["metric_ar"] = [values.loc[(y, f), "metric_ar"] for y, f in zip(obs["report_year"], obs["figure"])]
    obs["cause_order"] = [c or "~" for c in obs["cause"]]
    return obs.sort_values(["cause_order", "report_year", "figure", "obs"], kind="stable").drop(
        columns="cause_order").reset_index(drop=True)


def causes(observations: pd.DataFrame) -> pd.Series:
    """How many differing values each likely cause explains (and how many none does: '')."""
    differ = observations[observations["agreement"] == "differs"]
    return differ["cause"].fillna("").value_counts().sort_index()


def roundings(observations: pd.DataFrame, report_figures: pd.DataFrame) -> pd.DataFrame:
    """The rounded observations by how they round: 'truncated' (779 ألف of 779,008), 'rounded' (up or to the
    nearest), or 'bound' (أكثر من, plus de ...), with their qualifier."""

    obs = observations[observations["agreement"] == "rounded"].reset_index(drop=True)
    values = report_figures.set_index(["report_year", "figure"])["value"]
    kinds = []
    for r in obs.to_dict("records"):
        stated, value = Decimal(str(r["value"])), Decimal(str(values.loc[(r["report_year"], r["figure"])]))
        if r["qualifier"] in ("more_than", "less_than"):
            kinds.append("bound")
        elif stated < value:
            kinds.append("truncated")
        else:
            kinds.append("rounded")
    obs["how"] = kinds
    return obs


def rounding_example(rounded: pd.DataFrame, how: str, lang: str = "ar") -> str:
    """The outlet's own words for the first rounded observation of *lang* that rounds *how* (``roundings``): its
    figure text, and for a bound the two words before it that make it one ("أزيد من 25 ألف"), verbatim from its
    quote."""
    row = rounded[(rounded["how"] == how) & (rounded["lang"] == lang)].iloc[0]
    start = row["quote"].index(row["figure_text"])
    before = row["quote"][:start].split()[-2:] if how == "bound" else []
    return " ".join([*before, row["figure_text"]])


def copies(observations: pd.DataFrame) -> pd.DataFrame:
    """Pages that copy each other (helpers.build.reconcile.copy_clusters): per cluster its outlets, pages and the
    number of identical quotes they share."""
    obs = press(observations)
    rows = []
    for cluster, part in obs[obs["copy_cluster"] != ""].groupby("copy_cluster"):
        words = Counter(quote_words(q) for q in part["quote"])
        shared = sum(1 for w, n in words.items() if n > 1)
        rows.append({"cluster": cluster, "outlets": ", ".join(sorted(set(part["outlet"]))),
                     "pages": part["url"].nunique(), "observations": len(part), "identical_quotes": shared,
                     "report_year": " ".join(str(y) for y in sorted(set(part["report_year"])))})
    return pd.DataFrame(rows, columns=["cluster", "outlets", "pages", "observations", "identical_quotes",
                                       "report_year"])


def summary(observations: pd.DataFrame, report_figures: pd.DataFrame) -> tuple[str, str]:
    """The coverage in a few sentences, in Arabic and in English (bullets for ``notebook.say``)."""
    obs = press(observations)
    ar, en = [], []
    n_out, n_pages = obs["outlet"].nunique(), obs["url"].nunique()
    ar.append(f"{wording.count(len(obs), 'figures', 'ar')} في {wording.number(n_pages, 'ar')} صفحة من "
              f"{wording.count(n_out, 'outlets', 'ar')}.")
    en.append(f"{wording.count(len(obs), 'figures', 'en')} on {wording.number(n_pages, 'en')} pages of "
              f"{wording.count(n_out, 'outlets', 'en')}.")
    for by, names in (("lang", {"ar": ("بالعربية", "in Arabic"), "fr": ("بالفرنسية", "in French")}),
                      ("report_year", {y: (f"في تغطية تقرير {y}", f"in the coverage of the {y} report")
                                       for y in YEARS})):
        rates = agreement(observations, by)
        ar.append("القيم المختلفة عن قيمة التقرير من القيم القابلة للمقارنة: " + "، ".join(
            f"{wording.percent(float(r['differs_share']), 'ar', 1)} {names[r[by]][0]}" for r in rates.to_dict("records")) + ".")
        en.append("Values that differ from the report's, of those that can be compared: " + ", ".join(
            f"{wording.percent(float(r['differs_share']), 'en', 1)} {names[r[by]][1]}" for r in rates.to_dict("records")) + ".")
    counted = causes(observations)
    explained = counted[counted.index != ""]
    if len(explained):
        top = explained.sort_values(ascending=False, kind="stable")
        ar.append("أكثر الأسباب المرجحة للاختلاف: " + "، ".join(
            f"{labels.value_label('observations', 'cause', c).label('ar')} ({wording.number(int(k), 'ar')})"
            for c, k in top.head(3).items()) + f"؛ ولا يفسر أي سبب ظاهر {wording.number(int(counted.get('', 0)), 'ar')} منها.")
        en.append("The commonest likely causes: " + ", ".join(
            f"{labels.value_label('observations', 'cause', c).label('en')} ({wording.number(int(k), 'en')})"
            for c, k in top.head(3).items()) + f"; {wording.number(int(counted.get('', 0)), 'en')} have no cause the "
            "digits show.")
    clusters = copies(observations)
    aggregators = sorted({o for o in obs["outlet"] if "/" in o})
    ar.append(f"{wording.number(len(clusters), 'ar')} مجموعات من الصفحات ينسخ بعضها بعضا، و{wording.number(len(aggregators), 'ar')} "
              "صفحات مجمِّعة تعيد نشر منابر أخرى.")
    en.append(f"{wording.number(len(clusters), 'en')} clusters of pages copy one another, and "
              f"{wording.number(len(aggregators), 'en')} aggregator outlets republish others.")
    return "\n".join(f"- {x}" for x in ar), "\n".join(f"- {x}" for x in en)


def translated_copies(observations: pd.DataFrame, shared: int = 4) -> pd.DataFrame:
    """Pairs of pages in two languages that may be one dispatch translated: pages of one report, one in Arabic and
    one in French, not already copies of each other, published the same day (where both show a date), that print
    at least ``shared`` of the same figures with the same values in the same order. The independence rule counts
    such pages as two sources (it knows copies by identical words, and a translation has none in common); the
    column ``figures_counted_twice`` says how many figures of the pair rest on both as separate sources."""
    obs = press(observations).reset_index(drop=True)
    pages = {}
    for url, part in obs.groupby("url", sort=True):
        part = part.sort_values("obs", kind="stable")
        first = part.iloc[0]
        pages[url] = {"outlet": first["outlet"], "lang": first["lang"], "year": int(first["report_year"]),
                      "published": first["published"] if isinstance(first["published"], str) else "",
                      "cluster": first["copy_cluster"] if isinstance(first["copy_cluster"], str) else "",
                      "sequence": [(r["figure"], str(r["value"])) for r in part.to_dict("records")],
                      "groups": {r["figure"]: r["source_group"] for r in part.to_dict("records")}}
    rows = []
    urls = sorted(pages)
    for i, a in enumerate(urls):
        for b in urls[i + 1:]:
            pa, pb = pages[a], pages[b]
            if pa["lang"] == pb["lang"] or pa["year"] != pb["year"]:
                continue
            if pa["cluster"] and pa["cluster"] == pb["cluster"]:
                continue
            if pa["published"] and pb["published"] and pa["published"] != pb["published"]:
                continue
            common = set(pa["sequence"]) & set(pb["sequence"])
            if len(common) < shared:
                continue
            order_a = [x for x in pa["sequence"] if x in common]
            order_b = [x for x in pb["sequence"] if x in common]
            if order_a != order_b:
                continue
            twice = sum(pa["groups"][f] != pb["groups"][f] for f, _ in common)
            ar, fr = (pa, pb) if pa["lang"] == "ar" else (pb, pa)
            rows.append({"report_year": pa["year"], "outlet_ar": ar["outlet"], "outlet_fr": fr["outlet"],
                         "published": pa["published"] or pb["published"], "shared_values": len(common),
                         "figures_counted_twice": twice})
    return pd.DataFrame(rows, columns=["report_year", "outlet_ar", "outlet_fr", "published", "shared_values",
                                       "figures_counted_twice"])


def resting_on_translations(observations: pd.DataFrame, report_figures: pd.DataFrame,
                            pairs: pd.DataFrame) -> pd.DataFrame:
    """The report figures stated by exactly two independent sources that are one Arabic and one French page of a
    pair in ``pairs`` (helpers.analysis.coverage.translated_copies): if the two are one dispatch translated, these
    figures rest on one source, not two."""
    known = {(int(r["report_year"]), r["outlet_ar"], r["outlet_fr"]) for r in pairs.to_dict("records")}
    obs = press(observations).reset_index(drop=True)
    rows = []
    for r in report_figures[report_figures["independent_sources"] == 2].to_dict("records"):
        part = obs[(obs["report_year"] == r["report_year"]) & (obs["figure"] == r["figure"])]
        sides = [(g["lang"].iloc[0], g["outlet"].iloc[0]) for _, g in part.groupby("source_group", sort=True)]
        if len(sides) == 2 and {lang for lang, _ in sides} == {"ar", "fr"}:
            ar, fr = (sides[0][1], sides[1][1]) if sides[0][0] == "ar" else (sides[1][1], sides[0][1])
            if (int(r["report_year"]), ar, fr) in known:
                rows.append({"report_year": int(r["report_year"]), "figure": r["figure"], "metric_en": r["metric_en"],
                             "metric_ar": r["metric_ar"], "status": r["status"], "outlet_ar": ar, "outlet_fr": fr})
    return pd.DataFrame(rows, columns=["report_year", "figure", "metric_en", "metric_ar", "status", "outlet_ar",
                                       "outlet_fr"])
