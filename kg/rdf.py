"""Triples → RDF with provenance, and serialisation in rdflib's formats, written atomically.

Every fact is asserted directly (``entity kgo:awarded entity``, so SPARQL stays simple)
and described by a statement node carrying its evidence: article, sentence, offsets,
confidence and extraction rule (PROV-O, Dublin Core). Negated facts are only described,
never asserted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError, UsageError
from kg.ontology import KGO, Lexicon
from kg.types import Article, Entity, Triple

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "Namespaces",
    "triples_to_graph",
    "triples_to_dataset",
    "serialize",
    "write_graph",
    "read_graph",
    "format_for",
]

DEFAULT_BASE = "https://example.org/kg/"
# kg's format names → rdflib's plugin names; the first four are also accepted by `read_graph`.
FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "json-ld": "json-ld"}
_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}
_QUAD_FORMATS = {"trig", "nquads"}


class Namespaces:
    """The IRIs of one graph, all under ``base`` (``--base``), plus the fixed ontology namespace."""

    def __init__(self, base: str = DEFAULT_BASE):
        from rdflib import Namespace

        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base
        self.entity = Namespace(base + "entity/")
        self.doc = Namespace(base + "doc/")
        self.statement = Namespace(base + "statement/")
        self.relation = Namespace(base + "relation/")
        self.kgo = Namespace(KGO)


def format_for(path: str | Path | None, requested: str | None) -> str:
    """The format to write: the one requested, else the file's suffix, else Turtle.

    Raises:
        UsageError: the requested format is unknown.
    """
    if requested is not None:
        if requested not in FORMATS:
            raise UsageError(f"unknown format {requested!r} (choose from {', '.join(FORMATS)})")
        return requested
    if path is not None:
        return _SUFFIXES.get(Path(path).suffix.lower(), "turtle")
    return "turtle"


def _bind(graph, ns: Namespaces) -> None:
    graph.bind("kgo", ns.kgo)
    graph.bind("ent", ns.entity)
    graph.bind("doc", ns.doc)
    graph.bind("stmt", ns.statement)
    graph.bind("rel", ns.relation)
    graph.bind("prov", "http://www.w3.org/ns/prov#")
    graph.bind("dcterms", "http://purl.org/dc/terms/")
    graph.bind("skos", "http://www.w3.org/2004/02/skos/core#")


def triples_to_graph(
    triples: Sequence[Triple], lexicon: Lexicon, *, base: str = DEFAULT_BASE, articles: Iterable[Article] = ()
) -> Graph:
    """One RDF graph holding every entity, fact, statement and article."""
    from rdflib import Graph

    ns = Namespaces(base)
    graph = Graph()
    _bind(graph, ns)
    _add_shared(graph, triples, lexicon, ns, articles)
    _add_facts(graph, triples, ns)
    return graph


def triples_to_dataset(
    triples: Sequence[Triple], lexicon: Lexicon, *, base: str = DEFAULT_BASE, articles: Iterable[Article] = ()
) -> Dataset:
    """Entities and articles in the default graph; each article's facts in a named graph."""
    from rdflib import Dataset

    ns = Namespaces(base)
    dataset = Dataset()
    _bind(dataset, ns)
    _add_shared(dataset.default_graph, triples, lexicon, ns, articles)
    by_article: dict[str, list[Triple]] = {}
    for triple in triples:
        by_article.setdefault(triple.article.id, []).append(triple)
    for article_id, article_triples in by_article.items():
        _add_facts(dataset.graph(ns.doc[article_id]), article_triples, ns)
    return dataset


def _add_shared(
    graph, triples: Sequence[Triple], lexicon: Lexicon, ns: Namespaces, articles: Iterable[Article]
) -> None:
    from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

    entities: dict[str, Entity] = {}
    documents: dict[str, Article] = {a.id: a for a in articles}
    used_terms: set[str] = set()
    for triple in triples:
        entities[triple.subject.id] = triple.subject
        entities[triple.object.id] = triple.object
        documents.setdefault(triple.article.id, triple.article)
        prop = URIRef(triple.property)
        if triple.property.startswith(str(ns.relation)):
            graph.add((prop, RDF.type, OWL.ObjectProperty))
            graph.add((prop, RDFS.label, Literal(triple.property_label, lang="en")))
            graph.add((prop, RDFS.subPropertyOf, ns.kgo.relatedTo))
            graph.add((prop, ns.kgo.lemma, Literal(triple.property_label)))
        else:
            used_terms.add(triple.property)
    for entity in entities.values():
        used_terms.add(entity.type)
    # The ontology terms the graph uses travel with it (labels and super-properties), so
    # that a store holding only this graph can still say "awarded" or "attacked".
    for term in sorted(used_terms):
        for ancestor in lexicon.ancestors(term):
            node = URIRef(ancestor)
            graph.add((node, RDFS.label, Literal(lexicon.label(ancestor), lang="en")))
            for parent in lexicon.parents.get(ancestor, ()):
                graph.add((node, RDFS.subPropertyOf, URIRef(parent)))
                graph.add((node, RDF.type, OWL.ObjectProperty))
    for entity in entities.values():
        node = ns.entity[entity.id]
        graph.add((node, RDF.type, URIRef(entity.type)))
        graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
        for alias in sorted(entity.aliases):
            graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
    for article in documents.values():
        _add_article(graph, article, ns)


def _add_article(graph, article: Article, ns: Namespaces) -> None:
    from rdflib import DCTERMS, RDF, XSD, Literal

    node = ns.doc[article.id]
    graph.add((node, RDF.type, ns.kgo.Article))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title, lang="en")))
    if article.date is not None:
        graph.add((node, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
    graph.add((node, DCTERMS.source, Literal(article.source)))


def _statement_id(triple: Triple) -> str:
    key = "\x1f".join(
        (
            triple.article.id,
            str(triple.sentence_id),
            triple.subject.id,
            triple.property,
            triple.object.id,
            str(triple.subject_mention.start),
            str(triple.object_mention.start),
        )
    )
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _add_facts(graph, triples: Sequence[Triple], ns: Namespaces) -> None:
    from rdflib import DCTERMS, RDF, XSD, Literal, Namespace, URIRef

    prov = Namespace("http://www.w3.org/ns/prov#")
    for triple in triples:
        subject, prop, obj = ns.entity[triple.subject.id], URIRef(triple.property), ns.entity[triple.object.id]
        if not triple.negated:
            graph.add((subject, prop, obj))
        node = ns.statement[_statement_id(triple)]
        facts = [
            (RDF.type, ns.kgo.Statement),
            (RDF.subject, subject),
            (RDF.predicate, prop),
            (RDF.object, obj),
            (prov.wasDerivedFrom, ns.doc[triple.article.id]),
            (ns.kgo.sentence, Literal(triple.sentence)),
            (ns.kgo.sentenceIndex, Literal(triple.sentence_id)),
            (ns.kgo.relationText, Literal(triple.predicate.text)),
            (ns.kgo.subjectStart, Literal(triple.subject_mention.start)),
            (ns.kgo.subjectEnd, Literal(triple.subject_mention.end)),
            (ns.kgo.objectStart, Literal(triple.object_mention.start)),
            (ns.kgo.objectEnd, Literal(triple.object_mention.end)),
            (ns.kgo.confidence, Literal(Decimal(str(triple.confidence)), datatype=XSD.decimal)),
            (ns.kgo.extractionRule, Literal(triple.rule)),
        ]
        if triple.negated:
            facts.append((ns.kgo.negated, Literal(True)))
        if triple.hedged:
            facts.append((ns.kgo.hedged, Literal(True)))
        if triple.article.date is not None:
            facts.append((DCTERMS.date, Literal(triple.article.date.isoformat(), datatype=XSD.date)))
        for predicate, value in facts:
            graph.add((node, predicate, value))


def serialize(graph, fmt: str) -> bytes:
    """Serialise ``graph`` (a Graph or Dataset) in kg format ``fmt``."""
    return graph.serialize(format=FORMATS[fmt], encoding="utf-8")


def write_graph(data: bytes, path: str | Path) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    Raises:
        GraphError: the folder does not exist or is not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise GraphError(f"{target}: cannot write ({error.strerror or error})") from None


def read_graph(path: str | Path) -> Graph:
    """Parse a graph file; the format comes from its suffix (Turtle when unknown).

    Raises:
        GraphError: the file is missing or is not valid RDF in that format.
    """
    from rdflib import Dataset, Graph

    source = Path(path)
    if not source.is_file():
        raise GraphError(f"{source}: no such graph file")
    fmt = _SUFFIXES.get(source.suffix.lower(), "turtle")
    # Quads keep their named graphs; queries see the union of them.
    graph = Dataset(default_union=True) if fmt in _QUAD_FORMATS else Graph()
    try:
        graph.parse(source, format=FORMATS[fmt])
    except Exception as error:  # rdflib's parsers raise many unrelated types for bad syntax
        message = " ".join(str(error).split())[:200] or type(error).__name__
        raise GraphError(f"{source}: not valid {fmt} ({message})") from None
    return graph
