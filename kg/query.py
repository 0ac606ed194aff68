"""Run SPARQL over a graph: values bound with ``initBindings``, results as plain rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.ontology import KGO

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["QueryResult", "PREFIXES", "run_query"]

# Prefixes every query may use without declaring them.
PREFIXES = {
    "kgo": KGO,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (values as strings, ``None`` when unbound), or the answer of an ASK."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None = None


def run_query(graph: Graph, sparql: str, *, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a read-only SPARQL query (SELECT or ASK) over ``graph``.

    Raises:
        QueryError: the query does not parse, is not SELECT/ASK, or fails to evaluate.

    Example:
        >>> from rdflib import Graph
        >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
        False
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as error:  # pyparsing and rdflib raise several types for bad SPARQL
        raise QueryError(f"SPARQL syntax error: {_one_line(error)}") from None
    if prepared.algebra.name not in ("SelectQuery", "AskQuery"):
        raise QueryError("only SELECT and ASK queries are supported")
    try:
        result = graph.query(prepared, initBindings=dict(bindings or {}))
    except Exception as error:  # evaluation errors come from rdflib's internals
        raise QueryError(f"query failed: {_one_line(error)}") from None
    if result.type == "ASK":
        return QueryResult((), (), bool(result.askAnswer))
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(None if value is None else str(value) for value in row) for row in result)
    return QueryResult(columns, rows)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__
