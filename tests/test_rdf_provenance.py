"""Provenance and qualifiers on every statement: the extraction activity, dates, negation, speaker."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Literal, Namespace, URIRef

import kg
from kg.dates import resolve_date
from kg.rdf import extraction_run, parse_timestamp, serialize, triples_to_dataset, triples_to_graph
from kg.types import Article, Entity, Mention, Predicate, Triple

KGO = Namespace("https://example.org/kg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
DCT = Namespace("http://purl.org/dc/terms/")
ENT = Namespace("https://example.org/kg/entity/")
# an open namespace: pytest introspection trips over rdflib's closed XSD namespace
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SEED_DATE = dt.date(2025, 9, 9)


def _triple(article, subject, prop, obj, *, when=None, negated=False, hedged=False, speaker=None, sentence_id=0):
    def mention(entity, start):
        return Mention(entity.label, start, start + len(entity.label), entity.label, "X", sentence_id)

    return Triple(
        article=article,
        subject=subject,
        subject_mention=mention(subject, 0),
        property=str(KGO[prop]),
        property_label=prop,
        predicate=Predicate(lemma=prop, text=prop),
        object=obj,
        object_mention=mention(obj, 20),
        sentence_id=sentence_id,
        sentence=f"{subject.label} {prop} {obj.label}.",
        confidence=0.8,
        rule="active",
        negated=negated,
        hedged=hedged,
        when=when,
        attributed_to=speaker,
    )


@pytest.fixture
def hand_built(lexicon):
    article = Article("a1", "Strike on Kyiv", SEED_DATE, "Russia hit Kyiv.", "https://news.example/a1")
    russia = Entity("russia", "Russia", str(KGO.Country))
    kyiv = Entity("kyiv", "Kyiv", str(KGO.City))
    zelensky = Entity("volodymyr-zelensky", "Volodymyr Zelensky", str(KGO.Person))
    triples = [
        _triple(article, russia, "attacked", kyiv, when="on Sunday", speaker=zelensky),
        _triple(article, russia, "invaded", kyiv, when="in January 2023", sentence_id=1),
        _triple(article, russia, "annexed", kyiv, negated=True, hedged=True, when="the day", sentence_id=2),
    ]
    return article, triples, triples_to_graph(triples, lexicon, articles=[article])


def _statement(graph, prop):
    (node,) = graph.subjects(RDF.predicate, KGO[prop])
    return node


def test_rdf_statement_dates_resolve_against_the_article_date(hand_built):
    _, _, graph = hand_built
    sunday = _statement(graph, "attacked")
    assert graph.value(sunday, KGO.factDate) == Literal("2025-09-07", datatype=XSD.date)
    assert (
        graph.value(sunday, KGO.earliestDate)
        == graph.value(sunday, KGO.latestDate)
        == Literal("2025-09-07", datatype=XSD.date)
    )
    assert graph.value(sunday, KGO.dateText) == Literal("on Sunday")
    assert graph.value(sunday, DCT.date) == Literal("2025-09-09", datatype=XSD.date)  # publication date
    january = _statement(graph, "invaded")
    assert graph.value(january, KGO.factDate) is None  # a month is no day
    assert graph.value(january, KGO.earliestDate) == Literal("2023-01-01", datatype=XSD.date)
    assert graph.value(january, KGO.latestDate) == Literal("2023-01-31", datatype=XSD.date)
    anaphoric = _statement(graph, "annexed")
    assert graph.value(anaphoric, KGO.dateText) == Literal("the day")
    assert graph.value(anaphoric, KGO.earliestDate) is None


def test_rdf_statement_qualifiers(hand_built):
    _, _, graph = hand_built
    attack, annex = _statement(graph, "attacked"), _statement(graph, "annexed")
    assert graph.value(attack, KGO.negated) == Literal(False)
    assert graph.value(attack, KGO.hedged) == Literal(False)
    assert graph.value(attack, KGO.attributedTo) == ENT["volodymyr-zelensky"]
    # the speaker is an entity of the graph even though it takes part in no fact
    assert graph.value(ENT["volodymyr-zelensky"], RDFS.label) == Literal("Volodymyr Zelensky", lang="en")
    assert graph.value(annex, KGO.negated) == Literal(True)
    assert graph.value(annex, KGO.hedged) == Literal(True)
    assert (ENT.russia, KGO.annexed, ENT.kyiv) not in graph  # a negated fact is described, not asserted
    assert (ENT.russia, KGO.attacked, ENT.kyiv) in graph
    assert graph.value(attack, KGO.confidence) == Literal(Decimal("0.8"), datatype=XSD.decimal)


def test_rdf_source_document_is_described(hand_built):
    _, _, graph = hand_built
    doc = URIRef("https://example.org/kg/doc/a1")
    assert graph.value(_statement(graph, "attacked"), PROV.wasDerivedFrom) == doc
    assert (doc, RDF.type, KGO.Article) in graph
    assert graph.value(doc, DCT.title) == Literal("Strike on Kyiv", lang="en")
    assert graph.value(doc, DCT.date) == Literal("2025-09-09", datatype=XSD.date)
    assert graph.value(doc, DCT.source) == URIRef("https://news.example/a1")  # a URL is a resource


def test_rdf_every_statement_is_generated_by_one_activity(hand_built):
    article, triples, graph = hand_built
    (activity,) = graph.subjects(RDF.type, KGO.Extraction)
    assert (activity, RDF.type, PROV.Activity) in graph
    for statement in graph.subjects(RDF.type, KGO.Statement):
        assert graph.value(statement, PROV.wasGeneratedBy) == activity
    assert (activity, PROV.used, URIRef("https://example.org/kg/doc/a1")) in graph
    agent = graph.value(activity, PROV.wasAssociatedWith)
    assert graph.value(agent, SCHEMA.softwareVersion) == Literal(kg.__version__)
    assert graph.value(activity, PROV.startedAtTime) is None  # no time unless asked for


def test_rdf_activity_iri_is_derived_from_the_inputs(hand_built, lexicon):
    article, triples, graph = hand_built
    again = triples_to_graph(triples, lexicon, articles=[article])
    assert serialize(again, "turtle") == serialize(graph, "turtle")
    other = Article("a1", "Strike on Kyiv", SEED_DATE, "Russia hit Kyiv again.", "https://news.example/a1")
    meta = {"lang": "en", "name": "core_web_sm", "version": "3.8.0"}
    first = extraction_run([article], model_meta=meta)
    assert first.id == extraction_run([article], model_meta=meta).id
    assert first.id != extraction_run([other], model_meta=meta).id
    assert first.id != extraction_run([article], model_meta={**meta, "version": "3.8.1"}).id
    assert first.model == "en_core_web_sm" and first.model_version == "3.8.0"


def test_rdf_timestamp_is_recorded_only_when_given(hand_built, lexicon):
    article, triples, _ = hand_built
    started = parse_timestamp("2025-10-14T09:30:00Z")
    run = extraction_run([article], started=started)
    graph = triples_to_graph(triples, lexicon, articles=[article], run=run)
    (activity,) = graph.subjects(RDF.type, KGO.Extraction)
    assert graph.value(activity, PROV.startedAtTime).toPython() == started
    assert parse_timestamp("2025-10-14T09:30:00") == started  # no zone: UTC


def test_rdf_dataset_keeps_the_activity_in_the_default_graph(hand_built, lexicon):
    article, triples, _ = hand_built
    dataset = triples_to_dataset(triples, lexicon, articles=[article])
    activities = list(dataset.default_graph.subjects(RDF.type, KGO.Extraction))
    assert len(activities) == 1
    named = dataset.graph(URIRef("https://example.org/kg/doc/a1"))
    assert set(named.objects(None, PROV.wasGeneratedBy)) == set(activities)


def test_rdf_graph_carries_the_class_and_property_hierarchy(hand_built):
    _, _, graph = hand_built
    assert (KGO.City, RDFS.subClassOf, KGO.Location) in graph
    assert (KGO.Location, RDFS.subClassOf, KGO.Entity) in graph
    assert (KGO.attacked, RDFS.subPropertyOf, KGO.actedOn) in graph
    assert graph.value(KGO.attacked, Namespace("http://www.w3.org/2004/02/skos/core#").notation) == Literal("ASSAULT")


# --- on the seed article, with the real model ------------------------------------------


@pytest.fixture(scope="module")
def seed_graph(seed_article):
    return kg.build([seed_article])


def _statements(graph, subject=None, obj=None):
    for node in graph.subjects(RDF.type, KGO.Statement):
        if subject is not None and graph.value(node, RDF.subject) != subject:
            continue
        if obj is not None and graph.value(node, RDF.object) != obj:
            continue
        yield node


def _is_a(graph, prop, family) -> bool:
    return family in set(graph.transitive_objects(prop, RDFS.subPropertyOf))


@pytest.mark.model
def test_rdf_seed_putin_awarded_gerasimov_is_an_award_action(seed_graph):
    found = [
        graph_prop
        for node in _statements(seed_graph, ENT["vladimir-putin"], ENT["valery-gerasimov"])
        if (graph_prop := seed_graph.value(node, RDF.predicate)) == KGO.awarded
    ]
    assert found
    assert _is_a(seed_graph, KGO.awarded, KGO.actedOn)


def _attacks_on_the_government_building(graph):
    for node in _statements(graph, ENT.russia):
        prop, obj = graph.value(node, RDF.predicate), graph.value(node, RDF.object)
        if _is_a(graph, prop, KGO.attacked) and "government building" in str(graph.value(obj, RDFS.label)).lower():
            yield node


@pytest.mark.model
def test_rdf_seed_russia_hit_the_government_building_is_an_attack(seed_graph):
    assert list(_attacks_on_the_government_building(seed_graph))


@pytest.mark.model
def test_rdf_seed_attack_on_the_government_building_is_dated_sunday(seed_graph):
    dates = {seed_graph.value(node, KGO.factDate) for node in _attacks_on_the_government_building(seed_graph)}
    assert Literal("2025-09-07", datatype=XSD.date) in dates


@pytest.mark.model
def test_rdf_seed_dates_follow_the_date_phrases(seed_graph):
    phrases = {}
    for node in seed_graph.subjects(RDF.type, KGO.Statement):
        text = seed_graph.value(node, KGO.dateText)
        if text is None:
            assert seed_graph.value(node, KGO.factDate) is None
            continue
        resolved = resolve_date(str(text), SEED_DATE)
        day = seed_graph.value(node, KGO.factDate)
        assert (day.toPython() if day is not None else None) == (resolved.day if resolved else None), text
        phrases[str(text).lower()] = day
    # the seed has Yermak's talk with Rubio "yesterday" and "on Monday": both 8 September
    assert phrases.get("yesterday") == Literal("2025-09-08", datatype=XSD.date)


@pytest.mark.model
def test_rdf_seed_activity_names_kg_and_the_spacy_model(seed_graph, nlp):
    (activity,) = seed_graph.subjects(RDF.type, KGO.Extraction)
    used = {seed_graph.value(node, SCHEMA.softwareVersion) for node in seed_graph.objects(activity, PROV.used)}
    assert Literal(nlp.meta["version"]) in used
    agents = {str(seed_graph.value(node, RDFS.label)) for node in seed_graph.objects(activity, PROV.wasAssociatedWith)}
    assert agents == {"kg", "spacy"}
    statements = set(seed_graph.subjects(RDF.type, KGO.Statement))
    assert statements == set(seed_graph.subjects(PROV.wasGeneratedBy, activity))


@pytest.mark.model
def test_rdf_sunday_attack_is_dated_end_to_end(tmp_path):
    article = tmp_path / "kyiv.txt"
    article.write_text(" date 2025-09-09 Kyiv\nRussia hit a government building in Kyiv on Sunday.\n", encoding="utf-8")
    graph = kg.build([article])
    dated = [
        graph.value(node, KGO.factDate)
        for node in _statements(graph, ENT.russia)
        if _is_a(graph, graph.value(node, RDF.predicate), KGO.attacked)
    ]
    assert dated == [Literal("2025-09-07", datatype=XSD.date)]
    records = [kg.triple_record(t) for t in kg.extract([article])]
    attacks = [r for r in records if r["predicate"]["label"] == "attacked"]
    assert attacks and all("sunday" in r["when"].lower() and r["fact_date"] == "2025-09-07" for r in attacks)


@pytest.mark.model
def test_rdf_build_with_timestamp_is_deterministic_too(tmp_path, seed_article):
    from kg.cli import main

    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    for path in (first, second):
        assert main(["build", str(seed_article), "-o", str(path), "--timestamp", "2025-10-14T09:30:00Z"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"prov:startedAtTime" in first.read_bytes()


def test_rdf_trig_has_one_named_graph_per_article(hand_built, lexicon, tmp_path):
    from kg.rdf import read_graph, write_graph

    article, triples, _ = hand_built
    other = Article("a2", "Talks", SEED_DATE, "Russia met Kyiv.", "b.txt")
    second = _triple(other, triples[0].subject, "metWith", triples[0].object, when="yesterday")
    dataset = triples_to_dataset([*triples, second], lexicon, articles=[article, other])
    path = tmp_path / "graph.trig"
    write_graph(serialize(dataset, "trig"), path)
    parsed = read_graph(path)
    doc = Namespace("https://example.org/kg/doc/")
    assert {g.identifier for g in parsed.graphs()} >= {doc.a1, doc.a2}
    assert set(parsed.quads()) == set(dataset.quads())
    in_a2 = parsed.graph(doc.a2)
    assert {in_a2.value(s, PROV.wasDerivedFrom) for s in in_a2.subjects(RDF.type, KGO.Statement)} == {doc.a2}
    assert len(set(in_a2.subjects(RDF.type, KGO.Statement))) == 1


def test_rdf_quads_for_a_store_are_the_datasets_quads(hand_built, lexicon):
    import pyoxigraph

    from kg.rdf import triples_to_quads

    article, triples, _ = hand_built
    other = Article("a2", "Talks", SEED_DATE, "Russia met Kyiv.", "b.txt")
    quiet = Article("a3", "", None, "Nothing happened.", "c.txt")
    second = _triple(other, triples[0].subject, "met with", triples[0].object, when="yesterday")
    second = replace(second, property="https://example.org/kg/relation/meet-with", confidence=1)
    everything = [*triples, second]
    run = extraction_run([article, other, quiet], started=parse_timestamp("2025-10-14T09:30:00Z"))
    dataset = triples_to_dataset(everything, lexicon, articles=[article, other, quiet], run=run)
    expected = set(pyoxigraph.parse(serialize(dataset, "nquads"), format=pyoxigraph.RdfFormat.N_QUADS))
    shared, graphs = triples_to_quads(everything, lexicon, articles=[article, other, quiet], run=run)
    default = pyoxigraph.DefaultGraph()
    found = [pyoxigraph.Quad(*triple, default) for triple in shared]
    for name, facts in graphs.items():
        found += [pyoxigraph.Quad(*triple, pyoxigraph.NamedNode(name)) for triple in facts]
    assert len(found) == len(set(found))  # each graph holds each triple once
    assert set(found) == expected
    assert graphs["https://example.org/kg/doc/a3"] == []  # so that a store empties the article's old graph
