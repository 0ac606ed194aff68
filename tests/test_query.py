"""SPARQL: bindings through initBindings, predeclared prefixes, one-line errors; read-only, local, bounded."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from kg.errors import KGError, QueryError, QueryFailedError, QueryTimeoutError, UsageError
from kg.sparql import run_query

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


# --- read-only, local, bounded -------------------------------------------------------


@pytest.fixture
def big_graph() -> Graph:
    """Enough triples that a three-way cross product takes minutes."""
    graph = Graph()
    for number in range(400):
        graph.add((ENT[f"e{number}"], RDFS.label, Literal(f"entity {number}")))
    return graph


@pytest.mark.parametrize(
    ("sparql", "operation"),
    [
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT DATA"),
        ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DROP ALL", "DROP"),
        ("CLEAR DEFAULT", "CLEAR"),
    ],
)
def test_query_refuses_sparql_update_and_leaves_graph_alone(graph, sparql, operation):
    before = set(graph)
    with pytest.raises(QueryError, match=rf"SPARQL Update \({operation}\) is not allowed: kg query is read-only"):
        run_query(graph, sparql)
    assert set(graph) == before


@pytest.mark.parametrize(
    ("sparql", "where"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE <http://example.org/sparql>"),
        ("SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE <http://example.org"),
        ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ?endpoint { ?s ?p ?o } } }", "SERVICE ?endpoint"),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://e.org/q> { ?s ?p ?o } } } }",
            "SERVICE <http://e.org/q>",
        ),
        ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://example.org/data.ttl>"),
        ("ASK FROM NAMED <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED <http://example.org/g>"),
    ],
    ids=["service", "service-silent", "service-in-filter", "service-in-subquery", "from", "from-named"],
)
def test_query_refuses_remote_data_without_allow_remote(graph, sparql, where):
    with pytest.raises(QueryError) as error:
        run_query(graph, sparql)
    message = str(error.value)
    assert where in message and "--allow-remote" in message and "\n" not in message


def test_query_from_a_local_named_graph_is_allowed():
    from rdflib import Dataset, URIRef

    dataset = Dataset(default_union=True)
    name = URIRef("https://example.org/kg/doc/a")
    dataset.graph(name).add((ENT.putin, KGO.awarded, ENT.gerasimov))
    result = run_query(dataset, f"SELECT ?o FROM <{name}> WHERE {{ ?s kgo:awarded ?o }}")
    assert result.rows == ((str(ENT.gerasimov),),)
    named = run_query(dataset, f"SELECT ?g FROM NAMED <{name}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert named.rows == ((str(name),),)


def closed_port() -> int:
    """A local port nothing listens on: a request to it is made, and refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_query_allow_remote_lets_service_through(graph):
    sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{closed_port()}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryFailedError, match="query failed: .*(refused|Errno)"):
        run_query(graph, sparql, allow_remote=True)


def test_query_offline_guard_stops_network_access_the_algebra_check_cannot_see(tmp_path):
    # A JSON-LD file whose @context is remote: reading it would fetch the context.
    import json

    from kg.api import query

    path = tmp_path / "remote-context.jsonld"
    context = f"http://127.0.0.1:{closed_port()}/context.jsonld"
    path.write_text(json.dumps({"@context": context, "@id": "http://x/a"}))
    with pytest.raises(KGError, match=f"refused to fetch {context}"):
        query(path, "ASK { ?s ?p ?o }")


def test_query_limit_caps_rows_and_says_so(graph):
    graph.add((ENT.gerasimov, RDF.type, KGO.Person))
    capped = run_query(graph, "SELECT ?s WHERE { ?s a kgo:Person } ORDER BY ?s", limit=1)
    assert capped.rows == ((str(ENT.gerasimov),),) and capped.truncated
    whole = run_query(graph, "SELECT ?s WHERE { ?s a kgo:Person }", limit=2)
    assert len(whole.rows) == 2 and not whole.truncated


@pytest.mark.parametrize(("option", "value"), [("limit", -1), ("timeout", 0), ("timeout", -2.5)])
def test_query_rejects_bad_limit_or_timeout(graph, option, value):
    with pytest.raises(UsageError, match=f"--{option} must be"):
        run_query(graph, "ASK { ?s ?p ?o }", **{option: value})


def test_query_timeout_stops_a_slow_query(big_graph):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="did not finish within the --timeout of 0.5 s") as error:
        run_query(big_graph, slow, timeout=0.5)
    assert time.monotonic() - started < 10
    assert error.value.exit_code == 1
    assert not [child for child in multiprocessing.active_children() if child.name == "kg-query"]


def test_query_with_timeout_returns_the_same_rows(graph):
    sparql = "SELECT ?o WHERE { ?s kgo:awarded ?o }"
    assert run_query(graph, sparql, timeout=30) == run_query(graph, sparql)
    assert run_query(graph, "ASK { ?s a kgo:Person }", timeout=30).boolean is True


def test_query_with_timeout_still_reports_errors(graph):
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(graph, "SELECT * WHERE { SERVICE <http://x.org/s> { ?s ?p ?o } }", timeout=30)
