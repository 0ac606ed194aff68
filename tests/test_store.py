"""The Oxigraph store: layout, idempotent additions, queries, merging people across additions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import GraphError, QueryError, UsageError
from kg.store import LocalStore, is_store, open_store, with_values

BASE = "https://example.org/kg/"
KGO = "https://example.org/kg/ontology#"
ARTICLES = {
    "summit": " date 2025-03-01 Summit in Paris\n"
    "French President Emmanuel Macron met Russian President Vladimir Putin in Paris on Monday.\n"
    "Macron criticised the Kremlin.\n",
    "strikes": " date 2025-03-02 Strikes\nPutin attacked Ukraine on Sunday.\nThe European Union sanctioned Russia.\n",
}


def _quads(location: Path) -> set[str]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(location))
    return {str(quad) for quad in store}


def _triples(article: str, count: int) -> list[tuple]:
    return [(URIRef(f"{BASE}statement/{article}-{n}"), URIRef(KGO + "sentenceIndex"), Literal(n)) for n in range(count)]


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in ARTICLES.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_store_write_twice_changes_nothing(tmp_path: Path):
    store = LocalStore(tmp_path / "store", writable=True)
    shared = [(URIRef(BASE + "doc/a"), RDF.type, URIRef(KGO + "Article"))]
    store.write(shared, {BASE + "doc/a": _triples("a", 5)})
    store.flush()
    first = {str(q) for q in store._store}
    store.write(shared, {BASE + "doc/a": _triples("a", 5)})
    assert {str(q) for q in store._store} == first
    assert store.size() == 6


def test_store_write_replaces_an_articles_graph_and_merges_the_default_graph(tmp_path: Path):
    store = LocalStore(tmp_path / "store", writable=True)
    store.write([(URIRef(BASE + "entity/a"), RDFS.label, Literal("A", lang="en"))], {BASE + "doc/a": _triples("a", 5)})
    store.write([(URIRef(BASE + "entity/b"), RDFS.label, Literal("B", lang="en"))], {BASE + "doc/a": _triples("a", 2)})
    result = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(result.rows) == 2
    labels = store.query("SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l")
    assert labels.rows == (("A",), ("B",))


def test_store_query_reads_the_union_and_binds_values(tmp_path: Path):
    store = LocalStore(tmp_path / "store", writable=True)
    store.write([(URIRef(BASE + "entity/kyiv"), RDFS.label, Literal("Kyiv", lang="en"))], {BASE + "doc/a": []})
    found = store.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER (STR(?l) = ?name) }", bindings={"name": "Kyiv"})
    assert found.rows == ((BASE + "entity/kyiv",),)
    missing = store.query("SELECT ?e WHERE { ?e rdfs:label ?l FILTER (STR(?l) = ?name) }", bindings={"name": "Kiev"})
    assert missing.rows == ()
    assert store.query("ASK { ?e rdfs:label ?l }").boolean is True


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("DELETE WHERE { ?s ?p ?o }", r"SPARQL Update \(DELETE WHERE\) is not allowed"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "only SELECT and ASK queries are supported, not CONSTRUCT"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "would query a remote endpoint"),
        ("SELEC ?s", "SPARQL syntax error"),
    ],
)
def test_store_query_is_read_only_and_local(tmp_path: Path, sparql: str, message: str):
    store = LocalStore(tmp_path / "store", writable=True)
    with pytest.raises(QueryError, match=message):
        store.query(sparql)


def test_store_query_limit_and_timeout(tmp_path: Path):
    store = LocalStore(tmp_path / "store", writable=True)
    store.write([], {BASE + "doc/a": _triples("a", 5)})
    store.close()
    reader = open_store(tmp_path / "store")
    limited = reader.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", limit=2)
    assert len(limited.rows) == 2 and limited.truncated
    timed = reader.query("SELECT ?s WHERE { ?s ?p ?o }", timeout=30)
    assert len(timed.rows) == 5
    with pytest.raises(UsageError):
        reader.query("ASK {}", limit=-1)


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?x }", 'SELECT ?s WHERE { VALUES (?x) { ("v") } ?s ?p ?x }'),
        ("ASK { ?s ?p ?x }", 'ASK { VALUES (?x) { ("v") } ?s ?p ?x }'),
        # Braces in comments and strings do not open the group; a "#" in an IRI starts no comment.
        (
            '# a { comment\nSELECT ("{" AS ?b) FROM <http://x/g#> WHERE { ?s ?p ?x }',
            '# a { comment\nSELECT ("{" AS ?b) FROM <http://x/g#> WHERE { VALUES (?x) { ("v") } ?s ?p ?x }',
        ),
    ],
)
def test_with_values_opens_the_where_group(sparql: str, expected: str):
    assert with_values(sparql, {"x": "v"}) == expected


def test_with_values_escapes_terms():
    text = with_values("SELECT * { ?s ?p ?x }", {"x": 'say "hi" } DROP ALL'})
    assert 'VALUES (?x) { ("say \\"hi\\" } DROP ALL") }' in text


def test_open_store_refuses_a_folder_that_is_not_a_store(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(GraphError, match="is a folder but not an Oxigraph store"):
        open_store(tmp_path, create=True)
    with pytest.raises(GraphError, match="no such store"):
        open_store(tmp_path / "missing")
    assert not is_store(tmp_path)


def test_a_store_in_use_by_a_writer_cannot_be_opened_for_writing(tmp_path: Path):
    writer = LocalStore(tmp_path / "store", writable=True)
    with pytest.raises(GraphError, match="another process is writing to it"):
        LocalStore(tmp_path / "store", writable=True)
    writer.close()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["build", "{a}"], "give one of -o FILE and --store STORE"),
        (["build", "{a}", "-o", "{tmp}/g.ttl", "--store", "{tmp}/s"], "give one of -o FILE and --store STORE"),
        (["build", "{a}", "--store", "{tmp}/s", "--jobs", "0"], "--jobs must be 1 or more, not 0"),
        (["build", "{a}", "--store", "{tmp}/s", "--format", "nt"], "--format goes with -o"),
        (["build", "{a}", "--store", "{tmp}/s", "--jobs", "2", "--dask", "tcp://127.0.0.1:1"], "not both"),
    ],
)
def test_cli_build_store_usage_errors(tmp_path: Path, capsys, arguments: list[str], message: str):
    article = tmp_path / "a.txt"
    article.write_text("Putin attacked Ukraine.", encoding="utf-8")
    argv = [a.replace("{a}", str(article)).replace("{tmp}", str(tmp_path)) for a in arguments]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.model
def test_store_readd_same_article_changes_nothing(tmp_path: Path, articles: dict[str, Path], capsys):
    store = tmp_path / "store"
    assert main(["build", str(articles["summit"]), "--store", str(store)]) == 0
    first = _quads(store)
    assert main(["build", str(articles["summit"]), "--store", str(store)]) == 0
    assert _quads(store) == first
    assert "added 1 articles" in capsys.readouterr().err


@pytest.mark.model
def test_store_of_one_article_is_the_graph_file(tmp_path: Path, articles: dict[str, Path]):
    from kg.api import build, build_store

    graph = build([articles["summit"]])
    load = build_store([articles["summit"]], tmp_path / "store")
    stored = open_store(tmp_path / "store").to_graph()
    assert isomorphic(graph, stored)
    assert load.triples >= len(stored) and load.articles == 1 and load.statements > 0


@pytest.mark.model
def test_store_merges_a_surname_with_a_stored_full_name(tmp_path: Path, articles: dict[str, Path]):
    from kg.api import build, build_store, query

    alone = build([articles["strikes"]])
    assert (None, RDFS.label, Literal("Putin", lang="en")) in alone  # on its own, only a surname
    store = tmp_path / "store"
    build_store([articles["summit"]], store)
    build_store([articles["strikes"]], store)
    putin = URIRef(BASE + "entity/vladimir-putin")
    attacks = query(str(store), "SELECT ?s WHERE { GRAPH ?g { ?s kgo:attacked ?o } }")
    assert attacks.rows == ((str(putin),),)
    labels = query(str(store), "SELECT ?l WHERE { ?e a kgo:Person ; rdfs:label ?l } ORDER BY ?l").rows
    assert ("Putin",) not in labels and ("Vladimir Putin",) in labels


@pytest.mark.model
def test_store_gives_a_stored_surname_the_full_name_added_later(tmp_path: Path, articles: dict[str, Path]):
    from kg.api import build_store, query

    later = tmp_path / "later"
    build_store([articles["strikes"]], later)  # "Putin" alone: stored as the person "Putin"
    assert ("Putin",) in query(str(later), "SELECT ?l WHERE { ?e a kgo:Person ; rdfs:label ?l }").rows
    build_store([articles["summit"]], later)
    attacks = query(str(later), "SELECT ?s WHERE { GRAPH ?g { ?s kgo:attacked ?o } }")
    assert attacks.rows == ((BASE + "entity/vladimir-putin",),)
    labels = query(str(later), "SELECT ?l WHERE { ?e a kgo:Person ; rdfs:label ?l }").rows
    assert ("Putin",) not in labels and ("Vladimir Putin",) in labels
    # The same store as when the full name came first: statements, aliases and all.
    first = tmp_path / "first"
    build_store([articles["summit"]], first)
    build_store([articles["strikes"]], first)
    assert _quads(later) == _quads(first)


@pytest.mark.model
def test_store_merges_across_batches_of_one_build(tmp_path: Path, articles: dict[str, Path], monkeypatch):
    import kg.parallel
    from kg.api import build_store, query

    monkeypatch.setattr(kg.parallel, "BATCH_SIZE", 1)
    # One article a batch: the surname in the second meets the full name only in the store.
    build_store([articles["summit"], articles["strikes"]], tmp_path / "store")
    attacks = query(str(tmp_path / "store"), "SELECT ?s WHERE { ?s kgo:attacked ?o }")
    assert attacks.rows == ((BASE + "entity/vladimir-putin",),)


@pytest.mark.model
def test_analysis_commands_read_a_store(tmp_path: Path, articles: dict[str, Path], capsys):
    store = tmp_path / "store"
    assert main(["build", str(articles["summit"]), str(articles["strikes"]), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["centrality", str(store), "--format", "csv", "--top", "3"]) == 0
    assert "Vladimir Putin" in capsys.readouterr().out
    assert main(["query", str(store), "--named", "who-did-what", "--bind", "entity=vladimir putin"]) == 0
    assert "attacked" in capsys.readouterr().out
    assert main(["ego", str(store), "Vladimir Putin", "--format", "json"]) == 0
    assert "Ukraine" in capsys.readouterr().out


def test_graph_of_a_store_round_trips(tmp_path: Path):
    store = LocalStore(tmp_path / "store", writable=True)
    graph = Graph()
    node = URIRef(BASE + "statement/1")
    graph.add((node, URIRef(KGO + "sentence"), Literal('Kyiv "said"\nso')))
    graph.add(
        (node, URIRef(KGO + "confidence"), Literal("0.9", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))
    )
    graph.add((node, RDFS.label, Literal("Київ", lang="uk")))
    graph.add((node, URIRef(KGO + "date"), Literal(dt.date(2025, 1, 2))))
    store.write([], {BASE + "doc/a": list(graph)})
    assert isomorphic(store.to_graph(), graph)


def test_store_writer_thread_raises_a_failed_write_and_stops(lexicon):
    from kg.extraction import ArticleFacts
    from kg.parallel import Extracted
    from kg.store import add_batches
    from kg.types import Article

    class Failing:
        location = "failing"

        def __init__(self):
            self.written: list[set[str]] = []

        def person_labels(self, person_class):
            return set()

        def write(self, shared, graphs):
            if len(self.written) == 1:
                raise GraphError("failing: disk full")
            self.written.append(set(graphs))

        def flush(self):
            pass

    def batch(number: int) -> list[Extracted]:
        article = Article(f"a{number}", "", None, "Nothing.", "test")
        return [Extracted(article, ArticleFacts((), ()), 1)]

    store = Failing()
    with pytest.raises(GraphError, match="disk full"):
        add_batches((batch(n) for n in range(5)), store, lexicon, base=BASE)
    assert store.written == [{BASE + "doc/a0"}]  # in order, and nothing after the failure


@pytest.mark.model
@pytest.mark.parametrize("acronym_first", [True, False], ids=["acronym-first", "full-name-first"])
def test_store_merges_an_acronym_with_its_full_name_from_another_article(tmp_path: Path, acronym_first: bool):
    from kg.api import build_store, query

    full = tmp_path / "vote.txt"
    full.write_text(" date 2025-04-01 Vote\nThe National Relief Front condemned the European Union.\n", "utf-8")
    short = tmp_path / "talks.txt"
    short.write_text(" date 2025-04-02 Talks\nThe NRF condemned Russia on Monday.\n", "utf-8")
    store = tmp_path / "store"
    for path in (short, full) if acronym_first else (full, short):
        build_store([path], store)
    subjects = query(str(store), "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s kgo:condemned ?o } }").rows
    assert subjects == ((BASE + "entity/national-relief-front",),)
    labels = query(str(store), "SELECT ?l WHERE { ?e rdfs:label ?l }").rows
    assert ("NRF",) not in labels
