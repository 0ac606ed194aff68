"""The centrality benchmark runs end to end on small sizes and prints its table."""

from __future__ import annotations

import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from bench import bench_centrality  # noqa: E402


def test_bench_centrality_prints_times_ratio_and_correlation(capsys):
    assert bench_centrality.main(["--nodes", "1200", "--small-nodes", "300", "--sample-size", "60"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"full centrality report: 8 measures, paths sampled from 60 of 1200 .* 1,200 nodes, 4,784 edges", out
    )
    assert re.search(r"exact ÷ sampled time +300 nodes, 1,184 edges +\d+\.\d×", out)
    rho = float(re.search(r"Spearman ρ.*edges +(-?\d\.\d+)", out).group(1))
    assert -1 <= rho <= 1
    assert "Exact betweenness is measured on 300 nodes" in out


def test_bench_centrality_graph_is_reproducible():
    first = bench_centrality.scale_free_projection(200, seed=3)
    again = bench_centrality.scale_free_projection(200, seed=3)
    assert list(first.edges(data=True)) == list(again.edges(data=True))
    assert first.number_of_edges() == 4 * (200 - 4)
    assert first.nodes["e/0"]["type"] in ("Person", "Country", "Group")
