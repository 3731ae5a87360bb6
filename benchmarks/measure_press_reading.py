"""How helpers.quantities.read_quantity reads the whole press coverage. Run:
``.venv/bin/python benchmarks/measure_press_reading.py``. Prints figures; asserts nothing (see tests/ for that).

Reads the project's copy, data/raw/press-coverage.tsv (o0001-o1273 for the 2025 and 2024 reports, o2xxx-o5xxx for
2023-2020). Each row is read as
helpers.observations reads it: with the unit and kind of its curated figure (data/curated/figure-hints.csv) when
its hint has one; otherwise the unit is guessed from the hint ("years" for a figure counted in years or an age,
else left to the quote's own words: a percent sign or words, a weight or a currency, else a count) and the row is
a change when its hint starts with "change in".

Prints: rows read whole and refused (old rows o0001-o1273 and new rows apart), every refusal with its reason, and
the reads a person checked by hand (HAND_CHECKED: the rows whose quotes looked odd or that the reader used to
misread), each with the reading a person gives the quote and what the reader gives now.
"""
from __future__ import annotations

import csv
import sys
from decimal import Decimal

from helpers.datapackage.curation import load_curation
from helpers.paths import RAW
from helpers.reading.quantities import QuantityError, read_quantity

PRESS = RAW / "press-coverage.tsv"

# obs: (value, unit, qualifier, direction, what the quote says). Read by a person from the quote; the direction
# is only asked for change figures. New rows first, then the old rows the fixes concern.
HAND_CHECKED: dict[str, tuple[str, str, str, str, str]] = {
    # French "d'environ": the elided "de" before the qualifier
    **{obs: (v, "percent", "about", d, "d'environ N %: about")
       for obs, v, d in [("o2019", "19", "down"), ("o2033", "19", "none"), ("o2088", "1", "up"),
                         ("o2102", "19", "none"), ("o2106", "1", "up"), ("o2120", "19", "none"),
                         ("o2126", "19", "none"), ("o2170", "19", "none"), ("o2179", "19", "down"),
                         ("o2187", "19", "none"), ("o2206", "23", "up"), ("o2231", "1", "up"),
                         ("o3075", "31", "up"), ("o4052", "15", "up"), ("o4070", "5", "down"),
                         ("o4117", "43", "up"), ("o4122", "15", "up"), ("o4228", "43", "up"),
                         ("o5128", "33", "up")]},
    "o2043": ("18", "percent", "exact", "up", "soit 18% de plus qu'en 2022: 18 % more"),
    "o5002": ("33", "percent", "exact", "up", "soit 33% de plus par rapport à 2019"),
    "o5102": ("33", "percent", "exact", "up", "soit 33% de plus par rapport à 2019"),
    "o2211": ("40", "years", "about", "none", "une moyenne d'âge d'environ 40 ans"),
    "o2212": ("6", "count", "exact", "none", "six (06) concours: six, restated in digits"),
    "o2638": ("1922.641", "kg", "exact", "none", "وطنا و922 كيلوغراما و641 غراما: and a tonne, 922 kg and 641 g"),
    "o2708": ("14", "percent", "about", "up", "ناهزت 14 فالمية: Darija في المية, about 14 percent"),
    "o3081": ("6.59", "percent", "less_than", "none", "n'a pas dépassé le seuil de 6,59%: an upper bound"),
    "o3089": ("6.59", "percent", "less_than", "none", "n'ont pas dépassé le seuil de 6,59%: an upper bound"),
    "o3104": ("98543000", "kg", "exact", "none", "98.543 tonnes: a dot before three digits groups thousands in "
                                                  "French (read_digits), nothing in the quote says otherwise; "
                                                  "the other outlets print 98,543 tonnes: an outlet's slip"),
    "o3117": ("30.22", "percent", "exact", "down", "بناقص %30،22: the Arabic comma as the decimal mark"),
    "o3119": ("94.34", "percent", "about", "none", "ناهز %94،34: about 94.34 percent"),
    "o3122": ("6.59", "percent", "only", "none", "لم تتجاوز ... سقف 6،59 بالمائة فقط: فقط after the number"),
    "o3166": ("40", "percent", "more_than", "none", "وبأكثر من 40 بالمائة: و and ب glued to أكثر من"),
    "o4006": ("95", "percent", "more_than", "none", "dépassant cette année 95%: a lower bound"),
    "o4113": ("95", "percent", "more_than", "none", "dépassant cette année 95%: a lower bound"),
    "o4031": ("65", "count", "exact", "none", "en plus de 65 véhicules: in addition to"),
    "o4049": ("4", "percent", "less_than", "none", "n'ont pas dépassé la barre de 4%"),
    "o4119": ("4", "percent", "less_than", "none", "n'ont pas dépassé la barre de 4%"),
    "o4063": ("4", "percent", "only", "none", "n'a atteint que 4 %: ne ... que, only"),
    "o4064": ("45829", "count", "exact", "none", "45 000 et 829 (the Arabic 45 ألف و829)"),
    "o4065": ("82950", "count", "exact", "none", "82 000 et 950 (the Arabic 82 ألف و950)"),
    "o4079": ("1153741", "count", "exact", "none", "مليونا و153 ألفا و741: a million (accusative), not two"),
    "o4080": ("1425102", "count", "exact", "none", "مليونا و425 ألفا و102: a million (accusative), not two"),
    "o4083": ("4", "percent", "less_than", "none", "ولم تتخط ... حاجز 4 في المائة: did not exceed"),
    "o4212": ("12", "percent", "exact", "down", "متراجعة بنسبة 12 بالمائة: falling by 12 percent"),
    # old rows
    "o0005": ("12", "percent", "about", "down", "ont baissé d'environ 12 %"),
    "o0006": ("12", "percent", "about", "none", "d'environ 12%"),
    "o0118": ("6", "percent", "less_than", "none", "ولم تتجاوز الجريمة العنيفة 6 %: did not exceed"),
    "o0124": ("6", "percent", "less_than", "none", "ولم تتجاوز الجريمة العنيفة 6 في المائة: did not exceed"),
    "o0121": ("6", "percent", "only", "none", "ne représente plus que 6 %: only"),
    "o0122": ("6", "percent", "only", "none", "ne représentent plus que 6 %: only"),
    "o0127": ("6", "percent", "only", "none", "ne représentent plus que 6%: only"),
    "o0128": ("6", "percent", "only", "none", "ne représentent plus que 6 %: only"),
    "o0760": ("1948000", "kg", "exact", "none", "1.948 tonnes: as o3104; the reconciler flags it (wrong_scale)"),
}


def rows() -> tuple[str, list[dict[str, str]]]:
    path = PRESS
    with open(path, encoding="utf-8", newline="") as f:
        return str(path), list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def unit_and_change(row: dict[str, str], curation) -> tuple[str | None, bool]:
    """The unit and kind helpers.observations would use; guessed from the hint for a hint with no figure yet."""
    if row["obs"] in curation.moved or (row["section"], row["metric_en"]) in curation.hints:
        metric = curation.metrics[curation.figure_of(row)]
        return metric["unit"], metric["kind"] == "change"
    hint = row["metric_en"].lower()
    unit = "years" if "years of" in hint or "average age" in hint else None
    return unit, hint.startswith("change in")


def main() -> int:
    path, table = rows()
    curation = load_curation()
    read: dict[str, tuple] = {}
    refused: list[tuple[str, str]] = []
    for row in table:
        unit, change = unit_and_change(row, curation)
        try:
            q = read_quantity(row["quote"], row["figure_text"], row["lang"], obs=row["obs"], unit=unit,
                              change=change)
        except QuantityError as err:
            refused.append((row["obs"], str(err)))
            continue
        read[row["obs"]] = (q.value, q.unit, q.qualifier, q.direction)
    old = {r["obs"] for r in table if r["obs"] <= "o1273"}
    new = {r["obs"] for r in table} - old
    print(f"source: {path} ({len(table)} rows: {len(old)} old o0001-o1273, {len(new)} new)")
    print(f"{'':8} {'rows':>6} {'read whole':>11} {'refused':>8}")
    for name, ids in (("old", old), ("new", new), ("all", old | new)):
        n_read = sum(obs in read for obs in ids)
        print(f"{name:8} {len(ids):>6} {n_read:>11} {len(ids) - n_read:>8}")
    print(f"\nrefused ({len(refused)}):")
    for obs, why in refused:
        print(f"  {why}")
    print(f"\nhand-checked reads ({len(HAND_CHECKED)}): expected (value unit qualifier direction) and what is read")
    agree = 0
    present = {r["obs"] for r in table}
    for obs, (value, unit, qualifier, direction, note) in HAND_CHECKED.items():
        if obs not in present:
            print(f"  {obs} absent  (not in {path})")
            continue
        got = read.get(obs)
        want = (Decimal(value), unit, qualifier, direction)
        ok = got == want
        agree += ok
        shown = " ".join(map(str, got)) if got else "refused"
        print(f"  {obs} {'ok     ' if ok else 'DIFFERS'} want {' '.join(map(str, want))}; read {shown}  -- {note}")
    print(f"hand-checked reads that agree: {agree} / {len(HAND_CHECKED)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
