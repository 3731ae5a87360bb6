"""Throughput and accuracy of helpers.reading.numbers beside pyarabic and arabic-itn.  Run: ``make bench``.

Accuracy: every numeric expression of the source (tests/fixtures/source-numbers.tsv, read by a person) and the
figures of data/processed/figures.csv, each read by each tool on its own. Throughput: the report repeated to at
least 1 MB of UTF-8, and the Arabic quotes of the press coverage (data/raw/press-coverage.tsv)
repeated to 1 MB, best of three runs; the French quotes through ``lang="fr"`` too. Prints a table; asserts
nothing (see tests/ for that).
"""
from __future__ import annotations

import csv
import sys
import time

import arabic_itn
import pyarabic.number as pyarabic_number

from helpers.datapackage.article import load_report
from helpers.datapackage.press import load_press
from helpers.paths import PROCESSED, ROOT
from helpers.reading.numbers import find_numbers, parse_number

MB = 1_000_000


def reference() -> list[tuple[str, int]]:
    with open(ROOT / "tests" / "fixtures" / "source-numbers.tsv", encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [(r["text"], int(r["value"])) for r in rows]


def figures() -> list[tuple[str, int]]:
    with open(PROCESSED / "figures.csv", encoding="utf-8") as f:
        return [(r["quote"], int(r["value"])) for r in csv.DictReader(f)]


# Each tool as "read this expression, give one value (or None)".
def ours(text: str):
    try:
        return parse_number(text)
    except ValueError:
        return None


def pyarabic(text: str):
    # text2number reads number words only; it returns 0 for what it cannot read, and digits are not words.
    if text.strip().isdigit():
        return int(text)
    value = pyarabic_number.text2number(text)
    return value or None


def itn(text: str):
    spans = arabic_itn.normalize(text)["spans"]
    if text.strip().isdigit():
        return int(text)
    numbers = [s for s in spans if s["type"] in ("number", "ordinal")]
    if len(numbers) != 1:
        return None
    try:
        return int(numbers[0]["value"])
    except ValueError:
        return None


TOOLS = {"helpers.reading.numbers": ours, "pyarabic 0.6.15 text2number": pyarabic, "arabic-itn 0.1.0": itn}
SCANNERS = {
    "helpers.reading.numbers": find_numbers,
    "pyarabic 0.6.15 text2number": lambda text: [pyarabic_number.text2number(p)
                                                 for p in pyarabic_number.extract_number_phrases(text)],
    "arabic-itn 0.1.0": arabic_itn.normalize,
}


def throughput(scan, corpus: str, repeat: int = 3) -> float:
    size = len(corpus.encode("utf-8")) / MB
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        scan(corpus)
        best = min(best, time.perf_counter() - t0)
    return size / best


def press_quotes(lang: str) -> list[str]:
    """The press coverage's quotes in one language (the project's raw copy, checksum and schema checked)."""
    return [r["quote"] for r in load_press() if r["lang"] == lang]


def to_mb(text: str) -> str:
    return "\n\n".join([text] * (MB // len(text.encode("utf-8")) + 1))


def main() -> int:
    text = load_report().text
    corpus = to_mb(text)
    press_ar, press_fr = (to_mb("\n".join(press_quotes(lang))) if press_quotes(lang) else "" for lang in ("ar", "fr"))
    ref, figs = reference(), figures()
    print(f"corpus: the report x{corpus.count(text[:40])}, {len(corpus.encode('utf-8')) / MB:.2f} MB of UTF-8; "
          f"press: the Arabic quotes of press-coverage.tsv repeated to {len(press_ar.encode('utf-8')) / MB:.2f} MB")
    print(f"{'tool':30} {'MB/s':>7} {'press MB/s':>11} {'expressions read right':>24} {'figures read right':>20}")
    for name, read in TOOLS.items():
        right_ref = sum(read(t) == v for t, v in ref)
        right_fig = sum(read(t) == v for t, v in figs)
        speed = throughput(SCANNERS[name], corpus)
        press = f"{throughput(SCANNERS[name], press_ar):11.2f}" if press_ar else f"{'-':>11}"
        print(f"{name:30} {speed:7.2f} {press} {right_ref:>17} / {len(ref):<4} {right_fig:>13} / {len(figs):<4}")
    if press_fr:
        speed = throughput(lambda t: find_numbers(t, lang="fr"), press_fr)
        print(f"{'helpers.reading.numbers (fr)':30} {'':7} {speed:11.2f}   French quotes of press-coverage.tsv")
    misread = [(t, v, ours(t)) for t, v in ref + figs if ours(t) != v]
    for t, v, got in misread:
        print(f"helpers.reading.numbers misreads {t!r}: {got} instead of {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
