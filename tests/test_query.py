"""SPARQL: bindings through initBindings, predeclared prefixes, one-line errors."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from kg.errors import QueryError
from kg.query import run_query

KGO = Namespace("https://example.org/kg/ontology#")
ENT = Namespace("https://example.org/kg/entity/")


@pytest.fixture
def graph() -> Graph:
    graph = Graph()
    graph.add((ENT.putin, RDF.type, KGO.Person))
    graph.add((ENT.putin, RDFS.label, Literal("Vladimir Putin")))
    graph.add((ENT.putin, KGO.awarded, ENT.gerasimov))
    return graph


def test_query_select_with_binding(graph):
    result = run_query(graph, "SELECT ?o WHERE { ?s kgo:awarded ?o }", bindings={"s": ENT.putin})
    assert result.columns == ("o",)
    assert result.rows == ((str(ENT.gerasimov),),)


def test_query_binding_is_not_pasted_into_text(graph):
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    result = run_query(graph, "SELECT ?s WHERE { ?s rdfs:label ?name }", bindings={"name": hostile})
    assert result.rows == ()


def test_query_ask(graph):
    assert run_query(graph, "ASK { ?s a kgo:Person }").boolean is True


@pytest.mark.parametrize(
    "sparql", ["SELECT ?x WHERE {", "DELETE WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
)
def test_query_rejects_bad_or_non_select_queries(graph, sparql):
    with pytest.raises(QueryError) as error:
        run_query(graph, sparql)
    assert "\n" not in str(error.value)
