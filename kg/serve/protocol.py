"""The SPARQL 1.1 Protocol's query operation over one graph: read-only, local, bounded.

:func:`answer` checks a query as ``kg query`` does (:func:`kg.sparql.check_read_only`:
no update, no ``SERVICE``, no remote ``FROM``), runs it in a worker process that is
killed after ``timeout`` seconds (:func:`kg.sparql.run_in_worker`), caps the rows (or
triples) at ``limit`` and serialises the result in the negotiated media type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.sparql import check_read_only, offline, run_in_worker

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "FORMATS", "Answer", "media_type", "answer"]

# Media types, best first, with the rdflib serialiser of each ("tsv" is ours).
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
# ``format=`` short names (for links, which cannot set an Accept header).
FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


@dataclass(frozen=True)
class Answer:
    """A serialised result: its bytes, media type and whether ``limit`` cut rows or triples off."""

    body: bytes
    media_type: str
    truncated: bool


def media_type(accept: str, *, graph: bool) -> str:
    """The media type to answer with, from an ``Accept`` header (a graph result, or rows).

    The first type the header names that we serve wins, in the client's order of ``q``
    values; ``*/*`` or nothing gives JSON results or Turtle.

    Example:
        >>> media_type("text/csv, application/json;q=0.9", graph=False)
        'text/csv'
        >>> media_type("application/sparql-results+json", graph=True)
        'text/turtle'
    """
    served = GRAPH_TYPES if graph else RESULT_TYPES
    weighted = []
    for position, part in enumerate(accept.split(",")):
        kind, *params = (p.strip() for p in part.split(";"))
        quality = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            weighted.append((-float(quality), position, kind.lower()))
        except ValueError:
            continue
    for _, _, kind in sorted(weighted):
        if kind in served:
            return kind
    return next(iter(served))


def answer(
    graph: Graph,
    sparql: str,
    *,
    accept: str = "",
    bindings: Mapping[str, object] | None = None,
    limit: int,
    timeout: float,
) -> Answer:
    """Run a read-only query over ``graph`` and serialise its result for a client that accepts ``accept``.

    Raises:
        QueryError: the query is malformed, an update, or reaches beyond the local graph.
        QueryFailedError: it failed while it ran.
        QueryTimeoutError: it ran longer than ``timeout`` seconds (its worker is killed).
    """
    prepared = check_read_only(sparql, graph)
    graph_result = prepared.algebra.name in ("ConstructQuery", "DescribeQuery")
    kind = media_type(accept, graph=graph_result)
    args = (graph, sparql, dict(bindings or {}), kind, limit)
    return run_in_worker(_serialize, args, timeout=timeout)


def _serialize(graph: Graph, sparql: str, bindings: dict[str, object], kind: str, limit: int) -> Answer:
    """In the worker: evaluate and serialise; rdflib's errors become :class:`~kg.errors.QueryFailedError`."""
    import rdflib.plugins.sparql as sparql_settings

    from kg.errors import QueryFailedError

    prepared = check_read_only(sparql, graph)
    sparql_settings.SPARQL_LOAD_GRAPHS = False  # this worker process only: FROM reads local graphs
    try:
        with offline():
            result = graph.query(prepared, initBindings=bindings)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return _graph_answer(result.graph, kind, limit)
            if result.type == "ASK":
                return _ask_answer(bool(result.askAnswer), kind)
            return _rows_answer(result, kind, limit)
    except QueryError:
        raise
    except Exception as error:  # evaluation errors come from rdflib's internals
        raise QueryFailedError(f"query failed: {' '.join(str(error).split())[:300]}") from None


def _graph_answer(found: Graph, kind: str, limit: int) -> Answer:
    from rdflib import Graph

    truncated = len(found) > limit
    if truncated:
        kept = Graph(namespace_manager=found.namespace_manager)
        kept += islice(found, limit)
        found = kept
    return Answer(found.serialize(format=GRAPH_TYPES[kind], encoding="utf-8"), kind, truncated)


def _ask_answer(value: bool, kind: str) -> Answer:
    if RESULT_TYPES[kind] in ("csv", "tsv"):
        return Answer(b"true\n" if value else b"false\n", kind, False)
    from rdflib.query import Result

    result = Result("ASK")
    result.askAnswer = value
    return Answer(result.serialize(format=RESULT_TYPES[kind]), kind, False)


def _rows_answer(result, kind: str, limit: int) -> Answer:
    rows = result.bindings
    truncated = len(rows) > limit
    if truncated:
        result.bindings = rows[:limit]
    if RESULT_TYPES[kind] == "tsv":
        return Answer(_tsv(result.vars, result.bindings), kind, truncated)
    return Answer(result.serialize(format=RESULT_TYPES[kind]), kind, truncated)


def _tsv(variables, rows) -> bytes:
    """SPARQL 1.1 TSV: ``?name`` headers, terms in Turtle syntax, tabs and newlines escaped."""

    def cell(term) -> str:
        return "" if term is None else term.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(cell(row.get(v)) for v in variables) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
