"""Centrality over the entity projection: known answers on small graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from kg.analysis import centrality, project
from kg.errors import UsageError

KGO = Namespace("https://example.org/kg/ontology#")
ENT = Namespace("https://example.org/kg/entity/")
STMT = Namespace("https://example.org/kg/statement/")


def _star() -> nx.DiGraph:
    graph = nx.DiGraph()
    for leaf in "abcd":
        graph.add_edge(leaf, "hub", weight=1)
    nx.set_node_attributes(graph, {n: n.upper() for n in graph}, "label")
    return graph


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness", "eigenvector", "closeness"])
def test_analysis_star_hub_is_most_central(measure):
    rows = centrality(_star(), measures=[measure])
    assert rows[0]["label"] == "HUB"
    assert rows[0][measure] > rows[1][measure]


def test_analysis_degree_values_are_normalised():
    rows = {r["label"]: r["degree"] for r in centrality(_star(), measures=["degree"])}
    assert rows == {"HUB": 1.0, "A": 0.25, "B": 0.25, "C": 0.25, "D": 0.25}


def test_analysis_path_betweenness_middle_node():
    graph = nx.DiGraph([("a", "b"), ("b", "c")], weight=1)
    rows = {r["id"]: r["betweenness"] for r in centrality(graph, measures=["betweenness"])}
    assert rows == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_analysis_top_and_unknown_measure():
    assert len(centrality(_star(), measures=["degree"], top=2)) == 2
    with pytest.raises(UsageError, match="unknown measure"):
        centrality(_star(), measures=["fame"])
    with pytest.raises(UsageError, match="at least 1"):
        centrality(_star(), top=0)


def test_analysis_projection_weights_count_statements():
    graph = Graph()
    for name in ("putin", "gerasimov"):
        graph.add((ENT[name], RDF.type, KGO.Person))
        graph.add((ENT[name], RDFS.label, Literal(name.title())))
    for number, prop in enumerate([KGO.awarded, KGO.awarded, KGO.appointed]):
        node = STMT[str(number)]
        graph.add((node, RDF.type, KGO.Statement))
        graph.add((node, RDF.subject, ENT.putin))
        graph.add((node, RDF.predicate, prop))
        graph.add((node, RDF.object, ENT.gerasimov))
    negated = STMT.negated
    for p, o in (
        (RDF.type, KGO.Statement),
        (RDF.subject, ENT.gerasimov),
        (RDF.predicate, KGO.awarded),
        (RDF.object, ENT.putin),
        (KGO.negated, Literal(True)),
    ):
        graph.add((negated, p, o))
    projection = project(graph)
    assert set(projection.nodes) == {str(ENT.putin), str(ENT.gerasimov)}
    edge = projection.edges[str(ENT.putin), str(ENT.gerasimov)]
    assert edge["weight"] == 3
    assert edge["relations"] == ["appointed", "awarded"]
    assert not projection.has_edge(str(ENT.gerasimov), str(ENT.putin))
    assert projection.nodes[str(ENT.putin)] == {"label": "Putin", "type": "Person"}
