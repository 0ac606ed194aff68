"""Where a build's time goes, stage by stage, on the issue-14 corpus shape.

In one process, after the model is loaded and warmed up: bare ``nlp.pipe`` of the corpus lines
(batch size 256, the baseline), then kg's stages one after the other on the same articles —
parsing (``kg.nlp.parse``), the parsed paragraphs' trip from the parse worker to kg's process
(``--jobs 1``), the names pass of extraction (``read_sentences``), the rest of
extraction, resolution, the JSONL records, the RDF mapping, Turtle serialisation (rdflib and
kg's streaming writer), the atomic write, and the store path (mapping to Oxigraph terms and
the store's writes). Each stage is timed alone, so the figures add up to a serial build; a real
build overlaps some of them (see :mod:`kg.parallel` and :mod:`kg.store`). Run:
``python -m bench.profile`` (``--sentences``, ``--per-line``).
"""

from __future__ import annotations

import argparse
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from bench.make_corpus import write_corpus
from bench.paths import ROOT

__all__ = ["main"]

OUT = ROOT / "out" / "bench-profile"


@contextmanager
def _timed(rows: list[tuple[str, float]], name: str):
    started = time.perf_counter()
    yield
    rows.append((name, time.perf_counter() - started))


def profile(corpus: Path) -> list[tuple[str, float]]:
    """The seconds of each stage on ``corpus``, the bare pipe first."""
    import io
    import json

    from spacy.tokens import Doc

    from kg.api import triple_record
    from kg.documents import read_articles
    from kg.entities import resolve_triples
    from kg.extraction import extract_article
    from kg.extraction.sentences import read_sentences
    from kg.nlp import load_pipeline, paragraphs, parse
    from kg.ontology import load_lexicon
    from kg.parse_worker import NOT_SENT
    from kg.rdf import extraction_run, serialize, triples_to_graph, triples_to_quads, write_graph
    from kg.rdf_stream import write_stream
    from kg.store import open_store

    nlp, lexicon = load_pipeline(), load_lexicon()
    list(nlp.pipe(["Vladimir Putin met Emmanuel Macron in Paris on Monday.", "Warm-up done."]))
    articles = list(read_articles([corpus]))
    lines = [line for article in articles for _, line in paragraphs(article.text)]
    rows: list[tuple[str, float]] = []
    with _timed(rows, "bare nlp.pipe, batch size 256 (baseline)"):
        for _ in nlp.pipe(lines, batch_size=256):
            pass
    with _timed(rows, "parse (kg.nlp.parse)"):
        parsed = list(parse(articles, nlp))
    with _timed(rows, "parsed Docs to dicts, in the parse worker (--jobs 1; Doc.to_dict)"):
        sent = [[p.doc.to_dict(exclude=NOT_SENT) for p in one.paragraphs] for one in parsed]
    with _timed(rows, "and back, in kg's process (Doc.from_dict)"):
        for docs in sent:
            for data in docs:
                Doc(nlp.vocab).from_dict(data)
    del sent
    with _timed(rows, "extraction: names and roles (read_sentences)"):
        for one in parsed:
            list(read_sentences(one, lexicon))
    with _timed(rows, "extraction: whole (extract_article, names included)"):
        facts = [(one.article, extract_article(one, lexicon)) for one in parsed]
    del parsed
    with _timed(rows, "resolution (resolve_triples)"):
        triples = resolve_triples(facts, lexicon, base="https://example.org/kg/")
    with _timed(rows, "JSONL records and text"):
        "".join(json.dumps(triple_record(t), ensure_ascii=False) + "\n" for t in triples)
    run = extraction_run(articles, model_meta=nlp.meta)
    with _timed(rows, "RDF mapping to an rdflib graph (triples_to_graph)"):
        graph = triples_to_graph(triples, lexicon, articles=articles, run=run)
    with _timed(rows, "Turtle serialisation, rdflib"):
        data = serialize(graph, "turtle")
    with _timed(rows, "atomic write of that Turtle"):
        write_graph(data, OUT / "rdflib.ttl")
    del graph, data
    with _timed(rows, "RDF mapping and Turtle, kg's streaming writer (to memory)"):
        write_stream(io.BytesIO(), triples, lexicon, fmt="turtle", articles=articles, run=run)
    with _timed(rows, "RDF mapping to Oxigraph terms (triples_to_quads, per article)"):
        mapped = []
        for article in articles:
            mine = [t for t in triples if t.article.id == article.id]
            one = extraction_run([article], model_meta=nlp.meta)
            mapped.append(triples_to_quads(mine, lexicon, articles=[article], run=one))
    store_path = OUT / "store"
    shutil.rmtree(store_path, ignore_errors=True)
    store = open_store(store_path, create=True)
    with _timed(rows, "store writes (Oxigraph, on the writer thread in a build)"):
        for shared, graphs in mapped:
            store.write(shared, graphs)
        store.flush()
    store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the breakdown as a Markdown table, each stage also as a share of the bare pipe."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3_588, help="corpus size (default 3,588: the data twice)")
    parser.add_argument("--per-line", type=int, default=1, help="sentences a line (default 1)")
    options = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"corpus-{options.sentences}-{options.per_line}.jsonl"
    if not corpus.exists():
        write_corpus(corpus, count=options.sentences, per_line=options.per_line)
    rows = profile(corpus)
    baseline = rows[0][1]
    print(f"corpus: {corpus.relative_to(ROOT)}\n")
    print("| stage | seconds | ÷ bare nlp.pipe |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / baseline:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
