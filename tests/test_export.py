"""GraphML and GEXF export of the entity projection: read back with NetworkX, same nodes and edges."""

from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.analysis import project
from kg.cli import main
from kg.errors import UsageError
from kg.exchange import export_format, export_projection, projection_bytes, simple_attributes


@pytest.fixture
def small() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_node("https://example.org/kg/entity/russia", label="Russia", type="Country", aliases=["Russian"])
    graph.add_node("https://example.org/kg/entity/kyiv", label="Kyiv", type="City", aliases=[])
    graph.add_edge(
        "https://example.org/kg/entity/russia",
        "https://example.org/kg/entity/kyiv",
        weight=2,
        distance=0.5,
        relations=["attacked", "hit"],
    )
    return graph


def _read(path):
    return nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_round_trip(tmp_path, small, suffix):
    path = tmp_path / f"entities{suffix}"
    assert export_projection(small, path) == suffix[1:]
    back = _read(path)
    assert back.is_directed()
    assert set(back.nodes) == set(small.nodes)
    assert set(back.edges) == set(small.edges)
    russia, kyiv = "https://example.org/kg/entity/russia", "https://example.org/kg/entity/kyiv"
    assert back.nodes[russia]["label"] == "Russia"
    assert back.nodes[russia]["type"] == "Country"
    assert back.nodes[russia]["aliases"] == "Russian"
    assert back.edges[russia, kyiv]["relations"] == "attacked; hit"
    assert float(back.edges[russia, kyiv]["weight"]) == 2


def test_export_lists_become_strings(small):
    simple = simple_attributes(small)
    for _, data in simple.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    assert simple.nodes["https://example.org/kg/entity/kyiv"]["aliases"] == ""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_is_deterministic(small, fmt):
    assert projection_bytes(small, fmt) == projection_bytes(small.copy(), fmt)


def test_export_format_from_suffix_or_option():
    assert export_format("a/b.GEXF") == "gexf"
    assert export_format("graph.graphml") == "graphml"
    assert export_format("graph.xml", "graphml") == "graphml"
    with pytest.raises(UsageError, match="suffix"):
        export_format("graph.png")
    with pytest.raises(UsageError, match="unknown format"):
        export_format("graph.gexf", "dot")


def test_export_writes_atomically(tmp_path, small):
    path = tmp_path / "entities.gexf"
    path.write_text("an earlier export", encoding="utf-8")
    export_projection(small, path)
    assert [p.name for p in tmp_path.iterdir()] == ["entities.gexf"]
    assert path.read_bytes().startswith(b"<?xml")


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_seed_graph_from_the_cli(tmp_path, seed_article, suffix, capsys):
    graph_file = tmp_path / "seed.ttl"
    graph = kg.build([seed_article], output=graph_file)
    output = tmp_path / f"seed{suffix}"
    assert main(["export", str(graph_file), "-o", str(output)]) == 0
    assert "wrote" in capsys.readouterr().err
    expected = project(graph)
    back = _read(output)
    assert expected.number_of_nodes() > 10
    assert set(back.nodes) == set(expected.nodes)
    assert set(back.edges) == set(expected.edges)
    labels = {data["label"] for _, data in back.nodes(data=True)}
    assert {"Vladimir Putin", "Valery Gerasimov"} <= labels


def test_export_cli_bad_suffix_is_a_usage_error(tmp_path, capsys):
    graph_file = tmp_path / "g.ttl"
    graph_file.write_text("", encoding="utf-8")
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.png")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert not (tmp_path / "g.png").exists()
