"""SHACL validation: built graphs conform; broken facts are reported, one readable line each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

import kg
from kg.cli import main
from kg.rdf import read_graph
from kg.shacl import inconsistencies, shapes_file, validate

KGO = Namespace("https://example.org/kg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ENT = Namespace("https://example.org/kg/entity/")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-article.txt"


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_article) -> Path:
    path = tmp_path_factory.mktemp("validate") / "seed.ttl"
    kg.build([seed_article], output=path)
    return path


def test_validate_shapes_file_parses():
    shapes = Graph().parse(shapes_file(), format="turtle")
    assert len(shapes) > 50


def test_validate_empty_graph_conforms():
    report = validate(Graph())
    assert report.conforms and report.violations == ()


@pytest.mark.model
def test_validate_built_seed_graph_conforms(seed_file):
    report = validate(read_graph(seed_file))
    assert report.conforms, [str(v) for v in report.violations]


@pytest.mark.model
@pytest.mark.parametrize("suffix", ["ttl", "trig", "nq", "jsonld"])
def test_validate_built_sample_graph_conforms_in_every_format(tmp_path, suffix):
    path = tmp_path / f"sample.{suffix}"
    kg.build([SAMPLE], output=path)
    report = validate(read_graph(path))
    assert report.conforms, [str(v) for v in report.violations]


@pytest.mark.model
def test_validate_reports_an_entity_without_label(seed_file):
    graph = read_graph(seed_file)
    graph.remove((ENT["valery-gerasimov"], RDFS.label, None))
    report = validate(graph)
    assert not report.conforms
    (violation,) = report.violations
    assert violation.focus == "ent:valery-gerasimov"
    assert violation.path == "rdfs:label"
    assert "exactly one rdfs:label" in violation.message


@pytest.mark.model
def test_validate_reports_a_statement_without_source(seed_file):
    graph = read_graph(seed_file)
    statement = next(graph.subjects(RDF.type, KGO.Statement))
    graph.remove((statement, PROV.wasDerivedFrom, None))
    report = validate(graph)
    assert not report.conforms
    assert [(v.path, "kgo:Article" in v.message) for v in report.violations] == [("prov:wasDerivedFrom", True)]
    assert report.violations[0].focus.startswith("stmt:")


@pytest.mark.model
def test_validate_reports_each_statement_whose_triple_is_not_asserted(seed_file):
    # the one SPARQL constraint: run per statement, its query parsed once for all of them
    graph = read_graph(seed_file)
    plain = [s for s in graph.subjects(RDF.type, KGO.Statement) if graph.value(s, KGO.negated) == Literal(False)][:2]
    for statement in plain:
        graph.remove((graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate), None))
    found = [v for v in validate(graph).violations if "asserted" in v.message]
    assert len(plain) == 2
    assert {v.focus for v in found} >= {f"stmt:{str(s).rsplit('/', 1)[-1]}" for s in plain}


@pytest.mark.model
def test_validate_reports_bad_values(seed_file):
    graph = read_graph(seed_file)
    statement = next(graph.subjects(RDF.type, KGO.Statement))
    graph.set((statement, KGO.confidence, Literal(1.5)))
    end = graph.value(statement, KGO.subjectEnd).toPython()
    graph.set((statement, KGO.subjectStart, Literal(end + 1)))
    untyped = URIRef("https://example.org/kg/entity/nobody")
    graph.set((statement, RDF.object, untyped))
    violations = validate(graph).violations
    assert {"kgo:confidence", "kgo:subjectStart"} <= {v.path for v in violations}
    assert any(v.focus == "ent:nobody" for v in violations)


@pytest.mark.model
def test_validate_cli_exit_codes_and_one_line_per_violation(seed_file, tmp_path, capsys):
    assert main(["validate", str(seed_file)]) == 0
    assert "conforms" in capsys.readouterr().err
    graph = read_graph(seed_file)
    graph.remove((ENT["valery-gerasimov"], RDFS.label, None))
    statement = next(graph.subjects(RDF.type, KGO.Statement))
    graph.remove((statement, PROV.wasDerivedFrom, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    assert main(["validate", str(broken)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 2
    assert any(line.startswith("ent:valery-gerasimov rdfs:label: ") for line in lines)
    assert any(line.startswith("stmt:") and " prov:wasDerivedFrom: " in line for line in lines)
    assert "does not conform: 2 violations" in captured.err


def test_validate_cli_unreadable_graph_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("kg: error: ")


def test_validate_reasoner_finds_a_contradiction():
    graph = Graph()
    graph.add((ENT.x, RDF.type, KGO.Person))
    graph.add((ENT.x, RDF.type, KGO.Organization))
    found = inconsistencies(graph)
    assert found and "Person" in found[0] and "Organization" in found[0]


@pytest.mark.model
def test_validate_cli_reason_on_a_built_graph(seed_file, capsys):
    assert main(["validate", str(seed_file), "--reason"]) == 0
    assert "consistent" in capsys.readouterr().err
