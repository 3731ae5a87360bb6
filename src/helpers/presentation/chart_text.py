"""Arabic text in matplotlib charts: a bundled font, shaping on every matplotlib version, labels.

Font. IBM Plex Sans Arabic, from the PyPI package fontpkg-ibm-plex-sans-arabic (OFL-1.1):
static weights (no variable-font axes for matplotlib to mishandle), Arabic *and* Latin
glyphs in one face (so mixed labels such as "Instagram إنستغرام" use one design and one
baseline), and a sober sans that reads well at tick-label sizes. The alternatives in the
lock were weaker: Noto Sans Arabic from fontpkg is a variable font without Latin glyphs,
Amiri is a Naskh book face, elegant in running text but busy in small chart labels.
DejaVu Sans (shipped with matplotlib) is the fallback for the few symbols Plex lacks.

Shaping. matplotlib < 3.11 draws one glyph per code point, left to right: Arabic needs
``bidi.get_display(arabic_reshaper.reshape(text))`` (the "recipe"). matplotlib >= 3.11
shapes and reorders with libraqm, and the recipe then comes out reversed. ``prepare``
returns what the running matplotlib needs; ``NATIVE_SHAPING`` is measured, not guessed
from the version number (see ``_measure_native_shaping``).
"""
from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import arabic_reshaper
import fontpkg_ibm_plex_sans_arabic as _plex
import matplotlib
from bidi.algorithm import get_display  # the pure-Python UBA: it mirrors brackets (rule L4)
from matplotlib import font_manager, ft2font

from helpers.language.bidi import ALM, LRM, RLM, first_strong_direction, has_arabic
from helpers.language.formats import format_number, with_qualifier

FONT_FAMILY = _plex.FAMILY  # "IBM Plex Sans Arabic"
LATIN_FALLBACK = "DejaVu Sans"
FONT_FILES = tuple(sorted((_plex.ROOT / "files").glob("IBMPlexSansArabic-*.ttf")))
SHAPING_ENV = "HELPERS_ARABIC_SHAPING"  # "native" | "recipe" | "auto" (default)
MISSING_GLYPH_MESSAGE = r"Glyph \d+ .*missing from font"  # matplotlib's warning, as a regex

_BIDI_MARKS = {ord(RLM): None, ord(LRM): None, ord(ALM): None}


def font_path(weight: int = 400) -> Path:
    """The bundled font file of *weight* (100..700)."""
    names = {100: "Thin", 200: "ExtraLight", 300: "Light", 400: "Regular",
             500: "Medium", 600: "SemiBold", 700: "Bold"}
    return _plex.ROOT / "files" / f"IBMPlexSansArabic-{names[weight]}.ttf"


# --- capability detection -------------------------------------------------------------

def _measure_native_shaping() -> bool:
    """Does this matplotlib join Arabic letters and lay them out right to left by itself?

    Lays out "بت" (beh, teh) with matplotlib's own text layout and the bundled font:
    natively shaped, beh takes its initial (joined) form, whose glyph differs from the
    isolated one in the font's cmap, and it sits to the right of teh. Both must hold.
    This measures what the drawing code does, so it survives backports, builds
    without libraqm and future changes; only if matplotlib's private layout helper is
    gone does it fall back to the presence of libraqm in ft2font.
    """
    try:  # matplotlib's private layout helper: imported here, where its absence is handled
        from matplotlib import _text_helpers

        font = ft2font.FT2Font(str(font_path(400)))
        font.set_size(12, 72)
        items = list(_text_helpers.layout("بت", font))
        beh = next(item for item in items if item.char == "ب")
        teh = next(item for item in items if item.char == "ت")
        glyph = getattr(beh, "glyph_index", getattr(beh, "glyph_idx", None))
        joined = int(glyph) != int(font.get_char_index(ord("ب")))
        right_to_left = beh.x > teh.x
        return joined and right_to_left
    except Exception:  # pragma: no cover - only on a matplotlib whose internals moved
        return hasattr(ft2font, "__libraqm_version__")


NATIVE_SHAPING: bool = _measure_native_shaping()


def shaping_mode(shaping: str | None = None) -> str:
    """Resolve the shaping mode: the argument, else $HELPERS_ARABIC_SHAPING, else measured.

    Returns "native" (hand matplotlib the logical string) or "recipe" (reshape + bidi).
    """
    mode = shaping or os.environ.get(SHAPING_ENV) or "auto"
    if mode == "auto":
        return "native" if NATIVE_SHAPING else "recipe"
    if mode not in ("native", "recipe"):
        raise ValueError(f"shaping must be 'native', 'recipe' or 'auto', not {mode!r}")
    return mode


# --- prepare --------------------------------------------------------------------------

def _is_presentation_form(ch: str) -> bool:
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"


def prepare(text: str, shaping: str | None = None) -> str:
    """What to hand to matplotlib so that Arabic *text* renders joined and right to left.

    *text* is the logical string (as typed, as stored in the data). Lines holding Arabic
    are right-to-left paragraphs; other lines (English) are left untouched.

    - native (matplotlib >= 3.11): the logical string itself. A line that holds Arabic
      but starts with a Latin word ("Instagram إنستغرام") would get a left-to-right
      paragraph from libraqm (first strong character), so it is prefixed with an RLM.
    - recipe (older matplotlib): per line, ``get_display(reshape(line), base_dir="R")``;
      bidi marks, then useless, are removed from every line (the font has no glyph for them).
      ``get_display`` is python-bidi's pure-Python ``bidi.algorithm`` one: the newer
      ``bidi.get_display`` (Rust, python-bidi >= 0.5) does not mirror brackets, so
      "إكس (تويتر سابقا)" would come out with its brackets pointing outwards.
    """
    if any(_is_presentation_form(ch) for ch in text):
        raise ValueError(
            "text already holds Arabic presentation forms (was it reshaped already?); "
            f"pass the logical string: {text!r}")
    mode = shaping_mode(shaping)
    return "\n".join(_prepare_line(line, mode) for line in text.split("\n"))


def _prepare_line(line: str, mode: str) -> str:
    if mode == "native":
        if not has_arabic(line) or first_strong_direction(line) == "rtl":
            return line
        return RLM + line
    if has_arabic(line):
        line = get_display(arabic_reshaper.reshape(line), base_dir="R")
    return line.translate(_BIDI_MARKS)


def bilingual(ar: str, en: str | None = None) -> str:
    """The prepared Arabic line, with the English line below it when given."""
    return prepare(ar) if not en else prepare(ar) + "\n" + en


# --- setup and the strict-glyph mode --------------------------------------------------

# How every chart file is written (here for the session, in helpers.presentation.charts for each save): glyph
# outlines in SVG (no font needed by the viewer), a fixed hash salt for its ids, TrueType embedded (subset) in PDF
# so that the text stays selectable.
SAVE_RC = {"svg.fonttype": "path", "svg.hashsalt": "dgsn-2025", "pdf.fonttype": 42}


def setup() -> None:
    """Register the bundled Arabic font with matplotlib and set the text rcParams.

    Idempotent. No system font is needed. Sets an Arabic-first font family with a Latin
    fallback, glyphs embedded in vector output (SVG as paths, PDF/PS as Type 42) and a
    fixed SVG hash salt so that files are byte-for-byte reproducible.
    """
    known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    for path in FONT_FILES:
        if path not in known:
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "font.family": [FONT_FAMILY, LATIN_FALLBACK],
        "axes.unicode_minus": True,  # U+2212 is in the font
        **SAVE_RC,
        "ps.fonttype": 42,
    })


def check_font() -> Path:
    """The file matplotlib resolves the Arabic family to; raises if it is not the bundled one."""
    found = Path(font_manager.findfont(
        font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False))
    if found not in FONT_FILES:
        raise RuntimeError(f"{FONT_FAMILY} resolves to {found}, not to the bundled font")
    return found


@contextlib.contextmanager
def strict_glyphs() -> Iterator[None]:
    """Inside this block, a glyph missing from every font is an error, not an empty box.

    matplotlib only warns ("Glyph 1604 (...) missing from font(s) DejaVu Sans."); this
    turns exactly that warning into an exception. For a whole pytest run, the same as a
    config line: ``filterwarnings = ["error:Glyph .*missing from font:UserWarning"]``.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH_MESSAGE, category=UserWarning)
        yield


# --- label helpers --------------------------------------------------------------------

def set_title(ax, ar: str, en: str | None = None, **kwargs):
    """Axes title: Arabic (and English below it), right-aligned."""
    kwargs.setdefault("loc", "right")
    return ax.set_title(bilingual(ar, en), **kwargs)


def set_xlabel(ax, ar: str, en: str | None = None, **kwargs):
    """x-axis label, at the right end of the axis."""
    kwargs.setdefault("loc", "right")
    return ax.set_xlabel(bilingual(ar, en), **kwargs)


def set_ylabel(ax, ar: str, en: str | None = None, **kwargs):
    """y-axis label, at the top of the axis."""
    kwargs.setdefault("loc", "top")
    return ax.set_ylabel(bilingual(ar, en), **kwargs)


def tick_labels(labels_ar: Iterable[str], labels_en: Iterable[str] | None = None) -> list[str]:
    """Prepared tick labels, each "Arabic\\nEnglish" when English labels are given."""
    labels_ar = [str(label) for label in labels_ar]
    labels_en = [None] * len(labels_ar) if labels_en is None else [str(e) for e in labels_en]
    if len(labels_en) != len(labels_ar):
        raise ValueError("labels_ar and labels_en differ in length")
    return [bilingual(ar, en) for ar, en in zip(labels_ar, labels_en)]


def set_ticklabels(ax, labels_ar: Sequence[str], labels_en: Sequence[str] | None = None,
                   axis: str = "y", positions: Sequence[float] | None = None, **kwargs):
    """Put prepared (bilingual) labels at *positions* (default 0..n-1) on *axis*, lines right-aligned."""
    labels = tick_labels(labels_ar, labels_en)
    positions = range(len(labels)) if positions is None else positions
    kwargs.setdefault("multialignment", "right")
    getattr(ax, f"set_{axis}ticks")(positions, labels, **kwargs)


def legend(ax, labels_ar: Sequence[str] | None = None, labels_en: Sequence[str] | None = None,
           handles=None, **kwargs):
    """Legend with prepared (bilingual) labels, read right to left.

    Markers stand on the right of their text, lines are right-aligned, and in a legend of
    one row (``ncols`` >= number of entries) the first entry is the rightmost.
    """
    if handles is None:
        handles, default_labels = ax.get_legend_handles_labels()
        labels_ar = default_labels if labels_ar is None else labels_ar
    labels, handles = tick_labels(labels_ar, labels_en), list(handles)
    if kwargs.get("ncols", 1) >= len(handles) > 1:
        labels, handles = labels[::-1], handles[::-1]
    kwargs.setdefault("markerfirst", False)
    kwargs.setdefault("alignment", "right")
    result = ax.legend(handles, labels, **kwargs)
    for text in result.get_texts():
        text.set_multialignment("right")
    return result


def annotate_bars(ax, bars, values: Sequence[float] | None = None,
                  qualifiers: Sequence[str | None] | None = None, fmt=format_number,
                  labels: Sequence[str] | None = None, **kwargs):
    """Value labels at the end of each bar of *bars* (a BarContainer).

    Values are formatted with *fmt* and marked with their qualifier; or pass ready *labels*
    (Arabic allowed, they are prepared here). Call it after inverting or limiting the value
    axis: matplotlib places the labels by the axis direction at call time.
    """
    if labels is None:
        values = [rect.get_width() if bars.orientation == "horizontal" else rect.get_height()
                  for rect in bars] if values is None else list(values)
        qualifiers = [None] * len(values) if qualifiers is None else list(qualifiers)
        labels = [with_qualifier(fmt(v), q) for v, q in zip(values, qualifiers)]
    kwargs.setdefault("padding", 3)
    return ax.bar_label(bars, labels=[prepare(label) for label in labels], **kwargs)


def source_note(fig, text: str, en: str | None = None, **kwargs):
    """ "المصدر: ..." at the bottom right of *fig* (kept clear of the axes by the layout)."""
    note = text if text.startswith("المصدر") else f"المصدر: {text}"
    kwargs = {"x": 0.99, "ha": "right", "fontsize": 8, "color": "0.35", **kwargs}
    return fig.supxlabel(bilingual(note, en), multialignment="right", **kwargs)
