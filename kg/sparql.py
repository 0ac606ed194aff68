"""Run SPARQL over a graph: read-only, local, bounded; values bound with ``initBindings``.

A query may only read the graph it is given. SPARQL Update is refused; so are
``SERVICE`` clauses and ``FROM``/``FROM NAMED`` graphs that are not in the local data
(rdflib would fetch them over the network) unless ``allow_remote`` is set. The check
walks the parsed algebra, not the query text. ``timeout`` runs the query in a worker
process that is killed when time is up (a Python thread cannot be stopped); ``limit``
caps the rows.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError, QueryFailedError, QueryTimeoutError, UsageError
from kg.ontology import KGO

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "QueryResult",
    "PREFIXES",
    "QUERY_FORMS",
    "prepare_read_only",
    "check_read_only",
    "run_query",
    "run_in_worker",
    "offline",
]

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
# The four query forms of SPARQL 1.1, as rdflib names their algebra; kg query answers the first two.
QUERY_FORMS = ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery")
_REMOTE_HINT = "kg query only reads the local graph (pass --allow-remote to allow it)"
_OFFLINE = {"depth": 0, "hooked": False}


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (values as strings, ``None`` when unbound), or the answer of an ASK.

    ``truncated`` is true when ``limit`` cut off further rows.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None = None
    truncated: bool = False


def run_query(
    graph: Graph,
    sparql: str,
    *,
    bindings: Mapping[str, object] | None = None,
    limit: int | None = None,
    timeout: float | None = None,
    allow_remote: bool = False,
) -> QueryResult:
    """Run a read-only SPARQL query (SELECT or ASK) over ``graph``.

    Args:
        graph: an rdflib Graph or Dataset.
        sparql: the query; the prefixes of :data:`PREFIXES` are predeclared.
        bindings: values for variables, bound with ``initBindings`` (never pasted in).
        limit: return at most this many rows (``truncated`` says whether more existed).
        timeout: give up after this many seconds; the query then runs in a worker process.
        allow_remote: let ``SERVICE`` and ``FROM`` reach other endpoints and documents.

    Raises:
        QueryError: the query does not parse, is an update, is not SELECT/ASK, or would
            reach remote data without ``allow_remote``.
        QueryFailedError: it failed while it ran (exit code 1 in the CLI).
        QueryTimeoutError: it ran longer than ``timeout`` seconds (exit code 1).
        UsageError: ``limit`` or ``timeout`` is not positive.

    Example:
        >>> from rdflib import Graph
        >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
        False
    """
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    if timeout is not None and not timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout}")
    prepared = _prepare(sparql)
    if not allow_remote:
        _check_local(prepared, graph)
    if timeout is None:
        return _evaluate(graph, prepared, dict(bindings or {}), limit, allow_remote)
    return _evaluate_in_worker(graph, sparql, dict(bindings or {}), limit, allow_remote, timeout)


def _prepare(sparql: str, forms: tuple[str, ...] = QUERY_FORMS[:2]) -> Query:
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as error:  # pyparsing and rdflib raise several types for bad SPARQL
        update = _update_operation(sparql)
        if update is not None:
            raise QueryError(f"SPARQL Update ({update}) is not allowed: kg query is read-only") from None
        raise QueryError(f"SPARQL syntax error: {_one_line(error)}") from None
    if prepared.algebra.name not in forms:
        kind = prepared.algebra.name.removesuffix("Query").upper()
        allowed = " and ".join(", ".join(f.removesuffix("Query").upper() for f in forms).rsplit(", ", 1))
        raise QueryError(f"only {allowed} queries are supported, not {kind}")
    return prepared


def _update_operation(sparql: str) -> str | None:
    """The first operation of ``sparql`` if it parses as SPARQL Update ("DELETE WHERE"), else None."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(sparql)
    except Exception:  # not an update either: the caller reports the query's syntax error
        return None
    requests = dict.get(parsed, "request") or []
    if not requests:
        return None
    name = requests[0].name
    return "DELETE/INSERT" if name == "Modify" else " ".join(re.findall("[A-Z][a-z]*", name)).upper()


def prepare_read_only(sparql: str, *, allow_remote: bool = False) -> Query:
    """Parse a SELECT or ASK query, refusing updates, and ``SERVICE`` unless ``allow_remote``.

    Raises:
        QueryError: the query does not parse, is not SELECT/ASK, or would query a remote endpoint.
    """
    prepared = _prepare(sparql)
    if not allow_remote:
        _refuse_service(prepared)
    return prepared


def check_read_only(sparql: str, graph: Graph, *, forms: tuple[str, ...] = QUERY_FORMS) -> Query:
    """Parse a query of one of ``forms`` that only reads ``graph``: what ``run_query`` checks first.

    Raises:
        QueryError: the query does not parse, is an update or of another form, calls
            ``SERVICE``, or names a ``FROM`` graph that ``graph`` does not hold.
    """
    prepared = _prepare(sparql, forms)
    _check_local(prepared, graph)
    return prepared


def _refuse_service(prepared: Query) -> None:
    for node in _nodes(prepared.algebra):
        if node.name == "ServiceGraphPattern":
            target = dict.get(node, "term")
            raise QueryError(f"SERVICE {_n3(target)} would query a remote endpoint; {_REMOTE_HINT}")


def _check_local(prepared: Query, graph: Graph) -> None:
    """Refuse ``SERVICE`` anywhere in the algebra, and ``FROM`` graphs the local data does not hold."""
    _refuse_service(prepared)
    local = _graph_names(graph)
    # CompValue.get returns the key itself for a missing key, hence dict.get.
    for clause in dict.get(prepared.algebra, "datasetClause") or ():
        default = dict.get(clause, "default")
        keyword, iri = ("FROM", default) if default is not None else ("FROM NAMED", dict.get(clause, "named"))
        if iri not in local:
            raise QueryError(
                f"{keyword} {_n3(iri)} names no graph in the local data, and loading it would fetch "
                f"remote data; {_REMOTE_HINT}"
            )


def _nodes(root: Any) -> Iterator[Any]:
    """Every algebra node (rdflib ``CompValue``) under ``root``, expressions included."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [root], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _graph_names(graph: Graph) -> set[object]:
    graphs = getattr(graph, "graphs", None) or getattr(graph, "contexts", None)
    return {g.identifier for g in graphs()} if callable(graphs) else set()


def _n3(term: object) -> str:
    return term.n3() if hasattr(term, "n3") else str(term)


def _evaluate(
    graph: Graph, prepared: Query, bindings: dict[str, object], limit: int | None, allow_remote: bool
) -> QueryResult:
    import rdflib.plugins.sparql as sparql_settings

    guard = nullcontext() if allow_remote else offline()
    # rdflib loads FROM graphs it does not hold from the web; the local graphs it does
    # hold are used either way. A module setting: restored at once, and the worker
    # process of a timed query has its own.
    loading = sparql_settings.SPARQL_LOAD_GRAPHS
    sparql_settings.SPARQL_LOAD_GRAPHS = allow_remote
    try:
        with guard:
            result = graph.query(prepared, initBindings=bindings)
            if result.type == "ASK":
                return QueryResult((), (), bool(result.askAnswer))
            columns = tuple(str(v) for v in result.vars)
            rows = [tuple(None if v is None else str(v) for v in row) for row in _capped(result, limit)]
    except QueryError:
        raise
    except Exception as error:  # evaluation errors come from rdflib's internals
        raise QueryFailedError(f"query failed: {_one_line(error)}") from None
    finally:
        sparql_settings.SPARQL_LOAD_GRAPHS = loading
    truncated = limit is not None and len(rows) > limit
    return QueryResult(columns, tuple(rows[:limit] if truncated else rows), truncated=truncated)


def _capped(rows: Any, limit: int | None) -> Any:
    return rows if limit is None else islice(rows, limit + 1)


def _evaluate_in_worker(
    graph: Graph, sparql: str, bindings: dict[str, object], limit: int | None, allow_remote: bool, timeout: float
) -> QueryResult:
    return run_in_worker(_evaluate_prepared, (graph, sparql, bindings, limit, allow_remote), timeout=timeout)


def _evaluate_prepared(
    graph: Graph, sparql: str, bindings: dict[str, object], limit: int | None, allow_remote: bool
) -> QueryResult:
    return _evaluate(graph, _prepare(sparql), bindings, limit, allow_remote)


def run_in_worker(function: Callable[..., QueryResult], args: tuple, *, timeout: float) -> QueryResult:
    """Run ``function(*args)`` in a worker process and kill it after ``timeout`` seconds.

    A thread cannot be stopped, so a query with a time limit runs in a process; with fork
    (Linux) the worker shares the graph with its parent for free, elsewhere it is pickled.

    Raises:
        QueryTimeoutError: the worker did not answer in time (it is killed).
        QueryFailedError: the worker died.
        QueryError: what ``function`` raised.
    """
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(sender, function, args), name="kg-query", daemon=True)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # a forked worker flushes inherited buffers once more when it exits
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeoutError(f"query did not finish within the --timeout of {timeout:g} s; stopped it")
        try:
            status, payload = receiver.recv()
        except EOFError:
            worker.join()
            raise QueryFailedError(f"query failed: its worker process stopped (exit code {worker.exitcode})") from None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    if status == "error":
        raise payload
    return payload


def _worker(sender: Connection, function: Callable[..., QueryResult], args: tuple) -> None:
    import signal

    # The parent decides when to stop: Ctrl-C reaches the whole process group, and the
    # CLI's handlers (inherited through fork) would print here too.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        message: tuple[str, object] = ("ok", function(*args))
    except QueryError as error:
        message = ("error", error)
    sender.send(message)
    sender.close()


@contextmanager
def offline() -> Iterator[None]:
    """Refuse network access from this process inside the block: a last line of defence.

    The algebra check refuses ``SERVICE`` and remote ``FROM`` up front; this guard (a
    Python audit hook) also stops whatever else would open a URL or a TCP connection
    while a graph is read or a query runs, such as a JSON-LD file's remote ``@context``.

    Raises:
        QueryError: inside the block, when something tries to reach the network.
    """
    if not _OFFLINE["hooked"]:
        sys.addaudithook(_refuse_network)
        _OFFLINE["hooked"] = True
    _OFFLINE["depth"] += 1
    try:
        yield
    finally:
        _OFFLINE["depth"] -= 1


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if not _OFFLINE["depth"]:
        return
    if event == "urllib.Request":
        raise QueryError(f"refused to fetch {args[0]}; {_REMOTE_HINT}")
    # Unix sockets and pipes (multiprocessing) have string addresses; the network has tuples.
    if event == "socket.connect" and isinstance(args[1], tuple):
        raise QueryError(f"refused to connect to {args[1][0]} port {args[1][1]}; {_REMOTE_HINT}")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__
