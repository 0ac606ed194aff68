"""RDF → NetworkX: project the entity graph and compute centrality.

Nodes are entities (label, type); there is one edge per (subject, object) pair, with the
relation labels and a weight that counts the statements supporting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.query import run_query

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = ["MEASURES", "project", "centrality"]

MEASURES = ("degree", "pagerank", "betweenness", "eigenvector", "closeness")

_PROJECTION = """
SELECT ?s ?o ?p (COUNT(DISTINCT ?statement) AS ?weight) WHERE {
  ?statement a kgo:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER NOT EXISTS { ?statement kgo:negated true }
} GROUP BY ?s ?o ?p
"""
_NODES = """
SELECT ?node ?label ?type WHERE {
  ?node rdfs:label ?label ; a ?type .
  FILTER (STRSTARTS(STR(?type), STR(kgo:)))
  FILTER NOT EXISTS { ?node a kgo:Statement }
  FILTER NOT EXISTS { ?node a kgo:Article }
}
"""


def project(graph: Graph) -> nx.DiGraph:
    """The entity graph of ``graph`` as a directed NetworkX graph with weighted edges."""
    import networkx as nx

    projection = nx.DiGraph()
    for node, label, kind in run_query(graph, _NODES).rows:
        projection.add_node(node, label=label, type=kind.rsplit("#", 1)[-1])
    for subject, obj, prop, weight in run_query(graph, _PROJECTION).rows:
        for node in (subject, obj):
            if node not in projection:
                projection.add_node(node, label=node.rsplit("/", 1)[-1], type="Entity")
        label = _property_label(graph, prop)
        if projection.has_edge(subject, obj):
            edge = projection.edges[subject, obj]
            edge["weight"] += int(weight)
            edge["relations"] = sorted({*edge["relations"], label})
        else:
            projection.add_edge(subject, obj, weight=int(weight), relations=[label])
    for _, _, data in projection.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return projection


def _property_label(graph: Graph, prop: str) -> str:
    from rdflib import RDFS, URIRef

    label = graph.value(URIRef(prop), RDFS.label)
    return str(label) if label is not None else prop.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def centrality(
    projection: nx.DiGraph, *, measures: Sequence[str] = MEASURES, top: int | None = None
) -> list[dict[str, object]]:
    """Score every entity by each measure; rows sorted by the first measure, best first.

    Weights count supporting statements: PageRank and eigenvector use them as strengths,
    betweenness and closeness as distances (1 / weight). Degree counts neighbours in
    either direction, normalised by ``n - 1``.

    Raises:
        UsageError: a measure is unknown or ``top`` is not positive.

    Example:
        >>> import networkx as nx
        >>> g = nx.DiGraph([("a", "b"), ("c", "b")], weight=1)
        >>> nx.set_node_attributes(g, {"a": "A", "b": "B", "c": "C"}, "label")
        >>> [row["label"] for row in centrality(g, measures=["degree"], top=1)]
        ['B']
    """
    import networkx as nx

    unknown = [m for m in measures if m not in MEASURES]
    if unknown or not measures:
        raise UsageError(f"unknown measure {', '.join(unknown) or '(none)'!r} (choose from {', '.join(MEASURES)})")
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    undirected = projection.to_undirected(as_view=False)
    for _, _, data in undirected.edges(data=True):
        data.setdefault("distance", 1.0 / data.get("weight", 1))
    scores: dict[str, dict] = {}
    if projection.number_of_nodes():
        for measure in measures:
            scores[measure] = _measure(nx, measure, projection, undirected)
    rows = []
    for node, data in projection.nodes(data=True):
        row: dict[str, object] = {"id": node, "label": data.get("label", node), "type": data.get("type", "")}
        for measure in measures:
            row[measure] = round(float(scores.get(measure, {}).get(node, 0.0)), 6)
        rows.append(row)
    first = measures[0]
    rows.sort(key=lambda r: (-r[first], str(r["label"])))
    return rows[:top] if top else rows


def _measure(nx, measure: str, directed, undirected) -> dict:
    if measure == "degree":
        return nx.degree_centrality(undirected)
    if measure == "pagerank":
        return nx.pagerank(directed, weight="weight")
    if measure == "betweenness":
        return nx.betweenness_centrality(undirected, weight="distance")
    if measure == "closeness":
        return nx.closeness_centrality(undirected, distance="distance")
    try:
        return nx.eigenvector_centrality(undirected, weight="weight", max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(undirected, weight="weight")
