"""What every notebook needs first, in one call, and text output in both languages.

    from helpers.notebook import say, setup

    data = setup("10-drugs", sections=["drugs"])   # chart style and fonts; the checked data, loaded on first use
    data.report_figures, data.observations, data.stated_changes, data.curation   # the whole report
    data.figures, data.exclusions, data.checks, data.series, data.report         # the article
    data.title_ar, data.title_en, data.press_source   # the notebook's sections, named; the source line of its charts
    data.show(fig, "changes")                         # the chart saved as figures/10-changes.* and displayed

``setup`` knows its notebook: the number of its name starts every chart it writes, and the names of its sections
make the titles of its charts, so a notebook made from another as a template types neither.

``say(ar, en)`` shows a paragraph in Arabic and in English as Markdown: the Arabic inside
``<div dir="rtl" lang="ar">`` so that JupyterLab and the site lay it out right to left, the English after it. It
is how a notebook prints a sentence made from the data (instead of ``print``, whose plain text puts Arabic and
numbers in the wrong order).

``found(claim(ar, en, holds=...), ...)`` is a notebook's "What we found": each finding in both languages beside
the condition on the data that makes it true, evaluated when the notebook runs. When the data change so that a
finding no longer holds, the cell fails with one line naming it (so ``make html`` and nbval fail) instead of
showing a stale sentence:

    found(
        claim("ترتفع محجوزات الشيرا بقوة", "Cannabis-resin seizures rise strongly",
              holds=sections.change(yoy, "drugs.hashish_seized") > 20),
    )
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy

from helpers.build import load
from helpers.build.series import series_citation
from helpers.datapackage.article import load_report
from helpers.datapackage.curation import load_curation
from helpers.language import labels
from helpers.language.bidi import check_pair, isolate
from helpers.language.wording import citation
from helpers.presentation import charts
from helpers.presentation.report_charts import press_source

NAME = re.compile(r"^(\d{2})-[a-z0-9-]+$")


class Data:
    """The collection's data, each table loaded (and verified) when first used; the notebook's own names."""

    def __init__(self, name: str, sections: tuple[str, ...] = ()):
        match = NAME.match(name)
        if match is None:
            raise ValueError(f"setup({name!r}): give the notebook's file name without .ipynb, e.g. '10-drugs'")
        self.name, self.number, self.sections = name, match.group(1), tuple(sections)
        for section in self.sections:
            labels.section_name(section, "en")  # an unknown section fails here, naming it

    # --- the article (the 2025 communication section, in full) --------------------------------------------------
    @cached_property
    def report(self):
        return load_report()

    @cached_property
    def figures(self):
        return load.load_figures()

    @cached_property
    def exclusions(self):
        return load.load_exclusions()

    @cached_property
    def series(self):
        return load.load_series()

    @cached_property
    def checks(self):
        return load.load_checks()

    # --- the whole report: every outlet's figures, reconciled --------------------------------------------------
    @cached_property
    def observations(self):
        return load.load_observations()

    @cached_property
    def report_figures(self):
        return load.load_report_figures()

    @cached_property
    def stated_changes(self):
        return load.load_stated_changes()

    @cached_property
    def revisions(self):
        return load.load_revisions()

    @cached_property
    def panel(self):
        return load.load_panel()

    @cached_property
    def curation(self):
        return load_curation()

    # --- source lines --------------------------------------------------------------------------------------------
    @cached_property
    def source(self) -> tuple[str, str]:
        """The source line of a chart of the article, (Arabic, English)."""
        return citation()

    @cached_property
    def series_source(self) -> tuple[str, str]:
        """The source line of a chart of the series: this report and the other press reports."""
        return series_citation()

    @cached_property
    def press_source(self) -> tuple[str, str]:
        """The source line of a chart of the press: the outlets of this notebook's sections (all, when none)."""
        observations = self.observations
        if self.sections:
            observations = observations[observations["section"].isin(self.sections)]
        return press_source(observations)

    # --- the notebook's names ------------------------------------------------------------------------------------
    @property
    def title_ar(self) -> str:
        """The names of the notebook's sections, in Arabic ("المخدرات")."""
        return "، ".join(labels.section_name(s, "ar") for s in self.sections)

    @property
    def title_en(self) -> str:
        return ", ".join(labels.section_name(s, "en") for s in self.sections)

    def chart_name(self, short: str) -> str:
        """The file name of a chart of this notebook: its number, then ``short`` ("10-changes")."""
        return f"{self.number}-{short}"

    def show(self, fig, short: str, alt_ar: str | None = None, alt_en: str | None = None, **kwargs):
        """helpers.presentation.charts.show, the chart named by this notebook's number."""
        return charts.show(fig, self.chart_name(short), alt_ar, alt_en, **kwargs)


def setup(name: str, sections=()) -> Data:
    """Register the Arabic font and the chart style; return the data of notebook ``name``, loaded lazily."""
    charts.use_style()
    return Data(name, tuple(sections))


class Paragraph:
    """A paragraph in Arabic and English, displayed as Markdown (text/plain: both, each isolated)."""

    def __init__(self, ar: str, en: str):
        self.ar, self.en = ar.strip(), en.strip()
        check_pair(self.ar, self.en, "say(ar, en)")

    def _repr_markdown_(self) -> str:
        return f'<div dir="rtl" lang="ar">\n\n{self.ar}\n\n</div>\n\n{self.en}\n'

    def __repr__(self) -> str:
        return f"{isolate(self.ar, 'rtl')}\n{self.en}"


def say(ar: str, en: str) -> Paragraph:
    """A sentence made from the data, in both languages; the last value of a cell is displayed."""
    return Paragraph(ar, en)


class ClaimError(AssertionError):
    """A finding of a notebook that the data no longer bear out. ``str(err)`` is one line naming it."""


@dataclass(frozen=True)
class Claim:
    """One finding in both languages and whether the data bear it out (``holds``, computed in the notebook)."""

    ar: str
    en: str
    holds: bool

    def __post_init__(self):
        check_pair(self.ar, self.en, "claim(ar, en)")
        if not isinstance(self.holds, (bool, numpy.bool_)):
            raise TypeError(f"claim {self.en!r}: holds must be a condition (True or False), not {self.holds!r}")


def claim(ar: str, en: str, *, holds) -> Claim:
    """A finding and the condition on the data that makes it true (keyword ``holds``, so it cannot be swapped)."""
    return Claim(ar.strip(), en.strip(), bool(holds) if isinstance(holds, numpy.bool_) else holds)


def found(*claims: Claim) -> Paragraph:
    """The notebook's findings as bullets in both languages, after checking every one: ``ClaimError`` (one line)
    for the first whose condition no longer holds."""
    for c in claims:
        if not c.holds:
            raise ClaimError(f"a finding no longer holds (fix the sentence or the data): {c.en!r}")
    return Paragraph("\n".join(f"- {c.ar}" for c in claims), "\n".join(f"- {c.en}" for c in claims))
