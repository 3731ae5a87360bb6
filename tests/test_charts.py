"""helpers.presentation.charts: image regression (pytest-mpl) for every chart type, and what each chart says.

Baselines are per matplotlib minor version, in tests/baseline/mpl-3.11 and mpl-3.10: the two
lay text out differently (libraqm vs glyph by glyph: other line heights and advances), so
one image cannot serve both within a tight tolerance. Regenerate after a deliberate change:
    .venv/bin/python -m pytest tests/test_charts.py --mpl-generate-path=tests/baseline/mpl-3.11
    .nox/rendering/bin/python -m pytest tests/test_charts.py --mpl-generate-path=tests/baseline/mpl-3.10
and look at the images before committing them.
"""
import base64
import io
import re
from pathlib import Path

import matplotlib
import matplotlib.figure
import matplotlib.style
import pytest
from matplotlib.testing.compare import compare_images

from helpers.language.bidi import LRM
from helpers.language.formats import NBSP
from helpers.presentation import chart_text, charts
from helpers.presentation.chart_text import prepare

pytestmark = pytest.mark.filterwarnings("error:Glyph .*missing from font:UserWarning")

MPL = ".".join(matplotlib.__version__.split(".")[:2])
BASELINE = Path(__file__).parent / "baseline" / f"mpl-{MPL}"
TOLERANCE = 2  # RMS over 0-255; the same wheel on the same kind of machine gives 0
compare = pytest.mark.mpl_image_compare(
    baseline_dir=str(BASELINE), tolerance=TOLERANCE, style="default",
    savefig_kwargs={"dpi": 80, "metadata": charts.METADATA["png"]},
)

# Fixtures, not data: the notebooks take their values from data/processed.
PLATFORMS_AR = ["إكس (تويتر سابقا)", "فايسبوك", "إنستغرام"]
PLATFORMS_EN = ["X (formerly Twitter)", "Facebook", "Instagram"]
FOLLOWERS = [512523, 502280, 253350]
YEARS = [2022, 2023, 2024, 2025]


def make_barh():
    return charts.barh(
        ["زوار الأبواب المفتوحة", "المنخرطون", "التكذيبات"], [2400000, 1268153, 29],
        labels_en=["Open days visitors", "Followers", "Denials"],
        qualifiers=["about", None, "only"],
        title_ar="أرقام 2025", title_en="2025 figures", source="تقرير 2025")


def make_compare_bars():
    return charts.compare_bars(
        ["التكذيبات", "المحتويات الرقمية"], [40, 534], [29, 503],
        labels_en=["Denials", "Digital contents"],
        title_ar="الأخبار الزائفة 2024 مقابل 2025", title_en="2024 vs 2025", source="تقرير 2025")


def make_stacked_parts(total=1268153):
    return charts.stacked_parts(
        PLATFORMS_AR, FOLLOWERS, "المجموع المعلن", total, parts_en=PLATFORMS_EN,
        total_en="Published total", title_ar="هل تتطابق الأجزاء مع المجموع؟",
        title_en="Do the parts add up?", source="تقرير 2025")


def make_line_series():
    return charts.line_series(
        YEARS, {"التكذيبات": [92, 56, 40, 29], "المحتويات العنيفة": [445, 260, 208, None]},
        labels_en={"التكذيبات": "Denials", "المحتويات العنيفة": "Violent contents"},
        uncertain={"التكذيبات": [2022]},
        title_ar="التكذيبات عبر السنوات", title_en="Denials over the years", source="تقارير سنوية")


def make_grouped_bars():
    return charts.grouped_bars(
        YEARS, {"إكس": [385000, 480944, None, 512523], "فايسبوك": [434000, 440000, None, 502280],
                "إنستغرام": [133000, 207000, None, 253350]},
        labels_en={"إكس": "X", "فايسبوك": "Facebook", "إنستغرام": "Instagram"},
        uncertain={"إكس": [2023]},
        title_ar="المنخرطون حسب المنصة", title_en="Followers by platform", source="تقارير سنوية")


def make_key_figures():
    return charts.key_figures(
        [(2400000, "زائر للأبواب المفتوحة", "open days visitors", "about"),
         (1268153, "منخرط في الحسابات الرسمية", "followers"),
         (503, "محتوى رقمي", "digital contents"),
         {"value": 29, "caption_ar": "تكذيبا فقط", "caption_en": "denials only"}],
        title_ar="حصيلة 2025 بالأرقام", title_en="2025 in figures", source="تقرير 2025")


CHARTS = {
    "barh": make_barh, "compare_bars": make_compare_bars, "stacked_parts": make_stacked_parts,
    "line_series": make_line_series, "grouped_bars": make_grouped_bars, "key_figures": make_key_figures,
}



@pytest.fixture(autouse=True)
def restore_rcparams():
    """setup() and use_style() change rcParams for good; keep other tests' rcParams intact."""
    with matplotlib.rc_context():
        yield

# --- image regression -------------------------------------------------------------------

@compare
def test_image_barh():
    return make_barh()


@compare
def test_image_compare_bars():
    return make_compare_bars()


@compare
def test_image_stacked_parts():
    return make_stacked_parts()


@compare
def test_image_line_series():
    return make_line_series()


@compare
def test_image_grouped_bars():
    return make_grouped_bars()


@compare
def test_image_key_figures():
    return make_key_figures()


def test_image_comparison_is_enabled(request):
    """Without --mpl, pytest-mpl runs the image tests above but compares nothing."""
    assert request.config.getoption("--mpl"), "run pytest with --mpl (pyproject addopts)"
    assert {p.name for p in BASELINE.glob("*.png")} >= {f"test_image_{name}.png" for name in CHARTS}


def test_baseline_catches_the_wrong_shaping(tmp_path, monkeypatch):
    """The barh baseline rejects the same chart drawn with the other shaping path."""
    wrong = "recipe" if chart_text.NATIVE_SHAPING else "native"
    monkeypatch.setenv(chart_text.SHAPING_ENV, wrong)
    with matplotlib.style.context("default"):
        fig = make_barh()
        fig.savefig(tmp_path / "wrong.png", dpi=80, metadata=charts.METADATA["png"])
    failure = compare_images(str(BASELINE / "test_image_barh.png"), str(tmp_path / "wrong.png"),
                             tol=TOLERANCE)
    assert failure is not None and "did not match" in failure
    print(failure.splitlines()[1])  # measured: RMS 10.7 on 3.11.2


# --- what the charts say ---------------------------------------------------------------

def texts_of(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
           [t.get_text() for t in fig.texts]


def test_use_style_sets_font_palette_and_theme():
    with matplotlib.rc_context():
        charts.use_style()
        assert matplotlib.rcParams["font.family"][0] == chart_text.FONT_FAMILY
        colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
        assert [c.upper() for c in colours] == charts.PALETTE
    assert len(set(charts.PALETTE)) == 8 and "#E69F00" in charts.PALETTE  # Okabe-Ito


def test_barh_labels_are_prepared_and_values_qualified():
    fig = make_barh()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == prepare("زوار الأبواب المفتوحة") + "\nOpen days visitors"
    assert {f"≈2{NBSP}400{NBSP}000", f"1{NBSP}268{NBSP}153", "29"} <= set(texts_of(fig))  # read by both audiences
    assert ax.xaxis_inverted()  # bars grow from the labels on the right towards the left
    assert fig._suptitle.get_text() == prepare("أرقام 2025") + "\n2025 figures"
    note = fig._supxlabel.get_text().split("\n")
    assert note[0] == prepare("المصدر: تقرير 2025") and note[-1] == "≈ about"  # the ≈ mark explained


def test_compare_bars_annotates_the_change():
    texts = texts_of(make_compare_bars())
    assert any(t.startswith("29") and "\u221227,5" in t for t in texts)
    assert any(t.startswith("503") and "\u22125,8" in t for t in texts)
    texts = texts_of(charts.compare_bars("المجموع", 1268153, 1268000, before_label="المنشور",
                                         after_label="المعاد حسابه", change="difference"))
    assert any("\u2212153" in t for t in texts)


@pytest.mark.parametrize("total, shown", [(1268153, "0"), (1268000, "+153"), (1270000, f"\u22121{NBSP}847")])
def test_stacked_parts_shows_whether_the_parts_add_up(total, shown):
    texts = texts_of(make_stacked_parts(total))
    expected = prepare(f"1{NBSP}268{NBSP}153   (الفرق: {'' if shown == '0' else LRM}{shown})")
    assert expected in texts


def test_line_series_marks_uncertain_points():
    fig = make_line_series()
    ax = fig.axes[0]
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"
              and line.get_xdata().tolist() == [2022]]
    assert len(hollow) == 1 and hollow[0].get_ydata().tolist() == [92.0]
    assert texts_of(fig).count("?") == 1
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert prepare("غير مؤكد") + "\nunconfirmed" in legend
    assert prepare("لم يُنشر") + "\nnot published" in legend  # the violent contents have no 2025 value


def test_grouped_bars_hatches_uncertain_bars():
    ax = make_grouped_bars().axes[0]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_height() == 480944
    assert sum(not p.get_visible() for p in ax.patches) == 3  # the missing 2024 values


def test_key_figures_read_right_to_left():
    ax = make_key_figures().axes[0]
    big = {t.get_text(): t.get_position() for t in ax.texts if t.get_fontsize() > 20}
    assert big[f"≈2{NBSP}400{NBSP}000"][0] > big[f"1{NBSP}268{NBSP}153"][0] > big["503"][0]  # first at the right
    assert big["29"][1] > big["503"][1]  # second row below (y axis points down)


def test_save_is_deterministic_with_fonts_embedded(tmp_path):
    paths = []
    for run in ("a", "b"):
        fig = make_stacked_parts()
        paths.append(charts.save(fig, "chart", folder=tmp_path / run, formats=("png", "svg"), pdf=True))
    assert [p.name for p in paths[0]] == ["chart.png", "chart.svg", "chart.pdf"]
    for first, second in zip(*paths):
        assert first.read_bytes() == second.read_bytes(), first.name
    pdf = paths[0][2].read_bytes()
    assert b"/FontFile2" in pdf and b"IBMPlexSansArabic" in pdf  # TrueType (Type 42) embedded
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf
    svg = paths[0][1].read_text()
    assert "<dc:date>" not in svg and "<text" not in svg  # glyphs as paths, no date
    from PIL import Image
    assert "Software" not in Image.open(paths[0][0]).info


def test_grouped_bars_legend_shows_plain_colours_when_the_first_bar_is_uncertain():
    fig = charts.grouped_bars([2023, 2024], {"أ": [1, 2], "ب": [3, 4]}, uncertain={"أ": [2023]})
    legend = fig.axes[0].get_legend()
    hatched = [text.get_text() for h, text in zip(legend.legend_handles, legend.get_texts()) if h.get_hatch()]
    assert len(legend.legend_handles) == 3 and hatched == [prepare("غير مؤكد")]  # only the "uncertain" entry


# --- showing a chart: drawn once, saved, described in both languages --------------------------------------------------

def displayed(image):
    from IPython.core.formatters import DisplayFormatter
    return DisplayFormatter().format(image)


def test_show_saves_once_and_displays_the_saved_png_with_its_description(tmp_path, monkeypatch):
    calls = []
    original = matplotlib.figure.Figure.savefig
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", lambda self, *a, **k: (calls.append(k.get("format")),
                                                                                   original(self, *a, **k))[1])
    monkeypatch.setenv(charts.FORMATS_ENV, "png")
    image = charts.show(make_barh(), "chart", folder=tmp_path)
    data, metadata = displayed(image)
    assert calls == ["png"], "drawn once"
    png = base64.b64decode(data["image/png"])
    assert png == (tmp_path / "chart.png").read_bytes() and sorted(p.name for p in tmp_path.iterdir()) == ["chart.png"]
    alt = metadata["image/png"]["alt"]
    assert re.search("[\u0600-\u06ff]", alt) and "Horizontal bar chart" in alt
    width, _ = charts._png_size(png)
    assert metadata["image/png"]["width"] == round(width / 2)  # 200-dpi pixels at the size of 100 dpi


def test_show_writes_svg_too_unless_tests_ask_for_png_only(tmp_path, monkeypatch):
    monkeypatch.delenv(charts.FORMATS_ENV, raising=False)
    assert charts.chart_formats() == ("png",)  # tests set HELPERS_FIGURES_DIR (conftest): PNG only
    monkeypatch.setenv(charts.FORMATS_ENV, "png,svg")
    charts.show(make_barh(), "chart", folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.png", "chart.svg"]
    monkeypatch.delenv(charts.FORMATS_ENV)
    monkeypatch.delenv("HELPERS_FIGURES_DIR")
    assert charts.chart_formats() == ("png", "svg")


def test_a_chart_without_a_description_is_not_shown(tmp_path):
    fig, _ = charts.new_figure("عنوان", "Title")
    with pytest.raises(ValueError, match="no description in both languages"):
        charts.show(fig, "chart", folder=tmp_path)


def test_descriptions_give_every_value_as_each_language_writes_it():
    alt = make_barh().alt_text
    assert "about 2,400,000" in alt.en and "1,268,153" in alt.en and "Open days visitors" in alt.en
    assert "حوالي 2.400.000" in alt.ar and "1.268.153" in alt.ar and "زوار الأبواب المفتوحة" in alt.ar


def test_descriptions_say_what_is_missing_and_unconfirmed():
    alt = make_grouped_bars().alt_text
    assert "2024 not published" in alt.en and "480,944 (unconfirmed)" in alt.en
    assert "2024 لم يُنشر" in alt.ar


def test_a_missing_value_is_marked_on_the_baseline_not_drawn_as_zero():
    ax = make_grouped_bars().axes[0]
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert sorted(x for line in crosses for x in line.get_xdata()) == pytest.approx(
        [2024 - 0.4 + 0.8 / 3 * (i + 0.5) for i in range(3)])
    assert all(list(line.get_ydata()) == [0] * len(line.get_xdata()) for line in crosses)


def test_year_panels_give_each_quantity_its_own_scale():
    fig = charts.year_panels(
        YEARS, [charts.Panel("أ", "A", [445, 260, 208, 260], single_source=[True, True, False, False]),
                charts.Panel("ب", "B", [92, 56, 40, None], inferred=[False, True, False, False])],
        title_ar="عنوان", title_en="Title", source="تقرير")
    a, b = (ax for ax in fig.axes if ax.patches)
    assert a.get_ylim()[1] != b.get_ylim()[1]  # not one shared axis
    right = max(fig.axes, key=lambda ax: ax.get_position().x0)
    assert right.get_title(loc="right").endswith("A")  # the first panel stands at the right
    assert [p.get_hatch() for p in right.patches][:2] == ["///", "///"]
    left = min(fig.axes, key=lambda ax: ax.get_position().x0)
    assert left.patches[1].get_linestyle() not in ("-", "solid") and not left.patches[3].get_visible()
    legend = [t.get_text() for t in fig.subfigs[0].legends[0].get_texts()]
    assert {prepare("غير مؤكد") + "\nunconfirmed", prepare("لم يُنشر") + "\nnot published",
            prepare("مطابقة مستنتجة") + "\nmapping inferred"} == set(legend)


def test_qualifier_marks_are_explained_under_the_chart():
    note = make_key_figures()._supxlabel.get_text()
    assert "≈ about" in note and prepare(f"{LRM}≈{LRM} حوالي") in note


# --- the whole report's conflict chart and charts in pages -----------------------------------------------------------

def _conflict(values, agreements, reconciled=123971.0, unit="kg"):
    import pandas as pd
    return pd.DataFrame({
        "report_year": 2024, "figure": "drugs.hashish_seized", "metric_en": "Hashish seized", "metric_ar": "الحشيش المحجوز",
        "obs": [f"o{i:04d}" for i in range(len(values))], "outlet": [f"outlet{i}.ma" for i in range(len(values))],
        "url": "", "lang": "ar", "figure_text": [str(v) for v in values], "value": values, "unit": unit,
        "qualifier": "exact", "direction": "none", "agreement": agreements, "cause": "", "cause_detail": "",
        "copy_cluster": "", "reconciled": reconciled, "ratio": [v / reconciled for v in values]})


def test_outlet_dots_shows_a_slip_of_one_digit_beside_a_value_a_thousand_times_too_large():
    """124,971 for 123,971 kg (+0.8%) is far from 0 on its panel's axis; 123,971,000 (×1000) does not stretch the
    axis: it is drawn at the edge, and its value is written."""
    from helpers.presentation import report_charts
    conf = _conflict([123971.0] * 5 + [124971.0, 123971000.0], ["agrees"] * 5 + ["differs", "differs"])
    fig = report_charts.outlet_dots(conf, {"drugs.hashish_seized": ("الحشيش المحجوز", "Hashish seized")},
                                    title_ar="عنوان", title_en="Title", source=("مصدر", "Source"))
    (ax,) = fig.axes
    low, high = ax.get_xlim()
    assert 0.8 < high < 5, (low, high)  # percent: the slip stands a fifth of the axis or more from 0
    xs = [line.get_xdata()[0] for line in ax.lines if len(line.get_xdata()) == 1 and line.get_marker() != "None"]
    assert max(xs) == pytest.approx(high / 1.02) and any(abs(x - 100 * 1000 / 123971) < 1e-6 for x in xs)
    written = [t.get_text() for t in ax.texts]
    assert any("×1000" in t and "123" in t for t in written) and any("124" in t for t in written)
    assert [t.get_text().split(" · ")[0].lstrip("\u200e") for t in ax.get_yticklabels()] == \
        [f"outlet{i}.ma" for i in range(5)] + ["outlet5.ma", "outlet6.ma"]
    assert "outlet5.ma 124,971 kg (+0.8%)" in fig.alt_text.en and "outlet6.ma 123,971,000 kg" in fig.alt_text.en


def test_a_chart_too_tall_for_a_page_comes_in_pages_of_at_most_the_limit():
    from helpers.presentation import report_charts
    from helpers.presentation.charts import MAX_HEIGHT_IN
    heights = [0.62 + 0.25 * n for n in (12, 3, 8, 7, 8, 10, 9, 30)]
    groups = report_charts.pages(heights, 1.7)
    assert [i for g in groups for i in g] == list(range(len(heights)))  # every panel once, in order
    assert all(1.7 + sum(heights[i] for i in g) <= MAX_HEIGHT_IN for g in groups) and len(groups) > 1
    assert report_charts.pages([1.0, 1.0], 1.7) == [[0, 1]]


def test_an_svg_does_not_change_with_the_last_digits_of_its_layout():
    """matplotlib hashes each clip-path and marker id from the unrounded floats of its shape: a layout a last
    digit apart (or another salt, as here) gives other ids to the same drawing. Numbered in order, the same
    drawing is the same file."""
    fig = matplotlib.figure.Figure(figsize=(4, 3))
    fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1], [0, 1], marker="o")
    written = []
    for salt in ("one run", "another run"):
        out = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": salt}):
            fig.savefig(out, format="svg", metadata={"Date": None})
        written.append(out.getvalue())
    assert written[0] != written[1]  # matplotlib's own ids differ
    stable = [charts._stable_ids(data, "svg") for data in written]
    assert stable[0] == stable[1]
    assert b'clip-path="url(#p1)"' in stable[0] and b'xlink:href="#m1"' in stable[0]
    assert charts._stable_ids(b"%PDF-1.4 p0123456789", "pdf") == b"%PDF-1.4 p0123456789"
