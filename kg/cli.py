"""The ``kg`` command: a thin Typer layer over :mod:`kg.api`.

Library errors become a one-line ``kg: error: ...`` on stderr and an exit code here, and
only here: 2 for bad usage or input, 1 for a failure while running. ``--debug`` shows
the traceback instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.errors import InputError, Interrupted, KGError, UsageError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs from news articles: extract facts, write RDF, query, rank.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Inputs = Annotated[list[str], typer.Argument(help="Text or HTML files, folders of them, .jsonl files, or - for stdin.")]
Model = Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to parse with.")]
Ontology = Annotated[
    list[Path] | None,
    typer.Option("--ontology", help="Extra Turtle file extending the ontology or lexicon (repeatable)."),
]
Base = Annotated[str, typer.Option("--base", help="Namespace for entity, document and relation IRIs.")]
# A string, not a Path: a store URL's "//" must survive.
GraphPath = Annotated[
    str,
    typer.Argument(help="Graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD), store folder or store URL."),
]
SkipBad = Annotated[
    bool,
    typer.Option("--skip-bad", help="Skip unreadable files and broken JSONL lines; report how many on stderr."),
]

_DEBUG = {"on": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    _DEBUG["on"] = debug


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UsageError(f"unknown {option} {value!r} (choose from {', '.join(allowed)})")
    return value


def _report_skipped(skipped: list[InputError]) -> None:
    if skipped:
        count = f"{len(skipped)} bad input" + ("" if len(skipped) == 1 else "s")
        typer.echo(f"kg: warning: skipped {count} (first: {skipped[0]})", err=True)


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one triple a line) or table.")] = "jsonl",
    model: Model = "en_core_web_sm",
    ontology: Ontology = None,
    base: Base = "https://example.org/kg/",
    open_ie: Annotated[
        bool, typer.Option("--open", help="Open-IE mode: each line a sentence, every relation, arguments as written.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parse and extract in N worker processes.")] = 1,
    skip_bad: SkipBad = False,
) -> None:
    """Extract subject–relation–object triples with provenance."""
    from kg.api import extract as run_extract
    from kg.api import extract_open, triple_record
    from kg.parallel import check_options
    from kg.render import render_rows

    _choice(format, ("jsonl", "table"), "--format")
    check_options(jobs=jobs)
    if open_ie and jobs > 1:
        raise UsageError("--jobs goes with article extraction, not --open (one fast pass over independent lines)")
    skipped: list[InputError] | None = [] if skip_bad else None
    if open_ie:
        records = list(extract_open(inputs, model=model, skipped=skipped))
        _report_skipped(skipped or [])
        if format == "jsonl":
            sys.stdout.write(render_rows(records, "jsonl"))
            return
        rows = [
            {
                "line": r["sentence_id"],
                "subject": r["arguments"][0],
                "relation": r["predicate"]["text"],
                "object": " | ".join(r["arguments"][1:]),
                "confidence": r["confidence"],
            }
            for r in records
        ]
        sys.stdout.write(render_rows(rows, "table"))
        return
    triples = run_extract(inputs, model=model, ontology=ontology or (), base=base, skipped=skipped, jobs=jobs)
    _report_skipped(skipped or [])
    records = [triple_record(t, base=base) for t in triples]
    if format == "jsonl":
        sys.stdout.write(render_rows(records, "jsonl"))
        return
    rows = [
        {
            "doc": r["doc"],
            "sentence": r["sentence_id"],
            "subject": r["subject"]["label"],
            "relation": r["predicate"]["label"],
            "object": r["object"]["label"],
            "confidence": r["confidence"],
        }
        for r in records
    ]
    sys.stdout.write(render_rows(rows, "table"))


@app.command()
def build(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Graph file to write (atomically).")] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="turtle, trig, nt, nquads or json-ld (default: from -o).")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Add to an Oxigraph store folder (created if new) or a SPARQL 1.1 endpoint URL, batch by batch, "
            "instead of writing -o.",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parse and extract in N worker processes.")] = 1,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Parse and extract on the Dask cluster at this scheduler address.")
    ] = None,
    model: Model = "en_core_web_sm",
    ontology: Ontology = None,
    base: Base = "https://example.org/kg/",
    skip_bad: SkipBad = False,
    timestamp: Annotated[
        str | None,
        typer.Option(
            "--timestamp",
            help="Record this start time (ISO 8601, or 'now') on the extraction activity; "
            "without it the same inputs give the same bytes.",
        ),
    ] = None,
) -> None:
    """Build an RDF graph of the articles and write it to a file, or add them to a store (--store)."""
    from kg.api import build_file
    from kg.parallel import check_options
    from kg.rdf import format_for, parse_timestamp

    if (output is None) == (store is None):
        raise UsageError("give one of -o FILE and --store STORE")
    check_options(jobs=jobs, dask=dask)
    started = parse_timestamp(timestamp) if timestamp is not None else None
    if store is not None:
        _build_store(inputs, store, format, model, ontology, base, skip_bad, started, jobs, dask)
        return
    format_for(output, format)  # reject a bad --format before the slow work
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; -o needs a file name")
    skipped: list[InputError] | None = [] if skip_bad else None
    written = build_file(
        inputs,
        output,
        format=format,
        model=model,
        ontology=ontology or (),
        base=base,
        skipped=skipped,
        timestamp=started,
        jobs=jobs,
        dask=dask,
        progress=True,
    )
    _report_skipped(skipped or [])
    typer.echo(f"kg: wrote {written} triples to {output}", err=True)


def _build_store(
    inputs: list[str],
    store: str,
    format: str | None,
    model: str,
    ontology: list[Path] | None,
    base: str,
    skip_bad: bool,
    started: dt.datetime | None,
    jobs: int,
    dask: str | None,
) -> None:
    """``kg build --store``: stream the articles into the store."""
    from kg.api import build_store

    if format is not None:
        raise UsageError("--format goes with -o; a store keeps RDF in its own form")
    skipped: list[InputError] | None = [] if skip_bad else None
    load = build_store(
        inputs,
        store,
        model=model,
        ontology=ontology or (),
        base=base,
        skipped=skipped,
        timestamp=started,
        jobs=jobs,
        dask=dask,
        progress=True,
    )
    _report_skipped(skipped or [])
    typer.echo(
        f"kg: added {load.articles} articles ({load.statements} statements, {load.triples} triples) to {load.location}",
        err=True,
    )


@app.command()
def query(
    graph: Annotated[
        str | None,
        typer.Argument(help="Graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD), store folder or store URL."),
    ] = None,
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL SELECT or ASK query text; with --named, the query's name.")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    named: Annotated[
        bool,
        typer.Option(
            "--named",
            help="Run the named query (ontology/queries/NAME.rq) given after GRAPH; without a name, list them.",
        ),
    ] = False,
    bind: Annotated[
        list[str] | None,
        typer.Option("--bind", help='Bind a named query\'s parameter: NAME=VALUE, e.g. entity="Valery Gerasimov".'),
    ] = None,
    format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", help="Return at most N rows.")] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Give up after this many seconds (exit code 1).")
    ] = None,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Let SERVICE and FROM fetch remote endpoints and documents.")
    ] = False,
) -> None:
    """Run a read-only SPARQL query over a graph file or store (prefixes kgo, rdf, rdfs, skos, prov, dcterms declared).

    kg query GRAPH --named NAME --bind entity="Valery Gerasimov" runs a named query; kg query --named lists them.
    """
    from kg.api import query as run_query
    from kg.render import render_rows

    _choice(format, ("table", "csv", "json"), "--format")
    if named:
        _named_query(graph, sparql, file, bind or [], format, limit)
        return
    if bind:
        raise UsageError("--bind goes with --named (a named query's parameters)")
    if graph is None:
        raise UsageError("give a graph file and a query")
    if (sparql is None) == (file is None):
        raise UsageError("give a query as text or with --file, not both or neither")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{file}: cannot read query ({getattr(error, 'strerror', None) or error})") from None
    result = run_query(graph, sparql, limit=limit, timeout=timeout, allow_remote=allow_remote)
    if result.boolean is not None:
        typer.echo("true" if result.boolean else "false")
        return
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    sys.stdout.write(render_rows(rows, format, columns=result.columns))
    if result.truncated:
        typer.echo(f"kg: note: showed the first {limit} rows (--limit); more matched", err=True)


def _named_query(
    graph: str | None, name: str | None, file: Path | None, bind: list[str], format: str, limit: int | None
) -> None:
    """``kg query --named``: list the named queries, or run one with its parameters bound."""
    from kg.named_queries import named_queries, parse_bindings
    from kg.render import render_rows

    if file is not None:
        raise UsageError("give --named NAME or --file, not both")
    if name is None:
        if graph is not None and Path(graph).suffix == "" and not Path(graph).exists():
            raise UsageError(f"give the graph file first: kg query GRAPH --named {graph}")
        rows = [
            {
                "name": query.name,
                "parameters": ", ".join(f"{p.name}{'' if p.required else ' (optional)'}" for p in query.parameters),
                "description": query.description,
            }
            for query in named_queries().values()
        ]
        sys.stdout.write(render_rows(rows, format, columns=["name", "parameters", "description"]))
        return
    from kg.api import named_query

    result = named_query(graph, name, parse_bindings(bind), limit=limit)
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    sys.stdout.write(render_rows(rows, format, columns=result.columns))
    if result.truncated:
        typer.echo(f"kg: note: showed the first {limit} rows (--limit); more matched", err=True)


@app.command()
def validate(
    graph: GraphPath,
    ontology: Ontology = None,
    reason: Annotated[
        bool,
        typer.Option("--reason", help="Also run an OWL 2 RL reasoner (owlrl) and report inconsistencies."),
    ] = False,
) -> None:
    """Check a graph against the SHACL shapes (ontology/shapes.ttl): one line per violation, exit 1 if any."""
    from kg.api import validate as run_validate

    report, contradictions = run_validate(graph, ontology=ontology or (), reason=reason)
    for line in map(str, report.violations):
        typer.echo(line)
    for line in contradictions:
        typer.echo(f"OWL: {line}")
    violations = sum(1 for v in report.violations if v.severity == "Violation")
    if report.conforms and not contradictions:
        typer.echo(f"kg: {graph} conforms to the shapes" + (" and is consistent" if reason else ""), err=True)
        return
    problems = [f"{violations} violation{'' if violations == 1 else 's'}"] if not report.conforms else []
    if contradictions:
        problems.append(f"{len(contradictions)} inconsistenc{'y' if len(contradictions) == 1 else 'ies'}")
    typer.echo(f"kg: {graph} does not conform: {', '.join(problems)}", err=True)
    raise typer.Exit(1)


@app.command()
def export(
    graph: GraphPath,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (.graphml or .gexf), atomically.")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="graphml or gexf (default: from -o).")] = None,
) -> None:
    """Write the entity graph as GraphML or GEXF (Gephi, Cytoscape, yEd)."""
    from kg.api import export as run_export

    fmt = run_export(graph, output, format=format)
    typer.echo(f"kg: wrote {fmt} to {output}", err=True)


# Options shared by the analysis commands (centrality, trends, structure, ego, report).
TypeFilter = Annotated[
    list[str] | None,
    typer.Option("--type", help="Keep only entities of this type, e.g. Person (repeatable or comma-separated)."),
]
RelationFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        help="Keep only facts of this relation or its sub-properties: IRI, kgo:name or label (repeatable).",
    ),
]
Since = Annotated[str | None, typer.Option("--since", help="Keep only facts dated on or after YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option("--until", help="Keep only facts dated on or before YYYY-MM-DD.")]
MinConfidence = Annotated[
    float | None, typer.Option("--min-confidence", help="Keep only facts with at least this confidence (0 to 1).")
]
Concepts = Annotated[
    bool,
    typer.Option(
        "--concepts", help="Also rank concepts (unnamed things, events, reported claims), not only named actors."
    ),
]
ExactLimit = Annotated[
    int,
    typer.Option("--exact-limit", help="Exact betweenness, closeness and harmonic up to this many entities."),
]
SampleSize = Annotated[
    int, typer.Option("--sample-size", help="Above --exact-limit, estimate them from this many source entities.")
]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the sampling, of Louvain and of the drawing's layout.")]
TableFormat = Annotated[str, typer.Option("--format", help="table, csv, json or markdown.")]
_MEASURES = "degree,in_degree,out_degree,pagerank,betweenness,eigenvector,closeness,harmonic"


def _filters(types, relations, since, until, min_confidence, concepts):
    from kg.analysis import Filters

    return Filters.parse(
        types=types or (),
        relations=relations or (),
        since=since,
        until=until,
        min_confidence=min_confidence,
        concepts=concepts,
    )


def _columns(rows: list[dict[str, object]], format: str, empty: str = "no facts pass the filters") -> list[str]:
    if not rows:
        typer.echo(f"kg: note: nothing to show: {empty}", err=True)
    # IRIs are for machines: CSV and JSON carry them, tables for reading do not.
    return [c for c in (rows[0] if rows else ()) if c != "id" or format in ("csv", "json")]


@app.command()
def centrality(
    graph: GraphPath,
    measure: Annotated[str, typer.Option("--measure", help=f"Comma-separated, from: {_MEASURES}.")] = _MEASURES,
    top: Annotated[int, typer.Option("--top", "-n", help="Show the N most central entities (per window).")] = 10,
    format: TableFormat = "table",
    window: Annotated[
        str | None, typer.Option("--window", help="Rank each week or month of statement dates on its own.")
    ] = None,
    type: TypeFilter = None,
    relation: RelationFilter = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    concepts: Concepts = False,
    exact_limit: ExactLimit = 1000,
    sample_size: SampleSize = 200,
    seed: Seed = 42,
) -> None:
    """Rank the entities of a graph by centrality (NetworkX over the entity projection)."""
    from kg.api import rank, windows
    from kg.render import render_rows

    _choice(format, ("table", "csv", "json", "markdown"), "--format")
    measures = [m.strip() for m in measure.split(",") if m.strip()]
    options = {
        "measures": measures,
        "top": top,
        "filters": _filters(type, relation, since, until, min_confidence, concepts),
        "exact_limit": exact_limit,
        "sample_size": sample_size,
        "seed": seed,
    }
    if window is not None:
        rows = windows(graph, window=window, **options)
        title = f"Top {top} entities by {measures[0]}, per {window}"
    else:
        ranking = rank(graph, **options)
        rows, title = ranking.rows, f"Top {top} entities by {measures[0]}"
        if ranking.sample_size is not None:
            typer.echo(f"kg: note: betweenness, closeness and harmonic {ranking.method}", err=True)
    sys.stdout.write(render_rows(rows, format, columns=_columns(rows, format), title=title))


@app.command()
def trends(
    graph: GraphPath,
    window: Annotated[str, typer.Option("--window", help="week or month.")] = "week",
    measure: Annotated[str, typer.Option("--measure", help="The centrality measure to compare.")] = "pagerank",
    top: Annotated[int, typer.Option("--top", "-n", help="The N biggest rises and falls per pair of windows.")] = 5,
    format: TableFormat = "table",
    type: TypeFilter = None,
    relation: RelationFilter = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    concepts: Concepts = False,
    seed: Seed = 42,
) -> None:
    """Who rises and who falls in centrality between consecutive weeks or months."""
    from kg.api import trends as run_trends
    from kg.render import render_rows

    _choice(format, ("table", "csv", "json", "markdown"), "--format")
    filters = _filters(type, relation, since, until, min_confidence, concepts)
    rows = run_trends(graph, window=window, measure=measure, top=top, filters=filters, seed=seed)
    columns = _columns(rows, format, f"rises and falls need facts in two or more {window}s")
    sys.stdout.write(render_rows(rows, format, columns=columns, title=f"Rises and falls in {measure} per {window}"))


@app.command()
def structure(
    graph: GraphPath,
    format: TableFormat = "table",
    resolution: Annotated[
        float, typer.Option("--resolution", help="Louvain resolution: higher gives smaller communities.")
    ] = 1.0,
    type: TypeFilter = None,
    relation: RelationFilter = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    concepts: Concepts = False,
    seed: Seed = 42,
) -> None:
    """Each entity's community (Louvain), connected component and k-core number."""
    from kg.api import structure as run_structure
    from kg.render import render_rows

    _choice(format, ("table", "csv", "json", "markdown"), "--format")
    filters = _filters(type, relation, since, until, min_confidence, concepts)
    rows = run_structure(graph, filters=filters, seed=seed, resolution=resolution)
    sys.stdout.write(render_rows(rows, format, columns=_columns(rows, format), title="Communities, components, cores"))


@app.command()
def ego(
    graph: GraphPath,
    entity: Annotated[str, typer.Argument(help="The entity: its label, an alias or its IRI.")],
    radius: Annotated[int, typer.Option("--radius", "-r", help="Include entities up to this many steps away.")] = 1,
    format: Annotated[str, typer.Option("--format", help="table, json or markdown.")] = "table",
    type: TypeFilter = None,
    relation: RelationFilter = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    concepts: Concepts = False,
) -> None:
    """The ego network of an entity: its neighbours within --radius steps and the links among them."""
    from kg.api import ego as run_ego
    from kg.render import NETWORK_FORMATS, render_network

    _choice(format, NETWORK_FORMATS, "--format")
    filters = _filters(type, relation, since, until, min_confidence, concepts)
    network = run_ego(graph, entity, radius=radius, filters=filters)
    sys.stdout.write(render_network(network, format))


@app.command()
def report(
    graph: GraphPath,
    output: Annotated[Path, typer.Option("--output", "-o", help="Report file to write (.html or .md).")],
    format: Annotated[
        str | None, typer.Option("--format", help="html (one self-contained file) or markdown (default: from -o).")
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="Length of the top lists.")] = 10,
    window: Annotated[str, typer.Option("--window", help="week or month, for the timeline tables.")] = "week",
    colour_by: Annotated[
        str, typer.Option("--colour-by", help="Colour the drawing by community or type.")
    ] = "community",
    title: Annotated[str | None, typer.Option("--title", help="The report's title.")] = None,
    type: TypeFilter = None,
    relation: RelationFilter = None,
    since: Since = None,
    until: Until = None,
    min_confidence: MinConfidence = None,
    concepts: Concepts = False,
    exact_limit: ExactLimit = 1000,
    sample_size: SampleSize = 200,
    seed: Seed = 42,
) -> None:
    """Write a report: summary, top entities, communities, network drawing, timeline and every fact."""
    from kg.api import report as run_report

    written = run_report(
        graph,
        output,
        format=format,
        filters=_filters(type, relation, since, until, min_confidence, concepts),
        top=top,
        window=window,
        colour_by=colour_by,
        title=title,
        exact_limit=exact_limit,
        sample_size=sample_size,
        seed=seed,
    )
    typer.echo(f"kg: wrote {', '.join(map(str, written))}", err=True)


@app.command()
def serve(
    graph: GraphPath,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1 lets other machines in.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on (0: any free port).")] = 8000,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop a SPARQL query after this many seconds (the server goes on).")
    ] = 10.0,
    limit: Annotated[int, typer.Option("--limit", help="Return at most N rows (or triples) per query.")] = 10_000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the explorer in the web browser.")] = False,
) -> None:
    """Explore a graph in the browser (search, entities, articles, overview, SPARQL) and serve it over SPARQL 1.1."""
    from kg.serve.server import serve as run_serve

    run_serve(graph, host=host, port=port, timeout=timeout, limit=limit, open_browser=open_browser)


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Turn Ctrl-C, SIGTERM and SIGHUP into :class:`Interrupted`, so the run unwinds cleanly.

    Unwinding runs the ``finally`` blocks that remove temporary files, and an existing
    output is only ever replaced by a complete one. Signals the caller ignores (``nohup``,
    background jobs) stay ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]

    def stop(signum: int, frame: object) -> None:
        # A second signal must not cut the cleanup of the first one short.
        for number in signals:
            signal.signal(number, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {number: signal.getsignal(number) for number in signals}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising."""
    with _interruptible():
        return _run(argv)


def _fail(message: str, code: int) -> int:
    if _DEBUG["on"]:
        traceback.print_exc()
    typer.echo(f"kg: error: {' '.join(message.split())}", err=True)
    return code


def _run(argv: list[str] | None) -> int:
    try:
        code = app(args=argv, standalone_mode=False)
    except KGError as error:
        return _fail(str(error), error.exit_code)
    except Interrupted as stop:
        return _fail(str(stop), stop.exit_code)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        typer.echo("kg: error: interrupted", err=True)
        return 130
    except typer.TyperException as error:  # typer's own click: bad options and arguments
        message = " ".join(error.format_message().split())
        if message:  # without one (no arguments at all), typer has shown the help already
            typer.echo(f"kg: error: {message}", err=True)
        return error.exit_code
    except KeyboardInterrupt:
        typer.echo("kg: error: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line, and the traceback with --debug
        summary = " ".join(str(error).split())[:300]
        return _fail(f"unexpected {type(error).__name__}: {summary} (kg --debug shows the traceback)", 1)
    # Typer returns the code of a typer.Exit it caught, such as Ctrl-C outside our handler.
    return code if isinstance(code, int) else 0


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except Interrupted as stop:  # a signal in the instant after the run, as handlers are restored
        code = stop.exit_code
    sys.exit(code)
