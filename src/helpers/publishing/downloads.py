"""What a researcher takes away from the site: one tidy table of every figure, its sources, a data dictionary, an
Excel copy and the processed tables as one SQLite database with full-text search.

    python -m helpers.publishing.downloads            # write them into build/site-doctrees-extra/data/ (make html does)
    python -m helpers.publishing.downloads --explore  # ... then open the database in Datasette on 127.0.0.1

Written into ``build/site-doctrees-extra/data/``, which the site copies to ``data/`` beside its pages (``html_extra_path``),
so their addresses are stable (``data/all-figures.csv``), not ``_downloads/<hash>/``. They are built from
``data/processed`` on every build and never committed: each is a view of the processed tables (a selection and a
join), and a second copy in the repository would be a second place for the same facts, one that the other tables'
changes would have to keep in step. Their schema is the data package's: every field descriptor is copied from the
resource it comes from (``data/datapackage.json``), so the data dictionary, the download's own ``datapackage.json``
and the database's column descriptions say what the data package says.

- ``all-figures.csv``: one row per (report year, figure), every year and section there is: ids, section and what
  is counted in both languages, the value the report most likely published with its unit, qualifier, direction,
  status, outlets and independent sources;
- ``all-figures-sources.csv``: one row per observation (each outlet's printing of a figure): the page's URL as
  printed, or for a source file without a web address where the number stands in it (``locator``,
  ``file#char=start,end``, RFC 5147), the quote and the value read;
- ``data-dictionary.csv`` and ``datapackage.json``: every column of both, its type, meaning and allowed values;
- ``all-figures.xlsx``: both tables and the dictionary for spreadsheets (UTF-8 CSV opens garbled, or in one column
  where the list separator is ";", in Excel; a workbook opens whole), Arabic columns right to left;
- ``dgsn-reports.sqlite``: every processed table of the data package and the two above, typed, with FTS5 full-text
  search over the outlets' quotes (``observations_fts``) and the article's (``figures_fts``); ``datasette.json``
  beside it gives Datasette the titles, licence and column descriptions.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
from pathlib import Path

import pandas as pd

from helpers.datapackage import csvio, schema
from helpers.datapackage.files import write_if_changed
from helpers.datapackage.raw import sources
from helpers.paths import BUILD, DATA
from helpers.publishing.citation import citation_text, collection_title

DOWNLOADS = BUILD / "site-doctrees-extra" / "data"  # the site's data/ folder (helpers.publishing.site copies it)
ALL_FIGURES = "all-figures.csv"
SOURCES = "all-figures-sources.csv"
DICTIONARY = "data-dictionary.csv"
WORKBOOK = "all-figures.xlsx"
DATABASE = "dgsn-reports.sqlite"
DATASETTE = "datasette.json"
PRESS = "press-coverage.tsv"

# The tidy table: (column, resource it comes from, field there). Section names come from the curated sections.
FIGURE_COLUMNS = [
    ("report_year", "report_figures", "report_year"), ("figure", "report_figures", "figure"),
    ("section", "report_figures", "section"), ("section_en", "sections", "title_en"),
    ("section_ar", "sections", "title_ar"), ("metric_en", "report_figures", "metric_en"),
    ("metric_ar", "report_figures", "metric_ar"), ("kind", "report_figures", "kind"),
    ("value", "report_figures", "value"), ("unit", "report_figures", "unit"),
    ("qualifier", "report_figures", "qualifier"), ("direction", "report_figures", "direction"),
    ("status", "report_figures", "status"), ("outlets", "report_figures", "outlets"),
    ("independent_sources", "report_figures", "independent_sources"),
    ("observations", "report_figures", "observations"), ("note", "report_figures", "note"),
]
SOURCE_COLUMNS = [
    ("obs", "observations", "obs"), ("report_year", "observations", "report_year"),
    ("figure", "observations", "figure"), ("outlet", "observations", "outlet"), ("url", "observations", "url"),
    ("locator", None, None), ("lang", "observations", "lang"), ("published", "observations", "published"),
    ("figure_text", "observations", "figure_text"), ("quote", "observations", "quote"),
    ("value", "observations", "value"), ("unit", "observations", "unit"),
    ("qualifier", "observations", "qualifier"), ("direction", "observations", "direction"),
    ("agreement", "observations", "agreement"), ("cause", "observations", "cause"),
    ("cause_detail", "observations", "cause_detail"),
]
DERIVED = {  # the descriptors of the columns no resource has, or says differently here
    ("sections", "title_en"): "The section's name in English (data/curated/sections.csv)",
    ("sections", "title_ar"): "The section's name in Arabic (data/curated/sections.csv)",
    ("observations", "url"): "The page, as printed; for a source file with a web address (data/raw/sources.json), "
                             "that address; empty when none is known (see locator)",
    "locator": "Where the number stands in a source file, as file#char=start,end (RFC 5147: characters from 0, "
               "end excluded, of data/raw/<file>); for the press, the URL says where",
}


def read_table(resource: str) -> pd.DataFrame:
    """A table of the data package as its file writes it, through the door (schema, manifest): every cell the text
    it is (no float rewriting)."""
    rows = csvio.read_table(schema.path(resource), resource)
    return pd.DataFrame(rows, columns=schema.columns(resource), dtype=str)


def _descriptor(column: str, resource: str | None, field: str | None) -> dict:
    if resource is None:
        return {"name": column, "type": "string", "description": DERIVED[column]}
    found = {k: v for k, v in schema.field(resource, field).items() if k not in ("enumFrom",)}
    found["name"] = column
    found["description"] = DERIVED.get((resource, field), found.get("description", ""))
    constraints = {k: v for k, v in found.get("constraints", {}).items() if k != "unique"}
    if constraints:
        found["constraints"] = constraints
    return found


def all_figures() -> pd.DataFrame:
    """Every (report year, figure) with its section's names (all-figures.csv)."""
    figures = read_table("report_figures")
    names = read_table("sections").set_index("section")
    figures["section_en"] = [names.loc[s, "title_en"] for s in figures["section"]]
    figures["section_ar"] = [names.loc[s, "title_ar"] for s in figures["section"]]
    return figures[[c for c, _, _ in FIGURE_COLUMNS]].reset_index(drop=True)


def all_sources() -> pd.DataFrame:
    """Every observation with where to check it: the URL as printed, else the place in its source file."""
    obs = read_table("observations")
    known = sources()
    urls, locators = [], []
    for row in obs.to_dict("records"):
        address = row["url"] or (known.get(row["source"], {}).get("url") or "")
        urls.append(address)
        located = row["source"] != PRESS and row["source_start"] != ""
        locators.append(f"{row['source']}#char={row['source_start']},{row['source_end']}" if located else "")
    obs["url"], obs["locator"] = urls, locators
    return obs[[c for c, _, _ in SOURCE_COLUMNS]].reset_index(drop=True)


def fields(columns) -> list[dict]:
    return [_descriptor(*c) for c in columns]


def dictionary(tables: dict[str, list[dict]]) -> pd.DataFrame:
    """One row per column of each download: file, column, type, meaning, allowed values."""
    rows = []
    for file, descriptors in tables.items():
        for f in descriptors:
            rows.append({"file": file, "column": f["name"], "type": f["type"], "description": f["description"],
                         "allowed_values": " | ".join(map(str, f.get("constraints", {}).get("enum", [])))})
    return pd.DataFrame(rows)


def package(tables: dict[str, list[dict]]) -> dict:
    """The download's own Frictionless data package: the two tables, their fields, the data package's licence."""
    return {
        "name": "dgsn-reports-all-figures",
        "title": f"{collection_title()}: every figure, and its sources",
        "description": "A view of data/datapackage.json's processed tables (report_figures, observations, "
                       "sections): one row per report year and figure, and one per observation.",
        "licenses": schema.package()["licenses"],
        "citation": citation_text(),
        "resources": [{"name": file.removesuffix(".csv").replace("-", "_"), "path": file, "profile":
                       "tabular-data-resource", "format": "csv", "encoding": "utf-8", "schema": {"fields": d}}
                      for file, d in tables.items()],
    }


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


# --- the workbook ---------------------------------------------------------------------------------------------------

def write_workbook(path: Path, sheets: dict[str, tuple[pd.DataFrame, list[dict]]], created: dt.datetime) -> None:
    """The tables as sheets: a bold, frozen header row, numbers as numbers, Arabic columns right to left, the
    same bytes for the same data (the creation date is the build date)."""
    import xlsxwriter  # only the site needs it

    tmp = path.with_name(f".{path.name}.tmp")
    book = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": collection_title(), "created": created})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    rtl = book.add_format({"reading_order": 2, "align": "right"})
    for name, (frame, descriptors) in sheets.items():
        sheet = book.add_worksheet(name)
        types = {f["name"]: f["type"] for f in descriptors}
        for j, column in enumerate(frame.columns):
            arabic = column.endswith("_ar") or column in ("quote", "figure_text")
            sheet.write_string(0, j, column, bold)
            sheet.set_column(j, j, 40 if column in ("quote", "note", "description") else 18, rtl if arabic else None)
            for i, value in enumerate(frame[column], start=1):
                if value == "":
                    continue
                if types.get(column) in ("integer", "number"):
                    sheet.write_number(i, j, float(value))
                else:
                    sheet.write_string(i, j, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
    book.close()
    if path.exists() and path.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        os.replace(tmp, path)


# --- the database ---------------------------------------------------------------------------------------------------

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def database_tables() -> dict[str, tuple[pd.DataFrame, list[dict], str]]:
    """Every processed table of the data package (whatever there is: new ones come in by themselves), and the two
    downloads: name -> (rows, field descriptors, description)."""
    tables = {}
    for res in schema.package()["resources"]:
        if res["path"].startswith("processed/") and res["path"].endswith(".csv"):
            tables[res["name"]] = (read_table(res["name"]), res["schema"]["fields"], res.get("description", ""))
    tables["all_figures"] = (all_figures(), fields(FIGURE_COLUMNS), f"{ALL_FIGURES}: every figure")
    tables["all_figures_sources"] = (all_sources(), fields(SOURCE_COLUMNS), f"{SOURCES}: every observation")
    return tables


FULL_TEXT = {"observations": ("quote", "figure_text", "outlet", "figure"), "figures": ("quote", "context", "id")}


def write_database(path: Path, tables) -> None:
    """The tables in one SQLite file, typed from their schemas (an empty number is NULL), with FTS5 indexes over
    the quotes (diacritics folded: "cocaine" finds "cocaïne"). Written aside and moved in place when changed."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        for name, (frame, descriptors, _) in tables.items():
            types = {f["name"]: f["type"] for f in descriptors}
            columns = ", ".join(f'"{c}" {SQL_TYPES.get(types.get(c, "string"), "TEXT")}' for c in frame.columns)
            db.execute(f'CREATE TABLE "{name}" ({columns})')

            def cell(value, kind):
                if kind in SQL_TYPES:
                    return None if value == "" else (int(value) if kind == "integer" else float(value))
                return value
            kinds = [types.get(c, "string") for c in frame.columns]
            db.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(frame.columns))})',
                           ([cell(v, k) for v, k in zip(row, kinds)] for row in frame.itertuples(index=False)))
        for name, columns in FULL_TEXT.items():
            if name not in tables:
                continue
            listed = ", ".join(columns)
            db.execute(f"CREATE VIRTUAL TABLE {name}_fts USING fts5({listed}, content='{name}', "
                       "tokenize='unicode61 remove_diacritics 2')")
            db.execute(f"INSERT INTO {name}_fts({name}_fts) VALUES ('rebuild')")
    with sqlite3.connect(tmp) as db:
        db.execute("VACUUM")
    db.close()
    if path.exists() and path.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        os.replace(tmp, path)


def datasette_metadata(tables) -> dict:
    """Datasette's metadata: title, licence, source and each table's and column's description."""
    licence = schema.package()["licenses"][0]
    return {
        "title": collection_title(),
        "license": licence["name"], "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": citation_text(),
        "databases": {Path(DATABASE).stem: {"tables": {
            name: {"description": description,
                   "columns": {f["name"]: f.get("description", "") for f in descriptors},
                   **({"fts_table": f"{name}_fts", "fts_pk": "rowid"} if name in FULL_TEXT else {})}
            for name, (_, descriptors, description) in tables.items()}}},
    }


# --- all of it ------------------------------------------------------------------------------------------------------

def build_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)


def write_downloads(folder: Path = DOWNLOADS) -> dict[str, Path]:
    """Every download, into *folder*; returns them by file name. Unchanged files are not rewritten."""
    folder.mkdir(parents=True, exist_ok=True)
    figures, observations = all_figures(), all_sources()
    described = {ALL_FIGURES: fields(FIGURE_COLUMNS), SOURCES: fields(SOURCE_COLUMNS)}
    words = dictionary(described)
    write_if_changed(folder / ALL_FIGURES, _csv(figures))
    write_if_changed(folder / SOURCES, _csv(observations))
    write_if_changed(folder / DICTIONARY, _csv(words))
    write_if_changed(folder / "datapackage.json", json.dumps(package(described), ensure_ascii=False, indent=1) + "\n")
    write_workbook(folder / WORKBOOK, {"figures": (figures, described[ALL_FIGURES]),
                                       "sources": (observations, described[SOURCES]),
                                       "dictionary": (words, [])}, build_date())
    tables = database_tables()
    write_database(folder / DATABASE, tables)
    write_if_changed(folder / DATASETTE, json.dumps(datasette_metadata(tables), ensure_ascii=False, indent=1) + "\n")
    return {p.name: p for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def explore(folder: Path = DOWNLOADS, port: int = 8001) -> None:
    """Datasette on 127.0.0.1 over the database, with its metadata (``make explore``)."""
    os.execv(sys.executable, [sys.executable, "-m", "datasette", "serve", str(folder / DATABASE), "--metadata",
                              str(folder / DATASETTE), "--host", "127.0.0.1", "--port", str(port),
                              "--setting", "sql_time_limit_ms", "3000"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publishing.downloads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOWNLOADS, help=f"folder (default: {DOWNLOADS})")
    parser.add_argument("--explore", action="store_true", help="then open the database in Datasette on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    written = write_downloads(args.out)
    for name, path in written.items():
        print(f"{path} ({path.stat().st_size:,} bytes)")
    if args.explore:
        explore(args.out, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
