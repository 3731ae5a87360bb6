"""The static site (helpers.site): built from the committed notebooks, offline, right to left where Arabic.

The browser tests drive Debian's headless ``chromium`` over the DevTools protocol on a pipe (no extra Python
package, no port), with the network off, and read the facts from the live page: computed direction and the
geometry of each Arabic paragraph's first line, every image's load state, every request the page made.
Each check is also shown to fail on a page built to be wrong.
"""
from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from PIL import Image

from helpers import site
from helpers.paths import NOTEBOOKS

ARABIC_PARAGRAPH = "يعرض هذا الدفتر أرقام تقرير المديرية العامة للأمن الوطني لسنة 2025 حول التواصل الأمني."
ENGLISH_PARAGRAPH = "This notebook shows the figures of the DGSN 2025 report on security communication."


def fixture_notebook(folder: Path, name: str = "00-fixture.ipynb", *, metadata: bool = True,
                     extra_code: str = "") -> Path:
    """A small notebook with outputs: Arabic and English paragraphs, a pandas table with Arabic, a chart."""
    nb = new_notebook(cells=[
        new_markdown_cell(f"# 00 · الأرقام · Figures\n\n{ARABIC_PARAGRAPH}\n\n{ENGLISH_PARAGRAPH}"),
        new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt\n%matplotlib inline"),
        new_code_cell("pd.DataFrame({'المؤشر': ['عدد الزوار'], 'value': [2400000]})"),
        new_code_cell("fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(['a', 'b'], [3, 5])\nplt.show()"),
        *([new_code_cell(extra_code)] if extra_code else []),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    if metadata:
        nb.metadata["helpers"] = {"title_en": "Figures", "title_ar": "الأرقام"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> list[Path]:
    """The collection's notebooks (committed with outputs); a fixture notebook only while there are none."""
    found = site.find_notebooks(NOTEBOOKS)
    if found:
        return found
    folder = tmp_path_factory.mktemp("notebooks")
    path = fixture_notebook(folder)
    site.execute_notebooks([path], jobs=1, figures_dir=folder)
    return [path]


@pytest.fixture(scope="module")
def site_dir(notebooks, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    site.build_site(notebooks, out)
    return out


# --- static checks -----------------------------------------------------------------------------------------------

# Anything a browser would fetch: src=, <link href=, CSS url() and @import, to an http(s) or protocol-relative URL.
_EXTERNAL = re.compile(
    r"""(?:\bsrc\s*=\s*|<link\b[^>]*?\bhref\s*=\s*|\burl\(\s*|@import\s+)["']?\s*((?:https?:)?//[^"'\s)>]*)""",
    re.I)


def external_references(page: str) -> list[str]:
    return _EXTERNAL.findall(page)


def test_external_reference_check_detects_cdn_links():
    page = ('<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>'
            '<link rel="stylesheet" href="//cdn.example.org/x.css"><img src=\'http://example.com/a.png\'>'
            '<style>@import "https://fonts.example/f.css"; p { background: url(https://example.com/b.png) }</style>'
            '<img src="data:image/png;base64,AAAA"><a href="https://example.com/">a link is not fetched</a>')
    assert len(external_references(page)) == 5


def test_every_page_needs_no_network(site_dir, notebooks):
    pages = sorted(site_dir.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", *(nb.stem + ".html" for nb in notebooks)}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert external_references(text) == [], page.name
        assert "<script src" not in text, f"{page.name} loads a script"
    for font in site.FONT_FILES.values():
        assert (site_dir / "fonts" / font).stat().st_size > 0


def test_index_lists_every_notebook_in_order_with_both_titles(site_dir, notebooks):
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl">', index)
    links = re.findall(r'<li><a href="([^"]+)"', index)
    assert links == [nb.stem + ".html" for nb in notebooks]
    for nb_path in notebooks:
        title_en, title_ar = site.notebook_titles(nbformat.read(nb_path, as_version=4), nb_path)
        assert title_en and title_ar, f"{nb_path.name}: a title is missing"
        assert f'lang="ar" dir="rtl">{html.escape(title_ar)}</span>' in index
        assert f'lang="en" dir="ltr">{html.escape(title_en)}</span>' in index


def test_pages_mark_direction_and_link_back(site_dir, notebooks):
    for nb_path in notebooks:
        page = (site_dir / (nb_path.stem + ".html")).read_text(encoding="utf-8")
        assert page.count('href="index.html"') == 2, "header and footer link to the index"
        assert re.search(r'<p dir="auto" lang="ar">', page), f"{nb_path.name}: no Arabic paragraph marked"
        assert re.search(r'<p dir="auto">', page), f"{nb_path.name}: no English paragraph"
        assert not re.search(r"<(?:p|h[1-6]|li|td|th)(?:\s(?![^>]*\bdir=)[^>]*)?>", page.partition("</head>")[2])


def test_rebuild_is_byte_identical(site_dir, notebooks, tmp_path):
    site.build_site(notebooks, tmp_path)
    for page in site_dir.rglob("*"):
        if page.is_file():
            assert (tmp_path / page.relative_to(site_dir)).read_bytes() == page.read_bytes(), page.name


def test_mark_direction():
    page = ('<head><style>p { color: red }</style></head><body><p>English</p><p>\u200fعربي</p>'
            '<td><b>&#1593;</b>ربي</td><li dir="rtl">x</li><h2 class="a">2025 عدد</h2><th>2025</th></body>')
    assert site.mark_direction(page) == (
        '<head><style>p { color: red }</style></head><body><p dir="auto">English</p>'
        '<p dir="auto" lang="ar">\u200fعربي</p><td dir="auto" lang="ar"><b>&#1593;</b>ربي</td><li dir="rtl">x</li>'
        '<h2 class="a" dir="auto" lang="ar">2025 عدد</h2><th dir="auto">2025</th></body>')


def test_titles_fall_back_to_the_first_heading(tmp_path):
    path = fixture_notebook(tmp_path, metadata=False)
    assert site.notebook_titles(nbformat.read(path, as_version=4), path) == ("Figures", "الأرقام")


# --- execution -----------------------------------------------------------------------------------------------------

def test_execute_saves_deterministic_readable_notebooks(tmp_path):
    """Two fresh kernels, in parallel, on the same notebook: byte-identical files, stable JSON, env passed on."""
    src = tmp_path / "src"
    src.mkdir()
    check_env = "import os\nprint(os.environ['HELPERS_FIGURES_DIR'] == os.environ['EXPECTED'], 'تم')"
    a = fixture_notebook(src, "00-a.ipynb", extra_code=check_env)
    b = src / "01-b.ipynb"
    shutil.copyfile(a, b)
    os.environ["EXPECTED"] = str(tmp_path / "figures")
    try:
        site.execute_notebooks([a, b], jobs=2, out_dir=tmp_path / "out", figures_dir=tmp_path / "figures")
    finally:
        del os.environ["EXPECTED"]
    saved_a, saved_b = ((tmp_path / "out" / name).read_text("utf-8") for name in ("00-a.ipynb", "01-b.ipynb"))
    assert saved_a == saved_b
    nb = nbformat.reads(saved_a, as_version=4)
    assert nb.cells[-1].outputs[0]["text"] == "True تم\n", "HELPERS_FIGURES_DIR reaches the kernel; Arabic kept"
    assert any(o.get("data", {}).get("image/png") for o in nb.cells[3].outputs)
    assert saved_a.endswith("}\n") and '\n "cells": [\n  {\n' in saved_a  # indent=1, trailing newline
    assert "المؤشر" in saved_a and '"execution"' not in saved_a  # ensure_ascii=False; record_timing=False
    assert a.read_text("utf-8").count('"outputs": []') == 4, "the source notebook was left alone"


def test_failing_notebook_stops_with_one_line(tmp_path, capsys):
    path = fixture_notebook(tmp_path, "03-broken.ipynb", extra_code="x = 1\nraise ValueError('no such figure')")
    assert site.main(["--execute", "--out", str(tmp_path / "html"), str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("error: 03-broken.ipynb failed in cell 5 ('x = 1'): ValueError: no such figure"), err
    assert not (tmp_path / "html").exists(), "no page is rendered after a failure"


# --- in the browser ------------------------------------------------------------------------------------------------

def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


NETWORK_OFF = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900", "--remote-debugging-pipe"]


class Browser:
    """Headless Chromium driven with the DevTools protocol over --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, executable: str, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        self.log = profile / "chromium.log"
        # The pipe protocol: the browser reads commands on fd 3 and answers on fd 4. A shell puts our pipe ends
        # there (bash: dash takes one-digit fds only; a preexec_fn would run Python in the forked child, unsafe
        # beside xdist's threads).
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}', "bash",
             executable, *FLAGS, *NETWORK_OFF, f"--user-data-dir={profile / 'data'}", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=(log := open(self.log, "wb")))
        log.close()
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=True)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if not select.select([self._from_browser], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"chromium exited ({self.process.poll()}); its log ends:\n{tail}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, timeout: float = 60, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, message in enumerate(self.events):
                if message.get("method") == event:
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"]["value"]

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def load_errors(self) -> list[str]:
        return [e["params"]["errorText"] for e in self.events if e.get("method") == "Network.loadingFailed"]

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", session=True, format="png")["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)


# Facts about the live page: each paragraph's first strong direction, computed direction, and how far its first
# line stands from the paragraph's left and right content edges; each image's load state; whether fonts loaded.
PAGE_FACTS_JS = r"""
(async () => {
  await document.fonts.ready;
  const strong = (text) => {
    for (const ch of text) {
      if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200F]/.test(ch)) return 'rtl';
      if (/[\p{L}\u200E]/u.test(ch)) return 'ltr';
    }
    return null;
  };
  const paragraphs = [...document.querySelectorAll('p')].map((p) => {
    const style = getComputedStyle(p);
    const box = p.getBoundingClientRect();
    const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const range = document.createRange();
    range.selectNodeContents(p);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top);
    const line = rects.length ? rects.filter((r) => r.top < rects[0].bottom - 1) : [];
    return {
      text: p.textContent.trim().slice(0, 50), strong: strong(p.textContent), direction: style.direction,
      visible: line.length > 0,
      gapLeft: line.length ? Math.min(...line.map((r) => r.left)) - left : null,
      gapRight: line.length ? right - Math.max(...line.map((r) => r.right)) : null,
    };
  });
  const images = [...document.images].map((img) => ({
    src: img.getAttribute('src').slice(0, 60), complete: img.complete, naturalWidth: img.naturalWidth,
  }));
  const fonts = [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`);
  return {paragraphs, images, fonts, lang: document.documentElement.lang};
})()
"""
FLUSH = 2.0  # px: a first line this close to an edge is flush with it
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def page_problems(facts: dict, requests: list[str]) -> list[str]:
    """What is wrong with a page, from its facts: empty when Arabic reads right to left and nothing is missing."""
    problems = []
    for p in (p for p in facts["paragraphs"] if p["visible"]):
        if p["strong"] == "rtl":
            if p["direction"] != "rtl":
                problems.append(f"Arabic paragraph laid out {p['direction']}: {p['text']!r}")
            elif abs(p["gapRight"]) > FLUSH:
                problems.append(f"Arabic paragraph's first line not flush right ({p['gapRight']:.0f} px): "
                                f"{p['text']!r}")
        elif p["strong"] == "ltr":
            if p["direction"] != "ltr" or abs(p["gapLeft"]) > FLUSH:
                problems.append(f"English paragraph not left to right: {p['text']!r}")
    for img in facts["images"]:
        if not (img["complete"] and img["naturalWidth"] > 0):
            problems.append(f"image not loaded: {img['src']}")
    problems += [f"network request: {url}" for url in requests if not url.startswith(LOCAL_SCHEMES)]
    return problems


def distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = chromium_path()
    if executable is None:
        reason = "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
        print(f"SKIP browser tests: {reason}")
        pytest.skip(reason)
    b = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def test_site_in_browser_offline(browser, site_dir, notebooks, tmp_path):
    pages = ["index.html", *(nb.stem + ".html" for nb in notebooks)]
    images = 0
    for name in pages:
        browser.open((site_dir / name).as_uri())
        facts = browser.evaluate(PAGE_FACTS_JS)
        shot = browser.screenshot()
        (tmp_path / f"{name}.png").write_bytes(shot)
        assert shot.startswith(b"\x89PNG\r\n\x1a\n") and distinct_colours(shot) > 32, f"{name}: blank screenshot"
        assert page_problems(facts, browser.requested_urls()) == [], name
        arabic = [p for p in facts["paragraphs"] if p["strong"] == "rtl" and p["visible"]]
        assert arabic, f"{name}: no Arabic paragraph on the page"
        assert any(f.startswith("IBM Plex Sans Arabic 400 loaded") for f in facts["fonts"]), (name, facts["fonts"])
        images += len(facts["images"])
    assert images > 0, "no figure anywhere in the site"


# A 4x4 red PNG, embedded as the notebooks' figures are.
RED_PNG = base64.b64encode((lambda buf: (Image.new("RGB", (4, 4), "red").save(buf, "PNG"), buf.getvalue())[1])(
    io.BytesIO())).decode()
BAD_PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>
<body style="width: 700px; font: 16px sans-serif">
<p dir="ltr">{ARABIC_PARAGRAPH[:40]}</p>
<p dir="auto" style="text-align: left">{ARABIC_PARAGRAPH[:40]}</p>
<p dir="auto">{ARABIC_PARAGRAPH[:41]}</p>
<p dir="auto">{ENGLISH_PARAGRAPH}</p>
<img src="missing.png"><img src="http://example.com/remote.png"><img src="data:image/png;base64,{RED_PNG}">
</body></html>"""


def test_browser_checks_detect_a_wrong_page(browser, tmp_path):
    """Forced left to right, aligned left, a missing and a remote image: each is caught; the good parts are not."""
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    browser.open(page.as_uri())
    problems = page_problems(browser.evaluate(PAGE_FACTS_JS), browser.requested_urls())
    arabic = ARABIC_PARAGRAPH[:40]
    assert problems == [
        f"Arabic paragraph laid out ltr: {arabic!r}",
        problems[1],  # its distance from the right edge depends on the font
        "image not loaded: missing.png",
        "image not loaded: http://example.com/remote.png",
        "network request: http://example.com/remote.png",
    ], problems
    assert problems[1].startswith("Arabic paragraph's first line not flush right (") and arabic in problems[1]
    # the remote image was refused by the dead proxy the browser is pointed at: the network is off
    assert "net::ERR_PROXY_CONNECTION_FAILED" in browser.load_errors()


def test_browser_checks_detect_a_broken_copy_of_a_real_page(browser, site_dir, tmp_path):
    """A built page with its first Arabic paragraph forced left to right and its first figure corrupted."""
    page = next(text for path in sorted(site_dir.glob("[0-9][0-9]-*.html"))
                if 'src="data:image/png;base64,' in (text := path.read_text(encoding="utf-8")))
    page = page.replace('<p dir="auto" lang="ar">', '<p dir="ltr" lang="ar">', 1)
    page = page.replace('src="data:image/png;base64,', 'src="data:image/png;base64,broken', 1)
    (tmp_path / "fonts").symlink_to(site_dir / "fonts")
    (tmp_path / "broken.html").write_text(page, encoding="utf-8")
    browser.open((tmp_path / "broken.html").as_uri())
    problems = page_problems(browser.evaluate(PAGE_FACTS_JS), browser.requested_urls())
    assert len(problems) == 2, problems
    assert problems[0].startswith("Arabic paragraph laid out ltr: ")
    assert problems[1].startswith("image not loaded: data:image/png;base64,broken")
