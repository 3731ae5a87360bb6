"""Time to read and reconcile every observation of the whole report.  Run: ``make bench``.

Steps, each timed separately (best of three, after one warm-up run so that imports are not counted):

- load: the press file read and validated (checksum, Frictionless schema) and the curated files loaded;
- read: every figure text read by the quantity reader (value, unit, qualifier, direction);
- reconcile: independent sources, values, statuses, likely causes; and the stated changes.

Prints a table; asserts nothing (the issue's aim is under 1 s for reading and reconciling).
"""
from __future__ import annotations

import time
from collections import defaultdict

import helpers.datapackage.curation as metrics
from helpers.build.changes import build_stated_changes
from helpers.build.figures import build_figures
from helpers.build.observations import _reconcile_all, _report_figures, article_observations, press_observations
from helpers.build.reconcile import Obs, copy_clusters
from helpers.datapackage.article import load_report
from helpers.datapackage.curation import load_curation
from helpers.datapackage.press import load_press


def best(fn, runs: int = 3) -> tuple[float, object]:
    fn()
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    report = load_report()
    figures = build_figures(report)
    def load():
        metrics._load.cache_clear()  # the curated files are cached per process: time reading them
        return load_press(), load_curation()

    load_time, (rows, curation) = best(load)
    read_time, observations = best(lambda: article_observations(curation, report, figures)
                                   + press_observations(curation, rows))

    def reconcile_all():
        obs = [Obs(obs=r["obs"], report_year=r["report_year"], figure=r["figure"], outlet=r["outlet"],
                   page=r["url"] or r["outlet"], quote=r["quote"], value=r["value"], qualifier=r["qualifier"],
                   direction=r["direction"]) for r in observations]
        clusters = copy_clusters(obs)
        groups = defaultdict(list)
        for o in obs:
            o.copy_cluster = clusters.get(o.page, "")
            groups[(o.report_year, o.figure)].append(o)
        table = _report_figures(_reconcile_all(groups, curation), curation)
        return table, build_stated_changes(table, curation)

    reconcile_time, (table, changes) = best(reconcile_all)
    print(f"{len(observations)} observations, {len(table)} report figures, {len(changes)} stated changes")
    print(f"{'step':<12}{'seconds':>10}")
    for name, seconds in (("load", load_time), ("read", read_time), ("reconcile", reconcile_time)):
        print(f"{name:<12}{seconds:>10.3f}")
    print(f"{'read + reconcile':<12}{read_time + reconcile_time:>6.3f}  (aim: under 1 s)")


if __name__ == "__main__":
    main()
