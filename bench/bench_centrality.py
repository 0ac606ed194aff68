"""Benchmark: a full centrality report on a projection with over 100,000 edges; exact versus sampled betweenness.

The projection is a synthetic scale-free graph (Barabási–Albert, fixed seed) built directly
as a kg projection: directed edges with a ``weight`` (supporting statements, 1 + a
geometric draw), nodes with a label and a type. Three measurements:

1. a full centrality report (:func:`kg.analysis.rank`, every measure, default options: above
   1,000 nodes betweenness, closeness and harmonic are sampled) on the large graph, plus
   Louvain communities on it;
2. exact betweenness on a smaller graph of the same kind, where it finishes in seconds
   rather than hours (weighted exact betweenness is O(n·m));
3. sampled betweenness on that smaller graph, with the time ratio exact ÷ sampled and the
   Spearman rank correlation of the two scores over the exact top 20.

Usage::

    python -m bench.bench_centrality [--nodes 26000] [--small-nodes 2500] [--sample-size 200] [--seed 42]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence

__all__ = ["scale_free_projection", "main"]


def scale_free_projection(nodes: int, *, edges_per_node: int = 4, seed: int = 42):
    """A kg-style projection of a Barabási–Albert graph: about ``edges_per_node × nodes`` weighted edges."""
    import networkx as nx

    rng = random.Random(seed)
    projection = nx.DiGraph()
    for number in range(nodes):
        projection.add_node(f"e/{number}", label=f"entity {number}", type=rng.choice(("Person", "Country", "Group")))
    for u, v in nx.barabasi_albert_graph(nodes, edges_per_node, seed=seed).edges():
        subject, obj = (u, v) if rng.random() < 0.5 else (v, u)
        weight = 1 + int(rng.expovariate(1.0))
        projection.add_edge(f"e/{subject}", f"e/{obj}", weight=weight, distance=1.0 / weight, relations=["related to"])
    return projection


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table; return 0."""
    from scipy.stats import spearmanr

    from kg.analysis import EXACT_LIMIT, MEASURES, rank
    from kg.communities import communities

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--nodes", type=int, default=26_000, help="nodes of the large graph (4 edges each)")
    parser.add_argument("--small-nodes", type=int, default=2_500, help="nodes of the graph for exact betweenness")
    parser.add_argument("--sample-size", type=int, default=200, help="source nodes of the sampled measures")
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args(argv)

    rows: list[tuple[str, str, str]] = []

    def size(graph) -> str:
        return f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges"

    large = scale_free_projection(options.nodes, seed=options.seed)
    report, seconds = _timed(rank, large, sample_size=options.sample_size, seed=options.seed)
    rows.append(
        (f"full centrality report: {len(MEASURES)} measures, paths {report.method}", size(large), f"{seconds:.1f} s")
    )
    found, seconds = _timed(communities, large, seed=options.seed)
    rows.append((f"Louvain communities ({len(found)} found)", size(large), f"{seconds:.1f} s"))

    small = scale_free_projection(options.small_nodes, seed=options.seed)
    exact, exact_seconds = _timed(rank, small, measures=["betweenness"], exact_limit=small.number_of_nodes())
    sampled, sampled_seconds = _timed(
        rank, small, measures=["betweenness"], exact_limit=0, sample_size=options.sample_size, seed=options.seed
    )
    rows.append(("exact betweenness", size(small), f"{exact_seconds:.1f} s"))
    rows.append((f"sampled betweenness ({sampled.method})", size(small), f"{sampled_seconds:.1f} s"))
    rows.append(("exact ÷ sampled time", size(small), f"{exact_seconds / sampled_seconds:.1f}×"))
    scores = {row["id"]: row["betweenness"] for row in sampled.rows}
    top = exact.rows[:20]
    rho = spearmanr([row["betweenness"] for row in top], [scores[row["id"]] for row in top])[0]
    sampled_top = {row["id"] for row in sampled.rows[:20]}
    rows.append(("Spearman ρ, exact vs sampled, exact top 20", size(small), f"{rho:.3f}"))
    rows.append(("overlap of the two top 20s", size(small), f"{len(sampled_top & {r['id'] for r in top})}/20"))

    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"kg centrality benchmark (seed {options.seed}; exact path measures up to {EXACT_LIMIT:,} nodes)")
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print(
        f"Exact betweenness is measured on {small.number_of_nodes():,} nodes, not on the large graph: "
        "weighted exact betweenness is O(n·m) and would take hours there."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
