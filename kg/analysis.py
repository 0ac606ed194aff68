"""RDF → NetworkX: read a graph's facts, filter them, project the entity graph and rank it.

:func:`read_facts` reads every statement node once into plain :class:`Fact` records, with
the labels, types and super-properties the graph carries; :func:`select` keeps the facts
that pass a :class:`Filters`; :func:`to_projection` turns them into the entity graph:
one node per entity (``label``, ``type``, ``aliases``) and one edge per (subject, object)
pair with the labels of its relations and a ``weight`` that counts the statements
supporting it (``distance`` = 1 / weight for the path-based measures). Negated facts are
read (a report lists them) but never enter the projection.

:func:`rank` scores every entity by the :data:`MEASURES`; betweenness, closeness and
harmonic centrality are exact up to ``exact_limit`` nodes and estimated from
``sample_size`` sources drawn with ``seed`` above it, and the :class:`Ranking` says which.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.ontology import KGO
from kg.sparql import run_query

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = [
    "MEASURES",
    "PATH_MEASURES",
    "EXACT_LIMIT",
    "SAMPLE_SIZE",
    "SEED",
    "Fact",
    "EntityInfo",
    "PropertyInfo",
    "ArticleInfo",
    "FactBase",
    "Filters",
    "Ranking",
    "read_facts",
    "select",
    "to_projection",
    "project",
    "rank",
    "centrality",
]

MEASURES = ("degree", "in_degree", "out_degree", "pagerank", "betweenness", "eigenvector", "closeness", "harmonic")
# Measures over all shortest paths: O(n·m), so sampled on large graphs.
PATH_MEASURES = ("betweenness", "closeness", "harmonic")
EXACT_LIMIT = 1000
SAMPLE_SIZE = 200
SEED = 42

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DCTERMS = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_ROOT = KGO + "relatedTo"
_POSSIBLE_SAME = KGO + "possibleSameAs"

_STATEMENTS = "SELECT ?node ?key ?value WHERE { ?node a kgo:Statement ; ?key ?value }"
_ARTICLES = "SELECT ?node ?key ?value WHERE { ?node a kgo:Article ; ?key ?value }"
_TYPES = "SELECT ?node ?type WHERE { ?node a ?type . FILTER (?type != kgo:Statement) }"
_LABELS = "SELECT ?node ?label WHERE { ?node rdfs:label ?label }"
_ALIASES = "SELECT ?node ?alias WHERE { ?node skos:altLabel ?alias }"
_SUPER_PROPERTIES = "SELECT ?child ?parent WHERE { ?child rdfs:subPropertyOf ?parent }"
_SUPER_CLASSES = "SELECT ?child ?parent WHERE { ?child rdfs:subClassOf ?parent }"


@dataclass(frozen=True)
class Fact:
    """One statement node: who did what to whom, and the evidence for it.

    ``date`` is the statement's ``dcterms:date``, else its article's; ``article`` is the
    IRI of the article it was derived from.
    """

    id: str
    subject: str
    property: str
    object: str
    article: str | None = None
    date: dt.date | None = None
    confidence: float | None = None
    sentence: str = ""
    sentence_index: int | None = None
    relation_text: str = ""
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True)
class EntityInfo:
    """An entity's label, most specific type (a class's local name), all its types and aliases."""

    label: str
    type: str
    types: frozenset[str] = frozenset()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PropertyInfo:
    """A relation property: its label, itself and all its super-properties, and its family.

    The family is the ancestor two steps below ``kgo:relatedTo`` (``kgo:attacked`` for
    ``kgo:bombed``, ``kgo:consulted`` for ``kgo:spokeWith``); properties nearer the root,
    such as the open ``relation/<lemma>`` ones, fall in the root's family.
    """

    label: str
    ancestors: frozenset[str]
    family: str


@dataclass(frozen=True)
class ArticleInfo:
    """An article's title, date and source, as the graph records them."""

    title: str = ""
    date: dt.date | None = None
    source: str = ""


@dataclass(frozen=True)
class FactBase:
    """The facts of a graph with the descriptions of the entities, properties and articles they use."""

    facts: tuple[Fact, ...]
    entities: Mapping[str, EntityInfo]
    properties: Mapping[str, PropertyInfo]
    articles: Mapping[str, ArticleInfo]
    # ``kgo:possibleSameAs`` flags: evidence that two entities may be one, not facts of the world.
    possible_aliases: tuple[Fact, ...] = ()

    def entity_info(self, iri: str) -> EntityInfo:
        """The description of entity ``iri`` (its IRI's last segment and type ``Entity`` if it has none)."""
        return self.entities.get(iri) or EntityInfo(label=_local_name(iri), type="Entity", types=frozenset({"Entity"}))

    def property_info(self, iri: str) -> PropertyInfo:
        """The description of property ``iri`` (its local name, no super-properties, if it has none)."""
        return self.properties.get(iri) or PropertyInfo(_local_name(iri), frozenset({iri}), iri)

    def article_info(self, iri: str | None) -> ArticleInfo:
        """The description of article ``iri`` (empty if the graph has none)."""
        return self.articles.get(iri or "") or ArticleInfo()


@dataclass(frozen=True)
class Filters:
    """Which facts to keep: each given condition must hold.

    Attributes:
        types: entity types (class local names or IRIs, case-insensitive); both ends of a fact
            must have one of them or a subclass (the graph carries ``rdfs:subClassOf``, so
            ``Location`` keeps countries and cities).
        relations: properties (IRI, ``kgo:name``, local name or label); a fact is kept when its
            property or any of its super-properties is one of them.
        since, until: the fact's date lies in this range, both ends included.
        min_confidence: the fact's ``kgo:confidence`` is at least this.
        concepts: keep facts with a concept (an unnamed thing, event or reported claim, typed
            ``kgo:Concept``) at either end; by default only named actors are ranked.

    Example:
        >>> Filters(types=("Person",), min_confidence=0.5).describe()
        'type Person; confidence ≥ 0.5'
    """

    types: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float | None = None
    concepts: bool = False

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise UsageError(f"--min-confidence must be between 0 and 1, not {self.min_confidence}")

    @classmethod
    def parse(
        cls,
        *,
        types: Iterable[str] = (),
        relations: Iterable[str] = (),
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_confidence: float | None = None,
        concepts: bool = False,
    ) -> Filters:
        """Filters from user input: comma-separated lists allowed, dates as ``YYYY-MM-DD``.

        Raises:
            UsageError: a date is not ``YYYY-MM-DD``, the range is empty or the confidence is not in [0, 1].
        """
        return cls(
            types=_split(types),
            relations=_split(relations),
            since=_date_option(since, "--since"),
            until=_date_option(until, "--until"),
            min_confidence=min_confidence,
            concepts=concepts,
        )

    def describe(self) -> str:
        """The conditions in words, ``""`` when there are none."""
        parts = []
        if self.types:
            parts.append("type " + " or ".join(self.types))
        if self.relations:
            parts.append("relation " + " or ".join(self.relations))
        if self.since:
            parts.append(f"from {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence}")
        if self.concepts:
            parts.append("concepts included")
        return "; ".join(parts)


@dataclass(frozen=True)
class Ranking:
    """Centrality scores: one row per entity (``id``, ``label``, ``type``, a score per measure).

    ``sample_size`` is ``None`` when the path measures (:data:`PATH_MEASURES`) are exact,
    else the number of source nodes they were estimated from, drawn with ``seed``.
    """

    rows: list[dict[str, object]]
    measures: tuple[str, ...]
    nodes: int
    edges: int
    sample_size: int | None = None
    seed: int = SEED

    @property
    def method(self) -> str:
        """How the path measures were computed, in words."""
        if self.sample_size is None:
            return "exact"
        return f"sampled from {self.sample_size} of {self.nodes} source nodes (seed {self.seed})"


def read_facts(graph: Graph) -> FactBase:
    """Read every statement of ``graph`` with the labels, types and hierarchy it carries.

    Raises:
        QueryError: the graph's store cannot answer the queries.
    """
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent in run_query(graph, _SUPER_PROPERTIES).rows:
        parents[child].append(parent)
    superclasses: dict[str, list[str]] = defaultdict(list)
    for child, parent in run_query(graph, _SUPER_CLASSES).rows:
        superclasses[child].append(parent)
    labels: dict[str, str] = {}
    for node, label in run_query(graph, _LABELS).rows:
        labels[node] = min(label, labels.get(node, label))
    aliases: dict[str, set[str]] = defaultdict(set)
    for node, alias in run_query(graph, _ALIASES).rows:
        aliases[node].add(alias)
    types: dict[str, set[str]] = defaultdict(set)
    for node, kind in run_query(graph, _TYPES).rows:
        if kind.startswith(KGO):
            types[node].add(kind)

    articles = {
        node: ArticleInfo(
            title=values.get(_DCTERMS + "title", ""),
            date=_date(values.get(_DCTERMS + "date")),
            source=values.get(_DCTERMS + "source", ""),
        )
        for node, values in _pivot(run_query(graph, _ARTICLES).rows).items()
    }
    facts = []
    for node, values in _pivot(run_query(graph, _STATEMENTS).rows).items():
        if not all(_RDF + key in values for key in ("subject", "predicate", "object")):
            continue
        article = values.get(_PROV + "wasDerivedFrom")
        date = _date(values.get(_DCTERMS + "date")) or (articles[article].date if article in articles else None)
        index = values.get(KGO + "sentenceIndex")
        confidence = values.get(KGO + "confidence")
        facts.append(
            Fact(
                id=node,
                subject=values[_RDF + "subject"],
                property=values[_RDF + "predicate"],
                object=values[_RDF + "object"],
                article=article,
                date=date,
                confidence=float(confidence) if confidence is not None else None,
                sentence=values.get(KGO + "sentence", ""),
                sentence_index=int(index) if index is not None else None,
                relation_text=values.get(KGO + "relationText", ""),
                negated=values.get(KGO + "negated") == "true",
                hedged=values.get(KGO + "hedged") == "true",
            )
        )
    facts.sort(key=lambda f: (f.article or "", f.sentence_index if f.sentence_index is not None else -1, f.id))
    flagged = tuple(f for f in facts if f.property == _POSSIBLE_SAME)
    facts = [f for f in facts if f.property != _POSSIBLE_SAME]

    entities = {}
    for node in {n for f in (*facts, *flagged) for n in (f.subject, f.object)}:
        own = types.get(node, set())
        ancestry = {a for kind in own for a in _ancestors(kind, superclasses)}
        # The most specific type: one that is no other type's ancestor.
        specific = sorted(k for k in own if not any(k != o and k in _ancestors(o, superclasses) for o in own))
        # A concept typed with a class of its own ("the storm": an Event) shows that class.
        specific = [k for k in specific if _local_name(k) != "Concept"] or specific
        entities[node] = EntityInfo(
            label=labels.get(node, _local_name(node)),
            type=_local_name(specific[0]) if specific else "Entity",
            types=frozenset(_local_name(a) for a in ancestry) or frozenset({"Entity"}),
            aliases=tuple(sorted(aliases.get(node, ()))),
        )
    properties = {}
    for prop in {f.property for f in facts} | set(parents) | {p for ps in parents.values() for p in ps}:
        ancestry = _ancestors(prop, parents)
        properties[prop] = PropertyInfo(
            label=labels.get(prop, _local_name(prop)),
            ancestors=frozenset(ancestry),
            family=_family(prop, parents),
        )
    return FactBase(tuple(facts), entities, properties, articles, flagged)


def select(base: FactBase, filters: Filters | None = None, *, negated: bool = False) -> FactBase:
    """The facts of ``base`` that pass ``filters``; negated facts only when ``negated`` is true.

    Raises:
        UsageError: a type or relation of the filters does not occur in the graph.

    Example:
        >>> base = FactBase((Fact("s1", "a", "p", "b"), Fact("s2", "a", "p", "c", negated=True)), {}, {}, {})
        >>> [f.id for f in select(base).facts]
        ['s1']
    """
    filters = filters or Filters()
    wanted_types = _resolve_types(base, filters.types) if filters.types else None
    wanted_relations = _resolve_relations(base, filters.relations) if filters.relations else None

    def keep(fact: Fact) -> bool:
        if fact.negated and not negated:
            return False
        if not filters.concepts and any("Concept" in base.entity_info(n).types for n in (fact.subject, fact.object)):
            return False
        if wanted_types is not None and not all(
            {t.lower() for t in base.entity_info(node).types} & wanted_types for node in (fact.subject, fact.object)
        ):
            return False
        if wanted_relations is not None and not base.property_info(fact.property).ancestors & wanted_relations:
            return False
        if (filters.since or filters.until) and (
            fact.date is None
            or (filters.since and fact.date < filters.since)
            or (filters.until and fact.date > filters.until)
        ):
            return False
        return filters.min_confidence is None or (
            fact.confidence is not None and fact.confidence >= filters.min_confidence
        )

    return replace(base, facts=tuple(f for f in base.facts if keep(f)))


def to_projection(base: FactBase) -> nx.DiGraph:
    """The entity graph of the (non-negated) facts of ``base``.

    A fact whose subject is its object adds its entity but no edge: a loop says nothing
    about who is connected to whom, and k-cores reject it.
    """
    import networkx as nx

    projection = nx.DiGraph()
    weights: Counter[tuple[str, str]] = Counter()
    relations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fact in base.facts:
        if fact.negated:
            continue
        for node in (fact.subject, fact.object):
            if node not in projection:
                info = base.entity_info(node)
                projection.add_node(node, label=info.label, type=info.type, aliases=list(info.aliases))
        if fact.subject != fact.object:
            weights[fact.subject, fact.object] += 1
            relations[fact.subject, fact.object].add(base.property_info(fact.property).label)
    for (subject, obj), weight in sorted(weights.items()):
        projection.add_edge(
            subject, obj, weight=weight, distance=1.0 / weight, relations=sorted(relations[subject, obj])
        )
    return projection


def project(graph: Graph, *, filters: Filters | None = None) -> nx.DiGraph:
    """The entity graph of ``graph`` as a directed NetworkX graph with weighted edges.

    Nodes are the entities that take part in a kept fact (see :func:`to_projection`).

    Raises:
        UsageError: a filter names a type or relation the graph does not have.
    """
    return to_projection(select(read_facts(graph), filters))


def rank(
    projection: nx.DiGraph,
    *,
    measures: Sequence[str] = MEASURES,
    top: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> Ranking:
    """Score every entity by each measure; rows sorted by the first measure, best first.

    Weights count supporting statements: PageRank and eigenvector use them as strengths,
    betweenness, closeness and harmonic centrality as distances (1 / weight). ``degree``
    counts distinct neighbours in either direction, ``in_degree`` / ``out_degree`` the
    entities acting on / acted on; all three are normalised by ``n - 1``, and so is
    harmonic centrality. PageRank runs on the directed graph, the others on its
    undirected view. Above ``exact_limit`` nodes the path measures are estimated from
    ``sample_size`` source nodes drawn with ``seed`` (the same seed gives the same scores).

    Args:
        projection: an entity graph from :func:`project` (``weight`` on edges, ``label`` and
            ``type`` on nodes, both optional).
        measures: which of :data:`MEASURES` to compute.
        top: keep only the ``top`` best rows.
        exact_limit: the largest node count for which path measures are exact.
        sample_size: how many source nodes the estimates use above ``exact_limit``.
        seed: the seed of that sample.

    Raises:
        UsageError: a measure is unknown, or ``top``, ``exact_limit`` or ``sample_size`` is out of range.
    """
    import networkx as nx

    unknown = [m for m in measures if m not in MEASURES]
    if unknown or not measures:
        raise UsageError(f"unknown measure {', '.join(unknown) or '(none)'!r} (choose from {', '.join(MEASURES)})")
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    if exact_limit < 0 or sample_size < 1:
        raise UsageError(f"--exact-limit must be ≥ 0 and --sample-size ≥ 1, not {exact_limit} and {sample_size}")
    measures = tuple(measures)
    n = projection.number_of_nodes()
    undirected = projection.to_undirected(as_view=False)
    for _, _, data in undirected.edges(data=True):
        data.setdefault("distance", 1.0 / data.get("weight", 1))
    # With every distance 1, breadth-first search finds the same paths as Dijkstra, several times faster.
    distance = None if all(d == 1.0 for _, _, d in undirected.edges(data="distance")) else "distance"
    sampled = n > exact_limit and sample_size < n and any(m in PATH_MEASURES for m in measures)
    pivots = sorted(random.Random(seed).sample(range(n), sample_size)) if sampled else None

    scores: dict[str, Mapping[str, float]] = {}
    if n:
        if pivots is not None and {"closeness", "harmonic"} & set(measures):
            scores.update(_path_estimates(undirected, pivots, distance))
        for measure in measures:
            if measure not in scores:
                scores[measure] = _measure(nx, measure, projection, undirected, distance, pivots, seed)
    rows = []
    for node, data in projection.nodes(data=True):
        row: dict[str, object] = {"id": node, "label": data.get("label", node), "type": data.get("type", "")}
        for measure in measures:
            row[measure] = round(float(scores.get(measure, {}).get(node, 0.0)), 6)
        rows.append(row)
    first = measures[0]
    rows.sort(key=lambda r: (-r[first], str(r["label"])))
    return Ranking(
        rows=rows[:top] if top else rows,
        measures=measures,
        nodes=n,
        edges=projection.number_of_edges(),
        sample_size=len(pivots) if pivots is not None else None,
        seed=seed,
    )


def centrality(
    projection: nx.DiGraph,
    *,
    measures: Sequence[str] = MEASURES,
    top: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> list[dict[str, object]]:
    """The rows of :func:`rank`: every entity scored by each measure, best first.

    Raises:
        UsageError: a measure is unknown or an option is out of range.

    Example:
        >>> import networkx as nx
        >>> g = nx.DiGraph([("a", "b"), ("c", "b")], weight=1)
        >>> nx.set_node_attributes(g, {"a": "A", "b": "B", "c": "C"}, "label")
        >>> [row["label"] for row in centrality(g, measures=["degree"], top=1)]
        ['B']
    """
    return rank(
        projection, measures=measures, top=top, exact_limit=exact_limit, sample_size=sample_size, seed=seed
    ).rows


def _measure(nx, measure: str, directed, undirected, distance, pivots, seed) -> Mapping[str, float]:
    if measure == "degree":
        return nx.degree_centrality(undirected)
    if measure == "in_degree":
        return nx.in_degree_centrality(directed)
    if measure == "out_degree":
        return nx.out_degree_centrality(directed)
    if measure == "pagerank":
        return nx.pagerank(directed, weight="weight")
    if measure == "betweenness":
        if pivots is not None:
            return nx.betweenness_centrality(undirected, k=len(pivots), seed=seed, weight=distance)
        return nx.betweenness_centrality(undirected, weight=distance)
    if measure == "closeness":
        return nx.closeness_centrality(undirected, distance=distance)
    if measure == "harmonic":
        scale = max(len(undirected) - 1, 1)
        return {n: h / scale for n, h in nx.harmonic_centrality(undirected, distance=distance).items()}
    try:
        return nx.eigenvector_centrality(undirected, weight="weight", max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(undirected, weight="weight")


def _path_estimates(undirected, pivots: Sequence[int], distance: str | None) -> dict[str, dict[str, float]]:
    """Closeness and harmonic centrality estimated from shortest paths out of ``pivots`` (node indices).

    In an undirected graph the distances from the pivots to a node are its distances to
    them, so their mean estimates the node's mean distance (Eppstein and Wang's sampling):
    harmonic ≈ mean of 1/d over the pivots, closeness ≈ reached share ÷ mean distance to
    the reached pivots (NetworkX's Wasserman–Faust form). With every node as a pivot,
    both are exact.
    """
    import networkx as nx
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    nodes = list(undirected)
    matrix = nx.to_scipy_sparse_array(undirected, nodelist=nodes, weight=distance, format="csr")
    lengths = dijkstra(matrix, directed=False, indices=np.asarray(pivots), unweighted=distance is None)
    is_pivot = np.zeros((len(pivots), len(nodes)), dtype=bool)
    is_pivot[np.arange(len(pivots)), np.asarray(pivots)] = True
    reached = np.isfinite(lengths) & ~is_pivot
    others = len(pivots) - is_pivot.sum(axis=0)  # pivots other than the node itself
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = np.where(reached, 1.0 / np.where(reached, lengths, 1.0), 0.0)
        harmonic = np.where(others > 0, inverse.sum(axis=0) / others, 0.0)
        count = reached.sum(axis=0)
        total = np.where(reached, lengths, 0.0).sum(axis=0)
        closeness = np.where(total > 0, (count / np.maximum(others, 1)) * (count / np.where(total > 0, total, 1)), 0.0)
    return {
        "harmonic": dict(zip(nodes, harmonic.tolist())),
        "closeness": dict(zip(nodes, closeness.tolist())),
    }


def _pivot(rows: Iterable[tuple[str | None, ...]]) -> dict[str, dict[str, str]]:
    """(node, key, value) rows → {node: {key: value}}; a repeated key keeps its smallest value."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for node, key, value in rows:
        if value is not None:
            previous = table[node].get(key)
            table[node][key] = value if previous is None else min(previous, value)
    return table


def _ancestors(term: str, parents: Mapping[str, Sequence[str]]) -> list[str]:
    """``term`` and everything above it, nearest first."""
    seen = [term]
    for current in seen:
        seen.extend(p for p in parents.get(current, ()) if p not in seen)
    return seen


def _family(prop: str, parents: Mapping[str, Sequence[str]]) -> str:
    """The ancestor of ``prop`` two steps below the root on its shortest path to the root."""
    path_to: dict[str, list[str]] = {prop: [prop]}
    queue = [prop]
    for current in queue:
        if current == _ROOT:
            path = path_to[current]
            return path[-3] if len(path) >= 3 else _ROOT
        for parent in parents.get(current, ()):
            if parent not in path_to:
                path_to[parent] = [*path_to[current], parent]
                queue.append(parent)
    return prop


def _resolve_types(base: FactBase, names: Sequence[str]) -> set[str]:
    known = {t.lower() for info in base.entities.values() for t in info.types}
    missing = [name for name in names if _local_name(name).lower() not in known]
    if missing:
        choices = ", ".join(sorted({info.type for info in base.entities.values()})) or "none"
        raise UsageError(f"no entity of type {', '.join(missing)} in the graph (types: {choices})")
    return {_local_name(name).lower() for name in names}


def _resolve_relations(base: FactBase, names: Sequence[str]) -> set[str]:
    by_name: dict[str, set[str]] = defaultdict(set)
    for iri, info in base.properties.items():
        for key in (iri, _local_name(iri), info.label):
            by_name[key.lower()].add(iri)
    wanted: set[str] = set()
    for name in names:
        key = KGO + name[4:] if name.startswith("kgo:") else name
        found = by_name.get(key.lower())
        if not found:
            families = sorted({base.property_info(base.property_info(f.property).family).label for f in base.facts})
            raise UsageError(
                f"no relation {name!r} in the graph (give a property IRI, kgo:name or label, "
                f"e.g. one of: {', '.join(families[:12]) or 'none'})"
            )
        wanted |= found
    return wanted


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _date_option(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
