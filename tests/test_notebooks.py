"""The notebooks' conventions: numbered, python3, narrative first in Arabic and English, run top to bottom, outputs
committed and deterministic, no figures typed into code, every figure shown somewhere."""
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.datapackage import schema
from helpers.paths import NOTEBOOKS, PROCESSED

PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")


def mostly(script, text: str) -> bool:
    other = LATIN if script is ARABIC else ARABIC
    return len(script.findall(text)) > 4 * len(other.findall(text))


def read(path):
    return nbformat.read(path, as_version=4)


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
            parts.append(out.get("data", {}).get("text/html", ""))
    return "\n".join(parts)


def test_the_collection_is_numbered_from_00_without_gaps():
    assert [p.name[:2] for p in PATHS] == [f"{i:02d}" for i in range(len(PATHS))]
    assert all(re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", p.name) for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_conventions(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    titles = nb.metadata["helpers"]
    assert ARABIC.search(titles["title_ar"]) and titles["title_en"]
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    paragraphs = [p for p in first.source.split("\n\n")[1:] if p.strip()]
    assert any(mostly(ARABIC, p) and len(p) > 100 for p in paragraphs), "an Arabic paragraph at the top"
    assert any(mostly(LATIN, p) and len(p) > 100 for p in paragraphs), "an English paragraph at the top"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_run_top_to_bottom_with_outputs_committed(path):
    code = [c for c in read(path).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert any(c.outputs for c in code)
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_outputs_are_deterministic(path):
    text = outputs_text(read(path))
    assert not re.search(r" at 0x[0-9a-f]{6,}", text), "a memory address in the outputs"
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "a timestamp in the outputs"
    for cell in read(path).cells:
        assert "execution" not in cell.get("metadata", {}), "cell timings stored"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_output_is_an_objects_repr(path):
    """An output a reader sees is text, a table or a chart, never the repr of a Python object (a dataclass's
    ``Name(field=...)``) displayed by mistake: such an output has no HTML, Markdown or image beside its text."""
    for cell in read(path).cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") in ("display_data", "execute_result") and set(data) == {"text/plain"}:
                text = "".join(data["text/plain"])
                assert not re.match(r"[A-Z]\w*\(\w+=", text), f"an object's repr displayed: {text[:60]!r}"


REPORT_YEARS = {str(y) for y in schema.allowed("press_coverage", "report_year")}  # a report's year names it


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_figures_typed_into_code(path):
    """Numbers come from the data: code cells hold no literal of three or more digits (report years excepted)."""
    for cell in read(path).cells:
        if cell.cell_type == "code":
            code = re.sub(r"#.*", "", cell.source)
            code = re.sub(r"(['\"]).*?\1", "", code)  # strings: labels, not values
            typed = set(re.findall(r"(?<![\w.])\d{3,}(?![\w.])", code)) - REPORT_YEARS
            assert not typed, f"number literals in a code cell: {sorted(typed)}"


def test_every_report_figure_appears_with_its_id_in_a_notebook():
    """Every (report year, figure) of report-figures.csv is in a notebook's output: its id, in a table that has
    its year's column (the section tables show every report side by side)."""
    shown = {p.name: outputs_text(read(p)) for p in PATHS}
    report_figures = pd.read_csv(PROCESSED / "report-figures.csv")
    missing = [(y, f) for y, f in zip(report_figures["report_year"], report_figures["figure"])
               if not any(f in text and f"{y} report" in text for text in shown.values())]
    assert missing == []


def test_every_section_has_its_notebook():
    """Each section of the report is the subject of a notebook: a notebook's set-up names it in ``sections``."""
    code = "\n".join(c.source for p in PATHS for c in read(p).cells if c.cell_type == "code")
    import ast
    covered = {s for group in re.findall(r"setup\([^)]*sections=(\[.*?\])", code) for s in ast.literal_eval(group)}
    # the communication section has notebooks of its own, from the article: the group "communication"
    if any(read(p).metadata.get("helpers", {}).get("group") == "communication" for p in PATHS):
        covered.add("communication")
    assert set(schema.allowed("observations", "section")) - covered == set()


def test_every_figure_is_shown_in_a_section_notebook():
    """Each row of figures.csv appears in a table of a notebook other than the overview (00)."""
    shown = "\n".join(outputs_text(read(p)) for p in PATHS if not p.name.startswith("00"))
    ids = pd.read_csv(PROCESSED / "figures.csv")["id"]
    assert [i for i in ids if i not in shown] == []


# --- both languages, Arabic right to left, quotations verbatim -----------------------------------------------------

RTL_BLOCK = re.compile(r'<div dir="rtl" lang="ar">\n\n(.*?)\n\n</div>', re.S)
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3]")
QUOTED = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")


def markdown_sources(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def without_code_and_tags(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def split_languages(source: str) -> tuple[list[str], list[str], str]:
    """(headings, Arabic blocks, the rest: English) of a markdown cell."""
    headings = [line for line in source.splitlines() if line.startswith("#")]
    rest = RTL_BLOCK.sub(" ", source)
    rest = "\n".join(line for line in rest.splitlines() if not line.startswith("#"))
    return headings, RTL_BLOCK.findall(source), rest


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_arabic_prose_is_inside_right_to_left_blocks(path):
    """Outside <div dir="rtl" lang="ar">, Arabic appears only in «quotes» and in bilingual headings."""
    for source in markdown_sources(read(path)):
        headings, _, rest = split_languages(source)
        for heading in headings:
            assert not ARABIC_LETTER.search(heading) or LATIN.search(heading.lstrip("# ")), heading
        stray = ARABIC_LETTER.findall(re.sub(r"«[^»]*»", " ", without_code_and_tags(rest)))
        assert not stray, f"Arabic outside an RTL block: {rest.strip()[:120]!r}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_narrative_cell_says_it_in_both_languages(path):
    """Each markdown cell with prose (narrative, caveats, findings) has an Arabic block and an English text of
    comparable length; a cell with only a heading has a heading in both languages."""
    for source in markdown_sources(read(path)):
        headings, arabic, english = split_languages(source)
        english = re.sub(r"«[^»]*»", " ", without_code_and_tags(english))
        ar_letters = sum(len(ARABIC_LETTER.findall(block)) for block in arabic)
        en_letters = len(LATIN.findall(english))
        if not arabic and not en_letters:
            assert all(ARABIC_LETTER.search(h) and LATIN.search(h) for h in headings), headings
            continue
        assert ar_letters and en_letters, f"one language only: {source[:100]!r}"
        assert 0.3 < ar_letters / en_letters < 2.5, f"one language says much less: {source[:100]!r}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_ends_with_what_we_found_in_both_languages(path):
    """The last section is "What we found": a heading, then one cell of findings, each a ``claim(ar, en,
    holds=...)`` checked when the notebook runs (``found``), shown as bullets in both languages."""
    cells = read(path).cells
    heading = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                    and c.source.startswith("## What we found · ما وجدناه")), None)
    assert heading is not None and heading == len(cells) - 2, "a final 'What we found · ما وجدناه' section"
    findings = cells[heading + 1]
    assert findings.cell_type == "code" and "found(" in findings.source and "claim(" in findings.source
    assert findings.source.count("claim(") == findings.source.count("holds="), "every claim has its condition"
    shown = "".join(o["data"]["text/markdown"] for o in findings.outputs if "text/markdown" in o.get("data", {}))
    _, arabic, english = split_languages(shown)
    bullets_ar = sum(line.startswith("- ") for block in arabic for line in block.splitlines())
    bullets_en = sum(line.startswith("- ") for line in english.splitlines())
    assert bullets_ar >= 1 and bullets_ar == bullets_en == findings.source.count("claim("), (bullets_ar, bullets_en)


@pytest.fixture(scope="module")
def source_texts():
    """Every text a notebook may quote: the raw report, the quotes of the secondary sources and of the press."""
    from helpers.build.series import read_secondary
    from helpers.datapackage.article import load_report
    from helpers.datapackage.press import load_press
    return ([load_report().raw] + [row["quote"] for _, _, row in read_secondary()]
            + [row["quote"] for row in load_press()])


def quotations(text: str) -> list[str]:
    text = without_code_and_tags(text)
    return [" ".join(next(g for g in m.groups() if g).split()) for m in QUOTED.finditer(text)]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_quotations_are_the_sources_words(path, source_texts):
    """Text in «», “” or "" is shown as the source's words: it must occur in a source, verbatim."""
    nb = read(path)
    texts = markdown_sources(nb) + [o.get("data", {}).get("text/markdown", "") for c in nb.cells
                                    if c.cell_type == "code" for o in c.outputs]
    flat = [" ".join(s.split()) for s in source_texts]
    for text in texts:
        for quote in quotations(text):
            assert any(quote in s for s in flat), f"not in any source: «{quote}»"


def test_the_quotation_check_catches_a_paraphrase(source_texts):
    """Notebook 08 once quoted «مقابل 40 في سنة 2024» as the report's words; the report says «مقارنة مع 40 في سنة
    2024» (one outlet, a5r5br.net, wrote the former). A paraphrase that no source wrote is caught."""
    flat = [" ".join(s.split()) for s in source_texts]
    assert not any("مقابل 40 تكذيبا في سنة 2024" in s for s in flat)
    assert any("مقارنة مع 40 في سنة 2024" in s for s in flat)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_arabic_quotes_in_english_are_not_run_together(path):
    """In left-to-right text, two Arabic quotes joined by punctuation alone are displayed in reverse order."""
    for source in markdown_sources(read(path)):
        _, _, english = split_languages(source)
        assert not re.search(r"»\s*[,;،]?\s*«", english), english[:120]


# --- charts and tables in the outputs ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_chart_has_a_description_in_both_languages(path):
    for cell in read(path).cells:
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert ARABIC_LETTER.search(alt) and LATIN.search(alt), f"no bilingual alt text in {path.name}"
            assert "<Figure size" not in out.get("data", {}).get("text/plain", ""), "a figure displayed directly"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_tables_show_no_placeholders(path):
    text = outputs_text(read(path))
    assert not re.search(r"\bNone\b|\bNaN\b|<NA>|&lt;NA&gt;|…", text)


# --- hygiene -------------------------------------------------------------------------------------------------------

def code_of(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_one_setup_call_and_no_copied_set_up(path):
    nb = read(path)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert re.search(rf'^data = setup\("{path.stem}"(, sections=\[[^]]*\])?\)$', first.source, re.M), \
        "the first cell sets up with the notebook's own name: data = setup(\"NN-name\")"
    code = code_of(nb)
    assert code.count("setup(") == 1
    for copied in ("%matplotlib", "pd.set_option", "load_figures(", "citation(", "load_checks(", "build_checks("):
        assert copied not in code, copied


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_chart_a_notebook_writes_starts_with_its_number(path):
    """Charts are named by the notebook's own number (``data.show(fig, "changes")`` writes NN-changes.*): a notebook
    made from another as a template cannot write into the other's charts."""
    nb = read(path)
    writes = nb.metadata["helpers"].get("writes", [])
    assert all(Path(w).name.startswith(path.stem[:3]) for w in writes), writes
    code = code_of(nb)
    assert "charts.show(" not in code, "show charts with data.show(fig, short_name): the number comes from setup"
    shown = re.findall(r'data\.show\(fig, "([^"]+)"', code)
    pngs = [w for w in writes if w.endswith(".png")]
    # a chart too tall for one page is saved in pages: NN-name.png, NN-name-2.png, ... (charts.show)
    pages = {w: re.fullmatch(r"(.+)-(\d+)\.png", w) for w in pngs}
    base = sorted({f"{m.group(1)}.png" if m and f"{m.group(1)}.png" in pngs else w for w, m in pages.items()})
    assert sorted({f"figures/{path.stem[:3]}{name}.png" for name in shown}) == base
    for first in base:
        numbers = sorted(int(m.group(2)) for w, m in pages.items() if m and f"{m.group(1)}.png" == first)
        assert numbers == list(range(2, len(numbers) + 2)), (first, numbers)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_unused_imports_and_no_functions_defined(path):
    import ast
    tree = ast.parse(code_of(read(path)))
    imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert imported - used == set(), "unused imports"
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))], "helpers belong in src/"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_labels_come_from_the_data(path):
    """No label the curated files give (platform names, kinds...) is typed as a string in a notebook."""
    import ast

    from helpers.build.load import load_figures
    from helpers.datapackage import schema
    from helpers.language import labels
    known = {text for figure_id in load_figures().index for text in
             (labels.figure_label(figure_id).ar, labels.figure_label(figure_id).en)}
    known |= {text for metric in schema.allowed("series", "metric") for text in
              (labels.metric_label(metric).ar, labels.metric_label(metric).en)}
    strings = {node.value for node in ast.walk(ast.parse(code_of(read(path))))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert strings & known == set()


NUMBER = re.compile(r"(?<![\w.,\-])\d{1,3}(?:[.,]\d{3})+(?![\d])|(?<![\w.,\-])\d+(?:[.,]\d+)?(?![\d\w])")


@pytest.fixture(scope="module")
def numbers_in_the_data():
    from helpers.build.load import load_checks, load_figures, load_series
    figures, series = load_figures(), load_series()
    checks = load_checks()
    values = set(figures["value"]) | set(series["value"])
    values |= {abs(v) for column in ("published", "recomputed", "difference") for v in checks[column]
               if v is not None}
    # the whole report: every value an outlet printed, and the stated changes and the changes they imply
    observations = pd.read_csv(PROCESSED / "observations.csv")
    changes = pd.read_csv(PROCESSED / "stated-changes.csv")
    values |= set(observations["value"])
    values |= {abs(v) for column in ("stated", "implied") for v in changes[column].dropna()}
    return {float(v) for v in values}


def prose_numbers(text: str) -> list[float]:
    text = re.sub(r"«[^»]*»", " ", without_code_and_tags(text)).replace("SHA-256", " ")
    found = []
    for token in NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):  # grouped, as English (6,862) or Arabic (6.862) write it
            found.append(float(re.sub(r"[.,]", "", token)))
        else:
            found.append(float(token.replace(",", ".")))
    return found


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_numbers_in_the_prose_come_from_the_data(path, numbers_in_the_data):
    """A number written in a notebook's narrative is a figure, a series value or a check's number (or a year, a
    day, a count below 32); anything computed is printed by code from the data."""
    for source in markdown_sources(read(path)):
        for n in prose_numbers(source):
            assert n < 32 or 1990 <= n <= 2100 or n in numbers_in_the_data, f"{n} in {source[:80]!r}"


def test_notebook_08_says_how_sure_the_series_is_from_the_data():
    """Its sentences about single-source values are the ones helpers.build.series computes from series.csv, and no
    markdown cell states such a count by hand."""
    from helpers.analysis.series import uncertainty_note
    from helpers.build.load import load_series
    nb = read(NOTEBOOKS / "08-series-2017-2025.ipynb")
    shown = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if "text/markdown" in o.get("data", {})]
    ar, en = uncertainty_note(load_series(), 2025)
    assert any(ar in text and en in text for text in shown)
    words = re.compile(r"one source|one report|unconfirmed|uncertain|single|مصدر واحد|غير مؤكد", re.I)
    for source in markdown_sources(nb):
        for sentence in re.split(r"(?<=[.!?؟])\s+|\n- ", source):
            counts = [n for n in re.findall(r"\d+", sentence) if not 1990 <= int(n) <= 2100]
            assert not (words.search(sentence) and counts), sentence
