"""The Python API: each function runs the stages of the data flow up to its product.

>>> import kg
>>> triples = kg.extract(["examples/sample-article.txt"])          # doctest: +SKIP
>>> graph = kg.build(["examples/sample-article.txt"], output="out/graph.ttl")  # doctest: +SKIP
>>> kg.build_file(["examples/sample-article.txt"], "out/graph.ttl")       # doctest: +SKIP
>>> kg.query(graph, "SELECT ?s WHERE { ?s a kgo:Person }").rows    # doctest: +SKIP
>>> kg.centrality(graph, top=5)                                    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from kg.analysis import EXACT_LIMIT, MEASURES, SAMPLE_SIZE, SEED, Filters, Ranking, project, read_facts, select
from kg.analysis import rank as _rank
from kg.documents import read_articles
from kg.entities import resolve_triples, scope_concepts
from kg.errors import InputError
from kg.nlp import DEFAULT_MODEL, LONG_LINE, load_pipeline, paragraphs
from kg.ontology import load_lexicon
from kg.rdf import (
    DEFAULT_BASE,
    Namespaces,
    decimal_text,
    extraction_run,
    format_for,
    read_graph,
    serialize,
    triples_to_dataset,
    triples_to_graph,
    write_graph,
)
from kg.rdf_stream import STREAM_FORMATS, write_file
from kg.sparql import QueryResult, offline, run_query
from kg.store import StoreLoad, is_remote, is_store
from kg.types import Article, Triple

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.progress import Progress
    from kg.shacl import ValidationReport

__all__ = [
    "extract",
    "extract_open",
    "build",
    "build_file",
    "build_store",
    "query",
    "centrality",
    "rank",
    "windows",
    "trends",
    "structure",
    "ego",
    "report",
    "triple_record",
    "named_query",
    "validate",
    "export",
    "load_graph",
]


def extract(
    inputs: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
    skipped: list[InputError] | None = None,
    jobs: int = 1,
) -> list[Triple]:
    """Read articles, parse them and return their facts as triples between merged entities.

    With ``skipped`` (a list), bad files and JSONL lines are skipped and recorded there.
    ``jobs`` worker processes do the parsing and extraction (see :mod:`kg.parallel`); the
    triples are the same either way.

    Raises:
        KGError: an input cannot be read, or the model or ontology cannot be loaded.
    """
    articles = list(read_articles(inputs, skipped=skipped))
    return _extract(articles, model=model, ontology=ontology, base=base, jobs=jobs)


def _extract(
    articles: list[Article],
    *,
    model: str,
    ontology: Sequence[str | Path],
    base: str,
    jobs: int = 1,
    dask: str | None = None,
    progress: Progress | None = None,
) -> list[Triple]:
    from kg.parallel import extract_batches

    facts = []
    for batch in extract_batches(articles, model=model, ontology=ontology, jobs=jobs, dask=dask):
        # Concepts are scoped to their article now, while the next batches are parsed.
        facts += [(item.article, scope_concepts(item.article, item.facts)) for item in batch]
        if progress is not None:
            progress.advance(len(batch), sum(item.sentences for item in batch))
    # Read (or taken from the cache) only now: with one job, it is read while the first batches are parsed.
    return resolve_triples(facts, load_lexicon(ontology), base=base, scoped=True)


def extract_open(
    inputs: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 256,
    skipped: list[InputError] | None = None,
) -> Iterator[dict[str, object]]:
    """Open-IE mode: every relation of every line, as JSONL records with arguments as written.

    Each line is an independent sentence (no resolution across lines, pronouns kept);
    offsets are character offsets in the line. ``object`` is ``None`` for a relation
    without one; ``arguments`` lists all argument texts, subject first.
    """
    from kg.extraction.openie import open_tuples

    nlp = load_pipeline(model)

    def lines() -> Iterator[tuple[str, tuple[str, int, int]]]:
        for article in read_articles(inputs, skipped=skipped):
            for number, (_, line) in enumerate(paragraphs(article.text)):
                # A very long line is parsed in pieces; offsets stay relative to the line.
                for start, piece in paragraphs(line, limit=LONG_LINE):
                    yield piece, (article.id, number, start)

    for doc, (doc_id, number, start) in nlp.pipe(lines(), as_tuples=True, batch_size=batch_size):
        for found in open_tuples(doc[:]):
            subject, obj = found.arguments[0], (found.arguments[1] if len(found.arguments) > 1 else None)
            yield {
                "doc": doc_id,
                "sentence_id": number,
                "sentence": doc.text,
                "subject": _open_argument(subject, start),
                "predicate": {"id": None, "label": found.relation, "lemma": None, "text": found.relation},
                "object": _open_argument(obj, start) if obj is not None else None,
                "arguments": [a.text for a in found.arguments],
                "confidence": found.confidence,
                "date": None,
                "rule": found.rule,
                "negated": found.negated,
            }


def _open_argument(argument, offset: int) -> dict[str, object]:
    return {
        "id": None,
        "label": argument.text,
        "type": None,
        "text": argument.text,
        "start": offset + argument.start,
        "end": offset + argument.end,
    }


def triple_record(triple: Triple, *, base: str = DEFAULT_BASE) -> dict[str, object]:
    """The JSONL record of a triple (the ``kg extract --format jsonl`` schema of DESIGN.md)."""
    ns = Namespaces(base)

    def argument(entity, mention) -> dict[str, object]:
        record = {
            "id": str(ns.entity[entity.id]),
            "label": entity.label,
            "type": entity.type.rsplit("#", 1)[-1],
            "text": mention.text,
            "start": mention.start,
            "end": mention.end,
            "phrase": mention.phrase if mention.phrase is not None else mention.text,
            "phrase_start": mention.phrase_start if mention.phrase is not None else mention.start,
            "phrase_end": mention.phrase_end if mention.phrase is not None else mention.end,
        }
        if entity.amount is not None:
            amount = entity.amount
            if amount.value is not None:
                record["literal"] = decimal_text(amount.value)
            elif amount.maximum is None:  # "thousands of people": at least two thousand
                record["literal"] = f"≥{decimal_text(amount.minimum)}"
            else:
                record["literal"] = f"{decimal_text(amount.minimum)}–{decimal_text(amount.maximum)}"
            record["datatype"] = "http://www.w3.org/2001/XMLSchema#decimal"
            record["unit"] = amount.unit
        return record

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
        "fact_date": _fact_date(triple),
        "attributed_to": str(ns.entity[triple.attributed_to.id]) if triple.attributed_to else None,
        "claim": str(ns.entity[triple.claim.id]) if triple.claim else None,
        "modality": triple.modality,
    }


def _fact_date(triple: Triple) -> str | None:
    """The day ``when`` names, resolved against the article date (``kgo:factDate`` in the graph)."""
    from kg.dates import resolve_date

    resolved = resolve_date(triple.when, triple.article.date)
    return resolved.day.isoformat() if resolved is not None and resolved.day is not None else None


def build(
    inputs: Iterable[str | Path],
    *,
    output: str | Path | None = None,
    format: str | None = None,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
    skipped: list[InputError] | None = None,
    timestamp: dt.datetime | None = None,
    jobs: int = 1,
    dask: str | None = None,
    progress: bool = False,
) -> Graph:
    """Build the RDF graph of the articles in ``inputs``; write it to ``output`` when given.

    The format is ``format`` if given, else the output's suffix, else Turtle. TriG and
    N-Quads put each article's facts in a named graph of its own. The output is written
    to a temporary file and renamed, so a failed or interrupted build leaves an existing
    file as it was. With ``skipped`` (a list), bad inputs are skipped and recorded there.
    ``timestamp`` is recorded as the extraction activity's ``prov:startedAtTime``; without
    it the same inputs give the same bytes. ``jobs`` worker processes, or the Dask scheduler
    at ``dask``, do the parsing and extraction (see :mod:`kg.parallel`); the graph is the
    same either way. ``progress`` shows a progress bar on a terminal's stderr.

    Raises:
        KGError: bad input, model, ontology or format, or the output cannot be written.
    """
    fmt = format_for(output, format)
    articles, triples, run = _built(inputs, model, ontology, base, skipped, timestamp, jobs, dask, progress)
    lexicon = load_lexicon(ontology)
    if output is not None and fmt in STREAM_FORMATS:  # the bytes build_file writes
        write_file(output, triples, lexicon, fmt=fmt, base=base, articles=articles, run=run)
    make = triples_to_dataset if fmt in ("trig", "nquads") else triples_to_graph
    graph = make(triples, lexicon, base=base, articles=articles, run=run)
    if output is not None and fmt not in STREAM_FORMATS:
        write_graph(serialize(graph, fmt), output)
    return graph


def build_file(
    inputs: Iterable[str | Path],
    output: str | Path,
    *,
    format: str | None = None,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
    skipped: list[InputError] | None = None,
    timestamp: dt.datetime | None = None,
    jobs: int = 1,
    dask: str | None = None,
    progress: bool = False,
) -> int:
    """Build the RDF graph of the articles in ``inputs`` and write it to ``output``; return its number of triples.

    The file is the one :func:`build` writes, byte for byte, but no rdflib graph is made for
    Turtle, N-Triples and N-Quads: they are written as the terms are made (see
    :mod:`kg.rdf_stream`), so memory holds the extracted facts and not the graph. TriG and
    JSON-LD are serialised by rdflib. Options as for :func:`build`.

    Raises:
        KGError: bad input, model, ontology or format, or the output cannot be written.
    """
    fmt = format_for(output, format)
    articles, triples, run = _built(inputs, model, ontology, base, skipped, timestamp, jobs, dask, progress)
    return write_file(output, triples, load_lexicon(ontology), fmt=fmt, base=base, articles=articles, run=run)


def _built(inputs, model, ontology, base, skipped, timestamp, jobs, dask, progress):
    """The articles of ``inputs``, their triples and the extraction activity that read them."""
    from kg.progress import progress as progress_bar

    articles = list(read_articles(inputs, skipped=skipped))
    with progress_bar(enabled=progress, total=len(articles)) as bar:
        triples = _extract(articles, model=model, ontology=ontology, base=base, jobs=jobs, dask=dask, progress=bar)
    run = extraction_run(
        articles, model_meta=load_pipeline(model).meta, ontology=ontology, base=base, started=timestamp
    )
    return articles, triples, run


def build_store(
    inputs: Iterable[str | Path],
    store: str | Path,
    *,
    model: str = DEFAULT_MODEL,
    ontology: Sequence[str | Path] = (),
    base: str = DEFAULT_BASE,
    skipped: list[InputError] | None = None,
    timestamp: dt.datetime | None = None,
    jobs: int = 1,
    dask: str | None = None,
    progress: bool = False,
) -> StoreLoad:
    """Add the articles in ``inputs`` to a store: an Oxigraph folder (created if new) or a SPARQL endpoint URL.

    Articles stream through in batches, so memory stays flat however many there are; each
    batch is resolved against the people already stored and written before the next (see
    :mod:`kg.store`). Adding an article again leaves the store as it was. ``jobs``,
    ``dask`` and ``progress`` work as for :func:`build`.

    Raises:
        KGError: bad input, model or ontology, or the store cannot be opened or written.
    """
    from kg.parallel import extract_batches
    from kg.progress import progress as progress_bar
    from kg.store import add_batches, open_store

    articles = read_articles(inputs, skipped=skipped)
    first = next(articles)  # a bad first input fails before a store is created
    batches = extract_batches(chain([first], articles), model=model, ontology=ontology, jobs=jobs, dask=dask)
    lexicon = load_lexicon(ontology)
    meta = load_pipeline(model).meta
    target = open_store(store, create=True)
    try:
        with progress_bar(enabled=progress) as bar:
            return add_batches(
                batches, target, lexicon, base=base, model_meta=meta, ontology=ontology, started=timestamp, progress=bar
            )
    finally:
        target.close()


def _graph(graph: Graph | str | Path) -> Graph:
    """A graph file's or a store's triples as an rdflib graph (a store is read whole, for the analysis)."""
    if is_store(graph):
        from kg.store import open_store

        return open_store(graph).to_graph()
    return read_graph(graph) if isinstance(graph, (str, Path)) else graph


def query(
    graph: Graph | str | Path,
    sparql: str,
    *,
    bindings: Mapping[str, object] | None = None,
    limit: int | None = None,
    timeout: float | None = None,
    allow_remote: bool = False,
) -> QueryResult:
    """Run a read-only SELECT or ASK query over a graph or graph file (``kgo:``, ``rdfs:`` ... predeclared).

    Nothing is fetched from the network, while reading the file or running the query,
    unless ``allow_remote``; see :func:`kg.sparql.run_query` for ``limit`` and ``timeout``.
    A store (an Oxigraph folder or a SPARQL endpoint URL) runs the query itself (see
    :meth:`kg.store.LocalStore.query`).
    """
    if is_store(graph):
        from kg.store import open_store

        return open_store(graph).query(
            sparql, bindings=bindings, limit=limit, timeout=timeout, allow_remote=allow_remote
        )
    with nullcontext() if allow_remote else offline():
        loaded = _graph(graph)
    return run_query(loaded, sparql, bindings=bindings, limit=limit, timeout=timeout, allow_remote=allow_remote)


# Analysis: every function below reads a graph or graph file offline and takes `filters`
# (kg.analysis.Filters: entity types, relation families, date range, minimum confidence).


def load_graph(graph: Graph | str | Path) -> Graph:
    """A graph file or store (read whole) as an rdflib graph, read offline (a store URL is asked, nothing else).

    Raises:
        KGError: the file is missing or malformed, or the store cannot be read.
    """
    # A store URL is the one place the user asked us to reach; nothing else is fetched.
    with nullcontext() if is_remote(graph) else offline():
        return _graph(graph)


def rank(
    graph: Graph | str | Path,
    *,
    measures: Sequence[str] = MEASURES,
    top: int | None = None,
    filters: Filters | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> Ranking:
    """Rank the entities by centrality; the :class:`kg.analysis.Ranking` also says how path measures were computed.

    Raises:
        KGError: an unreadable graph, an unknown measure, or a filter the graph cannot satisfy.
    """
    projection = project(load_graph(graph), filters=filters)
    return _rank(projection, measures=measures, top=top, exact_limit=exact_limit, sample_size=sample_size, seed=seed)


def centrality(
    graph: Graph | str | Path,
    *,
    measures: Sequence[str] = MEASURES,
    top: int | None = None,
    filters: Filters | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[dict[str, object]]:
    """Rank the entities of a graph or graph file by centrality (see :func:`kg.analysis.rank`)."""
    options = {"exact_limit": exact_limit, "sample_size": sample_size, "seed": seed}
    return rank(graph, measures=measures, top=top, filters=filters, **options).rows


def _facts(graph: Graph | str | Path, filters: Filters | None):
    """The graph's facts, read once offline and narrowed by ``filters``."""
    return select(read_facts(load_graph(graph)), filters)


def windows(
    graph: Graph | str | Path,
    *,
    window: str = "week",
    measures: Sequence[str] = MEASURES,
    top: int | None = None,
    filters: Filters | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[dict[str, object]]:
    """The ``top`` entities of each week or month by centrality (see :func:`kg.timeline.window_rows`)."""
    from kg.timeline import rank_windows, window_rows

    base = _facts(graph, filters)
    options = {"exact_limit": exact_limit, "sample_size": sample_size, "seed": seed}
    return window_rows(rank_windows(base, window=window, measures=measures, **options), top=top)


def trends(
    graph: Graph | str | Path,
    *,
    window: str = "week",
    measure: str = "pagerank",
    top: int = 5,
    filters: Filters | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[dict[str, object]]:
    """Who rises and who falls by ``measure`` between consecutive windows (see :func:`kg.timeline.changes`)."""
    from kg.timeline import changes, rank_windows

    base = _facts(graph, filters)
    options = {"exact_limit": exact_limit, "sample_size": sample_size, "seed": seed}
    return changes(rank_windows(base, window=window, measures=[measure], **options), measure=measure, top=top)


def structure(
    graph: Graph | str | Path, *, filters: Filters | None = None, seed: int = SEED, resolution: float = 1.0
) -> list[dict[str, object]]:
    """Each entity's Louvain community, connected component and core number (see :func:`kg.communities.memberships`)."""
    from kg.communities import memberships

    return memberships(project(load_graph(graph), filters=filters), seed=seed, resolution=resolution)


def ego(
    graph: Graph | str | Path, entity: str, *, radius: int = 1, filters: Filters | None = None
) -> dict[str, object]:
    """The ego network of ``entity`` (IRI, label or alias): ``center``, ``radius``, ``nodes`` and ``edges`` rows.

    Raises:
        UsageError: no entity, or several, have that name; ``radius`` is negative.
    """
    from kg.communities import ego as ego_network
    from kg.communities import find_entity

    projection = project(load_graph(graph), filters=filters)
    center = find_entity(projection, entity)
    network = ego_network(projection, center, radius=radius)
    nodes = sorted(network.nodes(data=True), key=lambda item: (item[1]["distance"], str(item[1]["label"])))
    return {
        "center": {"id": center, "label": projection.nodes[center]["label"], "type": projection.nodes[center]["type"]},
        "radius": radius,
        "nodes": [{"distance": d["distance"], "label": d["label"], "type": d["type"], "id": node} for node, d in nodes],
        "edges": [
            {
                "subject": network.nodes[s]["label"],
                "relations": ", ".join(d["relations"]),
                "object": network.nodes[o]["label"],
                "weight": d["weight"],
                "subject_id": s,
                "object_id": o,
            }
            for s, o, d in sorted(network.edges(data=True), key=lambda e: (e[0], e[1]))
        ],
    }


def report(
    graph: Graph | str | Path,
    output: str | Path,
    *,
    format: str | None = None,
    filters: Filters | None = None,
    top: int = 10,
    window: str = "week",
    colour_by: str = "community",
    title: str | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[Path]:
    """Write the analyst's report: one self-contained HTML file, or Markdown with its figures beside it.

    The format is ``format`` if given, else ``markdown`` for a ``.md`` output, else ``html``.
    Returns the files written (see :func:`kg.summary.summarize` and :func:`kg.render.write_report`).

    Raises:
        KGError: an unreadable graph, a bad option or filter, or an output that cannot be written.
    """
    from kg.render import report_format, write_report
    from kg.summary import summarize

    report_format(output, format)  # reject a bad format before the analysis
    summary = summarize(
        load_graph(graph),
        filters=filters,
        top=top,
        window=window,
        colour_by=colour_by,
        title=title,
        exact_limit=exact_limit,
        sample_size=sample_size,
        seed=seed,
    )
    return write_report(summary, output, format=format, seed=seed)


# Ontology and exchange: named queries, SHACL validation, GraphML/GEXF export.


def named_query(
    graph: Graph | str | Path, name: str, values: Mapping[str, str] | None = None, *, limit: int | None = None
) -> QueryResult:
    """Run the named query ``name`` (``ontology/queries/<name>.rq``) with ``values`` bound via ``initBindings``.

    Raises:
        KGError: an unreadable graph, an unknown query or parameter, or a missing required value.
    """
    from kg.named_queries import named_query as find_query
    from kg.named_queries import run_named_query

    if is_store(graph):
        found = find_query(name)
        return query(graph, found.text, bindings=found.bindings(values or {}), limit=limit)
    return run_named_query(load_graph(graph), name, values, limit=limit)


def validate(
    graph: Graph | str | Path, *, ontology: Sequence[str | Path] = (), reason: bool = False
) -> tuple[ValidationReport, list[str]]:
    """Check a graph against ``ontology/shapes.ttl`` (pySHACL); with ``reason``, also OWL 2 RL consistency.

    Returns the SHACL report and the reasoner's inconsistencies (empty unless ``reason``).

    Raises:
        KGError: an unreadable graph, shapes or ontology file.
    """
    from kg.shacl import inconsistencies
    from kg.shacl import validate as run_validate

    loaded = load_graph(graph)
    report = run_validate(loaded, ontology=ontology)
    return report, (inconsistencies(loaded, ontology=ontology) if reason else [])


def export(graph: Graph | str | Path, output: str | Path, *, format: str | None = None) -> str:
    """Write the entity projection (:func:`kg.analysis.project`) as GraphML or GEXF; return the format.

    The format is ``format`` if given, else the output's suffix (``.graphml``, ``.gexf``).

    Raises:
        KGError: an unreadable graph, an unknown format, or an output that cannot be written.
    """
    from kg.exchange import export_format, export_projection

    fmt = export_format(output, format)  # reject a bad format before reading the graph
    return export_projection(project(load_graph(graph)), output, format=fmt)
