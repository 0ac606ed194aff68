"""Consistency checks for the ontology data files in ontology/.

kg.ttl (OWL ontology), lexicon.ttl (OntoLex-Lemon relation lexicon) and
gazetteer.ttl (countries, names and demonyms) are data, not code: these tests
make sure they parse, fit together, and keep the shape the extractor relies on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import OntologyError

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"

KGO = Namespace("https://example.org/kg/ontology#")
GAZ = Namespace("https://example.org/kg/gazetteer#")
ONTOLEX = Namespace("http://www.w3.org/ns/lemon/ontolex#")
LEXINFO = Namespace("http://www.lexinfo.net/ontology/3.0/lexinfo#")
PROV = Namespace("http://www.w3.org/ns/prov#")
# an open namespace: pytest introspection trips over rdflib's closed XSD namespace
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ONTOLOGY_IRI = URIRef("https://example.org/kg/ontology")

# PLOVER 0.7 / POLECAT event categories
PLOVER_CODES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _parse(name: str) -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def kg_graph() -> Graph:
    return _parse("kg.ttl")


@pytest.fixture(scope="module")
def lexicon_graph() -> Graph:
    return _parse("lexicon.ttl")


@pytest.fixture(scope="module")
def gazetteer_graph() -> Graph:
    return _parse("gazetteer.ttl")


def kgo_terms(graph: Graph, *types: URIRef) -> set[URIRef]:
    """kgo: terms declared in kg.ttl with one of the given rdf:types."""
    terms = set()
    for rdf_type in types or DECLARATION_TYPES:
        for subject in graph.subjects(RDF.type, rdf_type):
            if isinstance(subject, URIRef) and subject.startswith(str(KGO)):
                terms.add(subject)
    return terms


def super_properties(graph: Graph, prop: URIRef) -> set[URIRef]:
    """All strict super-properties of prop (transitive rdfs:subPropertyOf)."""
    return set(graph.transitive_objects(prop, RDFS.subPropertyOf)) - {prop}


def is_provenance_property(graph: Graph, prop: URIRef) -> bool:
    return (prop, RDFS.domain, KGO.Statement) in graph


def relation_properties(graph: Graph) -> set[URIRef]:
    return {prop for prop in kgo_terms(graph, OWL.ObjectProperty) if not is_provenance_property(graph, prop)}


def descendants(graph: Graph, top: URIRef) -> set[URIRef]:
    return {prop for prop in relation_properties(graph) if top in super_properties(graph, prop)}


def local_name(term: URIRef) -> str:
    return str(term).rsplit("#", 1)[-1]


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return [
        str(obj)
        for obj in graph.objects(subject, predicate)
        if isinstance(obj, Literal) and obj.language == "en" and str(obj).strip()
    ]


# --------------------------------------------------------------------------
# all files
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kg.ttl", "lexicon.ttl", "gazetteer.ttl", "shapes.ttl"])
def test_file_parses_as_turtle(name: str) -> None:
    assert len(_parse(name)) > 0


@pytest.mark.parametrize("name", ["kg.ttl", "lexicon.ttl", "gazetteer.ttl", "shapes.ttl"])
def test_every_kgo_term_used_is_declared_in_kg_ttl(kg_graph: Graph, name: str) -> None:
    declared = kgo_terms(kg_graph)
    graph = _parse(name)
    used = {term for triple in graph for term in triple if isinstance(term, URIRef) and term.startswith(str(KGO))}
    assert used - declared == set()


# --------------------------------------------------------------------------
# kg.ttl
# --------------------------------------------------------------------------


def test_ontology_header(kg_graph: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in kg_graph
    assert english(kg_graph, ONTOLOGY_IRI, RDFS.label)


def test_every_class_and_property_has_english_label_and_comment(kg_graph: Graph) -> None:
    terms = kgo_terms(kg_graph)
    assert len(terms) > 50
    missing = {
        local_name(term)
        for term in terms
        if not english(kg_graph, term, RDFS.label) or not english(kg_graph, term, RDFS.comment)
    }
    assert missing == set()


def test_each_term_has_a_single_kind_and_label(kg_graph: Graph) -> None:
    for term in kgo_terms(kg_graph):
        kinds = {t for t in kg_graph.objects(term, RDF.type) if t in DECLARATION_TYPES}
        assert len(kinds) == 1, term
        assert len(english(kg_graph, term, RDFS.label)) == 1, term


def test_required_classes(kg_graph: Graph) -> None:
    expected_parent = {
        "Person": "Entity",
        "Organization": "Entity",
        "GovernmentBody": "Organization",
        "ArmedForce": "Organization",
        "Company": "Organization",
        "MediaOrganization": "Organization",
        "InternationalOrganization": "Organization",
        "Location": "Entity",
        "Country": "Location",
        "City": "Location",
        "Region": "Location",
        "Facility": "Location",
        "Group": "Entity",
        "Event": "Entity",
        "Weapon": None,
        "Award": "Entity",
        "Document": "Entity",
        "Product": "Entity",
        "Concept": "Entity",
    }
    classes = kgo_terms(kg_graph, OWL.Class)
    assert KGO.Entity in classes
    for name, parent in expected_parent.items():
        cls = KGO[name]
        assert cls in classes, name
        ancestors = set(kg_graph.transitive_objects(cls, RDFS.subClassOf))
        assert KGO.Entity in ancestors, name
        if parent:
            assert (cls, RDFS.subClassOf, KGO[parent]) in kg_graph, name
    assert (KGO.Statement, RDFS.subClassOf, RDF.Statement) in kg_graph
    assert (KGO.Statement, RDFS.subClassOf, PROV.Entity) in kg_graph
    assert (KGO.Article, RDFS.subClassOf, PROV.Entity) in kg_graph
    assert (KGO.Article, RDFS.subClassOf, URIRef("https://schema.org/NewsArticle")) in kg_graph


def test_ner_label_mapping(kg_graph: Graph) -> None:
    expected = {
        "PERSON": KGO.Person,
        "ORG": KGO.Organization,
        "LOC": KGO.Location,
        "GPE": KGO.Location,
        "FAC": KGO.Facility,
        "NORP": KGO.Group,
        "EVENT": KGO.Event,
        "LAW": KGO.Document,
        "WORK_OF_ART": KGO.Document,
        "PRODUCT": KGO.Product,
    }
    mapping = defaultdict(set)
    for cls, label in kg_graph.subject_objects(KGO.nerLabel):
        mapping[str(label)].add(cls)
    assert {label: classes for label, classes in mapping.items()} == {label: {cls} for label, cls in expected.items()}


def test_relation_properties_reach_related_to(kg_graph: Graph) -> None:
    relations = relation_properties(kg_graph) - {KGO.relatedTo}
    assert len(relations) > 60
    unrooted = {local_name(prop) for prop in relations if KGO.relatedTo not in super_properties(kg_graph, prop)}
    assert unrooted == set()


def test_relation_properties_have_domain_and_range(kg_graph: Graph) -> None:
    classes = kgo_terms(kg_graph, OWL.Class)
    for prop in relation_properties(kg_graph):
        domains = set(kg_graph.objects(prop, RDFS.domain))
        ranges = set(kg_graph.objects(prop, RDFS.range))
        assert len(domains) == 1 and domains <= classes, prop
        assert len(ranges) == 1 and ranges <= classes, prop


def test_relation_labels_spell_out_local_names(kg_graph: Graph) -> None:
    for prop in relation_properties(kg_graph):
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(prop)).lower()
        assert english(kg_graph, prop, RDFS.label) == [words], prop


def test_required_relation_properties(kg_graph: Graph) -> None:
    actions = descendants(kg_graph, KGO.actedOn)
    roles = descendants(kg_graph, KGO.roleOrPlace)
    required_actions = [
        "attacked",
        "killed",
        "invaded",
        "occupied",
        "annexed",
        "sanctioned",
        "threatened",
        "accused",
        "criticised",
        "condemned",
        "warned",
        "discussedWith",
        "metWith",
        "spokeWith",
        "consulted",
        "agreedWith",
        "signed",
        "requested",
        "calledOn",
        "supported",
        "aided",
        "praised",
        "awarded",
        "appointed",
        "dismissed",
        "elected",
        "visited",
        "protestedAgainst",
        "investigated",
        "charged",
        "arrested",
        "acquired",
        "investedIn",
        "negotiatedWith",
        "rejected",
        "reported",
        "quoted",
        "summoned",
        "thanked",
        "welcomed",
        "urged",
        "blamed",
        "deployed",
        "launched",
        "imposed",
    ]
    required_roles = [
        "holdsPositionIn",
        "leaderOf",
        "spokespersonFor",
        "ambassadorTo",
        "commanderOf",
        "memberOf",
        "worksFor",
        "citizenOf",
        "livesIn",
        "locatedIn",
        "basedIn",
        "partOf",
    ]
    assert {local_name(p) for p in actions} >= set(required_actions)
    assert {local_name(p) for p in roles} >= set(required_roles)
    assert actions & roles == set()
    assert (KGO.actedOn, RDFS.subPropertyOf, KGO.relatedTo) in kg_graph
    assert (KGO.roleOrPlace, RDFS.subPropertyOf, KGO.relatedTo) in kg_graph


@pytest.mark.parametrize(
    ("specific", "general"),
    [
        ("killed", "attacked"),
        ("invaded", "attacked"),
        ("annexed", "occupied"),
        ("metWith", "consulted"),
        ("discussedWith", "consulted"),
        ("spokeWith", "consulted"),
        ("negotiatedWith", "consulted"),
        ("condemned", "criticised"),
        ("criticised", "accused"),
        ("warned", "threatened"),
        ("calledOn", "requested"),
        ("arrested", "coerced"),
        ("leaderOf", "holdsPositionIn"),
        ("spokespersonFor", "holdsPositionIn"),
        ("commanderOf", "leaderOf"),
    ],
)
def test_specialisations(kg_graph: Graph, specific: str, general: str) -> None:
    assert KGO[general] in super_properties(kg_graph, KGO[specific])


def test_schema_org_alignments(kg_graph: Graph) -> None:
    schema = Namespace("https://schema.org/")
    assert (KGO.memberOf, RDFS.subPropertyOf, schema.memberOf) in kg_graph
    assert (KGO.worksFor, RDFS.subPropertyOf, schema.worksFor) in kg_graph
    assert (KGO.citizenOf, RDFS.subPropertyOf, schema.nationality) in kg_graph
    assert (KGO.livesIn, RDFS.subPropertyOf, schema.homeLocation) in kg_graph
    assert (KGO.locatedIn, RDFS.subPropertyOf, schema.containedInPlace) in kg_graph
    assert (KGO.Person, OWL.equivalentClass, schema.Person) in kg_graph
    assert (KGO.Organization, OWL.equivalentClass, schema.Organization) in kg_graph
    assert (KGO.Location, OWL.equivalentClass, schema.Place) in kg_graph


def test_prov_and_dublin_core_alignments(kg_graph: Graph) -> None:
    dct = Namespace("http://purl.org/dc/terms/")
    assert (KGO.Extraction, RDFS.subClassOf, PROV.Activity) in kg_graph
    assert (KGO.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo) in kg_graph
    assert (KGO.partOf, RDFS.subPropertyOf, dct.isPartOf) in kg_graph
    for term in (PROV.wasDerivedFrom, PROV.wasGeneratedBy, PROV.used, PROV.wasAssociatedWith):
        assert (term, RDF.type, OWL.ObjectProperty) in kg_graph, term


def test_plover_families(kg_graph: Graph) -> None:
    """Each PLOVER category is one property directly under kgo:actedOn."""
    notations = defaultdict(set)
    for prop, code in kg_graph.subject_objects(SKOS.notation):
        if prop.startswith(str(KGO)):
            notations[str(code)].add(prop)
    assert set(notations) == PLOVER_CODES
    for code, props in notations.items():
        assert len(props) == 1, code
        (prop,) = props
        assert (prop, RDFS.subPropertyOf, KGO.actedOn) in kg_graph, code
    # an action belongs to at most one family
    families = {next(iter(props)) for props in notations.values()}
    for prop in descendants(kg_graph, KGO.actedOn):
        assert len((super_properties(kg_graph, prop) | {prop}) & families) <= 1, prop
    # no role property carries a PLOVER code
    for prop in descendants(kg_graph, KGO.roleOrPlace) | {KGO.roleOrPlace}:
        assert (prop, SKOS.notation, None) not in kg_graph


def test_provenance_properties(kg_graph: Graph) -> None:
    expected = {
        "confidence": XSD.decimal,
        "sentence": XSD.string,
        "sentenceIndex": XSD.integer,
        "sentenceStart": XSD.integer,
        "subjectStart": XSD.integer,
        "subjectEnd": XSD.integer,
        "objectStart": XSD.integer,
        "objectEnd": XSD.integer,
        "relationText": XSD.string,
        "extractionRule": XSD.string,
        "negated": XSD.boolean,
        "hedged": XSD.boolean,
        "factDate": XSD.date,
        "earliestDate": XSD.date,
        "latestDate": XSD.date,
        "dateText": XSD.string,
    }
    datatype_props = kgo_terms(kg_graph, OWL.DatatypeProperty)
    for name, datatype in expected.items():
        prop = KGO[name]
        assert prop in datatype_props, name
        assert (prop, RDFS.domain, KGO.Statement) in kg_graph, name
        assert (prop, RDFS.range, datatype) in kg_graph, name
    assert (KGO.attributedTo, RDF.type, OWL.ObjectProperty) in kg_graph
    assert (KGO.attributedTo, RDFS.domain, KGO.Statement) in kg_graph


def test_lexicon_annotation_properties_declared(kg_graph: Graph) -> None:
    annotation_props = kgo_terms(kg_graph, OWL.AnnotationProperty)
    for name in ("nerLabel", "lemma", "preposition", "particle", "nominal", "demonym"):
        assert KGO[name] in annotation_props, name


# --------------------------------------------------------------------------
# lexicon.ttl
# --------------------------------------------------------------------------


def lexicon_entries(graph: Graph) -> dict[tuple, dict]:
    """(writtenRep, pos, preposition, particle) -> {"entry", "refs", "nominal"}."""
    entries: dict[tuple, dict] = {}
    for entry in graph.subjects(RDF.type, ONTOLEX.LexicalEntry):
        if (
            (entry, LEXINFO.partOfSpeech, LEXINFO.numeral) in graph
            or not any(graph.objects(entry, ONTOLEX.sense))
            or any(graph.objects(entry, KGO.wordClass))
        ):
            continue  # numerals, nouns of kinds and word classes: not relation senses (tests below)
        forms = list(graph.objects(entry, ONTOLEX.canonicalForm))
        assert len(forms) == 1, entry
        reps = list(graph.objects(forms[0], ONTOLEX.writtenRep))
        assert len(reps) == 1 and reps[0].language == "en", entry
        poses = list(graph.objects(entry, LEXINFO.partOfSpeech))
        assert len(poses) == 1, entry
        preps = [str(p) for p in graph.objects(entry, KGO.preposition)]
        particles = [str(p) for p in graph.objects(entry, KGO.particle)]
        complements = [str(c) for c in graph.objects(entry, KGO.complement)]
        assert len(preps) <= 1 and len(particles) <= 1 and len(complements) <= 1, entry
        refs = {ref for sense in graph.objects(entry, ONTOLEX.sense) for ref in graph.objects(sense, ONTOLEX.reference)}
        nominal = [n.toPython() for n in graph.objects(entry, KGO.nominal)]
        key = (
            str(reps[0]),
            local_name_any(poses[0]),
            preps[0] if preps else None,
            particles[0] if particles else None,
            complements[0] if complements else None,
        )
        assert key not in entries, f"duplicate lexicon entry {key}"
        entries[key] = {"entry": entry, "refs": refs, "nominal": nominal}
    return entries


def test_lexicon_numerals(lexicon_graph):
    graph = lexicon_graph
    numerals = {
        str(graph.value(graph.value(entry, ONTOLEX.canonicalForm), ONTOLEX.writtenRep)): graph.value(entry, RDF.value)
        for entry in graph.subjects(LEXINFO.partOfSpeech, LEXINFO.numeral)
    }
    assert numerals["twelve"].toPython() == 12 and numerals["billion"].toPython() == 10**9
    assert all(isinstance(value.toPython(), int) and value.toPython() > 0 for value in numerals.values())


def test_lexicon_nouns_of_kinds(lexicon_graph, kg_graph, lexicon):
    kgo = "https://example.org/kg/ontology#"
    assert lexicon.noun_classes["missile"] == kgo + "Weapon"
    assert lexicon.noun_classes["troop"] == kgo + "ArmedForce"
    assert lexicon.noun_classes["storm"] == kgo + "Event"
    assert {"thing", "year"} <= lexicon.vague_nouns
    for entry in lexicon_graph.subjects(ONTOLEX.denotes, None):
        assert (lexicon_graph.value(entry, ONTOLEX.denotes), RDF.type, OWL.Class) in kg_graph, entry


def test_lexicon_word_classes(lexicon):
    kgo = "https://example.org/kg/ontology#"
    assert {"impose", "launch"} <= lexicon.words("support-verb")
    assert "discuss" in lexicon.words("reciprocal-verb")
    assert lexicon.word_property("agent-noun", "assassin") == kgo + "killed"
    assert lexicon.word_property("hometown-noun", "birthplace") == kgo + "bornIn"
    with pytest.raises(OntologyError, match="no word class 'nonsense'"):
        lexicon.words("nonsense")


def local_name_any(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


def test_lexicon_references_are_declared_object_properties(kg_graph: Graph, lexicon_graph: Graph) -> None:
    object_props = kgo_terms(kg_graph, OWL.ObjectProperty)
    refs = set(lexicon_graph.objects(None, ONTOLEX.reference))
    assert refs
    assert refs - object_props == set()
    assert not any(is_provenance_property(kg_graph, ref) for ref in refs)


def test_lexicon_entry_shape(lexicon_graph: Graph) -> None:
    entries = lexicon_entries(lexicon_graph)
    assert len(entries) > 150
    for (written, pos, prep, particle, _complement), info in entries.items():
        assert pos in {"verb", "noun"}, written
        assert written == written.lower() == written.strip(), written
        assert "  " not in written, written
        assert len(info["refs"]) == 1, written
        for word in (prep, particle):
            assert word is None or re.fullmatch(r"[a-z]+", word), written
        assert particle is None or pos == "verb", written
        assert info["nominal"] in ([], [True]), written
        assert not info["nominal"] or pos == "noun", written
        multiword = (info["entry"], RDF.type, ONTOLEX.MultiwordExpression) in lexicon_graph
        assert multiword == (" " in written), written
        assert str(info["entry"]).startswith("https://example.org/kg/lexicon#"), written


@pytest.mark.parametrize(
    ("written", "pos", "prep", "particle", "prop", "nominal"),
    [
        ("award", "verb", None, None, "awarded", False),
        ("discuss", "verb", "with", None, "discussedWith", False),
        ("meet", "verb", None, None, "metWith", False),
        ("meet", "verb", "with", None, "metWith", False),
        ("talk", "verb", "with", None, "spokeWith", False),
        ("speak", "verb", "to", None, "spokeWith", False),
        ("call", "verb", "on", None, "calledOn", False),
        ("take", "verb", None, "over", "acquired", False),
        ("merge", "verb", "with", None, "acquired", False),
        ("invest", "verb", "in", None, "investedIn", False),
        ("impose", "verb", "on", None, "imposed", False),
        ("hit", "verb", None, None, "attacked", False),
        ("kill", "verb", None, None, "killed", False),
        ("criticise", "verb", None, None, "criticised", False),
        ("criticize", "verb", None, None, "criticised", False),
        ("president", "noun", None, None, "leaderOf", False),
        ("prime minister", "noun", None, None, "leaderOf", False),
        ("spokesman", "noun", None, None, "spokespersonFor", False),
        ("press secretary", "noun", None, None, "spokespersonFor", False),
        ("envoy", "noun", None, None, "ambassadorTo", False),
        ("general", "noun", None, None, "commanderOf", False),
        ("chief of staff", "noun", None, None, "holdsPositionIn", False),
        ("senator", "noun", None, None, "memberOf", False),
        ("correspondent", "noun", None, None, "worksFor", False),
        ("invasion", "noun", "of", None, "invaded", True),
        ("seizure", "noun", "of", None, "annexed", True),
        ("sanction", "noun", "on", None, "sanctioned", True),
    ],
)
def test_lexicon_entries(
    lexicon_graph: Graph,
    written: str,
    pos: str,
    prep: str | None,
    particle: str | None,
    prop: str,
    nominal: bool,
) -> None:
    entries = lexicon_entries(lexicon_graph)
    info = entries[(written, pos, prep, particle, None)]
    assert info["refs"] == {KGO[prop]}
    assert info["nominal"] == ([True] if nominal else [])


def test_lexicon_covers_every_action_property(kg_graph: Graph, lexicon_graph: Graph) -> None:
    referenced = set(lexicon_graph.objects(None, ONTOLEX.reference))
    uncovered = {local_name(p) for p in descendants(kg_graph, KGO.actedOn) - referenced}
    assert uncovered == set()


# --------------------------------------------------------------------------
# gazetteer.ttl
# --------------------------------------------------------------------------


def resolve(graph: Graph, text: str, *predicates: URIRef) -> set[URIRef]:
    return {
        subject for predicate in predicates for subject, obj in graph.subject_objects(predicate) if str(obj) == text
    }


def test_gazetteer_types_come_from_kg(kg_graph: Graph, gazetteer_graph: Graph) -> None:
    classes = kgo_terms(kg_graph, OWL.Class)
    types = set(gazetteer_graph.objects(None, RDF.type))
    assert types and types <= classes


def test_every_country_has_one_english_label(gazetteer_graph: Graph) -> None:
    countries = set(gazetteer_graph.subjects(RDF.type, KGO.Country))
    assert len(countries) >= 190
    for country in countries:
        assert len(english(gazetteer_graph, country, RDFS.label)) == 1, country


def test_at_least_100_countries_have_label_and_demonym(gazetteer_graph: Graph) -> None:
    countries = set(gazetteer_graph.subjects(RDF.type, KGO.Country))
    with_demonym = {
        c for c in countries if english(gazetteer_graph, c, RDFS.label) and english(gazetteer_graph, c, KGO.demonym)
    }
    assert len(with_demonym) >= 100


@pytest.mark.parametrize(
    ("text", "code", "label", "predicate"),
    [
        ("Russian", "RU", "Russia", KGO.demonym),
        ("US", "US", "United States", KGO.demonym),
        ("US", "US", "United States", SKOS.altLabel),
        ("U.S.", "US", "United States", SKOS.altLabel),
        ("American", "US", "United States", KGO.demonym),
        ("British", "GB", "United Kingdom", KGO.demonym),
        ("Britain", "GB", "United Kingdom", SKOS.altLabel),
        ("Dutch", "NL", "Netherlands", KGO.demonym),
        ("Emirati", "AE", "United Arab Emirates", KGO.demonym),
        ("Saudi", "SA", "Saudi Arabia", KGO.demonym),
        ("Belarussian", "BY", "Belarus", KGO.demonym),
        ("Ukrainian", "UA", "Ukraine", KGO.demonym),
        ("Türkiye", "TR", "Turkey", SKOS.altLabel),
        ("Czechia", "CZ", "Czech Republic", SKOS.altLabel),
        ("Russian Federation", "RU", "Russia", SKOS.altLabel),
    ],
)
def test_names_and_demonyms_resolve(
    gazetteer_graph: Graph, text: str, code: str, label: str, predicate: URIRef
) -> None:
    assert resolve(gazetteer_graph, text, predicate) == {GAZ[code]}
    assert english(gazetteer_graph, GAZ[code], RDFS.label) == [label]
    assert (GAZ[code], RDF.type, KGO.Country) in gazetteer_graph


def test_names_and_demonyms_are_unambiguous(gazetteer_graph: Graph) -> None:
    owners = defaultdict(set)
    for predicate in (RDFS.label, SKOS.altLabel, KGO.demonym):
        for subject, obj in gazetteer_graph.subject_objects(predicate):
            if isinstance(subject, URIRef):
                owners[str(obj)].add(subject)
    ambiguous = {text: subjects for text, subjects in owners.items() if len(subjects) > 1}
    assert ambiguous == {}


def test_international_organisations(gazetteer_graph: Graph) -> None:
    for key, name in [
        ("EU", "EU"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("UN", "United Nations"),
        ("UN", "U.N."),
        ("ICC", "International Criminal Court"),
        ("IAEA", "IAEA"),
        ("WHO", "WHO"),
        ("IMF", "IMF"),
        ("OPEC", "OPEC"),
        ("G7", "G7"),
    ]:
        assert (GAZ[key], RDF.type, KGO.InternationalOrganization) in gazetteer_graph, key
        assert resolve(gazetteer_graph, name, RDFS.label, SKOS.altLabel) == {GAZ[key]}, name
    assert (GAZ.EU, RDF.type, KGO.Country) not in gazetteer_graph
    assert "European" not in english(gazetteer_graph, GAZ.EU, KGO.demonym)
