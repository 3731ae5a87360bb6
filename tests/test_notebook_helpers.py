"""helpers.notebook: one set-up call, sentences in both languages (Arabic right to left)."""
import matplotlib

from helpers import notebook
from helpers.presentation.chart_text import FONT_FAMILY


def test_setup_styles_the_charts_and_loads_the_data_when_asked():
    with matplotlib.rc_context():
        data = notebook.setup("01-open-days")
        assert matplotlib.rcParams["font.family"][0] == FONT_FAMILY
    assert "figures" not in vars(data)  # nothing loaded before it is used
    assert data.figures.at["media.activities_total", "value"] == 6862
    assert data.checks.at["fake_news.sharp_decline", "status"] == "not_checkable"
    assert data.source[1].startswith("Source: Ash24") and "series.csv" in data.series_source[1]


def test_say_puts_the_arabic_in_a_right_to_left_block_and_isolates_it_in_plain_text():
    said = notebook.say("زار المعرض 5 أشخاص.", "5 people came.")
    assert said._repr_markdown_() == '<div dir="rtl" lang="ar">\n\nزار المعرض 5 أشخاص.\n\n</div>\n\n5 people came.\n'
    assert repr(said) == "\u2067زار المعرض 5 أشخاص.\u2069\n5 people came."
