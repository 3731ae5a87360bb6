"""Which number did the report publish? Observations of one figure reconciled across outlets.

The rules, applied to the observations of one (report year, figure):

**Independent sources.** Observations count as one source when they come from the same outlet, from pages that copy
each other (two pages sharing two or more identical quotes of that report: one republishes the other, or both
republish one dispatch), or when their quotes are the same words. Each group is a ``source_group``.

**Rounding.** A stated value *r* is consistent with a more precise value *p* when, at the place value *u* of r's
last non-zero digit (779 ألف: u = 1,000; 1,7 tonne: u = 100 kg; 66 %: u = 1), and u coarser than p's own:

- exact, only or about: r is p rounded half up, or p truncated (the press writes 779 ألف for 779,008 and
  101 مليون for 101,881,322);
- more_than ("أكثر من 1.26 مليون", "plus de 1 100"): r is p truncated (so r < p < r + u; "more than 731 kg" of
  1,731.558 kg is not consistent: a dropped tonne);
- less_than ("لم يتجاوز 7 %"): r is p rounded up (p < r < p + u).

**The value.** Candidates are the values stated without an approximation or bound (exact or only), keeping only
the most precise of those that are roundings of one another. One candidate: it is the value. Several: the most
precise value stated by at least two independent sources (16,053 kg, two sources, before 16,53 kg, four: "16 kg
and 53 g" misread as a decimal is the likelier slip); if no value has two sources, the one stated by the most; a
tie (same precision and support) leaves the value empty. Either way every value and its outlets are listed, and
nothing is dropped.

**Status.** ``single_source`` when one independent source states the figure; ``conflict`` when two candidates
remain or any observation is inconsistent with the value; ``agreed`` when every observation states the value;
``rounded_only`` when the others are roundings or bounds consistent with it. For a change, the direction is part
of the value: "+10 %" and "-10 %" differ.

**Agreement** of each observation: ``single``, or ``agrees`` / ``rounded`` / ``differs`` against the value; a
value that differs gets its likely ``cause`` from its digits (see :func:`likely_cause`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from itertools import combinations

from helpers.reading.arabic import normalise

QUALIFIER_ORDER = ("exact", "only", "about", "more_than", "less_than")  # preference when sources tie
COPY_MIN_SHARED = 2  # identical quotes two pages must share to count as copies


@dataclass
class Obs:
    """The part of an observation reconciliation needs."""

    obs: str
    report_year: int
    figure: str
    outlet: str
    page: str  # url, or the outlet for the raw article
    quote: str
    value: Decimal
    qualifier: str
    direction: str
    source_group: int = 0
    agreement: str = ""
    cause: str = ""
    cause_detail: str = ""
    copy_cluster: str = ""


@dataclass
class Reconciled:
    """One (report year, figure) after reconciliation."""

    value: Decimal | None
    qualifier: str
    direction: str
    status: str
    independent_sources: int
    supporting_sources: int
    values_stated: str
    note: str
    observations: list[Obs] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# Rounding
def place_value(v: Decimal) -> Decimal:
    """The place value of the last non-zero digit: 779000 -> 1000, 1700 -> 100, 66.02 -> 0.01, 0 -> 1."""
    if v == 0:
        return Decimal(1)
    return Decimal(1).scaleb(v.normalize().as_tuple().exponent)


def _at(p: Decimal, u: Decimal, rounding: str) -> Decimal:
    return (p / u).quantize(Decimal(1), rounding=rounding) * u


def consistent(stated: Decimal, qualifier: str, precise: Decimal) -> bool:
    """``stated`` (with its qualifier) is a rounding, truncation or bound of ``precise`` as the rules above say."""
    if stated == precise:
        return True
    u = place_value(stated)
    if u <= place_value(precise):
        return False  # as precise as p or more: a different number, not a rounding
    if qualifier == "more_than":
        return _at(precise, u, ROUND_FLOOR) == stated
    if qualifier == "less_than":
        return _at(precise, u, ROUND_CEILING) == stated
    return stated in (_at(precise, u, ROUND_HALF_UP), _at(precise, u, ROUND_FLOOR))


def relation(o: Obs, value: Decimal, direction: str) -> str:
    """'agrees', 'rounded' or 'differs': one observation against the figure's value (and direction, where the
    observation states one: a quote that names no direction does not contradict one)."""
    if o.direction != "none" and o.direction != direction:
        return "differs"
    if o.value == value:
        return "agrees"
    return "rounded" if consistent(o.value, o.qualifier, value) else "differs"


# ---------------------------------------------------------------------------------------------------------------
# Likely causes of a value that differs, read from its digits
def _digits(v: Decimal) -> str:
    return format(v.normalize(), "f").replace(".", "").lstrip("0") or "0"


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def likely_cause(stated: Decimal, value: Decimal, others: dict[str, Decimal],
                 qualifier: str = "exact") -> tuple[str, str]:
    """What probably turned ``value`` into ``stated``, as (cause, detail): a bound on the wrong side, a wrong scale
    (detail: the factor), a decimal slip, a zero dropped or added, dropped digits (detail: how many), one digit
    changed, two digits transposed, another figure's value or digits mixed with another figure's (detail: its id;
    a factor is what the printed value is multiplied by to give the value, ×1000 for thousands left out;
    ``others`` maps figure id -> value in the same report). ("", "") when nothing explains it. The causes are the
    values of observations.cause in the data package, with their words in data/curated/value-labels.csv."""
    if stated == value:
        return "", ""
    if qualifier == "more_than" and value < stated <= value + place_value(stated):
        return "bound_wrong_side", ""
    if qualifier == "less_than" and value - place_value(stated) <= stated < value:
        return "bound_wrong_side", ""
    for k in (3, 6, 9):
        for factor in (k, -k):
            if consistent(stated.scaleb(factor), "exact", value):
                return "wrong_scale", f"×{Decimal(1).scaleb(factor).normalize():f}"  # printed × factor = value
    for k in (1, 2):
        if stated.scaleb(k) == value or stated.scaleb(-k) == value:
            return "decimal_slip", f"×{Decimal(1).scaleb(k if stated.scaleb(k) == value else -k).normalize():f}"
    a, b = _digits(stated), _digits(value)
    if a.replace("0", "") == b.replace("0", ""):
        return "zero_dropped_or_added", ""
    if len(a) < len(b) and _is_subsequence(a, b):
        return "dropped_digits", str(len(b) - len(a))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return "changed_digit", ""
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "transposed_digits", ""
    same = sorted(f for f, v in others.items() if v == stated)
    if same:
        return "another_figure", " ".join(same)
    for f, other in sorted(others.items()):
        c = _digits(other)
        if len(c) == len(a) == len(b) and c != b and any(a == c[:k] + b[k:] or a == b[:k] + c[k:]
                                                         for k in range(1, len(a))):
            return "mixed_digits", f
    return "", ""


# ---------------------------------------------------------------------------------------------------------------
# Independence
def words(quote: str) -> str:
    """A quote's words only: no diacritics, tatweel, punctuation or case, single spaces."""
    return re.sub(r"[\W_]+", " ", normalise(quote)).strip().lower()


def copy_clusters(observations: list[Obs]) -> dict[str, str]:
    """Pages that copy each other: page -> the cluster's name (its first outlet, alphabetically); a page alone is
    absent. Two pages of one report year that share ``COPY_MIN_SHARED`` or more identical quotes are copies."""
    pages_by_quote: dict[tuple[int, str], set[str]] = defaultdict(set)
    outlet_of = {}
    for o in observations:
        pages_by_quote[(o.report_year, words(o.quote))].add(o.page)
        outlet_of[o.page] = o.outlet
    shared: Counter = Counter()
    for pages in pages_by_quote.values():
        for a, b in combinations(sorted(pages), 2):
            shared[(a, b)] += 1
    parent = {}

    def root(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), n in shared.items():
        if n >= COPY_MIN_SHARED:
            parent[root(a)] = root(b)
    members = defaultdict(list)
    for page in parent:
        members[root(page)].append(page)
    return {page: min(outlet_of[p] for p in pages) for pages in members.values() if len(pages) > 1
            for page in pages}


def _source_groups(group: list[Obs]) -> None:
    """Number the independent sources of one figure's observations (1, 2, ... in order of first observation)."""
    parent = list(range(len(group)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = defaultdict(list)
    for i, o in enumerate(group):
        keys[("outlet", o.outlet)].append(i)
        keys[("words", words(o.quote))].append(i)
        if o.copy_cluster:
            keys[("cluster", o.copy_cluster)].append(i)
    for members in keys.values():
        for i in members[1:]:
            parent[root(i)] = root(members[0])
    numbers: dict[int, int] = {}
    for i, o in enumerate(group):
        o.source_group = numbers.setdefault(root(i), len(numbers) + 1)


# ---------------------------------------------------------------------------------------------------------------
def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f")


def reconcile(group: list[Obs], others: dict[str, Decimal]) -> Reconciled:
    """Reconcile the observations of one (report year, figure); sets each observation's group and agreement.

    ``others`` holds the values of the report's other figures (for the likely causes of a differing value).
    """
    _source_groups(group)
    sources = {o.source_group for o in group}
    direction, direction_tie = _direction(group)
    precise_obs = [o for o in group if o.qualifier in ("exact", "only")] or group
    stated = sorted({o.value for o in precise_obs})
    candidates = [v for v in stated if not any(w != v and consistent(v, "exact", w) for w in stated)]
    support = {v: len({o.source_group for o in group if o.value == v}) for v in candidates}
    ranked, tie = _rank(candidates, support)
    value = None if tie else ranked[0]
    for o in group:
        o.cause, o.cause_detail = "", ""
        o.agreement = ("single" if len(sources) == 1 else "differs" if value is None else
                       relation(o, value, direction))
        if value is not None and relation(o, value, direction) == "differs":
            o.cause, o.cause_detail = (("direction", "") if consistent(o.value, o.qualifier, value) else
                                       likely_cause(o.value, value, others, o.qualifier))
    if len(sources) == 1:
        status = "single_source"
    elif len(candidates) > 1 or direction_tie or any(o.agreement == "differs" for o in group):
        status = "conflict"
    elif all(o.agreement == "agrees" for o in group):
        status = "agreed"
    else:
        status = "rounded_only"
    by_qualifier = Counter(q for q, _ in {(o.qualifier, o.source_group) for o in group if o.value == value})
    qualifier = min(by_qualifier, key=lambda q: (-by_qualifier[q], QUALIFIER_ORDER.index(q))) if by_qualifier else ""
    return Reconciled(
        value=value, qualifier=qualifier, direction=direction, status=status, independent_sources=len(sources),
        supporting_sources=support[value] if value is not None else 0, values_stated=_values_stated(group),
        note=_note(group, value, direction, status, tie, direction_tie, support, ranked), observations=group)


def _rank(candidates: list[Decimal], support: dict[Decimal, int]) -> tuple[list[Decimal], bool]:
    """Candidates best first, and whether the first two tie. Values stated by two or more independent sources come
    first, the most precise of them first (16,053 kg before 16,53 kg); then the others by their support."""
    def key(v):
        confirmed = support[v] >= 2
        return (not confirmed, place_value(v) if confirmed else 0, -support[v], v)

    ranked = sorted(candidates, key=key)
    tie = len(ranked) > 1 and key(ranked[0])[:3] == key(ranked[1])[:3]
    return ranked, tie


def _direction(group: list[Obs]) -> tuple[str, bool]:
    """The direction of a change stated by the most independent sources (quotes that state none abstain), and
    whether up and down tie."""
    votes = Counter(d for d, _ in {(o.direction, o.source_group) for o in group if o.direction != "none"})
    if not votes:
        return "none", False
    (first, n), *rest = votes.most_common()
    if rest and rest[0][1] == n:
        return "none", True
    return first, False


def _cause_words(o: Obs) -> str:
    """A likely cause in English for the note (tables show it in both languages from value-labels.csv)."""
    words = o.cause.replace("_", " ")
    return f"{words} {o.cause_detail}".strip()


def _signed(v: Decimal, direction: str) -> str:
    return {"up": "+", "down": "-"}.get(direction, "") + _fmt(v)


def _values_stated(group: list[Obs]) -> str:
    """'755541: 8 sources (7news.ma, ...) | 755: 1 source (x.ma)', most supported first."""
    by_value = defaultdict(list)
    for o in group:
        by_value[(o.value, o.direction, o.qualifier)].append(o)
    parts = []
    for (v, d, q), obs in sorted(by_value.items(), key=lambda kv: (-len({o.source_group for o in kv[1]}), kv[0])):
        n = len({o.source_group for o in obs})
        outlets = ", ".join(sorted({o.outlet for o in obs}))
        qual = "" if q == "exact" else f" ({q})"
        parts.append(f"{_signed(v, d)}{qual}: {n} source{'s' if n > 1 else ''} ({outlets})")
    return " | ".join(parts)


def _note(group, value, direction, status, tie, direction_tie, support, ranked) -> str:
    if status == "single_source":
        return "One independent source" + ("" if len(group) == 1 else f" ({len(group)} observations)")
    parts = []
    n = len({o.source_group for o in group})
    if tie:
        parts.append("Conflict: " + " and ".join(_fmt(v) for v in ranked[:2]) +
                     f" are each stated by {support[ranked[0]]} independent source(s); no value is chosen")
    elif support[value] >= 2:
        parts.append(f"The most precise value stated by two or more independent sources ({support[value]} of {n})")
    else:
        rounders = {o.source_group for o in group if value is not None and o.value != value
                    and o.source_group not in {g.source_group for g in group if g.value == value}
                    and consistent(o.value, o.qualifier, value)}
        if rounders:
            parts.append(f"The most precise value is stated by {support[value]} independent source(s) of {n}; "
                         f"{len(rounders)} other(s) state it rounded or as a bound")
        else:
            parts.append(f"No value is stated by two independent sources; the value stated by the most "
                         f"({support[value]} of {n})")
    if direction_tie:
        parts.append("as many independent sources say up as say down; no direction is chosen")
    differ = [o for o in group if value is not None and o.agreement == "differs"]
    if differ:
        parts.append("differs: " + "; ".join(
            f"{_signed(o.value, o.direction)} ({o.outlet}{': ' + _cause_words(o) if o.cause else ''})"
            for o in differ))
    return "; ".join(parts)
