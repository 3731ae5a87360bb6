"""What showing a chart costs: the old way (save PNG and SVG, then let the inline backend draw a PNG again for
the notebook) against ``charts.show`` (one PNG rendered in memory, written, displayed; SVG only outside tests).

    python benchmarks/bench_charts.py [--repeat N]

Draws the notebook 08 panels chart and notebook 07's infographic; prints the median wall time of each way in ms.
Asserts nothing (a timed test would be flaky on a shared machine).
"""
from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from helpers.build.series import year_range, yearly
from helpers.language import wording
from helpers.language.labels import metric_label
from helpers.notebook import setup
from helpers.presentation import charts
from helpers.presentation.charts import Panel


def make_charts(data):
    series, figures = data.series, data.figures
    kinds = ["communiques_and_press_news", "reportages", "digital_contents", "denials"]
    years = year_range(series, kinds)
    panels = [Panel.from_yearly(metric_label(m).ar, metric_label(m).en, yearly(series, m, years)) for m in kinds]
    headline = ["open_days.visitors", "open_days.live_views", "media.activities_total", "social_media.followers_total",
                "outreach.pupils", "interpol.journalists", "fake_news.denials", "violent_content.detected",
                "outreach.associations"]
    return {
        "panels (08)": lambda: charts.year_panels(years, panels, title_ar="عنوان", title_en="Title",
                                                  source=data.series_source[0], source_en=data.series_source[1]),
        "key figures (07)": lambda: charts.key_figures(
            [(figures.at[i, "value"], wording.figure_caption(figures, i, "ar"), wording.figure_caption(figures, i, "en"),
              figures.at[i, "qualifier"]) for i in headline], title_ar="عنوان", title_en="Title",
            source=data.source[0], source_en=data.source[1]),
    }


def old_way(fig, folder: Path) -> None:
    charts.save(fig, "chart", folder=folder)                  # PNG and SVG at 200 dpi
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # what display(fig) draws for the notebook


def timed(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = setup()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print(f"{'chart':<18}{'old: save+display':>20}{'show png+svg':>15}{'show png (tests)':>18}  (median ms)")
        for name, make in make_charts(data).items():
            old = timed(lambda: old_way(make(), folder), args.repeat)
            both = timed(lambda: charts.show(make(), "chart", folder=folder, formats=("png", "svg")), args.repeat)
            png = timed(lambda: charts.show(make(), "chart", folder=folder, formats=("png",)), args.repeat)
            print(f"{name:<18}{old:>20.0f}{both:>15.0f}{png:>18.0f}")


if __name__ == "__main__":
    main()
