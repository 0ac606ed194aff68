"""The kg command end to end: the real CLI on the seed article, and its errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[1]


def run_kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``kg`` command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="module")
def seed_records(seed_article):
    result = run_kg("extract", str(seed_article), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory, seed_article):
    path = tmp_path_factory.mktemp("cli") / "graph.ttl"
    assert main(["build", str(seed_article), "-o", str(path)]) == 0
    return path


def _has(records, subject, predicate, obj):
    return any(
        r["subject"]["label"] == subject and r["predicate"]["label"] == predicate and r["object"]["label"] == obj
        for r in records
    )


def test_cli_extract_finds_award_and_discussion(seed_records):
    assert _has(seed_records, "Vladimir Putin", "awarded", "Valery Gerasimov")
    assert _has(seed_records, "Andriy Yermak", "discussed with", "Marco Rubio")


def test_cli_extract_jsonl_follows_the_schema(seed_records, seed_article):
    text = seed_article.read_text(encoding="utf-8").split("\n", 1)[1]
    for record in seed_records:
        assert set(record) >= {"doc", "sentence_id", "sentence", "subject", "predicate", "object", "confidence", "date"}
        assert set(record["predicate"]) >= {"id", "label", "lemma", "text"}
        for argument in (record["subject"], record["object"]):
            assert set(argument) >= {"id", "label", "type", "text", "start", "end"}
            assert text[argument["start"] : argument["end"]] == argument["text"]
        assert 0 < record["confidence"] <= 1
        assert record["date"] == "2025-09-09"


def test_cli_extract_has_no_pronoun_entities(seed_records):
    pronouns = {"he", "she", "it", "they", "him", "her", "them", "i", "we", "what", "that"}
    labels = {r[k]["label"].lower() for r in seed_records for k in ("subject", "object")}
    assert not labels & pronouns


def test_cli_extract_table(seed_article):
    result = run_kg("extract", str(seed_article), "--format", "table")
    assert result.returncode == 0
    assert "Gerasimov" in result.stdout


def test_cli_build_then_query_who_did_what_to_whom(seed_graph, capsys):
    sparql = """SELECT ?who ?did ?whom WHERE {
        ?s ?p ?o . ?p rdfs:label ?did . ?s rdfs:label ?who . ?o rdfs:label ?whom .
        ?s a kgo:Person . ?o a kgo:Person }"""
    assert main(["query", str(seed_graph), sparql, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "Vladimir Putin,awarded,Valery Gerasimov" in out


def test_cli_query_from_file_as_json(seed_graph, tmp_path, capsys):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?label WHERE { ?e a kgo:Person ; rdfs:label ?label } ORDER BY ?label", encoding="utf-8")
    assert main(["query", str(seed_graph), "-f", str(query), "--format", "json"]) == 0
    labels = [row["label"] for row in json.loads(capsys.readouterr().out)]
    assert "Valery Gerasimov" in labels


def test_cli_centrality_top_five_names_main_actors(seed_graph, capsys):
    assert main(["centrality", str(seed_graph), "--top", "5", "--format", "json"]) == 0
    top = {row["label"] for row in json.loads(capsys.readouterr().out)}
    assert len(top & {"Russia", "Ukraine", "Vladimir Putin", "Donald Trump", "United States"}) >= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "no-such-file.txt"], "no such file"),
        (["extract", "{empty}"], "empty"),
        (["query", "{graph}", "SELECT ?x WHERE {"], "SPARQL syntax error"),
        (["extract", "{seed}", "--format", "xml"], "unknown --format"),
        (["build", "{seed}", "-o", "{out}", "--format", "rdfxml"], "unknown format"),
        (["centrality", "{graph}", "--format", "pdf"], "unknown --format"),
        (["centrality", "{graph}", "--measure", "fame"], "unknown measure"),
        (["extract", "{seed}", "--model", "xx_no_such_model"], "not installed"),
        (["query", "{bad_graph}", "ASK {}"], "not valid turtle"),
    ],
    ids=[
        "missing",
        "empty",
        "sparql-syntax",
        "extract-format",
        "build-format",
        "centrality-format",
        "measure",
        "model",
        "bad-graph",
    ],
)
def test_cli_bad_input_gives_one_line_error(tmp_path, seed_article, seed_graph, args, message):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad_graph = tmp_path / "bad.ttl"
    bad_graph.write_text("<a> <b> .", encoding="utf-8")
    values = {
        "{empty}": str(empty),
        "{graph}": str(seed_graph),
        "{seed}": str(seed_article),
        "{out}": str(tmp_path / "out.ttl"),
        "{bad_graph}": str(bad_graph),
    }
    result = run_kg(*(values.get(a, a) for a in args))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.ttl").exists()


def test_cli_failed_build_leaves_existing_output_untouched(tmp_path):
    output = tmp_path / "graph.ttl"
    output.write_text("# an earlier graph\n", encoding="utf-8")
    result = run_kg("build", str(tmp_path / "missing.txt"), "-o", str(output))
    assert result.returncode == 2
    assert output.read_text(encoding="utf-8") == "# an earlier graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_cli_help_lists_every_command():
    result = run_kg("--help")
    assert result.returncode == 0
    for command in ("extract", "build", "query", "centrality"):
        assert command in result.stdout
