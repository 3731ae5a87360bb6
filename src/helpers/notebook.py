"""What every notebook needs first, in one call, and text output in both languages.

    from helpers import charts, tables
    from helpers.notebook import say, setup

    data = setup()            # chart style and fonts; the checked data, loaded on first use
    figures = data.figures    # figures.csv, verified against the raw text
    data.checks, data.series, data.source, data.series_source, data.report
    data.observations, data.report_figures, data.stated_changes, data.curation   # the whole report

``say(ar, en)`` shows a paragraph in Arabic and in English as Markdown: the Arabic inside
``<div dir="rtl" lang="ar">`` so that JupyterLab and the site lay it out right to left, the English after it. It
is how a notebook prints a sentence made from the data (instead of ``print``, whose plain text puts Arabic and
numbers in the wrong order).
"""
from __future__ import annotations

from functools import cached_property

from . import charts


class Data:
    """The collection's data, each table loaded (and verified) when first used."""

    @cached_property
    def report(self):
        from .source import load_report
        return load_report()

    @cached_property
    def figures(self):
        from .figures import load_figures
        return load_figures(report=self.report)

    @cached_property
    def series(self):
        from .series import load_series
        return load_series()

    @cached_property
    def checks(self):
        from .checks import load_checks
        return load_checks(self.figures, report=self.report, series=self.series)

    # --- the whole report: every outlet's figures, reconciled (helpers.observations, helpers.datasets)
    @cached_property
    def observations(self):
        from .datasets import load_observations
        return load_observations()

    @cached_property
    def report_figures(self):
        from .datasets import load_report_figures
        return load_report_figures()

    @cached_property
    def stated_changes(self):
        from .datasets import load_stated_changes
        return load_stated_changes()

    @cached_property
    def curation(self):
        from .metrics import load_curation
        return load_curation()

    @cached_property
    def source(self) -> tuple[str, str]:
        """The source line of a chart of this report, (Arabic, English)."""
        from .source import citation
        return citation()

    @cached_property
    def series_source(self) -> tuple[str, str]:
        """The source line of a chart of the series: this report and the other press reports."""
        from .series import series_citation
        return series_citation()


def setup() -> Data:
    """Register the Arabic font and the chart style; return the data, loaded lazily."""
    charts.use_style()
    return Data()


class Bilingual:
    """A paragraph in Arabic and English, displayed as Markdown (text/plain: both, each isolated)."""

    def __init__(self, ar: str, en: str):
        self.ar, self.en = ar.strip(), en.strip()

    def _repr_markdown_(self) -> str:
        return f'<div dir="rtl" lang="ar">\n\n{self.ar}\n\n</div>\n\n{self.en}\n'

    def __repr__(self) -> str:
        from .arabic_text import isolate
        return f"{isolate(self.ar, 'rtl')}\n{self.en}"


def say(ar: str, en: str) -> Bilingual:
    """A sentence made from the data, in both languages; the last value of a cell is displayed."""
    return Bilingual(ar, en)
