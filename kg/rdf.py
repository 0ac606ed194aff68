"""Triples → RDF with provenance, and serialisation in rdflib's formats, written atomically.

Every fact is asserted directly (``entity kgo:awarded entity``, so SPARQL stays simple)
and described by a statement node carrying its evidence: article, sentence, offsets,
confidence, extraction rule, the extraction activity that made it, and its qualifiers
(date, negated, hedged, speaker) in PROV-O and Dublin Core terms. Negated facts are only
described, never asserted.

The graph is a function of its inputs: the same articles, software and options give the
same bytes. The extraction activity's IRI is a digest of exactly those, and it records a
start time only when the caller passes one (``kg build --timestamp``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.dates import resolve_date
from kg.errors import GraphError, UsageError
from kg.ontology import KGO, Lexicon
from kg.types import Amount, Article, Entity, Triple

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "Namespaces",
    "ExtractionRun",
    "decimal_text",
    "extraction_run",
    "parse_timestamp",
    "triples_to_graph",
    "triples_to_dataset",
    "triples_to_quads",
    "triples_to_terms",
    "statement_id",
    "serialize",
    "write_graph",
    "atomic_output",
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
        self.run = Namespace(base + "run/")
        self.software = Namespace(base + "software/")
        self.kgo = Namespace(KGO)


_PROV = "http://www.w3.org/ns/prov#"
_SCHEMA = "https://schema.org/"
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class ExtractionRun:
    """One extraction activity: the software that ran and a digest of everything it read.

    ``inputs`` is a digest of the articles, the extra ontology files and the options, so
    :attr:`id` (and with it the activity's IRI) is the same exactly when the output would
    be. ``started`` is recorded as ``prov:startedAtTime`` only when given.
    """

    kg_version: str
    model: str | None = None
    model_version: str | None = None
    spacy_version: str | None = None
    inputs: str = ""
    started: dt.datetime | None = None

    @property
    def id(self) -> str:
        parts = (self.kg_version, self.model, self.model_version, self.spacy_version, self.inputs, self.started)
        key = "\x1f".join("" if part is None else str(part) for part in parts)
        return hashlib.sha1(key.encode()).hexdigest()[:16]


def parse_timestamp(text: str) -> dt.datetime:
    """A start time for the extraction activity: ISO 8601 (``2025-10-14T09:30:00Z``) or ``now``.

    A time without a zone is taken as UTC.

    Raises:
        UsageError: the text is neither.

    Example:
        >>> parse_timestamp("2025-10-14T09:30:00Z").isoformat()
        '2025-10-14T09:30:00+00:00'
    """
    if text.strip().lower() == "now":
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    try:
        stamp = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UsageError(f"--timestamp {text!r} is not an ISO 8601 time (e.g. 2025-10-14T09:30:00Z) or 'now'") from None
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.timezone.utc)


def extraction_run(
    articles: Iterable[Article],
    *,
    model_meta: dict[str, Any] | None = None,
    ontology: Iterable[str | Path] = (),
    base: str = DEFAULT_BASE,
    started: dt.datetime | None = None,
) -> ExtractionRun:
    """Describe a build: kg's version, the spaCy model (from ``nlp.meta``) and a digest of the inputs.

    Raises:
        GraphError: an extra ontology file cannot be read.
    """
    from kg import __version__

    digest = hashlib.sha256(base.encode())
    for article in articles:
        for part in (article.id, article.title, article.date, article.source):
            digest.update(f"\x1f{'' if part is None else part}".encode())
        digest.update(hashlib.sha256(article.text.encode()).digest())
    for path in ontology:
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as error:
            raise GraphError(f"{path}: cannot read ({error.strerror or error})") from None
    meta = model_meta or {}
    model = f"{meta['lang']}_{meta['name']}" if meta.get("lang") and meta.get("name") else None
    spacy_version = None
    if meta:
        import spacy

        spacy_version = spacy.__version__
    if started is not None and started.tzinfo is None:
        started = started.replace(tzinfo=dt.timezone.utc)
    return ExtractionRun(
        kg_version=__version__,
        model=model,
        model_version=meta.get("version"),
        spacy_version=spacy_version,
        inputs=digest.hexdigest()[:32],
        started=started,
    )


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
    graph.bind("run", ns.run)
    graph.bind("prov", "http://www.w3.org/ns/prov#")
    graph.bind("schema", _SCHEMA)
    graph.bind("dcterms", "http://purl.org/dc/terms/")
    graph.bind("skos", "http://www.w3.org/2004/02/skos/core#")


def triples_to_graph(
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
) -> Graph:
    """One RDF graph holding every entity, fact, statement, article and the extraction activity.

    ``run`` describes the activity; without one, a run of this kg version over the articles.
    """
    from rdflib import Graph

    ns = Namespaces(base)
    shared, graphs = _dataset(_RdflibTerms(), triples, lexicon, base, articles, run)
    graph = Graph()
    _bind(graph, ns)
    graph.addN((*triple, graph) for triple in chain(shared, *graphs.values()))
    return graph


def triples_to_dataset(
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
) -> Dataset:
    """Entities, articles and the activity in the default graph; each article's facts in a named graph."""
    from rdflib import Dataset, URIRef

    ns = Namespaces(base)
    shared, graphs = _dataset(_RdflibTerms(), triples, lexicon, base, articles, run)
    dataset = Dataset()
    _bind(dataset, ns)
    dataset.default_graph.addN((*triple, dataset.default_graph) for triple in shared)
    for name, facts in graphs.items():
        if not facts:
            continue
        graph = dataset.graph(URIRef(name))
        graph.addN((*triple, graph) for triple in facts)
    return dataset


def triples_to_quads(
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """The triples of :func:`triples_to_dataset` in pyoxigraph terms, for a store: no rdflib graph is built.

    Returns:
        The default graph's triples, and each named graph's (by its IRI) — an article's named
        graph is there, maybe empty, for every article given, with or without facts.
    """
    shared, graphs = _dataset(_OxigraphTerms(), triples, lexicon, base, articles, run)
    # A graph holds each triple once, as the rdflib graph would.
    return list(dict.fromkeys(shared)), {name: list(dict.fromkeys(facts)) for name, facts in graphs.items()}


def triples_to_terms(
    triples: Sequence[Triple],
    lexicon: Lexicon,
    *,
    base: str = DEFAULT_BASE,
    articles: Iterable[Article] = (),
    run: ExtractionRun | None = None,
    one_graph: bool = True,
) -> tuple[Iterator[tuple], Iterator[tuple[str, Iterator[tuple]]]]:
    """The triples of :func:`triples_to_dataset` as plain terms, made lazily, for a streaming writer.

    An IRI is a ``str``, a literal a ``(value, language, datatype IRI)`` tuple. Nothing is
    collected: the default graph's triples may repeat (a writer groups and deduplicates them),
    and so may an article's; with ``one_graph`` (one graph for everything, as Turtle writes),
    a fact asserted by an earlier article is not asserted again.

    Returns:
        The default graph's triples, and each article's named-graph IRI with its triples.
    """
    return _parts(_TextTerms(), triples, lexicon, base, articles, run, asserted=set() if one_graph else None)


class _Terms:
    """Makes the mapping's terms in one library's classes, each IRI and literal once."""

    def __init__(self) -> None:
        self._seen: dict[tuple, Any] = {}

    def iri(self, value: str) -> Any:
        term = self._seen.get((value,))
        if term is None:
            term = self._seen[(value,)] = self._new_iri(value)
        return term

    def literal(self, value: str, *, lang: str | None = None, datatype: str | None = None) -> Any:
        key = (value, lang, datatype)
        term = self._seen.get(key)
        if term is None:
            term = self._seen[key] = self._new_literal(value, lang, None if datatype is None else self.iri(datatype))
        return term

    def _new_iri(self, value: str) -> Any:
        raise NotImplementedError

    def _new_literal(self, value: str, lang: str | None, datatype: Any) -> Any:
        raise NotImplementedError


class _RdflibTerms(_Terms):
    def _new_iri(self, value: str) -> Any:
        from rdflib import URIRef

        return URIRef(value)

    def _new_literal(self, value: str, lang: str | None, datatype: Any) -> Any:
        from rdflib import Literal

        return Literal(value, lang=lang, datatype=datatype)


class _TextTerms(_Terms):
    """Plain terms, made anew each time: a stream keeps no table of every term it wrote."""

    def iri(self, value: str) -> str:
        return str(value)

    def literal(self, value: str, *, lang: str | None = None, datatype: str | None = None) -> tuple:
        return value, lang, datatype


class _OxigraphTerms(_Terms):
    def _new_iri(self, value: str) -> Any:
        from pyoxigraph import NamedNode

        return NamedNode(value)

    def _new_literal(self, value: str, lang: str | None, datatype: Any) -> Any:
        from pyoxigraph import Literal

        if lang is not None:
            return Literal(value, language=lang)
        return Literal(value) if datatype is None else Literal(value, datatype=datatype)


def _dataset(
    terms, triples: Sequence[Triple], lexicon: Lexicon, base: str, articles: Iterable[Article], run
) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """The default graph's triples and each article's named graph, in ``terms``, collected."""
    shared, graphs = _parts(terms, triples, lexicon, base, articles, run)
    return list(shared), {name: list(facts) for name, facts in graphs}


def _parts(
    terms,
    triples: Sequence[Triple],
    lexicon: Lexicon,
    base: str,
    articles: Iterable[Article],
    run,
    *,
    asserted: set[tuple] | None = None,
) -> tuple[Iterator[tuple], Iterator[tuple[str, Iterator[tuple]]]]:
    """The one RDF mapping, made lazily: the default graph's triples and each article's named graph.

    ``asserted`` collects the facts asserted so far, each asserted once; without it, once per article.
    """
    ns = Namespaces(base)
    articles = _articles(triples, articles)
    run = run or extraction_run(articles, base=base)
    by_article: dict[str, list[Triple]] = {article.id: [] for article in articles}
    for triple in triples:
        by_article[triple.article.id].append(triple)
    vocabulary = _Vocabulary(terms, ns)
    shared = _shared(terms, vocabulary, triples, lexicon, ns, articles, run)
    activity = terms.iri(ns.run[run.id])
    graphs = (
        (str(ns.doc[article_id]), _facts(terms, vocabulary, facts, ns, activity, asserted))
        for article_id, facts in by_article.items()
    )
    return shared, graphs


class _Vocabulary:
    """The fixed terms of the mapping, made once per graph by ``terms``."""

    def __init__(self, terms, ns: Namespaces):
        from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace

        prov, schema, kgo = Namespace(_PROV), Namespace(_SCHEMA), ns.kgo
        iri = terms.iri
        self.type, self.label, self.alt_label = iri(RDF.type), iri(RDFS.label), iri(SKOS.altLabel)
        self.sub_property, self.sub_class = iri(RDFS.subPropertyOf), iri(RDFS.subClassOf)
        self.object_property, self.owl_class = iri(OWL.ObjectProperty), iri(OWL.Class)
        self.notation = iri(SKOS.notation)
        self.subject, self.predicate, self.object = iri(RDF.subject), iri(RDF.predicate), iri(RDF.object)
        self.title, self.date, self.source = iri(DCTERMS.title), iri(DCTERMS.date), iri(DCTERMS.source)
        self.prov = {name: iri(prov[name]) for name in _PROV_TERMS}
        self.schema = {
            name: iri(schema[name])
            for name in ("SoftwareApplication", "softwareVersion", "value", "minValue", "maxValue", "unitText")
        }
        self.kgo = {name: iri(kgo[name]) for name in _KGO_TERMS}
        self.xsd = {name: str(XSD[name]) for name in ("date", "dateTime", "decimal", "integer", "boolean")}


_PROV_TERMS = (
    "Activity",
    "Entity",
    "SoftwareAgent",
    "startedAtTime",
    "used",
    "wasAssociatedWith",
    "wasDerivedFrom",
    "wasGeneratedBy",
)
_KGO_TERMS = (
    "Article",
    "Concept",
    "Extraction",
    "Statement",
    "attributedTo",
    "confidence",
    "dateText",
    "earliestDate",
    "extractionRule",
    "factDate",
    "hedged",
    "inClaim",
    "latestDate",
    "lemma",
    "modality",
    "negated",
    "objectEnd",
    "objectStart",
    "relatedTo",
    "relationText",
    "sentence",
    "sentenceIndex",
    "sentenceStart",
    "subjectEnd",
    "subjectStart",
)


def _articles(triples: Sequence[Triple], articles: Iterable[Article]) -> list[Article]:
    documents: dict[str, Article] = {a.id: a for a in articles}
    for triple in triples:
        documents.setdefault(triple.article.id, triple.article)
    return list(documents.values())


def _shared(
    terms,
    v: _Vocabulary,
    triples: Sequence[Triple],
    lexicon: Lexicon,
    ns: Namespaces,
    articles: list[Article],
    run: ExtractionRun,
) -> Iterator[tuple]:
    iri, literal = terms.iri, terms.literal
    entities: dict[str, Entity] = {}
    used_terms: set[str] = set()
    relation = str(ns.relation)
    for triple in triples:
        speaker = (triple.attributed_to,) if triple.attributed_to is not None else ()
        for entity in (triple.subject, triple.object, *speaker):
            entities[entity.id] = entity
        if triple.property.startswith(relation):
            prop = iri(triple.property)
            yield prop, v.type, v.object_property
            yield prop, v.label, literal(triple.property_label, lang="en")
            yield prop, v.sub_property, v.kgo["relatedTo"]
            yield prop, v.kgo["lemma"], literal(triple.property_label)
        else:
            used_terms.add(triple.property)
    # The ontology terms the graph uses travel with it (labels, super-properties and
    # super-classes, PLOVER codes), so that a store holding only this graph can still say
    # "awarded" or "attacked", find every ASSAULT, or know that a kgo:Country is a kgo:Entity.
    for term in sorted(used_terms):
        for ancestor in lexicon.ancestors(term):
            node = iri(ancestor)
            yield from _label(terms, v, node, ancestor, lexicon)
            for parent in lexicon.parents.get(ancestor, ()):
                yield node, v.sub_property, iri(parent)
                yield node, v.type, v.object_property
            if ancestor in lexicon.notations:
                yield node, v.notation, literal(lexicon.notations[ancestor])
    kinds = {entity.type for entity in entities.values()}
    if any(entity.concept for entity in entities.values()):
        kinds.add(KGO + "Concept")
    for kind in sorted(kinds):
        for ancestor in lexicon.class_ancestors(kind):
            node = iri(ancestor)
            yield node, v.type, v.owl_class
            yield from _label(terms, v, node, ancestor, lexicon)
            for parent in lexicon.class_parents.get(ancestor, ()):
                yield node, v.sub_class, iri(parent)
    for entity in entities.values():
        node = iri(ns.entity[entity.id])
        yield node, v.type, iri(entity.type)
        if entity.concept and KGO + "Concept" not in lexicon.class_ancestors(entity.type):
            yield node, v.type, v.kgo["Concept"]
        yield node, v.label, literal(entity.label, lang="en")
        if entity.amount is not None:
            yield from _amount(terms, v, node, entity.amount)
        for alias in sorted(entity.aliases):
            yield node, v.alt_label, literal(alias, lang="en")
    for article in articles:
        yield from _article(terms, v, article, ns)
    yield from _run(terms, v, run, articles, ns)


def decimal_text(number: Decimal) -> str:
    """A decimal in plain notation without trailing zeros: 3100000000, 0.5, 12.

    >>> decimal_text(Decimal("3.1") * 1000000000)
    '3100000000'
    """
    return f"{number.normalize():f}"


def _amount(terms, v: _Vocabulary, node, amount: Amount) -> Iterator[tuple]:
    """A quantity's value or range (schema:QuantitativeValue) and its unit as written."""
    for name, number in (("value", amount.value), ("minValue", amount.minimum), ("maxValue", amount.maximum)):
        if number is not None:
            text = decimal_text(number)  # in the canonical xsd:decimal form, as Turtle writes it back
            yield node, v.schema[name], terms.literal(text if "." in text else text + ".0", datatype=v.xsd["decimal"])
    if amount.unit:
        yield node, v.schema["unitText"], terms.literal(amount.unit)


def _label(terms, v: _Vocabulary, node, term: str, lexicon: Lexicon) -> Iterator[tuple]:
    # Terms of other vocabularies (schema:Person) keep their own labels; we do not invent one.
    if term in lexicon.labels or term.startswith(KGO):
        yield node, v.label, terms.literal(lexicon.label(term), lang="en")


def _run(terms, v: _Vocabulary, run: ExtractionRun, articles: Sequence[Article], ns: Namespaces) -> Iterator[tuple]:
    """The extraction activity (PROV-O): what ran, on what, and when if the caller said so."""
    iri, literal, prov = terms.iri, terms.literal, v.prov
    node = iri(ns.run[run.id])
    yield node, v.type, v.kgo["Extraction"]
    yield node, v.type, prov["Activity"]
    if run.started is not None:
        # rdflib's canonical form of the time (UTC as +00:00), which the files have always had.
        stamp = run.started.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()
        yield node, prov["startedAtTime"], literal(stamp, datatype=v.xsd["dateTime"])
    for article in articles:
        yield node, prov["used"], iri(ns.doc[article.id])
    software = [("kg", run.kg_version, prov["SoftwareAgent"], prov["wasAssociatedWith"])]
    if run.spacy_version:
        software.append(("spacy", run.spacy_version, prov["SoftwareAgent"], prov["wasAssociatedWith"]))
    if run.model:
        software.append((run.model, run.model_version, prov["Entity"], prov["used"]))
    for name, version, kind, link in software:
        agent = iri(ns.software[_SLUG.sub("-", name) + ("/" + _SLUG.sub("-", version) if version else "")])
        yield node, link, agent
        yield agent, v.type, kind
        yield agent, v.type, v.schema["SoftwareApplication"]
        yield agent, v.label, literal(name)
        if version:
            yield agent, v.schema["softwareVersion"], literal(version)


def _article(terms, v: _Vocabulary, article: Article, ns: Namespaces) -> Iterator[tuple]:
    node = terms.iri(ns.doc[article.id])
    yield node, v.type, v.kgo["Article"]
    if article.title:
        yield node, v.title, terms.literal(article.title, lang="en")
    if article.date is not None:
        yield node, v.date, terms.literal(article.date.isoformat(), datatype=v.xsd["date"])
    # A URL is a resource other data can point at; a file path is only a name.
    source = terms.iri(article.source) if _URL.match(article.source) else terms.literal(article.source)
    yield node, v.source, source


def statement_id(
    article_id: str,
    sentence_id: int,
    subject_id: str,
    prop: str,
    object_id: str,
    subject_start: int,
    object_start: int,
) -> str:
    """The id of a statement node: a digest of the fact (entity ids, property) and where it was read."""
    parts = (article_id, sentence_id, subject_id, prop, object_id, subject_start, object_start)
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _statement_id(triple: Triple) -> str:
    return statement_id(
        triple.article.id,
        triple.sentence_id,
        triple.subject.id,
        triple.property,
        triple.object.id,
        triple.subject_mention.start,
        triple.object_mention.start,
    )


def _facts(
    terms, v: _Vocabulary, triples: Sequence[Triple], ns: Namespaces, activity, asserted: set[tuple] | None
) -> Iterator[tuple]:
    iri, literal, kgo, xsd = terms.iri, terms.literal, v.kgo, v.xsd
    entity, statement, doc = str(ns.entity), str(ns.statement), str(ns.doc)

    def integer(number: int):
        return literal(str(number), datatype=xsd["integer"])

    def boolean(flag: bool):
        return literal("true" if flag else "false", datatype=xsd["boolean"])

    def date(day: dt.date):
        return literal(day.isoformat(), datatype=xsd["date"])

    described: set[str] = set()
    for triple in triples:
        subject, prop, obj = iri(entity + triple.subject.id), iri(triple.property), iri(entity + triple.object.id)
        key = _statement_id(triple)
        if key in described:
            # The same fact between the same mentions, found by a second pattern: the first
            # description stands, so the statement keeps one rule, confidence and date.
            continue
        described.add(key)
        if not triple.negated:
            fact = (triple.subject.id, triple.property, triple.object.id)
            if asserted is None or fact not in asserted:
                yield subject, prop, obj
            if asserted is not None:
                asserted.add(fact)
        node = iri(statement + key)
        yield node, v.type, kgo["Statement"]
        yield node, v.subject, subject
        yield node, v.predicate, prop
        yield node, v.object, obj
        yield node, v.prov["wasDerivedFrom"], iri(doc + triple.article.id)
        yield node, v.prov["wasGeneratedBy"], activity
        yield node, kgo["sentence"], literal(triple.sentence)
        yield node, kgo["sentenceIndex"], integer(triple.sentence_id)
        start = _sentence_start(triple)
        if start is not None:
            yield node, kgo["sentenceStart"], integer(start)
        yield node, kgo["relationText"], literal(triple.predicate.text)
        yield node, kgo["subjectStart"], integer(triple.subject_mention.start)
        yield node, kgo["subjectEnd"], integer(triple.subject_mention.end)
        yield node, kgo["objectStart"], integer(triple.object_mention.start)
        yield node, kgo["objectEnd"], integer(triple.object_mention.end)
        confidence = f"{Decimal(str(triple.confidence)):f}"
        yield node, kgo["confidence"], literal(confidence, datatype=xsd["decimal"])
        yield node, kgo["extractionRule"], literal(triple.rule)
        yield node, kgo["negated"], boolean(triple.negated)
        yield node, kgo["hedged"], boolean(triple.hedged)
        if triple.attributed_to is not None:
            yield node, kgo["attributedTo"], iri(entity + triple.attributed_to.id)
        if triple.claim is not None:
            yield node, kgo["inClaim"], iri(entity + triple.claim.id)
        if triple.modality is not None:
            yield node, kgo["modality"], literal(triple.modality)
        if triple.article.date is not None:  # the publication date, as on the article
            yield node, v.date, date(triple.article.date)
        if triple.when:
            yield node, kgo["dateText"], literal(triple.when)
            when = resolve_date(triple.when, triple.article.date)
            if when is not None:
                yield node, kgo["earliestDate"], date(when.earliest)
                yield node, kgo["latestDate"], date(when.latest)
                if when.day is not None:
                    yield node, kgo["factDate"], date(when.day)


def _sentence_start(triple: Triple) -> int | None:
    """Where the triple's sentence starts in its article's text, or ``None`` if it is not found there.

    With it, the mention offsets (article offsets) locate the mentions in the sentence.
    """
    text, sentence = triple.article.text, triple.sentence
    first = min(triple.subject_mention.start, triple.object_mention.start)
    last = max(triple.subject_mention.end, triple.object_mention.end)
    start = text.rfind(sentence, 0, first + len(sentence))
    return start if start >= 0 and start + len(sentence) >= last else None


def serialize(graph, fmt: str) -> bytes:
    """Serialise ``graph`` (a Graph or Dataset) in kg format ``fmt``."""
    return graph.serialize(format=FORMATS[fmt], encoding="utf-8")


def write_graph(data: bytes, path: str | Path) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    Raises:
        GraphError: the folder does not exist or is not writable.
    """
    with atomic_output(path) as stream:
        stream.write(data)


# Large writes: a stream of short lines costs one system call per megabyte.
_BUFFER = 1 << 20


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Any]:
    """A binary stream that becomes ``path`` when the block ends without an error.

    It writes to a temporary file in the same folder and renames it over ``path`` when
    complete (after an fsync), so a failed or interrupted write leaves ``path`` as it was.

    Raises:
        GraphError: the folder does not exist or is not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise GraphError(f"{target}: cannot write ({error.strerror or error})") from None
    try:
        # mkstemp makes the file private (0600); an output file gets the usual mode.
        os.fchmod(handle, _NEW_FILE_MODE & ~_umask())
        with os.fdopen(handle, "wb", buffering=_BUFFER) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        _fsync_folder(folder)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise GraphError(f"{target}: cannot write ({error.strerror or error})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_NEW_FILE_MODE = 0o666


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power loss right after it keeps the new file)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_graph(path: str | Path) -> Graph:
    """Parse a graph file; the format comes from its suffix (Turtle when unknown).

    Raises:
        GraphError: the file is missing or is not valid RDF in that format.
    """
    from rdflib import Dataset, Graph

    source = Path(path)
    if source.is_dir():
        raise GraphError(f"{source}: is a folder, not a graph file")
    if not source.is_file():
        raise GraphError(f"{source}: no such graph file")
    fmt = _SUFFIXES.get(source.suffix.lower(), "turtle")
    # Quads keep their named graphs; queries see the union of them.
    graph = Dataset(default_union=True) if fmt in _QUAD_FORMATS else Graph()
    try:
        graph.parse(source, format=FORMATS[fmt])
    except OSError as error:
        raise GraphError(f"{source}: cannot read ({error.strerror or error})") from None
    except Exception as error:  # rdflib's parsers raise many unrelated types for bad syntax
        message = " ".join(str(error).split())[:200] or type(error).__name__
        raise GraphError(f"{source}: not valid {fmt} ({message})") from None
    return graph
