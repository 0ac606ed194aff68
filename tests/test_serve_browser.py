"""``kg serve`` in a real browser: search, an entity page, the graph, a named query, an article, hostile text.

Headless Chromium (see :mod:`browser`) drives the real server as a user would: keys are
typed, the graph is clicked with the mouse, a CSV is downloaded. No page may log an error
(a script error, a CSP violation, a failed load). With ``KG_SCREENSHOTS=FOLDER`` set, the
entity page and the graph view are saved there as PNG (the README's pictures).
"""

from __future__ import annotations

import json
import os
import time
import urllib.parse
from pathlib import Path

import pytest
from browser import Browser, needs_chromium
from serving import HOSTILE_NAME, HOSTILE_SENTENCE, Server, entity_iri, serve_graph

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory, lexicon):
    path = tmp_path_factory.mktemp("serve-browser") / "news.ttl"
    serve_graph(lexicon).serialize(path, format="turtle")
    running = Server(path)
    yield running
    running.stop()


@pytest.fixture
def browser(tmp_path):
    opened = Browser(tmp_path)
    yield opened
    opened.close()


def _text(browser: Browser, selector: str) -> str:
    return browser.evaluate(f"document.querySelector({json.dumps(selector)}).innerText")


def _screenshot(browser: Browser, selector: str, name: str) -> None:
    folder = os.environ.get("KG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(browser.screenshot(selector))


def test_serve_browser_search_entity_graph_query_article(browser, server, tmp_path):
    browser.open(server.url)
    assert "Teodor Lind" in _text(browser, "#key-actors")
    # Search as one types: the hit shows its type and how many facts it has.
    browser.type_text("#search", "lin")
    browser.wait_for("!document.getElementById('search-results').hidden")
    hit = browser.wait_for("Array.from(document.querySelectorAll('#search-results a')).map(a => a.innerText).join('|')")
    assert "Teodor Lind" in hit and "Person" in hit and "4 facts" in hit
    browser.navigated("document.querySelector('#search-results a').click()")
    assert browser.evaluate("document.querySelector('h1').innerText").startswith("Teodor Lind")

    # Facts with their sources: both mentions marked, hedged and negated facts marked, the speaker named.
    facts = _text(browser, "#facts-subject")
    assert "hedged" in facts and "negated" in facts and "Mara Voss" in facts
    marks = browser.evaluate("Array.from(document.querySelectorAll('#facts-subject mark')).map(m => m.innerText)")
    assert {"Lind", "Ostmark Council", "Ilse Brandt", "Teodor Lind"} <= set(marks)
    assert browser.evaluate("document.querySelectorAll('#facts-object a.article').length") >= 1

    # The graph: click a neighbour with the mouse, expand it, open its page.
    browser.wait_for("document.getElementById('ego').dataset.loaded")
    _screenshot(browser, "main", "serve-entity.png")
    _screenshot(browser, "#network", "serve-graph.png")
    before = browser.evaluate("kgGraph.nodes().length")
    box = browser.evaluate(
        "(() => { document.getElementById('ego').scrollIntoView(); const r = document.getElementById('ego')"
        f".getBoundingClientRect(); const p = kgGraph.getElementById({json.dumps(entity_iri('Mara Voss'))})"
        ".renderedPosition(); return [r.left + p.x, r.top + p.y]; })()"
    )
    browser.click_at(*box)
    selected = browser.wait_for(
        "!document.getElementById('ego-selected').hidden && "
        "document.querySelector('#ego-selected .selected-label').innerText"
    )
    assert selected.startswith("Mara Voss")
    browser.evaluate("document.querySelector('#ego-selected button.expand').click()")
    browser.wait_for(f"kgGraph.nodes().length > {before}")
    assert browser.evaluate(f"kgGraph.getElementById({json.dumps(entity_iri('Kestrel'))}).length") == 1
    browser.navigated("document.querySelector('#ego-selected a.open').click()")
    assert browser.evaluate("document.querySelector('h1').innerText").startswith("Mara Voss")
    assert "leader of" in _text(browser, "#roles") and "Kestrel" in _text(browser, "#roles")

    # A named query with its parameter, results with entity links, and the CSV download.
    browser.open(server.url + "query")
    browser.evaluate("document.querySelector('.CodeMirror') !== null") or pytest.fail("no SPARQL editor")
    browser.navigated(
        "(() => { const form = document.querySelector('form.named-query[data-name=roles]');"
        " form.querySelector('input[name=entity]').value = 'Kestrel'; form.querySelector('button').click(); })()"
    )
    assert browser.evaluate("document.querySelectorAll('#result-table tbody tr').length") == 1
    assert browser.evaluate("document.querySelector('#result-table a').innerText") == "Mara Voss"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
    browser.evaluate("document.getElementById('download-csv').click()")
    deadline = time.monotonic() + 15
    while not list(downloads.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.1)
    (saved,) = downloads.glob("*.csv")
    assert saved.read_text().splitlines() == [
        "holder,role,organization,title,statements",
        "Mara Voss,leader of,Kestrel,leader of,1",
    ]

    # An article: its sentences with every mention linked to its entity, its facts beside.
    browser.open(server.url + "article?" + urllib.parse.urlencode({"id": "https://example.org/kg/doc/harbour-talks"}))
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('#article-text a.mention')).map(a => [a.innerText, a.href])"
    )
    assert ["Voss", server.url + "entity?" + urllib.parse.urlencode({"id": entity_iri("Mara Voss")})] in links
    assert len(links) == 8
    assert "Ostmark Council" in _text(browser, "#article-facts")
    assert browser.errors() == [], "\n".join(browser.errors())


def test_serve_browser_shows_hostile_markup_as_text(browser, server):
    browser.open(server.url + "article?" + urllib.parse.urlencode({"id": "https://example.org/kg/doc/hostile"}))
    assert HOSTILE_SENTENCE in _text(browser, "#article-text")
    assert browser.evaluate("document.querySelector('h1').innerText").startswith("<script>alert('title')</script>")
    assert browser.evaluate("document.querySelectorAll('main img, main script').length") == 0
    browser.open(server.url + "entity?" + urllib.parse.urlencode({"id": entity_iri(HOSTILE_NAME)}))
    assert browser.evaluate("document.querySelector('h1').innerText").startswith(HOSTILE_NAME)
    browser.wait_for("document.getElementById('ego').dataset.loaded")
    labels = browser.evaluate("kgGraph.nodes().map(n => n.data('label'))")
    assert HOSTILE_NAME in labels
    browser.type_text("#search", "<img")
    shown = browser.wait_for(
        "document.querySelector('#search-results a') && document.querySelector('#search-results a').innerText"
    )
    assert HOSTILE_NAME in shown
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.errors() == [], "\n".join(browser.errors())
