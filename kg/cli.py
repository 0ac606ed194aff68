"""The ``kg`` command: a thin Typer layer over :mod:`kg.api`.

Library errors become a one-line ``kg: error: ...`` on stderr and an exit code here, and
only here: 2 for bad usage or input, 1 for a failure while running. ``--debug`` shows
the traceback instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import click
import typer

from kg import __version__
from kg.errors import KGError, UsageError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs from news articles: extract facts, write RDF, query, rank.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Inputs = Annotated[list[str], typer.Argument(help="Text files, folders of .txt files, .jsonl files, or - for stdin.")]
Model = Annotated[str, typer.Option("--model", "-m", help="Installed spaCy pipeline to parse with.")]
Ontology = Annotated[
    list[Path] | None,
    typer.Option("--ontology", help="Extra Turtle file extending the ontology or lexicon (repeatable)."),
]
Base = Annotated[str, typer.Option("--base", help="Namespace for entity, document and relation IRIs.")]
GraphPath = Annotated[Path, typer.Argument(help="Graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD).")]

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
) -> None:
    """Extract subject–relation–object triples with provenance."""
    from kg.api import extract as run_extract
    from kg.api import extract_open, triple_record
    from kg.report import render_rows

    _choice(format, ("jsonl", "table"), "--format")
    if open_ie:
        records = list(extract_open(inputs, model=model))
        if format == "jsonl":
            sys.stdout.write(render_rows(records, "jsonl"))
            return
        rows = [{"line": r["sentence_id"], "subject": r["arguments"][0], "relation": r["predicate"]["text"],
                 "object": " | ".join(r["arguments"][1:]), "confidence": r["confidence"]} for r in records]
        sys.stdout.write(render_rows(rows, "table"))
        return
    triples = run_extract(inputs, model=model, ontology=ontology or (), base=base)
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
    output: Annotated[Path, typer.Option("--output", "-o", help="Graph file to write (atomically).")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="turtle, trig, nt, nquads or json-ld (default: from -o).")
    ] = None,
    model: Model = "en_core_web_sm",
    ontology: Ontology = None,
    base: Base = "https://example.org/kg/",
) -> None:
    """Build an RDF graph of the articles and write it to a file."""
    from kg.api import build as run_build
    from kg.rdf import format_for

    format_for(output, format)  # reject a bad --format before the slow work
    graph = run_build(inputs, output=output, format=format, model=model, ontology=ontology or (), base=base)
    typer.echo(f"kg: wrote {len(graph)} triples to {output}", err=True)


@app.command()
def query(
    graph: GraphPath,
    sparql: Annotated[str | None, typer.Argument(help="SPARQL SELECT or ASK query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query over a graph file (prefixes kgo, rdf, rdfs, skos, prov, dcterms predeclared)."""
    from kg.api import query as run_query
    from kg.report import render_rows

    _choice(format, ("table", "csv", "json"), "--format")
    if (sparql is None) == (file is None):
        raise UsageError("give a query as text or with --file, not both or neither")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{file}: cannot read query ({getattr(error, 'strerror', None) or error})") from None
    result = run_query(graph, sparql)
    if result.boolean is not None:
        typer.echo("true" if result.boolean else "false")
        return
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    sys.stdout.write(render_rows(rows, format, columns=result.columns))


@app.command()
def centrality(
    graph: GraphPath,
    measure: Annotated[
        str, typer.Option("--measure", help="Comma-separated: degree,pagerank,betweenness,eigenvector,closeness.")
    ] = "degree,pagerank,betweenness,eigenvector,closeness",
    top: Annotated[int, typer.Option("--top", "-n", help="Show the N most central entities.")] = 10,
    format: Annotated[str, typer.Option("--format", help="table, csv, json or markdown.")] = "table",
) -> None:
    """Rank the entities of a graph by centrality (NetworkX over the entity projection)."""
    from kg.api import centrality as run_centrality
    from kg.report import render_rows

    _choice(format, ("table", "csv", "json", "markdown"), "--format")
    measures = [m.strip() for m in measure.split(",") if m.strip()]
    rows = run_centrality(graph, measures=measures, top=top)
    # IRIs are for machines: CSV and JSON carry them, tables for reading do not.
    columns = [c for c in ("id", "label", "type", *measures) if c != "id" or format in ("csv", "json")]
    sys.stdout.write(render_rows(rows, format, columns=columns, title=f"Top {top} entities by {measures[0]}"))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising."""
    try:
        app(args=argv, standalone_mode=False)
    except KGError as error:
        if _DEBUG["on"]:
            raise
        typer.echo(f"kg: error: {error}", err=True)
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.Abort:
        typer.echo("kg: error: interrupted", err=True)
        return 130
    except click.ClickException as error:
        typer.echo(f"kg: error: {error.format_message()}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("kg: error: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
