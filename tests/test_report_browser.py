"""The HTML report in a real browser: headless Chromium renders the figures and logs no errors.

Chromium (Debian package ``chromium``; ``.ci/run`` installs it) is driven over the DevTools
protocol on 127.0.0.1; the report is opened as a file:// URL and nothing else is loaded.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browser import Browser, needs_chromium
from test_analysis import news_graph

from kg.cli import main

pytestmark = needs_chromium


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
