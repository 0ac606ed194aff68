"""Extraction in worker processes and on Dask gives the same graph as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KGError, UsageError
from kg.parallel import check_options, extract_batches
from kg.types import Article

ARTICLES = {
    "a1": " date 2025-03-01 Summit in Paris\n"
    "French President Emmanuel Macron met Russian President Vladimir Putin in Paris on Monday.\n"
    "Macron criticised the Kremlin.\n",
    "a2": " date 2025-03-02 Strikes\nPutin attacked Ukraine on Sunday.\nThe European Union sanctioned Russia.\n",
    "a3": " date 2025-03-03 Talks\nGerman Chancellor Olaf Scholz called Macron on Tuesday.\nScholz visited Kyiv.\n",
    "a4": " date 2025-03-04 Ankara\nTurkish Foreign Minister Hakan Fidan met Sergei Lavrov in Ankara.\n"
    "Lavrov thanked Fidan.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"jobs": 0}, "--jobs must be 1 or more, not 0"),
        ({"batch_size": 0}, "batch size must be 1 or more, not 0"),
        ({"jobs": 2, "dask": "tcp://127.0.0.1:8786"}, "give --jobs or --dask, not both"),
    ],
)
def test_parallel_options_are_checked(options: dict, message: str):
    with pytest.raises(UsageError, match=message):
        check_options(**options)


def test_parallel_dask_scheduler_that_does_not_answer(monkeypatch):
    import socket

    import kg.parallel

    monkeypatch.setattr(kg.parallel, "DASK_TIMEOUT", 1.0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    article = Article(id="a", title="", date=None, text="Putin attacked Ukraine.", source="test")
    with pytest.raises(KGError, match="cannot reach the scheduler"):
        next(extract_batches([article], model="en_core_web_sm", dask=f"tcp://127.0.0.1:{port}"))


@pytest.mark.model
def test_parallel_jobs_and_dask_build_the_same_graph(corpus: Path, tmp_path: Path, monkeypatch):
    from distributed import LocalCluster

    import kg.parallel
    from kg.api import build, build_store
    from kg.rdf import serialize

    # One article a batch, so that both workers get work.
    monkeypatch.setattr(kg.parallel, "BATCH_SIZE", 1)
    one = serialize(build([corpus], jobs=1), "turtle")
    two = serialize(build([corpus], jobs=2), "turtle")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = serialize(build([corpus], dask=cluster.scheduler_address), "turtle")
        build_store([corpus], tmp_path / "dask-store", dask=cluster.scheduler_address)
    assert b"vladimir-putin" in one
    assert one == two == on_dask
    build_store([corpus], tmp_path / "store", jobs=1)
    assert _quads(tmp_path / "store") == _quads(tmp_path / "dask-store")


@pytest.mark.model
def test_parallel_jobs_build_a_store_from_the_cli(corpus: Path, tmp_path: Path, capsys):
    from kg.cli import main

    assert main(["build", str(corpus), "--store", str(tmp_path / "one")]) == 0
    assert main(["build", str(corpus), "--store", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert _quads(tmp_path / "one") == _quads(tmp_path / "two")
    assert "added 4 articles" in capsys.readouterr().err


def _quads(location: Path) -> set[str]:
    import pyoxigraph

    return {str(quad) for quad in pyoxigraph.Store.read_only(str(location))}


@pytest.mark.model
def test_parallel_jobs_extract_the_same_triples_from_the_cli(corpus: Path, capsys, monkeypatch):
    import kg.parallel
    from kg.cli import main

    monkeypatch.setattr(kg.parallel, "BATCH_SIZE", 1)  # so that both workers get work
    assert main(["extract", str(corpus), "--jobs", "1"]) == 0
    one = capsys.readouterr().out
    assert main(["extract", str(corpus), "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one
    assert "vladimir-putin" in one
    assert main(["extract", str(corpus), "--open", "--jobs", "2"]) == 2
    assert "--jobs goes with article extraction" in capsys.readouterr().err
