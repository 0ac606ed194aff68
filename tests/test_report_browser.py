"""The HTML report in a real browser: headless Chromium renders the figures and logs no errors.

Chromium (Debian package ``chromium``; ``.ci/run`` installs it) is driven over the DevTools
protocol on 127.0.0.1; the report is opened as a file:// URL and nothing else is loaded.
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import json
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from test_analysis import news_graph

from kg.cli import main

CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,1800",
)


class Browser:
    """One headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self, folder: Path):
        import websocket

        self.log = folder / "chromium.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'profile'}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            page = next(t for t in json.load(answer) if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def _port(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", self.log.read_text(errors="replace"))
            if found:
                return int(found.group(1))
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"chromium did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def call(self, method: str, **params) -> dict:
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not load")
            self.events.append(json.loads(self.socket.recv()))
        self.evaluate("new Promise(done => setTimeout(done, 300))")  # let late errors arrive

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors and warnings, and browser log errors (CSP, loads)."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"Uncaught: {params['exceptionDetails'].get('text')} {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: {[a.get('value') for a in params['args']]}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"{params['entry']['source']}: {params['entry']['text']}")
        return found

    def screenshot(self, selector: str) -> bytes:
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
        )
        clip = dict(zip(("x", "y", "width", "height"), box), scale=1)
        shot = self.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may close the socket before it answers
            self.call("Browser.close")
        self.socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def browser(tmp_path):
    opened = Browser(tmp_path)
    yield opened
    opened.close()


def _drawn(png: bytes) -> tuple[int, int, float, int]:
    """Width, height, share of non-white pixels and number of distinct colours of a PNG."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    inked = float((pixels.min(axis=2) < 235).mean())
    return pixels.shape[1], pixels.shape[0], inked, len(np.unique(pixels.reshape(-1, 3), axis=0))


def check_report_in_browser(browser: Browser, report: Path) -> None:
    browser.open(report.resolve().as_uri())
    assert browser.errors() == []
    sizes = browser.evaluate(
        "Array.from(document.querySelectorAll('figure svg')).map(s => {"
        " const r = s.getBoundingClientRect(); return [s.closest('figure').className, r.width, r.height]; })"
    )
    assert [name for name, *_ in sizes] == ["network", "timeline"]
    for _, width, height in sizes:
        assert width > 600 and height > 150
    width, height, inked, colours = _drawn(browser.screenshot("figure.network svg"))
    assert width > 600 and height > 300
    assert inked > 0.01 and colours > 20, "the network drawing rendered blank"
    # The tables sort: a click on "median rank" sorts descending, a second ascending.
    order = browser.evaluate(
        "(() => { const head = document.querySelectorAll('#key-actors th')[3]; head.click(); const first ="
        " head.getAttribute('aria-sort'); head.click(); const cells = Array.from(document.querySelectorAll("
        "'#key-actors tbody tr td:nth-child(4)')).map(c => parseFloat(c.dataset.sort));"
        " return [first, head.getAttribute('aria-sort'), cells]; })()"
    )
    assert order[:2] == ["descending", "ascending"] and order[2] == sorted(order[2])
    assert browser.errors() == []


def test_report_browser_detects_errors(browser, tmp_path):
    """The check itself: a page with a script error, a console error and a CSP violation fails it."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="script-src '
        "'sha256-ru5cXBFbIMrvZvQtvn1xdgqtNcPnDU8KzRp2Z53ICg4='\"></head><body>"
        "<script>console.error('bad'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    browser.open(page.as_uri())
    errors = " | ".join(browser.errors())
    assert "violates the following Content Security Policy" in errors
    page.write_text("<!DOCTYPE html><script>console.error('bad'); undefinedFunction();</script>", encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    errors = " | ".join(browser.errors())
    assert "console.error: ['bad']" in errors and "Uncaught" in errors and "undefinedFunction" in errors


def test_report_browser_renders_report_without_errors(browser, tmp_path, lexicon):
    graph = tmp_path / "news.ttl"
    news_graph(lexicon).serialize(graph, format="turtle")
    report = tmp_path / "report.html"
    assert main(["report", str(graph), "-o", str(report)]) == 0
    check_report_in_browser(browser, report)
    # The hostile sentence is text on the page, not markup.
    text = browser.evaluate("document.querySelector('#facts').innerText")
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text


@pytest.mark.model
def test_report_browser_renders_seed_report(browser, tmp_path, seed_article):
    graph, report = tmp_path / "seed.ttl", tmp_path / "seed.html"
    assert main(["build", str(seed_article), "-o", str(graph)]) == 0
    assert main(["report", str(graph), "-o", str(report)]) == 0
    check_report_in_browser(browser, report)
