"""A user's Turtle file retypes a relation without code changes; later files override earlier ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

import kg
from kg.cli import main
from kg.ontology import load_lexicon
from kg.rdf import read_graph
from kg.shacl import validate

KGO = Namespace("https://example.org/kg/ontology#")
MY = Namespace("https://example.org/my-lexicon#")
ENT = Namespace("https://example.org/kg/entity/")

EXTENSION = """\
@prefix kgo:     <https://example.org/kg/ontology#> .
@prefix ontolex: <http://www.w3.org/ns/lemon/ontolex#> .
@prefix lexinfo: <http://www.lexinfo.net/ontology/3.0/lexinfo#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix my:      <https://example.org/my-lexicon#> .

my:{name} a owl:ObjectProperty ;
    rdfs:label "{name}"@en ;
    rdfs:comment "The subject {name} the object in public."@en ;
    rdfs:subPropertyOf kgo:praised ;
    rdfs:domain kgo:Entity ;
    rdfs:range kgo:Entity .

my:praise-verb a ontolex:LexicalEntry ;
    ontolex:canonicalForm [ ontolex:writtenRep "praise"@en ] ;
    lexinfo:partOfSpeech lexinfo:verb ;
    ontolex:sense [ ontolex:reference my:{name} ] .
"""
ARTICLE = " date 2025-09-09 Praise\nUkrainian president Volodymyr Zelensky praised French president Emmanuel Macron.\n"


def _extension(folder: Path, name: str) -> Path:
    path = folder / f"{name}.ttl"
    path.write_text(EXTENSION.format(name=name), encoding="utf-8")
    return path


def test_ontology_extension_overrides_a_bundled_entry(tmp_path):
    assert load_lexicon().verb_property("praise") == str(KGO.praised)
    lauded = _extension(tmp_path, "lauded")
    lexicon = load_lexicon([lauded])
    assert lexicon.verb_property("praise") == str(MY.lauded)
    assert lexicon.label(str(MY.lauded)) == "lauded"
    assert lexicon.ancestors(str(MY.lauded))[:3] == (str(MY.lauded), str(KGO.praised), str(KGO.supported))
    assert lexicon.verb_property("hail") == str(KGO.praised)  # the rest of the lexicon stays


def test_ontology_later_extension_wins(tmp_path):
    lauded, extolled = _extension(tmp_path, "lauded"), _extension(tmp_path, "extolled")
    assert load_lexicon([lauded, extolled]).verb_property("praise") == str(MY.extolled)
    assert load_lexicon([extolled, lauded]).verb_property("praise") == str(MY.lauded)


def test_ontology_extension_edited_in_place_is_read_again(tmp_path):
    path = _extension(tmp_path, "lauded")
    assert load_lexicon([path]).verb_property("praise") == str(MY.lauded)
    path.write_text(EXTENSION.format(name="extolled"), encoding="utf-8")
    assert load_lexicon([path]).verb_property("praise") == str(MY.extolled)


@pytest.mark.model
def test_ontology_extension_retypes_a_relation_end_to_end(tmp_path):
    article = tmp_path / "praise.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    zelensky, macron = ENT["volodymyr-zelensky"], ENT["emmanuel-macron"]

    plain = kg.build([article])
    assert (zelensky, KGO.praised, macron) in plain

    extension = _extension(tmp_path, "lauded")
    output = tmp_path / "graph.ttl"
    assert main(["build", str(article), "-o", str(output), "--ontology", str(extension)]) == 0
    graph = read_graph(output)
    assert (zelensky, MY.lauded, macron) in graph
    assert (zelensky, KGO.praised, macron) not in graph
    (statement,) = graph.subjects(RDF.predicate, MY.lauded)
    assert graph.value(statement, RDF.subject) == zelensky
    # the new property travels with the graph, under its family, so family queries still find it
    assert (MY.lauded, RDFS.label, None) in graph
    assert KGO.supported in set(graph.transitive_objects(MY.lauded, RDFS.subPropertyOf))
    assert validate(graph, ontology=[extension]).conforms
    family = kg.api.named_query(output, "actions-of-family", {"family": "SUPPORT"})
    assert ("SUPPORT", "Volodymyr Zelensky", "lauded", "Emmanuel Macron") in {row[:4] for row in family.rows}
    # and it is declared in the ontology the graph was built with
    ontology = Graph().parse(extension, format="turtle")
    assert (URIRef(MY.lauded), RDF.type, URIRef("http://www.w3.org/2002/07/owl#ObjectProperty")) in ontology
