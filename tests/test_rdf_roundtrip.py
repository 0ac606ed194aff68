"""RDF output: every format parses back into an isomorphic graph; provenance is complete."""

from __future__ import annotations

import pytest
from rdflib import RDF, Dataset, Graph, Namespace
from rdflib.compare import isomorphic

import kg
from kg.rdf import FORMATS, read_graph

KGO = Namespace("https://example.org/kg/ontology#")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory, seed_article):
    path = tmp_path_factory.mktemp("graph") / "seed.ttl"
    graph = kg.build([seed_article], output=path)
    return graph, path


def test_rdf_turtle_round_trip_is_isomorphic(seed_graph):
    graph, path = seed_graph
    parsed = Graph().parse(path, format="turtle")
    assert len(parsed) == len(graph) > 100
    assert isomorphic(parsed, graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdf_every_format_round_trips(tmp_path, seed_article, fmt):
    suffix = {"turtle": "ttl", "trig": "trig", "nt": "nt", "nquads": "nq", "json-ld": "jsonld"}[fmt]
    path = tmp_path / f"graph.{suffix}"
    built = kg.build([seed_article], output=path, format=fmt)
    parsed = read_graph(path)
    if isinstance(built, Dataset):
        assert {g.identifier for g in parsed.graphs()} == {g.identifier for g in built.graphs()}
        built_quads = set(built.quads())
        assert set(parsed.quads()) == built_quads
    else:
        assert isomorphic(parsed, built)


def test_rdf_every_statement_has_provenance(seed_graph):
    graph, _ = seed_graph
    statements = list(graph.subjects(RDF.type, KGO.Statement))
    assert statements
    for node in statements:
        for prop in (
            RDF.subject,
            RDF.predicate,
            RDF.object,
            KGO.sentence,
            KGO.confidence,
            KGO.subjectStart,
            KGO.objectEnd,
            KGO.extractionRule,
            Namespace("http://www.w3.org/ns/prov#").wasDerivedFrom,
        ):
            assert graph.value(node, prop) is not None, (node, prop)


def test_rdf_open_relations_are_declared(seed_graph):
    graph, _ = seed_graph
    used = set(graph.objects(None, RDF.predicate))
    from rdflib import OWL

    from kg.ontology import load_ontology_graph

    ontology = load_ontology_graph()
    for prop in used:
        assert (prop, RDF.type, OWL.ObjectProperty) in graph or (prop, RDF.type, OWL.ObjectProperty) in ontology


def test_rdf_build_is_deterministic(tmp_path, seed_article):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    kg.build([seed_article], output=first)
    kg.build([seed_article], output=second)
    assert first.read_bytes() == second.read_bytes()
