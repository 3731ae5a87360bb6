"""helpers.presentation.chart_text: capability detection, prepare(), fonts and strict glyphs, numbers, labels."""
import re
import unicodedata

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.language.formats import format_number, format_percent, with_qualifier
from helpers.presentation import chart_text
from helpers.presentation.chart_text import prepare

MPL_VERSION = tuple(int(part) for part in matplotlib.__version__.split(".")[:2])
RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"


def skeleton(visual: str) -> str:
    """A visual-order string with every run of Arabic letters written as "A"."""
    return re.sub(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]+", "A", visual)


def native_visual_skeleton(text: str) -> str:
    """Left-to-right order in which matplotlib's own layout places *text*'s glyphs.

    Brackets are read from the glyph drawn (HarfBuzz mirrors them in right-to-left runs),
    everything else from the character; bidi marks (drawn as nothing) are dropped.
    """
    from matplotlib import _text_helpers
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(chart_text.font_path(400)))
    font.set_size(12, 72)
    glyphs = {"parenleft": "(", "parenright": ")"}
    out = []
    for item in sorted(_text_helpers.layout(text, font), key=lambda item: item.x):
        if item.char in (RLM, LRM, ALM):
            continue
        out.append(glyphs.get(font.get_glyph_name(item.glyph_index), item.char))
    return skeleton("".join(out))



@pytest.fixture(autouse=True)
def restore_rcparams():
    """setup() and use_style() change rcParams for good; keep other tests' rcParams intact."""
    with matplotlib.rc_context():
        yield

# --- capability detection and modes -------------------------------------------------

def test_native_shaping_is_measured_consistent_with_matplotlib_version():
    assert chart_text.NATIVE_SHAPING == (MPL_VERSION >= (3, 11))
    assert chart_text.shaping_mode() == ("native" if MPL_VERSION >= (3, 11) else "recipe")


def test_shaping_override_by_argument_and_environment(monkeypatch):
    monkeypatch.setenv(chart_text.SHAPING_ENV, "recipe")
    assert chart_text.shaping_mode() == "recipe"
    assert prepare("زوار") == "\ufead\ufe8d\ufeed\ufeaf"
    assert chart_text.shaping_mode("native") == "native"  # the argument wins
    monkeypatch.setenv(chart_text.SHAPING_ENV, "native")
    assert prepare("زوار") == "زوار"
    monkeypatch.setenv(chart_text.SHAPING_ENV, "auto")
    assert chart_text.shaping_mode() == ("native" if chart_text.NATIVE_SHAPING else "recipe")
    with pytest.raises(ValueError):
        chart_text.shaping_mode("reversed")


# --- prepare --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["زوار", "الأخبار الزائفة 2024 مقابل 2025", "إكس (تويتر سابقا)", "الإعلام"])
def test_native_mode_returns_the_logical_string(text):
    assert prepare(text, shaping="native") == text


@pytest.mark.parametrize("text, visual", [
    ("زوار", "\ufead\ufe8d\ufeed\ufeaf"),          # four isolated forms, last letter first
    ("بت", "\ufe96\ufe91"),                         # teh final, beh initial: joined
    ("لا", "\ufefb"),                               # lam-alef ligature
    ("الإعلام", "\ufee1\ufefc\ufecb\ufef9\ufe8d"),  # meem, lam-alef final, ain initial, lam-alef-hamza, alef
])
def test_recipe_mode_returns_joined_forms_in_visual_order(text, visual):
    assert prepare(text, shaping="recipe") == visual


# Where digits, Latin words and brackets must stand, reading the chart from left to right.
MIXED = [
    ("الأخبار الزائفة 2024 مقابل 2025", "2025 A 2024 A A"),
    ("إكس (تويتر سابقا)", "(A A) A"),
    ("بلغت 29 تكذيبا فقط", "A A 29 A"),
    ("حساب Instagram الرسمي", "A Instagram A"),
    ("Instagram إنستغرام", "A Instagram"),
    ("2024 مقابل 2025", "2025 A 2024"),
    ("نسبة 12,5% فقط", "A %12,5 A"),  # typed "%": Unicode bidi puts it on the left
    (f"نسبة {format_percent(12.5)} فقط", "A 12,5% A"),  # format_percent's marks keep it right
    (f"التغير {format_percent(-27.5, signed=True)}", "\u221227,5% A"),
    (f"زوار {format_number(-1200)}", "\u22121.200 A"),
]


@pytest.mark.parametrize("text, expected", MIXED)
def test_recipe_keeps_digits_latin_and_brackets_in_place(text, expected):
    visual = prepare(text, shaping="recipe")
    assert skeleton(visual) == expected
    assert not set(visual) & {RLM, LRM, ALM}


@pytest.mark.skipif(not chart_text.NATIVE_SHAPING, reason="needs matplotlib's own bidi layout")
@pytest.mark.parametrize("text, expected", MIXED)
def test_native_layout_keeps_digits_latin_and_brackets_in_place(text, expected):
    assert native_visual_skeleton(prepare(text, shaping="native")) == expected


def test_rtl_mark_only_where_the_first_strong_letter_is_latin():
    assert prepare("Instagram إنستغرام", shaping="native") == RLM + "Instagram إنستغرام"
    assert prepare("2024 مقابل 2025", shaping="native") == "2024 مقابل 2025"  # digits are weak


@pytest.mark.skipif(not chart_text.NATIVE_SHAPING, reason="needs matplotlib's own bidi layout")
def test_without_the_rtl_mark_libraqm_lays_a_latin_first_label_left_to_right():
    assert native_visual_skeleton("Instagram إنستغرام") == "Instagram A"


@pytest.mark.parametrize("shaping", ["native", "recipe"])
def test_text_without_arabic_is_untouched(shaping):
    for text in ["Instagram", "2.400.000", "≈420.000", "(X) 2024", ""]:
        assert prepare(text, shaping=shaping) == text
    assert prepare(LRM + "+5", shaping=shaping) == (LRM + "+5" if shaping == "native" else "+5")


@pytest.mark.parametrize("shaping", ["native", "recipe"])
def test_lines_are_prepared_one_by_one(shaping):
    lines = prepare("زوار\nVisitors", shaping=shaping).split("\n")
    assert lines == [prepare("زوار", shaping=shaping), "Visitors"]


def test_already_reshaped_text_is_refused():
    with pytest.raises(ValueError, match="presentation forms"):
        prepare(prepare("زوار", shaping="recipe"))


# --- font, setup, strict glyphs -------------------------------------------------------

def test_setup_registers_the_bundled_font_once():
    chart_text.setup()
    count = len(font_manager.fontManager.ttflist)
    chart_text.setup()
    assert len(font_manager.fontManager.ttflist) == count
    assert chart_text.check_font() == chart_text.font_path(400)
    assert matplotlib.rcParams["font.family"][:2] == [chart_text.FONT_FAMILY, "DejaVu Sans"]
    assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.rcParams["svg.hashsalt"]


ARABIC_LETTERS = "".join(chr(c) for c in range(0x0621, 0x064B) if unicodedata.category(chr(c)) == "Lo")
EVERY_CHARACTER = (ARABIC_LETTERS + "٠١٢٣٤٥٦٧٨٩٪٫٬،؛؟" + "0123456789"
                   + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + "()%.,:;+-−≈?«» ")


def draw(text: str) -> None:
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, text)
    fig.canvas.draw()


@pytest.mark.parametrize("shaping", ["native", "recipe"])
def test_no_glyph_missing_for_the_characters_charts_use(shaping):
    chart_text.setup()
    text = "فايسبوك " + EVERY_CHARACTER
    with chart_text.strict_glyphs():
        if shaping == chart_text.shaping_mode():
            draw(prepare(text))
    # The recipe's presentation forms (what older matplotlib draws) are all in the font.
    cmap = font_manager.get_font(chart_text.font_path(400)).get_charmap()
    missing = {ch for ch in prepare(text, shaping="recipe") if ord(ch) not in cmap}
    assert not missing


def test_strict_glyphs_turns_a_missing_glyph_into_an_error():
    chart_text.setup()
    with pytest.raises(UserWarning, match="missing from font"):
        with chart_text.strict_glyphs():
            draw("中")
    with pytest.warns(UserWarning, match="missing from font"):  # outside: a warning only
        draw("中")


# --- numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("args, kwargs, expected", [
    ((2400000,), {}, "2.400.000"),
    ((512523,), {}, "512.523"),
    ((1674,), {}, "1.674"),
    ((999,), {}, "999"),
    ((0,), {}, "0"),
    ((1268153,), {"sep": " "}, "1 268 153"),
    ((1268153,), {"sep": ""}, "1268153"),
    ((2400000,), {"digits": "arabic-indic"}, "٢٬٤٠٠٬٠٠٠"),
    ((12.25,), {"decimals": 1}, "12,3"),      # half up, not to even
    ((2.5,), {}, "3"),
    ((1234.5,), {"decimals": 2}, "1.234,50"),
    ((-27.5,), {"decimals": 1}, LRM + "\u221227,5"),
    ((-0.04,), {"decimals": 1}, "0,0"),       # no sign on a rounded zero
    ((40,), {"signed": True}, LRM + "+40"),
    ((-3,), {"digits": "arabic-indic"}, ALM + "\u2212٣"),
])
def test_format_number(args, kwargs, expected):
    assert format_number(*args, **kwargs) == expected


@pytest.mark.parametrize("args, kwargs, expected", [
    ((12.5,), {}, "12,5" + LRM + "%" + LRM),
    ((100,), {"decimals": 0}, "100" + LRM + "%" + LRM),
    ((-27.5,), {"signed": True}, LRM + "\u221227,5" + LRM + "%" + LRM),
    ((27.5,), {"signed": True}, LRM + "+27,5" + LRM + "%" + LRM),
    ((12.5,), {"digits": "arabic-indic"}, "١٢٫٥٪" + ALM),
])
def test_format_percent(args, kwargs, expected):
    assert format_percent(*args, **kwargs) == expected


@pytest.mark.parametrize("qualifier, expected", [
    (None, "420.000"), ("exact", "420.000"), ("only", "420.000"),
    ("about", "≈420.000"), ("more_than", "420.000+"), ("less_than", LRM + "<420.000"),
])
def test_with_qualifier(qualifier, expected):
    assert with_qualifier(format_number(420000), qualifier) == expected


def test_every_qualifier_of_the_schema_has_a_mark():
    from helpers.datapackage.schema import allowed
    from helpers.language.formats import QUALIFIER_MARKS
    stated = set(allowed("figures", "qualifier")) | set(allowed("series", "qualifier"))
    computed = set(allowed("checks", "recomputed_qualifier")) - {"exact", "about"}  # at least, at most
    assert set(QUALIFIER_MARKS) == stated | computed


@pytest.mark.parametrize("value, shown", [(12.5, "12,5%"), (-27.5, "\u221227,5%")])
def test_formatted_percent_alone_reads_left_to_right(value, shown):
    """A value label without Arabic: the marks vanish in the recipe, libraqm ignores them."""
    text = format_percent(value)
    assert prepare(text, shaping="recipe") == shown
    if chart_text.NATIVE_SHAPING:
        assert native_visual_skeleton(prepare(text, shaping="native")) == shown


# --- label helpers --------------------------------------------------------------------

@pytest.fixture
def ax():
    chart_text.setup()
    fig = Figure()
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def test_title_and_axis_labels_are_prepared_and_right_aligned(ax):
    title = chart_text.set_title(ax, "المتابعون", "Followers")
    assert title.get_text() == prepare("المتابعون") + "\nFollowers"
    assert title.get_horizontalalignment() == "right"
    assert ax.get_title(loc="right") == title.get_text()
    xlabel = chart_text.set_xlabel(ax, "السنة")
    assert xlabel.get_text() == prepare("السنة") and xlabel.get_horizontalalignment() == "right"
    assert chart_text.set_ylabel(ax, "عدد").get_text() == prepare("عدد")


def test_tick_labels_bilingual(ax):
    chart_text.set_ticklabels(ax, ["إكس (تويتر سابقا)", "فايسبوك"], ["X", "Facebook"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [prepare("إكس (تويتر سابقا)") + "\nX", prepare("فايسبوك") + "\nFacebook"]
    with pytest.raises(ValueError):
        chart_text.tick_labels(["أ", "ب"], ["A"])


def test_legend_prepared_with_markers_on_the_right(ax):
    ax.plot([1, 2], label="2024")
    ax.plot([2, 3], label="2025")
    legend = chart_text.legend(ax, ["سنة 2024", "سنة 2025"])
    assert [t.get_text() for t in legend.get_texts()] == [prepare("سنة 2024"), prepare("سنة 2025")]
    ax.figure.canvas.draw()
    for text, handle in zip(legend.get_texts(), legend.legend_handles):
        assert text.get_window_extent().x1 <= handle.get_window_extent().x0  # marker on the right


def test_annotate_bars_formats_and_qualifies(ax):
    bars = ax.barh([0, 1, 2], [420000, 1180000, 29])
    texts = chart_text.annotate_bars(ax, bars, qualifiers=["about", "more_than", None])
    assert [t.get_text() for t in texts] == ["≈420.000", "1.180.000+", "29"]
    texts = chart_text.annotate_bars(ax, bars, labels=["حوالي 420 ألف", "x", "y"])
    assert texts[0].get_text() == prepare("حوالي 420 ألف")


def test_source_note(ax):
    note = chart_text.source_note(ax.figure, "تقرير المديرية العامة للأمن الوطني 2025")
    assert note.get_text() == prepare("المصدر: تقرير المديرية العامة للأمن الوطني 2025")
    assert note.get_horizontalalignment() == "right"
    again = chart_text.source_note(ax.figure, "المصدر: DGSN", en="Source: DGSN")
    assert again.get_text() == prepare("المصدر: DGSN") + "\nSource: DGSN"
