"""``python -m helpers.reading``: the reader for texts outside the collection (CSV or JSON lines, offsets, reasons)."""
import csv
import io
import json
import subprocess
import sys

from helpers.paths import ROOT


def run(args, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "helpers.reading", *args], input=stdin, capture_output=True,
                          cwd=ROOT)


def test_arabic_from_standard_input_as_csv():
    text = "زار المعرض حوالي مليونين و400 ألف زائر من 17 إلى 21 ماي 2025، و1.250 مليون مشاهدة."
    done = run(["--lang", "ar"], text.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    numbers = [r for r in rows if r["kind"] == "number"]
    dates = [r for r in rows if r["kind"] == "date"]
    assert (numbers[0]["value"], numbers[0]["qualifier"]) == ("2400000", "about")
    assert text[int(numbers[0]["start"]):int(numbers[0]["end"])] == numbers[0]["text"]
    assert [d["iso"] for d in dates] == ["2025-05-17/2025-05-21"]
    # "1.250 مليون" is 1.25 or 1,250 million: not read, with the reason, never a smaller number
    unread = [r for r in numbers if r["value"] == ""]
    assert len(unread) == 1 and unread[0]["reason"]


def test_french_file_as_json_lines(tmp_path):
    path = tmp_path / "bilan.txt"
    path.write_text("le démantèlement de plus de 1 100 bandes, soit une baisse d'environ 19 %", encoding="utf-8")
    done = run(["--lang", "fr", "--format", "jsonl", str(path)])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [(r["value"], r["qualifier"], r["percent"]) for r in rows] == [(1100, "more_than", False),
                                                                         (19, "about", True)]


def test_the_language_is_required_and_bad_bytes_are_one_line(tmp_path):
    assert run([], b"12").returncode == 2  # argparse: --lang is required, never guessed
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("année 2025".encode("latin-1"))
    done = run(["--lang", "fr", str(bad)])
    message = done.stderr.decode("utf-8").strip()
    assert done.returncode == 2 and "\n" not in message and "is not UTF-8" in message and "latin1.txt" in message
