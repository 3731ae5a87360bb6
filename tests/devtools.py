"""A headless Chromium driven over the DevTools protocol on a pipe, for the browser tests (site and JupyterLab).

No extra Python package and no port: Debian's ``chromium`` with ``--remote-debugging-pipe`` reads commands on fd 3
and answers on fd 4. The network is off (a dead proxy, no name resolution), so a page that needs another host
fails to load it, and every request the page made is kept to be checked. ``page_facts`` reads, from the live page,
each paragraph's computed direction and how far its first line stands from its left and right edges, each
image's load state and the fonts; ``page_problems`` turns them into a list of what is wrong.
"""
from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

from PIL import Image


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


NETWORK_OFF = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
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

    def wait_until(self, expression: str, timeout: float = 60, interval: float = 0.1):
        """Evaluate *expression* until it returns something truthy; return that (TimeoutError after *timeout*)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression[:200]}")
            time.sleep(interval)

    def emulate_media(self, media: str) -> None:
        """Lay the page out for "print" or "screen"."""
        self.send("Emulation.setEmulatedMedia", session=True, media=media)

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
PAGE_FACTS_TEMPLATE = r"""
(async () => {
  await document.fonts.ready;
  const strong = (text) => {
    for (const ch of text) {
      if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200F]/.test(ch)) return 'rtl';
      if (/[\p{L}\u200E]/u.test(ch)) return 'ltr';
    }
    return null;
  };
  const paragraphs = [...document.querySelectorAll(ROOT_SELECTOR)].flatMap((root) => [...root.querySelectorAll('p')])
    .filter((p) => !p.closest(EXCLUDE_SELECTOR)).map((p) => {
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
PAGE_FACTS_JS = PAGE_FACTS_TEMPLATE.replace("ROOT_SELECTOR", "'body'").replace("EXCLUDE_SELECTOR", "'summary'")


def page_facts_js(root: str = "body", exclude: str = "summary") -> str:
    """PAGE_FACTS_JS for the paragraphs inside the elements matching *root*, leaving out those inside *exclude*."""
    return PAGE_FACTS_TEMPLATE.replace("ROOT_SELECTOR", json.dumps(root)).replace("EXCLUDE_SELECTOR", json.dumps(exclude))


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


def start_browser(profile: Path):
    """A Browser, or None with the reason printed where chromium is missing (the caller skips with it)."""
    executable = chromium_path()
    if executable is None:
        return None
    return Browser(executable, profile)


SKIP_REASON = "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"


def distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24))


def record_in_manifest(path):
    """Record an edited processed file in the manifest beside it, as if the build had written it, so that a test
    reaches the loader's checks behind the manifest (the comparison with the sources)."""
    import json

    from helpers.datapackage import manifest as build_manifest

    manifest = path.parent / "manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    entries[path.name] = build_manifest.entry(path.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(entries), encoding="utf-8")
