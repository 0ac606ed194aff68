"""Benchmark: ``kg serve`` under load from concurrent clients, with a query cut by ``--timeout`` meanwhile.

A synthetic news graph (fixed seed: articles of one-fact sentences between made-up
entities, written by kg's own RDF writer) is served by the real command on 127.0.0.1.
``--clients`` threads then make ``--requests`` requests in all, spread over entity pages,
search as one types, and a SPARQL SELECT through the protocol endpoint; while they run, one
more client sends a query that runs past ``--timeout`` and must come back as 504 while the
others go on. Prints p50 and p99 latency per kind of request and the errors (non-2xx
answers or failed connections), and exits 1 if there were any.

Usage::

    python -m bench.bench_serve [--requests 2000] [--clients 20] [--articles 150] [--timeout 2] [--seed 42]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

__all__ = ["synthetic_graph", "main"]

BASE = "https://example.org/kg/"
_FIRST = ("Ana", "Boris", "Chen", "Dara", "Emil", "Fatma", "Goran", "Hana", "Ivo", "Jana", "Karl", "Lena")
_LAST = ("Aldren", "Brask", "Corvo", "Dunmore", "Elstad", "Fenwick", "Grau", "Halloran", "Ibsen", "Jurado")
_PLACES = ("Kestrel", "Lornholm", "Marrow", "Nestor Bay", "Ostrava Nova", "Pellin", "Quarry Hill", "Rusk")
_ORGS = ("Council", "Shipping", "Guard", "Assembly", "Union", "Bank")
_VERBS = (("metWith", "met with"), ("attacked", "attacked"), ("sanctioned", "sanctioned"), ("leaderOf", "leads"))
_SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
_SELECT = "SELECT ?who ?whom WHERE { ?s kgo:metWith ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom } LIMIT 50"


def synthetic_graph(*, articles: int = 150, facts: int = 8, seed: int = 42):
    """An RDF graph of ``articles`` made-up articles of ``facts`` one-fact sentences each; and its entities' IRIs."""
    from kg.ontology import KGO, load_lexicon
    from kg.rdf import triples_to_graph
    from kg.types import Article, Entity, Mention, Predicate, Triple

    rng = random.Random(seed)
    lexicon = load_lexicon()
    people = [Entity(f"{f}-{s}".lower(), f"{f} {s}", KGO + "Person", frozenset({s})) for f in _FIRST for s in _LAST]
    places = [Entity(p.lower().replace(" ", "-"), p, KGO + "City") for p in _PLACES]
    orgs = [
        Entity(f"{p}-{o}".lower().replace(" ", "-"), f"{p} {o}", KGO + "Organization") for p in _PLACES for o in _ORGS
    ]
    triples = []
    for number in range(articles):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=number % 90)
        chosen = [(rng.choice(people), *rng.choice(_VERBS), rng.choice(people + places + orgs)) for _ in range(facts)]
        sentences = [f"{s.label} {text} {o.label}." for s, _, text, o in chosen]
        article = Article(f"a{number}", f"Report {number}", day, "\n".join(sentences), f"a{number}.txt")
        offset = 0
        for index, ((subject, prop, text, obj), sentence) in enumerate(zip(chosen, sentences)):
            o_start = offset + len(subject.label) + len(text) + 2
            triples.append(
                Triple(
                    article=article,
                    subject=subject,
                    subject_mention=Mention(
                        subject.label, offset, offset + len(subject.label), subject.label, "", index
                    ),
                    property=KGO + prop,
                    property_label=lexicon.label(KGO + prop),
                    predicate=Predicate(lemma=prop, text=text),
                    object=obj,
                    object_mention=Mention(obj.label, o_start, o_start + len(obj.label), obj.label, "", index),
                    sentence_id=index,
                    sentence=sentence,
                    confidence=round(rng.uniform(0.4, 1.0), 2),
                    rule="bench",
                    hedged=rng.random() < 0.1,
                )
            )
            offset += len(sentence) + 1
    entities = sorted(
        {BASE + "entity/" + t.subject.id for t in triples} | {BASE + "entity/" + t.object.id for t in triples}
    )
    return triples_to_graph(triples, lexicon, base=BASE), entities


def _start(graph: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(graph), "--port", "0", "--timeout", str(timeout)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stderr.readline()
    found = re.search(r"at (http://\S+/) ", line)
    if not found:
        process.kill()
        raise SystemExit(f"kg serve did not start: {line}{process.stderr.read()}")
    return process, found.group(1)


def _get(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test and print its table; return 1 if any request failed."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args(argv)

    rng = random.Random(options.seed)
    graph, entities = synthetic_graph(articles=options.articles, seed=options.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.ttl"
        graph.serialize(path, format="turtle")
        process, url = _start(path, options.timeout)
        try:
            plan = []
            for _ in range(options.requests):
                kind = rng.choices(("entity", "search", "sparql"), weights=(5, 4, 1))[0]
                if kind == "entity":
                    target = url + "entity?" + urllib.parse.urlencode({"id": rng.choice(entities)})
                elif kind == "search":
                    name = rng.choice(_FIRST + _LAST)
                    target = url + "api/search?" + urllib.parse.urlencode({"q": name[: rng.randint(1, len(name))]})
                else:
                    target = url + "sparql?" + urllib.parse.urlencode({"query": _SELECT})
                plan.append((kind, target))
            times: dict[str, list[float]] = defaultdict(list)
            errors: list[tuple[str, int]] = []
            during_slow: list[int] = []
            slow: dict[str, object] = {}
            lock = threading.Lock()
            work = iter(plan)

            def client() -> None:
                while True:
                    with lock:
                        item = next(work, None)
                    if item is None:
                        return
                    kind, target = item
                    status, seconds = _get(target)
                    with lock:
                        times[kind].append(seconds)
                        if not 200 <= status < 300:
                            errors.append((kind, status))
                        if slow.get("running"):
                            during_slow.append(status)

            def slow_client() -> None:
                time.sleep(0.5)
                slow["running"] = True
                slow["status"], slow["seconds"] = _get(url + "sparql?" + urllib.parse.urlencode({"query": _SLOW}))
                slow["running"] = False

            threads = [threading.Thread(target=client) for _ in range(options.clients)]
            threads.append(threading.Thread(target=slow_client))
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)

    everything = [t for values in times.values() for t in values]
    print(
        f"kg serve under load: {options.requests:,} requests from {options.clients} clients in {elapsed:.1f} s "
        f"({options.requests / elapsed:.0f} requests/s); graph of {len(graph):,} triples, {len(entities)} entities"
    )
    print(f"{'requests':<14}{'count':>7}{'p50 ms':>10}{'p99 ms':>10}")
    for kind, values in (*((k, times[k]) for k in ("entity", "search", "sparql")), ("all", everything)):
        p50, p99 = (_percentile(values, share) * 1000 for share in (0.5, 0.99))
        print(f"{kind:<14}{len(values):>7}{p50:>10.1f}{p99:>10.1f}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    cut = slow.get("status") == 504
    print(
        f"slow query: HTTP {slow.get('status')} after {float(slow.get('seconds', 0)):.1f} s "
        f"(--timeout {options.timeout:g}); "
        f"{len(during_slow)} other requests answered meanwhile, {sum(1 for s in during_slow if s != 200)} failed"
    )
    return 0 if not errors and cut and during_slow else 1


if __name__ == "__main__":
    sys.exit(main())
