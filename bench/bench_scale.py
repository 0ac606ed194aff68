"""Scale benchmark (issue 14): each output as fast as parsing, --jobs speed-up, memory, Oxigraph against rdflib.

1. Throughput of the three commands, each ÷ bare spaCy ``nlp.pipe`` of the same lines (batch
   size 256, ``en_core_web_sm``) in the same child process: ``kg extract --format jsonl``,
   ``kg build -o out.ttl`` and ``kg build --store DIR`` (target ≥ 0.90 each). Ratios are bare
   time ÷ kg time.
2. ``--jobs 2`` ÷ ``--jobs 1`` on the same build, ``-o out.ttl`` (target ≥ 1.8), worker start-up
   included; and ÷ ``--jobs 1`` held to one core. ``--jobs 1`` already parses in a worker process
   beside extraction, on the second core, so the first ratio is bounded well below 2 (see the
   README); the second is what a second core gives a one-core build.
3. Peak RSS of ``kg build -o out.ttl`` for 10× the corpus ÷ 1× (target ≤ 1.5): each run a child
   process, its peak read with ``os.wait4``.
4. A graph of ≥ 1 million triples (a store of the corpus repeated with renamed article,
   statement and activity IRIs; entities stay shared, as in a growing corpus): load rate into
   Oxigraph and rdflib, and the latency of three named queries in each.

The corpus has the issue's shape: the CoNLL04 train and dev and CaRB dev sentences, every one
twice (3,588 sentences, shuffled anew each pass), one sentence a line, 20 lines an article, as
JSONL (``bench/make_corpus.py``); it and every store live in ``out/bench-scale/``. Each child
loads the model and the lexicon and warms the model up before its clocks start. Steps 1 and 2 run in rounds
(``--rounds``, default 3): in step 1 each command runs between two bare pipes in the same child
(its baseline is their mean), in step 2 the three builds run one after the other in one child;
the median ratio is reported with its range. Run: ``python -m bench.bench_scale`` (about half an
hour on two cores, a third of it step 4); ``--sentences``, ``--per-line``, ``--triples``, ``--rounds`` and ``--steps``
scale it.
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

from bench.make_corpus import sentences, write_corpus
from bench.paths import ROOT

__all__ = ["main"]

OUT = ROOT / "out" / "bench-scale"
COMMANDS = {
    "extract": "kg extract corpus.jsonl --format jsonl",
    "turtle": "kg build corpus.jsonl -o out.ttl",
    "store": "kg build corpus.jsonl --store DIR",
}
TARGETS = {"throughput": 0.90, "jobs": 1.8, "rss": 1.5}
QUERIES = {"who-did-what": False, "about-entity": True, "timeline": True}
RDFLIB_TIMEOUT = 300.0


def _corpus(count: int, per_line: int) -> Path:
    path = OUT / f"corpus-{count}-{per_line}.jsonl"
    if not path.exists():
        write_corpus(path, count=count, per_line=per_line)
    return path


def _warm_pipeline():
    """The model and the lexicon, loaded once per process as kg loads them, and the model warmed up."""
    from kg.nlp import load_pipeline
    from kg.ontology import load_lexicon

    nlp = load_pipeline()
    list(nlp.pipe(["Vladimir Putin met Emmanuel Macron in Paris on Monday.", "Warm-up done."]))
    _ = load_lexicon().city_populations
    return nlp


def _run_command(command: str, corpus: Path, target: Path, jobs: int) -> None:
    """What the CLI command does, through the same library calls, output to ``target``."""
    from kg.api import build_file, build_store, extract, triple_record

    if command == "extract":
        records = [triple_record(t) for t in extract([corpus], jobs=jobs)]
        with target.open("w", encoding="utf-8") as stream:
            stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    elif command == "turtle":
        build_file([corpus], target, jobs=jobs)
    else:
        shutil.rmtree(target, ignore_errors=True)
        build_store([corpus], target, jobs=jobs)


def _pipe_seconds(nlp, lines: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(lines, batch_size=256):
        pass
    return time.perf_counter() - started


def _worker(corpus: Path, runs: list[str], baseline: bool) -> dict[str, float]:
    """In one process, each run's seconds: ``command@jobs``, or ``command@1core`` (``--jobs 1``
    held to one core, the parse worker with it). With ``baseline``, also the bare pipe's seconds
    before and after each run, as ``pipe:<run>`` (their mean), so that drift in the machine's load
    between a run and its baseline falls on both."""
    from kg.documents import read_articles
    from kg.nlp import paragraphs

    nlp = _warm_pipeline()
    lines = [line for article in read_articles([corpus]) for _, line in paragraphs(article.text)]
    cores = os.sched_getaffinity(0)
    result: dict[str, float] = {}
    before = _pipe_seconds(nlp, lines) if baseline else 0.0
    for run in runs:
        command, _, jobs = run.partition("@")
        target = OUT / {"extract": "out.jsonl", "turtle": "out.ttl", "store": "store"}[command]
        if jobs == "1core":  # the parse worker, forked from here, inherits the one core
            os.sched_setaffinity(0, {min(cores)})
        started = time.perf_counter()
        _run_command(command, corpus, target, 1 if jobs == "1core" else int(jobs))
        result[run] = time.perf_counter() - started
        os.sched_setaffinity(0, cores)
        if baseline:
            after = _pipe_seconds(nlp, lines)
            result[f"pipe:{run}"] = (before + after) / 2
            before = after
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


def _timings(corpus: Path, runs: list[str], baseline: bool) -> dict[str, float]:
    arguments = ["-m", "bench.bench_scale", "--worker", str(corpus), ",".join(runs)]
    output, _ = _child(arguments + (["--baseline"] if baseline else []))
    return json.loads(output.strip().splitlines()[-1])


def _median_ratio(ratios: list[float]) -> str:
    """ "0.912 (0.880–0.931 over 3 rounds)": the median is the figure, the range shows the noise."""
    if len(ratios) == 1:
        return f"{ratios[0]:.3f}"
    return f"{statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f} over {len(ratios)} rounds)"


def _verdict(ratios: list[float], target: float, *, at_most: bool = False) -> str:
    """ "pass" when the median meets the target, and whether every round did."""
    meets = [(r <= target) if at_most else (r >= target) for r in ratios]
    median = statistics.median(ratios)
    if not ((median <= target) if at_most else (median >= target)):
        return "fail"
    return "pass" if all(meets) else f"pass (median; {meets.count(False)} round(s) below)"


def _rss(corpus: Path, output: Path) -> int:
    _, peak = _child(["-m", "kg", "build", str(corpus), "-o", str(output)])
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
    parser.add_argument("--sentences", type=int, help="the corpus (default: every shared sentence twice, 3,588)")
    parser.add_argument("--per-line", type=int, default=1, help="sentences a line (default 1)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="step 4's graph size (default 1,000,000)")
    parser.add_argument("--steps", default="1,2,3,4", help="which steps to run (default 1,2,3,4)")
    parser.add_argument("--worker", nargs=2, metavar=("CORPUS", "RUNS"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of steps 1 and 2, median reported (default 3)")
    options = parser.parse_args(argv)
    if options.worker:
        corpus, runs = options.worker
        print(json.dumps(_worker(Path(corpus), runs.split(","), options.baseline)))
        return 0
    steps = {int(step) for step in options.steps.split(",")}
    OUT.mkdir(parents=True, exist_ok=True)
    count = options.sentences or 2 * len(sentences())
    corpus = _corpus(count, options.per_line)
    print(f"corpus: {corpus.relative_to(ROOT)} ({count:,} sentences); {os.cpu_count()} cores\n")
    # Steps 1 and 2 in rounds: each round runs every command between two baselines in one child
    # (step 2: the three builds one after the other in one child), so noise from the shared
    # machine falls on both sides of a ratio; the median of the rounds' ratios is the figure.
    first: list[dict[str, float]] = []
    second: list[dict[str, float]] = []
    for _ in range(max(1, options.rounds) if steps & {1, 2} else 0):
        if 1 in steps:
            first.append(_timings(corpus, [f"{command}@1" for command in COMMANDS], baseline=True))
        if 2 in steps:
            second.append(_timings(corpus, ["turtle@1", "turtle@2", "turtle@1core"], baseline=False))
    if 1 in steps:
        print("| step 1: bare nlp.pipe time ÷ kg time, --jobs 1 | median (range) | target | verdict |")
        print("|---|---|---|---|")
        pipe = statistics.median(r[f"pipe:{c}@1"] for r in first for c in COMMANDS)
        print(f"| bare nlp.pipe, batch size 256: seconds | {pipe:.1f} | | |")
        for command, shown in COMMANDS.items():
            ratios = [r[f"pipe:{command}@1"] / r[f"{command}@1"] for r in first]
            target = TARGETS["throughput"]
            print(f"| `{shown}` | {_median_ratio(ratios)} | ≥ {target} | {_verdict(ratios, target)} |")
        print()
    if 2 in steps:
        target = TARGETS["jobs"]
        print("| step 2: `kg build corpus.jsonl -o out.ttl` | seconds (median) | --jobs 2 ÷ this | target | verdict |")
        print("|---|---|---|---|---|")
        print(f"| --jobs 2 (worker start-up included) | {statistics.median(r['turtle@2'] for r in second):.1f} | | | |")
        for run, shown in (
            ("turtle@1", "--jobs 1 (parsing in a worker beside extraction)"),
            ("turtle@1core", "--jobs 1 held to one core"),
        ):
            ratios = [r[run] / r["turtle@2"] for r in second]
            print(
                f"| {shown} | {statistics.median(r[run] for r in second):.1f} | {_median_ratio(ratios)} "
                f"| ≥ {target} | {_verdict(ratios, target)} |"
            )
        print()
    if 3 in steps:
        small, large = corpus, _corpus(count * 10, options.per_line)
        base, tenfold = _rss(small, OUT / "rss-1x.ttl"), _rss(large, OUT / "rss-10x.ttl")
        print("| step 3: peak RSS of `kg build -o out.ttl`, --jobs 1 | MiB | ratio | target | verdict |")
        print("|---|---|---|---|---|")
        print(f"| 1× ({count:,} sentences) | {base / 2**20:,.0f} | | | |")
        ratio = tenfold / base
        print(
            f"| 10× ({count * 10:,} sentences) | {tenfold / 2**20:,.0f} | {ratio:.3f} | ≤ {TARGETS['rss']} "
            f"| {_verdict([ratio], TARGETS['rss'], at_most=True)} |\n"
        )
    if 4 in steps:
        store = OUT / "store"
        if not store.exists():
            _timings(corpus, ["store@1"], baseline=False)
        nquads, quads = _million(store, OUT, options.triples)
        print(f"step 4: {quads:,} quads in {nquads.relative_to(ROOT)}")
        rows = _queries(nquads, OUT / "store-million")
        print("| step 4 | Oxigraph | rdflib | rdflib ÷ Oxigraph (time) |")
        print("|---|---|---|---|")
        for row in rows:
            print(f"| {row['measure']} | {_cell(row['oxigraph'])} | {_cell(row['rdflib'])} | {_cell(row['ratio'])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
