"""Persistent and remote stores: an Oxigraph folder on disk, or any SPARQL 1.1 endpoint.

A store holds the graph of every article added to it, laid out so that adding is
incremental and idempotent:

- each article's facts and statement nodes are in a named graph of their own, the
  article's IRI (``<base>doc/<id>``), which an addition *replaces* (Oxigraph: one
  transaction; remote: a Graph Store Protocol ``PUT``);
- entities, articles, extraction activities and the ontology terms in use are in the
  default graph, which an addition only *adds to* (remote: a GSP ``POST``).

Article ids, statement ids and extraction activities are derived from the content (the
activity is per article: kg's version, the model and a digest of the article), and entity
ids are slugs of names, so adding the same article again leaves the store as it was.

Queries see the union of all graphs. ``kg query`` runs SPARQL in the store itself (fast on
millions of triples); the analysis commands load the store's triples into an rdflib graph,
as they do a file. A remote endpoint must serve the union of its named graphs as its default
graph (Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph``;
GraphDB and Virtuoso do by default); kg checks and says so when it does not.

A remote store is given as the dataset's URL. kg sends queries to ``URL/query`` and Graph
Store Protocol requests to ``URL/store`` (Oxigraph server's layout); ``?query=PATH&store=PATH``
names other paths under the URL, e.g. Fuseki ``http://host:3030/news?query=sparql&store=data``,
Virtuoso ``http://host:8890?query=sparql&store=sparql-graph-crud``, GraphDB
``http://host:7200/repositories/news?query=.&store=rdf-graphs/service`` (``.`` is the URL
itself). ``user:password@`` in the URL is sent as HTTP basic authentication.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

from kg.errors import GraphError, QueryError, QueryFailedError, QueryTimeoutError, UsageError
from kg.ontology import KGO
from kg.sparql import PREFIXES, QueryResult, prepare_read_only, run_in_worker

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.ontology import Lexicon
    from kg.parallel import Extracted
    from kg.progress import Progress

__all__ = [
    "LocalStore",
    "RemoteStore",
    "StoreLoad",
    "is_store",
    "is_remote",
    "open_store",
    "add_batches",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_HTTP_TIMEOUT = 60.0
# Quads written between two flushes of a store folder's write buffers (about nine batches).
FLUSH_QUADS = 100_000
_PEOPLE_QUERY = """SELECT DISTINCT ?label WHERE { ?person a ?class ; rdfs:label ?label }"""
_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
# Distinct triples over all graphs, whether or not the default graph is their union.
_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
)
# Is there a named graph, and does the default graph show one of its triples?
_UNION_PROBE = (
    "ASK { GRAPH ?g { ?s ?p ?o } }",
    "ASK { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } ?s ?p ?o }",
)


def is_remote(location: object) -> bool:
    """Whether ``location`` is an ``http://`` or ``https://`` URL."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def is_store(location: object) -> bool:
    """Whether ``location`` names a store: a URL, or a folder holding an Oxigraph database."""
    if is_remote(location):
        return True
    if not isinstance(location, (str, Path)):
        return False
    folder = Path(location)
    return folder.is_dir() and (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def open_store(location: str | Path, *, create: bool = False) -> LocalStore | RemoteStore:
    """Open the store at ``location``: a folder (Oxigraph) or an ``http(s)://`` URL (SPARQL endpoint).

    Args:
        location: the folder or the URL.
        create: make a new Oxigraph store when the folder does not exist or is empty, and
            open it for writing; otherwise a folder is opened read-only.

    Raises:
        GraphError: the folder is missing (without ``create``), is not an Oxigraph store, or
            cannot be opened (another process is writing to it).
    """
    if is_remote(location):
        return RemoteStore(str(location))
    folder = Path(location)
    if folder.exists() and not folder.is_dir():
        raise GraphError(f"{folder}: is a file, not a store folder")
    empty = not folder.exists() or not any(folder.iterdir())
    if empty and not create:
        raise GraphError(f"{folder}: no such store")
    if not empty and not is_store(folder):
        raise GraphError(f"{folder}: is a folder but not an Oxigraph store")
    return LocalStore(folder, writable=create)


@dataclass(frozen=True)
class StoreLoad:
    """What one addition did: the articles, sentences and statements added and the triples written.

    ``triples`` counts what was sent, before the store merged it with what it held.
    """

    location: str
    articles: int
    sentences: int
    statements: int
    triples: int


class _Store:
    """What both kinds of store share: SPARQL checks, bindings, and the batch layout."""

    location: str

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, object] | None = None,
        limit: int | None = None,
        timeout: float | None = None,
        allow_remote: bool = False,
    ) -> QueryResult:
        """Run a read-only SELECT or ASK query over the union of the store's graphs.

        Prefixes of :data:`kg.sparql.PREFIXES` are predeclared; ``bindings`` (rdflib terms or
        plain strings) become a ``VALUES`` block at the top of the ``WHERE`` group (the
        SPARQL 1.1 Protocol has no other way to send them), so a bound variable is visible
        to the group's patterns and filters.

        Raises:
            QueryError: the query does not parse, is an update, is not SELECT/ASK, or calls
                ``SERVICE`` without ``allow_remote``.
            QueryFailedError: the store failed while running it.
            QueryTimeoutError: it ran longer than ``timeout`` seconds.
            UsageError: ``limit`` or ``timeout`` is not positive.
        """
        if limit is not None and limit < 0:
            raise UsageError(f"--limit must be 0 or more, not {limit}")
        if timeout is not None and not timeout > 0:
            raise UsageError(f"--timeout must be a positive number of seconds, not {timeout}")
        _check(sparql, allow_remote=allow_remote)
        text = with_values(sparql, bindings or {})
        return self._select(text, limit=limit, timeout=timeout)

    def _select(self, sparql: str, *, limit: int | None, timeout: float | None) -> QueryResult:
        raise NotImplementedError

    def size(self) -> int:
        """The number of distinct triples over all graphs: the size of :meth:`to_graph`."""
        return int(self._select(_COUNT, limit=None, timeout=None).rows[0][0] or 0)

    def person_labels(self, person_class: str) -> set[str]:
        """The labels of every entity of class ``person_class`` (the lexicon's PERSON class)."""
        from rdflib import URIRef

        result = self._select(with_values(_PEOPLE_QUERY, {"class": URIRef(person_class)}), limit=None, timeout=None)
        return {row[0] for row in result.rows if row[0]}


class LocalStore(_Store):
    """An Oxigraph store in a folder (RocksDB): opened read-only unless ``writable``.

    Each :meth:`write` is one transaction, so a killed process leaves the store as it was
    before the batch (RocksDB replays its log when the store is opened again).
    """

    def __init__(self, path: str | Path, *, writable: bool = False):
        import pyoxigraph

        self.path = Path(path)
        self.location = str(self.path)
        self._writable = writable
        try:
            self._store = pyoxigraph.Store(str(self.path)) if writable else pyoxigraph.Store.read_only(str(self.path))
        except OSError as error:
            reason = " ".join(str(error).split())
            if "lock" in reason.lower():
                reason = "another process is writing to it"
            raise GraphError(f"{self.path}: cannot open the store ({reason})") from None

    def write(self, shared: Iterable[tuple], graphs: Mapping[str, Sequence[tuple]]) -> None:
        """Add ``shared`` (triples of rdflib or pyoxigraph terms) to the default graph; replace each of ``graphs``.

        The additions are one transaction; triples that a replaced graph no longer holds are
        removed after it, so a crash in between leaves old and new triples, never neither.
        """
        import pyoxigraph

        convert = _ToOxigraph()
        # A quad without a graph name is in the default graph (and half as costly to make).
        quads = {pyoxigraph.Quad(*map(convert, triple)) for triple in shared}
        stale = []
        for name, triples in graphs.items():
            graph = pyoxigraph.NamedNode(name)
            fresh = {pyoxigraph.Quad(*map(convert, triple), graph) for triple in triples}
            stale += [quad for quad in self._store.quads_for_pattern(None, None, None, graph) if quad not in fresh]
            quads |= fresh
        try:
            self._store.extend(quads)
            for quad in stale:
                self._store.remove(quad)
        except OSError as error:
            raise GraphError(f"{self.path}: cannot write to the store ({error})") from None

    def flush(self) -> None:
        """Make every write durable on disk."""
        self._store.flush()

    def rename(self, renames: Mapping[str, str], *, base: str) -> None:
        """Give each entity of ``renames`` (old IRI → new IRI) its new IRI everywhere, in one transaction.

        Its facts and statements move to the new IRI (each statement with the id it would have
        had, made with the new one), its description too, its label becoming an alias.
        """
        import pyoxigraph

        from kg.rdf import statement_id

        nodes = {pyoxigraph.NamedNode(old): pyoxigraph.NamedNode(new) for old, new in renames.items()}
        default = pyoxigraph.DefaultGraph()
        label, alias = pyoxigraph.NamedNode(_RDFS_LABEL), pyoxigraph.NamedNode(_SKOS_ALT_LABEL)
        removed: list[Any] = []
        added: list[Any] = []
        graphs = set()
        for old, new in nodes.items():
            for quad in self._store.quads_for_pattern(old, None, None, default):
                removed.append(quad)
                added.append(pyoxigraph.Quad(new, alias if quad.predicate == label else quad.predicate, quad.object))
            graphs |= {quad.graph_name for quad in self._store.quads_for_pattern(None, None, old, None)}
        graphs.discard(default)
        for graph in graphs:
            quads = list(self._store.quads_for_pattern(None, None, None, graph))
            described: dict[Any, dict[str, Any]] = {}
            for quad in quads:
                if quad.subject.value.startswith(base + "statement/"):
                    described.setdefault(quad.subject, {})[quad.predicate.value] = quad.object
            moved = dict(nodes)
            for node, values in described.items():
                if not {values.get(_RDF + "subject"), values.get(_RDF + "object")} & nodes.keys():
                    continue
                subject, obj = (nodes.get(values[_RDF + name], values[_RDF + name]) for name in ("subject", "object"))
                moved[node] = pyoxigraph.NamedNode(
                    base
                    + "statement/"
                    + statement_id(
                        values[_PROV_DERIVED].value.removeprefix(base + "doc/"),
                        int(values[KGO + "sentenceIndex"].value),
                        subject.value.removeprefix(base + "entity/"),
                        values[_RDF + "predicate"].value,
                        obj.value.removeprefix(base + "entity/"),
                        int(values[KGO + "subjectStart"].value),
                        int(values[KGO + "objectStart"].value),
                    )
                )
            for quad in quads:
                terms = (moved.get(quad.subject, quad.subject), quad.predicate, moved.get(quad.object, quad.object))
                if terms != (quad.subject, quad.predicate, quad.object):
                    removed.append(quad)
                    added.append(pyoxigraph.Quad(*terms, graph))
        if not removed:
            return
        update = f"DELETE DATA {{ {_quad_data(removed)} }} ; INSERT DATA {{ {_quad_data(added)} }}"
        try:
            self._store.update(update)
        except OSError as error:
            raise GraphError(f"{self.path}: cannot write to the store ({error})") from None

    def to_graph(self) -> Graph:
        """Every triple of every graph in an rdflib Graph (for the NetworkX analysis)."""
        from rdflib import Graph

        graph = Graph()
        convert = _ToRdflib()
        graph.addN(
            (convert(q.subject), convert(q.predicate), convert(q.object), graph)
            for q in self._store.quads_for_pattern(None, None, None, None)
        )
        return graph

    def _select(self, sparql: str, *, limit: int | None, timeout: float | None) -> QueryResult:
        if timeout is not None:
            return run_in_worker(_select_read_only, (str(self.path), sparql, limit), timeout=timeout)
        return _select_oxigraph(self._store, sparql, limit)

    def close(self) -> None:
        """Flush a writable store and release the database (and its lock)."""
        if self._writable:
            self._store.flush()
        self._store = None


def _select_oxigraph(store: Any, sparql: str, limit: int | None) -> QueryResult:
    import pyoxigraph

    try:
        result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult((), (), bool(result))
        columns = tuple(variable.value for variable in result.variables)
        rows = [tuple(None if term is None else term.value for term in solution) for solution in _capped(result, limit)]
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {_one_line(error)}") from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailedError(f"query failed: {_one_line(error)}") from None
    return _result(columns, rows, limit)


def _select_read_only(path: str, sparql: str, limit: int | None) -> QueryResult:
    import pyoxigraph

    return _select_oxigraph(pyoxigraph.Store.read_only(path), sparql, limit)


class RemoteStore(_Store):
    """A SPARQL 1.1 endpoint: queries through the SPARQL Protocol, writes through the Graph Store Protocol.

    Args:
        url: the dataset's URL; ``?query=PATH&store=PATH`` names the endpoints under it
            (default ``query`` and ``store``, Oxigraph server's layout).
    """

    def __init__(self, url: str):
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
        # The location as shown and reported: without the credentials.
        self.location = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        options = parse_qs(parts.query)
        unknown = sorted(set(options) - {"query", "store"})
        if unknown:
            raise UsageError(f"--store {self.location}: unknown parameter {unknown[0]!r} (use query=PATH, store=PATH)")

        def endpoint(name: str) -> str:
            path = options.get(name, [name])[-1].strip("/")
            return base if path in ("", ".") else f"{base}/{path}"

        self.query_url, self.store_url = endpoint("query"), endpoint("store")
        self._headers: dict[str, str] = {}
        if parts.username is not None:
            user = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self._headers["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode()
        self._union_checked = False

    def write(self, shared: Iterable[tuple], graphs: Mapping[str, Sequence[tuple]]) -> None:
        """POST ``shared`` to the default graph (a merge); PUT each graph of ``graphs`` (a replacement)."""
        body = _ntriples(shared)
        if body:
            self._send("POST", f"{self.store_url}?default", body)
        for name, triples in graphs.items():
            self._send("PUT", f"{self.store_url}?graph={quote(name, safe='')}", _ntriples(triples))

    def to_graph(self) -> Graph:
        """Every triple of every graph in an rdflib Graph, fetched with one CONSTRUCT."""
        import pyoxigraph
        from rdflib import Graph

        data = self._request(
            self.query_url,
            _ALL_TRIPLES.encode(),
            "application/sparql-query",
            accept="application/n-triples",
            method="POST",
        )
        graph = Graph()
        convert = _ToRdflib()
        triples = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph) for t in triples)
        return graph

    def query(self, sparql: str, **options: Any) -> QueryResult:
        """As :meth:`_Store.query`, after checking once that the endpoint queries the union of its graphs."""
        if not self._union_checked:
            self._check_union()
        return super().query(sparql, **options)

    def _check_union(self) -> None:
        named, default = (self._select(probe, limit=None, timeout=None).boolean for probe in _UNION_PROBE)
        if named and not default:
            raise GraphError(
                f"{self.location}: the endpoint's default graph is not the union of its named graphs, so a query "
                "would miss every fact; serve the union (oxigraph serve --union-default-graph; Fuseki: "
                "tdb2:unionDefaultGraph true)"
            )
        self._union_checked = True

    def _select(self, sparql: str, *, limit: int | None, timeout: float | None) -> QueryResult:
        prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
        data = self._request(
            self.query_url,
            (prologue + sparql).encode(),
            "application/sparql-query",
            accept="application/sparql-results+json",
            method="POST",
            timeout=timeout,
        )
        try:
            answer = json.loads(data)
        except ValueError as error:
            raise QueryFailedError(f"query failed: {self.query_url} sent no SPARQL JSON results ({error})") from None
        if "boolean" in answer:
            return QueryResult((), (), bool(answer["boolean"]))
        columns = tuple(answer["head"]["vars"])
        solutions = answer["results"]["bindings"]
        rows = [tuple(s[c]["value"] if c in s else None for c in columns) for s in _capped(solutions, limit)]
        return _result(columns, rows, limit)

    def flush(self) -> None:
        """Nothing to flush: the endpoint has applied each request before it answered."""

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def _send(self, method: str, url: str, body: bytes) -> None:
        self._request(url, body, "application/n-triples", accept="*/*", method=method)

    def _request(
        self, url: str, body: bytes, content_type: str, *, accept: str, method: str, timeout: float | None = None
    ) -> bytes:
        import urllib.error
        import urllib.request

        headers = {"Content-Type": content_type, "Accept": accept, **self._headers}
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout or _HTTP_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read(300).decode("utf-8", "replace").split())
            failure = QueryError if error.code == 400 and "query" in url else QueryFailedError
            message = f"{method} {url}: HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
            raise failure(message) from None
        except TimeoutError:
            if timeout is not None:
                message = f"query did not finish within the --timeout of {timeout:g} s; stopped it"
                raise QueryTimeoutError(message) from None
            raise QueryFailedError(f"{method} {url}: no answer within {_HTTP_TIMEOUT:g} s") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise QueryFailedError(f"{method} {url}: cannot reach the store ({reason})") from None


def add_batches(
    batches: Iterable[list[Extracted]],
    store: LocalStore | RemoteStore,
    lexicon: Lexicon,
    *,
    base: str,
    model_meta: Mapping[str, Any] | None = None,
    ontology: Sequence[str | Path] = (),
    started: Any = None,
    progress: Progress | None = None,
) -> StoreLoad:
    """Resolve each batch against the people already stored, map it to RDF and write it.

    A surname used alone in a batch ("Putin") merges with a full name stored earlier
    ("Vladimir Putin") as it would with one in the same batch. Each article's extraction
    activity describes that article alone, so it is the same whenever the article is added.

    Returns:
        The counts of the addition.
    """
    from kg.entities import resolve_triples, slug
    from kg.rdf import extraction_run, triples_to_quads
    from kg.resolution import StoredNames

    person = lexicon.ner_classes.get("PERSON", "")
    organisations = _organisation_classes(lexicon)
    stored = StoredNames(
        [(label, "PERSON") for label in (store.person_labels(person) if person else ())]
        + [(label, "ORG") for cls in organisations for label in store.person_labels(cls)]
    )
    articles = sentences = statements = written = unflushed = 0
    # One writer thread: the store writes a batch (Oxigraph and HTTP release the GIL) while
    # the next one is parsed. At most one batch is in its hands, written in order, and its
    # error is raised here before the next batch is handed over; leaving waits for it.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store") as writer:
        pending: Future | None = None
        for batch in batches:
            facts = [(item.article, item.facts) for item in batch]
            triples = resolve_triples(facts, lexicon, base=base, known=stored.candidates(_batch_names(facts)))
            by_article: dict[str, list] = {item.article.id: [] for item in batch}
            for triple in triples:
                by_article[triple.article.id].append(triple)
            shared: list[tuple] = []
            graphs: dict[str, list[tuple]] = {}
            for item in batch:
                article = item.article
                run = extraction_run(
                    [article], model_meta=dict(model_meta or {}), ontology=ontology, base=base, started=started
                )
                default, named = triples_to_quads(
                    by_article[article.id], lexicon, base=base, articles=[article], run=run
                )
                shared.extend(default)
                graphs.update(named)
            named = sorted(
                {
                    (entity.label, "PERSON" if entity.type == person else "ORG")
                    for t in triples
                    for entity in (t.subject, t.object)
                    if entity.type == person or entity.type in organisations
                }
            )
            # A person stored under a surname alone ("Peskov") or an organisation under its acronym
            # ("NRF") that this batch names in full becomes that entity, as if the two articles had
            # come together. (A remote endpoint takes no update through the protocols kg speaks:
            # there it stays.)
            renames = {
                f"{base}entity/{slug(short)}": f"{base}entity/{slug(full)}"
                for short, full in ({} if isinstance(store, RemoteStore) else stored.spelled_out(named)).items()
                if slug(short) != slug(full)
            }
            if pending is not None:
                pending.result()
            quads = len(shared) + sum(len(triples) for triples in graphs.values())
            # RocksDB keeps writes in memory (a buffer per index) until flushed: a flush every
            # FLUSH_QUADS keeps memory flat however much is added, without one per small batch.
            unflushed += quads
            flush = unflushed >= FLUSH_QUADS
            unflushed = 0 if flush else unflushed
            pending = writer.submit(_write, store, shared, graphs, renames, base, flush)
            written += quads
            stored.add(named)
            articles += len(batch)
            sentences += sum(item.sentences for item in batch)
            statements += len(triples)
            if progress is not None:
                progress.advance(len(batch), sum(item.sentences for item in batch))
        if pending is not None:
            pending.result()
        if unflushed:
            store.flush()
    return StoreLoad(store.location, articles, sentences, statements, written)


def _write(
    store: LocalStore | RemoteStore,
    shared: list[tuple],
    graphs: dict[str, list[tuple]],
    renames: dict[str, str],
    base: str,
    flush: bool,
) -> None:
    store.write(shared, graphs)
    if renames:
        store.rename(renames, base=base)
    if flush:
        store.flush()


def _organisation_classes(lexicon: Lexicon) -> frozenset[str]:
    """The ontology classes of organisations: ORG's class and its subclasses."""
    root = lexicon.ner_classes.get("ORG")
    if root is None:
        return frozenset()
    return frozenset({root, *(c for c in lexicon.class_parents if root in lexicon.class_ancestors(c))})


def _batch_names(facts: Iterable[tuple[Any, Any]]) -> set[tuple[str, str]]:
    """The (name, label) pairs a batch's articles use, pronouns left out."""
    found = set()
    for _, article_facts in facts:
        mentions = [*article_facts.mentions, *(m for r in article_facts.relations for m in (r.subject, r.object))]
        found |= {(m.name, m.label) for m in mentions if not m.is_pronoun}
    return found


class _ToOxigraph:
    """rdflib term → pyoxigraph term (a pyoxigraph term stays as it is), remembering what it
    converted (one writer's batch: offsets, dates, IRIs and flags recur many times)."""

    def __init__(self) -> None:
        import pyoxigraph

        self._seen: dict[Any, Any] = {}
        self._native = {pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal}

    def __call__(self, term: Any) -> Any:
        if type(term) in self._native:
            return term
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = _oxigraph_term(term)
        return found


def _oxigraph_term(term: Any) -> Any:
    import pyoxigraph
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    return pyoxigraph.NamedNode(str(term))


class _ToRdflib:
    """pyoxigraph term → rdflib term, remembering the IRIs it has converted."""

    def __init__(self) -> None:
        self._iris: dict[str, Any] = {}

    def __call__(self, term: Any) -> Any:
        import pyoxigraph
        from rdflib import BNode, Literal, URIRef

        if isinstance(term, pyoxigraph.NamedNode):
            node = self._iris.get(term.value)
            if node is None:
                node = self._iris[term.value] = URIRef(term.value)
            return node
        if isinstance(term, pyoxigraph.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))


def _ntriples(triples: Iterable[tuple]) -> bytes:
    import pyoxigraph

    convert = _ToOxigraph()
    unique = {pyoxigraph.Triple(*map(convert, triple)) for triple in triples}
    return pyoxigraph.serialize(unique, format=pyoxigraph.RdfFormat.N_TRIPLES) if unique else b""


def _quad_data(quads: Iterable[Any]) -> str:
    """Quads as the body of SPARQL ``INSERT DATA``/``DELETE DATA`` (terms in N-Triples syntax)."""
    import pyoxigraph

    return " ".join(
        f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, pyoxigraph.DefaultGraph)
        else f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
        for q in quads
    )


def _check(sparql: str, *, allow_remote: bool) -> None:
    """kg query's checks (read-only, SELECT or ASK, no SERVICE unless allowed), with its messages."""
    prepare_read_only(sparql, allow_remote=allow_remote)


# Lexical pieces of a SPARQL query that may hold a brace without opening a group.
_SKIP = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
)


def with_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """``sparql`` with ``bindings`` as a ``VALUES`` block opening its first (the ``WHERE``) group.

    Values are written as RDF terms in N-Triples syntax (escaped by rdflib), never as
    query text; a plain string becomes a plain literal.

    Example:
        >>> with_values("SELECT ?s WHERE { ?s ?p ?name }", {"name": "Kyiv"})
        'SELECT ?s WHERE { VALUES (?name) { ("Kyiv") } ?s ?p ?name }'
    """
    if not bindings:
        return sparql
    from rdflib import Literal

    names, terms = [], []
    for name, value in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise UsageError(f"cannot bind {name!r}: not a variable name")
        term = value if hasattr(value, "n3") else Literal(str(value))
        names.append(f"?{name}")
        terms.append(term.n3())
    position = 0
    while position < len(sparql):
        skipped = _SKIP.match(sparql, position)
        if skipped:
            position = skipped.end()
            continue
        if sparql[position] == "{":
            block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
            return sparql[: position + 1] + block + sparql[position + 1 :]
        position += 1
    raise QueryError("cannot bind values: the query has no WHERE group")


def _capped(rows: Iterable[Any], limit: int | None) -> Iterator[Any]:
    return iter(rows) if limit is None else islice(rows, limit + 1)


def _result(columns: tuple[str, ...], rows: list[tuple[str | None, ...]], limit: int | None) -> QueryResult:
    truncated = limit is not None and len(rows) > limit
    return QueryResult(columns, tuple(rows[:limit] if truncated else rows), truncated=truncated)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__
