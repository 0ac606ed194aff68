"""Scale benchmark: build throughput, --jobs speed-up, memory growth, Oxigraph against rdflib.

1. ``kg build --store`` throughput ÷ bare spaCy ``nlp.pipe`` throughput, same text, same model,
   same process (target ≥ 0.85). The strict baseline pipes the very paragraph lines kg parses
   (batch size 64, as kg does); the plain one pipes each article's text whole with spaCy's defaults.
2. ``--jobs 2`` ÷ ``--jobs 1`` throughput on this machine (target ≥ 1.6).
3. Peak RSS of ``kg build --store`` for 10× the text ÷ 1× (target ≤ 1.5): each run a child
   process, its peak read with ``os.wait4``.
4. A graph of ≥ 1 million triples (step 1's store repeated with renamed article, statement
   and activity IRIs; entities stay shared, as in a growing corpus): load rate into Oxigraph
   and rdflib, and the latency of three named queries in each.

Each throughput run loads the model and warms it up before its clock starts. The corpus
comes from ``bench/make_corpus.py`` (real CaRB and CoNLL04 sentences) and, like every store,
lives in ``out/bench-scale/``. Steps 1 and 2 run in rounds (``--rounds``, default 3), each a
build next to its baseline; the median ratio is reported with its range. Run:
``python -m bench.bench_scale`` (about twenty minutes on two cores); ``--sentences``,
``--memory-base``, ``--triples``, ``--rounds`` and ``--steps`` scale it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.make_corpus import write_corpus
from bench.paths import ROOT

__all__ = ["main"]

OUT = ROOT / "out" / "bench-scale"
TARGETS = {"build ÷ nlp.pipe": 0.85, "--jobs 2 ÷ --jobs 1": 1.6, "peak RSS 10× ÷ 1×": 1.5}
QUERIES = {"who-did-what": False, "about-entity": True, "timeline": True}
RDFLIB_TIMEOUT = 300.0


def _corpus(sentences: int) -> Path:
    path = OUT / f"corpus-{sentences}.jsonl"
    if not path.exists():
        write_corpus(path, count=sentences)
    return path


def _warm_pipeline():
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(["Vladimir Putin met Emmanuel Macron in Paris on Monday.", "Warm-up done."]))
    return nlp


def _worker_throughput(corpus: Path, store: Path, jobs: int, baselines: str) -> dict[str, float]:
    """In one process: the bare pipes ("lines", or "all" for both), then kg build --store; seconds each."""
    from kg.api import build_store
    from kg.documents import read_articles
    from kg.nlp import paragraphs

    nlp = _warm_pipeline()
    result: dict[str, float] = {}
    if baselines:
        articles = list(read_articles([corpus]))
        lines = [line for article in articles for _, line in paragraphs(article.text)]
        started = time.perf_counter()
        sentences = sum(1 for doc in nlp.pipe(lines, batch_size=64) for _ in doc.sents)
        result["pipe_lines"] = time.perf_counter() - started
        if baselines == "all":
            started = time.perf_counter()
            for _ in nlp.pipe(article.text for article in articles):
                pass
            result["pipe_articles"] = time.perf_counter() - started
        result["sentences"] = sentences
        del articles, lines
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    load = build_store([corpus], store, jobs=jobs)
    result["build"] = time.perf_counter() - started
    result["build_sentences"] = load.sentences
    result["articles"] = load.articles
    result["triples"] = load.triples
    return result


def _child(arguments: list[str]) -> tuple[str, int]:
    """Run a child Python; return its standard output and its peak RSS in bytes (``os.wait4``)."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, *arguments], stdout=subprocess.PIPE, stderr=errors, cwd=ROOT)
        output = process.stdout.read().decode()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace"))
            raise SystemExit(f"bench: {' '.join(arguments)} failed with exit code {process.returncode}")
    return output, usage.ru_maxrss * 1024  # Linux reports kilobytes


def _throughput(corpus: Path, store: Path, jobs: int, baselines: str = "") -> dict[str, float]:
    arguments = ["-m", "bench.bench_scale", "--worker", str(corpus), str(store), str(jobs)]
    output, _ = _child(arguments + (["--baselines", baselines] if baselines else []))
    return json.loads(output.strip().splitlines()[-1])


def _median_ratio(ratios: list[float]) -> str:
    """ "0.912 (0.880–0.931 over 3 rounds)": the median is the figure, the range shows the noise."""
    if len(ratios) == 1:
        return f"{ratios[0]:.3f}"
    return f"{statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f} over {len(ratios)} rounds)"


def _rss(corpus: Path, store: Path) -> int:
    shutil.rmtree(store, ignore_errors=True)
    _, peak = _child(["-m", "kg", "build", str(corpus), "--store", str(store)])
    return peak


def _million(source: Path, target: Path, triples: int) -> tuple[Path, int]:
    """An N-Quads file of ≥ ``triples`` quads: ``source``'s quads, copied with renamed per-article IRIs."""
    import pyoxigraph

    renamed = ("/doc/", "/statement/", "/run/")
    lines = [f"{quad} .\n" for quad in pyoxigraph.Store.read_only(str(source))]
    # Quads naming no article, statement or activity (entities, ontology terms) are shared by the copies.
    per_copy = sum(1 for line in lines if any(part in line for part in renamed))
    copies = max(1, math.ceil((triples - (len(lines) - per_copy)) / per_copy))
    path = target / "million.nq"
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        for copy in range(copies):
            for line in lines:
                if copy:
                    if not any(part in line for part in renamed):
                        continue
                    for part in renamed:
                        line = line.replace(part, f"{part}copy{copy}-")
                stream.write(line)
                count += 1
    return path, count


def _queries(nquads: Path, store_path: Path) -> list[dict[str, object]]:
    """Load ``nquads`` into Oxigraph and rdflib; time three named queries in each."""
    import pyoxigraph
    from rdflib import Dataset

    from kg.named_queries import named_query
    from kg.sparql import run_query
    from kg.store import LocalStore

    rows: list[dict[str, object]] = []
    shutil.rmtree(store_path, ignore_errors=True)
    oxigraph = pyoxigraph.Store(str(store_path))
    started = time.perf_counter()
    oxigraph.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    oxigraph.flush()
    oxigraph_load = time.perf_counter() - started
    quads = len(oxigraph)
    del oxigraph
    transactional = store_path.with_name(store_path.name + "-extend")
    shutil.rmtree(transactional, ignore_errors=True)
    into = pyoxigraph.Store(str(transactional))
    started = time.perf_counter()
    for batch in _quad_batches(pyoxigraph.parse(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS), 50_000):
        into.extend(batch)
    into.flush()
    extend_load = time.perf_counter() - started
    del into
    shutil.rmtree(transactional, ignore_errors=True)
    started = time.perf_counter()
    graph = Dataset(default_union=True)
    graph.parse(str(nquads), format="nquads")
    rdflib_load = time.perf_counter() - started
    rows.append({"measure": "load: quads", "oxigraph": quads, "rdflib": quads, "ratio": None})
    rows.append(
        {
            "measure": "load: Oxigraph bulk_load (quads/s) vs rdflib parse",
            "oxigraph": quads / oxigraph_load,
            "rdflib": quads / rdflib_load,
            "ratio": rdflib_load / oxigraph_load,
        }
    )
    rows.append(
        {
            "measure": "load: Oxigraph extend, 50k a transaction (kg's path)",
            "oxigraph": quads / extend_load,
            "rdflib": quads / rdflib_load,
            "ratio": rdflib_load / extend_load,
        }
    )

    store = LocalStore(store_path)
    people = store.query(
        "SELECT ?name (COUNT(?st) AS ?n) WHERE { ?e a kgo:Person ; rdfs:label ?name . ?st rdf:subject ?e } "
        "GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"
    )
    entity = people.rows[0][0]
    for name, bound in QUERIES.items():
        query = named_query(name)
        values = {"entity": entity} if bound else {}
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            answer = store.query(query.text, bindings=values)
            timings.append(time.perf_counter() - started)
        fast = statistics.median(timings)
        started = time.perf_counter()
        try:
            slow_rows: object = len(
                run_query(graph, query.text, bindings=query.bindings(values), timeout=RDFLIB_TIMEOUT).rows
            )
            slow: float | None = time.perf_counter() - started
        except Exception as error:  # the timeout: report it as a lower bound
            slow_rows, slow = f"stopped ({type(error).__name__})", None
        label = f"query {name}" + (f" (entity={entity})" if bound else "")
        shown = slow if slow else f"> {RDFLIB_TIMEOUT:g}"
        rows.append(
            {
                "measure": f"{label}: seconds",
                "oxigraph": fast,
                "rdflib": shown,
                "ratio": (slow / fast) if slow else None,
            }
        )
        rows.append({"measure": f"{label}: rows", "oxigraph": len(answer.rows), "rdflib": slow_rows, "ratio": None})
    return rows


def _quad_batches(quads, size: int):
    batch = []
    for quad in quads:
        batch.append(quad)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    """Run the steps and print one table per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000, help="the corpus (default 10,000 sentences)")
    parser.add_argument("--memory-base", type=int, default=1_000, help="step 3's 1× (default 1,000 sentences)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="step 4's graph size (default 1,000,000)")
    parser.add_argument("--steps", default="1,2,3,4", help="which steps to run (default 1,2,3,4)")
    parser.add_argument("--worker", nargs=3, metavar=("CORPUS", "STORE", "JOBS"), help=argparse.SUPPRESS)
    parser.add_argument("--baselines", choices=("lines", "all"), help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of steps 1 and 2, median reported (default 3)")
    options = parser.parse_args(argv)
    if options.worker:
        corpus, store, jobs = options.worker
        print(json.dumps(_worker_throughput(Path(corpus), Path(store), int(jobs), options.baselines or "")))
        return 0
    steps = {int(step) for step in options.steps.split(",")}
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = _corpus(options.sentences)
    print(f"corpus: {corpus.relative_to(ROOT)} ({options.sentences:,} sentences); {os.cpu_count()} cores\n")
    store = OUT / "store"
    # Steps 1 and 2 in rounds: each round measures the builds next to their baseline, so noise
    # from the shared machine falls on both; the median of the rounds' ratios is the figure.
    rounds: list[tuple[dict[str, float], dict[str, float] | None]] = []
    for n in range(max(1, options.rounds) if steps & {1, 2} else 1 if 4 in steps else 0):
        baselines = ("all" if not n else "lines") if 1 in steps else ""
        one = _throughput(corpus, store, 1, baselines)
        rounds.append((one, _throughput(corpus, OUT / "store-jobs2", 2) if 2 in steps else None))
    if 1 in steps:
        one = rounds[0][0]
        build = [r["sentences"] / r["build"] for r, _ in rounds]
        lines = [r["sentences"] / r["pipe_lines"] for r, _ in rounds]
        articles = one["sentences"] / one["pipe_articles"]
        print("| step 1: throughput (sentences/s) | value (median) | ratio to kg build | target |")
        print("|---|---|---|---|")
        print(
            f"| kg build --store, --jobs 1 ({one['articles']:,} articles, {one['triples']:,} triples) "
            f"| {statistics.median(build):,.1f} | | |"
        )
        print(
            f"| bare nlp.pipe, kg's paragraph lines (strict) | {statistics.median(lines):,.1f} | "
            f"{_median_ratio([b / p for b, p in zip(build, lines)])} | ≥ 0.85 |"
        )
        print(
            f"| bare nlp.pipe, whole article texts (spaCy defaults; round 1) | {articles:,.1f} | "
            f"{build[0] / articles:.3f} | ≥ 0.85 |\n"
        )
    if 2 in steps:
        firsts = [one["build_sentences"] / one["build"] for one, _ in rounds]
        seconds = [two["build_sentences"] / two["build"] for _, two in rounds]
        print("| step 2: kg build --store | sentences/s (median) | ratio | target |")
        print("|---|---|---|---|")
        print(f"| --jobs 1 | {statistics.median(firsts):,.1f} | | |")
        ratio = _median_ratio([b / a for a, b in zip(firsts, seconds)])
        print(f"| --jobs 2 (worker start-up included) | {statistics.median(seconds):,.1f} | {ratio} | ≥ 1.6 |\n")
    if 3 in steps:
        small = _corpus(options.memory_base)
        large = _corpus(options.memory_base * 10)
        base, tenfold = _rss(small, OUT / "store-rss-1x"), _rss(large, OUT / "store-rss-10x")
        print("| step 3: peak RSS of kg build --store, --jobs 1 | MiB | ratio | target |")
        print("|---|---|---|---|")
        print(f"| 1× ({options.memory_base:,} sentences) | {base / 2**20:,.0f} | | |")
        print(
            f"| 10× ({options.memory_base * 10:,} sentences) | {tenfold / 2**20:,.0f} | "
            f"{tenfold / base:.3f} | ≤ 1.5 |\n"
        )
    if 4 in steps:
        nquads, count = _million(store, OUT, options.triples)
        print(f"step 4: {count:,} quads in {nquads.relative_to(ROOT)}")
        rows = _queries(nquads, OUT / "store-million")
        print("| step 4 | Oxigraph | rdflib | rdflib ÷ Oxigraph (time) |")
        print("|---|---|---|---|")
        for row in rows:
            print(f"| {row['measure']} | {_cell(row['oxigraph'])} | {_cell(row['rdflib'])} | {_cell(row['ratio'])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
