"""Arabic labels drawn by matplotlib + prepare() look like HarfBuzz's rendering of the same string.

Reference: Pillow with libraqm (HarfBuzz shaping + FriBiDi reordering) draws the *logical*
string, right-to-left paragraph, in the same font file. Candidate: matplotlib (Agg) draws
``prepare(label)``. Both are cropped to their ink, scaled to the reference's size
(HEIGHT px high), slightly blurred, and compared by mean absolute difference in [0, 1].

The blur (Gaussian, BLUR px) absorbs what legitimately differs between two layout engines,
sub-pixel glyph positions and kerning, which otherwise adds up along a long line; a wrong
path moves or changes whole letters (reversed order, unjoined forms) and stays far above.

Measured (HEIGHT=32, BLUR=2) over the LABELS below, mean absolute difference:
    matplotlib 3.11.2 (native)  right path 0.006-0.011 ("لا" 0.034)  recipe applied  0.092-0.163
    matplotlib 3.10.9 (recipe)  right path 0.010-0.044               nothing applied 0.101-0.239
Without the blur (same crop and scale, HEIGHT=64) the numbers were 0.020-0.067 vs 0.18-0.30
on 3.11.2 and 0.017-0.128 vs 0.20-0.42 on 3.10.9: the long line drawn by 3.10 drifts by a few
pixels from HarfBuzz's (no GPOS kerning), which the blur forgives and reversal does not.
So RIGHT_MAX = 0.06, and a wrong path must exceed both RIGHT_MAX and 2x the right path.
"لا" is one glyph (the lam-alef ligature): on 3.11 the recipe's reversal of one glyph is
invisible, so its wrong path is not a wrong picture and is not tested there.
"""
import warnings

import arabic_reshaper
import matplotlib
import matplotlib.style
import numpy as np
import pytest
from bidi import get_display as get_display_without_mirroring  # python-bidi's Rust UBA
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

from helpers.presentation import chart_text

if not features.check("raqm"):
    pytest.skip("Pillow was built without raqm: no HarfBuzz reference to compare with",
                allow_module_level=True)

LABELS = {  # test id: label (logical order)
    "short": "زوار",
    "long": "نشرت مصالح الأمن الوطني خلال هذه السنة محتوى على حساباتها الرسمية",
    "digits": "الأخبار الزائفة 2024 مقابل 2025",
    "brackets": "إكس (تويتر سابقا)",
    "lam-alef-hamza": "الإعلام",
    "lam-alef": "لا",
    "number-inside": "بلغت 29 تكذيبا فقط",
    "latin-inside": "حساب Instagram الرسمي",
    "latin-first": "Instagram إنستغرام",
    # the line under a chart that explains its marks: each mark wrapped in LRM (≥ is mirrored in RTL runs)
    "marks-line": "\u200e≥\u200e على الأقل، \u200e≈\u200e حوالي",
    # a number in the form both readers share, grouped with no-break spaces, inside Arabic
    "shared-number": "مقابل 2\u00a0120\u00a0000 زائر",
}

SIZE_PX = 48     # glyph size of both renders, in pixels
HEIGHT = 32      # compared at this height (both scaled to the reference's aspect)
BLUR = 2         # Gaussian blur radius in px at that height
RIGHT_MAX = 0.06  # right path: at most this (measured at most 0.044)
WRONG_FACTOR = 2  # wrong path: at least this many times the right path, and above RIGHT_MAX
INK = 0.2        # a pixel is ink above this coverage, for the crop

WRONG_PATH = "recipe" if chart_text.NATIVE_SHAPING else "native"
FONT = chart_text.font_path(400)


def matplotlib_ink(text: str) -> np.ndarray:
    """Coverage in [0, 1] of *text* drawn by matplotlib's Agg in the bundled font."""
    with matplotlib.style.context("default"):
        fig = Figure(figsize=(16, 2), dpi=100)
        FigureCanvasAgg(fig)
        fig.text(0.5, 0.5, text, ha="center", va="center",
                 fontproperties=FontProperties(fname=FONT, size=SIZE_PX * 72 / fig.dpi))
        fig.canvas.draw()
        rgb = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    return 1 - rgb.mean(axis=2) / 255


def harfbuzz_ink(text: str, layout=ImageFont.Layout.RAQM, direction: str | None = "rtl") -> np.ndarray:
    """Coverage of *text* drawn by Pillow: with raqm (HarfBuzz), a right-to-left paragraph."""
    font = ImageFont.truetype(str(FONT), SIZE_PX, layout_engine=layout)
    image = Image.new("L", (1600, 200), 0)
    ImageDraw.Draw(image).text((800, 100), text, font=font, fill=255, anchor="mm",
                               direction=direction)
    return np.asarray(image) / 255


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(ink > INK)
    assert rows.size, "nothing was drawn"
    return ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def difference(candidate: np.ndarray, reference: np.ndarray) -> float:
    """Mean absolute difference of the two inks, cropped, scaled to one size and blurred."""
    reference, candidate = crop_to_ink(reference), crop_to_ink(candidate)
    size = (max(1, round(reference.shape[1] * HEIGHT / reference.shape[0])), HEIGHT)

    def normalised(ink):
        image = Image.fromarray(np.uint8(ink * 255)).resize(size, Image.LANCZOS)
        return np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR))) / 255

    return float(np.abs(normalised(candidate) - normalised(reference)).mean())


def wrong_path_ink(label: str) -> np.ndarray:
    with warnings.catch_warnings():  # on 3.10 the unused RLM has no glyph: not the point here
        warnings.simplefilter("ignore")
        return matplotlib_ink(chart_text.prepare(label, shaping=WRONG_PATH))


@pytest.fixture(scope="module")
def references():
    return {label: harfbuzz_ink(label) for label in LABELS.values()}


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_prepared_label_matches_harfbuzz(label, references):
    with chart_text.strict_glyphs():
        right = difference(matplotlib_ink(chart_text.prepare(label)), references[label])
    print(f"matplotlib {matplotlib.__version__} right path {right:.4f}  {label}")
    assert right <= RIGHT_MAX


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_wrong_path_is_caught(label, references):
    """The recipe on native matplotlib, or nothing on older matplotlib, is clearly off."""
    if label == "لا" and chart_text.NATIVE_SHAPING:
        pytest.skip("one glyph: reversing it changes nothing, the recipe draws it right by chance")
    right = difference(matplotlib_ink(chart_text.prepare(label)), references[label])
    wrong = difference(wrong_path_ink(label), references[label])
    print(f"matplotlib {matplotlib.__version__} {WRONG_PATH} path {wrong:.4f} "
          f"(right {right:.4f})  {label}")
    assert wrong > RIGHT_MAX
    assert wrong >= WRONG_FACTOR * right


def test_reference_is_shaped_right_to_left():
    """The reference itself is not the plain string drawn glyph by glyph, left to right."""
    label = "الأخبار الزائفة"
    shaped = harfbuzz_ink(label)
    unshaped = harfbuzz_ink(label, layout=ImageFont.Layout.BASIC, direction=None)
    assert difference(unshaped, shaped) > RIGHT_MAX


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_recipe_drawn_glyph_by_glyph_matches_harfbuzz(label, references):
    """The recipe branch, checked on any matplotlib version: what prepare(shaping="recipe")
    returns, drawn glyph by glyph left to right (Pillow's basic layout, as matplotlib < 3.11
    draws), matches HarfBuzz's rendering of the logical string."""
    visual = chart_text.prepare(label, shaping="recipe")
    ink = harfbuzz_ink(visual, layout=ImageFont.Layout.BASIC, direction=None)
    assert difference(ink, references[label]) <= RIGHT_MAX


def test_bidi_without_bracket_mirroring_is_caught(references):
    """python-bidi's newer get_display does not mirror brackets; the comparison sees it."""
    label = "إكس (تويتر سابقا)"
    visual = get_display_without_mirroring(arabic_reshaper.reshape(label), base_dir="R")
    ink = harfbuzz_ink(visual, layout=ImageFont.Layout.BASIC, direction=None)
    right = harfbuzz_ink(chart_text.prepare(label, shaping="recipe"),
                         layout=ImageFont.Layout.BASIC, direction=None)
    assert difference(ink, references[label]) > max(RIGHT_MAX, WRONG_FACTOR * difference(right, references[label]))


@pytest.mark.skipif(not chart_text.NATIVE_SHAPING, reason="the RLM matters only where matplotlib reorders itself")
def test_label_starting_with_latin_needs_the_rtl_mark(references):
    """Without the RLM prepare() adds, libraqm lays "Instagram إنستغرام" out left to right."""
    label = LABELS["latin-first"]
    without_mark = difference(matplotlib_ink(label), references[label])
    with_mark = difference(matplotlib_ink(chart_text.prepare(label)), references[label])
    assert without_mark > max(RIGHT_MAX, WRONG_FACTOR * with_mark)
