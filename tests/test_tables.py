"""helpers.presentation.tables: readable, bilingual, deterministic tables for JupyterLab and the site."""
import re

import pytest

from helpers.analysis.series import total_changes, uncertainty
from helpers.build.load import load_checks, load_exclusions, load_figures, load_series
from helpers.build.series import accounting
from helpers.language.labels import Bilingual
from helpers.presentation import article_tables, tables

FIGURES = load_figures()
SERIES = load_series()
CHECKS = load_checks()

BUILDERS = {
    "figures": lambda: article_tables.figures_table(FIGURES, context=True),
    "checks": lambda: article_tables.checks_table(CHECKS),
    "statuses": lambda: article_tables.statuses_table(),
    "counts": lambda: article_tables.counts_table(FIGURES["qualifier"], "الصيغة", "Qualifier", "figures", "qualifier"),
    "shares": lambda: article_tables.shares_table(FIGURES, ["media.communiques", "media.reportages", "media.digital_contents"]),
    "series": lambda: article_tables.series_table(SERIES),
    "uncertainty": lambda: article_tables.uncertainty_table(uncertainty(SERIES)),
    "accounting": lambda: article_tables.accounting_table(accounting(SERIES)),
    "changes": lambda: article_tables.changes_table(total_changes(SERIES)),
    "exclusions": lambda: article_tables.exclusions_table(load_exclusions()),
}
TAG = re.compile(r"<(td|th)\b([^>]*)>")


@pytest.mark.parametrize("name", BUILDERS)
def test_rendering_is_deterministic(name):
    first, second = BUILDERS[name](), BUILDERS[name]()
    assert first._repr_html_() == second._repr_html_() and repr(first) == repr(second)
    assert not re.search(r"\bid=|uuid|T_[0-9a-f]{5}", first._repr_html_())


@pytest.mark.parametrize("name", BUILDERS)
def test_no_placeholder_and_no_truncation(name):
    table = BUILDERS[name]()
    for text in (table._repr_html_(), repr(table)):
        assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b|<NA>|&lt;NA&gt;|…|\.\.\.$", text, re.M), name


@pytest.mark.parametrize("name", BUILDERS)
def test_every_cell_says_its_direction_and_every_header_is_bilingual(name):
    table = BUILDERS[name]()
    html = table._repr_html_()
    assert all("dir=" in attributes for _, attributes in TAG.findall(html))
    assert all(h.en and re.search("[\u0600-\u06ff]", h.ar) for h in table.headers)
    assert "<style" not in html  # inline styles only: JupyterLab keeps them in untrusted notebooks


def test_numbers_are_grouped_and_empty_cells_are_empty():
    table = article_tables.figures_table(FIGURES, ids=["open_days.visitors", "media.denials"])
    assert table.column("Value") == ["2,400,000", "29"]
    assert table.column("Qualifier")[1] == ""  # exact: no word
    checks = article_tables.checks_table(CHECKS, ids=["fake_news.sharp_decline", "fake_news.denials_fell"])
    assert checks.column("Published") == ["", ""]
    assert checks.column("Recomputed") == ["", "\u221227.5%"]


def test_percentages_carry_a_percent_sign():
    shares = article_tables.shares_table(FIGURES, ["social_media.followers_x", "social_media.followers_facebook"])
    assert all(re.fullmatch(r"\d+\.\d%", cell) for cell in shares.column("Share of the sum"))


def test_dates_statuses_and_qualifiers_are_in_words():
    table = article_tables.figures_table(FIGURES, ids=["open_days.visitors"])
    assert table.column("Period") == [Bilingual("17-21 ماي 2025", "17-21 May 2025")]
    assert table.column("Qualifier") == [Bilingual("حوالي", "about")]
    status = article_tables.checks_table(CHECKS, ids=["open_days.record"]).column("Status")[0]
    assert status == Bilingual("متسق، بأرقام من مصدر واحد", "consistent, on single-source figures")


def test_bounds_in_the_changes_table():
    changes = article_tables.changes_table(total_changes(SERIES))
    assert changes.column("Change")[:1] == ["at least 865"]
    assert "at most 1,042" in changes.column("Change")


def test_html_escapes_cell_text():
    table = tables.Table([Bilingual("نص", "Text")], [["<b>&</b>"]], ["text"])
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in table._repr_html_()


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="one cell per header"):
        tables.Table([Bilingual("أ", "A")], [["1", "2"]], ["text"])


@pytest.mark.parametrize("text, marked", [("طن و948 كيلوغراماً", True), ("1,9 tonne", False), ("779 ألف", True)])
def test_free_text_that_begins_in_arabic_is_marked_arabic(text, marked):
    """An outlet's words in a 'text' column: the cell says lang="ar" when its first letter is Arabic."""
    html = tables.Table([tables.Bilingual("كما نُشر", "As printed")], [[text]], ["text"])._repr_html_()
    assert ('lang="ar"' in html.split("<tbody>")[1]) is marked
