"""The ontology is consistent under OWL 2 RL, and every property a built graph uses is declared."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

import kg
from kg.ontology import ontology_files
from kg.shacl import inconsistencies

KGO = Namespace("https://example.org/kg/ontology#")
# Built-in vocabulary: RDF, RDFS and OWL's own terms need no declaration.
BUILT_IN = (str(RDF), str(RDFS), str(OWL))
PROPERTY_KINDS = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def test_ontology_is_consistent_under_owl_rl(ontology):
    # kg.ttl with its lexicon and gazetteer: no owl:Nothing members, no contradiction
    assert inconsistencies(ontology) == []


def test_ontology_declares_disjoint_top_classes():
    graph = Graph().parse(ontology_files()[0], format="turtle")
    members = set()
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(graph.items(graph.value(node, OWL.members)))
    assert {KGO.Person, KGO.Organization, KGO.Location, KGO.Event} <= members


def _declared(graph: Graph) -> set[URIRef]:
    return {s for kind in PROPERTY_KINDS for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}


@pytest.fixture(scope="module")
def seed_graph(seed_article):
    return kg.build([seed_article])


@pytest.mark.model
def test_ontology_declares_every_property_a_built_graph_uses(seed_graph):
    kg_ttl = Graph().parse(ontology_files()[0], format="turtle")
    declared = _declared(kg_ttl) | _declared(seed_graph)  # open relation/<lemma> properties travel with the graph
    used = {p for _, p, _ in seed_graph} | set(seed_graph.objects(None, RDF.predicate))
    undeclared = {p for p in used if not str(p).startswith(BUILT_IN) and p not in declared}
    assert undeclared == set()
    # an open property is declared as a relation: label and a path up to kgo:relatedTo
    for prop in set(seed_graph.objects(None, RDF.predicate)) - _declared(kg_ttl):
        assert (prop, RDFS.label, None) in seed_graph, prop
        assert KGO.relatedTo in set(seed_graph.transitive_objects(prop, RDFS.subPropertyOf)), prop


@pytest.mark.model
def test_ontology_built_seed_graph_is_consistent_with_the_ontology(seed_graph):
    assert inconsistencies(seed_graph) == []
