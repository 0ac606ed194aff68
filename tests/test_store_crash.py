"""A store survives SIGKILL in the middle of a load: it opens again with everything written before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rdflib import RDF, Literal, URIRef

from kg.store import LocalStore, open_store

BASE = "https://example.org/kg/"
KGO = "https://example.org/kg/ontology#"
PER_GRAPH = 3000
# Writes one article graph after another until it is killed, printing each one's number once written.
LOADER = f"""
import sys
from rdflib import RDF, Literal, URIRef
from kg.store import LocalStore

store = LocalStore(sys.argv[1], writable=True)
number = 0
while True:
    doc = URIRef("{BASE}doc/load-%d" % number)
    facts = [(URIRef("{BASE}statement/%d-%d" % (number, n)), URIRef("{KGO}sentenceIndex"), Literal(n))
             for n in range({PER_GRAPH})]
    store.write([(doc, RDF.type, URIRef("{KGO}Article"))], {{str(doc): facts}})
    print(number, flush=True)
    number += 1
"""


def test_store_killed_mid_load_opens_with_its_earlier_content(tmp_path: Path):
    location = tmp_path / "store"
    earlier = LocalStore(location, writable=True)
    doc = URIRef(BASE + "doc/earlier")
    facts = [(URIRef(BASE + f"statement/e-{n}"), URIRef(KGO + "sentenceIndex"), Literal(n)) for n in range(500)]
    earlier.write([(doc, RDF.type, URIRef(KGO + "Article"))], {str(doc): facts})
    earlier.close()
    del earlier

    loader = subprocess.Popen([sys.executable, "-c", LOADER, str(location)], stdout=subprocess.PIPE, text=True)
    try:
        written = [loader.stdout.readline() for _ in range(3)]  # three batches are in: it is mid-load
        assert all(line.strip() for line in written), "the loader stopped before it was killed"
        time.sleep(0.05)
        os.kill(loader.pid, signal.SIGKILL)
    finally:
        loader.kill()
        loader.wait()
        loader.stdout.close()
    assert loader.returncode == -signal.SIGKILL

    store = open_store(location)
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    sizes = {graph: int(n) for graph, n in rows}
    assert sizes.pop(str(doc)) == 500  # everything written before the load is there
    # Each batch is one transaction: a graph is there whole or not at all, and the first three are there.
    assert all(n == PER_GRAPH for n in sizes.values())
    assert {BASE + f"doc/load-{n}" for n in range(3)} <= set(sizes)
    # And it can be written to again.
    store.close()
    again = LocalStore(location, writable=True)
    again.write([], {BASE + "doc/after": facts[:1]})
    assert again.query("ASK { GRAPH <https://example.org/kg/doc/after> { ?s ?p ?o } }").boolean
