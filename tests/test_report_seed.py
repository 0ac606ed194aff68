"""The report on the seed article: the main actors, the drawing, and Gerasimov's facts with their sentences."""

from __future__ import annotations

import re

import pytest
from test_report import Page

from kg.analysis import read_facts, select
from kg.cli import main
from kg.rdf import read_graph

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_article):
    folder = tmp_path_factory.mktemp("seed-report")
    graph = folder / "seed.ttl"
    assert main(["build", str(seed_article), "-o", str(graph)]) == 0
    assert main(["report", str(graph), "-o", str(folder / "report.html")]) == 0
    assert main(["report", str(graph), "-o", str(folder / "report.md")]) == 0
    return graph, folder


def _section(html_text: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', html_text, re.S).group(1)


def test_report_seed_names_the_main_actors(seed_report):
    _, folder = seed_report
    page = Page(_section((folder / "report.html").read_text(encoding="utf-8"), "key-actors"))
    actors = {row[1] for row in page.rows[1:]}
    assert {"Russia", "Ukraine", "Vladimir Putin", "Donald Trump"} <= actors, actors


def test_report_seed_shows_the_drawing(seed_report):
    _, folder = seed_report
    network = _section((folder / "report.html").read_text(encoding="utf-8"), "network")
    assert network.count("<svg") == 1 and network.count("<path") > 30
    assert re.search(r"\d+ entities and \d+ links", network)
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert "![Network of the entities](report-network.svg)" in markdown
    assert (folder / "report-network.svg").stat().st_size > 10_000


def test_report_seed_lists_gerasimovs_facts_with_their_sentences(seed_report):
    graph, folder = seed_report
    # The report lists the facts between named actors (concepts only with --concepts).
    base = select(read_facts(read_graph(graph)), negated=True)
    expected = [
        [
            base.entity_info(f.subject).label,
            base.property_info(f.property).label,
            base.entity_info(f.object).label,
            f.sentence,
        ]
        for f in base.facts
        if "Valery Gerasimov" in (base.entity_info(f.subject).label, base.entity_info(f.object).label)
    ]
    assert len(expected) >= 3
    rows = [row[1:5] for row in Page(_section((folder / "report.html").read_text(encoding="utf-8"), "facts")).rows]
    for fact in expected:
        assert fact in rows
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert sum("Valery Gerasimov" in line for line in markdown.splitlines() if line.startswith("| ")) >= len(expected)
