"""Tables the notebooks show: figures with their quotes, published beside recomputed values, checks."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

AGREES = {True: "✓ agrees / مطابق", False: "✗ differs / غير مطابق"}


def figures_table(figures: pd.DataFrame, section: str | None = None, ids: Sequence[str] | None = None,
                  context: bool = False) -> pd.DataFrame:
    """Figures as the report states them: Arabic and English metric, value, qualifier, period, verbatim quote."""
    rows = figures.loc[list(ids)] if ids is not None else figures
    if section is not None:
        rows = rows[rows["section"] == section]
    table = pd.DataFrame({
        "المؤشر": rows["metric_ar"], "metric": rows["metric_en"], "value": rows["value"],
        "qualifier": rows["qualifier"], "period": rows["period"], "quote": rows["quote"],
        "offsets": [f"{s}-{e}" for s, e in zip(rows["start"], rows["end"])],
    })
    if context:
        table["context"] = rows["context"]
    return table.set_index(rows["id"].rename("id"))


def published_vs_recomputed(rows: Sequence[tuple[str, str, float | None, float]]) -> pd.DataFrame:
    """A table of (English, Arabic, published, recomputed): the report's value beside ours, and whether they agree.

    Integral values are shown as integers; a published value of None means the report states no number.
    """
    def whole(x):
        return None if x is None else int(x) if float(x).is_integer() else round(float(x), 2)

    table = pd.DataFrame([{
        "what": en, "البيان": ar, "published": whole(published), "recomputed": whole(recomputed),
        "difference": None if published is None else whole(recomputed - published),
        "agrees": "—" if published is None else AGREES[bool(recomputed == published)],
    } for en, ar, published, recomputed in rows])
    for column in ("published", "recomputed", "difference"):
        table[column] = table[column].astype(object)
    return table


def shares(values: pd.Series, labels: pd.Series | None = None) -> pd.DataFrame:
    """Each value and its share of the sum, in percent (one decimal)."""
    total = values.sum()
    table = pd.DataFrame({"value": values, "share_%": (values / total * 100).round(1)})
    if labels is not None:
        table.insert(0, "label", labels)
    return table


def checks_table(checks: pd.DataFrame, section: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """Checks with published and recomputed values and their status."""
    rows = checks
    if section is not None:
        rows = rows[rows["section"] == section]
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    columns = ["kind", "description_ar", "description_en", "published", "recomputed", "difference", "status"]
    return rows[columns].rename_axis("check")
