"""The site's findings: counts and the notable checks, read from the processed tables, in both languages."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from helpers.datapackage import schema
from helpers.datapackage.csvio import read_table
from helpers.language import labels, wording
from helpers.paths import PROCESSED


def _read_csv(processed: Path, resource: str) -> list[dict]:
    """A processed table through the door (schema, manifest), as strings."""
    return read_table(processed / schema.path(resource).name, resource)


def findings(processed: Path = PROCESSED) -> dict:
    """Counts and the notable checks, read from the processed tables (nothing typed here)."""
    observations = _read_csv(processed, "observations")
    report_figures = _read_csv(processed, "report_figures")
    changes = [r for r in _read_csv(processed, "stated_changes") if r["before_from"] == "previous_report"]
    revisions = _read_csv(processed, "revisions")
    checks = _read_csv(processed, "checks")
    article = [o for o in observations if o["source"] != "press-coverage.tsv"]
    press = [o for o in observations if o["source"] == "press-coverage.tsv"]
    return {
        "observations": len(press),
        "outlets": len({o["outlet"] for o in press}),
        "languages": Counter(o["lang"] for o in press),
        "article_figures": len(article),
        "report_figures": len(report_figures),
        "years": sorted({r["report_year"] for r in report_figures}),
        "sections": len({r["section"] for r in report_figures}),
        "statuses": Counter(r["status"] for r in report_figures),
        "changes": Counter(r["status"] for r in changes),
        "revisions": Counter(r["status"] for r in revisions),
        "differ": sum(o["agreement"] == "differs" for o in observations),
        # what is worth reading first: every check of the communication section that is not plainly consistent
        "notable": [row for row in checks if row["status"] != "consistent"],
    }


def finding_lines(facts: dict, lang: str) -> list[str]:
    """The index's findings in one language, every number from ``facts``."""
    def n(x):
        return wording.number(x, lang)

    def status(resource, value):
        return labels.value_label(resource, "status", value).label(lang)

    st, ch = facts["statuses"], facts["changes"]
    first, last = facts["years"][0], facts["years"][-1]
    revised = facts["revisions"]
    if lang == "en":
        lines = [
            f"{n(facts['observations'])} figures as {n(facts['outlets'])} Moroccan outlets printed them "
            f"({n(facts['languages']['ar'])} in Arabic, {n(facts['languages']['fr'])} in French), and the "
            f"{n(facts['article_figures'])} figures of the Ash24 article, read by code into "
            f"{n(facts['report_figures'])} figures of the {n(len(facts['years']))} reports {first}-{last} in "
            f"{n(facts['sections'])} sections.",
            "Reconciled across outlets: " + ", ".join(
                f"{n(st[v])} {status('report_figures', v)}" for v in ("agreed", "rounded_only", "conflict",
                                                                        "single_source")) +
            f"; {n(facts['differ'])} printed values differ from the value the report most likely published.",
            "Changes the reports state, against the previous report's levels: " + ", ".join(
                f"{n(ch[v])} {status('stated_changes', v)}" for v in ("consistent", "inconsistent", "not_checkable"))
            + ".",
            "Previous-year levels the reports cite, against the previous report: " + ", ".join(
                f"{n(revised[v])} {status('revisions', v)}" for v in ("same", "revised", "not_published",
                                                                      "not_comparable") if revised[v]) + ".",
        ]
        return lines + [f"**{row['claim_en']}** ({status('checks', row['status'])}). {row['basis_en']}"
                        for row in facts["notable"]]
    lines = [
        f"{wording.count(facts['observations'], 'figures', 'ar')} كما نشرتها "
        f"{wording.count(facts['outlets'], 'outlets', 'ar')} في المغرب ({n(facts['languages']['ar'])} بالعربية "
        f"و{n(facts['languages']['fr'])} بالفرنسية)، و{wording.count(facts['article_figures'], 'figures', 'ar')} "
        f"من مقال آش 24، قرأتها الشيفرة فصارت {wording.count(facts['report_figures'], 'figures', 'ar')} من "
        f"{wording.count(len(facts['years']), 'reports', 'ar')} ({first}-{last}) في {n(facts['sections'])} قسما.",
        "بعد المقارنة بين المنابر: " + "، ".join(
            f"{n(st[v])} {status('report_figures', v)}" for v in ("agreed", "rounded_only", "conflict",
                                                                    "single_source")) +
        f"؛ و{n(facts['differ'])} قيمة منشورة تخالف القيمة التي نشرها التقرير على الأرجح.",
        "التغيرات التي تعلنها التقارير مقارنة بمستويات التقرير السابق: " + "، ".join(
            f"{n(ch[v])} {status('stated_changes', v)}" for v in ("consistent", "inconsistent", "not_checkable"))
        + ".",
        "مستويات السنة السابقة التي تذكرها التقارير مقارنة بما نشره التقرير السابق: " + "، ".join(
            f"{n(revised[v])} {status('revisions', v)}" for v in ("same", "revised", "not_published",
                                                                  "not_comparable") if revised[v]) + ".",
    ]
    return lines + [f"**{row['claim_ar']}** ({status('checks', row['status'])}). {row['basis_ar']}"
                    for row in facts["notable"]]
