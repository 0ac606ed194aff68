"""The shape of the entity graph: communities, connected components, k-cores and ego networks.

Each function takes a projection from :func:`kg.analysis.project` (a weighted
``nx.DiGraph``) and works on its undirected view: a community, a component or a core
is about who is connected, not who acted on whom.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.analysis import SEED
from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "communities",
    "components",
    "core_numbers",
    "k_core",
    "find_entity",
    "ego",
    "memberships",
]


def communities(projection: nx.DiGraph, *, seed: int = SEED, resolution: float = 1.0) -> list[frozenset[str]]:
    """Louvain communities of the weighted undirected view, largest first.

    The same ``seed`` gives the same communities; a higher ``resolution`` gives smaller ones.

    Raises:
        UsageError: ``resolution`` is not positive.

    Example:
        >>> import networkx as nx
        >>> two_triangles = nx.DiGraph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
        >>> [sorted(c) for c in communities(two_triangles)]
        [[1, 2, 3], [4, 5, 6]]
    """
    import networkx as nx

    if resolution <= 0:
        raise UsageError(f"--resolution must be positive, not {resolution}")
    undirected = projection.to_undirected(as_view=True)
    found = nx.community.louvain_communities(undirected, weight="weight", resolution=resolution, seed=seed)
    return _largest_first(found)


def components(projection: nx.DiGraph) -> list[frozenset[str]]:
    """Connected components of the undirected view (weakly connected components), largest first."""
    import networkx as nx

    return _largest_first(nx.weakly_connected_components(projection))


def core_numbers(projection: nx.DiGraph) -> dict[str, int]:
    """Each entity's core number: the largest ``k`` such that it is in the ``k``-core."""
    import networkx as nx

    undirected = nx.Graph(projection.to_undirected(as_view=True))
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    return nx.core_number(undirected)


def k_core(projection: nx.DiGraph, k: int | None = None) -> nx.DiGraph:
    """The sub-projection of the entities whose core number is at least ``k`` (default: the innermost core).

    Raises:
        UsageError: ``k`` is negative.
    """
    if k is not None and k < 0:
        raise UsageError(f"--k must be at least 0, not {k}")
    cores = core_numbers(projection)
    if k is None:
        k = max(cores.values(), default=0)
    return projection.subgraph([n for n, c in cores.items() if c >= k]).copy()


def find_entity(projection: nx.DiGraph, name: str) -> str:
    """The node of ``projection`` named ``name``: its IRI, label or an alias (case-insensitive).

    Raises:
        UsageError: no entity or more than one has that name.
    """
    if name in projection:
        return name
    wanted = name.casefold()
    matches = sorted(
        node
        for node, data in projection.nodes(data=True)
        if wanted in {str(data.get("label", node)).casefold(), *(a.casefold() for a in data.get("aliases", ()))}
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"{name!r} names {len(matches)} entities; give one of their IRIs: {', '.join(matches)}")
    labels = sorted({str(data.get("label", node)) for node, data in projection.nodes(data=True)})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.6)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise UsageError(f"no entity {name!r} in the graph{hint}")


def ego(projection: nx.DiGraph, center: str, *, radius: int = 1) -> nx.DiGraph:
    """The entities within ``radius`` steps of ``center`` (either direction) and the edges among them.

    Each node gets a ``distance`` attribute: its number of steps from ``center``.

    Raises:
        UsageError: ``center`` is not a node or ``radius`` is negative.

    Example:
        >>> import networkx as nx
        >>> chain = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")])
        >>> sorted(ego(chain, "b", radius=1).nodes(data="distance"))
        [('a', 1), ('b', 0), ('c', 1)]
    """
    import networkx as nx

    if radius < 0:
        raise UsageError(f"--radius must be at least 0, not {radius}")
    if center not in projection:
        raise UsageError(f"no entity {center!r} in the graph")
    steps = nx.single_source_shortest_path_length(projection.to_undirected(as_view=True), center, cutoff=radius)
    network = projection.subgraph(steps).copy()
    nx.set_node_attributes(network, steps, "distance")
    return network


def memberships(projection: nx.DiGraph, *, seed: int = SEED, resolution: float = 1.0) -> list[dict[str, object]]:
    """One row per entity: its community, component (both numbered from 1, largest first) and core number.

    Rows are sorted by community, then label.

    Raises:
        UsageError: ``resolution`` is not positive.
    """
    community = _index(communities(projection, seed=seed, resolution=resolution))
    component = _index(components(projection))
    cores = core_numbers(projection)
    rows = [
        {
            "id": node,
            "label": data.get("label", node),
            "type": data.get("type", ""),
            "community": community[node],
            "component": component[node],
            "core": cores.get(node, 0),
        }
        for node, data in projection.nodes(data=True)
    ]
    rows.sort(key=lambda r: (r["community"], str(r["label"])))
    return rows


def _largest_first(groups) -> list[frozenset[str]]:
    return sorted((frozenset(g) for g in groups), key=lambda g: (-len(g), sorted(map(str, g))))


def _index(groups: list[frozenset[str]]) -> Mapping[str, int]:
    return {node: number for number, group in enumerate(groups, start=1) for node in group}
