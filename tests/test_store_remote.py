"""A remote store: a real Oxigraph server on 127.0.0.1, written through the Graph Store Protocol."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import RDFS, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import GraphError, QueryFailedError
from kg.store import RemoteStore, open_store

BASE = "https://example.org/kg/"
KGO = "https://example.org/kg/ontology#"
SUMMIT = (
    " date 2025-03-01 Summit in Paris\n"
    "French President Emmanuel Macron met Russian President Vladimir Putin in Paris on Monday.\n"
    "Macron criticised the Kremlin.\n"
)
STRIKES = " date 2025-03-02 Strikes\nPutin attacked Ukraine on Sunday.\nThe European Union sanctioned Russia.\n"


def _oxigraph() -> str:
    """The server binary the pinned ``oxigraph`` package installs beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install -r requirements.lock"
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Start Oxigraph servers on free local ports with fresh folders; stop them after the test."""
    servers: list[subprocess.Popen] = []

    def start(*, union: bool = True) -> str:
        port = _free_port()
        folder = tmp_path_factory.mktemp("oxigraph")
        command = [_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            command + (["--union-default-graph"] if union else []),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(server)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    return url
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, f"oxigraph serve exited with {server.returncode}"
                assert time.monotonic() < deadline, "oxigraph serve did not answer within 30 s"
                time.sleep(0.1)

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_remote_store_endpoints_follow_the_url():
    store = RemoteStore("http://user:secret@localhost:3030/news?query=sparql&store=data")
    assert (store.query_url, store.store_url) == (
        "http://localhost:3030/news/sparql",
        "http://localhost:3030/news/data",
    )
    assert store.location == "http://localhost:3030/news?query=sparql&store=data"  # no password shown
    graphdb = RemoteStore("http://localhost:7200/repositories/news?query=.&store=rdf-graphs/service")
    assert graphdb.query_url == "http://localhost:7200/repositories/news"
    oxigraph = RemoteStore("http://127.0.0.1:7878/")
    assert (oxigraph.query_url, oxigraph.store_url) == ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store")


def test_remote_store_write_replaces_graphs_and_queries(oxigraph_server):
    store = open_store(oxigraph_server())
    label = (URIRef(BASE + "entity/kyiv"), RDFS.label, Literal("Kyiv", lang="en"))
    facts = [(URIRef(BASE + f"statement/{n}"), URIRef(KGO + "sentenceIndex"), Literal(n)) for n in range(4)]
    store.write([label], {BASE + "doc/a": facts})
    store.write([label], {BASE + "doc/a": facts[:2]})
    assert store.size() == 3
    found = store.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER (STR(?l) = ?name) }", bindings={"name": "Kyiv"})
    assert found.rows == ((BASE + "entity/kyiv",),)
    assert len(store.query("SELECT ?s WHERE { ?s kgo:sentenceIndex ?n }", limit=1).rows) == 1


def test_remote_store_says_when_the_default_graph_is_not_the_union(oxigraph_server):
    store = open_store(oxigraph_server(union=False))
    store.write([], {BASE + "doc/a": [(URIRef(BASE + "statement/1"), URIRef(KGO + "sentenceIndex"), Literal(1))]})
    with pytest.raises(GraphError, match="--union-default-graph"):
        store.query("ASK { ?s ?p ?o }")


def test_remote_store_that_does_not_answer(capsys):
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(QueryFailedError, match="cannot reach the store"):
        open_store(url).query("ASK {}")
    assert main(["query", url, "ASK {}"]) == 1
    assert "cannot reach the store" in capsys.readouterr().err


@pytest.mark.model
def test_remote_round_trip(oxigraph_server, tmp_path: Path, capsys):
    url = oxigraph_server()
    summit, strikes = tmp_path / "summit.txt", tmp_path / "strikes.txt"
    summit.write_text(SUMMIT, encoding="utf-8")
    strikes.write_text(STRIKES, encoding="utf-8")
    assert main(["build", str(summit), "--store", url]) == 0
    assert main(["build", str(strikes), "--store", url]) == 0
    size = open_store(url).size()
    assert main(["build", str(strikes), "--store", url]) == 0  # adding it again changes nothing
    assert open_store(url).size() == size
    capsys.readouterr()
    # The surname in the second article merged with the full name stored from the first.
    assert main(["query", url, "SELECT ?s WHERE { ?s kgo:attacked ?o }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [BASE + "entity/vladimir-putin"]
    assert main(["query", url, "--named", "who-did-what", "--bind", "entity=Vladimir Putin", "--format", "csv"]) == 0
    assert "Vladimir Putin,attacked,Ukraine" in capsys.readouterr().out
    assert main(["centrality", url, "--top", "3"]) == 0
    # The same articles in a local store give the same graph.
    local = tmp_path / "store"
    assert main(["build", str(summit), "--store", str(local)]) == 0
    assert main(["build", str(strikes), "--store", str(local)]) == 0
    assert isomorphic(open_store(url).to_graph(), open_store(local).to_graph())
