"""The report: what it says (summary), how it is drawn and rendered, and the analysis commands of the CLI."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import networkx as nx
import pytest
from test_analysis import HOSTILE, news_graph

from kg.analysis import Filters
from kg.cli import main
from kg.drawing import draw_network, draw_timeline
from kg.errors import UsageError
from kg.render import render_html, render_markdown, render_network, report_format, write_report
from kg.summary import summarize


@pytest.fixture(scope="module")
def news(lexicon):
    return news_graph(lexicon)


@pytest.fixture(scope="module")
def news_file(news, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "news.ttl"
    news.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def summary(news):
    return summarize(news, top=5)


class Page(HTMLParser):
    """Tags, attributes and table rows (as lists of cell texts) of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def big_projection(n: int = 260, seed: int = 5) -> nx.DiGraph:
    rng = random.Random(seed)
    graph = nx.DiGraph()
    for u, v in nx.barabasi_albert_graph(n, 2, seed=seed).edges():
        graph.add_edge(f"e/{u}", f"e/{v}", weight=1 + int(rng.expovariate(1.0)))
    for node in graph:
        graph.nodes[node].update(label=f"Entity with a long name {node[2:]}", type=rng.choice(["Person", "Country"]))
    return graph


# --- summary -----------------------------------------------------------------------------------


def test_report_summary_counts_and_tables(summary):
    assert summary.counts == {"articles": 2, "entities": 8, "facts": 10, "negated": 1, "links": 9}
    assert [r["type"] for r in summary.entity_types] == ["Person", "Country", "Organization"]
    families = {r["family"]: r for r in summary.families}
    assert families["attacked"]["facts"] == 2 and families["attacked"]["relations"] == ["attacked", "invaded"]
    assert families["consulted"]["relations"] == ["met with", "spoke with"]
    assert str(summary.date_span) == "(datetime.date(2025, 9, 1), datetime.date(2025, 9, 10))"
    assert summary.title == "Knowledge graph report, 2025-09-01 to 2025-09-10"
    assert [a["facts"] for a in summary.articles] == [5, 5]
    assert len(summary.facts) == 11 and sum(f["negated"] for f in summary.facts) == 1
    assert summary.key_actors[0]["label"] == "Donald Trump" and len(summary.key_actors) == 5
    assert set(summary.top_by_measure) == set(summary.ranking.measures)
    assert [w["window"] for w in summary.windows] == ["2025-W36", "2025-W37"]
    assert {c["change"] for c in summary.changes} == {"rise", "fall"}
    assert sum(c["size"] for c in summary.communities) == 8
    assert set(summary.groups.values()) == {f"community {c['community']}" for c in summary.communities}


def test_report_summary_applies_filters(news):
    filtered = summarize(news, filters=Filters(relations=("kgo:attacked",)), colour_by="type")
    assert filtered.counts["facts"] == 2 and filtered.filters == "relation kgo:attacked"
    assert {f["relation"] for f in filtered.facts} == {"attacked", "invaded"}
    assert set(filtered.groups.values()) == {"Country"}


@pytest.mark.parametrize(
    ("options", "message"),
    [({"colour_by": "mood"}, "--colour-by"), ({"top": 0}, "--top"), ({"window": "day"}, "window")],
)
def test_report_summary_rejects_bad_options(news, options, message):
    with pytest.raises(UsageError, match=message):
        summarize(news, **options)


# --- drawing ----------------------------------------------------------------------------------


def test_report_drawing_stays_readable_with_hundreds_of_entities():
    from PIL import Image

    drawing = draw_network(big_projection(), fmt="png", labels=30)
    assert drawing.nodes == drawing.total == 260
    assert 15 <= len(drawing.labels) <= 30
    boxes = drawing.label_boxes
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for u0, v0, u1, v1 in boxes[i + 1 :]:
            assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0, "two labels overlap"
    image = Image.open(io.BytesIO(drawing.data)).convert("L")
    assert image.width >= 1000
    histogram = image.histogram()
    assert histogram[255] < 0.97 * image.width * image.height, "the drawing is blank"
    assert sum(histogram[:128]) > 1000, "no dark marks: nodes or labels are missing"


def test_report_drawing_limits_nodes_and_says_so():
    drawing = draw_network(big_projection(), max_nodes=100)
    assert drawing.nodes == 100 and "the 100 most central of 260" in drawing.caption
    root = ET.fromstring(drawing.data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_report_drawing_of_nothing_and_bad_format():
    assert draw_network(nx.DiGraph()).caption == "No entities to draw."
    assert draw_timeline([]).startswith(b"<?xml")
    with pytest.raises(UsageError, match="figure format"):
        draw_timeline([], fmt="gif")


def test_report_drawings_are_reproducible(summary):
    first = draw_network(summary.projection, groups=summary.groups)
    assert first.data == draw_network(summary.projection, groups=summary.groups).data


# --- rendering --------------------------------------------------------------------------------


def test_report_html_is_self_contained_and_escaped(summary):
    drawing = draw_network(summary.projection, groups=summary.groups)
    html_text = render_html(
        summary, network=drawing.data.decode(), timeline=draw_timeline(summary.timeline).decode(), network_caption="c"
    )
    page = Page(html_text)
    tags = [tag for tag, _ in page.tags]
    assert tags.count("script") == 1 and tags.count("svg") == 2
    assert "img" not in tags and "link" not in tags and "iframe" not in tags
    for _, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), attributes
        assert not re.match(r"(https?:)?//", attributes.get("src") or attributes.get("href") or "")
    assert "@import" not in html_text and not re.search(r"url\((?!#)", html_text)
    # The hostile sentence shows as text, every character intact.
    assert any(HOSTILE in row for row in page.rows)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html_text
    script = re.search(r"<script>(.*)</script>", html_text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html_text and "default-src 'none'" in html_text


def test_report_html_lists_every_fact_with_its_sentence(summary):
    page = Page(render_html(summary, network="<svg></svg>", timeline="<svg></svg>"))
    facts = [row for row in page.rows if len(row) == 7 and row[0] != "#"]
    assert len(facts) == 11
    assert ["6", "Donald Trump", "met with", "Volodymyr Zelensky", "Trump met Zelensky.", "0.9000", ""] in facts
    assert any(row[4] == "Putin did not meet." and row[6] == "negated" for row in facts)


def test_report_markdown_escapes_and_links_figures(summary, tmp_path):
    written = write_report(summary, tmp_path / "out.md")
    assert [p.name for p in written] == ["out-network.svg", "out-timeline.svg", "out.md"]
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "![Network of the entities](out-network.svg)" in text and "![Facts over time](out-timeline.svg)" in text
    assert "&lt;script&gt;" in text and "<script>" not in text and r"\*bold\*" in text
    assert "| 6 | Donald Trump | met with | Volodymyr Zelensky | Trump met Zelensky. | 0.9000 |  |" in text
    for path in written[:2]:
        assert ET.parse(path).getroot().tag.endswith("svg")


def test_report_markdown_render_has_every_section(summary):
    text = render_markdown(summary, network="n.svg", timeline="t.svg")
    for heading in (
        "## Summary",
        "## Key actors",
        "## Top entities by each measure",
        "## Network",
        "## Communities",
        "## Timeline",
        "## Facts",
        "### Who rises and who falls",
    ):
        assert heading in text


def test_report_format_from_suffix():
    assert report_format("r.md") == "markdown" and report_format("r.html") == "html" and report_format("r") == "html"
    assert report_format("r.md", "html") == "html"
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        report_format("r.pdf", "pdf")


def test_report_render_network_formats():
    network = {"center": {"id": "e/a"}, "nodes": [{"label": "A", "id": "e/a"}], "edges": []}
    assert json.loads(render_network(network, "json")) == network
    assert "e/a" not in render_network(network, "table") and "(no edges)" in render_network(network, "table")
    with pytest.raises(UsageError):
        render_network(network, "csv")


# --- the analysis commands --------------------------------------------------------------------


def test_report_cli_centrality_csv_and_json_carry_every_score(news_file, capsys):
    assert main(["centrality", str(news_file), "--format", "csv", "--top", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id,label,type,degree,in_degree,out_degree,pagerank,betweenness,eigenvector,closeness,harmonic"
    assert lines[1].startswith("https://example.org/kg/entity/donald-trump,Donald Trump,Person,")
    assert main(["centrality", str(news_file), "--format", "json", "--type", "Person", "--measure", "pagerank"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["type"] for r in rows} == {"Person"} and set(rows[0]) == {"id", "label", "type", "pagerank"}


def test_report_cli_centrality_filters_and_windows(news_file, capsys):
    args = ["centrality", str(news_file), "--format", "json", "--measure", "degree"]
    assert main([*args, "--relation", "kgo:attacked"]) == 0
    assert {r["label"] for r in json.loads(capsys.readouterr().out)} == {"Russia", "Ukraine"}
    assert main([*args, "--since", "2025-09-05", "--min-confidence", "0.9"]) == 0
    assert {r["label"] for r in json.loads(capsys.readouterr().out)} == {
        "Donald Trump",
        "Volodymyr Zelensky",
        "United States",
    }
    assert main([*args, "--window", "week", "--top", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["window"], r["rank"]) for r in rows] == [("2025-W36", 1), ("2025-W37", 1)]


def test_report_cli_says_when_paths_are_sampled(news_file, capsys):
    assert main(["centrality", str(news_file), "--exact-limit", "3", "--sample-size", "4", "--seed", "1"]) == 0
    assert "sampled from 4 of 8 source nodes (seed 1)" in capsys.readouterr().err


def test_report_cli_ego_structure_trends(news_file, capsys):
    assert main(["ego", str(news_file), "trump", "--radius", "1", "--format", "json"]) == 0
    network = json.loads(capsys.readouterr().out)
    assert network["center"]["label"] == "Donald Trump" and network["radius"] == 1
    assert {n["label"] for n in network["nodes"] if n["distance"] == 1} == {
        "Vladimir Putin",
        "Russia",
        "Volodymyr Zelensky",
        "United States",
        "Kremlin",
    }
    warning = {"subject": "Kremlin", "relations": "warn", "object": "Donald Trump", "weight": 1}
    assert any(warning.items() <= edge.items() for edge in network["edges"])
    assert main(["ego", str(news_file), "Vladimir Putin", "--radius", "2"]) == 0
    assert "Ursula von der Leyen" not in capsys.readouterr().out
    assert main(["structure", str(news_file), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,label,type,community,component,core\n")
    assert main(["trends", str(news_file), "--measure", "degree", "--top", "1", "--format", "json"]) == 0
    assert [(r["change"], r["label"]) for r in json.loads(capsys.readouterr().out)] == [
        ("rise", "Donald Trump"),
        ("fall", "Ukraine"),
    ]


def test_report_cli_writes_html_and_markdown(news_file, tmp_path, capsys):
    assert main(["report", str(news_file), "-o", str(tmp_path / "r.html"), "--colour-by", "type"]) == 0
    assert "r.html" in capsys.readouterr().err
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(news_file), "-o", str(tmp_path / "r.md")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-network.svg", "r-timeline.svg", "r.html", "r.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ego", "{graph}", "Nobody"], "no entity 'Nobody'"),
        (["ego", "{graph}", "Trump", "--format", "csv"], "unknown --format"),
        (["centrality", "{graph}", "--relation", "hugged"], "no relation 'hugged'"),
        (["centrality", "{graph}", "--since", "yesterday"], "--since must be a date"),
        (["centrality", "{graph}", "--window", "year"], "unknown --window"),
        (["trends", "{graph}", "--measure", "fame"], "unknown measure"),
        (["structure", "{graph}", "--resolution", "-1"], "--resolution"),
        (["report", "{graph}", "-o", "{out}", "--format", "pdf"], "unknown format 'pdf'"),
        (["report", "{graph}", "-o", "{out}", "--colour-by", "mood"], "--colour-by"),
    ],
)
def test_report_cli_bad_options_exit_2(news_file, tmp_path, capsys, args, message):
    values = {"{graph}": str(news_file), "{out}": str(tmp_path / "r.html")}
    assert main([values.get(a, a) for a in args]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("kg: error: ") and message in error and "\n" not in error
    assert not (tmp_path / "r.html").exists()
