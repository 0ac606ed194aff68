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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.dates import resolve_date
from kg.errors import GraphError, UsageError
from kg.ontology import KGO, Lexicon
from kg.types import Article, Entity, Triple

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "Namespaces",
    "ExtractionRun",
    "extraction_run",
    "parse_timestamp",
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
    articles = _articles(triples, articles)
    run = run or extraction_run(articles, base=base)
    graph = Graph()
    _bind(graph, ns)
    _add_shared(graph, triples, lexicon, ns, articles, run)
    _add_facts(graph, triples, ns, ns.run[run.id])
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
    from rdflib import Dataset

    ns = Namespaces(base)
    articles = _articles(triples, articles)
    run = run or extraction_run(articles, base=base)
    dataset = Dataset()
    _bind(dataset, ns)
    _add_shared(dataset.default_graph, triples, lexicon, ns, articles, run)
    by_article: dict[str, list[Triple]] = {}
    for triple in triples:
        by_article.setdefault(triple.article.id, []).append(triple)
    for article_id, article_triples in by_article.items():
        _add_facts(dataset.graph(ns.doc[article_id]), article_triples, ns, ns.run[run.id])
    return dataset


def _articles(triples: Sequence[Triple], articles: Iterable[Article]) -> list[Article]:
    documents: dict[str, Article] = {a.id: a for a in articles}
    for triple in triples:
        documents.setdefault(triple.article.id, triple.article)
    return list(documents.values())


def _add_shared(
    graph, triples: Sequence[Triple], lexicon: Lexicon, ns: Namespaces, articles: list[Article], run: ExtractionRun
) -> None:
    from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

    entities: dict[str, Entity] = {}
    used_terms: set[str] = set()
    for triple in triples:
        speaker = (triple.attributed_to,) if triple.attributed_to is not None else ()
        for entity in (triple.subject, triple.object, *speaker):
            entities[entity.id] = entity
        prop = URIRef(triple.property)
        if triple.property.startswith(str(ns.relation)):
            graph.add((prop, RDF.type, OWL.ObjectProperty))
            graph.add((prop, RDFS.label, Literal(triple.property_label, lang="en")))
            graph.add((prop, RDFS.subPropertyOf, ns.kgo.relatedTo))
            graph.add((prop, ns.kgo.lemma, Literal(triple.property_label)))
        else:
            used_terms.add(triple.property)
    # The ontology terms the graph uses travel with it (labels, super-properties and
    # super-classes, PLOVER codes), so that a store holding only this graph can still say
    # "awarded" or "attacked", find every ASSAULT, or know that a kgo:Country is a kgo:Entity.
    for term in sorted(used_terms):
        for ancestor in lexicon.ancestors(term):
            node = URIRef(ancestor)
            _add_label(graph, node, lexicon)
            for parent in lexicon.parents.get(ancestor, ()):
                graph.add((node, RDFS.subPropertyOf, URIRef(parent)))
                graph.add((node, RDF.type, OWL.ObjectProperty))
            if ancestor in lexicon.notations:
                graph.add((node, SKOS.notation, Literal(lexicon.notations[ancestor])))
    for kind in sorted({entity.type for entity in entities.values()}):
        for ancestor in lexicon.class_ancestors(kind):
            node = URIRef(ancestor)
            graph.add((node, RDF.type, OWL.Class))
            _add_label(graph, node, lexicon)
            for parent in lexicon.class_parents.get(ancestor, ()):
                graph.add((node, RDFS.subClassOf, URIRef(parent)))
    for entity in entities.values():
        node = ns.entity[entity.id]
        graph.add((node, RDF.type, URIRef(entity.type)))
        graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
        for alias in sorted(entity.aliases):
            graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
    for article in articles:
        _add_article(graph, article, ns)
    _add_run(graph, run, articles, ns)


def _add_label(graph, node, lexicon: Lexicon) -> None:
    from rdflib import RDFS, Literal

    # Terms of other vocabularies (schema:Person) keep their own labels; we do not invent one.
    if str(node) in lexicon.labels or str(node).startswith(KGO):
        graph.add((node, RDFS.label, Literal(lexicon.label(str(node)), lang="en")))


def _add_run(graph, run: ExtractionRun, articles: Sequence[Article], ns: Namespaces) -> None:
    """The extraction activity (PROV-O): what ran, on what, and when if the caller said so."""
    from rdflib import RDF, RDFS, XSD, Literal, Namespace

    prov, schema = Namespace(_PROV), Namespace(_SCHEMA)
    node = ns.run[run.id]
    graph.add((node, RDF.type, ns.kgo.Extraction))
    graph.add((node, RDF.type, prov.Activity))
    if run.started is not None:
        stamp = run.started.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        graph.add((node, prov.startedAtTime, Literal(stamp, datatype=XSD.dateTime)))
    for article in articles:
        graph.add((node, prov.used, ns.doc[article.id]))
    software = [("kg", run.kg_version, prov.SoftwareAgent, prov.wasAssociatedWith)]
    if run.spacy_version:
        software.append(("spacy", run.spacy_version, prov.SoftwareAgent, prov.wasAssociatedWith))
    if run.model:
        software.append((run.model, run.model_version, prov.Entity, prov.used))
    for name, version, kind, link in software:
        agent = ns.software[_SLUG.sub("-", name) + ("/" + _SLUG.sub("-", version) if version else "")]
        graph.add((node, link, agent))
        graph.add((agent, RDF.type, kind))
        graph.add((agent, RDF.type, schema.SoftwareApplication))
        graph.add((agent, RDFS.label, Literal(name)))
        if version:
            graph.add((agent, schema.softwareVersion, Literal(version)))


def _add_article(graph, article: Article, ns: Namespaces) -> None:
    from rdflib import DCTERMS, RDF, XSD, Literal, URIRef

    node = ns.doc[article.id]
    graph.add((node, RDF.type, ns.kgo.Article))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title, lang="en")))
    if article.date is not None:
        graph.add((node, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
    # A URL is a resource other data can point at; a file path is only a name.
    source = URIRef(article.source) if _URL.match(article.source) else Literal(article.source)
    graph.add((node, DCTERMS.source, source))


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


def _add_facts(graph, triples: Sequence[Triple], ns: Namespaces, activity) -> None:
    from rdflib import DCTERMS, RDF, XSD, Literal, Namespace, URIRef

    prov = Namespace(_PROV)
    described: set[str] = set()
    for triple in triples:
        subject, prop, obj = ns.entity[triple.subject.id], URIRef(triple.property), ns.entity[triple.object.id]
        key = _statement_id(triple)
        if key in described:
            # The same fact between the same mentions, found by a second pattern: the first
            # description stands, so the statement keeps one rule, confidence and date.
            continue
        described.add(key)
        if not triple.negated:
            graph.add((subject, prop, obj))
        node = ns.statement[key]
        facts = [
            (RDF.type, ns.kgo.Statement),
            (RDF.subject, subject),
            (RDF.predicate, prop),
            (RDF.object, obj),
            (prov.wasDerivedFrom, ns.doc[triple.article.id]),
            (prov.wasGeneratedBy, activity),
            (ns.kgo.sentence, Literal(triple.sentence)),
            (ns.kgo.sentenceIndex, Literal(triple.sentence_id)),
            (ns.kgo.relationText, Literal(triple.predicate.text)),
            (ns.kgo.subjectStart, Literal(triple.subject_mention.start)),
            (ns.kgo.subjectEnd, Literal(triple.subject_mention.end)),
            (ns.kgo.objectStart, Literal(triple.object_mention.start)),
            (ns.kgo.objectEnd, Literal(triple.object_mention.end)),
            (ns.kgo.confidence, Literal(Decimal(str(triple.confidence)), datatype=XSD.decimal)),
            (ns.kgo.extractionRule, Literal(triple.rule)),
            (ns.kgo.negated, Literal(bool(triple.negated))),
            (ns.kgo.hedged, Literal(bool(triple.hedged))),
        ]
        if triple.attributed_to is not None:
            facts.append((ns.kgo.attributedTo, ns.entity[triple.attributed_to.id]))
        if triple.article.date is not None:  # the publication date, as on the article
            facts.append((DCTERMS.date, Literal(triple.article.date.isoformat(), datatype=XSD.date)))
        if triple.when:
            facts.append((ns.kgo.dateText, Literal(triple.when)))
            when = resolve_date(triple.when, triple.article.date)
            if when is not None:
                facts.append((ns.kgo.earliestDate, Literal(when.earliest.isoformat(), datatype=XSD.date)))
                facts.append((ns.kgo.latestDate, Literal(when.latest.isoformat(), datatype=XSD.date)))
                if when.day is not None:
                    facts.append((ns.kgo.factDate, Literal(when.day.isoformat(), datatype=XSD.date)))
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
            # mkstemp makes the file private (0600); an output file gets the usual mode.
            os.fchmod(handle, _NEW_FILE_MODE & ~_umask())
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
            _fsync_folder(folder)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise GraphError(f"{target}: cannot write ({error.strerror or error})") from None


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
