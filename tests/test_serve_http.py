"""``kg serve`` over HTTP, as other tools see it: the real server on a free port of 127.0.0.1.

The SPARQL endpoint is read by SPARQLWrapper (SELECT, ASK, CONSTRUCT) and by plain HTTP
(CSV, TSV, refusals); pages are checked for escaping and security headers.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from serving import HOSTILE_NAME, HOSTILE_SENTENCE, Server, entity_iri, serve_graph

from kg.cli import main

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, lexicon):
    path = tmp_path_factory.mktemp("serve") / "news.ttl"
    serve_graph(lexicon).serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def server(graph_file):
    running = Server(graph_file, "--timeout", "1.5", "--limit", "50")
    yield running
    running.stop()


def get(url: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def sparql_url(server: Server, query: str, **params: str) -> str:
    return server.url + "sparql?" + urllib.parse.urlencode({"query": query, **params})


def endpoint(server: Server):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.url + "sparql")
    client.setTimeout(30)
    return client


def test_serve_prints_one_line_with_the_url(server):
    assert len(server.lines) == 1
    assert server.lines[0].startswith("kg: serving ") and "http://127.0.0.1:" in server.lines[0]


def test_serve_sparqlwrapper_select(server):
    from SPARQLWrapper import JSON

    client = endpoint(server)
    client.setQuery("SELECT ?name WHERE { ?e a kgo:Person ; rdfs:label ?name } ORDER BY ?name")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    names = [row["name"]["value"] for row in rows]
    assert "Mara Voss" in names and HOSTILE_NAME in names
    assert rows[0]["name"]["type"] == "literal" and rows[0]["name"].get("xml:lang") == "en"


def test_serve_sparqlwrapper_ask_and_post(server):
    from SPARQLWrapper import JSON, POST

    client = endpoint(server)
    client.setQuery(f"ASK {{ <{entity_iri('Mara Voss')}> kgo:metWith <{entity_iri('Teodor Lind')}> }}")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    client.setMethod(POST)
    client.setQuery(f"ASK {{ <{entity_iri('Teodor Lind')}> kgo:metWith <{entity_iri('Ilse Brandt')}> }}")
    assert client.queryAndConvert()["boolean"] is False  # negated: described, not asserted


def test_serve_rdflib_sparqlstore_reads_the_endpoint(server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(server.url + "sparql", returnFormat="json"))
    rows = remote.query(
        "SELECT ?name WHERE { ?e a <https://example.org/kg/ontology#City> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    )
    assert [str(row[0]) for row in rows] == ["Kestrel"]


def test_serve_sparqlwrapper_construct(server):
    from rdflib import Graph, URIRef
    from SPARQLWrapper import TURTLE

    client = endpoint(server)
    client.setQuery("CONSTRUCT { ?s kgo:metWith ?o } WHERE { ?s kgo:metWith ?o }")
    client.setReturnFormat(TURTLE)
    found = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert set(found) == {
        (
            URIRef(entity_iri("Mara Voss")),
            URIRef("https://example.org/kg/ontology#metWith"),
            URIRef(entity_iri("Teodor Lind")),
        )
    }
    status, headers, body = get(sparql_url(server, f"DESCRIBE <{entity_iri('Kestrel')}>"), "application/n-triples")
    assert status == 200 and headers["content-type"].startswith("application/n-triples") and b"Kestrel" in body


def test_serve_sparqlwrapper_update_is_refused(server):
    from SPARQLWrapper import POST
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = endpoint(server)
    client.setMethod(POST)
    client.setQuery('INSERT DATA { <urn:x> <urn:y> "z" }')
    with pytest.raises((urllib.error.HTTPError, SPARQLWrapperException)) as refused:
        client.query()
    assert "403" in str(refused.value) or getattr(refused.value, "code", None) == 403
    status, _, body = get(sparql_url(server, "DELETE WHERE { ?s ?p ?o }"))
    assert status == 400 and b"SPARQL Update (DELETE WHERE) is not allowed" in body
    status, _, _ = get(sparql_url(server, 'ASK { <urn:x> <urn:y> "z" }'))
    assert status == 200


@pytest.mark.parametrize(
    ("accept", "kind", "head"),
    [
        ("text/csv", "text/csv", "name\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", "?name\n"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("application/sparql-results+json", "application/sparql-results+json", '{"'),
    ],
)
def test_serve_sparql_result_formats(server, accept, kind, head):
    status, headers, body = get(
        sparql_url(server, 'SELECT ?name WHERE { ?e rdfs:label ?name FILTER (?name = "Kestrel"@en) }'), accept
    )
    assert status == 200 and headers["content-type"].startswith(kind)
    text = body.decode()
    assert text.startswith(head) and "Kestrel" in text


def test_serve_sparql_refuses_remote_data(server):
    status, _, body = get(
        sparql_url(server, "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }")
    )
    assert status == 400 and b"would query a remote endpoint" in body
    status, _, body = get(sparql_url(server, "SELECT * FROM <https://example.com/data.ttl> WHERE { ?s ?p ?o }"))
    assert status == 400 and b"names no graph in the local data" in body
    status, _, body = get(sparql_url(server, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "https://x.org/"}))
    assert status == 400


def test_serve_sparql_caps_rows_and_cuts_slow_queries(server):
    status, headers, body = get(sparql_url(server, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and headers["x-kg-truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    status, _, body = get(sparql_url(server, SLOW))
    assert status == 504 and b"did not finish within the --timeout of 1.5 s" in body
    status, _, _ = get(server.url + "api/search?q=voss")
    assert status == 200  # still serving


def test_serve_pages_escape_text_and_send_a_csp(server):
    status, headers, body = get(
        server.url + "article?" + urllib.parse.urlencode({"id": "https://example.org/kg/doc/hostile"})
    )
    assert status == 200
    assert (
        "script-src 'self'" in headers["content-security-policy"]
        and "unsafe-inline" not in headers["content-security-policy"]
    )
    html = body.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "<script" not in html.replace('<script src="/static/', "")
    status, _, body = get(server.url + "entity?" + urllib.parse.urlencode({"id": entity_iri(HOSTILE_NAME)}))
    assert status == 200 and "&lt;img src=x onerror=alert(1)&gt;" in body.decode()
    assert HOSTILE_SENTENCE not in body.decode()


def test_serve_pages_answer_and_refuse(server):
    status, _, body = get(server.url + "api/search?q=lin")
    hits = json.loads(body)
    assert status == 200 and hits[0]["label"] == "Teodor Lind" and hits[0]["type"] == "Person" and hits[0]["facts"] == 4
    assert [h["label"] for h in json.loads(get(server.url + "api/search?q=the%20council")[2])] == ["Ostmark Council"]
    assert get(server.url + "entity?id=https://example.org/kg/entity/nobody")[0] == 404
    status, _, body = get(server.url + "?since=2025-03-20&until=2025-03-01")
    assert status == 400 and b"is after --until" in body
    status, _, body = get(server.url + "query?named=roles&format=csv")
    assert status == 200 and body.decode().splitlines()[0] == "holder,role,organization,title,statements"
    status, _, body = get(server.url + "query?named=timeline&run=1")
    assert status == 200 and b"needs --bind entity=VALUE" in body
    assert get(server.url + "static/vendor/cytoscape-3.35.0/cytoscape.min.js")[0] == 200


def test_serve_query_page_and_filters(server):
    query = "SELECT ?s ?name WHERE { ?s a kgo:City ; rdfs:label ?name }"
    status, _, body = get(server.url + "query?" + urllib.parse.urlencode({"sparql": query, "run": "1"}))
    assert status == 200 and f'href="/entity?id={urllib.parse.quote(entity_iri("Kestrel"), safe="")}"' in body.decode()
    status, headers, body = get(server.url + "query?" + urllib.parse.urlencode({"sparql": query, "format": "json"}))
    assert json.loads(body) == [{"s": entity_iri("Kestrel"), "name": "Kestrel"}]
    assert headers["content-disposition"] == 'attachment; filename="query.json"'
    status, _, body = get(
        server.url + "query?" + urllib.parse.urlencode({"sparql": "CONSTRUCT WHERE { ?s ?p ?o }", "run": "1"})
    )
    assert status == 200 and b"only SELECT and ASK queries are supported" in body
    assert b"6 facts" in get(server.url)[2]
    assert b"3 facts" in get(server.url + "?min_confidence=0.85")[2]
    assert b"3 facts" in get(server.url + "?since=2025-03-10")[2]
    consulted = "https://example.org/kg/ontology#consulted"
    ego = json.loads(
        get(server.url + "api/ego?" + urllib.parse.urlencode({"id": entity_iri("Teodor Lind"), "family": consulted}))[2]
    )
    assert {e["data"]["label"] for e in ego["elements"] if "source" not in e["data"]} == {"Teodor Lind", "Mara Voss"}


def test_serve_bad_arguments_are_one_line(graph_file, tmp_path, capsys):
    assert main(["serve", str(tmp_path / "missing.ttl")]) == 2
    assert capsys.readouterr().err == f"kg: error: {tmp_path / 'missing.ttl'}: no such graph file\n"
    assert main(["serve", str(graph_file), "--port", "70000"]) == 2
    assert capsys.readouterr().err == "kg: error: --port must be 0 to 65535, not 70000\n"
    assert main(["serve", str(graph_file), "--timeout", "0"]) == 2
    assert "--timeout must be a positive number" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", str(graph_file), "--port", str(taken.getsockname()[1])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: cannot listen on 127.0.0.1:") and err.count("\n") == 1


def test_serve_other_host_says_so_and_stops_on_sigterm(graph_file):
    running = Server(graph_file, "--host", "0.0.0.0")
    try:
        assert get(running.url.replace("0.0.0.0", "127.0.0.1") + "api/search?q=voss")[0] == 200
    finally:
        code = running.stop()
    assert "kg: warning: listening on 0.0.0.0: other machines can reach it" in "".join(running.lines)
    assert code == 143 and running.lines[-1] == "kg: error: interrupted by SIGTERM\n"
