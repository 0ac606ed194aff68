"""Named queries (ontology/queries/*.rq): parameters bound with initBindings, rows on the seed graph."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.plugins.sparql import prepareQuery

import kg
from kg.cli import main
from kg.errors import UsageError
from kg.named_queries import named_queries, named_query, parse_bindings, run_named_query

KGO = Namespace("https://example.org/kg/ontology#")
ENT = Namespace("https://example.org/kg/entity/")
EXPECTED = {"who-did-what", "about-entity", "timeline", "actions-of-family", "roles"}


def test_named_queries_are_bundled_and_documented():
    queries = named_queries()
    assert set(queries) >= EXPECTED
    for query in queries.values():
        assert query.description, query.name
        for parameter in query.parameters:
            assert parameter.description, (query.name, parameter.name)
            assert f"?{parameter.name}" in query.text, (query.name, parameter.name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_is_portable_sparql(name):
    # Each file declares its own prefixes, so it runs unchanged in another SPARQL store.
    prepared = prepareQuery(named_query(name).text)
    assert prepared.algebra.name == "SelectQuery"


def test_named_query_parameters_are_checked():
    query = named_query("about-entity")
    with pytest.raises(UsageError, match="needs --bind entity"):
        query.bindings({})
    with pytest.raises(UsageError, match="no parameter 'who'"):
        query.bindings({"entity": "x", "who": "y"})
    with pytest.raises(UsageError, match="no named query 'nope'"):
        named_query("nope")
    assert query.bindings({"entity": "Valery Gerasimov"}) == {"entity": Literal("Valery Gerasimov")}


def test_named_query_bindings_parse():
    assert parse_bindings(["entity=Valery Gerasimov", "family=a=b"]) == {"entity": "Valery Gerasimov", "family": "a=b"}
    for bad in (["entity"], ["=x"], ["a b=c"], ["x=1", "x=2"]):
        with pytest.raises(UsageError):
            parse_bindings(bad)


@pytest.fixture
def tiny() -> Graph:
    graph = Graph()
    for slug, name in (("putin", "Vladimir Putin"), ("gerasimov", "Valery Gerasimov")):
        graph.add((ENT[slug], RDF.type, KGO.Person))
        graph.add((ENT[slug], RDFS.label, Literal(name, lang="en")))
    graph.add((KGO.awarded, RDFS.label, Literal("awarded", lang="en")))
    statement = ENT["s1"]
    for prop, value in (
        (RDF.type, KGO.Statement),
        (RDF.subject, ENT.putin),
        (RDF.predicate, KGO.awarded),
        (RDF.object, ENT.gerasimov),
        (KGO.confidence, Literal(0.9)),
    ):
        graph.add((statement, prop, value))
    graph.add((ENT.putin, KGO.awarded, ENT.gerasimov))
    return graph


def test_named_query_matches_labels_whatever_their_language_tag_or_case(tiny):
    for value in ("Valery Gerasimov", "valery gerasimov", "VALERY GERASIMOV"):
        rows = run_named_query(tiny, "who-did-what", {"entity": value}).rows
        assert rows == (("Vladimir Putin", "awarded", "Valery Gerasimov", "1", "0.9"),)
    tiny.set((ENT.gerasimov, RDFS.label, Literal("Valery Gerasimov")))  # no language tag
    assert run_named_query(tiny, "who-did-what", {"entity": "Valery Gerasimov"}).rows


def test_named_query_values_are_never_pasted_into_the_query(tiny):
    size = len(tiny)
    hostile = 'x")) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert run_named_query(tiny, "who-did-what", {"entity": hostile}).rows == ()
    assert len(tiny) == size


# --- on the seed graph ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_article):
    path = tmp_path_factory.mktemp("named") / "seed.ttl"
    kg.build([seed_article], output=path)
    return path


SEED_BINDINGS = {
    "who-did-what": {},
    "about-entity": {"entity": "Valery Gerasimov"},
    "timeline": {"entity": "Valery Gerasimov"},
    "actions-of-family": {"family": "SANCTION"},
    "roles": {},
}


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(SEED_BINDINGS))
def test_named_query_returns_rows_on_the_seed_graph(seed_file, name):
    result = kg.api.named_query(seed_file, name, SEED_BINDINGS[name])
    assert result.rows, name


@pytest.mark.model
def test_named_query_about_gerasimov_has_sources(seed_file):
    result = kg.api.named_query(seed_file, "about-entity", {"entity": "Valery Gerasimov"})
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    award = [r for r in rows if r["subject"] == "Vladimir Putin" and r["relation"] == "awarded"]
    assert award and "Gerasimov" in award[0]["sentence"]
    assert all(r["source"].endswith("seed-article.txt") and r["article"] for r in rows)


@pytest.mark.model
def test_named_query_family_follows_the_hierarchy(seed_file):
    by_code = kg.api.named_query(seed_file, "actions-of-family", {"family": "ASSAULT"})
    by_name = kg.api.named_query(seed_file, "actions-of-family", {"family": "attacked"})
    assert by_code.rows and set(by_code.rows) == set(by_name.rows)
    assert {row[0] for row in by_code.rows} == {"ASSAULT"}


@pytest.mark.model
def test_named_query_cli(seed_file, capsys):
    assert main(["query", "--named"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in EXPECTED)
    args = ["query", str(seed_file), "--named", "about-entity", "--bind", "entity=Valery Gerasimov", "--format", "csv"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("role,subject,relation,object")
    assert "Vladimir Putin,awarded,Valery Gerasimov" in out
    assert main(["query", str(seed_file), "--named", "about-entity"]) == 2
    assert "needs --bind entity" in capsys.readouterr().err
    assert main(["query", str(seed_file), "SELECT * {}", "--bind", "x=1"]) == 2
    assert "--bind goes with --named" in capsys.readouterr().err


@pytest.mark.model
def test_readme_gerasimov_example_returns_the_award_with_its_sentence(seed_file):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sparql\n(.*?)```", readme, flags=re.S) if "Gerasimov" in b]
    assert blocks
    result = kg.api.query(seed_file, blocks[0])
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert any(r["relation"] == "awarded" and "Gerasimov" in r["sentence"] for r in rows)
