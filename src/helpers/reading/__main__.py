"""The number reader for any text: ``python -m helpers.reading --lang ar FILE`` (or standard input).

Prints every number, quantity and date it finds, as CSV (default) or JSON lines (``--format jsonl``), one row per
expression, in the order they stand in the text: its kind (number, date), the text as written, its offsets
(characters, as Python counts them: ``text[start:end]`` is the expression), its value (numbers; empty when the
expression cannot be read whole), whether it is a percent, its qualifier (exact, about, more_than, less_than,
only), whether it is an ordinal, the ISO form of a date, and the reason when it could not be read. The language is
given, never guessed (the same digits read differently in Arabic and French text).

    python -m helpers.reading --lang fr rapport.txt
    cat bilan.txt | python -m helpers.reading --lang ar --format jsonl

A file that cannot be read, or bytes that are not UTF-8, is one line on standard error and exit status 2.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from helpers.reading.numbers import LANG, find_dates, find_numbers

FIELDS = ["kind", "text", "start", "end", "value", "percent", "qualifier", "ordinal", "iso", "reason"]


def rows(text: str, lang: str) -> list[dict]:
    """Every number and date of ``text``, in order of their place (a date's numbers are part of the date)."""
    dates = find_dates(text, lang)
    found = [{"kind": "date", "text": d.text, "start": d.start, "end": d.end, "value": None, "percent": False,
              "qualifier": "", "ordinal": False, "iso": d.iso, "reason": d.reason} for d in dates]
    inside = [(d.start, d.end) for d in dates if d.iso]
    for m in find_numbers(text, lang):
        if any(s <= m.start and m.end <= e for s, e in inside):
            continue  # the day, month or year of a date found above
        found.append({"kind": "number", "text": m.text, "start": m.start, "end": m.end, "value": m.value,
                      "percent": m.percent, "qualifier": m.qualifier, "ordinal": m.ordinal, "iso": "",
                      "reason": m.reason})
    return sorted(found, key=lambda r: (r["start"], r["end"]))


def _read(source: str | None) -> str:
    data = sys.stdin.buffer.read() if source in (None, "-") else Path(source).read_bytes()
    return data.decode("utf-8-sig")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.reading", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="a UTF-8 text file (default: standard input)")
    parser.add_argument("--lang", required=True, choices=sorted(LANG), help="the language the text is written in")
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default: csv)")
    args = parser.parse_args(argv)
    try:
        text = _read(args.file)
    except OSError as err:
        print(f"error: {args.file}: cannot be read ({err.strerror})", file=sys.stderr)
        return 2
    except UnicodeDecodeError as err:
        print(f"error: {args.file or 'standard input'}: byte 0x{err.object[err.start]:02x} at offset {err.start} "
              "is not UTF-8", file=sys.stderr)
        return 2
    found = rows(text, args.lang)
    if args.format == "jsonl":
        for row in found:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
