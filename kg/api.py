"""The Python API: each function runs the stages of the data flow up to its product.

>>> import kg
>>> triples = kg.extract(["examples/sample-article.txt"])          # doctest: +SKIP
>>> graph = kg.build(["examples/sample-article.txt"], output="out/graph.ttl")  # doctest: +SKIP
>>> kg.query(graph, "SELECT ?s WHERE { ?s a kgo:Person }").rows    # doctest: +SKIP
>>> kg.centrality(graph, top=5)                                    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.analysis import MEASURES, project
from kg.analysis import centrality as _centrality
from kg.documents import read_articles
from kg.entities import resolve_triples
from kg.extraction import extract_article
from kg.nlp import DEFAULT_MODEL, load_pipeline, paragraphs, parse
from kg.ontology import load_lexicon
from kg.query import QueryResult, run_query
from kg.rdf import (
    DEFAULT_BASE,
    Namespaces,
    format_for,
    read_graph,
    serialize,
    triples_to_dataset,
    triples_to_graph,
    write_graph,
)
from kg.types import Article, Triple

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["extract", "extract_open", "build", "query", "centrality", "triple_record"]


def extract(
    inputs: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
) -> list[Triple]:
    """Read articles, parse them and return their facts as triples between merged entities.

    Raises:
        KGError: an input cannot be read, or the model or ontology cannot be loaded.
    """
    return _extract(list(read_articles(inputs)), model=model, ontology=ontology, base=base)


def _extract(articles: list[Article], *, model: str, ontology: Sequence[str | Path], base: str) -> list[Triple]:
    lexicon = load_lexicon(ontology)
    nlp = load_pipeline(model)
    facts = [(parsed.article, extract_article(parsed, lexicon)) for parsed in parse(articles, nlp)]
    return resolve_triples(facts, lexicon, base=base)


def extract_open(inputs: Iterable[str | Path], *, model: str = DEFAULT_MODEL,
                 batch_size: int = 256) -> Iterator[dict[str, object]]:
    """Open-IE mode: every relation of every line, as JSONL records with arguments as written.

    Each line is an independent sentence (no resolution across lines, pronouns kept);
    offsets are character offsets in the line. ``object`` is ``None`` for a relation
    without one; ``arguments`` lists all argument texts, subject first.
    """
    from kg.extraction.openie import open_tuples

    nlp = load_pipeline(model)

    def lines() -> Iterator[tuple[str, tuple[str, int]]]:
        for article in read_articles(inputs):
            for number, (_, line) in enumerate(paragraphs(article.text)):
                yield line, (article.id, number)

    for doc, (doc_id, number) in nlp.pipe(lines(), as_tuples=True, batch_size=batch_size):
        for found in open_tuples(doc[:]):
            subject, obj = found.arguments[0], (found.arguments[1] if len(found.arguments) > 1 else None)
            yield {
                "doc": doc_id,
                "sentence_id": number,
                "sentence": doc.text,
                "subject": _open_argument(subject),
                "predicate": {"id": None, "label": found.relation, "lemma": None, "text": found.relation},
                "object": _open_argument(obj) if obj is not None else None,
                "arguments": [a.text for a in found.arguments],
                "confidence": found.confidence,
                "date": None,
                "rule": found.rule,
                "negated": found.negated,
            }


def _open_argument(argument) -> dict[str, object]:
    return {"id": None, "label": argument.text, "type": None, "text": argument.text,
            "start": argument.start, "end": argument.end}


def triple_record(triple: Triple, *, base: str = DEFAULT_BASE) -> dict[str, object]:
    """The JSONL record of a triple (the ``kg extract --format jsonl`` schema of DESIGN.md)."""
    ns = Namespaces(base)

    def argument(entity, mention) -> dict[str, object]:
        return {
            "id": str(ns.entity[entity.id]),
            "label": entity.label,
            "type": entity.type.rsplit("#", 1)[-1],
            "text": mention.text,
            "start": mention.start,
            "end": mention.end,
        }

    return {
        "doc": triple.article.id,
        "sentence_id": triple.sentence_id,
        "sentence": triple.sentence,
        "subject": argument(triple.subject, triple.subject_mention),
        "predicate": {
            "id": triple.property,
            "label": triple.property_label,
            "lemma": triple.predicate.lemma,
            "text": triple.predicate.text,
        },
        "object": argument(triple.object, triple.object_mention),
        "confidence": triple.confidence,
        "date": triple.article.date.isoformat() if triple.article.date else None,
        "rule": triple.rule,
        "negated": triple.negated,
        "hedged": triple.hedged,
        "when": triple.when,
        "attributed_to": str(ns.entity[triple.attributed_to.id]) if triple.attributed_to else None,
    }


def build(
    inputs: Iterable[str | Path],
    *,
    output: str | Path | None = None,
    format: str | None = None,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
) -> Graph:
    """Build the RDF graph of the articles in ``inputs``; write it to ``output`` when given.

    The format is ``format`` if given, else the output's suffix, else Turtle. TriG and
    N-Quads put each article's facts in a named graph of its own.

    Raises:
        KGError: bad input, model, ontology or format, or the output cannot be written.
    """
    fmt = format_for(output, format)
    articles = list(read_articles(inputs))
    triples = _extract(articles, model=model, ontology=ontology, base=base)
    lexicon = load_lexicon(ontology)
    if fmt in ("trig", "nquads"):
        graph = triples_to_dataset(triples, lexicon, base=base, articles=articles)
    else:
        graph = triples_to_graph(triples, lexicon, base=base, articles=articles)
    if output is not None:
        write_graph(serialize(graph, fmt), output)
    return graph


def _graph(graph: Graph | str | Path) -> Graph:
    return read_graph(graph) if isinstance(graph, (str, Path)) else graph


def query(graph: Graph | str | Path, sparql: str, *, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a SELECT or ASK query over a graph or graph file (``kgo:``, ``rdfs:`` ... predeclared)."""
    return run_query(_graph(graph), sparql, bindings=bindings)


def centrality(
    graph: Graph | str | Path, *, measures: Sequence[str] = MEASURES, top: int | None = None
) -> list[dict[str, object]]:
    """Rank the entities of a graph or graph file by centrality (see :func:`kg.analysis.centrality`)."""
    return _centrality(project(_graph(graph)), measures=measures, top=top)
